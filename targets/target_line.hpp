// One line of target or exclude input. Besides the spec's address, CIDR and
// range forms, a target line may be a pipeline line naming one (ip, port):
// "ip,port" (ZMap/masscan CSV; a "saddr,..." or "ip,..." header is skipped)
// or a masscan -oL line "open tcp PORT IP TIMESTAMP". Blank lines, "#" lines
// and trailing "# ..." comments are ignored.
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "targets/ip_range.hpp"
#include "targets/target.hpp"

namespace smtpsweep::targets {

/// Nothing (blank or comment), an address range (probed on every -p port), or one pair.
using target_entry = std::variant<std::monostate, ip_range, target>;

/// Parses one TARGET line; throws parse_error naming source and the token.
target_entry parse_target_line(std::string_view line, std::string_view source);

/// Parses one --exclude line (address, CIDR or range); nullopt when blank; throws parse_error.
std::optional<ip_range> parse_exclude_line(std::string_view line, std::string_view source);

}  // namespace smtpsweep::targets
