// Every TARGET, port and exclude form, and every kind of bad input with the
// token and source in the message.
#include <string>
#include <tuple>
#include <variant>

#include <catch2/catch.hpp>

#include "targets/ipv4.hpp"
#include "targets/plan.hpp"
#include "targets/port_list.hpp"
#include "targets/target_line.hpp"

using namespace smtpsweep::targets;

namespace {

std::string describe(const target_entry& e) {
    if (const auto* r = std::get_if<ip_range>(&e)) return format_ipv4(r->lo) + "-" + format_ipv4(r->hi);
    if (const auto* t = std::get_if<target>(&e)) return to_string(*t);
    return "nothing";
}

}  // namespace

TEST_CASE("target lines parse in every supported form", "[targets][parse]") {
    auto [line, expected] = GENERATE(table<std::string, std::string>({
        {"192.0.2.7", "192.0.2.7-192.0.2.7"},
        {"198.18.0.0/16", "198.18.0.0-198.18.255.255"},
        {"10.1.2.3/16", "10.1.0.0-10.1.255.255"},
        {"198.18.1.1-198.18.1.40", "198.18.1.1-198.18.1.40"},
        {"  10.0.0.1\t# trailing comment", "10.0.0.1-10.0.0.1"},
        {"10.0.0.1\r", "10.0.0.1-10.0.0.1"},
        {"# a comment", "nothing"},
        {"", "nothing"},
        {"   ", "nothing"},
        {"1.2.3.4,25", "1.2.3.4:25"},
        {"1.2.3.4, 587", "1.2.3.4:587"},
        {"saddr,sport", "nothing"},
        {"open tcp 25 198.18.1.2 1700000000", "198.18.1.2:25"},
        {"open tcp 465 198.18.1.3", "198.18.1.3:465"},
        {"# masscan", "nothing"},
    }));
    INFO(line);
    CHECK(describe(parse_target_line(line, "t.txt:1")) == expected);
}

TEST_CASE("bad targets throw naming source line and token", "[targets][parse][errors]") {
    auto [line, token, why] = GENERATE(table<std::string, std::string, std::string>({
        {"10.0.0.0/33", "10.0.0.0/33", "prefix length must be 0..32"},
        {"10.0.0.0/8x", "10.0.0.0/8x", "prefix length must be 0..32"},
        {"1.2.3", "1.2.3", "not an IPv4 address"},
        {"300.1.1.1 # x", "300.1.1.1", "not an IPv4 address"},
        {"10.0.0.9-10.0.0.1", "10.0.0.9-10.0.0.1", "range start is after its end"},
        {"10.0.0.1-9", "10.0.0.1-9", "range end is not an IPv4 address"},
        {"hello", "hello", "not an IPv4 address"},
        {"a b c", "a b c", "expected an address"},
        {"open udp 53 1.2.3.4 1", "open udp 53 1.2.3.4 1", "only tcp"},
        {"1.2.3.4,0", "1.2.3.4,0", "port"},
        {"1.2.3.4,70000", "1.2.3.4,70000", "port"},
        {"1.2.3.4,25x", "1.2.3.4,25x", "port"},
        {"1.2.3,25", "1.2.3,25", "not an IPv4 address"},
    }));
    INFO(line);
    try {
        parse_target_line(line, "targets.txt:3");
        FAIL("no parse_error");
    } catch (const parse_error& e) {
        CHECK(e.token == token);
        const std::string what = e.what();
        CHECK(what.rfind("targets.txt:3: bad target '" + token + "': ", 0) == 0);
        CHECK(what.find(why) != std::string::npos);
    }
}

TEST_CASE("plan build reports the source of the bad line", "[targets][parse][errors]") {
    plan_spec spec;
    spec.targets = {"198.18.0.0/24", "10.0.0.0/33"};
    spec.target_sources = {"targets.txt:2", "targets.txt:3"};
    REQUIRE_THROWS_WITH(plan::build(spec),
                        "targets.txt:3: bad target '10.0.0.0/33': prefix length must be 0..32");
    spec.targets = {"198.18.0.0/24"};
    spec.exclude_lines = {"198.18.0.0/24", "nonsense"};
    spec.exclude_sources = {"ex.txt:1", "ex.txt:2"};
    REQUIRE_THROWS_WITH(plan::build(spec), Catch::StartsWith("ex.txt:2: bad exclude 'nonsense'"));
}

TEST_CASE("port lists accept ranges and merge duplicates", "[targets][ports]") {
    using ports = std::vector<std::uint16_t>;
    CHECK(parse_port_list("25,465,587", "-p") == ports{25, 465, 587});
    CHECK(parse_port_list("587,25,25", "-p") == ports{25, 587});
    CHECK(parse_port_list("1-3,2,10", "-p") == ports{1, 2, 3, 10});
    CHECK(parse_port_list(" 25 , 587 ", "-p") == ports{25, 587});
    CHECK(parse_port_list("65535", "-p") == ports{65535});
    CHECK(parse_port_list("1-65535", "-p").size() == 65535);
}

TEST_CASE("bad port lists throw naming the token", "[targets][ports][errors]") {
    auto [list, token] = GENERATE(table<std::string, std::string>({
        {"0", "0"}, {"70000", "70000"}, {"25x", "25x"}, {"25,x,587", "x"}, {"", ""},
        {"25,,587", ""}, {"600-500", "600-500"}, {"-5", "-5"}, {"1-70000", "1-70000"},
        {"99999999999", "99999999999"},
    }));
    INFO(list);
    try {
        parse_port_list(list, "--ports");
        FAIL("no parse_error");
    } catch (const parse_error& e) {
        CHECK(e.token == token);
        CHECK(std::string(e.what()).rfind("--ports: bad port '" + token + "': ", 0) == 0);
    }
}

TEST_CASE("an empty or fully excluded target list is an error", "[targets][parse][errors]") {
    plan_spec spec;
    SECTION("no targets at all") { spec.targets = {}; }
    SECTION("only comments and blank lines") { spec.targets = {"# nothing", "", "  "}; }
    SECTION("everything excluded") {
        spec.targets = {"198.18.0.0/24", "198.18.0.1,2525"};
        spec.exclude_lines = {"198.18.0.0/16"};
    }
    REQUIRE_THROWS_AS(plan::build(spec), parse_error);
}

TEST_CASE("bad shard settings are rejected", "[targets][parse][errors]") {
    plan_spec spec;
    spec.targets = {"198.18.0.0/24"};
    spec.shards = 0;
    CHECK_THROWS_AS(plan::build(spec), parse_error);
    spec.shards = 2;
    spec.shard = 2;
    CHECK_THROWS_AS(plan::build(spec), parse_error);
}
