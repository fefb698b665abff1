// Port list parsing. Ranges are expanded into a 65536-entry presence table,
// which merges duplicates and overlaps for free and sorts the result.
#include "targets/port_list.hpp"

#include <bitset>

#include "targets/parse_error.hpp"
#include "targets/text.hpp"

namespace smtpsweep::targets {

std::optional<std::uint16_t> parse_port(std::string_view text) noexcept {
    if (text.empty() || text.size() > 5) return std::nullopt;
    std::uint32_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

namespace {

constexpr std::string_view bad_port = "port must be a number 1..65535";

void add_item(std::bitset<65536>& seen, std::string_view item, std::string_view source) {
    auto dash = item.find('-');
    if (dash == std::string_view::npos) {
        auto port = parse_port(item);
        if (!port) throw_bad(source, "port", item, bad_port);
        seen.set(*port);
        return;
    }
    auto lo = parse_port(trim(item.substr(0, dash)));
    auto hi = parse_port(trim(item.substr(dash + 1)));
    if (!lo || !hi) throw_bad(source, "port", item, bad_port);
    if (*lo > *hi) throw_bad(source, "port", item, "range start is after its end");
    for (std::uint32_t p = *lo; p <= *hi; ++p) seen.set(p);
}

}  // namespace

std::vector<std::uint16_t> parse_port_list(std::string_view text, std::string_view source) {
    std::bitset<65536> seen;
    for (std::string_view rest = text;;) {
        auto comma = rest.find(',');
        add_item(seen, trim(rest.substr(0, comma)), source);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    std::vector<std::uint16_t> ports;
    for (std::uint32_t p = 1; p < 65536; ++p)
        if (seen.test(p)) ports.push_back(static_cast<std::uint16_t>(p));
    return ports;
}

}  // namespace smtpsweep::targets
