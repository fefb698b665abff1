// Finding severities. Rationale: anything that exposes mail or credentials in
// clear text, or lets strangers relay, is high/critical; broken certificate
// hygiene that still encrypts is medium; opportunistic-TLS norms (self-signed,
// untrusted, name mismatch are common on port 25, RFC 7435) are low.
#include "scanner/report/severity.hpp"

#include <array>
#include <utility>

namespace smtpsweep::scanner::report {

severity severity_of(std::string_view id) {
    static constexpr std::array<std::pair<std::string_view, severity>, 16> table{{
        {"open-relay", severity::critical},
        {"auth-before-tls", severity::high},
        {"plaintext-on-implicit-tls", severity::high},
        {"starttls-not-offered", severity::high},
        {"starttls-failed", severity::high},
        {"tls-weak-cipher", severity::high},
        {"tls-deprecated-version", severity::medium},
        {"cert-expired", severity::medium},
        {"cert-not-yet-valid", severity::medium},
        {"cert-weak-key", severity::medium},
        {"cert-weak-signature", severity::medium},
        {"cert-self-signed", severity::low},
        {"cert-untrusted", severity::low},
        {"cert-name-mismatch", severity::low},
        {"smtp-rejects-clients", severity::info},
        {"software-version-disclosed", severity::info},
    }};
    for (const auto& [name, level] : table)
        if (name == id) return level;
    return severity::low;
}

int weight(severity s) {
    switch (s) {
    case severity::critical: return 20;
    case severity::high: return 8;
    case severity::medium: return 4;
    case severity::low: return 2;
    case severity::info: return 1;
    }
    return 1;
}

std::string_view to_string(severity s) {
    switch (s) {
    case severity::critical: return "critical";
    case severity::high: return "high";
    case severity::medium: return "medium";
    case severity::low: return "low";
    case severity::info: return "info";
    }
    return "info";
}

std::string_view colour_of(severity s) {
    switch (s) {
    case severity::critical: return "#7f1d1d";
    case severity::high: return "#dc2626";
    case severity::medium: return "#f59e0b";
    case severity::low: return "#3b82f6";
    case severity::info: return "#94a3b8";
    }
    return "#94a3b8";
}

}  // namespace smtpsweep::scanner::report
