// describe() on every fixture and on generated hostile certificates: each
// spec field, the bounds (SAN cap, escaped names) and describe_der.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include <openssl/evp.h>

#include "tests/tls/fixtures.hpp"
#include "tls/certificate_info.hpp"

using namespace smtpsweep::tls;

namespace {

certificate_info leaf_of(const std::string& name) {
    auto chain = test::load_pem_chain(test::fixture(name + ".pem"));
    return describe(chain.front().get());
}

std::string sha256_of_file(const std::string& path) {
    auto der = test::read_file(path);
    unsigned char md[32];
    unsigned int len = 0;
    EVP_Digest(der.data(), der.size(), md, &len, EVP_sha256(), nullptr);
    std::string hex;
    for (unsigned i = 0; i < len; ++i) {
        hex += "0123456789abcdef"[md[i] >> 4];
        hex += "0123456789abcdef"[md[i] & 0xf];
    }
    return hex;
}

}  // namespace

TEST_CASE("describe reports every field of the valid leaf", "[tls][describe]") {
    auto info = leaf_of("valid");
    CHECK(info.subject == "CN=mx1.lab.test");
    CHECK(info.issuer == "CN=Lab Root CA,O=smtpsweep test");
    CHECK(info.san == std::vector<std::string>{"mx1.lab.test"});
    std::regex iso{R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"};
    CHECK(std::regex_match(info.not_before, iso));
    CHECK(std::regex_match(info.not_after, iso));
    CHECK(info.not_after_t - info.not_before_t == 366L * 86400);
    CHECK(info.not_before_t < test::now());
    CHECK(info.not_after_t > test::now());
    CHECK(info.sha256 == sha256_of_file(test::fixture("valid.der")));
    CHECK(std::regex_match(info.sha256, std::regex{"[0-9a-f]{64}"}));
    CHECK(info.key == "EC-256");
    CHECK(info.key_type == "EC");
    CHECK(info.key_bits == 256);
    CHECK(info.sig_alg == "ecdsa-with-SHA256");
    CHECK_FALSE(info.self_signed);
}

TEST_CASE("describe reports key, signature and self-signedness per fixture", "[tls][describe]") {
    auto [name, key, sig_alg, self_signed] =
        GENERATE(table<std::string, std::string, std::string, bool>({
            {"valid-rsa", "RSA-2048", "ecdsa-with-SHA256", false},
            {"weakkey", "RSA-1024", "ecdsa-with-SHA256", false},
            {"weaksig", "RSA-2048", "ecdsa-with-SHA1", false},
            {"selfsigned", "EC-256", "ecdsa-with-SHA256", true},
            {"untrusted", "EC-256", "ecdsa-with-SHA256", false},
            {"ca", "EC-256", "ecdsa-with-SHA256", true},
            {"other-ca", "EC-256", "ecdsa-with-SHA256", true},
            {"intermediate", "EC-256", "ecdsa-with-SHA256", false},
        }));
    INFO(name);
    auto info = leaf_of(name);
    CHECK(info.key == key);
    CHECK(info.sig_alg == sig_alg);
    CHECK(info.self_signed == self_signed);
}

TEST_CASE("describe reports names and validity of the problem fixtures", "[tls][describe]") {
    CHECK(leaf_of("wildcard").san == std::vector<std::string>{"*.lab.test"});
    CHECK(leaf_of("mismatch").san == std::vector<std::string>{"other.example.test"});
    CHECK(leaf_of("mismatch").subject == "CN=other.example.test");
    CHECK(leaf_of("expired").not_after_t < test::now());
    CHECK(leaf_of("notyet").not_before_t > test::now());
    auto self = leaf_of("selfsigned");
    CHECK(self.subject == self.issuer);
    CHECK(leaf_of("untrusted").issuer == "CN=Other Root CA,O=smtpsweep test");
    CHECK(leaf_of("chain").issuer == "CN=Lab Intermediate CA,O=smtpsweep test");
    CHECK(leaf_of("ca").subject == "CN=Lab Root CA,O=smtpsweep test");
}

TEST_CASE("describe names ed25519 keys with 256 bits", "[tls][describe]") {
    auto cert = test::make_cert({.common_names = {"ed.lab.test"}, .key_kind = "ed25519"});
    auto info = describe(cert.get());
    CHECK(info.key == "ED25519-256");
    CHECK(info.sig_alg == "ED25519");
    CHECK(info.self_signed);
}

TEST_CASE("describe escapes control and non-ascii bytes in names", "[tls][describe]") {
    auto cert = test::make_cert({.common_names = {std::string("a\0b\x01\xc3\xa9", 6)},
                                 .dns_sans = {std::string("x\0y.test", 8)}});
    auto info = describe(cert.get());
    CHECK(info.subject.find('\0') == std::string::npos);
    CHECK(info.subject.find("\\00") != std::string::npos);
    for (char c : info.subject) CHECK((c >= 0x20 && c < 0x7f));
    REQUIRE(info.san.size() == 1);
    CHECK(info.san[0] == "x\\00y.test");
}

TEST_CASE("describe lists ip sans as text in order", "[tls][describe]") {
    auto cert = test::make_cert({.dns_sans = {"mx1.lab.test"},
                                 .ip_sans = {"198.18.0.1", "2001:db8::1"}});
    CHECK(describe(cert.get()).san ==
          std::vector<std::string>{"mx1.lab.test", "198.18.0.1", "2001:db8::1"});
}

TEST_CASE("describe keeps at most max_san_entries sans", "[tls][describe][bounds]") {
    test::cert_spec spec{.common_names = {"many.lab.test"}};
    for (int i = 0; i < 10000; ++i) {
        std::string name = "h";
        name += std::to_string(i);
        name += ".lab.test";
        spec.dns_sans.push_back(std::move(name));
    }
    spec.dns_sans.push_back(std::string(300, 'a'));  // over max_san_chars: dropped
    auto cert = test::make_cert(spec);
    auto info = describe(cert.get());
    REQUIRE(info.san.size() == max_san_entries);
    CHECK(info.san.front() == "h0.lab.test");
    CHECK(info.san.back() == "h999.lab.test");
}

TEST_CASE("describe_der parses certificates and rejects garbage", "[tls][describe]") {
    auto der = test::read_file(test::fixture("valid.der"));
    auto info = describe_der(der.data(), der.size());
    REQUIRE(info);
    CHECK(info->subject == "CN=mx1.lab.test");
    CHECK_FALSE(describe_der(der.data(), der.size() / 2));
    CHECK_FALSE(describe_der(der.data(), 0));
    CHECK_FALSE(describe_der(nullptr, 10));
    std::vector<unsigned char> junk(100, 0x30);
    CHECK_FALSE(describe_der(junk.data(), junk.size()));
}
