// IPv4 dotted-quad text <-> host-order integer. Strict like inet_pton: four
// decimal parts 0..255 and nothing else; leading zeros are refused because
// inet_aton would read them as octal and silently scan another network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smtpsweep::targets {

/// Parses "a.b.c.d" strictly; nullopt for anything else.
std::optional<std::uint32_t> parse_ipv4(std::string_view text) noexcept;

/// Formats a host-order address as "a.b.c.d".
std::string format_ipv4(std::uint32_t ip);

}  // namespace smtpsweep::targets
