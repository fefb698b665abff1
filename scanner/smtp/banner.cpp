// Host name and software recognition for banners and EHLO greetings. The
// product table (scanner/smtp/software_match.cpp, hand-written because
// std::regex dominated the SMTP probe's CPU profile) is ordered: more
// specific products (Zimbra, which runs Postfix) come before the MTA they
// wrap; a product whose banner hides its version (Postfix by default) gets
// version null, never a guess.
#include "scanner/smtp/banner.hpp"

#include <algorithm>
#include <cctype>

#include "scanner/smtp/software_match.hpp"

namespace smtpsweep::scanner::smtp {
namespace {

bool dns_label_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

bool is_ipv4(std::string_view s) { return is_dotted_quad(s); }

}  // namespace

bool is_dns_name(std::string_view s) {
    if (s.empty() || s.size() > 253 || is_ipv4(s)) return false;
    if (s.find('.') == std::string_view::npos) return false;
    std::size_t label = 0;
    for (char c : s) {
        if (c == '.') {
            if (label == 0) return false;
            label = 0;
        } else if (!dns_label_char(c) || ++label > 63) {
            return false;
        }
    }
    return label > 0;
}

namespace {

/// RFC 5321 §4.1.3 address literal: "[198.18.0.1]" or "[IPv6:...]". Only
/// these shapes count, so a banner's "[<NUL>...\r]" is never a host name.
bool is_address_literal(std::string_view t) {
    if (t.size() < 3 || t.front() != '[' || t.back() != ']') return false;
    const auto inner = t.substr(1, t.size() - 2);
    if (is_ipv4(inner)) return true;
    constexpr std::string_view v6 = "IPv6:";
    if (inner.size() <= v6.size() || inner.substr(0, v6.size()) != v6) return false;
    return std::all_of(inner.begin() + v6.size(), inner.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
    });
}

}  // namespace

std::optional<std::string> hostname_from(std::string_view text) {
    const auto end = text.find_first_of(" \t\n");
    std::string_view token = text.substr(0, end);
    if (token.size() > 1 && token.back() == '.') token.remove_suffix(1);  // FQDN root dot
    if (is_address_literal(token) || is_ipv4(token) || is_dns_name(token))
        return std::string(token);
    return std::nullopt;
}

std::optional<software_info> software_from(std::string_view text) {
    // Products name themselves in the first line, so only a short prefix is
    // searched (a bound kept from the std::regex days: hostile banners).
    constexpr std::size_t max_scan = 512;
    text = text.substr(0, std::min(text.size(), max_scan));
    // Skip the host name so "220 postfix.example.com ESMTP Exim" is Exim.
    if (hostname_from(text)) {
        const auto end = text.find_first_of(" \t\n");
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
    }
    return match_software(text);
}

}  // namespace smtpsweep::scanner::smtp
