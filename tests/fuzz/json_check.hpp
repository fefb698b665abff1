// The JSON oracle shared by the json_escape and certificate harnesses: a
// string written by append_json_string must parse with Boost.JSON as one
// string, be valid UTF-8 with no raw control characters, and decode to the
// input with only invalid UTF-8 replaced (checked against sanitize_utf8).
#pragma once

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "scanner/output/json_escape.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace smtpsweep::fuzz {

/// `decoded` with every NUL turned into U+FFFD (what sanitize_utf8 does to NUL).
inline std::string nul_to_replacement(std::string_view decoded) {
    std::string out;
    for (char c : decoded) {
        if (c == '\0') out += "\xEF\xBF\xBD";
        else out += c;
    }
    return out;
}

/// Checks that `json` is the escaped form of `original`; returns the decoded string.
inline std::string check_json_string(std::string_view json, std::string_view original) {
    FUZZ_CHECK(valid_utf8(json));
    for (unsigned char c : json) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
    FUZZ_CHECK(json.find("\xE2\x80\xA8") == std::string_view::npos);
    FUZZ_CHECK(json.find("\xE2\x80\xA9") == std::string_view::npos);
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json, ec);
    FUZZ_CHECK(!ec);
    FUZZ_CHECK(v.is_string());
    const std::string decoded(v.as_string().data(), v.as_string().size());
    FUZZ_CHECK(valid_utf8(decoded));
    if (valid_utf8(original)) FUZZ_CHECK(decoded == original);
    FUZZ_CHECK(nul_to_replacement(decoded) == scanner::output::sanitize_utf8(original));
    return decoded;
}

}  // namespace smtpsweep::fuzz
