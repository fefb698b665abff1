// NDJSON sink: one record per line, written through output_file. The default
// format; what ZGrab2 users expect.
#pragma once

#include <string>

#include "scanner/output/text_file_sink.hpp"

namespace smtpsweep::scanner::output {

/// Writes each record as one JSON line.
class ndjson_sink final : public text_file_sink {
public:
    /// Opens `path` ("-" = stdout); throws std::runtime_error when it cannot.
    explicit ndjson_sink(std::string path, open_mode mode = open_mode::truncate)
        : text_file_sink(std::move(path), mode) {}

private:
    void append_record(std::string& out, const record& r) const override;
};

}  // namespace smtpsweep::scanner::output
