// Streaming aggregation: records in, report_stats out. Pure (no I/O), so it is
// unit-tested on literal JSON. Memory is bounded by distinct values and a
// top-N heap of worst hosts, never by the number of records, so a report over
// a whole-Internet survey runs in constant memory.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "scanner/report/report_stats.hpp"

namespace smtpsweep::scanner::report {

/// Folds records one at a time into report_stats.
class aggregator {
public:
    /// Keeps the worst_hosts worst hosts for the table.
    explicit aggregator(std::size_t worst_hosts = 100) : top_n_(worst_hosts) {}

    /// Parses one NDJSON line; blank lines are skipped, malformed ones counted as bad.
    void add_line(std::string_view line);

    /// Adds one parsed record; one without ip/port/status counts as bad.
    void add_record(const boost::json::object& record);

    /// Counts an input line or row that could not be read as a record.
    void add_bad() { ++stats_.bad_lines; }

    /// The statistics so far, worst hosts sorted worst first.
    report_stats result() const;

private:
    void add_tls(const boost::json::object& tls, std::string_view time);
    void add_smtp(const boost::json::object& smtp, int port);
    void add_host(host_row row);

    report_stats stats_;
    std::size_t top_n_;
    std::vector<host_row> heap_;  // std heap ordered by `worse`: front is the least bad
};

/// True when a should be listed before b in the worst-hosts table.
bool worse(const host_row& a, const host_row& b);

}  // namespace smtpsweep::scanner::report
