// describe(): one X509 into a plain certificate_info. Never throws and never
// leaves an OpenSSL error behind on the thread: parsing hostile certificates
// is routine for a scanner, so every failure just leaves a field empty.
#include "tls/certificate_info.hpp"

#include <climits>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "tls/openssl.hpp"
#include "tls/x509_text.hpp"

namespace smtpsweep::tls {
namespace {

// Short uppercase type names as the spec writes them ("RSA-2048", "EC-256").
std::string key_type_name(int id) {
    switch (id) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_DSA: return "DSA";
    case EVP_PKEY_DH: return "DH";
    case EVP_PKEY_ED25519: return "ED25519";
    case EVP_PKEY_ED448: return "ED448";
    default: break;
    }
    const char* sn = id != NID_undef ? ::OBJ_nid2sn(id) : nullptr;
    return sn != nullptr ? detail::escape_bytes(reinterpret_cast<const unsigned char*>(sn),
                                                std::char_traits<char>::length(sn))
                         : "UNKNOWN";
}

void describe_key(X509* cert, certificate_info& info) {
    EVP_PKEY* pkey = ::X509_get0_pubkey(cert);
    if (pkey == nullptr) {
        // Unsupported algorithm (e.g. GOST): still name it from the SPKI OID.
        ASN1_OBJECT* oid = nullptr;
        X509_PUBKEY* spki = ::X509_get_X509_PUBKEY(cert);
        if (spki != nullptr &&
            ::X509_PUBKEY_get0_param(&oid, nullptr, nullptr, nullptr, spki) == 1) {
            info.key_type = key_type_name(::OBJ_obj2nid(oid));
            info.key = info.key_type;
        }
        return;
    }
    int id = ::EVP_PKEY_get_base_id(pkey);
    info.key_type = key_type_name(id);
    // OpenSSL reports Ed25519 as 253 bits and Ed448 as 456; name the key sizes.
    info.key_bits = id == EVP_PKEY_ED25519 ? 256 : id == EVP_PKEY_ED448 ? 456
                                                 : ::EVP_PKEY_get_bits(pkey);
    if (info.key_bits < 0) info.key_bits = 0;
    info.key = info.key_type + "-" + std::to_string(info.key_bits);
}

std::string signature_name(X509* cert) {
    int nid = ::X509_get_signature_nid(cert);
    if (nid != NID_undef) {
        if (const char* ln = ::OBJ_nid2ln(nid)) return ln;
    }
    const X509_ALGOR* alg = nullptr;
    ::X509_get0_signature(nullptr, &alg, cert);
    const ASN1_OBJECT* oid = nullptr;
    if (alg == nullptr) return {};
    ::X509_ALGOR_get0(&oid, nullptr, nullptr, alg);
    char buf[128] = {};
    int n = ::OBJ_obj2txt(buf, sizeof buf, oid, 1);
    return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf) : std::string{};
}

void describe_times(X509* cert, certificate_info& info) {
    if (auto t = detail::time_text(::X509_get0_notBefore(cert))) {
        info.not_before = std::move(t->iso);
        info.not_before_t = t->t;
    }
    if (auto t = detail::time_text(::X509_get0_notAfter(cert))) {
        info.not_after = std::move(t->iso);
        info.not_after_t = t->t;
    }
}

}  // namespace

certificate_info describe(X509* cert) {
    certificate_info info;
    if (cert == nullptr) return info;
    ::ERR_clear_error();
    info.subject = detail::name_text(::X509_get_subject_name(cert), max_name_chars);
    info.issuer = detail::name_text(::X509_get_issuer_name(cert), max_name_chars);
    info.san = detail::san_text(cert, max_san_entries, max_san_chars);
    describe_times(cert, info);
    info.sha256 = detail::sha256_hex(cert);
    describe_key(cert, info);
    info.sig_alg = signature_name(cert);
    // X509_self_signed, unlike X509_check_issued, ignores keyUsage, so a
    // typical self-signed server cert (no keyCertSign) still counts.
    info.self_signed = ::X509_self_signed(cert, 1) == 1;
    ::ERR_clear_error();
    return info;
}

std::optional<certificate_info> describe_der(const unsigned char* der, std::size_t len) {
    if (der == nullptr || len == 0 || len > static_cast<std::size_t>(LONG_MAX)) return {};
    ::ERR_clear_error();
    const unsigned char* p = der;
    x509_ptr cert{::d2i_X509(nullptr, &p, static_cast<long>(len))};
    if (!cert) {
        ::ERR_clear_error();
        return std::nullopt;
    }
    return describe(cert.get());
}

}  // namespace smtpsweep::tls
