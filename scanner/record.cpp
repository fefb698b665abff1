// The spec's spellings of the record enums: the only place a status, phase,
// STARTTLS outcome or finding id is written out (style.md 5).
#include "scanner/record.hpp"

#include <array>

namespace smtpsweep::scanner {
namespace {

constexpr std::array<std::string_view, status_count> status_names{
    "success", "refused", "timeout", "unreachable", "tls-error", "protocol-error", "io-error"};

constexpr std::array<std::string_view, 8> phase_names{
    "connect", "tls", "banner", "ehlo", "starttls", "ehlo_tls", "relay", "quit"};

constexpr std::array<std::string_view, 4> starttls_names{"ok", "not-offered", "refused",
                                                         "failed"};

constexpr std::array<std::string_view, finding_count> finding_names{
    "plaintext-on-implicit-tls",
    "starttls-not-offered",
    "starttls-failed",
    "auth-before-tls",
    "tls-deprecated-version",
    "tls-weak-cipher",
    "cert-expired",
    "cert-not-yet-valid",
    "cert-self-signed",
    "cert-untrusted",
    "cert-name-mismatch",
    "cert-weak-key",
    "cert-weak-signature",
    "smtp-rejects-clients",
    "software-version-disclosed",
    "open-relay",
};

template <class Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::string_view, N>& names, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<Enum>(i);
    return std::nullopt;
}

}  // namespace

std::string_view to_string(status s) { return status_names.at(static_cast<std::size_t>(s)); }
std::string_view to_string(phase p) { return phase_names.at(static_cast<std::size_t>(p)); }
std::string_view to_string(starttls_outcome o) {
    return starttls_names.at(static_cast<std::size_t>(o));
}
std::string_view to_string(finding f) { return finding_names.at(static_cast<std::size_t>(f)); }

std::optional<status> parse_status(std::string_view s) { return parse<status>(status_names, s); }
std::optional<finding> parse_finding(std::string_view s) {
    return parse<finding>(finding_names, s);
}

}  // namespace smtpsweep::scanner
