// Plain description of one X.509 certificate, extracted once after the
// handshake so nothing downstream touches OpenSSL types.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include <openssl/types.h>

namespace smtpsweep::tls {

/// The spec's certificate fields plus the numbers findings need.
struct certificate_info {
    std::string subject;            ///< RFC 2253 style, e.g. "CN=mx1.lab.test"
    std::string issuer;
    std::vector<std::string> san;   ///< dNSName entries (IP entries as text), in order
    std::string not_before;         ///< "2026-01-01T00:00:00Z"
    std::string not_after;
    std::time_t not_before_t = 0;
    std::time_t not_after_t = 0;
    std::string sha256;             ///< 64 lowercase hex digits of the DER
    std::string key;                ///< "RSA-2048", "EC-256", "ED25519-256", ...
    std::string key_type;           ///< "RSA", "EC", "DSA", "ED25519", ...
    int key_bits = 0;
    std::string sig_alg;            ///< OpenSSL long name, e.g. "ecdsa-with-SHA256"
    bool self_signed = false;       ///< issuer == subject and the key verifies its own signature
};

/// Describes `cert`; never throws, unknown pieces are left empty.
certificate_info describe(X509* cert);

/// Describes a DER-encoded certificate; false when it does not parse.
bool describe_der(const unsigned char* der, std::size_t len, certificate_info& out);

}  // namespace smtpsweep::tls
