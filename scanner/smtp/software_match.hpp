// The software product table, matched by hand instead of std::regex: the
// regex table cost about 190,000 instructions per banner (two thirds of a
// whole SMTP probe, bench/results/PROFILE.md), this matcher a few hundred.
// Each rule keeps the meaning of the ECMAScript pattern it replaced,
// case-insensitive: `\b(?:alt1|alt2)\b?` at the leftmost position where any
// alternative matches, then an optional version suffix whose group 1 is the
// version (\d+(?:\.\d+)+ taken greedily).
#pragma once

#include <optional>
#include <string_view>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::smtp {

/// The first product of the table named in `text` (ordered: Zimbra before
/// the Postfix it wraps), with its version when the banner gives one.
std::optional<software_info> match_software(std::string_view text);

/// True when `s` is exactly four dot-separated groups of 1-3 ASCII digits.
bool is_dotted_quad(std::string_view s) noexcept;

}  // namespace smtpsweep::scanner::smtp
