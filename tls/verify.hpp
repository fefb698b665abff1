// Trust is judged after the (deliberately permissive) handshake: chain
// verification against a trust store and RFC 6125 name matching.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/types.h>

namespace smtpsweep::tls {

class trust_store;

/// spec `tls.verify`.
struct verify_result {
    bool chain_valid = false;
    std::optional<std::string> error;  ///< X509 error string when the chain does not verify
    int error_code = 0;                ///< X509_V_ERR_* (0 = ok)
    std::optional<bool> name_match;    ///< null when there is no hostname to check
};

/// Verifies the peer chain of a finished handshake at time `now` and the leaf
/// against `hostname` (when given).
verify_result verify(SSL* ssl, const trust_store& store, std::optional<std::string_view> hostname,
                     std::time_t now);

/// RFC 6125: SAN dNSNames first (CN only without SANs), wildcard only as the
/// whole left-most label, case-insensitive.
bool name_matches(X509* leaf, std::string_view hostname);

}  // namespace smtpsweep::tls
