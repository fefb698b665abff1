// The engine turns a scan plan into probes: one io_context per worker thread,
// each running a fixed number of lane coroutines that pull targets from the
// worker's own cursor, pace new connections, and hand each target to the
// protocol-specific worker_probe. Protocol agnostic: it never sees a record.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

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
    std::vector<targets::cursor_position> resume_from;  ///< empty, or one per thread
};

/// Protocol logic of one worker; created and used on that worker's thread only.
class worker_probe {
public:
    virtual ~worker_probe() = default;
    /// Probes `t` and delivers exactly one record for it; returns its status index.
    virtual awaitable<std::size_t> probe(targets::target t) = 0;
};

/// Builds the worker_probe for worker `index`, on that worker's thread.
using probe_factory =
    std::function<std::unique_ptr<worker_probe>(net::io_context& ioc, unsigned index)>;

/// What a run did; positions make --resume exact.
struct run_result {
    bool interrupted = false;                         ///< stopped by SIGINT/SIGTERM
    std::vector<targets::cursor_position> positions;  ///< one per worker
    std::uint64_t done = 0;                           ///< probes completed in this run
    std::vector<std::uint64_t> by_status;             ///< completed probes per status index
};

/// Runs the scan to the end, or until the first SIGINT/SIGTERM stops new probes
/// and in-flight ones finish. A second signal aborts (exit 1). Blocks.
run_result run(const targets::plan& plan, const engine_options& opts,
               const probe_factory& make_probe);

}  // namespace smtpsweep::core
