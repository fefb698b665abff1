// Hand-written equivalent of the product regex table (see the header). The
// comment on each row is the pattern it implements; tests/scanner/smtp's
// banner and software_match tests pin the behaviour.
#include "scanner/smtp/software_match.hpp"

#include <array>
#include <cstddef>

namespace smtpsweep::scanner::smtp {
namespace {

enum class suffix {
    separator,    // one char of `lead`, then the version
    postfix,      // " ", an optional "(", then the version
    literal,      // `lead` (any case), then the version
    literal_tail, // `lead`, the version, then \w* (Lotus "9.0.1FP8")
    after_comma,  // [^,]* then `lead` (", Version: "), then the version
};

struct rule {
    const char* product;
    std::array<std::string_view, 2> names;  // alternatives, tried in order
    bool word_end;                          // a \b follows the name
    suffix kind;
    std::string_view lead;
};

constexpr std::array<rule, 19> table{{
    {"Zimbra", {"zimbra", ""}, false, suffix::separator, " /"},  // \bZimbra(?:[ /](V))?
    {"Postfix", {"postfix", ""}, true, suffix::postfix, ""},     // \bPostfix\b(?: \(?(V)\)?)?
    {"Exim", {"exim", ""}, true, suffix::separator, " "},
    {"Sendmail", {"sendmail", ""}, true, suffix::separator, " "},
    {"Microsoft Exchange", {"microsoft esmtp mail service", ""}, false, suffix::literal,
     ", version: "},
    {"OpenSMTPD", {"opensmtpd", ""}, true, suffix::separator, " "},
    {"Haraka", {"haraka", ""}, true, suffix::separator, " /"},
    {"qmail", {"netqmail", "qmail"}, true, suffix::separator, " -"},  // \b(?:net)?qmail\b
    {"MailEnable", {"mailenable", ""}, true, suffix::after_comma, ", version: "},
    {"hMailServer", {"hmailserver", ""}, true, suffix::separator, " "},
    {"IceWarp", {"icewarp", ""}, true, suffix::separator, " "},
    {"Kerio Connect", {"kerio connect", "kerio mailserver"}, true, suffix::separator, " "},
    {"Courier", {"courier-mta", "courier"}, true, suffix::separator, " "},
    {"MDaemon", {"mdaemon", ""}, true, suffix::separator, " "},
    {"Lotus Domino", {"lotus domino", ""}, true, suffix::literal_tail, " release "},
    {"SmarterMail", {"smartermail", ""}, true, suffix::separator, " "},
    {"Axigen", {"axigen", ""}, true, suffix::separator, " "},
    {"CommuniGate Pro", {"communigate pro", ""}, true, suffix::separator, " "},
    {"Cisco IronPort", {"ironport", ""}, true, suffix::separator, " "},
}};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr bool is_word(char c) noexcept {  // ECMAScript \w
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

// `lit` (lower case) at `at`, in any case.
bool starts_with_icase(std::string_view text, std::size_t at, std::string_view lit) noexcept {
    if (at > text.size() || text.size() - at < lit.size()) return false;
    for (std::size_t i = 0; i < lit.size(); ++i)
        if (lower(text[at + i]) != lit[i]) return false;
    return true;
}

std::size_t digits(std::string_view text, std::size_t at) noexcept {
    std::size_t n = 0;
    while (at + n < text.size() && is_digit(text[at + n])) ++n;
    return n;
}

// Length of \d+(?:\.\d+)+ at `at`, or 0.
std::size_t version_length(std::string_view text, std::size_t at) noexcept {
    std::size_t end = at + digits(text, at);
    if (end == at) return 0;
    std::size_t groups = 0;
    while (end < text.size() && text[end] == '.') {
        const auto n = digits(text, end + 1);
        if (n == 0) break;
        end += 1 + n;
        ++groups;
    }
    return groups ? end - at : 0;
}

// Where the version starts after the name ending at `at`, or npos.
std::size_t version_start(const rule& r, std::string_view text, std::size_t at) noexcept {
    constexpr auto none = std::string_view::npos;
    switch (r.kind) {
    case suffix::separator:
        return at < text.size() && r.lead.find(text[at]) != none ? at + 1 : none;
    case suffix::postfix:
        if (at >= text.size() || text[at] != ' ') return none;
        return at + 1 < text.size() && text[at + 1] == '(' ? at + 2 : at + 1;
    case suffix::literal:
    case suffix::literal_tail:
        return starts_with_icase(text, at, r.lead) ? at + r.lead.size() : none;
    case suffix::after_comma: {
        const auto comma = text.find(',', at);
        if (comma == none || !starts_with_icase(text, comma, r.lead)) return none;
        return comma + r.lead.size();
    }
    }
    return none;
}

std::optional<std::string> version_at(const rule& r, std::string_view text, std::size_t at) {
    const auto start = version_start(r, text, at);
    if (start == std::string_view::npos) return std::nullopt;
    auto n = version_length(text, start);
    if (n == 0) return std::nullopt;
    if (r.kind == suffix::literal_tail)
        while (start + n < text.size() && is_word(text[start + n])) ++n;
    return std::string(text.substr(start, n));
}

// End of the alternative of `r` matching at `at` (with its boundaries), or 0.
std::size_t name_end(const rule& r, std::string_view text, std::size_t at) noexcept {
    if (at > 0 && is_word(text[at - 1])) return 0;
    for (const auto name : r.names) {
        if (name.empty() || !starts_with_icase(text, at, name)) continue;
        const auto end = at + name.size();
        if (r.word_end && end < text.size() && is_word(text[end])) continue;
        return end;
    }
    return 0;
}

}  // namespace

std::optional<software_info> match_software(std::string_view text) {
    for (const auto& r : table) {
        const char first = r.names[0].front();
        const char other = r.names[1].empty() ? first : r.names[1].front();
        for (std::size_t at = 0; at < text.size(); ++at) {
            const char c = lower(text[at]);
            if (c != first && c != other) continue;
            const auto end = name_end(r, text, at);
            if (end == 0) continue;
            return software_info{r.product, version_at(r, text, end)};
        }
    }
    return std::nullopt;
}

bool is_dotted_quad(std::string_view s) noexcept {
    std::size_t at = 0;
    for (int group = 0; group < 4; ++group) {
        if (group > 0) {
            if (at >= s.size() || s[at] != '.') return false;
            ++at;
        }
        const auto n = digits(s, at);
        if (n < 1 || n > 3) return false;
        at += n;
    }
    return at == s.size();
}

}  // namespace smtpsweep::scanner::smtp
