// Test helpers: a record with every field set (and hostile text), a temp dir.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::test {

/// A fully populated STARTTLS record like the spec's example.
inline record full_record() {
    record r;
    r.target = {0xC612010A, 587};  // 198.18.1.10
    r.status = status::success;
    r.phase = phase::quit;
    r.time = std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + std::chrono::hours{15} +
             std::chrono::minutes{30} + std::chrono::milliseconds{123};
    r.connect_ms = 0.21;
    r.duration_ms = 14.8;
    smtp_info s;
    s.banner = "220 mx1.lab.test ESMTP Postfix (Debian/GNU)";
    s.banner_code = 220;
    s.hostname = "mx1.lab.test";
    s.software = software_info{"Postfix", std::nullopt};
    s.ehlo = std::vector<std::string>{"PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME"};
    s.starttls = starttls_outcome::ok;
    s.ehlo_tls = std::vector<std::string>{"PIPELINING", "AUTH PLAIN LOGIN"};
    s.relay = relay_info{false, 250, 554, "554 5.7.1 Relay access denied"};
    r.smtp = s;
    tls_info t;
    t.mode = "starttls";
    t.version = "TLSv1.3";
    t.cipher = "TLS_AES_256_GCM_SHA384";
    t.cipher_bits = 256;
    tls::certificate_info c;
    c.subject = "CN=mx1.lab.test";
    c.issuer = "CN=Lab Root CA";
    c.san = {"mx1.lab.test", "mx.lab.test"};
    c.not_before = "2026-01-01T00:00:00Z";
    c.not_after = "2027-01-01T00:00:00Z";
    c.sha256 = std::string(64, 'a');
    c.key = "EC-256";
    c.sig_alg = "ecdsa-with-SHA256";
    t.certificates = {c, c};
    t.certificates[1].subject = "CN=Lab Root CA";
    t.verify = tls::verify_result{true, std::nullopt, 0, true};
    r.tls = t;
    r.findings = {finding::software_version_disclosed, finding::cert_untrusted};
    return r;
}

/// A fresh directory under /tmp, removed on destruction.
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("smtpsweep-output-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace smtpsweep::scanner::test
