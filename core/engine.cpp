// The engine: threads, lanes, signals and the end of a run.
//
//   main thread: io_context{1}            worker i (std::thread): io_context{1}
//   +---------------------------+         +-------------------------------------+
//   | signal_set SIGINT/SIGTERM |--stop-->| lanes x c/t: bucket -> next() ->    |
//   | progress ticker (1 s)     |<-atomic-|   probe (worker_probe, own ssl ctx) |
//   +---------------------------+ counters+-------------------------------------+
//                 ^                                  | records (scanner's job)
//                 | last worker done: stop()         v
//                 +------------------------ writer<Record> thread (core/writer.hpp)
//
// The only shared state: the stop flags, the padded counters, and stop() calls
// on io_contexts (thread-safe). A worker's lanes end when its source is dry or
// a stop is requested; its io_context::run() then returns by itself.
#include "core/engine.hpp"

#include <exception>
#include <stdexcept>
#include <thread>

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/signal_set.hpp>
#include <spdlog/spdlog.h>

#include "core/progress.hpp"
#include "core/rlimit.hpp"
#include "core/worker.hpp"

namespace smtpsweep::core {

namespace {

constexpr std::size_t default_statuses = 16;

/// State shared by the main thread's coroutines.
struct run_state {
    std::atomic<bool> own_stop{false};
    std::atomic<bool>* shared_stop = nullptr;
    bool aborted = false;
    std::vector<std::unique_ptr<worker_counters>> counters;
    std::vector<std::unique_ptr<worker>> workers;
};

awaitable<void> watch_signals(net::signal_set& signals, run_state& st) {
    for (int count = 0;;) {
        auto [ec, sig] = co_await signals.async_wait(token{});
        if (ec) co_return;
        if (++count == 1) {
            st.own_stop.store(true);
            if (st.shared_stop) st.shared_stop->store(true);
            spdlog::warn("signal {}: no new probes; waiting for in-flight ones "
                         "(signal again to abort)", sig);
            continue;
        }
        spdlog::error("signal {} again: aborting, in-flight probes are lost", sig);
        st.aborted = true;
        for (auto& w : st.workers) w->abort();
        co_return;
    }
}

void make_workers(run_state& st, const source_factory& make_source, const engine_options& opts,
                  const probe_factory& make_probe) {
    auto const n = effective_workers(opts);
    auto const concurrency = std::max<std::size_t>(n, raise_nofile_limit(opts.concurrency, n));
    auto const lanes = split_lanes(concurrency, n);
    auto const rate = per_worker_rate(opts.rate, n);
    auto const statuses = opts.status_names.empty() ? default_statuses : opts.status_names.size();
    for (unsigned i = 0; i < n; ++i) {
        st.counters.push_back(std::make_unique<worker_counters>(statuses));
        auto const from = opts.resume_from.empty() ? targets::cursor_position{} : opts.resume_from[i];
        st.workers.push_back(std::make_unique<worker>(worker_setup{
            i, lanes[i], rate, double(i) / n, make_source(i, n, from), &make_probe,
            stop_flags{&st.own_stop, opts.stop}, st.counters[i].get()}));
    }
}

/// Runs every worker on its own thread and the main io_context here until the
/// last worker is done; returns the first exception a worker thread threw.
std::exception_ptr run_threads(run_state& st, net::io_context& main_ioc) {
    std::atomic<std::size_t> finished{0};
    std::vector<std::exception_ptr> errors(st.workers.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < st.workers.size(); ++i)
        threads.emplace_back([&, i] {
            try {
                st.workers[i]->run();
            } catch (...) {  // e.g. make_probe failed: stop the others, rethrow in run()
                errors[i] = std::current_exception();
                st.own_stop.store(true);
            }
            if (++finished == st.workers.size()) main_ioc.stop();
        });
    main_ioc.run();
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) return e;
    return nullptr;
}

run_result collect(const run_state& st, const engine_options& opts) {
    run_result r;
    auto const sums = snapshot(st.counters);
    r.aborted = st.aborted;
    r.interrupted = st.own_stop.load() || (opts.stop && opts.stop->load()) || st.aborted;
    for (const auto& w : st.workers) r.positions.push_back(w->position());
    r.done = sums.done;
    r.by_status = sums.by_status;
    if (!opts.status_names.empty()) r.by_status.resize(opts.status_names.size());
    r.probe_failures = sums.failures;
    return r;
}

}  // namespace

unsigned effective_workers(const engine_options& opts) {
    auto const t = std::max(1u, opts.threads);
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, opts.concurrency)));
}

run_result run_sources(const source_factory& make_source, std::uint64_t total,
                       const engine_options& opts, const probe_factory& make_probe) {
    auto const n = effective_workers(opts);
    if (!opts.resume_from.empty() && opts.resume_from.size() != n)
        throw std::invalid_argument("resume state has " + std::to_string(opts.resume_from.size()) +
                                    " positions but the scan uses " + std::to_string(n) +
                                    " workers (use the same -t and -c as the stopped scan)");
    run_state st;
    st.shared_stop = opts.stop;
    make_workers(st, make_source, opts, make_probe);
    progress_printer printer{stderr, opts.progress, ::isatty(STDERR_FILENO) == 1, total,
                             opts.status_names, opts.progress_suffix};
    net::io_context main_ioc{1};
    net::signal_set signals{main_ioc};
    if (opts.handle_signals) {
        signals.add(SIGINT);
        signals.add(SIGTERM);
        net::co_spawn(main_ioc, watch_signals(signals, st), net::detached);
    }
    net::co_spawn(main_ioc, print_progress(printer, st.counters, opts.on_tick), net::detached);
    auto const error = run_threads(st, main_ioc);
    auto result = collect(st, opts);
    if (opts.summary) printer.finish(snapshot(st.counters));
    if (error) std::rethrow_exception(error);
    return result;
}

}  // namespace smtpsweep::core
