// The composition root of a scan:
//
//   scan_options ──► targets::plan ──► core::run (workers x lanes)
//                                         │ scan_worker::probe → record
//                                         ▼
//                    core::writer<record> ──► output sink (NDJSON/CSV/SQLite)
//
// plus the --resume state around it. With --resume and an NDJSON/CSV file
// the writer checkpoints twice a second (output fsynced first, then the
// state saying how many bytes hold which targets), so after kill -9 a resume
// cuts the output back to the checkpoint and goes on: every target exactly
// once. Exit status: 0 when the scan ran to its end or was stopped cleanly
// by SIGINT (the state file then says where), 1 when the scanner itself
// failed (output error such as a full disk, aborted, a probe bug).
#include "scanner/scan.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/engine.hpp"
#include "core/writer.hpp"
#include "scanner/cli.hpp"
#include "scanner/live/scan_monitor.hpp"
#include "scanner/etiquette.hpp"
#include "scanner/output/sink_factory.hpp"
#include "scanner/resume.hpp"
#include "scanner/scan_worker.hpp"
#include "targets/port_list.hpp"
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
        eo.resume_skip = resumed->completed;
    }
    return eo;
}

/// Wide scans without --rate get the polite default (etiquette.hpp).
void apply_etiquette(const scan_options& opts, const targets::plan& plan,
                     core::engine_options& eo) {
    const auto ports = targets::parse_port_list(opts.plan.ports, "-p").size();
    if (const auto rate = etiquette_rate(opts.rate_given, plan.space_size(), ports)) {
        eo.rate = *rate;
        spdlog::info("more than a /16 of addresses and no --rate: limiting to {:.0f} new "
                     "connections per second (pass --rate N to choose, 0 = unlimited)",
                     *rate);
    }
}

resume_state state_base(const scan_options& opts, const targets::plan& plan) {
    resume_state st;
    st.plan_fingerprint = plan_fingerprint(opts.plan);
    st.seed = plan.seed();
    st.shards = plan.shards();
    st.shard = plan.shard();
    return st;
}

resume_state state_after(const scan_options& opts, const targets::plan& plan,
                         const core::run_result& result) {
    resume_state st = state_base(opts, plan);
    st.positions = result.positions;
    st.completed.resize(st.positions.size());
    st.complete = true;
    for (const auto& p : st.positions) st.complete = st.complete && p.done;
    return st;
}

/// Saves crash-safe checkpoints: output fsynced first, then the state that
/// points at it. Runs on the writer thread (and once before the scan starts).
struct checkpointer {
    const scan_options& opts;
    const targets::plan& plan;
    output::byte_stream_output& out;
    std::uint64_t saved_bytes = 0;  // output size of the last saved state

    void save(const std::vector<core::lane_progress>& progress) {
        resume_state st = state_base(opts, plan);
        for (const auto& p : progress) {
            st.positions.push_back({p.position, false});
            st.completed.push_back(p.completed);
        }
        st.output_bytes = out.sync();
        save_resume(*opts.resume, st);
        saved_bytes = *st.output_bytes;
    }
};

/// Flushed progress the resumed scan starts with (one per worker).
std::vector<core::lane_progress> progress_of(const std::optional<resume_state>& resumed,
                                             unsigned workers) {
    std::vector<core::lane_progress> p(workers);
    for (std::size_t i = 0; resumed && i < p.size() && i < resumed->positions.size(); ++i) {
        p[i].position = resumed->positions[i].step;
        if (i < resumed->completed.size()) p[i].completed = resumed->completed[i];
    }
    return p;
}

/// Writer options for crash-safe checkpoints when --resume writes to an
/// NDJSON/CSV file (`cp` is set then, and the starting state saved at once).
core::writer_options checkpointing(const scan_options& opts, const targets::plan& plan,
                                   const std::optional<resume_state>& resumed, unsigned workers,
                                   core::sink<record>& out, std::optional<checkpointer>& cp) {
    core::writer_options wo;
    auto* bytes = dynamic_cast<output::byte_stream_output*>(&out);
    if (!opts.resume || !bytes || !bytes->seekable()) return wo;
    cp.emplace(checkpointer{opts, plan, *bytes});
    wo.resume_from = progress_of(resumed, workers);
    cp->save(wo.resume_from);
    wo.checkpoint = [&cp](const std::vector<core::lane_progress>& p) { cp->save(p); };
    return wo;
}

