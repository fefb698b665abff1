// The numbers a report shows, produced by aggregate.hpp from a stream of
// records and rendered by html_page.hpp. Every container here is bounded by
// the number of distinct values (capped_counter) or by a fixed top-N, never by
// the number of records.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scanner/report/capped_counter.hpp"

namespace smtpsweep::scanner::report {

/// One row of the worst-hosts table.
struct host_row {
    std::string ip;                     ///< dotted quad as in the record
    int port = 0;                       ///< TCP port
    std::string status;                 ///< record status
    std::string hostname;               ///< smtp.hostname or empty
    std::string software;               ///< "product version" or empty
    std::string tls_version;            ///< tls.version or empty
    std::vector<std::string> findings;  ///< finding ids, worst first
    int score = 0;                      ///< summed severity weights
    bool operator==(const host_row&) const = default;
};

/// Leaf certificates that expire in one month, split by state at scan time.
struct expiry_bucket {
    std::uint64_t valid = 0;    ///< not_after after the scan time
    std::uint64_t expired = 0;  ///< not_after before the scan time
    bool operator==(const expiry_bucket&) const = default;
};

/// Everything the report shows.
struct report_stats {
    std::uint64_t records = 0;           ///< well-formed records read
    std::uint64_t bad_lines = 0;         ///< lines/rows that were not a JSON record
    std::uint64_t hosts_with_findings = 0;  ///< records with at least one finding
    std::string first_time, last_time;   ///< range of record "time" values
    capped_counter by_status;            ///< status -> records
    capped_counter by_port;              ///< port (as text) -> records
    capped_counter tls_versions;         ///< tls.version -> records with TLS
    std::map<int, capped_counter> starttls_by_port;  ///< port -> smtp.starttls -> records
    capped_counter findings;             ///< finding id -> records (hosts) with it
    capped_counter issuers;              ///< leaf issuer DN -> records
    std::map<std::string, expiry_bucket> expiry_by_month;  ///< "YYYY-MM" -> leaf certs
    capped_counter products;             ///< software product -> records
    capped_counter product_versions;     ///< "product version" -> records
    std::vector<host_row> worst_hosts;   ///< worst first, at most the configured top N
    bool operator==(const report_stats&) const = default;
};

}  // namespace smtpsweep::scanner::report
