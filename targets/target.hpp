// One scan target: an IPv4 address (host order) and a TCP port.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace smtpsweep::targets {

/// An (address, port) pair; the unit the scanner probes and records.
struct target {
    std::uint32_t ip = 0;    ///< IPv4 address in host byte order
    std::uint16_t port = 0;  ///< TCP port
    friend auto operator<=>(const target&, const target&) = default;
};

/// "a.b.c.d:port"
std::string to_string(const target& t);

}  // namespace smtpsweep::targets
