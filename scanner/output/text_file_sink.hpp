// Common base of the sinks that write text to an output_file (NDJSON, CSV).
// They differ only in how one record becomes bytes; batching into a reused
// buffer, flushing and the byte-offset checkpointing that --resume relies on
// are the same, so they live here once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "core/sink.hpp"
#include "scanner/output/output_file.hpp"
#include "scanner/record.hpp"

namespace smtpsweep::scanner::output {

/// A record sink that appends each record's text to one output_file.
class text_file_sink : public core::sink<record>, public byte_stream_output {
public:
    /// Encodes the batch into one buffer and writes it; throws on I/O failure.
    void write(std::span<const record> batch) final;
    /// fflush; throws on I/O failure.
    void flush() final { file_.flush(); }
    /// fflush + fsync; the file size (see byte_stream_output).
    std::uint64_t sync() final { return file_.sync(); }
    /// True when writing to a regular file.
    bool seekable() const final { return file_.seekable(); }

protected:
    /// Opens `path` ("-" = stdout); throws std::runtime_error when it cannot.
    text_file_sink(std::string path, open_mode mode) : file_(std::move(path), mode) {}
    /// Appends the complete text of one record (terminator included) to `out`.
    virtual void append_record(std::string& out, const record& r) const = 0;
    /// The underlying file, for writing a preamble such as a header row.
    output_file& file() { return file_; }

private:
    output_file file_;
    std::string buffer_;  // reused between batches
};

}  // namespace smtpsweep::scanner::output
