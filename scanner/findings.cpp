// Finding rules, one predicate per id, evaluated in enum order. Choices:
// - plaintext-on-implicit-tls: tls.mode "implicit" with no negotiated version
//   but an SMTP banner, which the probe only records from the plaintext retry.
// - Certificate validity, self-signature, key and signature are judged on the
//   leaf only (the spec says "leaf"); a weak intermediate shows as untrusted
//   only if the verifier rejects it.
// - cert-untrusted: the chain does not verify, and the verifier's error is not
//   merely explained by another finding already reported on the leaf
//   (expired, not yet valid, self-signed). An expired intermediate still gives
//   cert-untrusted, since the leaf-based expiry finding does not fire.
// - cert-weak-key: RSA and DSA under 2048 bits, EC under 224 bits.
#include "scanner/findings.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <openssl/x509_vfy.h>

#include "tls/session_info.hpp"

namespace smtpsweep::scanner {
namespace {

const tls::certificate_info* leaf(const record& r) {
    return r.tls && !r.tls->certificates.empty() ? &r.tls->certificates.front() : nullptr;
}

bool expired(const record& r, std::time_t now) {
    const auto* c = leaf(r);
    return c && c->not_after_t != 0 && now > c->not_after_t;
}

bool not_yet_valid(const record& r, std::time_t now) {
    const auto* c = leaf(r);
    return c && c->not_before_t != 0 && now < c->not_before_t;
}

bool self_signed(const record& r) { return leaf(r) && leaf(r)->self_signed; }

bool untrusted(const record& r, std::time_t now) {
    if (!r.tls || !r.tls->verify || r.tls->verify->chain_valid) return false;
    switch (r.tls->verify->error_code) {
    case X509_V_ERR_CERT_HAS_EXPIRED: return !expired(r, now);
    case X509_V_ERR_CERT_NOT_YET_VALID: return !not_yet_valid(r, now);
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: return !self_signed(r);
    default: return true;
    }
}

bool weak_key(const record& r) {
    const auto* c = leaf(r);
    if (!c || c->key_bits <= 0) return false;
    if (c->key_type == "RSA" || c->key_type == "DSA") return c->key_bits < 2048;
    if (c->key_type == "EC") return c->key_bits < 224;
    return false;
}

bool weak_signature(const record& r) {
    const auto* c = leaf(r);
    if (!c) return false;
    std::string alg = c->sig_alg;
    for (auto& ch : alg) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return alg.find("md5") != std::string::npos || alg.find("sha1") != std::string::npos ||
           alg.find("sha-1") != std::string::npos;
}

bool applies(finding f, const record& r, std::time_t now) {
    const auto* s = r.smtp ? &*r.smtp : nullptr;
    const auto* t = r.tls ? &*r.tls : nullptr;
    switch (f) {
    case finding::plaintext_on_implicit_tls:
        return t && t->mode == "implicit" && !t->version && s && s->banner_code;
    case finding::starttls_not_offered: return s && s->starttls == starttls_outcome::not_offered;
    case finding::starttls_failed:
        return s && (s->starttls == starttls_outcome::refused ||
                     s->starttls == starttls_outcome::failed);
    case finding::auth_before_tls: return s && !s->auth_before_tls.empty();
    case finding::tls_deprecated_version: return t && t->version && tls::deprecated_version(*t->version);
    case finding::tls_weak_cipher:
        return t && t->cipher && tls::weak_cipher(*t->cipher, t->cipher_bits.value_or(256));
    case finding::cert_expired: return expired(r, now);
    case finding::cert_not_yet_valid: return not_yet_valid(r, now);
    case finding::cert_self_signed: return self_signed(r);
    case finding::cert_untrusted: return untrusted(r, now);
    case finding::cert_name_mismatch: return t && t->verify && t->verify->name_match == false;
    case finding::cert_weak_key: return weak_key(r);
    case finding::cert_weak_signature: return weak_signature(r);
    case finding::smtp_rejects_clients: return s && s->banner_code && *s->banner_code / 100 != 2;
    case finding::software_version_disclosed: return s && s->software && s->software->version;
    case finding::open_relay: return s && s->relay && s->relay->accepted;
    }
    return false;
}

}  // namespace

std::vector<finding> findings(const record& r, std::time_t now) {
    std::vector<finding> out;
    for (std::size_t i = 0; i < finding_count; ++i) {
        const auto f = static_cast<finding>(i);
        if (applies(f, r, now)) out.push_back(f);
    }
    return out;
}

}  // namespace smtpsweep::scanner
