// The engine turns a scan plan into probes: one io_context per worker thread,
// each running a fixed number of lane coroutines that pull targets from the
// worker's own cursor, pace new connections, and hand each target to the
// protocol-specific worker_probe. Protocol agnostic: it never sees a record.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/counters.hpp"
#include "core/net.hpp"
#include "targets/plan.hpp"

namespace smtpsweep::core {

/// Engine settings taken from the command line.
struct engine_options {
    unsigned threads = 1;                 ///< worker threads, each with its own io_context
    std::size_t concurrency = 1000;       ///< lanes (probes in flight) over all workers, exact
    double rate = 0;                      ///< new probes per second over all workers; 0 = unlimited
    bool progress = true;                 ///< print a progress line on stderr once a second
    std::vector<std::string> status_names;  ///< labels for per-status counts, by index
    std::vector<targets::cursor_position> resume_from;  ///< empty, or one per worker
    /// Per worker (empty = none): steps past resume_from already done, ascending; skipped.
    std::vector<std::vector<std::uint64_t>> resume_skip;
    /// Shared stop request: set by others (writer failure) to stop like SIGINT,
    /// and set by the engine on the first signal so others can see it.
    std::atomic<bool>* stop = nullptr;
    bool handle_signals = true;           ///< install the SIGINT/SIGTERM handler
    std::function<std::string()> progress_suffix;  ///< appended to each progress line (writer queue)
    bool summary = true;  ///< print the summary line at the end (off when logs are JSON)
    /// Called once a second on the main thread with the summed counters (live view).
    std::function<void(const counters_snapshot&)> on_tick;
};

/// Protocol logic of one worker; created and used on that worker's thread only.
class worker_probe {
public:
    virtual ~worker_probe() = default;
    /// Probes `t` and delivers exactly one record for it; returns its status index.
    virtual awaitable<std::size_t> probe(targets::target t) = 0;
    /// probe(t), told t's cursor step (source position().step right after next()).
    virtual awaitable<std::size_t> probe_at(targets::target t, std::uint64_t /*step*/) {
        return probe(t);
    }
};

/// Builds the worker_probe for worker `index`, on that worker's thread.
using probe_factory =
    std::function<std::unique_ptr<worker_probe>(net::io_context& ioc, unsigned index)>;

/// What a run did; positions make --resume exact.
struct run_result {
    bool interrupted = false;  ///< stopped early by SIGINT/SIGTERM or opts.stop
    bool aborted = false;      ///< second signal: in-flight probes were dropped; exit 1
    std::vector<targets::cursor_position> positions;  ///< one per worker
    std::uint64_t done = 0;                           ///< probes completed in this run
    std::vector<std::uint64_t> by_status;  ///< completed probes per status index
    std::uint64_t probe_failures = 0;      ///< probes that threw (bugs, logged); exit 1 if > 0
};

/// Workers actually used: min(threads, concurrency), at least 1. Every worker
/// gets at least one lane, so resume files hold this many positions.
unsigned effective_workers(const engine_options& opts);

/// Runs the scan to the end, or until the first SIGINT/SIGTERM (or *opts.stop)
/// stops new probes and in-flight ones finish. A second signal aborts. Blocks.
/// Raises RLIMIT_NOFILE and lowers concurrency if the hard limit is too low.
/// Throws std::invalid_argument if resume_from has the wrong size.
run_result run(const targets::plan& plan, const engine_options& opts,
               const probe_factory& make_probe);

/// One worker's supply of targets (a plan cursor in production, fakes in tests).
class target_source {
public:
    virtual ~target_source() = default;
    /// Next target, or nullopt at the end.
    virtual std::optional<targets::target> next() = 0;
    /// Position such that every target before it was handed out by next().
    virtual targets::cursor_position position() const = 0;
};

/// Makes the source of worker `index` of `workers`, starting at `from`.
using source_factory = std::function<std::unique_ptr<target_source>(
    unsigned index, unsigned workers, targets::cursor_position from)>;

/// run() over any target supply; `total` is the expected number of targets
/// (for progress only).
run_result run_sources(const source_factory& make_source, std::uint64_t total,
                       const engine_options& opts, const probe_factory& make_probe);

}  // namespace smtpsweep::core
