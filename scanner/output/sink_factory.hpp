// Chooses the sink for -f/--format. Formats are a small table, so adding one
// (e.g. `postgres`, where FILE would be a connection string) is one entry in
// sink_factory.cpp and nothing else changes.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sink.hpp"
#include "scanner/output/output_file.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// Names accepted by make_sink, in help order ("ndjson", "csv", "sqlite").
std::vector<std::string_view> known_formats();
/// True when `format` is a known format.
bool is_known_format(std::string_view format);
/// True when the format can write to "-" (stdout).
bool format_supports_stdout(std::string_view format);

/// The sink for `format` writing to `path` ("-" = stdout). Throws
/// std::invalid_argument for an unknown format, std::runtime_error when the
/// destination cannot be opened.
std::unique_ptr<core::sink<record>> make_sink(std::string_view format, const std::string& path,
                                              open_mode mode = open_mode::truncate);

}  // namespace smtpsweep::scanner::output
