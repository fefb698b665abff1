// CSV sink: RFC 4180 with a header row of flat_columns(). Records come from
// untrusted servers and CSV files get opened in spreadsheets, so text cells
// starting with = + - @ TAB or CR get a leading ' (OWASP "CSV injection").
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/sink.hpp"
#include "scanner/output/flat_record.hpp"
#include "scanner/output/output_file.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// Appends `c` as one CSV field: null empty, bools true/false, text quoted
/// when needed (`"` doubled) and formula-neutralised.
void append_csv_cell(std::string& out, const cell& c);

/// Writes a header row, then one row per record.
class csv_sink final : public core::sink<record>, public byte_stream_output {
public:
    /// Opens `path` ("-" = stdout); the header is skipped when appending to a non-empty file.
    explicit csv_sink(std::string path, open_mode mode = open_mode::truncate);
    /// Writes one CRLF-terminated row per record; throws on I/O failure.
    void write(std::span<const record> batch) override;
    /// fflush; throws on I/O failure.
    void flush() override;
    /// fflush + fsync; the file size (see byte_stream_output).
    std::uint64_t sync() override { return file_.sync(); }
    /// True when writing to a regular file.
    bool seekable() const override { return file_.seekable(); }

private:
    output_file file_;
    std::string buffer_;
};

}  // namespace smtpsweep::scanner::output
