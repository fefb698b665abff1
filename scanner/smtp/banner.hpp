// What a server says about itself: its host name (first token of the banner
// or of the EHLO greeting line) and its software product/version, read with
// a table of patterns in the style of nmap's service probes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::smtp {

/// The first token of `text` (a banner or EHLO greeting line, code removed)
/// when it looks like a DNS name with a dot, an IPv4 address or an address
/// literal "[...]"; otherwise nullopt ("220 ESMTP ready" names no host).
std::optional<std::string> hostname_from(std::string_view text);

/// True when `name` is a DNS name usable as SNI (not an address or literal).
bool is_dns_name(std::string_view name);

/// Product and version (null when not disclosed) recognised in `text`, a
/// leading host name (as hostname_from() finds it) excepted.
std::optional<software_info> software_from(std::string_view text);

}  // namespace smtpsweep::scanner::smtp
