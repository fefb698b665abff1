// CSV: RFC 4180 quoting, formula neutralisation, header and flattening.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "scanner/output/csv_sink.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;
using output::append_csv_cell;
using output::cell;

namespace {
std::string csv(const cell& c) {
    std::string s;
    append_csv_cell(s, c);
    return s;
}
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("csv cells are quoted as rfc 4180 requires", "[scanner][output]") {
    CHECK(csv(cell{}) == "");
    CHECK(csv(cell{true}) == "true");
    CHECK(csv(cell{std::int64_t{587}}) == "587");
    CHECK(csv(cell{14.8}) == "14.8");
    CHECK(csv(cell{std::string("plain text")}) == "plain text");
    CHECK(csv(cell{std::string("a,b")}) == "\"a,b\"");
    CHECK(csv(cell{std::string("say \"hi\"")}) == "\"say \"\"hi\"\"\"");
    CHECK(csv(cell{std::string("line1\r\nline2")}) == "\"line1\r\nline2\"");
}

TEST_CASE("csv text cells cannot start a spreadsheet formula", "[scanner][output]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
        {"+1", "\"'+1\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"\rx", "\"'\rx\""},
        {"a=b", "a=b"},
    }));
    CHECK(csv(cell{input}) == expected);
}

TEST_CASE("csv sink writes a header and one row per record", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("out.csv");
    record r = test::full_record();
    r.smtp->banner = "=cmd|' /C calc'!A0";
    {
        output::csv_sink sink(path);
        const std::vector<record> batch{r, record{}};
        sink.write(batch);
        sink.flush();
    }
    const std::string text = slurp(path);
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = text.find("\r\n", start)) != std::string::npos;
         start = end + 2)
        lines.push_back(text.substr(start, end - start));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("ip,port,status,phase,time,connect_ms,duration_ms,error,smtp.banner,", 0) == 0);
    CHECK(lines[0].find("tls.certificates.count,tls.certificates.0.subject") != std::string::npos);
    CHECK(lines[1].rfind("198.18.1.10,587,success,quit,2026-12-04T15:30:00.123Z,0.21,14.8,,\"'=cmd|", 0) == 0);
    CHECK(lines[1].find("PIPELINING;SIZE 10240000;STARTTLS;8BITMIME") != std::string::npos);
    CHECK(lines[1].find(",2,CN=mx1.lab.test,CN=Lab Root CA,mx1.lab.test;mx.lab.test,") != std::string::npos);
    CHECK(lines[1].find("software-version-disclosed;cert-untrusted") != std::string::npos);
    const auto commas = [](const std::string& s) { return std::count(s.begin(), s.end(), ','); };
    CHECK(commas(lines[2]) == commas(lines[0]));
}

TEST_CASE("csv sink appending to a non-empty file skips the header", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("out.csv");
    const std::vector<record> batch{test::full_record()};
    { output::csv_sink sink(path); sink.write(batch); sink.flush(); }
    { output::csv_sink sink(path, output::open_mode::append); sink.write(batch); sink.flush(); }
    const std::string text = slurp(path);
    CHECK(text.find("ip,port") == 0);
    CHECK(text.find("ip,port", 1) == std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
}
