// Hand-rolled record -> NDJSON serialiser. The writer thread encodes every
// record once; a generic JSON library would build a DOM first, this appends
// straight into a reused buffer in the spec's field order
// (shared/spec/interface.md "Records").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// Appends `r` as one JSON object (no trailing newline). Unknown values are
/// null (or absent for `smtp.starttls`), never invented.
void append_record_json(std::string& out, const record& r);

/// `r` as one JSON object without newline.
std::string to_json(const record& r);

/// "2026-12-04T15:30:00.123Z" (UTC, milliseconds, truncated).
std::string format_time(std::chrono::system_clock::time_point t);
/// Appends format_time(t) without allocating.
void append_time(std::string& out, std::chrono::system_clock::time_point t);
/// Dotted quad of a host-order IPv4 address.
void append_ipv4(std::string& out, std::uint32_t ip);
/// Fixed-point with at most 3 decimals, trailing zeros trimmed; "null" for NaN/inf.
void append_millis(std::string& out, double ms);

}  // namespace smtpsweep::scanner::output
