// verify_chain() outcomes for every fixture against the lab root, at "now"
// and at shifted times, plus the trust_store loading rules.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "tests/tls/fixtures.hpp"
#include "tls/trust_store.hpp"
#include "tls/verify.hpp"

using namespace smtpsweep::tls;

TEST_CASE("each fixture verifies or fails with the right x509 error", "[tls][verify]") {
    auto [name, valid, code, name_match] = GENERATE(table<std::string, bool, int, bool>({
        {"valid", true, X509_V_OK, true},
        {"valid-rsa", true, X509_V_OK, true},
        {"wildcard", true, X509_V_OK, true},
        {"bench", true, X509_V_OK, true},
        {"chain", true, X509_V_OK, true},
        {"weakkey", true, X509_V_OK, true},
        {"weaksig", true, X509_V_OK, true},
        {"mismatch", true, X509_V_OK, false},
        {"expired", false, X509_V_ERR_CERT_HAS_EXPIRED, true},
        {"notyet", false, X509_V_ERR_CERT_NOT_YET_VALID, true},
        {"selfsigned", false, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, true},
        {"untrusted", false, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, true},
    }));
    INFO(name);
    auto store = test::store_of(test::fixture("ca.pem"));
    auto chain = test::load_pem_chain(test::fixture(name + ".pem"));
    auto r = verify_chain(chain, store, "mx1.lab.test", test::now());
    CHECK(r.chain_valid == valid);
    CHECK(r.error_code == code);
    CHECK(r.error.has_value() == !valid);
    if (r.error) CHECK(*r.error == X509_verify_cert_error_string(code));
    REQUIRE(r.name_match.has_value());
    CHECK(*r.name_match == name_match);
}

TEST_CASE("verification uses the given time, not the clock", "[tls][verify]") {
    auto store = test::store_of(test::fixture("ca.pem"));
    auto valid = test::load_pem_chain(test::fixture("valid.pem"));
    auto expired = test::load_pem_chain(test::fixture("expired.pem"));
    std::time_t later = test::now() + 400L * 86400;
    std::time_t earlier = test::now() - 100L * 86400;
    CHECK(verify_chain(valid, store, std::nullopt, later).error_code ==
          X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(verify_chain(valid, store, std::nullopt, earlier).error_code ==
          X509_V_ERR_CERT_NOT_YET_VALID);
    CHECK(verify_chain(expired, store, std::nullopt, earlier).chain_valid);
}

TEST_CASE("a chain missing its intermediate does not verify", "[tls][verify]") {
    auto store = test::store_of(test::fixture("ca.pem"));
    auto chain = test::load_pem_chain(test::fixture("chain.pem"));
    REQUIRE(chain.size() == 2);
    chain.pop_back();
    auto r = verify_chain(chain, store, std::nullopt, test::now());
    CHECK_FALSE(r.chain_valid);
    CHECK(r.error_code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

TEST_CASE("the trust store decides which root is trusted", "[tls][verify]") {
    auto other = test::store_of(test::fixture("other-ca.pem"));
    auto untrusted = test::load_pem_chain(test::fixture("untrusted.pem"));
    auto valid = test::load_pem_chain(test::fixture("valid.pem"));
    CHECK(verify_chain(untrusted, other, std::nullopt, test::now()).chain_valid);
    CHECK_FALSE(verify_chain(valid, other, std::nullopt, test::now()).chain_valid);
}

TEST_CASE("name_match is null without a hostname", "[tls][verify]") {
    auto store = test::store_of(test::fixture("ca.pem"));
    auto chain = test::load_pem_chain(test::fixture("valid.pem"));
    CHECK_FALSE(verify_chain(chain, store, std::nullopt, test::now()).name_match.has_value());
    CHECK_FALSE(verify_chain(chain, store, "", test::now()).name_match.has_value());
}

TEST_CASE("no peer certificate is reported, not crashed on", "[tls][verify]") {
    auto store = test::store_of(test::fixture("ca.pem"));
    auto r = verify_chain(std::vector<x509_ptr>{}, store, "mx1.lab.test", test::now());
    CHECK_FALSE(r.chain_valid);
    CHECK(r.error == "no peer certificate");
    CHECK(r.error_code == X509_V_ERR_UNSPECIFIED);
    CHECK(r.name_match == false);
}

TEST_CASE("trust_store loads bundles and names the file it cannot use", "[tls][trust]") {
    SECTION("a missing file") {
        std::string path = test::fixture("does-not-exist.pem");
        CHECK_THROWS_AS(trust_store::load(path, false), trust_error);
        CHECK_THROWS_WITH(trust_store::load(path, false), Catch::Matchers::Contains(path));
    }
    SECTION("a file without certificates") {
        std::string path = test::fixture("valid.key");
        CHECK_THROWS_AS(trust_store::load(path, false), trust_error);
        CHECK_THROWS_WITH(trust_store::load(path, false),
                          Catch::Matchers::Contains(path) &&
                              Catch::Matchers::Contains("no PEM certificate"));
    }
    SECTION("a bundle with several roots trusts all of them") {
        auto bundle = std::filesystem::temp_directory_path() /
                      ("smtpsweep-tls-bundle-" + std::to_string(::getpid()) + ".pem");
        {
            std::ofstream out(bundle, std::ios::binary);
            for (const char* f : {"ca.pem", "other-ca.pem"}) {
                auto bytes = test::read_file(test::fixture(f));
                out.write(reinterpret_cast<const char*>(bytes.data()),
                          static_cast<std::streamsize>(bytes.size()));
            }
        }
        auto store = trust_store::load(bundle.string(), false);
        std::filesystem::remove(bundle);
        for (const char* leaf : {"valid.pem", "untrusted.pem"}) {
            INFO(leaf);
            auto chain = test::load_pem_chain(test::fixture(leaf));
            CHECK(verify_chain(chain, store, std::nullopt, test::now()).chain_valid);
        }
    }
    SECTION("system anchors plus a file") {
        auto store = trust_store::load(test::fixture("ca.pem"), true);
        auto chain = test::load_pem_chain(test::fixture("valid.pem"));
        CHECK(verify_chain(chain, store, std::nullopt, test::now()).chain_valid);
    }
    SECTION("system anchors alone do not trust the lab") {
        auto store = trust_store::load(std::nullopt, true);
        auto chain = test::load_pem_chain(test::fixture("valid.pem"));
        CHECK_FALSE(verify_chain(chain, store, std::nullopt, test::now()).chain_valid);
    }
}
