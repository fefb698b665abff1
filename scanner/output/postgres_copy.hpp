// The PostgreSQL side of a record: the table definition and one COPY line in
// text format. Kept apart from the connection handling (postgres_sink.cpp) so
// the escaping, which hostile banners exercise, is testable without a server.
// PostgreSQL text and jsonb cannot hold NUL (jsonb rejects even the \u0000
// escape), so NUL becomes U+FFFD in every column, including `record`.
#pragma once

#include <string>
#include <string_view>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// Default table name (docs/postgres.md); SMTPSWEEP_PG_TABLE overrides it.
inline constexpr std::string_view postgres_default_table = "smtpsweep_records";

/// `name` ("table" or "schema.table", [A-Za-z_][A-Za-z0-9_]*, at most 63 bytes
/// a part) as a quoted SQL identifier; throws std::invalid_argument otherwise.
std::string quote_table_name(std::string_view name);

/// CREATE TABLE IF NOT EXISTS for `quoted_table` with the columns of docs/postgres.md.
std::string create_table_sql(std::string_view quoted_table);

/// COPY ... FROM STDIN statement (text format) naming the columns append_copy_row fills.
std::string copy_sql(std::string_view quoted_table);

/// Appends `r` as one COPY text line (tab separated, \N for null, '\n' at the
/// end); `batch_id` (a uuid) fills the `batch` column.
void append_copy_row(std::string& out, const record& r, std::string_view batch_id);

/// Appends `s` escaped for COPY text format (backslash, tab, CR, LF; NUL as U+FFFD).
void append_copy_text(std::string& out, std::string_view s);

/// `json` (from to_json) with every \u0000 escape turned into \ufffd, so jsonb accepts it.
std::string jsonb_safe(std::string_view json);

}  // namespace smtpsweep::scanner::output
