// In-memory handshakes (memory BIOs, no sockets) between make_client_context()
// and OpenSSL servers configured the way old and new mail servers are: the
// client must reach every protocol from TLS 1.0 to 1.3 despite Debian's
// security-level-2 build default, and inspect()/verify() must report what was
// negotiated and sent.
#include <catch2/catch.hpp>

#include <string>

#include <openssl/err.h>

#include "tests/tls/fixtures.hpp"
#include "tests/tls/loopback.hpp"
#include "tls/client_context.hpp"
#include "tls/session_info.hpp"
#include "tls/verify.hpp"

using namespace smtpsweep::tls;

namespace {

struct outcome {
    session_info info;
    verify_result verdict;
};

outcome run(const test::server_options& options) {
    auto client_ctx = make_client_context();
    auto server_ctx = test::make_server_context(options);
    auto pair = test::make_pair(client_ctx.get(), server_ctx.get());
    REQUIRE(test::handshake(pair));
    auto store = test::store_of(test::fixture("ca.pem"));
    return {inspect(pair.client.get()),
            verify(pair.client.get(), store, "mx1.lab.test", test::now())};
}

}  // namespace

TEST_CASE("the client negotiates tls 1.3 with a tls 1.3 only server", "[tls][handshake]") {
    auto o = run({.min_version = TLS1_3_VERSION});
    CHECK(o.info.version == "TLSv1.3");
    CHECK(o.info.cipher == "TLS_AES_256_GCM_SHA384");
    CHECK(o.info.cipher_bits == 256);
    REQUIRE(o.info.chain.size() == 1);
    CHECK(o.info.chain[0].subject == "CN=mx1.lab.test");
    CHECK(o.info.chain[0].key == "EC-256");
    CHECK(o.verdict.chain_valid);
    CHECK(o.verdict.name_match == true);
    CHECK_FALSE(deprecated_version(o.info.version));
    CHECK_FALSE(weak_cipher(o.info.cipher, o.info.cipher_bits));
}

TEST_CASE("the client reaches old protocol versions at security level 0", "[tls][handshake]") {
    auto [version, name] = GENERATE(table<int, std::string>({
        {TLS1_VERSION, "TLSv1"},
        {TLS1_1_VERSION, "TLSv1.1"},
        {TLS1_2_VERSION, "TLSv1.2"},
    }));
    INFO(name);
    auto o = run({.min_version = version, .max_version = version,
                  .cipher_list = "DEFAULT:@SECLEVEL=0"});
    CHECK(o.info.version == name);
    CHECK(deprecated_version(o.info.version) == (version != TLS1_2_VERSION));
    CHECK_FALSE(o.info.cipher.empty());
    CHECK(o.verdict.chain_valid);
}

TEST_CASE("the client reports a tls 1.2 rsa suite and key", "[tls][handshake]") {
    auto o = run({.cert = "valid-rsa", .max_version = TLS1_2_VERSION,
                  .cipher_list = "ECDHE-RSA-AES128-GCM-SHA256"});
    CHECK(o.info.version == "TLSv1.2");
    CHECK(o.info.cipher == "ECDHE-RSA-AES128-GCM-SHA256");
    CHECK(o.info.cipher_bits == 128);
    REQUIRE(o.info.chain.size() == 1);
    CHECK(o.info.chain[0].key == "RSA-2048");
}

TEST_CASE("the client offers null ciphers so weak servers can be measured", "[tls][handshake]") {
    auto o = run({.max_version = TLS1_2_VERSION, .cipher_list = "eNULL:@SECLEVEL=0"});
    CHECK(o.info.cipher.find("NULL") != std::string::npos);
    CHECK(o.info.cipher_bits == 0);
    CHECK(weak_cipher(o.info.cipher, o.info.cipher_bits));
}

TEST_CASE("the client offers 3des when this openssl build has it", "[tls][handshake]") {
    ssl_ctx_ptr probe{SSL_CTX_new(TLS_server_method())};
    bool available = SSL_CTX_set_cipher_list(probe.get(), "3DES:@SECLEVEL=0") == 1;
    ERR_clear_error();
    if (!available) {
        WARN("libssl is built without weak-ssl-ciphers: no 3DES/RC4 suites exist to offer");
        CHECK_FALSE(available);
        return;
    }
    auto o = run({.max_version = TLS1_2_VERSION, .cipher_list = "3DES:@SECLEVEL=0"});
    CHECK(o.info.cipher.find("CBC3") != std::string::npos);
    CHECK(weak_cipher(o.info.cipher, o.info.cipher_bits));
}

