// The record: one per (ip, port) target, exactly the fields of
// shared/spec/interface.md. Enums carry the spec's spellings via to_string();
// no status, phase or finding string is spelled anywhere else.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "targets/target.hpp"
#include "tls/certificate_info.hpp"
#include "tls/verify.hpp"

namespace smtpsweep::scanner {

/// Outcome of a probe (spec `status`).
enum class status { success, refused, timeout, unreachable, tls_error, protocol_error, io_error };
inline constexpr std::size_t status_count = 7;

/// Last step the probe reached (spec `phase`).
enum class phase { connect, tls, banner, ehlo, starttls, ehlo_tls, relay, quit };

/// spec `smtp.starttls`.
enum class starttls_outcome { ok, not_offered, refused, failed };

/// spec `findings` ids.
enum class finding {
    plaintext_on_implicit_tls,
    starttls_not_offered,
    starttls_failed,
    auth_before_tls,
    tls_deprecated_version,
    tls_weak_cipher,
    cert_expired,
    cert_not_yet_valid,
    cert_self_signed,
    cert_untrusted,
    cert_name_mismatch,
    cert_weak_key,
    cert_weak_signature,
    smtp_rejects_clients,
    software_version_disclosed,
    open_relay,
};
inline constexpr std::size_t finding_count = 16;

std::string_view to_string(status s);
std::string_view to_string(phase p);
std::string_view to_string(starttls_outcome o);
std::string_view to_string(finding f);
/// Inverse of to_string(status); nullopt for an unknown spelling.
std::optional<status> parse_status(std::string_view s);
/// Inverse of to_string(finding); nullopt for an unknown id.
std::optional<finding> parse_finding(std::string_view s);

/// Product and version parsed from the banner or EHLO greeting.
struct software_info {
    std::string product;
    std::optional<std::string> version;
};

/// Result of --relay-check (spec `smtp.relay`, null when not run).
struct relay_info {
    bool accepted = false;             ///< the foreign RCPT got a 2xx
    std::optional<int> mail_code;      ///< reply code to MAIL FROM
    std::optional<int> rcpt_code;      ///< reply code to RCPT TO
    std::optional<std::string> reply;  ///< first line of the RCPT reply
};

/// spec `smtp`.
struct smtp_info {
    std::optional<std::string> banner;   ///< banner reply, lines joined with "\n"
    std::optional<int> banner_code;
    std::optional<std::string> hostname;
    std::optional<software_info> software;
    std::optional<std::vector<std::string>> ehlo;  ///< capabilities (greeting line excluded)
    bool helo_fallback = false;                    ///< EHLO got 5xx and HELO was used
    std::vector<std::string> auth_before_tls;      ///< AUTH mechanisms seen before TLS
    std::optional<starttls_outcome> starttls;      ///< absent on port 465
    std::optional<std::vector<std::string>> ehlo_tls;
    std::optional<relay_info> relay;
};

/// spec `tls`.
struct tls_info {
    std::string mode;  ///< "implicit" or "starttls"
    std::optional<std::string> version;
    std::optional<std::string> cipher;
    std::optional<int> cipher_bits;
    std::vector<tls::certificate_info> certificates;  ///< leaf first, as sent
    std::optional<tls::verify_result> verify;
};

/// One record; exactly one per target.
struct record {
    targets::target target;
    scanner::status status = status::success;
    scanner::phase phase = phase::connect;
    std::chrono::system_clock::time_point time;  ///< probe start
    std::optional<double> connect_ms;
    double duration_ms = 0;
    std::optional<std::string> error;
    std::optional<smtp_info> smtp;
    std::optional<tls_info> tls;
    std::vector<finding> findings;
};

}  // namespace smtpsweep::scanner
