// The worker thread and its lanes. A lane is a long-lived coroutine that
// takes a rate slot, then a target, then probes it, until the source runs dry
// or a stop is requested; a worker runs exactly `lanes` of them, so the
// engine's concurrency is an exact bound with no spawning per target. When
// the last lane ends, io_context::run() returns by itself (no work guard).
#include "core/worker.hpp"

#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace smtpsweep::core {

namespace {
std::string describe(const targets::target& t) {
    return fmt::format("{}.{}.{}.{}:{}", t.ip >> 24, (t.ip >> 16) & 255, (t.ip >> 8) & 255,
                       t.ip & 255, t.port);
}
}  // namespace

std::vector<std::size_t> split_lanes(std::size_t concurrency, unsigned workers) {
    std::vector<std::size_t> lanes(workers, workers ? concurrency / workers : 0);
    for (std::size_t i = 0; workers && i < concurrency % workers; ++i) ++lanes[i];
    return lanes;
}

worker::worker(worker_setup setup)
    : setup_(std::move(setup)), bucket_(setup_.rate, setup_.phase) {}

void worker::run() {
    probe_ = (*setup_.make_probe)(ioc_, setup_.index);
    for (std::size_t i = 0; i < setup_.lanes; ++i)
        net::co_spawn(ioc_, lane(), [this](std::exception_ptr e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                count_failure(nullptr, ex.what());
            }
        });
    ioc_.run();
    position_ = setup_.source->position();
}

awaitable<void> worker::lane() {
    while (!setup_.stopping()) {
        // No rate: no coroutine frame nor std::function per probe.
        if (!bucket_.unlimited()) {
            co_await bucket_.acquire([this] { return dry_ || setup_.stopping(); });
            if (setup_.stopping()) break;
        }
        auto const t = setup_.source->next();
        if (!t) {
            dry_ = true;
            break;
        }
        co_await probe_one(*t, setup_.source->position().step);
    }
}

// A probe that throws is a bug in probe code: the target gets no record, so
// it is logged with its address and counted; main exits 1 (run_result).
awaitable<void> worker::probe_one(targets::target t, std::uint64_t step) {
    auto& c = *setup_.counters;
    worker_counters::bump(c.in_flight);
    try {
        auto const status = co_await probe_->probe_at(t, step);
        if (status >= c.statuses)
            throw std::out_of_range(fmt::format("status index {} out of range", status));
        worker_counters::bump(c.by_status[status]);
    } catch (const std::exception& e) {
        count_failure(&t, e.what());
    }
    worker_counters::bump(c.in_flight, -1);
    worker_counters::bump(c.done);
}

void worker::count_failure(const targets::target* t, const char* what) {
    spdlog::error("bug: probe of {} threw: {}", t ? describe(*t) : std::string("a lane"), what);
    worker_counters::bump(setup_.counters->failures);
}

}  // namespace smtpsweep::core
