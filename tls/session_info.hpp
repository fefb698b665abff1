// What a finished handshake negotiated, as plain values, plus the two spec
// rules that judge them (tls-deprecated-version, tls-weak-cipher).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "tls/certificate_info.hpp"

namespace smtpsweep::tls {

/// At most this many peer certificates are described (the rest are dropped).
inline constexpr std::size_t max_chain_certs = 32;

/// Negotiated parameters and the peer chain (leaf first, as sent).
struct session_info {
    std::string version;   ///< "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3"
    std::string cipher;    ///< OpenSSL name "TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES128-GCM-SHA256"
    int cipher_bits = 0;   ///< symmetric strength in bits
    std::vector<certificate_info> chain;   ///< leaf first, at most max_chain_certs
};

/// Inspects a finished handshake (client side).
session_info inspect(SSL* ssl);

/// True for SSLv2, SSLv3, TLSv1 and TLSv1.1 (spec: tls-deprecated-version).
bool deprecated_version(std::string_view version);
/// True for NULL, EXPORT, RC4, DES/3DES or < 128-bit ciphers (spec: tls-weak-cipher);
/// accepts OpenSSL ("DES-CBC3-SHA") and IANA ("TLS_RSA_WITH_3DES_EDE_CBC_SHA") names.
bool weak_cipher(std::string_view cipher, int bits);

}  // namespace smtpsweep::tls
