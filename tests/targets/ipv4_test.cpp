// Address, CIDR and range text: strict parsing, formatting and round trips.
#include <catch2/catch.hpp>

#include "targets/ip_range.hpp"
#include "targets/ipv4.hpp"

using namespace smtpsweep::targets;

TEST_CASE("dotted quads parse and format back", "[targets][ipv4]") {
    auto ip = GENERATE(take(2000, random(0u, 0xffffffffu)), 0u, 0xffffffffu, 0x7f000001u);
    auto text = format_ipv4(ip);
    INFO(text);
    REQUIRE(parse_ipv4(text) == ip);
}

TEST_CASE("known addresses parse to their host-order value", "[targets][ipv4]") {
    CHECK(parse_ipv4("198.18.1.2") == 0xc6120102u);
    CHECK(parse_ipv4("0.0.0.0") == 0u);
    CHECK(parse_ipv4("255.255.255.255") == 0xffffffffu);
    CHECK(format_ipv4(0xc0000207u) == "192.0.2.7");
}

TEST_CASE("malformed addresses are rejected", "[targets][ipv4]") {
    auto text = GENERATE(as<std::string>{}, "", "1.2.3", "300.1.1.1", "1.2.3.4.5", "01.2.3.4",
                         "1.2.3.4 ", " 1.2.3.4", "a.b.c.d", "1..2.3", "1.2.3.-4", "1.2.3.1234",
                         "1.2.3.256", "1.2.3.", ".1.2.3", "0x1.2.3.4");
    INFO(text);
    CHECK_FALSE(parse_ipv4(text).has_value());
}

TEST_CASE("cidr blocks format and parse round trip", "[targets][cidr]") {
    auto base = GENERATE(take(300, random(0u, 0xffffffffu)));
    auto prefix = GENERATE(range(0u, 33u));
    auto text = format_cidr(base, prefix);
    INFO(text);
    auto parsed = parse_ip_range(text);
    REQUIRE(parsed.range.has_value());
    CHECK(*parsed.range == cidr_range(base, prefix));
    CHECK(format_cidr(parsed.range->lo, prefix) == text);
    CHECK(parsed.range->size() == (std::uint64_t{1} << (32 - prefix)));
}

TEST_CASE("cidr host bits are cleared like zmap and nmap do", "[targets][cidr]") {
    auto parsed = parse_ip_range("10.1.2.3/16");
    REQUIRE(parsed.range.has_value());
    CHECK(*parsed.range == ip_range{0x0a010000u, 0x0a01ffffu});
    CHECK(*parse_ip_range("1.2.3.4/0").range == ip_range{0u, 0xffffffffu});
    CHECK(*parse_ip_range("1.2.3.4/32").range == ip_range{0x01020304u, 0x01020304u});
}

TEST_CASE("dash ranges are inclusive of both ends", "[targets][range]") {
    auto parsed = parse_ip_range("198.18.1.1-198.18.1.40");
    REQUIRE(parsed.range.has_value());
    CHECK(parsed.range->size() == 40);
    CHECK(parse_ip_range("1.1.1.1-1.1.1.1").range->size() == 1);
    CHECK_FALSE(parse_ip_range("1.1.1.2-1.1.1.1").range.has_value());
    CHECK_FALSE(parse_ip_range("1.1.1.1-40").range.has_value());
}
