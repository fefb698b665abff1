// A byte destination for the text sinks: a file, or stdout for "-". Every
// failure (open, short write, fflush, close) becomes std::runtime_error with
// the path and errno text, because a scan that silently loses records is
// worse than one that stops. A regular file also knows its size, so crash-
// safe --resume can checkpoint a byte offset (sync) and cut back to it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace smtpsweep::scanner::output {

/// How an existing output file is treated.
enum class open_mode { truncate, append };

/// A sink whose output is a byte stream that can be checkpointed by offset.
class byte_stream_output {
public:
    virtual ~byte_stream_output() = default;
    /// Flushes and fsyncs everything written so far; returns the file size
    /// then. Throws std::runtime_error on failure.
    virtual std::uint64_t sync() = 0;
    /// True for a regular file (not stdout, a pipe or a device).
    virtual bool seekable() const = 0;
};

/// Cuts `path` back to `size` bytes (a torn record or records after the last
/// checkpoint vanish); throws std::runtime_error when it cannot or when the
/// file is shorter than `size` (it was changed since the checkpoint).
void truncate_output(const std::string& path, std::uint64_t size);

/// Buffered writer to a file path or "-" (stdout). One thread only.
class output_file {
public:
    /// Opens `path` ("-" = stdout); throws std::runtime_error when it cannot.
    explicit output_file(std::string path, open_mode mode = open_mode::truncate);
    ~output_file();
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    /// Writes all of `bytes` (stdio-buffered); throws on a short write.
    void write(std::string_view bytes);
    /// fflush (and report any delayed error); throws on failure.
    void flush();
    /// flush() then fsync; returns the bytes in the file. Throws on failure.
    std::uint64_t sync();
    /// True when the output is a regular file.
    bool seekable() const { return regular_; }
    /// True when nothing was in the file before we opened it.
    bool was_empty() const { return was_empty_; }
    /// The path as given ("-" for stdout).
    const std::string& path() const { return path_; }

private:
    [[noreturn]] void fail(const char* what, int err) const;

    std::string path_;
    std::FILE* file_ = nullptr;
    bool owned_ = false;
    bool was_empty_ = true;
    bool regular_ = false;
    std::uint64_t size_ = 0;  // bytes in the file: at open plus written since
};

}  // namespace smtpsweep::scanner::output
