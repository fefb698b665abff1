// Small text conversions of X.509 pieces (names, times, digests, SANs) used
// by describe(). Kept apart so certificate_info.cpp reads as a field list and
// so each conversion can be bounded and escaped in one place.
#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <openssl/types.h>

namespace smtpsweep::tls::detail {

/// RFC 2253 text of `name`, bytes outside printable ASCII as \XX, cut to max_chars.
std::string name_text(const X509_NAME* name, std::size_t max_chars);

/// An ASN.1 time as "YYYY-MM-DDTHH:MM:SSZ" plus time_t; nullopt if unparsable.
struct utc_time {
    std::string iso;     ///< ISO 8601 UTC
    std::time_t t = 0;   ///< seconds since the epoch
};
/// Converts an ASN1_TIME (UTCTime or GeneralizedTime).
std::optional<utc_time> time_text(const ASN1_TIME* t);

/// Lowercase hex of the SHA-256 of the DER encoding.
std::string sha256_hex(X509* cert);

/// DNS SANs verbatim (escaped) and IP SANs as text, in order, bounded.
std::vector<std::string> san_text(X509* cert, std::size_t max_entries, std::size_t max_chars);

/// Text of an IPv4 (4 bytes) or IPv6 (16 bytes) address; empty otherwise.
std::string ip_text(const unsigned char* bytes, int len);

/// Copies `bytes`, escaping every byte outside printable ASCII (0x20..0x7e) as \XX.
std::string escape_bytes(const unsigned char* bytes, std::size_t len);

}  // namespace smtpsweep::tls::detail
