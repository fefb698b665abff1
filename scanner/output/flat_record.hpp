// CSV and SQLite share one flat view of a record: the spec's field names
// joined with '.', lists joined with ';'. Certificates are flattened as
// `tls.certificates.count` plus the leaf's fields under `tls.certificates.0.*`
// (the full chain stays available in SQLite's `record` JSON column).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// One flat value: null (unknown), bool, integer, real or text (valid UTF-8).
using cell = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

/// Column names, in output order.
std::span<const std::string_view> flat_columns();

/// `r` as cells, parallel to flat_columns(). Text is UTF-8-repaired.
std::vector<cell> flatten(const record& r);

}  // namespace smtpsweep::scanner::output
