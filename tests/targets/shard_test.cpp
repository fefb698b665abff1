// Shards and sub-shards partition the target space for every combination,
// and a saved cursor position resumes exactly after the last target.
#include <algorithm>
#include <set>
#include <vector>

#include <catch2/catch.hpp>

#include "targets/ipv4.hpp"
#include "targets/plan.hpp"
#include "targets/splitmix64.hpp"

using namespace smtpsweep::targets;

namespace {

// A random small spec inside 198.18.0.0/15: a few ranges, some pairs, a port subset.
plan_spec random_spec(std::uint64_t seed) {
    splitmix64 rng(seed);
    plan_spec spec;
    spec.seed = rng();
    for (int i = 0, count = 1 + static_cast<int>(rng() % 3); i < count; ++i) {
        std::uint32_t lo = 0xc6120000u + static_cast<std::uint32_t>(rng() % 2000);
        spec.targets.push_back(format_ipv4(lo) + "-" +
                               format_ipv4(lo + static_cast<std::uint32_t>(rng() % 150)));
    }
    for (int i = 0, count = static_cast<int>(rng() % 4); i < count; ++i)
        spec.targets.push_back(format_ipv4(0xc6120000u + static_cast<std::uint32_t>(rng() % 2200)) +
                               "," + std::to_string(2525 + rng() % 3));
    spec.ports = rng() % 2 ? "25,465,587" : "587";
    return spec;
}

std::vector<target> drain(cursor c) {
    std::vector<target> out;
    while (auto t = c.next()) out.push_back(*t);
    return out;
}

}  // namespace

TEST_CASE("shards and sub-shards partition the target space", "[targets][shard]") {
    plan_spec spec = random_spec(GENERATE(range(0ull, 12ull)));
    const auto shards = GENERATE(1u, 2u, 3u, 5u);
    const auto subshards = GENERATE(1u, 2u, 4u, 7u);
    spec.shards = shards;
    std::vector<target> everything;
    for (std::uint32_t shard = 0; shard < shards; ++shard) {
        spec.shard = shard;
        const plan p = plan::build(spec);
        std::vector<target> whole = drain(p.make_cursor(0, 1));
        std::vector<target> parts;
        for (std::uint32_t sub = 0; sub < subshards; ++sub) {
            auto part = drain(p.make_cursor(sub, subshards));
            parts.insert(parts.end(), part.begin(), part.end());
        }
        std::sort(whole.begin(), whole.end());
        std::sort(parts.begin(), parts.end());
        REQUIRE(parts == whole);  // sub-shards cover the shard exactly once
        if (shards == 1) CHECK(p.shard_size() == whole.size());
        everything.insert(everything.end(), whole.begin(), whole.end());
    }
    const std::uint64_t n = plan::build(spec).space_size();
    std::sort(everything.begin(), everything.end());
    REQUIRE(std::adjacent_find(everything.begin(), everything.end()) == everything.end());
    REQUIRE(everything.size() == n);
}

TEST_CASE("the scanned targets are exactly the requested ones", "[targets][shard]") {
    plan_spec spec = random_spec(GENERATE(range(100ull, 130ull)));
    std::set<target> expected;
    const auto ports = spec.ports == "587" ? std::vector<std::uint16_t>{587}
                                           : std::vector<std::uint16_t>{25, 465, 587};
    for (const auto& line : spec.targets) {
        if (auto comma = line.find(','); comma != std::string::npos) {
            auto port = static_cast<std::uint16_t>(std::stoi(line.substr(comma + 1)));
            expected.insert({*parse_ipv4(line.substr(0, comma)), port});
            continue;
        }
        auto dash = line.find('-');
        for (auto ip = *parse_ipv4(line.substr(0, dash)); ip <= *parse_ipv4(line.substr(dash + 1)); ++ip)
            for (auto port : ports) expected.insert({ip, port});
    }
    auto got = drain(plan::build(spec).make_cursor(0, 1));
    REQUIRE(got.size() == expected.size());
    CHECK(std::set<target>(got.begin(), got.end()) == expected);
}

TEST_CASE("a cursor resumes exactly after the last target handed out", "[targets][resume]") {
    const std::uint64_t seed = GENERATE(range(0ull, 10ull));
    plan_spec spec;
    spec.targets = {"198.18.0.0/22"};
    spec.ports = "25,587";
    spec.seed = seed;
    spec.shards = 2;
    spec.shard = static_cast<std::uint32_t>(seed % 2);
    const plan p = plan::build(spec);
    const auto subs = GENERATE(1u, 3u);
    splitmix64 rng(seed);
    for (std::uint32_t sub = 0; sub < subs; ++sub) {
        const auto expected = drain(p.make_cursor(sub, subs));
        std::vector<target> got;
        cursor_position pos;
        while (!pos.done) {  // stop after a random number of targets, then resume
            cursor c = p.make_cursor(sub, subs, pos);
            for (auto k = rng() % 300; k > 0; --k) {
                auto t = c.next();
                if (!t) break;
                got.push_back(*t);
            }
            pos = c.position();
        }
        REQUIRE(got == expected);
        CHECK_FALSE(p.make_cursor(sub, subs, pos).next().has_value());
    }
}

TEST_CASE("a default cursor and an exhausted cursor yield nothing", "[targets][resume]") {
    CHECK_FALSE(cursor{}.next().has_value());
    plan_spec spec;
    spec.targets = {"198.18.0.1"};
    spec.ports = "25";
    cursor c = plan::build(spec).make_cursor(0, 1);
    CHECK(c.next() == target{0xc6120001u, 25});
    CHECK_FALSE(c.next().has_value());
    CHECK(c.position().done);
    CHECK_THROWS_AS(plan::build(spec).make_cursor(1, 1), std::invalid_argument);
}
