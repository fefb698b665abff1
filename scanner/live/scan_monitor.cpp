// See scan_monitor.hpp. With --log-format json the engine's own progress
// line and summary are switched off (they are plain text) and the same
// text, from core::format_progress / format_summary, goes through spdlog,
// so stderr carries nothing but JSON lines.
#include "scanner/live/scan_monitor.hpp"

#include <boost/system/system_error.hpp>
#include <spdlog/spdlog.h>

#include "core/progress.hpp"
#include "scanner/cli.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner::live {
namespace {

bool is_loopback(const std::string& address) {
    return address.rfind("127.", 0) == 0 || address == "::1" || address == "localhost";
}

std::unique_ptr<http_server> start_server(const std::optional<http_listen>& http,
                                          const stats_board& board) {
    if (!http) return nullptr;
    std::unique_ptr<http_server> server;
    try {
        server = std::make_unique<http_server>(http->address, http->port, board);
    } catch (const boost::system::system_error& e) {
        throw usage_error(http->address, fmt::format("--http: cannot listen on {} port {}: {}",
                                                     http->address, http->port, e.code().message()));
    }
    auto const host = http->address.find(':') == std::string::npos ? http->address
                                                                     : "[" + http->address + "]";
    spdlog::info("live view on http://{}:{}/ (metrics at /metrics)", host, server->port());
    if (!is_loopback(http->address))
        spdlog::warn("--http {}: the live view (scan progress and findings) is reachable beyond "
                     "this machine", http->address);
    return server;
}

core::progress_view view_of(const live_stats& s, const core::counters_snapshot& counts,
                            const std::vector<std::string>& names) {
    core::progress_view v;
    v.elapsed = std::chrono::duration<double>(s.elapsed_seconds);
    v.total = s.targets;
    v.per_second = s.probe_rate;
    v.counts = counts;
    v.names = &names;
    v.suffix = fmt::format("queued {}  written {}", s.writer_queued, s.records_written);
    return v;
}

}  // namespace

monitor_options monitor_options_for(const scan_options& opts, const targets::plan& plan,
                                    const core::engine_options& eo) {
    // As core::run: steps already taken approximate targets already done.
    std::uint64_t resumed = 0;
    for (const auto& p : eo.resume_from) resumed += p.step;
    monitor_options mo;
    mo.http = opts.http;
    mo.log_progress = opts.log_json && opts.verbosity >= 0;
    mo.targets = plan.shard_size() > resumed ? plan.shard_size() - resumed : 0;
    mo.workers = core::effective_workers(eo);
    mo.status_names = eo.status_names;
    return mo;
}

scan_monitor::scan_monitor(monitor_options opts)
    : opts_(std::move(opts)), findings_(opts_.workers) {
    board_.publish(make_stats({}, {}));
    server_ = start_server(opts_.http, board_);
}

live_stats scan_monitor::make_stats(const core::counters_snapshot& counts, writer_figures writer) {
    auto const now = std::chrono::steady_clock::now();
    probe_rate_.add(now, counts.done);
    write_rate_.add(now, writer.written);
    if (writer.written != last_written_ || writer.queued == 0) {
        last_written_ = writer.written;
        last_write_ = now;
    }
    live_stats s;
    s.elapsed_seconds = std::chrono::duration<double>(now - start_).count();
    s.targets = opts_.targets;
    s.done = counts.done;
    s.in_flight = counts.in_flight;
    s.probe_failures = counts.failures;
    s.probe_rate = probe_rate_.per_second();
    for (std::size_t i = 0; i < opts_.status_names.size(); ++i)
        s.by_status.push_back(
            {opts_.status_names[i], i < counts.by_status.size() ? counts.by_status[i] : 0});
    auto const found = findings_.totals();
    for (std::size_t i = 0; i < finding_count; ++i)
        s.findings.push_back({std::string{to_string(static_cast<finding>(i))}, found[i]});
    s.writer_queued = writer.queued;
    s.records_written = writer.written;
    s.writer_lag_seconds = writer_lag(writer.queued, write_rate_.per_second(),
                                      std::chrono::duration<double>(now - last_write_).count());
    s.build = current_build();
    return s;
}

void scan_monitor::tick(const core::counters_snapshot& counts, writer_figures writer) {
    auto s = make_stats(counts, writer);
    auto const now = std::chrono::steady_clock::now();
    if (opts_.log_progress && now - last_log_ >= std::chrono::seconds(5)) {
        spdlog::info("progress {}", core::format_progress(view_of(s, counts, opts_.status_names)));
        last_log_ = now;
    }
    board_.publish(std::move(s));
}

void scan_monitor::finish(const core::counters_snapshot& counts, writer_figures writer) {
    auto s = make_stats(counts, writer);
    s.finished = true;
    if (opts_.log_progress)
        spdlog::info("{}", core::format_summary(view_of(s, counts, opts_.status_names)));
    board_.publish(std::move(s));
    if (server_) server_->stop();
}

}  // namespace smtpsweep::scanner::live
