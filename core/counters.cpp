// Summing of per-worker counters for the progress line and the run result.
#include "core/counters.hpp"

namespace smtpsweep::core {

counters_snapshot snapshot(const std::vector<std::unique_ptr<worker_counters>>& workers) {
    counters_snapshot s;
    for (const auto& w : workers) {
        s.done += w->done.load(std::memory_order_relaxed);
        s.in_flight += w->in_flight.load(std::memory_order_relaxed);
        s.failures += w->failures.load(std::memory_order_relaxed);
        if (s.by_status.size() < w->statuses) s.by_status.resize(w->statuses);
        for (std::size_t i = 0; i < w->statuses; ++i)
            s.by_status[i] += w->by_status[i].load(std::memory_order_relaxed);
    }
    return s;
}

}  // namespace smtpsweep::core
