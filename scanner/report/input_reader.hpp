// Reading scan results for the report: NDJSON (one record a line, also from
// stdin as "-") or a SQLite database written by `-f sqlite` (table `records`,
// full JSON in column `record`, scanner/output/sqlite_sink.cpp). The format is
// detected from the file's first bytes, not trusted from its extension.
#pragma once

#include <istream>
#include <stdexcept>
#include <string>

#include "scanner/report/aggregate.hpp"

namespace smtpsweep::scanner::report {

/// The input cannot be read at all (missing, unreadable, not a results database).
struct input_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Input formats the report understands.
enum class input_format { ndjson, sqlite };

/// sqlite when the file starts with "SQLite format 3\0", else ndjson; throws input_error.
input_format detect_format(const std::string& path);

/// Feeds every line of in to agg; returns false when the stream failed mid-way.
bool read_ndjson(std::istream& in, aggregator& agg);

/// Feeds every `record` of table `records` in the database at path; throws input_error.
void read_sqlite(const std::string& path, aggregator& agg);

/// Detects the format of path ("-" is NDJSON on stdin) and feeds it to agg; throws input_error.
void read_results(const std::string& path, aggregator& agg);

}  // namespace smtpsweep::scanner::report
