// The permissive client SSL_CTX. Every setting is explicit so that neither
// OpenSSL's compiled-in defaults (Debian builds with security level 2) nor
// /etc/ssl/openssl.cnf (MinProtocol, CipherString) can stop us from
// handshaking with old servers: measuring them is the point, and trust is
// judged afterwards by tls::verify. Memory matters (5000 concurrent
// handshakes per process), hence SSL_MODE_RELEASE_BUFFERS and no session cache.
//
// Note: Debian's libssl is built without "weak-ssl-ciphers", so RC4 and 3DES
// suites do not exist in the library at all; servers offering only those
// fail the handshake ("no shared cipher") and are reported as tls-error.
#include "tls/client_context.hpp"

#include <stdexcept>

#include <openssl/err.h>

namespace smtpsweep::tls {
namespace {

// Every TLS 1.3 suite OpenSSL 3 implements, strongest first.
constexpr const char* tls13_suites =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
    "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";

void require(long ok, const char* what) {
    if (ok != 1) {
        ::ERR_clear_error();
        throw std::runtime_error(std::string{"tls client context: "} + what);
    }
}

}  // namespace

ssl_ctx_ptr make_client_context() {
    ::ERR_clear_error();
    ssl_ctx_ptr ctx{::SSL_CTX_new(::TLS_client_method())};
    if (!ctx) throw std::runtime_error("tls client context: SSL_CTX_new failed");
    SSL_CTX* c = ctx.get();
    // Level 0 first: the protocol floor and cipher list are checked against it.
    ::SSL_CTX_set_security_level(c, 0);
    require(::SSL_CTX_set_min_proto_version(c, TLS1_VERSION), "min protocol TLS 1.0");
    require(::SSL_CTX_set_max_proto_version(c, TLS1_3_VERSION), "max protocol TLS 1.3");
    require(::SSL_CTX_set_cipher_list(c, "ALL:COMPLEMENTOFALL:@SECLEVEL=0"), "cipher list");
    require(::SSL_CTX_set_ciphersuites(c, tls13_suites), "TLS 1.3 suites");
    ::SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
    ::SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_OFF);
    ::SSL_CTX_set_mode(c, SSL_MODE_RELEASE_BUFFERS);
    // Old servers lack RFC 5746 secure renegotiation; we never renegotiate
    // ourselves, so tolerating them costs nothing.
    ::SSL_CTX_set_options(c, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET |
                                 SSL_OP_LEGACY_SERVER_CONNECT |
                                 SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
    return ctx;
}

}  // namespace smtpsweep::tls
