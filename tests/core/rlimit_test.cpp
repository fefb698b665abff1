// File-descriptor limit fitting: raise the soft limit to what the lanes need,
// never above the hard limit nor below the current soft limit, and report a
// smaller usable concurrency when the hard limit is too low.
#include <catch2/catch.hpp>

#include <limits>

#include "core/rlimit.hpp"

using namespace smtpsweep::core;

TEST_CASE("the soft limit is raised to what the lanes need", "[core][rlimit]") {
    auto const fit = fit_nofile(1024, 1048576, 10000, 100);
    CHECK(fit.soft == 10100);
    CHECK(fit.concurrency == 10000);
}

TEST_CASE("a low hard limit lowers concurrency", "[core][rlimit]") {
    auto const fit = fit_nofile(1024, 4096, 10000, 96);
    CHECK(fit.soft == 4096);
    CHECK(fit.concurrency == 4000);
}

TEST_CASE("a high soft limit is never lowered", "[core][rlimit]") {
    auto const fit = fit_nofile(65536, 65536, 100, 64);
    CHECK(fit.soft == 65536);
    CHECK(fit.concurrency == 100);
}

TEST_CASE("an unlimited hard limit allows any concurrency", "[core][rlimit]") {
    auto const inf = std::numeric_limits<std::uint64_t>::max();
    auto const fit = fit_nofile(1024, inf, 200000, 64);
    CHECK(fit.soft == 200064);
    CHECK(fit.concurrency == 200000);
}

TEST_CASE("a hopeless limit still leaves one lane", "[core][rlimit]") {
    CHECK(fit_nofile(16, 16, 100, 64).concurrency == 1);
}

TEST_CASE("raising the real limit keeps a sane concurrency", "[core][rlimit]") {
    auto const got = raise_nofile_limit(100, 2);
    CHECK(got >= 1);
    CHECK(got <= 100);
}
