// EHLO capability parsing. Keywords are case-insensitive (RFC 5321 2.4);
// "AUTH=" is the form old Outlook clients needed and many servers still send
// next to the standard "AUTH" line (RFC 4954 notes it), so both are read.
#include "scanner/smtp/ehlo.hpp"

#include <algorithm>
#include <cctype>

namespace smtpsweep::scanner::smtp {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::vector<std::string> capabilities(const reply& ehlo) {
    std::vector<std::string> caps;
    for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {
        const auto line = trim(ehlo.lines[i]);
        if (!line.empty()) caps.emplace_back(line);
    }
    return caps;
}

bool has_capability(const std::vector<std::string>& caps, std::string_view keyword) {
    return std::any_of(caps.begin(), caps.end(), [&](const std::string& c) {
        const std::string_view v = c;
        return iequals(v.substr(0, v.find_first_of(" =")), keyword);
    });
}

std::vector<std::string> auth_mechanisms(const std::vector<std::string>& caps) {
    std::vector<std::string> mechs;
    for (const std::string_view c : caps) {
        const auto sep = c.find_first_of(" =");
        if (sep == std::string_view::npos || !iequals(c.substr(0, sep), "AUTH")) continue;
        std::string_view rest = c.substr(sep + 1);
        while (!(rest = trim(rest)).empty()) {
            const auto end = rest.find_first_of(" \t");
            auto m = upper(rest.substr(0, end));
            if (std::find(mechs.begin(), mechs.end(), m) == mechs.end()) mechs.push_back(m);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        }
    }
    return mechs;
}

}  // namespace smtpsweep::scanner::smtp
