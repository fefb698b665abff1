// The command-line side of the live view: --http and --log-format.
#include <sstream>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/cli.hpp"

using namespace smtpsweep::scanner;

namespace {
scan_options parse(std::vector<const char*> args) {
    args.insert(args.begin(), "smtpsweep");
    args.push_back("198.18.0.1");
    std::istringstream in;
    return parse_cli(static_cast<int>(args.size()), args.data(), in);
}
}  // namespace

TEST_CASE("the --http option takes a port, :port or address:port, loopback by default", "[live][cli]") {
    auto [arg, address, port] = GENERATE(table<const char*, std::string, unsigned>({
        {"9100", "127.0.0.1", 9100},
        {":9100", "127.0.0.1", 9100},
        {"127.0.0.1:9100", "127.0.0.1", 9100},
        {"0.0.0.0:80", "0.0.0.0", 80},
        {"[::1]:9100", "::1", 9100},
        {"127.0.0.1:0", "127.0.0.1", 0},
    }));
    auto const o = parse({"--http", arg});
    REQUIRE(o.http);
    CHECK(o.http->address == address);
    CHECK(o.http->port == port);
}

TEST_CASE("the --http option rejects bad ports and addresses", "[live][cli]") {
    auto arg = GENERATE("", "abc", "127.0.0.1:", "127.0.0.1:65536", "localhost:9100",
                        "1.2.3:9100", "-1");
    INFO(arg);
    CHECK_THROWS_AS(parse({"--http", arg}), usage_error);
}

TEST_CASE("no --http means no live view", "[live][cli]") {
    CHECK_FALSE(parse({}).http);
}

TEST_CASE("the --log-format option accepts text and json only", "[live][cli]") {
    CHECK_FALSE(parse({}).log_json);
    CHECK_FALSE(parse({"--log-format", "text"}).log_json);
    CHECK(parse({"--log-format", "json"}).log_json);
    CHECK_THROWS_AS(parse({"--log-format", "xml"}), usage_error);
}

TEST_CASE("help mentions the live view options", "[live][cli]") {
    CHECK_THAT(help_text(), Catch::Contains("--http [ADDR:]PORT"));
    CHECK_THAT(help_text(), Catch::Contains("--log-format FMT"));
}
