// Inputs: NDJSON file and SQLite database with the same records give the same
// stats; format detected by content; unreadable input is exit 2; the command
// writes a page.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "scanner/report/report_command.hpp"
#include "tests/scanner/report/report_test_support.hpp"

using namespace smtpsweep::scanner::report;
namespace fs = std::filesystem;

namespace {

// A database shaped like scanner/output/sqlite_sink.cpp's (a few flat columns + record).
void write_sqlite(const fs::path& path, const std::vector<std::string>& lines) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE records (ip TEXT, port INTEGER, record TEXT)", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO records (record) VALUES (?)", -1, &st, nullptr) ==
            SQLITE_OK);
    for (const auto& line : lines) {
        sqlite3_bind_text(st, 1, line.data(), static_cast<int>(line.size()), SQLITE_TRANSIENT);
        CHECK(sqlite3_step(st) == SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

int run(std::vector<std::string> args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return run_report(static_cast<int>(argv.size()), argv.data());
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("ndjson and sqlite inputs give the same stats", "[report][input]") {
    test::temp_dir dir;
    const auto lines = test::sample_lines();
    write_sqlite(dir.path / "scan.db", lines);
    CHECK(detect_format((dir.path / "scan.db").string()) == input_format::sqlite);
    CHECK(detect_format(SMTPSWEEP_REPORT_SAMPLE) == input_format::ndjson);
    aggregator from_db, from_file;
    read_results((dir.path / "scan.db").string(), from_db);
    read_results(SMTPSWEEP_REPORT_SAMPLE, from_file);
    const auto a = from_db.result(), b = from_file.result();
    CHECK(a.records == 32);
    CHECK(a == b);
}

TEST_CASE("a sqlite file is recognised by content whatever its name", "[report][input]") {
    test::temp_dir dir;
    write_sqlite(dir.path / "results.ndjson", {test::record_line("198.18.0.1", 25, {})});
    aggregator agg;
    read_results((dir.path / "results.ndjson").string(), agg);
    CHECK(agg.result().records == 1);
}

TEST_CASE("unreadable input is reported as an input error", "[report][input]") {
    test::temp_dir dir;
    aggregator agg;
    SECTION("missing file") {
        CHECK_THROWS_AS(read_results((dir.path / "nope").string(), agg), input_error);
        CHECK(run({"report", (dir.path / "nope").string(), "-o", (dir.path / "r.html").string()}) ==
              2);
        CHECK_FALSE(fs::exists(dir.path / "r.html"));
    }
    SECTION("a directory") {
        CHECK_THROWS_AS(read_results(dir.path.string(), agg), input_error);
    }
    SECTION("a sqlite database without a records table") {
        sqlite3* db = nullptr;
        sqlite3_open((dir.path / "other.db").c_str(), &db);
        sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        CHECK_THROWS_WITH(read_results((dir.path / "other.db").string(), agg),
                          Catch::Contains("records"));
    }
}

TEST_CASE("the report command parses its options", "[report][command]") {
    std::ostringstream err;
    auto parse = [&](std::vector<std::string> args) {
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        return parse_report_args(static_cast<int>(argv.size()), argv.data(), err);
    };
    const auto a = parse({"report", "in.ndjson", "-o", "out.html", "--title", "T"});
    REQUIRE(a);
    CHECK(a->input == "in.ndjson");
    CHECK(a->output == "out.html");
    CHECK(a->title == "T");
    CHECK(parse({"report", "in.ndjson"})->output == "report.html");
    CHECK(parse({"report", "--help"})->help);
    CHECK_FALSE(parse({"report"}));
    CHECK_FALSE(parse({"report", "a", "b"}));
    CHECK_FALSE(parse({"report", "a", "--bogus"}));
    CHECK_FALSE(parse({"report", "a", "-o"}));
    CHECK(err.str().find("--bogus") != std::string::npos);
}

TEST_CASE("the report command writes a page from ndjson and from sqlite", "[report][command]") {
    test::temp_dir dir;
    write_sqlite(dir.path / "scan.db", test::sample_lines());
    CHECK(run({"report", SMTPSWEEP_REPORT_SAMPLE, "-o", (dir.path / "a.html").string()}) == 0);
    CHECK(run({"report", (dir.path / "scan.db").string(),
               "--output=" + (dir.path / "b.html").string(), "--title", "Lab"}) == 0);
    const std::string a = slurp(dir.path / "a.html"), b = slurp(dir.path / "b.html");
    CHECK(a.find("<h2>Worst hosts</h2>") != std::string::npos);
    CHECK(b.find("<title>Lab</title>") != std::string::npos);
    CHECK(run({"report", SMTPSWEEP_REPORT_SAMPLE, "-o",
               (dir.path / "no/such/dir.html").string()}) == 1);
}
