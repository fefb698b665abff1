// The progress line on stderr, printed by the main thread once a second from
// the per-worker counters. On a TTY the line is rewritten in place; otherwise
// (CI logs, files) a full line is printed every 5 seconds. A summary line is
// printed at the end even with -q. Formatting is pure and tested.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/net.hpp"

namespace smtpsweep::core {

/// "1,234,567"
std::string group_digits(std::uint64_t n);

/// What one progress line shows.
struct progress_view {
    std::chrono::duration<double> elapsed{0};  ///< since the run started
    std::uint64_t total = 0;                   ///< expected targets (estimate)
    double per_second = 0;                     ///< recent completion rate
    counters_snapshot counts;                  ///< summed counters
    const std::vector<std::string>* names = nullptr;  ///< status labels by index
    std::string suffix;  ///< extra text from the caller (e.g. writer queue depth)
};

/// "12.0s  45,210/196,608 (23.0%)  3,812/s  in-flight 1000  ETA 0:41  success 12 ..."
std::string format_progress(const progress_view& v);
/// "done in 12.0s: 196,608 probes, 16,384/s  success 12  refused 196,596"
std::string format_summary(const progress_view& v);

/// Prints progress lines and the summary to one FILE (stderr).
class progress_printer {
public:
    /// `periodic` false prints only the summary; `tty` selects in-place rewriting.
    progress_printer(std::FILE* out, bool periodic, bool tty, std::uint64_t total,
                     const std::vector<std::string>& names,
                     std::function<std::string()> suffix = {});
    /// Called once a second with the current sums.
    void tick(const counters_snapshot& counts);
    /// Prints the summary line (clearing an in-place line first).
    void finish(const counters_snapshot& counts);

private:
    progress_view view(const counters_snapshot& counts) const;

    std::FILE* out_;
    bool periodic_, tty_;
    std::uint64_t total_;
    const std::vector<std::string>& names_;
    std::function<std::string()> suffix_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_tick_ = start_, last_line_ = start_;
    std::uint64_t last_done_ = 0;
    double per_second_ = 0;
};

/// Ticks `printer` (then `on_tick`, if set) every second from `workers` until
/// cancelled (main thread).
awaitable<void> print_progress(progress_printer& printer,
                               const std::vector<std::unique_ptr<worker_counters>>& workers,
                               std::function<void(const counters_snapshot&)> on_tick = {});

}  // namespace smtpsweep::core
