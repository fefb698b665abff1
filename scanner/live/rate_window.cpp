// See rate_window.hpp.
#include "scanner/live/rate_window.hpp"

namespace smtpsweep::scanner::live {

void rate_window::add(clock::time_point now, std::uint64_t count) {
    samples_.emplace_back(now, count);
    // Keep one sample at or before the window start so the span covers the window.
    while (samples_.size() > 2 && now - samples_[1].first >= window_) samples_.pop_front();
}

double rate_window::per_second() const {
    if (samples_.size() < 2) return 0;
    auto const& [t0, c0] = samples_.front();
    auto const& [t1, c1] = samples_.back();
    std::chrono::duration<double> const dt = t1 - t0;
    if (dt.count() <= 0 || c1 < c0) return 0;
    return double(c1 - c0) / dt.count();
}

double writer_lag(std::uint64_t queued, double write_rate, double stalled_for) {
    if (queued == 0) return 0;
    if (write_rate <= 0) return stalled_for;
    return double(queued) / write_rate;
}

}  // namespace smtpsweep::scanner::live
