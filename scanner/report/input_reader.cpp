// Format detection and the NDJSON reader (see input_reader.hpp). Lines are
// read one at a time, so memory stays at one line whatever the file size.
#include "scanner/report/input_reader.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace smtpsweep::scanner::report {
namespace {

std::string reason() { return errno ? std::strerror(errno) : "unknown error"; }

}  // namespace

input_format detect_format(const std::string& path) {
    errno = 0;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error("cannot open '" + path + "': " + reason());
    static constexpr std::array<char, 16> magic{'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                                'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    if (in.bad()) throw input_error("cannot read '" + path + "': " + reason());
    return in.gcount() == 16 && head == magic ? input_format::sqlite : input_format::ndjson;
}

bool read_ndjson(std::istream& in, aggregator& agg) {
    std::string line;
    while (std::getline(in, line)) agg.add_line(line);
    return !in.bad();
}

void read_results(const std::string& path, aggregator& agg) {
    if (path == "-") {
        if (!read_ndjson(std::cin, agg)) throw input_error("error while reading standard input");
        return;
    }
    if (detect_format(path) == input_format::sqlite) return read_sqlite(path, agg);
    errno = 0;
    std::ifstream in(path);
    if (!in) throw input_error("cannot open '" + path + "': " + reason());
    if (!read_ndjson(in, agg)) throw input_error("error while reading '" + path + "': " + reason());
}

}  // namespace smtpsweep::scanner::report