/// With a checkpointed byte offset, cuts a torn record (and whatever came
/// after the checkpoint) off the output before appending to it.
void cut_output_back(const scan_options& opts, const std::optional<resume_state>& resumed) {
    if (resumed && resumed->output_bytes && opts.output != "-" &&
        (opts.format == "ndjson" || opts.format == "csv"))
        output::truncate_output(opts.output, *resumed->output_bytes);
}

int report_output_failure(const scan_options& opts, const core::writer_error& e,
                          const checkpointer* cp) {
    if (!cp) {
        spdlog::error("output failed: {}; scan stopped", e.what());
        return 1;
    }
    // The sink is closed by now, so no buffered bytes can land after the cut.
    output::truncate_output(opts.output, cp->saved_bytes);
    spdlog::error("output failed: {}; scan stopped. '{}' keeps its first {} bytes of whole "
                  "records; after fixing the output, continue with --resume {}",
                  e.what(), opts.output, cp->saved_bytes, *opts.resume);
    return 1;
}

/// Closes the writer and saves the final --resume state; the exit status.
int finish(const scan_options& opts, const targets::plan& plan, const core::run_result& result,
           std::optional<core::writer<record>>& writer,
           std::unique_ptr<core::sink<record>>& out, std::optional<checkpointer>& cp) {
    try {
        writer->close();
    } catch (const core::writer_error& e) {
        // Records after the failure were dropped: the engine's positions
        // overstate what was written, so the last checkpoint stands.
        writer.reset();
        out.reset();
        return report_output_failure(opts, e, cp ? &*cp : nullptr);
    }
    if (opts.resume && !result.aborted) {
        auto st = state_after(opts, plan, result);
        if (cp) st.output_bytes = cp->out.sync();
        save_resume(*opts.resume, st);
        if (result.interrupted) spdlog::info("stopped; continue with --resume {}", *opts.resume);
    }
    return (result.aborted || result.probe_failures > 0) ? 1 : 0;
}

/// Runs the engine over `plan` with the writer, sink, checkpoints and live view.
int execute(const scan_options& opts, const targets::plan& plan,
            const std::optional<resume_state>& resumed) {
    const auto trust = tls::trust_store::load(opts.ca_file);
    auto eo = engine_options_for(opts, resumed);
    apply_etiquette(opts, plan, eo);
    std::atomic<bool> stop{false};
    eo.stop = &stop;
    const unsigned workers = core::effective_workers(eo);

    cut_output_back(opts, resumed);
    auto out = output::make_sink(opts.format, opts.output,
                                 resumed ? output::open_mode::append : output::open_mode::truncate);
    std::optional<checkpointer> cp;
    auto wo = checkpointing(opts, plan, resumed, workers, *out, cp);
    std::optional<core::writer<record>> writer;
    writer.emplace(*out, workers, &stop, wo);
    live::scan_monitor monitor{live::monitor_options_for(opts, plan, eo)};
    eo.on_tick = [&](const core::counters_snapshot& c) {
        monitor.tick(c, {writer->queued(), writer->written()});
    };
    if (opts.log_json) eo.progress = eo.summary = false;  // monitor logs them as JSON
    const probe_options po{opts.connect_timeout, opts.timeout, opts.ehlo, opts.relay_check};
    const auto result = core::run(plan, eo, [&](net::io_context&, unsigned index) {
        return std::make_unique<scan_worker>(index, po, trust, *writer, &monitor.findings());
    });
    monitor.finish({result.done, 0, result.probe_failures, result.by_status},
                   {writer->queued(), writer->written()});
    return finish(opts, plan, result, writer, out, cp);
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
    return execute(opts, plan, resumed);
}

}  // namespace smtpsweep::scanner
