// Everything a scan reports while it runs, beyond the engine's own progress
// line: findings by id (counted by the workers), a live_stats snapshot
// published once a second from the engine's on_tick hook (main thread), the
// optional --http server, and with --log-format json the progress as
// periodic JSON log lines instead of the engine's text line.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/engine.hpp"
#include "scanner/live/finding_counters.hpp"
#include "scanner/live/http_server.hpp"
#include "scanner/live/rate_window.hpp"
#include "scanner/live/stats_board.hpp"
#include "scanner/scan_options.hpp"

namespace smtpsweep::scanner::live {

/// What scan_monitor needs to know about the run.
struct monitor_options {
    std::optional<http_listen> http;         ///< --http, or none
    bool log_progress = false;               ///< log progress lines via spdlog (json logs)
    std::uint64_t targets = 0;               ///< targets planned for this run
    unsigned workers = 1;                    ///< engine workers (finding counter blocks)
    std::vector<std::string> status_names;   ///< status labels by index
};

/// The monitor options of a scan: --http, --log-format, and what the engine will run
/// (targets left after --resume, workers, status names).
monitor_options monitor_options_for(const scan_options& opts, const targets::plan& plan,
                                    const core::engine_options& eo);

/// The writer's figures at one tick.
struct writer_figures {
    std::uint64_t queued = 0;   ///< records waiting
    std::uint64_t written = 0;  ///< records written so far
};

/// Live reporting of one scan; tick()/finish() from the engine's main thread only.
class scan_monitor {
public:
    /// Publishes an initial snapshot and starts the server when asked. Throws
    /// boost::system::system_error when the --http address cannot be bound.
    explicit scan_monitor(monitor_options opts);
    /// Counters the workers add findings to.
    finding_counters& findings() { return findings_; }
    /// Publishes a new snapshot; logs a progress line every 5 s when asked.
    void tick(const core::counters_snapshot& counts, writer_figures writer);
    /// Publishes the final snapshot, logs the summary when asked, stops the server.
    void finish(const core::counters_snapshot& counts, writer_figures writer);
    /// Port the server listens on, or 0 without --http.
    std::uint16_t port() const { return server_ ? server_->port() : 0; }

private:
    live_stats make_stats(const core::counters_snapshot& counts, writer_figures writer);

    monitor_options opts_;
    finding_counters findings_;
    stats_board board_;
    std::unique_ptr<http_server> server_;
    rate_window probe_rate_, write_rate_;
    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_write_ = start_, last_log_ = start_;
    std::uint64_t last_written_ = 0;
};

}  // namespace smtpsweep::scanner::live