TEST_CASE("inspect lists the chain leaf first as the server sent it", "[tls][handshake]") {
    auto o = run({.cert = "chain"});
    REQUIRE(o.info.chain.size() == 2);
    CHECK(o.info.chain[0].subject == "CN=mx1.lab.test");
    CHECK(o.info.chain[0].issuer == "CN=Lab Intermediate CA,O=smtpsweep test");
    CHECK(o.info.chain[1].subject == "CN=Lab Intermediate CA,O=smtpsweep test");
    CHECK(o.info.chain[1].issuer == "CN=Lab Root CA,O=smtpsweep test");
    CHECK(o.verdict.chain_valid);
}

TEST_CASE("verify reports untrusted and mismatched servers after the handshake",
          "[tls][handshake]") {
    auto [cert, valid, code, name_match] = GENERATE(table<std::string, bool, int, bool>({
        {"selfsigned", false, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, true},
        {"expired", false, X509_V_ERR_CERT_HAS_EXPIRED, true},
        {"untrusted", false, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, true},
        {"mismatch", true, X509_V_OK, false},
    }));
    INFO(cert);
    auto o = run({.cert = cert});
    CHECK(o.verdict.chain_valid == valid);
    CHECK(o.verdict.error_code == code);
    CHECK(o.verdict.name_match == name_match);
}

TEST_CASE("a 100-certificate chain is cut to max_chain_certs", "[tls][handshake][bounds]") {
    auto client_ctx = make_client_context();
    auto server_ctx = test::make_server_context({});
    for (int i = 0; i < 100; ++i) {
        auto junk = test::make_cert({.common_names = {"junk" + std::to_string(i) + ".test"}});
        REQUIRE(SSL_CTX_add_extra_chain_cert(server_ctx.get(), junk.release()) == 1);
    }
    auto pair = test::make_pair(client_ctx.get(), server_ctx.get());
    REQUIRE(test::handshake(pair));
    auto info = inspect(pair.client.get());
    REQUIRE(info.chain.size() == max_chain_certs);
    CHECK(info.chain[0].subject == "CN=mx1.lab.test");
    CHECK(info.chain[1].subject == "CN=junk0.test");
    auto store = test::store_of(test::fixture("ca.pem"));
    CHECK(verify(pair.client.get(), store, std::nullopt, test::now()).chain_valid);
}

TEST_CASE("client context settings override openssl defaults", "[tls][context]") {
    auto ctx = make_client_context();
    CHECK(SSL_CTX_get_security_level(ctx.get()) == 0);
    CHECK(SSL_CTX_get_min_proto_version(ctx.get()) == TLS1_VERSION);
    CHECK(SSL_CTX_get_max_proto_version(ctx.get()) == TLS1_3_VERSION);
    CHECK((SSL_CTX_get_mode(ctx.get()) & SSL_MODE_RELEASE_BUFFERS) != 0);
    CHECK(SSL_CTX_get_session_cache_mode(ctx.get()) == SSL_SESS_CACHE_OFF);
    CHECK((SSL_CTX_get_options(ctx.get()) & SSL_OP_NO_COMPRESSION) != 0);
    CHECK((SSL_CTX_get_options(ctx.get()) & SSL_OP_LEGACY_SERVER_CONNECT) != 0);
    CHECK(SSL_CTX_get_verify_mode(ctx.get()) == SSL_VERIFY_NONE);
}

// Runs only in the ctest entry that sets OPENSSL_CONF to data/strict-openssl.cnf
// (the MinProtocol=TLSv1.2 / SECLEVEL=2 system_default of older Debian).
TEST_CASE("the strict system openssl config is in effect", "[tls][.strict-conf]") {
    ssl_ctx_ptr plain{SSL_CTX_new(TLS_client_method())};
    CHECK(SSL_CTX_get_min_proto_version(plain.get()) == TLS1_2_VERSION);
}
