// CSV sink: RFC 4180 with a header row of flat_columns(). Records come from
// untrusted servers and CSV files get opened in spreadsheets, so text cells
// starting with = + - @ TAB or CR get a leading ' (OWASP "CSV injection").
#pragma once

#include <string>
#include <string_view>

#include "scanner/output/flat_record.hpp"
#include "scanner/output/text_file_sink.hpp"

namespace smtpsweep::scanner::output {

/// Appends `c` as one CSV field: null empty, bools true/false, text quoted
/// when needed (`"` doubled) and formula-neutralised.
void append_csv_cell(std::string& out, const cell& c);

/// Writes a header row, then one row per record.
class csv_sink final : public text_file_sink {
public:
    /// Opens `path` ("-" = stdout); the header is skipped when appending to a non-empty file.
    explicit csv_sink(std::string path, open_mode mode = open_mode::truncate);

private:
    /// One CRLF-terminated row.
    void append_record(std::string& out, const record& r) const override;
};

}  // namespace smtpsweep::scanner::output
