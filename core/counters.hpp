// Per-worker progress counters: the one crossing point between a worker
// thread (writes, relaxed) and the progress printer on the main thread
// (reads, relaxed, once a second). Each worker's block sits on its own cache
// lines so workers never false-share.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace smtpsweep::core {

/// Counters of one worker; written by that worker only.
struct alignas(64) worker_counters {
    /// Makes counters with `statuses` per-status slots.
    explicit worker_counters(std::size_t statuses)
        : by_status(std::make_unique<std::atomic<std::uint64_t>[]>(statuses)),
          statuses(statuses) {}

    std::atomic<std::uint64_t> done{0};       ///< probes finished
    std::atomic<std::uint64_t> in_flight{0};  ///< probes started, not finished
    std::atomic<std::uint64_t> failures{0};   ///< probes that threw
    std::unique_ptr<std::atomic<std::uint64_t>[]> by_status;  ///< finished, per status
    std::size_t statuses;                                     ///< slots in by_status

    /// Adds one to `a` (single writer, so a relaxed load+store suffices).
    static void bump(std::atomic<std::uint64_t>& a, std::int64_t by = 1) {
        a.store(a.load(std::memory_order_relaxed) + static_cast<std::uint64_t>(by),
                std::memory_order_relaxed);
    }
};

/// A sum over all workers, taken by the main thread.
struct counters_snapshot {
    std::uint64_t done = 0;       ///< probes finished
    std::uint64_t in_flight = 0;  ///< probes in flight
    std::uint64_t failures = 0;   ///< probes that threw
    std::vector<std::uint64_t> by_status;  ///< finished, per status
};

/// Sums the counters of every worker (relaxed reads).
counters_snapshot snapshot(const std::vector<std::unique_ptr<worker_counters>>& workers);

}  // namespace smtpsweep::core
