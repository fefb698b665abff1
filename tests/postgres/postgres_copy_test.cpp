// COPY text encoding and table naming of the PostgreSQL sink: no server needed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scanner/output/postgres_copy.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;

namespace {
std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out{""};
    for (char c : s) {
        if (c == sep) out.emplace_back();
        else out.back() += c;
    }
    return out;
}
}  // namespace

TEST_CASE("copy text escapes separators and backslashes and replaces nul", "[postgres][copy]") {
    std::string out;
    static const char raw[] = "a\\b\tc\nd\re\0f";
    output::append_copy_text(out, std::string(raw, sizeof raw - 1));
    CHECK(out == "a\\\\b\\tc\\nd\\re\xEF\xBF\xBD" "f");
}

TEST_CASE("jsonb_safe rewrites only real nul escapes", "[postgres][copy]") {
    CHECK(output::jsonb_safe(R"({"a":"x\u0000y"})") == R"({"a":"x\ufffdy"})");
    // An escaped backslash followed by the text u0000 is not a NUL escape.
    CHECK(output::jsonb_safe(R"({"b":"\\u0000","c":"\u00001"})") == R"({"b":"\\u0000","c":"\ufffd1"})");
    CHECK(output::jsonb_safe(R"({"d":"\u0001\n"})") == R"({"d":"\u0001\n"})");
}

TEST_CASE("table names are quoted identifiers and anything else is rejected", "[postgres][copy]") {
    CHECK(output::quote_table_name("smtpsweep_records") == "\"smtpsweep_records\"");
    CHECK(output::quote_table_name("scans.Run_2") == "\"scans\".\"Run_2\"");
    for (const char* bad : {"", "1abc", "a;drop table x", "a.b.c", "a\"b", ".t", "s."})
        CHECK_THROWS_AS(output::quote_table_name(bad), std::invalid_argument);
    CHECK_THROWS_AS(output::quote_table_name(std::string(64, 'a')), std::invalid_argument);
}

TEST_CASE("a copy row holds the main fields, the findings array, the json and the batch",
          "[postgres][copy]") {
    auto r = test::full_record();
    r.smtp->software->version = "3.7.6";
    static const char banner[] = "220 evil\0\t\\\n";
    r.smtp->banner = std::string(banner, sizeof banner - 1);
    r.findings.push_back(r.findings.front());  // duplicates appear once
    std::string out;
    output::append_copy_row(out, r, "0b1c2d3e-0000-4000-8000-000000000000");
    REQUIRE(out.back() == '\n');
    const auto f = split(out.substr(0, out.size() - 1), '\t');
    REQUIRE(f.size() == 20);
    CHECK(f[0] == "198.18.1.10");
    CHECK(f[1] == "587");
    CHECK(f[2] == "success");
    CHECK(f[4] == "2026-12-04T15:30:00.123Z");
    CHECK(f[5] == "0.21");
    CHECK(f[7] == "\\N");  // no error
    CHECK(f[8] == "220 evil\xEF\xBF\xBD\\t\\\\\\n");
    CHECK(f[10] == "Postfix 3.7.6");
    CHECK(f[15] == "t");
    CHECK(f[17] == "{software-version-disclosed,cert-untrusted}");
    CHECK(f[18].find("\\\\ufffd") != std::string::npos);  // the NUL, inside the JSON
    CHECK(f[18].find("u0000") == std::string::npos);
    CHECK(f[19] == "0b1c2d3e-0000-4000-8000-000000000000");
}

TEST_CASE("the create statement names every copied column", "[postgres][copy]") {
    const auto create = output::create_table_sql("\"t\"");
    const auto copy = output::copy_sql("\"t\"");
    for (const char* col : {"ip", "port", "hostname", "software", "leaf_sha256", "name_match",
                            "findings", "record", "batch"}) {
        CHECK(create.find(std::string(col) + ' ') != std::string::npos);
        CHECK(copy.find(col) != std::string::npos);
    }
    CHECK(create.find("record jsonb") != std::string::npos);
    CHECK(create.find("findings text[]") != std::string::npos);
}
