// Helpers shared by the libFuzzer harnesses. A failed check aborts, so
// libFuzzer saves the input as a crash file like any sanitizer report. The
// UTF-8 validator is written here, independently of scanner/output, so it can
// judge json_escape's output rather than trust it. chunker cuts a payload at
// points derived from one input byte, so the fuzzer also explores how the
// network might split a stream (1-byte segments included).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace smtpsweep::fuzz {

/// Reports a violated harness invariant and aborts (libFuzzer records the input).
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, file, line);
    std::abort();
}

/// Like assert(), but never compiled out.
#define FUZZ_CHECK(cond) ((cond) ? void(0) : ::smtpsweep::fuzz::fail(#cond, __FILE__, __LINE__))

/// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
inline bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned c = p[i];
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c < 0x80) len = 1;
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return false;
        }
        if (i + len > n) return false;
        if (len > 1 && (p[i + 1] < lo || p[i + 1] > hi)) return false;
        for (std::size_t k = 2; k < len; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
        i += len;
    }
    return true;
}

/// Yields chunk sizes from a tiny PRNG seeded by one input byte; the top
/// three bits choose the largest chunk (1, 2, 3, 7, 16, 64, 512 or 4096).
class chunker {
public:
    /// Seeds the sequence from `mode`.
    explicit chunker(std::uint8_t mode) : state_(0x9E3779B97F4A7C15ull ^ mode) {
        static constexpr std::size_t caps[] = {1, 2, 3, 7, 16, 64, 512, 4096};
        cap_ = caps[mode >> 5];
    }
    /// Size of the next chunk, 1..cap.
    std::size_t next() {
        state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
        return 1 + static_cast<std::size_t>(state_ >> 33) % cap_;
    }

private:
    std::uint64_t state_;
    std::size_t cap_ = 1;
};

/// Splits `data` into lines at '\n' (the '\n' dropped), calling f(line) for each.
template <class F>
void for_each_line(std::string_view data, F&& f) {
    while (!data.empty()) {
        const auto end = std::min(data.find('\n'), data.size());
        f(data.substr(0, end));
        data.remove_prefix(std::min(end + 1, data.size()));
    }
}

}  // namespace smtpsweep::fuzz
