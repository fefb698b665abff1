// stdio-based output with explicit error checks (see output_file.hpp).
#include "scanner/output/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

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
    struct stat now {};
    if (::fstat(::fileno(file_), &now) == 0 && S_ISREG(now.st_mode)) {
        regular_ = true;
        size_ = static_cast<std::uint64_t>(now.st_size);
    }
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
    size_ += bytes.size();
}

void output_file::flush() {
    errno = 0;
    if (std::fflush(file_) != 0 || std::ferror(file_)) fail("cannot write to", errno ? errno : EIO);
}

std::uint64_t output_file::sync() {
    flush();
    if (regular_ && ::fsync(::fileno(file_)) != 0) fail("cannot sync", errno);
    return size_;
}

void truncate_output(const std::string& path, std::uint64_t size) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw std::runtime_error("cannot resume output '" + path + "': " + std::strerror(errno));
    if (static_cast<std::uint64_t>(st.st_size) < size)
        throw std::runtime_error("cannot resume output '" + path + "': it holds " +
                                 std::to_string(st.st_size) + " bytes but the resume state "
                                 "says " + std::to_string(size) + " were written (changed since?)");
    if (static_cast<std::uint64_t>(st.st_size) == size) return;
    if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0)
        throw std::runtime_error("cannot truncate output '" + path + "': " + std::strerror(errno));
}

void output_file::fail(const char* what, int err) const {
    const std::string name = path_ == "-" ? "stdout" : "'" + path_ + "'";
    throw std::runtime_error(std::string(what) + " " + name + ": " + std::strerror(err));
}

}  // namespace smtpsweep::scanner::output
