// Test helpers for the tls tests: paths of the generated certificate fixtures
// (scripts/make_test_certs.py, ctest fixture "certs"), PEM loading, and small
// in-memory certificate builders for shapes the fixtures do not cover.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "tls/openssl.hpp"
#include "tls/trust_store.hpp"

namespace smtpsweep::tls::test {

/// Path of a fixture file, e.g. fixture("valid.pem").
std::string fixture(const std::string& file);

/// Every certificate of a PEM file, in file order (leaf first for NAME.pem).
std::vector<x509_ptr> load_pem_chain(const std::string& path);

/// The whole content of a binary file.
std::vector<unsigned char> read_file(const std::string& path);

/// A store trusting only `ca_file` (no system anchors).
trust_store store_of(const std::string& ca_file);

/// Current time.
std::time_t now();

/// A fresh key: "ec" (P-256), "ed25519" or "rsa1024".
evp_pkey_ptr new_key(const char* kind);

/// What to put into a generated certificate.
struct cert_spec {
    std::vector<std::string> common_names{};  ///< subject CN entries (may contain NULs)
    std::vector<std::string> dns_sans{};      ///< dNSName SANs
    std::vector<std::string> ip_sans{};       ///< iPAddress SANs as text
    const char* key_kind = "ec";             ///< see new_key
};

/// A self-signed certificate per `spec`, valid from now-1d to now+1y.
x509_ptr make_cert(const cert_spec& spec);

}  // namespace smtpsweep::tls::test
