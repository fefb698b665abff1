// The composition root of a scan:
//
//   scan_options ──► targets::plan ──► core::run (workers x lanes)
//                                         │ scan_worker::probe → record
//                                         ▼
//                    core::writer<record> ──► output sink (NDJSON/CSV/SQLite)
//
// plus the --resume state around it. Exit status: 0 when the scan ran to its
// end or was stopped cleanly by SIGINT (the state file then says where), 1
// when the scanner itself failed (output error, aborted, a probe bug).
#include "scanner/scan.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/engine.hpp"
#include "core/writer.hpp"
#include "scanner/cli.hpp"
#include "scanner/output/sink_factory.hpp"
#include "scanner/resume.hpp"
#include "scanner/scan_worker.hpp"
#include "tls/trust_store.hpp"

namespace smtpsweep::scanner {
namespace {

void print_dry_run(const targets::plan& plan) {
    // Scan order of the whole shard: the union of the workers' sub-shards.
    auto c = plan.make_cursor(0, 1);
    std::string buf;
    buf.reserve(1 << 16);
    while (auto t = c.next()) {
        buf += targets::to_string(*t);
        buf += '\n';
        if (buf.size() > 60000) {
            std::fwrite(buf.data(), 1, buf.size(), stdout);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), stdout);
    std::fflush(stdout);
}

std::optional<resume_state> read_resume(const scan_options& opts) {
    if (!opts.resume) return std::nullopt;
    auto st = load_resume(*opts.resume);
    if (!st) return std::nullopt;
    if (st->plan_fingerprint != plan_fingerprint(opts.plan))
        throw usage_error(*opts.resume, "--resume '" + *opts.resume +
                                            "' was written for other targets, ports or "
                                            "exclusions; use the same command line");
    if (st->shards != opts.plan.shards || st->shard != opts.plan.shard)
        throw usage_error(*opts.resume, "--resume '" + *opts.resume +
                                            "' was written for another --shards/--shard");
    return st;
}

core::engine_options engine_options_for(const scan_options& opts,
                                        const std::optional<resume_state>& resumed) {
    core::engine_options eo;
    eo.threads = opts.threads;
    eo.concurrency = opts.concurrency;
    eo.rate = opts.rate;
    eo.progress = opts.verbosity >= 0;
    for (std::size_t i = 0; i < status_count; ++i)
        eo.status_names.emplace_back(to_string(static_cast<status>(i)));
    if (resumed) {
        const auto n = static_cast<unsigned>(resumed->positions.size());
        if (n != core::effective_workers(eo))
            spdlog::warn("--resume: continuing with {} worker threads, as the saved scan did", n);
        eo.threads = n;
        if (eo.concurrency < n) eo.concurrency = n;
        eo.resume_from = resumed->positions;
    }
    return eo;
}

resume_state state_after(const scan_options& opts, const targets::plan& plan,
                         const core::run_result& result) {
    resume_state st;
    st.plan_fingerprint = plan_fingerprint(opts.plan);
    st.seed = plan.seed();
    st.shards = plan.shards();
    st.shard = plan.shard();
    st.positions = result.positions;
    st.complete = true;
    for (const auto& p : st.positions) st.complete = st.complete && p.done;
    return st;
}

}  // namespace

int run_scan(const scan_options& opts) {
    const auto resumed = read_resume(opts);
    targets::plan_spec spec = opts.plan;
    if (resumed) spec.seed = resumed->seed;
    if (resumed && resumed->complete) {
        spdlog::info("--resume '{}': the scan is already complete", *opts.resume);
        return 0;
    }
    const auto plan = targets::plan::build(spec);
    if (opts.dry_run) {
        print_dry_run(plan);
        return 0;
    }
    if (!opts.seed_given && !resumed)
        spdlog::info("seed {} (pass --seed {} to repeat this order)", plan.seed(), plan.seed());
    const auto trust = tls::trust_store::load(opts.ca_file);
    auto eo = engine_options_for(opts, resumed);
    std::atomic<bool> stop{false};
    eo.stop = &stop;

    auto out = output::make_sink(opts.format, opts.output,
                                 resumed ? output::open_mode::append : output::open_mode::truncate);
    core::writer<record> writer(*out, core::effective_workers(eo), &stop);
    const probe_options po{opts.connect_timeout, opts.timeout, opts.ehlo, opts.relay_check};
    const auto result = core::run(plan, eo, [&](net::io_context&, unsigned index) {
        return std::make_unique<scan_worker>(index, po, trust, writer);
    });

    int exit_status = (result.aborted || result.probe_failures > 0) ? 1 : 0;
    try {
        writer.close();
    } catch (const core::writer_error& e) {
        // Records after the failure were dropped, so the positions overstate
        // what was written: keep the previous state file rather than lie.
        spdlog::error("output failed: {}; scan stopped", e.what());
        return 1;
    }
    if (opts.resume && !result.aborted) {
        save_resume(*opts.resume, state_after(opts, plan, result));
        if (result.interrupted) spdlog::info("stopped; continue with --resume {}", *opts.resume);
    }
    return exit_status;
}

}  // namespace smtpsweep::scanner
