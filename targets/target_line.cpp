// Target and exclude line parsing: decide the form from its separators
// (whitespace: masscan; comma: ip,port; otherwise address/CIDR/range) and
// report errors with the line's source and the trimmed token.
#include "targets/target_line.hpp"

#include "targets/ipv4.hpp"
#include "targets/parse_error.hpp"
#include "targets/port_list.hpp"
#include "targets/text.hpp"

namespace smtpsweep::targets {
namespace {

constexpr std::string_view kind = "target";

target_entry parse_masscan(std::string_view token, std::string_view source) {
    auto words = split_words(token);
    if (words.size() < 4 || words.size() > 5 || words[0] != "open")
        throw_bad(source, kind, token,
                  "expected an address, CIDR, range, ip,port or masscan 'open tcp PORT IP' line");
    if (words[1] != "tcp") throw_bad(source, kind, token, "only tcp lines can be scanned");
    auto port = parse_port(words[2]);
    if (!port) throw_bad(source, kind, token, "port must be a number 1..65535");
    auto ip = parse_ipv4(words[3]);
    if (!ip) throw_bad(source, kind, token, "not an IPv4 address");
    return target{*ip, *port};
}

target_entry parse_pair(std::string_view token, std::size_t comma, std::string_view source) {
    std::string_view left = trim(token.substr(0, comma));
    std::string_view right = trim(token.substr(comma + 1));
    if (left == "saddr" || left == "ip" || left == "daddr") return std::monostate{};  // header
    auto ip = parse_ipv4(left);
    if (!ip) throw_bad(source, kind, token, "not an IPv4 address before ','");
    auto port = parse_port(right);
    if (!port) throw_bad(source, kind, token, "port after ',' must be a number 1..65535");
    return target{*ip, *port};
}

}  // namespace

target_entry parse_target_line(std::string_view line, std::string_view source) {
    std::string_view token = strip_comment(line);
    if (token.empty()) return std::monostate{};
    if (auto comma = token.find(','); comma != std::string_view::npos)
        return parse_pair(token, comma, source);
    for (char c : token)
        if (is_space(c)) return parse_masscan(token, source);
    range_parse parsed = parse_ip_range(token);
    if (!parsed.range) throw_bad(source, kind, token, parsed.error);
    return *parsed.range;
}

std::optional<ip_range> parse_exclude_line(std::string_view line, std::string_view source) {
    std::string_view token = strip_comment(line);
    if (token.empty()) return std::nullopt;
    range_parse parsed = parse_ip_range(token);
    if (!parsed.range) throw_bad(source, "exclude", token, parsed.error);
    return parsed.range;
}

}  // namespace smtpsweep::targets
