// Findings: one row per rule (a record shaped to trigger it, the ids
// expected), plus the "each at most once, in enum order" promise.
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <openssl/x509_vfy.h>

#include "scanner/findings.hpp"

using namespace smtpsweep::scanner;
using ids = std::vector<finding>;

namespace {

constexpr std::time_t now = 1'800'000'000;
constexpr std::time_t day = 86'400;

// A clean STARTTLS session: no findings at all.
record clean() {
    record r;
    r.status = status::success;
    r.phase = phase::quit;
    auto& s = r.smtp.emplace();
    s.banner = "220 mx1.lab.test ESMTP Postfix";
    s.banner_code = 220;
    s.hostname = "mx1.lab.test";
    s.software = software_info{"Postfix", std::nullopt};
    s.ehlo = std::vector<std::string>{"PIPELINING", "STARTTLS"};
    s.starttls = starttls_outcome::ok;
    auto& t = r.tls.emplace();
    t.mode = "starttls";
    t.version = "TLSv1.3";
    t.cipher = "TLS_AES_256_GCM_SHA384";
    t.cipher_bits = 256;
    smtpsweep::tls::certificate_info leaf;
    leaf.not_before_t = now - 10 * day;
    leaf.not_after_t = now + 300 * day;
    leaf.key_type = "EC";
    leaf.key_bits = 256;
    leaf.sig_alg = "ecdsa-with-SHA256";
    t.certificates.push_back(leaf);
    t.verify = smtpsweep::tls::verify_result{true, std::nullopt, 0, true};
    return r;
}

void fail_chain(record& r, int err) {
    r.tls->verify->chain_valid = false;
    r.tls->verify->error_code = err;
}

using edit = std::function<void(record&)>;

}  // namespace

TEST_CASE("each rule fires on the record shape it describes", "[scanner][findings]") {
    auto [name, change, expected] = GENERATE(table<std::string, edit, ids>({
        {"clean", [](record&) {}, {}},
        {"plaintext on 465",
         [](record& r) {
             r.tls = tls_info{};
             r.tls->mode = "implicit";
             r.smtp->starttls.reset();
         },
         {finding::plaintext_on_implicit_tls}},
        {"465 handshake failed, no banner",
         [](record& r) {
             r.tls = tls_info{};
             r.tls->mode = "implicit";
             r.smtp.reset();
         },
         {}},
        {"not offered",
         [](record& r) {
             r.smtp->starttls = starttls_outcome::not_offered;
             r.tls.reset();
         },
         {finding::starttls_not_offered}},
        {"refused", [](record& r) { r.smtp->starttls = starttls_outcome::refused; },
         {finding::starttls_failed}},
        {"failed", [](record& r) { r.smtp->starttls = starttls_outcome::failed; },
         {finding::starttls_failed}},
        {"auth before tls", [](record& r) { r.smtp->auth_before_tls = {"PLAIN"}; },
         {finding::auth_before_tls}},
        {"tls 1.0", [](record& r) { r.tls->version = "TLSv1"; }, {finding::tls_deprecated_version}},
        {"rc4", [](record& r) { r.tls->cipher = "RC4-SHA"; r.tls->cipher_bits = 128; },
         {finding::tls_weak_cipher}},
        {"expired leaf",
         [](record& r) {
             r.tls->certificates[0].not_after_t = now - day;
             fail_chain(r, X509_V_ERR_CERT_HAS_EXPIRED);
         },
         {finding::cert_expired}},
        {"not yet valid leaf",
         [](record& r) {
             r.tls->certificates[0].not_before_t = now + day;
             fail_chain(r, X509_V_ERR_CERT_NOT_YET_VALID);
         },
         {finding::cert_not_yet_valid}},
        {"expired intermediate",
         [](record& r) { fail_chain(r, X509_V_ERR_CERT_HAS_EXPIRED); },
         {finding::cert_untrusted}},
        {"self-signed leaf",
         [](record& r) {
             r.tls->certificates[0].self_signed = true;
             fail_chain(r, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
         },
         {finding::cert_self_signed}},
        {"unknown issuer",
         [](record& r) { fail_chain(r, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY); },
         {finding::cert_untrusted}},
        {"name mismatch", [](record& r) { r.tls->verify->name_match = false; },
         {finding::cert_name_mismatch}},
        {"no name to match", [](record& r) { r.tls->verify->name_match.reset(); }, {}},
        {"rsa 1024",
         [](record& r) {
             r.tls->certificates[0].key_type = "RSA";
             r.tls->certificates[0].key_bits = 1024;
         },
         {finding::cert_weak_key}},
        {"rsa 2048",
         [](record& r) {
             r.tls->certificates[0].key_type = "RSA";
             r.tls->certificates[0].key_bits = 2048;
         },
         {}},
        {"ec 192", [](record& r) { r.tls->certificates[0].key_bits = 192; },
         {finding::cert_weak_key}},
        {"sha1", [](record& r) { r.tls->certificates[0].sig_alg = "sha1WithRSAEncryption"; },
         {finding::cert_weak_signature}},
        {"md5", [](record& r) { r.tls->certificates[0].sig_alg = "md5WithRSAEncryption"; },
         {finding::cert_weak_signature}},
        {"554 banner", [](record& r) { r.smtp->banner_code = 554; },
         {finding::smtp_rejects_clients}},
        {"version disclosed", [](record& r) { r.smtp->software->version = "3.7.1"; },
         {finding::software_version_disclosed}},
        {"relay closed", [](record& r) { r.smtp->relay = relay_info{false, 250, 554, "denied"}; },
         {}},
        {"open relay", [](record& r) { r.smtp->relay = relay_info{true, 250, 250, "ok"}; },
         {finding::open_relay}},
    }));
    INFO(name);
    record r = clean();
    change(r);
    CHECK(findings(r, now) == expected);
}

TEST_CASE("findings come once each, in enum order", "[scanner][findings]") {
    record r = clean();
    r.smtp->starttls = starttls_outcome::failed;
    r.smtp->auth_before_tls = {"PLAIN", "LOGIN"};
    r.smtp->banner_code = 554;
    r.smtp->software->version = "1.0";
    r.smtp->relay = relay_info{true, 250, 250, "ok"};
    r.tls->version = "SSLv3";
    r.tls->certificates[0].self_signed = true;
    r.tls->certificates[0].sig_alg = "md5WithRSAEncryption";
    r.tls->verify->name_match = false;
    fail_chain(r, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
    CHECK(findings(r, now) == ids{finding::starttls_failed, finding::auth_before_tls,
                                  finding::tls_deprecated_version, finding::cert_self_signed,
                                  finding::cert_name_mismatch, finding::cert_weak_signature,
                                  finding::smtp_rejects_clients,
                                  finding::software_version_disclosed, finding::open_relay});
}

TEST_CASE("a record that never reached smtp has no findings", "[scanner][findings]") {
    record r;
    r.status = status::refused;
    CHECK(findings(r, now).empty());
}
