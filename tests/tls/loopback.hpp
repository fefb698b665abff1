// In-memory TLS handshakes for tests: a client SSL and a server SSL joined by
// memory BIOs that the test pumps by hand. No sockets, no threads, no timing.
#pragma once

#include <string>

#include "tls/openssl.hpp"

namespace smtpsweep::tls::test {

/// How the test server is configured.
struct server_options {
    std::string cert = "valid";            ///< fixture NAME: serves NAME.pem with NAME.key
    int min_version = TLS1_VERSION;        ///< lowest protocol the server accepts
    int max_version = TLS1_3_VERSION;      ///< highest protocol the server accepts
    std::string cipher_list = "DEFAULT";   ///< TLS <= 1.2 ciphers (OpenSSL syntax)
    int security_level = 0;                ///< SSL_CTX_set_security_level
};

/// A server context per `options`; throws on any OpenSSL failure.
ssl_ctx_ptr make_server_context(const server_options& options);

/// A client and a server SSL joined by memory BIOs.
struct tls_pair {
    ssl_ptr client;      ///< the side under test
    ssl_ptr server;      ///< the test server
    BIO* c_in = nullptr;    ///< owned by client: bytes for the client to read
    BIO* c_out = nullptr;   ///< owned by client: bytes the client wrote
    BIO* s_in = nullptr;    ///< owned by server
    BIO* s_out = nullptr;   ///< owned by server
};

/// Joins new SSLs from the two contexts.
tls_pair make_pair(SSL_CTX* client_ctx, SSL_CTX* server_ctx);

/// Runs the handshake to completion; true when both ends finished it.
bool handshake(tls_pair& pair);

/// Lets the client consume post-handshake messages (TLS 1.3 tickets), then
/// leaves it idle with no pending bytes in either direction.
void settle(tls_pair& pair);

}  // namespace smtpsweep::tls::test
