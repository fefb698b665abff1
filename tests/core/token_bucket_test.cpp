// Token bucket arithmetic with injected times: slots are spaced by the
// interval, idle time earns no burst, phases stagger workers, and 0 means
// unlimited.
#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/token_bucket.hpp"

using namespace smtpsweep::core;
using namespace std::chrono_literals;
using clock_t_ = token_bucket::clock;

TEST_CASE("an unlimited bucket never delays", "[core][token_bucket]") {
    auto const t0 = clock_t_::time_point{} + 1s;
    token_bucket b{0, 0, t0};
    CHECK(b.unlimited());
    for (int i = 0; i < 100; ++i) CHECK(b.reserve(t0) == t0);
}

TEST_CASE("back-to-back reservations are spaced by the interval", "[core][token_bucket]") {
    auto const rate = GENERATE(1.0, 10.0, 1000.0, 0.5);
    auto const t0 = clock_t_::time_point{} + 1s;
    token_bucket b{rate, 0, t0};
    auto const interval = b.interval();
    CHECK(std::chrono::duration<double>(interval).count() == Approx(1.0 / rate));
    for (int i = 0; i < 50; ++i) CHECK(b.reserve(t0) == t0 + i * interval);
}

TEST_CASE("idle time earns no burst", "[core][token_bucket]") {
    auto const t0 = clock_t_::time_point{} + 1s;
    token_bucket b{10, 0, t0};
    b.reserve(t0);
    auto const later = t0 + 10s;
    CHECK(b.reserve(later) == later);
    CHECK(b.reserve(later) == later + 100ms);
}

TEST_CASE("a phase staggers the first slot", "[core][token_bucket]") {
    auto const t0 = clock_t_::time_point{} + 1s;
    token_bucket b{4, 0.5, t0};
    CHECK(b.reserve(t0) == t0 + 125ms);
    CHECK(b.reserve(t0) == t0 + 375ms);
}

TEST_CASE("the rate is shared over workers", "[core][token_bucket]") {
    CHECK(per_worker_rate(0, 4) == 0);
    CHECK(per_worker_rate(100, 4) == Approx(25));
    CHECK(per_worker_rate(2, 4) == Approx(0.5));  // warns: below one per second
}

namespace {
awaitable<void> acquire_twice(token_bucket& b, int& acquired) {
    co_await b.acquire([] { return true; });
    ++acquired;
    co_await b.acquire([] { return true; });  // slot 1000 s away: gives up at once
    ++acquired;
}
}  // namespace

TEST_CASE("a waiting acquire gives up when asked to", "[core][token_bucket]") {
    smtpsweep::net::io_context ioc{1};
    token_bucket b{0.001};
    int acquired = 0;
    smtpsweep::net::co_spawn(ioc, acquire_twice(b, acquired), smtpsweep::net::detached);
    ioc.run();
    CHECK(acquired == 2);
}
