// Plain description of one X.509 certificate, extracted once after the
// handshake so nothing downstream touches OpenSSL types. Everything taken
// from the peer is bounded (see the limits below): a hostile certificate with
// 10,000 SANs or megabyte names cannot blow up a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <openssl/types.h>

namespace smtpsweep::tls {

/// At most this many SAN entries are kept (the rest are dropped).
inline constexpr std::size_t max_san_entries = 1000;
/// A SAN entry longer than this is dropped (DNS names are at most 253).
inline constexpr std::size_t max_san_chars = 255;
/// Subject and issuer strings are cut to this many characters.
inline constexpr std::size_t max_name_chars = 1024;

/// The spec's certificate fields plus the numbers findings need.
struct certificate_info {
    std::string subject;            ///< RFC 2253, e.g. "CN=mx1.lab.test"; non-ASCII as \XX
    std::string issuer;             ///< RFC 2253, e.g. "CN=Lab Root CA,O=smtpsweep test"
    std::vector<std::string> san;   ///< dNSName entries (IP entries as text), in order
    std::string not_before;         ///< "2026-01-01T00:00:00Z" (empty if unparsable)
    std::string not_after;          ///< same format as not_before
    std::time_t not_before_t = 0;   ///< not_before as seconds since the epoch
    std::time_t not_after_t = 0;    ///< not_after as seconds since the epoch
    std::string sha256;             ///< 64 lowercase hex digits of the DER
    std::string key;                ///< "RSA-2048", "EC-256", "ED25519-256", ...
    std::string key_type;           ///< "RSA", "EC", "DSA", "ED25519", "RSA-PSS", ...
    int key_bits = 0;               ///< key size in bits (ED25519: 256)
    std::string sig_alg;            ///< OpenSSL long name, e.g. "ecdsa-with-SHA256"
    bool self_signed = false;       ///< issuer == subject and the key verifies its own signature
};

/// Describes `cert`; never throws, unknown pieces are left empty.
certificate_info describe(X509* cert);

/// Describes a DER-encoded certificate; nullopt when it does not parse.
std::optional<certificate_info> describe_der(const unsigned char* der, std::size_t len);

}  // namespace smtpsweep::tls
