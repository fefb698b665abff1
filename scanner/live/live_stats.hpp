// What the live view shows: one plain value, built once a second on the
// engine's main thread (scan_monitor) and read by the HTTP thread through
// stats_board. Every renderer (/metrics, /status.json, /) is a pure function
// of it, so the formats are unit-tested without sockets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace smtpsweep::scanner::live {

/// A label and its count (a status or a finding id).
struct named_count {
    std::string name;         ///< spec spelling, e.g. "refused", "cert-expired"
    std::uint64_t count = 0;  ///< how many so far
};

/// Versions the binary was built with (smtpsweep_build_info).
struct build_info {
    std::string version;  ///< smtpsweep version
    std::string openssl;  ///< OpenSSL library version, e.g. "3.0.11"
    std::string boost;    ///< Boost version, e.g. "1.81.0"
};

/// One snapshot of a running scan.
struct live_stats {
    double elapsed_seconds = 0;           ///< since the scan started
    std::uint64_t targets = 0;            ///< targets planned for this run
    std::uint64_t done = 0;               ///< probes finished
    std::uint64_t in_flight = 0;          ///< probes started, not finished
    std::uint64_t probe_failures = 0;     ///< probes that threw (scanner bugs)
    double probe_rate = 0;                ///< probes finished per second, last few seconds
    std::vector<named_count> by_status;   ///< every status, spec order
    std::vector<named_count> findings;    ///< every finding id, spec order
    std::uint64_t writer_queued = 0;      ///< records queued, not yet taken by the writer
    std::uint64_t records_written = 0;    ///< records handed to the output sink
    double writer_lag_seconds = 0;        ///< see writer_lag() in rate_window.hpp
    bool finished = false;                ///< the engine has stopped
    build_info build;                     ///< versions
};

/// Percentage of planned targets done, 0..100 (0 when nothing is planned).
double percent_done(const live_stats& s);

/// Seconds until every planned target is done at the current rate; nullopt
/// when unknown (no rate yet) or nothing is left.
std::optional<double> eta_seconds(const live_stats& s);

/// Findings with a count > 0, most frequent first (ties by spec order), at most `n`.
std::vector<named_count> top_findings(const live_stats& s, std::size_t n);

/// The versions this binary was built with.
build_info current_build();

}  // namespace smtpsweep::scanner::live
