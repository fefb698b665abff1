// The permissive client SSL_CTX a worker uses for every handshake: offers
// TLS 1.0-1.3 and legacy ciphers at security level 0 so weak servers can be
// measured; never verifies during the handshake (tls::verify judges after).
#pragma once

#include "tls/openssl.hpp"

namespace smtpsweep::tls {

/// A new permissive client context (one per worker; not shared across threads).
ssl_ctx_ptr make_client_context();

}  // namespace smtpsweep::tls
