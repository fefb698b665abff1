// The -p/--ports list: comma-separated ports and inclusive ranges a-b, each
// 1..65535. Duplicates and overlapping ranges merge; the result is sorted so
// the plan's port index is stable across runs (resume depends on it).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace smtpsweep::targets {

/// Parses one port "1".."65535" (decimal digits only); nullopt otherwise.
std::optional<std::uint16_t> parse_port(std::string_view text) noexcept;

/// Parses "25,465,587" or "1-1024,8025": sorted, unique; throws parse_error naming source.
std::vector<std::uint16_t> parse_port_list(std::string_view text, std::string_view source);

}  // namespace smtpsweep::targets
