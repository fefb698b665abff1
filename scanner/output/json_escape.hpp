// Text from the network is hostile: it may hold NUL, control characters and
// bytes that are not UTF-8. Every record line must still be valid JSON, so
// strings go through here. Invalid UTF-8 is replaced (one U+FFFD per maximal
// invalid subpart, as Unicode 15 §3.9 recommends) instead of being dropped, so
// the reader sees that something was there.
#pragma once

#include <string>
#include <string_view>

namespace smtpsweep::scanner::output {

/// Appends `s` as a quoted JSON string: `"` and `\` escaped, \n \r \t as short
/// escapes, other C0 controls, NUL, DEL, U+2028/9 as \u00XX / \u20XX, invalid
/// UTF-8 as U+FFFD. The result is always valid JSON and valid UTF-8.
void append_json_string(std::string& out, std::string_view s);

/// `s` with every invalid UTF-8 subpart (and NUL) replaced by U+FFFD; other bytes kept.
std::string sanitize_utf8(std::string_view s);

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid;
/// `bad` receives how many bytes the invalid maximal subpart spans (at least 1).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i, std::size_t& bad);

}  // namespace smtpsweep::scanner::output
