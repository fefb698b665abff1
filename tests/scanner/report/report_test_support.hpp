// Test helpers for scanner/report: the committed sample fixture, a temporary
// directory, and a compact record builder.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "scanner/report/aggregate.hpp"
#include "scanner/report/input_reader.hpp"

namespace smtpsweep::scanner::report::test {

/// The lines of tests/report/sample.ndjson.
inline std::vector<std::string> sample_lines() {
    std::ifstream in(SMTPSWEEP_REPORT_SAMPLE);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// Stats of the sample fixture.
inline report_stats sample_stats(std::size_t top_n = 100) {
    aggregator agg(top_n);
    for (const auto& line : sample_lines()) agg.add_line(line);
    return agg.result();
}

/// A minimal successful record line with the given findings.
inline std::string record_line(const std::string& ip, int port,
                               const std::vector<std::string>& findings) {
    std::string f;
    for (const auto& id : findings) f += (f.empty() ? "\"" : ",\"") + id + '"';
    return R"({"ip":")" + ip + R"(","port":)" + std::to_string(port) +
           R"(,"status":"success","phase":"quit","time":"2026-12-04T10:00:00Z","findings":[)" + f +
           "]}";
}

/// A fresh directory under /tmp, removed on destruction.
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() /
               ("smtpsweep-report-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

}  // namespace smtpsweep::scanner::report::test
