// JSON string escaping and UTF-8 repair: every output must parse back.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "scanner/output/json_escape.hpp"

using smtpsweep::scanner::output::append_json_string;
using smtpsweep::scanner::output::sanitize_utf8;

namespace {
std::string quoted(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
std::string parsed(const std::string& json) {
    return std::string(boost::json::parse(json).as_string());
}
}  // namespace

TEST_CASE("json strings escape quotes, backslashes and control characters", "[scanner][output]") {
    CHECK(quoted("plain") == "\"plain\"");
    CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
    CHECK(quoted("l1\r\nl2\t") == R"("l1\r\nl2\t")");
    CHECK(quoted(std::string_view("a\0b", 3)) == R"("a\u0000b")");
    CHECK(quoted("\x01\x1f\x7f") == R"("\u0001\u001f\u007f")");
    CHECK(quoted("\xE2\x80\xA8") == R"("\u2028")");
}

TEST_CASE("json strings keep valid utf-8 and replace invalid bytes", "[scanner][output]") {
    CHECK(quoted("caf\xC3\xA9 \xF0\x9F\x93\xA7") == "\"caf\xC3\xA9 \xF0\x9F\x93\xA7\"");
    const std::string fffd = "\xEF\xBF\xBD";
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"\xFF", "\xEF\xBF\xBD"},
        {"a\x80z", "a\xEF\xBF\xBDz"},
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},        // overlong '/'
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // surrogate
        {"\xE2\x82", "\xEF\xBF\xBD"},                    // truncated 3-byte sequence
        {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // > U+10FFFF
        {"\xF0\x9F\x93", "\xEF\xBF\xBD"},                // truncated 4-byte sequence
    }));
    INFO("input bytes: " << input.size());
    CHECK(quoted(input) == "\"" + expected + "\"");
    CHECK(parsed(quoted(input)) == expected);
    CHECK(sanitize_utf8(input) == expected);
}

TEST_CASE("every single byte and byte pair yields valid json", "[scanner][output]") {
    for (int a = 0; a < 256; ++a) {
        for (int b = 0; b < 256; b += 7) {
            const std::string s{static_cast<char>(a), static_cast<char>(b), 'x'};
            INFO("bytes " << a << " " << b);
            boost::json::error_code ec;
            auto v = boost::json::parse(quoted(s), ec);
            REQUIRE(!ec);
            REQUIRE(v.is_string());
        }
    }
}

TEST_CASE("sanitize_utf8 replaces nul but keeps other ascii", "[scanner][output]") {
    CHECK(sanitize_utf8(std::string_view("a\0b\r\n", 5)) == "a\xEF\xBF\xBD" "b\r\n");
}
