// trust_store::load: the system default paths plus an optional PEM bundle
// (--ca-file). Startup code, so failures throw trust_error naming the file.
// The bundle is read certificate by certificate so that "holds no
// certificate" is distinguishable from "unreadable".
#include "tls/trust_store.hpp"

#include <cerrno>
#include <cstring>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

namespace smtpsweep::tls {
namespace {

// Adds every certificate of the PEM file at `path`; returns how many.
int add_pem_file(X509_STORE* store, const std::string& path) {
    bio_ptr bio{::BIO_new_file(path.c_str(), "r")};
    if (!bio) {
        int err = errno;
        ::ERR_clear_error();
        throw trust_error("cannot read CA file '" + path + "': " + std::strerror(err));
    }
    int added = 0;
    while (x509_ptr cert{::PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        // A duplicate of a system anchor is fine; anything else is fatal.
        if (::X509_STORE_add_cert(store, cert.get()) != 1) {
            unsigned long e = ::ERR_peek_last_error();
            if (ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
                ::ERR_clear_error();
                throw trust_error("cannot add a certificate from CA file '" + path + "'");
            }
        }
        ++added;
    }
    ::ERR_clear_error();  // the loop ends on a "no start line" error
    return added;
}

// The system file and hashed directory, as X509_STORE_set_default_paths
// loaded them before OpenSSL 3. Not that call itself: OpenSSL 3 adds an
// OSSL_STORE lookup on the certificate directory that lists and decodes the
// whole directory on every issuer lookup, twice per verification, which made
// it the TLS probe's largest CPU cost after the handshake
// (bench/results/PROFILE.md). Missing defaults are not errors, as there.
bool load_default_paths(X509_STORE* store) {
    X509_LOOKUP* file = ::X509_STORE_add_lookup(store, ::X509_LOOKUP_file());
    X509_LOOKUP* dir = ::X509_STORE_add_lookup(store, ::X509_LOOKUP_hash_dir());
    if (file == nullptr || dir == nullptr) return false;
    ::X509_LOOKUP_load_file(file, nullptr, X509_FILETYPE_DEFAULT);
    ::X509_LOOKUP_add_dir(dir, nullptr, X509_FILETYPE_DEFAULT);
    ::ERR_clear_error();
    return true;
}

}  // namespace

trust_store trust_store::load(const std::optional<std::string>& ca_file, bool use_system) {
    ::ERR_clear_error();
    trust_store ts;
    ts.store_.reset(::X509_STORE_new());
    if (!ts.store_) throw trust_error("cannot allocate X509_STORE");
    if (use_system && !load_default_paths(ts.store_.get())) {
        ::ERR_clear_error();
        throw trust_error("cannot load the system trust store");
    }
    if (ca_file && add_pem_file(ts.store_.get(), *ca_file) == 0) {
        throw trust_error("CA file '" + *ca_file + "' holds no PEM certificate");
    }
    return ts;
}

}  // namespace smtpsweep::tls
