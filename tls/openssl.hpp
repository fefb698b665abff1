// RAII for every OpenSSL handle: the only place *_free functions are named.
#pragma once

#include <memory>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

namespace smtpsweep::tls {

template <auto F>
struct deleter {
    void operator()(auto* p) const noexcept { F(p); }
};

using x509_ptr = std::unique_ptr<X509, deleter<X509_free>>;
using x509_store_ptr = std::unique_ptr<X509_STORE, deleter<X509_STORE_free>>;
using x509_store_ctx_ptr = std::unique_ptr<X509_STORE_CTX, deleter<X509_STORE_CTX_free>>;
using ssl_ctx_ptr = std::unique_ptr<SSL_CTX, deleter<SSL_CTX_free>>;
using ssl_ptr = std::unique_ptr<SSL, deleter<SSL_free>>;
using evp_pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY_free>>;
using bio_ptr = std::unique_ptr<BIO, deleter<BIO_free_all>>;

}  // namespace smtpsweep::tls
