// RAII for every OpenSSL handle: the only place *_free functions are named.
// Each alias is a pointer-sized unique_ptr whose deleter is the matching
// OpenSSL free function, so handles cannot leak on early returns.
#pragma once

#include <memory>

#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace smtpsweep::tls {

/// Calls the OpenSSL free function F on a non-null handle.
template <auto F>
struct deleter {
    void operator()(auto* p) const noexcept { F(p); }
};

/// Frees a STACK_OF(X509) and every certificate in it.
struct x509_stack_deleter {
    void operator()(STACK_OF(X509) * s) const noexcept { sk_X509_pop_free(s, X509_free); }
};

/// Frees a GENERAL_NAMES stack and every name in it.
struct general_names_deleter {
    void operator()(GENERAL_NAMES* n) const noexcept { GENERAL_NAMES_free(n); }
};

using x509_ptr = std::unique_ptr<X509, deleter<X509_free>>;                        ///< X509
using x509_store_ptr = std::unique_ptr<X509_STORE, deleter<X509_STORE_free>>;      ///< store
using x509_store_ctx_ptr =
    std::unique_ptr<X509_STORE_CTX, deleter<X509_STORE_CTX_free>>;                  ///< verify ctx
using x509_stack_ptr = std::unique_ptr<STACK_OF(X509), x509_stack_deleter>;        ///< owning stack
using general_names_ptr = std::unique_ptr<GENERAL_NAMES, general_names_deleter>;   ///< SAN list
using ssl_ctx_ptr = std::unique_ptr<SSL_CTX, deleter<SSL_CTX_free>>;                ///< SSL_CTX
using ssl_ptr = std::unique_ptr<SSL, deleter<SSL_free>>;                            ///< SSL
using evp_pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY_free>>;             ///< key
using bio_ptr = std::unique_ptr<BIO, deleter<BIO_free_all>>;                        ///< BIO chain

}  // namespace smtpsweep::tls
