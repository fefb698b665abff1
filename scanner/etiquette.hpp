// Scanning etiquette (ZMap's guidance): a survey wider than a /16 with no
// --rate given should not hit the network as fast as the machine can; it
// gets a polite default of 10,000 new connections per second, and the scan
// says so on stderr. An explicit --rate (even 0 = unlimited) always wins.
#pragma once

#include <cstdint>
#include <optional>

namespace smtpsweep::scanner {

/// Addresses in a /16: above this many (per port) a scan is "wide".
inline constexpr std::uint64_t wide_scan_addresses = 65536;
/// New connections per second used for wide scans without --rate.
inline constexpr double polite_rate = 10000;

/// The default rate to impose, or nullopt to keep the user's setting: set
/// when no --rate was given and `space` targets over `ports` ports hold more
/// addresses than a /16 (space > 65536 x ports).
inline std::optional<double> etiquette_rate(bool rate_given, std::uint64_t space,
                                            std::uint64_t ports) {
    if (rate_given || ports == 0) return std::nullopt;
    if (space <= wide_scan_addresses * ports) return std::nullopt;
    return polite_rate;
}

}  // namespace smtpsweep::scanner
