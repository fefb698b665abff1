// Incremental SMTP reply parsing. A line is complete at LF (a preceding CR
// is dropped); each line must start with a 3-digit code followed by '-'
// (more lines follow), ' ' or nothing (last line). Limits are checked before
// anything is stored, so memory stays bounded (see reply_parser.hpp).
#include "scanner/smtp/reply_parser.hpp"

#include <cstring>
#include <utility>

#include "scanner/smtp/error.hpp"

namespace smtpsweep::scanner::smtp {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// RFC 5321 4.2: first digit 2-5 (1yz is reserved but legal), second 0-5.
bool valid_code(std::string_view l) noexcept {
    return l.size() >= 3 && l[0] >= '1' && l[0] <= '5' && l[1] >= '0' && l[1] <= '5' &&
           is_digit(l[2]) && (l.size() == 3 || l[3] == '-' || l[3] == ' ');
}

}  // namespace

std::string reply::text() const {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += lines[i];
    }
    return out;
}

std::string reply::wire_text() const {
    std::string out;
    const auto code_text = std::to_string(code);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += '\n';
        out += code_text;
        if (i + 1 < lines.size()) out += '-';
        else if (!lines[i].empty()) out += ' ';
        out += lines[i];
    }
    return out;
}

std::size_t reply_parser::feed(std::string_view data, boost::system::error_code& ec) {
    ec = {};
    std::size_t used = 0;
    while (used < data.size() && !done_) {
        const auto rest = data.substr(used);
        const void* lf = std::memchr(rest.data(), '\n', rest.size());
        const auto n = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - rest.data())
                          : rest.size();
        used += n + (lf ? 1 : 0);
        bytes_ += n + (lf ? 1 : 0);
        if (bytes_ > max_reply_bytes) {
            ec = error::reply_too_long;
            return used;
        }
        if ((ec = append(rest.substr(0, n)))) return used;
        if (lf && (ec = end_line())) return used;
    }
    return used;
}

// A partial line may carry one CR beyond max_line (it may be the CR of CRLF).
boost::system::error_code reply_parser::append(std::string_view part) {
    const auto size = line_.size() + part.size();
    if (size > max_line + 1) return error::line_too_long;
    // The last octet of line_ + part; `part` is empty when a LF arrives right
    // after a read that ended on the line's CR (fuzzer-found: reading
    // part.back() then was out of bounds).
    if (size == max_line + 1 && (part.empty() ? line_.back() : part.back()) != '\r')
        return error::line_too_long;
    line_.append(part);
    return {};
}

boost::system::error_code reply_parser::end_line() {
    std::string_view l = line_;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.size() > max_line) return error::line_too_long;
    if (!valid_code(l)) return error::bad_reply;
    const int code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
    if (!current_.lines.empty() && code != current_.code) return error::code_mismatch;
    if (current_.lines.size() >= max_reply_lines) return error::reply_too_long;
    current_.code = code;
    current_.lines.emplace_back(l.size() > 4 ? l.substr(4) : std::string_view{});
    done_ = l.size() == 3 || l[3] == ' ';
    line_.clear();
    return {};
}

reply reply_parser::take() {
    reply r = std::move(current_);
    reset();
    return r;
}

void reply_parser::reset() {
    line_.clear();
    current_ = {};
    bytes_ = 0;
    done_ = false;
}

}  // namespace smtpsweep::scanner::smtp
