// Address / CIDR / range parsing. The messages here end up after "bad target
// 'TOKEN': " in user-facing errors, so they say what was expected.
#include "targets/ip_range.hpp"

#include "targets/ipv4.hpp"

namespace smtpsweep::targets {
namespace {

constexpr std::string_view not_address =
    "not an IPv4 address (expected four numbers 0..255 separated by dots)";

range_parse parse_cidr(std::string_view text, std::size_t slash) noexcept {
    auto base = parse_ipv4(text.substr(0, slash));
    if (!base) return {std::nullopt, not_address};
    std::string_view digits = text.substr(slash + 1);
    unsigned prefix = 0;
    bool ok = !digits.empty() && digits.size() <= 2;
    for (char c : digits) {
        ok = ok && c >= '0' && c <= '9';
        prefix = prefix * 10 + static_cast<unsigned>(c - '0');
    }
    if (!ok || prefix > 32) return {std::nullopt, "prefix length must be 0..32"};
    return {cidr_range(*base, prefix), {}};
}

range_parse parse_dash_range(std::string_view text, std::size_t dash) noexcept {
    auto lo = parse_ipv4(text.substr(0, dash));
    if (!lo) return {std::nullopt, "range start is not an IPv4 address"};
    auto hi = parse_ipv4(text.substr(dash + 1));
    if (!hi) return {std::nullopt, "range end is not an IPv4 address"};
    if (*lo > *hi) return {std::nullopt, "range start is after its end"};
    return {ip_range{*lo, *hi}, {}};
}

}  // namespace

range_parse parse_ip_range(std::string_view text) noexcept {
    if (auto slash = text.find('/'); slash != std::string_view::npos) return parse_cidr(text, slash);
    if (auto dash = text.find('-'); dash != std::string_view::npos)
        return parse_dash_range(text, dash);
    auto ip = parse_ipv4(text);
    if (!ip) return {std::nullopt, not_address};
    return {ip_range{*ip, *ip}, {}};
}

ip_range cidr_range(std::uint32_t base, unsigned prefix) noexcept {
    std::uint32_t mask = prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
    return {base & mask, (base & mask) | ~mask};
}

std::string format_cidr(std::uint32_t base, unsigned prefix) {
    return format_ipv4(cidr_range(base, prefix).lo) + '/' + std::to_string(prefix);
}

}  // namespace smtpsweep::targets
