// Chain verification after the handshake: X509_verify_cert with the leaf and
// whatever the peer sent as untrusted intermediates, at the scan time `now`,
// for the sslserver purpose, at most max_verify_depth deep. OpenSSL reports
// the first error it finds; that code and its string go into the record.
#include "tls/verify.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tls/trust_store.hpp"

namespace smtpsweep::tls {
namespace {

// A STACK_OF(X509) that borrows its certificates (frees only the stack).
struct borrowed_stack_deleter {
    void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_free(s); }
};
using borrowed_stack_ptr = std::unique_ptr<STACK_OF(X509), borrowed_stack_deleter>;

verify_result failure(int code) {
    verify_result r;
    r.error_code = code;
    r.error = ::X509_verify_cert_error_string(code);
    return r;
}

verify_result verify_path(X509* leaf, STACK_OF(X509) * untrusted, X509_STORE* store,
                          std::time_t now) {
    x509_store_ctx_ptr ctx{::X509_STORE_CTX_new()};
    if (!ctx || ::X509_STORE_CTX_init(ctx.get(), store, leaf, untrusted) != 1) {
        return failure(X509_V_ERR_UNSPECIFIED);
    }
    ::X509_STORE_CTX_set_time(ctx.get(), 0, now);
    ::X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
    ::X509_VERIFY_PARAM_set_depth(::X509_STORE_CTX_get0_param(ctx.get()), max_verify_depth);
    if (::X509_verify_cert(ctx.get()) == 1) {
        verify_result ok;
        ok.chain_valid = true;
        return ok;
    }
    int code = ::X509_STORE_CTX_get_error(ctx.get());
    return failure(code != X509_V_OK ? code : X509_V_ERR_UNSPECIFIED);
}

}  // namespace

verify_result verify_chain(X509* leaf, STACK_OF(X509) * untrusted, const trust_store& store,
                           std::optional<std::string_view> hostname, std::time_t now) {
    ::ERR_clear_error();
    verify_result r;
    if (leaf == nullptr || store.get() == nullptr) {
        r = failure(X509_V_ERR_UNSPECIFIED);
        r.error = "no peer certificate";
    } else {
        r = verify_path(leaf, untrusted, store.get(), now);
    }
    if (hostname && !hostname->empty()) {
        r.name_match = leaf != nullptr && name_matches(leaf, *hostname);
    }
    ::ERR_clear_error();
    return r;
}

verify_result verify_chain(const std::vector<x509_ptr>& chain, const trust_store& store,
                           std::optional<std::string_view> hostname, std::time_t now) {
    borrowed_stack_ptr sk{sk_X509_new_null()};
    for (const auto& cert : chain) {
        if (sk && cert) sk_X509_push(sk.get(), cert.get());
    }
    X509* leaf = chain.empty() ? nullptr : chain.front().get();
    return verify_chain(leaf, sk.get(), store, hostname, now);
}

verify_result verify(SSL* ssl, const trust_store& store, std::optional<std::string_view> hostname,
                     std::time_t now) {
    X509* leaf = ssl != nullptr ? ::SSL_get0_peer_certificate(ssl) : nullptr;
    STACK_OF(X509)* sent = ssl != nullptr ? ::SSL_get_peer_cert_chain(ssl) : nullptr;
    return verify_chain(leaf, sent, store, hostname, now);
}

}  // namespace smtpsweep::tls
