// Memory-BIO handshake pump for the tls tests. Each step moves every pending
// byte from one side's output BIO to the other side's input BIO, then lets
// both ends advance; a bounded number of rounds replaces any timeout.
#include "tests/tls/loopback.hpp"

#include <array>
#include <stdexcept>

#include <openssl/err.h>

#include "tests/tls/fixtures.hpp"

namespace smtpsweep::tls::test {
namespace {

void check(int ok, const std::string& what) {
    if (ok != 1) {
        ERR_clear_error();
        throw std::runtime_error("test server: " + what);
    }
}

void move_bytes(BIO* from, BIO* to) {
    std::array<char, 4096> buf{};
    int n = 0;
    while ((n = BIO_read(from, buf.data(), static_cast<int>(buf.size()))) > 0) {
        BIO_write(to, buf.data(), n);
    }
}

bool progressing(SSL* ssl, int rc) {
    if (rc == 1) return true;
    int err = SSL_get_error(ssl, rc);
    return err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE;
}

}  // namespace

ssl_ctx_ptr make_server_context(const server_options& o) {
    ssl_ctx_ptr ctx{SSL_CTX_new(TLS_server_method())};
    if (!ctx) throw std::runtime_error("SSL_CTX_new");
    SSL_CTX_set_security_level(ctx.get(), o.security_level);
    check(SSL_CTX_set_min_proto_version(ctx.get(), o.min_version), "min version");
    check(SSL_CTX_set_max_proto_version(ctx.get(), o.max_version), "max version");
    check(SSL_CTX_set_cipher_list(ctx.get(), o.cipher_list.c_str()), "ciphers " + o.cipher_list);
    check(SSL_CTX_use_certificate_chain_file(ctx.get(), fixture(o.cert + ".pem").c_str()), "cert");
    check(SSL_CTX_use_PrivateKey_file(ctx.get(), fixture(o.cert + ".key").c_str(),
                                      SSL_FILETYPE_PEM), "key");
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_TICKET);
    return ctx;
}

tls_pair make_pair(SSL_CTX* client_ctx, SSL_CTX* server_ctx) {
    tls_pair p;
    p.client.reset(SSL_new(client_ctx));
    p.server.reset(SSL_new(server_ctx));
    if (!p.client || !p.server) throw std::runtime_error("SSL_new");
    p.c_in = BIO_new(BIO_s_mem());
    p.c_out = BIO_new(BIO_s_mem());
    p.s_in = BIO_new(BIO_s_mem());
    p.s_out = BIO_new(BIO_s_mem());
    SSL_set_bio(p.client.get(), p.c_in, p.c_out);
    SSL_set_bio(p.server.get(), p.s_in, p.s_out);
    SSL_set_connect_state(p.client.get());
    SSL_set_accept_state(p.server.get());
    return p;
}

bool handshake(tls_pair& p) {
    ERR_clear_error();
    for (int round = 0; round < 20; ++round) {
        // SSL_get_error must be read before the peer's bytes reach our BIO.
        int c = SSL_do_handshake(p.client.get());
        bool c_ok = progressing(p.client.get(), c);
        move_bytes(p.c_out, p.s_in);
        int s = SSL_do_handshake(p.server.get());
        bool s_ok = progressing(p.server.get(), s);
        move_bytes(p.s_out, p.c_in);
        if (c == 1 && s == 1) return true;
        if (!c_ok || !s_ok) break;
    }
    ERR_clear_error();
    return false;
}

void settle(tls_pair& p) {
    std::array<char, 256> buf{};
    move_bytes(p.s_out, p.c_in);
    SSL_read(p.client.get(), buf.data(), static_cast<int>(buf.size()));  // tickets only
    move_bytes(p.c_out, p.s_in);
    ERR_clear_error();
}

}  // namespace smtpsweep::tls::test
