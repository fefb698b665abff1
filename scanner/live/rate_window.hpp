// Recent rates from monotonically growing counts: the probe rate shown as
// smtpsweep_probe_rate and the write rate behind the writer-lag estimate.
// Samples come once a second from the main thread; the rate is taken over
// the last `window` of them, so it reacts within seconds but does not jitter.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <utility>

namespace smtpsweep::scanner::live {

/// Rate of a growing count over a sliding time window.
class rate_window {
public:
    using clock = std::chrono::steady_clock;
    /// Rate over (at most) the last `window`.
    explicit rate_window(std::chrono::seconds window = std::chrono::seconds{5}) : window_(window) {}
    /// Records `count` at time `now` (times must not decrease).
    void add(clock::time_point now, std::uint64_t count);
    /// Units per second between the oldest kept sample and the newest; 0 with fewer than two.
    double per_second() const;

private:
    std::chrono::seconds window_;
    std::deque<std::pair<clock::time_point, std::uint64_t>> samples_;
};

/// Estimated seconds until `queued` records are written at `write_rate` per
/// second; 0 for an empty queue; `stalled_for` (time since the writer last
/// made progress) when nothing was written recently.
double writer_lag(std::uint64_t queued, double write_rate, double stalled_for);

}  // namespace smtpsweep::scanner::live
