// What a finished handshake negotiated, as plain values.
#pragma once

#include <string>
#include <vector>

#include <openssl/types.h>

#include "tls/certificate_info.hpp"

namespace smtpsweep::tls {

/// Negotiated parameters and the peer chain (leaf first, as sent).
struct session_info {
    std::string version;   ///< "TLSv1.3", "TLSv1.2", "TLSv1", "SSLv3", ...
    std::string cipher;    ///< IANA/OpenSSL name, e.g. "TLS_AES_256_GCM_SHA384"
    int cipher_bits = 0;   ///< symmetric strength in bits
    std::vector<certificate_info> chain;
};

/// Inspects a finished handshake.
session_info inspect(SSL* ssl);

/// True for SSLv3, TLSv1 and TLSv1.1.
bool deprecated_version(std::string_view version);
/// True for NULL, EXPORT, RC4, DES/3DES or < 128-bit ciphers.
bool weak_cipher(std::string_view cipher, int bits);

}  // namespace smtpsweep::tls
