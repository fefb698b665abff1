// stdio-based output with explicit error checks (see output_file.hpp).
#include "scanner/output/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/stat.h>

namespace smtpsweep::scanner::output {

output_file::output_file(std::string path, open_mode mode) : path_(std::move(path)) {
    if (path_ == "-") {
        file_ = stdout;
        return;
    }
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) fail("cannot open", EISDIR);
        was_empty_ = mode == open_mode::truncate || st.st_size == 0;
    }
    file_ = std::fopen(path_.c_str(), mode == open_mode::append ? "ab" : "wb");
    if (!file_) fail("cannot open", errno);
    owned_ = true;
    // Large buffer: records arrive in batches and go out in few syscalls.
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 16);
}

output_file::~output_file() {
    if (owned_) std::fclose(file_);  // errors were reported by the last flush()
}

void output_file::write(std::string_view bytes) {
    if (bytes.empty()) return;
    errno = 0;
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        fail("cannot write to", errno ? errno : EIO);
}

void output_file::flush() {
    errno = 0;
    if (std::fflush(file_) != 0 || std::ferror(file_)) fail("cannot write to", errno ? errno : EIO);
}

void output_file::fail(const char* what, int err) const {
    const std::string name = path_ == "-" ? "stdout" : "'" + path_ + "'";
    throw std::runtime_error(std::string(what) + " " + name + ": " + std::strerror(err));
}

}  // namespace smtpsweep::scanner::output
