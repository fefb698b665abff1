// RFC 6125 name matching: the pattern rules as a table, then whole
// certificates (fixtures and generated ones) for SAN-before-CN, IP SANs and
// hostile names.
#include <catch2/catch.hpp>

#include <string>

#include "tests/tls/fixtures.hpp"
#include "tls/verify.hpp"

using namespace smtpsweep::tls;

TEST_CASE("dns patterns match by rfc 6125 rules", "[tls][name]") {
    auto [pattern, host, expected] = GENERATE(table<std::string, std::string, bool>({
        {"mx1.lab.test", "mx1.lab.test", true},
        {"MX1.Lab.Test", "mx1.lab.TEST", true},
        {"mx1.lab.test.", "mx1.lab.test", true},
        {"mx1.lab.test", "mx1.lab.test.", true},
        {"mx1.lab.test", "mx2.lab.test", false},
        {"mx1.lab.test", "lab.test", false},
        {"lab.test", "mx1.lab.test", false},
        {"*.lab.test", "mx1.lab.test", true},
        {"*.lab.test", "MX1.LAB.TEST.", true},
        {"*.lab.test", "lab.test", false},
        {"*.lab.test", "a.b.lab.test", false},
        {"*.lab.test", ".lab.test", false},
        {"f*.lab.test", "foo.lab.test", false},
        {"*x.lab.test", "fox.lab.test", false},
        {"mx1.*.test", "mx1.lab.test", false},
        {"*.*.test", "a.lab.test", false},
        {"*.test", "lab.test", false},
        {"*", "localhost", false},
        {"*.", "localhost", false},
        {"*.lab.test", "*.lab.test", false},
        {"", "mx1.lab.test", false},
        {"mx1.lab.test", "", false},
        {"mx1..test", "mx1..test", false},
        {std::string("mx1.lab.test\0.evil", 18), "mx1.lab.test", false},
    }));
    INFO(pattern << " vs " << host);
    CHECK(dns_name_matches(pattern, host) == expected);
}

TEST_CASE("fixture leaves match the names they carry", "[tls][name]") {
    auto [name, host, expected] = GENERATE(table<std::string, std::string, bool>({
        {"valid", "mx1.lab.test", true},
        {"valid", "MX1.LAB.TEST.", true},
        {"valid", "mx2.lab.test", false},
        {"wildcard", "mx1.lab.test", true},
        {"wildcard", "lab.test", false},
        {"wildcard", "a.b.lab.test", false},
        {"mismatch", "mx1.lab.test", false},
        {"mismatch", "other.example.test", true},
    }));
    auto chain = test::load_pem_chain(test::fixture(name + ".pem"));
    INFO(name << " vs " << host);
    CHECK(name_matches(chain.front().get(), host) == expected);
}

TEST_CASE("the common name counts only without dns sans", "[tls][name]") {
    SECTION("no sans: cn is used") {
        auto cert = test::make_cert({.common_names = {"mx1.lab.test"}});
        CHECK(name_matches(cert.get(), "mx1.lab.test"));
        CHECK_FALSE(name_matches(cert.get(), "mx2.lab.test"));
    }
    SECTION("dns sans present: cn is ignored") {
        auto cert = test::make_cert({.common_names = {"mx1.lab.test"},
                                     .dns_sans = {"other.lab.test"}});
        CHECK_FALSE(name_matches(cert.get(), "mx1.lab.test"));
        CHECK(name_matches(cert.get(), "other.lab.test"));
    }
    SECTION("only ip sans: cn is still used for dns names") {
        auto cert = test::make_cert({.common_names = {"mx1.lab.test"},
                                     .ip_sans = {"198.18.0.1"}});
        CHECK(name_matches(cert.get(), "mx1.lab.test"));
    }
    SECTION("a nul byte in the cn never matches") {
        auto cert = test::make_cert({.common_names = {std::string("mx1.lab.test\0.evil", 18)}});
        CHECK_FALSE(name_matches(cert.get(), "mx1.lab.test"));
    }
}

TEST_CASE("ip literal hostnames match ip sans only", "[tls][name]") {
    auto cert = test::make_cert({.common_names = {"198.18.0.1"},
                                 .dns_sans = {"mx1.lab.test"},
                                 .ip_sans = {"198.18.0.1", "2001:db8::1"}});
    auto [host, expected] = GENERATE(table<std::string, bool>({
        {"198.18.0.1", true},
        {"[198.18.0.1]", true},
        {"198.18.0.2", false},
        {"2001:db8::1", true},
        {"[IPv6:2001:db8::1]", true},
        {"[ipv6:2001:DB8:0::1]", true},
        {"2001:db8::2", false},
        {"mx1.lab.test", true},
        {"[mx1.lab.test]", false},
    }));
    INFO(host);
    CHECK(name_matches(cert.get(), host) == expected);
}

TEST_CASE("the common name is never used for an ip literal", "[tls][name]") {
    auto cn_only = test::make_cert({.common_names = {"198.18.0.1"}});
    CHECK_FALSE(name_matches(cn_only.get(), "198.18.0.1"));
}
