// The spec's special-purpose-block rules as a table: a target wider than a
// block loses it, a target inside a block is scanned as named, --exclude
// always applies and --no-default-exclude keeps everything.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "targets/interval_set.hpp"
#include "targets/ipv4.hpp"
#include "targets/plan.hpp"
#include "targets/special_blocks.hpp"
#include "targets/target_line.hpp"

using namespace smtpsweep::targets;

TEST_CASE("special-purpose blocks are dropped only from wider targets", "[targets][exclude]") {
    auto [target_text, probe, scanned] = GENERATE(table<std::string, std::string, bool>({
        {"0.0.0.0/0", "10.1.2.3", false},
        {"0.0.0.0/0", "8.8.8.8", true},
        {"0.0.0.0/0", "255.255.255.255", false},
        {"0.0.0.0/0", "0.0.0.1", false},
        {"10.1.0.0/16", "10.1.2.3", true},
        {"127.0.0.1", "127.0.0.1", true},
        {"198.18.0.0/16", "198.18.5.5", true},
        {"198.18.0.0/15", "198.19.255.255", true},
        {"198.0.0.0/8", "198.18.5.5", false},
        {"198.0.0.0/8", "198.17.255.255", true},
        {"198.0.0.0/8", "198.20.0.0", true},
        {"192.0.0.0/16", "192.0.1.1", true},
        {"192.0.0.0/16", "192.0.2.1", false},
        {"192.0.0.0/16", "192.0.0.9", false},
        {"240.0.0.0/4", "255.255.255.255", true},
        {"128.0.0.0/1", "255.255.255.255", false},
        {"128.0.0.0/1", "223.255.255.255", true},
        {"9.255.255.0-11.0.0.255", "10.0.0.1", false},
        {"9.255.255.0-11.0.0.255", "11.0.0.1", true},
        {"100.0.0.0/8", "100.127.255.255", false},
        {"100.0.0.0/8", "100.128.0.0", true},
        {"100.64.0.0/10", "100.100.1.1", true},
        {"172.0.0.0/8", "172.31.0.1", false},
        {"172.0.0.0/8", "172.32.0.1", true},
        {"169.254.1.0/24", "169.254.1.1", true},
        {"203.0.0.0/16", "203.0.113.7", false},
        {"198.51.100.0/23", "198.51.101.1", true},
        {"198.51.100.0/23", "198.51.100.1", false},
    }));
    INFO(target_text << " probe " << probe);
    auto entry = parse_target_line(target_text, "table");
    const interval_set kept(apply_default_exclusion(std::get<ip_range>(entry)));
    CHECK(kept.contains(*parse_ipv4(probe)) == scanned);
}

TEST_CASE("the whole internet minus special blocks has the expected size", "[targets][exclude]") {
    plan_spec spec;
    spec.targets = {"0.0.0.0/0"};
    spec.ports = "25";
    const auto expected = (std::uint64_t{1} << 32) - special_block_set().count();
    CHECK(plan::build(spec).space_size() == expected);
    spec.default_exclude = false;
    CHECK(plan::build(spec).space_size() == (std::uint64_t{1} << 32));
}

TEST_CASE("exclude lines apply even to targets inside special blocks", "[targets][exclude]") {
    plan_spec spec;
    spec.targets = {"10.1.0.0/16", "198.18.0.1,2525"};
    spec.ports = "25,587";
    spec.exclude_lines = {"# lab", "10.1.0.0/17  # first half", "", "198.18.0.0-198.18.0.9"};
    CHECK(plan::build(spec).space_size() == 32768u * 2u);
}
