// An inclusive IPv4 address range and the three ways users write one:
// a single address, a CIDR block (host bits cleared, as ZMap and nmap do, so
// 10.1.2.3/16 means 10.1.0.0/16) and an inclusive "a-b" range of full
// addresses. Parsing returns a reason instead of throwing so that callers can
// name the source and token in their parse_error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smtpsweep::targets {

/// Inclusive address range [lo, hi], host byte order.
struct ip_range {
    std::uint32_t lo = 0;  ///< first address
    std::uint32_t hi = 0;  ///< last address (inclusive)
    /// True when ip lies in [lo, hi].
    bool contains(std::uint32_t ip) const noexcept { return lo <= ip && ip <= hi; }
    /// True when other lies entirely inside this range.
    bool covers(ip_range other) const noexcept { return lo <= other.lo && other.hi <= hi; }
    /// Number of addresses (1 .. 2^32).
    std::uint64_t size() const noexcept { return std::uint64_t{hi} - lo + 1; }
    friend bool operator==(const ip_range&, const ip_range&) = default;
};

/// A parsed range, or the reason the text is not one.
struct range_parse {
    std::optional<ip_range> range;  ///< set on success
    std::string_view error;         ///< reason on failure (static text)
};

/// Parses "a.b.c.d", "a.b.c.d/n" or "a.b.c.d-e.f.g.h".
range_parse parse_ip_range(std::string_view text) noexcept;

/// The range of block base/prefix; host bits of base are ignored. prefix <= 32.
ip_range cidr_range(std::uint32_t base, unsigned prefix) noexcept;

/// "a.b.c.d/n" for base/prefix, with base's host bits cleared.
std::string format_cidr(std::uint32_t base, unsigned prefix);

}  // namespace smtpsweep::targets
