// NDJSON sink: one record per line, written through output_file. The default
// format; what ZGrab2 users expect.
#pragma once

#include <span>
#include <string>

#include "core/sink.hpp"
#include "scanner/output/output_file.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// Writes each record as one JSON line.
class ndjson_sink final : public core::sink<record>, public byte_stream_output {
public:
    /// Opens `path` ("-" = stdout); throws std::runtime_error when it cannot.
    explicit ndjson_sink(std::string path, open_mode mode = open_mode::truncate);
    /// Encodes the batch into one buffer and writes it; throws on I/O failure.
    void write(std::span<const record> batch) override;
    /// fflush; throws on I/O failure.
    void flush() override;
    /// fflush + fsync; the file size (see byte_stream_output).
    std::uint64_t sync() override { return file_.sync(); }
    /// True when writing to a regular file.
    bool seekable() const override { return file_.seekable(); }

private:
    output_file file_;
    std::string buffer_;  // reused between batches
};

}  // namespace smtpsweep::scanner::output
