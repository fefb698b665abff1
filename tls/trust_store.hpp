// The trust anchors: the system store plus --ca-file. Built once, shared
// read-only by all workers (X509_STORE lookups are thread-safe in OpenSSL 3).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "tls/openssl.hpp"

namespace smtpsweep::tls {

/// Thrown when --ca-file cannot be read or holds no certificate.
struct trust_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class trust_store {
public:
    /// System default paths plus the PEM bundle `ca_file`; throws trust_error.
    static trust_store load(const std::optional<std::string>& ca_file, bool use_system = true);
    X509_STORE* get() const noexcept { return store_.get(); }

private:
    x509_store_ptr store_;
};

}  // namespace smtpsweep::tls
