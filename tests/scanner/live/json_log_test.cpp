// --log-format json: each log line is one JSON object with an escaped message.
#include <regex>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "scanner/logging.hpp"

using namespace smtpsweep::scanner;

TEST_CASE("json log lines escape the message and stay one line", "[live][logging]") {
    auto msg = GENERATE(as<std::string>{}, "plain", R"(say "hi")", "back\\slash", "two\nlines",
                        std::string("nul\0byte", 8), "bad utf8 \xff\xfe", "tab\tand\x01ctl");
    auto const t = std::chrono::system_clock::time_point{std::chrono::milliseconds{1700000000123}};
    auto const line = json_log_line(t, "warning", msg);
    INFO(line);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    auto const v = boost::json::parse(line).as_object();
    CHECK(v.at("time").as_string() == "2023-11-14T22:13:20.123Z");
    CHECK(v.at("level").as_string() == "warning");
    if (msg.find('\xff') == std::string::npos && msg.find('\0') == std::string::npos)
        CHECK(v.at("msg").as_string() == msg);
    CHECK(v.size() == 3);
}
