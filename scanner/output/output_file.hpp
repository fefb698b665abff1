// A byte destination for the text sinks: a file, or stdout for "-". Every
// failure (open, short write, fflush, close) becomes std::runtime_error with
// the path and errno text, because a scan that silently loses records is
// worse than one that stops.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace smtpsweep::scanner::output {

/// How an existing output file is treated.
enum class open_mode { truncate, append };

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
};

}  // namespace smtpsweep::scanner::output
