// Recent rates over a sliding window and the writer-lag estimate, on
// synthetic time points (no clocks, no sleeps).
#include <catch2/catch.hpp>

#include "scanner/live/rate_window.hpp"

using namespace smtpsweep::scanner::live;
using namespace std::chrono_literals;

TEST_CASE("rate window needs two samples", "[live][rate]") {
    rate_window w;
    CHECK(w.per_second() == 0);
    w.add(rate_window::clock::time_point{} + 1s, 100);
    CHECK(w.per_second() == 0);
}

TEST_CASE("rate window follows the recent rate, not the average", "[live][rate]") {
    rate_window w{5s};
    auto const t0 = rate_window::clock::time_point{};
    std::uint64_t count = 0;
    for (int s = 0; s <= 10; ++s, count += 1000) w.add(t0 + s * 1s, count);  // 1000/s
    CHECK(w.per_second() == Approx(1000));
    for (int s = 11; s <= 20; ++s, count += 10) w.add(t0 + s * 1s, count);  // then 10/s
    CHECK(w.per_second() == Approx(10));
}

TEST_CASE("rate window spans the whole window while it fills", "[live][rate]") {
    rate_window w{5s};
    auto const t0 = rate_window::clock::time_point{};
    w.add(t0, 0);
    w.add(t0 + 2s, 300);
    CHECK(w.per_second() == Approx(150));
}

TEST_CASE("writer lag is queue over write rate, or the stall time", "[live][rate]") {
    CHECK(writer_lag(0, 0, 30) == 0);       // nothing queued: no lag
    CHECK(writer_lag(500, 1000, 0) == Approx(0.5));
    CHECK(writer_lag(10, 0, 7.5) == 7.5);   // nothing written lately: how long it has stalled
}
