// Implementation of the tls test helpers: fixture paths come from the
// SMTPSWEEP_TEST_CERTS_DIR compile definition; generated certificates are
// built with the OpenSSL API directly so tests can craft hostile shapes
// (thousands of SANs, NUL bytes in names, IP SANs, CN-only).
#include "tests/tls/fixtures.hpp"

#include <arpa/inet.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace smtpsweep::tls::test {
namespace {

void add_sans(X509* cert, const cert_spec& spec) {
    general_names_ptr names{sk_GENERAL_NAME_new_null()};
    for (const auto& dns : spec.dns_sans) {
        GENERAL_NAME* gn = GENERAL_NAME_new();
        ASN1_IA5STRING* s = ASN1_IA5STRING_new();
        ASN1_STRING_set(s, dns.data(), static_cast<int>(dns.size()));
        GENERAL_NAME_set0_value(gn, GEN_DNS, s);
        sk_GENERAL_NAME_push(names.get(), gn);
    }
    for (const auto& ip : spec.ip_sans) {
        unsigned char buf[16];
        int len = inet_pton(AF_INET, ip.c_str(), buf) == 1 ? 4 : 16;
        if (len == 16 && inet_pton(AF_INET6, ip.c_str(), buf) != 1) throw std::runtime_error(ip);
        GENERAL_NAME* gn = GENERAL_NAME_new();
        ASN1_OCTET_STRING* s = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(s, buf, len);
        GENERAL_NAME_set0_value(gn, GEN_IPADD, s);
        sk_GENERAL_NAME_push(names.get(), gn);
    }
    if (sk_GENERAL_NAME_num(names.get()) > 0) {
        X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT);
    }
}

}  // namespace

std::string fixture(const std::string& file) {
    return std::string{SMTPSWEEP_TEST_CERTS_DIR} + "/" + file;
}

std::vector<x509_ptr> load_pem_chain(const std::string& path) {
    bio_ptr bio{BIO_new_file(path.c_str(), "r")};
    if (!bio) throw std::runtime_error("cannot open " + path);
    std::vector<x509_ptr> out;
    while (x509_ptr c{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        out.push_back(std::move(c));
    }
    ERR_clear_error();
    if (out.empty()) throw std::runtime_error("no certificate in " + path);
    return out;
}

std::vector<unsigned char> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

trust_store store_of(const std::string& ca_file) { return trust_store::load(ca_file, false); }

std::time_t now() { return std::time(nullptr); }

evp_pkey_ptr new_key(const char* kind) {
    std::string k = kind;
    if (k == "ec") return evp_pkey_ptr{EVP_EC_gen("P-256")};
    if (k == "ed25519") return evp_pkey_ptr{EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")};
    if (k == "rsa1024") return evp_pkey_ptr{EVP_RSA_gen(1024)};
    throw std::runtime_error("unknown key kind " + k);
}

x509_ptr make_cert(const cert_spec& spec) {
    evp_pkey_ptr key = new_key(spec.key_kind);
    x509_ptr cert{X509_new()};
    X509_set_version(cert.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 42);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 86400);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    for (const auto& cn : spec.common_names) {
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>(cn.data()),
                                   static_cast<int>(cn.size()), -1, 0);
    }
    X509_set_issuer_name(cert.get(), name);
    add_sans(cert.get(), spec);
    const EVP_MD* md = std::string{spec.key_kind} == "ed25519" ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), key.get(), md) <= 0) throw std::runtime_error("X509_sign");
    return cert;
}

}  // namespace smtpsweep::tls::test
