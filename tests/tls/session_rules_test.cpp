// Tables for the negotiated-parameter rules: tls-deprecated-version and
// tls-weak-cipher, over OpenSSL and IANA cipher names.
#include <catch2/catch.hpp>

#include <string>

#include "tls/session_info.hpp"

using smtpsweep::tls::deprecated_version;
using smtpsweep::tls::weak_cipher;

TEST_CASE("deprecated versions are sslv3, tls 1.0 and tls 1.1", "[tls][rules]") {
    auto [version, expected] = GENERATE(table<std::string, bool>({
        {"SSLv2", true},
        {"SSLv3", true},
        {"TLSv1", true},
        {"TLSv1.1", true},
        {"TLSv1.2", false},
        {"TLSv1.3", false},
        {"", false},
        {"unknown", false},
    }));
    INFO(version);
    CHECK(deprecated_version(version) == expected);
}

TEST_CASE("weak ciphers are null, export, rc4, des, 3des or under 128 bits", "[tls][rules]") {
    auto [name, bits, expected] = GENERATE(table<std::string, int, bool>({
        {"TLS_AES_256_GCM_SHA384", 256, false},
        {"TLS_AES_128_GCM_SHA256", 128, false},
        {"TLS_CHACHA20_POLY1305_SHA256", 256, false},
        {"ECDHE-RSA-AES128-GCM-SHA256", 128, false},
        {"ECDHE-ECDSA-AES256-SHA", 256, false},
        {"DHE-DSS-AES128-SHA", 128, false},
        {"AES128-SHA", 128, false},
        {"IDEA-CBC-SHA", 128, false},
        {"ADH-AES256-GCM-SHA384", 256, false},
        {"DES-CBC3-SHA", 112, true},
        {"DES-CBC3-SHA", 168, true},     // named 3DES even if bits were reported as 168
        {"ECDHE-RSA-DES-CBC3-SHA", 168, true},
        {"EDH-RSA-DES-CBC-SHA", 56, true},
        {"DES-CBC-SHA", 56, true},
        {"RC4-MD5", 128, true},
        {"ECDHE-RSA-RC4-SHA", 128, true},
        {"EXP-RC4-MD5", 40, true},
        {"EXP1024-DES-CBC-SHA", 56, true},
        {"NULL-SHA256", 0, true},
        {"ECDHE-ECDSA-NULL-SHA", 0, true},
        {"TLS_RSA_WITH_3DES_EDE_CBC_SHA", 168, true},
        {"TLS_RSA_WITH_RC4_128_SHA", 128, true},
        {"TLS_RSA_EXPORT_WITH_RC4_40_MD5", 40, true},
        {"TLS_RSA_WITH_NULL_SHA", 0, true},
        {"tls_rsa_with_des_cbc_sha", 56, true},
        {"SOMETHING-NEW-64", 64, true},
        {"SEED-SHA", 128, false},
    }));
    INFO(name << " " << bits);
    CHECK(weak_cipher(name, bits) == expected);
}
