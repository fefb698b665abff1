// Engine properties with network-free probes: every target is probed exactly
// once for any threads x concurrency x size, a stop (external flag or SIGINT)
// leaves exact positions from which a resumed run covers the rest with no
// duplicates, and a probe that throws is counted, not lost silently.
#include <catch2/catch.hpp>

#include <numeric>

#include "core/engine.hpp"
#include "core/worker.hpp"
#include "tests/core/fakes.hpp"

using namespace smtpsweep;
using namespace smtpsweep::core;
using namespace smtpsweep::core::test;

namespace {
std::vector<std::uint64_t> iota_to(std::uint64_t n) {
    std::vector<std::uint64_t> v(n);
    std::iota(v.begin(), v.end(), 0);
    return v;
}

engine_options quiet(unsigned threads, std::size_t concurrency) {
    engine_options o;
    o.threads = threads;
    o.concurrency = concurrency;
    o.progress = false;
    o.status_names = {"zero", "one", "two"};
    return o;
}
}  // namespace

TEST_CASE("lanes are split exactly over workers", "[core][engine]") {
    auto const c = GENERATE(1u, 3u, 64u, 1000u, 1001u);
    auto const t = GENERATE(1u, 2u, 3u, 4u, 7u);
    auto const lanes = split_lanes(c, t);
    REQUIRE(lanes.size() == t);
    CHECK(std::accumulate(lanes.begin(), lanes.end(), std::size_t{0}) == c);
    auto const [lo, hi] = std::minmax_element(lanes.begin(), lanes.end());
    CHECK(*hi - *lo <= 1);
    CHECK(std::is_sorted(lanes.rbegin(), lanes.rend()));
}

TEST_CASE("workers never outnumber lanes", "[core][engine]") {
    CHECK(effective_workers(quiet(4, 3)) == 3);
    CHECK(effective_workers(quiet(4, 1000)) == 4);
    CHECK(effective_workers(quiet(0, 10)) == 1);
    CHECK(effective_workers(quiet(2, 0)) == 1);
}

TEST_CASE("every target is probed exactly once", "[core][engine]") {
    auto const threads = GENERATE(1u, 2u, 3u, 4u);
    auto const concurrency = GENERATE(std::size_t{1}, 3, 64, 1000);
    auto const n = GENERATE(std::uint64_t{0}, 1, 7, 2500);
    INFO("threads " << threads << " concurrency " << concurrency << " n " << n);
    auto const opts = quiet(threads, concurrency);
    recorder rec{effective_workers(opts)};
    auto const result = run_sources(stride_sources(n), n, opts, recording_probes(rec));
    CHECK(all_seen(rec) == iota_to(n));
    CHECK(result.done == n);
    CHECK_FALSE(result.interrupted);
    CHECK(result.probe_failures == 0);
    REQUIRE(result.by_status.size() == 3);
    CHECK(result.by_status[0] == (n + 2) / 3);
    CHECK(result.by_status[0] + result.by_status[1] + result.by_status[2] == n);
    for (const auto& p : result.positions) CHECK(p.done);
}

TEST_CASE("a rate-limited run still probes every target once", "[core][engine][rate]") {
    auto const threads = GENERATE(1u, 3u);
    auto opts = quiet(threads, 64);
    opts.rate = 3000;
    recorder rec{effective_workers(opts)};
    auto const r = run_sources(stride_sources(300), 300, opts, recording_probes(rec));
    CHECK(all_seen(rec) == iota_to(300));
    CHECK(r.done == 300);
}

TEST_CASE("a stopped run resumes without gaps or duplicates", "[core][engine]") {
    auto const threads = GENERATE(1u, 3u);
    auto const concurrency = GENERATE(std::size_t{1}, 64);
    std::uint64_t const n = 3000;
    auto opts = quiet(threads, concurrency);
    std::atomic<bool> stop{false};
    opts.stop = &stop;
    recorder first{effective_workers(opts)};
    first.stop_after = n / 3;
    first.stop = &stop;
    auto const r1 = run_sources(stride_sources(n), n, opts, recording_probes(first));
    CHECK(r1.interrupted);
    CHECK(r1.done >= n / 3);
    CHECK(r1.done < n);

    opts.stop = nullptr;
    opts.resume_from = r1.positions;
    recorder second{effective_workers(opts)};
    auto const r2 = run_sources(stride_sources(n), n, opts, recording_probes(second));
    CHECK_FALSE(r2.interrupted);
    CHECK(r1.done + r2.done == n);
    auto all = all_seen(first);
    auto const rest = all_seen(second);
    all.insert(all.end(), rest.begin(), rest.end());
    std::sort(all.begin(), all.end());
    CHECK(all == iota_to(n));
}

TEST_CASE("the first sigint stops new probes and keeps positions exact", "[core][engine][signal]") {
    std::uint64_t const n = 2000;
    auto opts = quiet(2, 16);
    std::atomic<bool> stop{false};
    opts.stop = &stop;
    recorder first{2};
    first.signal_after = 100;
    first.stop = &stop;
    auto const r1 = run_sources(stride_sources(n), n, opts, recording_probes(first));
    CHECK(r1.interrupted);
    CHECK_FALSE(r1.aborted);
    CHECK(r1.done < n);
    CHECK(stop.load());

    opts.stop = nullptr;
    opts.resume_from = r1.positions;
    recorder second{2};
    auto const r2 = run_sources(stride_sources(n), n, opts, recording_probes(second));
    auto all = all_seen(first);
    auto const rest = all_seen(second);
    all.insert(all.end(), rest.begin(), rest.end());
    std::sort(all.begin(), all.end());
    CHECK(all == iota_to(n));
}

TEST_CASE("a second sigint aborts probes that would never finish", "[core][engine][signal]") {
    recorder rec{2};
    rec.signal_after = 10;
    rec.signals = 2;
    rec.hang_after_signal = true;
    auto const r = run_sources(stride_sources(1000), 1000, quiet(2, 8), recording_probes(rec));
    CHECK(r.aborted);
    CHECK(r.interrupted);
}

TEST_CASE("a probe that throws is counted as a failure", "[core][engine]") {
    recorder rec{1};
    rec.throw_on_first = true;
    auto const r = run_sources(stride_sources(10), 10, quiet(1, 2), recording_probes(rec));
    CHECK(r.probe_failures == 1);
    CHECK(r.done == 10);
    CHECK(all_seen(rec) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("resume positions must match the worker count", "[core][engine]") {
    auto opts = quiet(2, 10);
    opts.resume_from.resize(3);
    recorder rec{2};
    CHECK_THROWS_AS(run_sources(stride_sources(10), 10, opts, recording_probes(rec)),
                    std::invalid_argument);
}
