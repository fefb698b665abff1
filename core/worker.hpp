// One worker of the engine: a thread's io_context, its target source, its
// token bucket, its probe and its lanes. Everything here is touched by the
// worker thread only, except counters (relaxed atomics read by the progress
// printer) and abort() (io_context::stop is thread-safe).
#pragma once

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/counters.hpp"
#include "core/engine.hpp"
#include "core/stop_flags.hpp"
#include "core/token_bucket.hpp"

namespace smtpsweep::core {

/// Lanes per worker: concurrency / workers each, remainder one each to the first.
std::vector<std::size_t> split_lanes(std::size_t concurrency, unsigned workers);

/// What a worker needs; all pointers outlive the worker.
struct worker_setup {
    unsigned index = 0;                      ///< worker number, passed to make_probe
    std::size_t lanes = 1;                   ///< lane coroutines to run
    double rate = 0;                         ///< this worker's probes per second, 0 = unlimited
    double phase = 0;                        ///< stagger of the first rate slot, [0,1)
    std::unique_ptr<target_source> source;   ///< this worker's targets
    const probe_factory* make_probe = nullptr;  ///< builds the probe on the worker thread
    stop_flags stopping;                     ///< when to stop taking targets
    worker_counters* counters = nullptr;     ///< this worker's progress counters
};

/// A worker; construct on the main thread, run() on its own thread.
class worker {
public:
    /// Prepares the worker (no thread, no probe yet).
    explicit worker(worker_setup setup);
    worker(const worker&) = delete;
    worker& operator=(const worker&) = delete;

    /// Builds the probe, runs all lanes to completion; on this worker's thread.
    void run();
    /// Drops in-flight probes and makes run() return now; any thread.
    void abort() { ioc_.stop(); }
    /// Cursor position after run() (exact unless aborted).
    targets::cursor_position position() const { return position_; }

private:
    awaitable<void> lane();
    awaitable<void> probe_one(targets::target t, std::uint64_t step);
    void count_failure(const targets::target* t, const char* what);

    worker_setup setup_;
    std::unique_ptr<worker_probe> probe_;  // declared before ioc_: outlives pending frames
    net::io_context ioc_{1};
    token_bucket bucket_;
    targets::cursor_position position_;
    bool dry_ = false;  // source returned nullopt: waiting lanes need no slot
};

}  // namespace smtpsweep::core
