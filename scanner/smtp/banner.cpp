// Host name and software recognition for banners and EHLO greetings. The
// product table is ordered: more specific products (Zimbra, which runs
// Postfix) come before the MTA they wrap. Group 1 of a pattern, when it
// matched something, is the version; a product whose banner hides its
// version (Postfix by default) gets version null, never a guess.
#include "scanner/smtp/banner.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace smtpsweep::scanner::smtp {
namespace {

struct product_rule {
    const char* product;
    std::regex pattern;  // group 1, when present and matched, is the version
};

const std::array<product_rule, 19>& rules() {
    using std::regex;
    constexpr auto icase = regex::ECMAScript | regex::icase;
    static const std::array<product_rule, 19> table{{
        {"Zimbra", regex(R"(\bZimbra(?:[ /](\d+(?:\.\d+)+))?)", icase)},
        {"Postfix", regex(R"(\bPostfix\b(?: \(?(\d+\.\d+(?:\.\d+)*)\)?)?)", icase)},
        {"Exim", regex(R"(\bExim\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"Sendmail", regex(R"(\bSendmail\b(?: (\d+\.\d+(?:\.\d+)*)(?:/[\w.]+)*)?)", icase)},
        // "Microsoft ESMTP MAIL Service ready at ..." is Exchange 2007 and
        // later; the ", Version: x" form is Exchange 2003 / IIS SMTP.
        {"Microsoft Exchange",
         regex(R"(\bMicrosoft ESMTP MAIL Service(?:, Version: (\d+(?:\.\d+)+))?)", icase)},
        {"OpenSMTPD", regex(R"(\bOpenSMTPD\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"Haraka", regex(R"(\bHaraka\b(?:[ /](\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"qmail", regex(R"(\b(?:net)?qmail\b(?:[ -](\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"MailEnable", regex(R"(\bMailEnable\b(?:[^,]*, Version: (\d+(?:\.\d+)+))?)", icase)},
        {"hMailServer", regex(R"(\bhMailServer\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"IceWarp", regex(R"(\bIceWarp\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"Kerio Connect", regex(R"(\bKerio (?:Connect|MailServer)\b(?: (\d+\.\d+(?:\.\d+)*))?)",
                                icase)},
        {"Courier", regex(R"(\bCourier(?:-MTA)?\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"MDaemon", regex(R"(\bMDaemon\b(?: (\d+\.\d+(?:\.\d+)*))?)", icase)},
        {"Lotus Domino", regex(R"(\bLotus Domino\b(?: Release (\d+(?:\.\d+)+\w*))?)", icase)},
        {"SmarterMail", regex(R"(\bSmarterMail\b(?: (\d+(?:\.\d+)+))?)", icase)},
        {"Axigen", regex(R"(\bAxigen\b(?: (\d+(?:\.\d+)+))?)", icase)},
        {"CommuniGate Pro", regex(R"(\bCommuniGate Pro\b(?: (\d+(?:\.\d+)+))?)", icase)},
        {"Cisco IronPort", regex(R"(\bIronPort\b(?: (\d+(?:\.\d+)+))?)", icase)},
    }};
    return table;
}

bool dns_label_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

bool is_ipv4(std::string_view s) {
    static const std::regex v4(R"((\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}))");
    return std::regex_match(s.begin(), s.end(), v4);
}

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

std::optional<std::string> hostname_from(std::string_view text) {
    const auto end = text.find_first_of(" \t\n");
    std::string_view token = text.substr(0, end);
    if (token.size() > 1 && token.back() == '.') token.remove_suffix(1);  // FQDN root dot
    const bool literal = token.size() > 2 && token.front() == '[' && token.back() == ']';
    if (literal || is_ipv4(token) || is_dns_name(token)) return std::string(token);
    return std::nullopt;
}

std::optional<software_info> software_from(std::string_view text) {
    // std::regex is linear-ish but slow (~4 ms per KiB for the whole table):
    // a hostile 64 KiB banner would cost a worker 280 ms. Products name
    // themselves in the first line, so only a short prefix is searched.
    constexpr std::size_t max_scan = 512;
    text = text.substr(0, std::min(text.size(), max_scan));
    // Skip the host name so "220 postfix.example.com ESMTP Exim" is Exim.
    if (hostname_from(text)) {
        const auto end = text.find_first_of(" \t\n");
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
    }
    std::match_results<std::string_view::const_iterator> m;
    for (const auto& rule : rules()) {
        if (!std::regex_search(text.begin(), text.end(), m, rule.pattern)) continue;
        software_info info{rule.product, std::nullopt};
        if (m.size() > 1 && m[1].matched && m[1].length() > 0) info.version = m[1].str();
        return info;
    }
    return std::nullopt;
}

}  // namespace smtpsweep::scanner::smtp
