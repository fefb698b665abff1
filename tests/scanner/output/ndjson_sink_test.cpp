// NDJSON sink and the sink factory: lines, append, and loud I/O failures.
#include <catch2/catch.hpp>

#include <fstream>

#include <boost/json.hpp>

#include "scanner/output/ndjson_sink.hpp"
#include "scanner/output/sink_factory.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;

namespace {
std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}
}  // namespace

TEST_CASE("ndjson sink writes one parseable line per record", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("out.ndjson");
    std::vector<record> batch(3, test::full_record());
    batch[1].target.port = 25;
    {
        auto sink = output::make_sink("ndjson", path);
        sink->write(batch);
        sink->write(std::span<const record>(batch).first(1));
        sink->flush();
    }
    const auto lines = read_lines(path);
    REQUIRE(lines.size() == 4);
    for (const auto& l : lines) CHECK(boost::json::parse(l).at("ip") == "198.18.1.10");
    CHECK(boost::json::parse(lines[1]).at("port") == 25);

    SECTION("truncate replaces, append keeps") {
        { auto s = output::make_sink("ndjson", path, output::open_mode::append); s->write(batch); s->flush(); }
        CHECK(read_lines(path).size() == 7);
        { auto s = output::make_sink("ndjson", path); s->flush(); }
        CHECK(read_lines(path).empty());
    }
}

TEST_CASE("sinks refuse destinations they cannot write", "[scanner][output]") {
    auto [format, path, message] = GENERATE(table<std::string, std::string, std::string>({
        {"ndjson", "/proc/forbidden/out.ndjson", "No such file or directory"},
        {"csv", "/proc/forbidden/out.csv", "No such file or directory"},
        {"ndjson", "/tmp", "Is a directory"},
        {"sqlite", "/tmp", "unable to open database file"},
        {"sqlite", "/proc/forbidden/x.db", "unable to open database file"},
    }));
    INFO(format << " " << path);
    CHECK_THROWS_WITH(output::make_sink(format, path), Catch::Contains(message) && Catch::Contains(path));
}

TEST_CASE("a write failure surfaces as an exception naming errno", "[scanner][output]") {
    output::ndjson_sink sink("/dev/full");
    const std::vector<record> batch(200, test::full_record());  // more than the stdio buffer
    CHECK_THROWS_WITH((sink.write(batch), sink.flush()), Catch::Contains("No space left on device"));
}

TEST_CASE("the factory knows the formats and rejects others", "[scanner][output]") {
    CHECK(output::known_formats() == std::vector<std::string_view>{"ndjson", "csv", "sqlite", "postgres"});
    CHECK(output::is_known_format("csv"));
    CHECK_FALSE(output::is_known_format("xml"));
    CHECK_FALSE(output::format_supports_stdout("sqlite"));
    CHECK_THROWS_AS(output::make_sink("xml", "-"), std::invalid_argument);
    CHECK_THROWS_AS(output::make_sink("sqlite", "-"), std::invalid_argument);
}
