// JSON string escaping and UTF-8 repair for record output (see json_escape.hpp).
// Hot path of the writer thread: one pass, ASCII runs copied in bulk.
#include "scanner/output/json_escape.hpp"

namespace smtpsweep::scanner::output {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr char hex_digits[] = "0123456789abcdef";

bool is_continuation(unsigned char c, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return c >= lo && c <= hi;
}

void append_u_escape(std::string& out, unsigned code) {
    char buf[6] = {'\\', 'u', hex_digits[(code >> 12) & 0xF], hex_digits[(code >> 8) & 0xF],
                   hex_digits[(code >> 4) & 0xF], hex_digits[code & 0xF]};
    out.append(buf, sizeof buf);
}

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x7F; }

void append_ascii_escape(std::string& out, unsigned char c) {
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: append_u_escape(out, c);
    }
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i, std::size_t& bad) {
    const auto at = [&](std::size_t k) -> unsigned char {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    const unsigned char c = at(0);
    bad = 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;  // no overlongs
        if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;  // <= U+10FFFF
    } else {
        return 0;
    }
    if (!is_continuation(at(1), lo, hi)) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        if (!is_continuation(at(k))) {
            bad = k;
            return 0;
        }
    }
    return len;
}

void append_json_string(std::string& out, std::string_view s) {
    out.reserve(out.size() + s.size() + 2);
    out += '"';
    std::size_t i = 0, run = 0;  // [run, i) is a pending plain ASCII run
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (!needs_escape(c)) {
            ++i;
            continue;
        }
        out.append(s.data() + run, i - run);
        if (c < 0x80) {
            append_ascii_escape(out, c);
            ++i;
        } else {
            std::size_t bad = 1;
            const std::size_t len = utf8_sequence_length(s, i, bad);
            if (len == 0) {
                out += replacement;
                i += bad;
            } else if (len == 3 && c == 0xE2 && s[i + 1] == '\x80' &&
                       (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
                append_u_escape(out, s[i + 2] == '\xA8' ? 0x2028u : 0x2029u);  // JS line breaks
                i += len;
            } else {
                out.append(s.data() + i, len);
                i += len;
            }
        }
        run = i;
    }
    out.append(s.data() + run, i - run);
    out += '"';
}

std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) {
            out += replacement;
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            std::size_t bad = 1;
            const std::size_t len = utf8_sequence_length(s, i, bad);
            if (len == 0) out += replacement;
            else out.append(s.data() + i, len);
            i += len == 0 ? bad : len;
        }
    }
    return out;
}

}  // namespace smtpsweep::scanner::output
