// Dotted-quad parsing and formatting, plus to_string(target) and the shared
// parse_error message builder (both are one-liners on top of formatting).
#include "targets/ipv4.hpp"

#include "targets/parse_error.hpp"
#include "targets/target.hpp"

namespace smtpsweep::targets {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) noexcept {
    std::uint32_t ip = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (text.empty() || text.front() != '.') return std::nullopt;
            text.remove_prefix(1);
        }
        std::size_t len = 0;
        unsigned value = 0;
        while (len < text.size() && len < 4 && text[len] >= '0' && text[len] <= '9') {
            value = value * 10 + static_cast<unsigned>(text[len] - '0');
            ++len;
        }
        if (len == 0 || len > 3 || value > 255 || (len > 1 && text[0] == '0')) return std::nullopt;
        ip = ip << 8 | value;
        text.remove_prefix(len);
    }
    if (!text.empty()) return std::nullopt;
    return ip;
}

std::string format_ipv4(std::uint32_t ip) {
    std::string out;
    out.reserve(15);
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += std::to_string((ip >> shift) & 0xffu);
        if (shift > 0) out += '.';
    }
    return out;
}

std::string to_string(const target& t) {
    return format_ipv4(t.ip) + ':' + std::to_string(t.port);
}

void throw_bad(std::string_view source, std::string_view kind, std::string_view token,
               std::string_view why) {
    std::string message;
    message.append(source).append(": bad ").append(kind).append(" '");
    message.append(token).append("': ").append(why);
    throw parse_error(std::string(token), message);
}

}  // namespace smtpsweep::targets
