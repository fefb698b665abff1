// Trust is judged after the (deliberately permissive) handshake: chain
// verification against a trust store at the scan time, and RFC 6125 name
// matching of the leaf against the name the server gave for itself.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "tls/openssl.hpp"

namespace smtpsweep::tls {

class trust_store;

/// spec `tls.verify`.
struct verify_result {
    bool chain_valid = false;
    std::optional<std::string> error;  ///< X509 error string when the chain does not verify
    int error_code = 0;                ///< X509_V_ERR_* (0 = ok)
    std::optional<bool> name_match;    ///< null when there is no hostname to check
};

/// Verification depth limit (peer chains are at most this deep).
inline constexpr int max_verify_depth = 32;

/// Verifies the peer chain of a finished handshake at time `now` and the leaf
/// against `hostname` (when given). No peer certificate: chain_valid false,
/// error "no peer certificate", error_code X509_V_ERR_UNSPECIFIED.
verify_result verify(SSL* ssl, const trust_store& store, std::optional<std::string_view> hostname,
                     std::time_t now);

/// Same for a leaf plus the untrusted certificates the peer sent (may include
/// the leaf, may be null); usable without a handshake.
verify_result verify_chain(X509* leaf, STACK_OF(X509) * untrusted, const trust_store& store,
                           std::optional<std::string_view> hostname, std::time_t now);

/// Same for a chain as sent, leaf first (chain[0]); empty = no peer certificate.
verify_result verify_chain(const std::vector<x509_ptr>& chain, const trust_store& store,
                           std::optional<std::string_view> hostname, std::time_t now);

/// RFC 6125: SAN dNSNames first (CN only without dNSName SANs), wildcard only
/// as the whole left-most label, case-insensitive, trailing dots ignored. An
/// IP-literal hostname ("192.0.2.1", "[192.0.2.1]", "[IPv6:2001:db8::1]")
/// matches iPAddress SANs only.
bool name_matches(X509* leaf, std::string_view hostname);

/// One DNS pattern from a certificate against one hostname, by the rules above:
/// "*.lab.test" matches "mx1.lab.test" but not "lab.test", "a.b.lab.test";
/// "f*.lab.test" and "*.test" match nothing.
bool dns_name_matches(std::string_view pattern, std::string_view hostname);

}  // namespace smtpsweep::tls
