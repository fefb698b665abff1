// The interval set against a naive per-address reference, and the default
// exclusion against "allowed(x) == no special block contains x".
#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "targets/interval_set.hpp"
#include "targets/special_blocks.hpp"
#include "targets/splitmix64.hpp"

using namespace smtpsweep::targets;

namespace {

// Random ranges inside [base, base + 300), a universe small enough to enumerate.
std::vector<ip_range> random_ranges(splitmix64& rng, std::uint32_t base, int count) {
    std::vector<ip_range> out;
    for (int i = 0; i < count; ++i) {
        auto lo = static_cast<std::uint32_t>(rng() % 300);
        auto len = static_cast<std::uint32_t>(rng() % 40);
        out.push_back({base + lo, base + std::min<std::uint32_t>(299, lo + len)});
    }
    return out;
}

bool in_any(const std::vector<ip_range>& ranges, std::uint32_t ip) {
    return std::any_of(ranges.begin(), ranges.end(), [ip](ip_range r) { return r.contains(ip); });
}

}  // namespace

TEST_CASE("interval set difference matches a naive reference", "[targets][interval_set]") {
    auto seed = GENERATE(range(0, 200));
    auto base = GENERATE(0u, 0x0a000000u, 0xffffffffu - 299u);
    splitmix64 rng(static_cast<std::uint64_t>(seed));
    auto keep = random_ranges(rng, base, 1 + static_cast<int>(rng() % 6));
    auto drop = random_ranges(rng, base, static_cast<int>(rng() % 4));
    interval_set set = interval_set(keep).minus(interval_set(drop));
    std::vector<std::uint32_t> expected;
    for (std::uint32_t i = 0; i < 300; ++i)
        if (in_any(keep, base + i) && !in_any(drop, base + i)) expected.push_back(base + i);
    REQUIRE(set.count() == expected.size());
    for (std::uint32_t i = 0; i < 300; ++i)
        REQUIRE(set.contains(base + i) ==
                std::binary_search(expected.begin(), expected.end(), base + i));
    for (std::size_t i = 0; i < expected.size(); ++i) REQUIRE(set.at(i) == expected[i]);
    for (std::size_t i = 1; i < set.ranges().size(); ++i)  // merged: disjoint, not adjacent
        CHECK(std::uint64_t{set.ranges()[i - 1].hi} + 1 < set.ranges()[i].lo);
}

TEST_CASE("default exclusion allows exactly the addresses outside every block",
          "[targets][exclude]") {
    const interval_set allowed(apply_default_exclusion({0u, 0xffffffffu}));
    auto blocks = special_blocks();
    auto check = [&](std::uint32_t x) {
        INFO(x);
        bool in_block = std::any_of(blocks.begin(), blocks.end(),
                                    [x](ip_range b) { return b.contains(x); });
        REQUIRE(allowed.contains(x) == !in_block);
    };
    for (std::uint32_t x : GENERATE(take(20, chunk(500, random(0u, 0xffffffffu))))) check(x);
    for (ip_range b : blocks) {  // the edges are where off-by-one errors live
        check(b.lo);
        check(b.hi);
        if (b.lo > 0) check(b.lo - 1);
        if (b.hi < 0xffffffffu) check(b.hi + 1);
    }
}
