// The sections of the report page, one function each, from report_stats to
// an HTML fragment (a <section> with its heading, chart and notes). Split from
// html_page.cpp so each stays small; all strings from records are escaped.
#pragma once

#include <string>

#include "scanner/report/report_stats.hpp"

namespace smtpsweep::scanner::report {

/// Headline numbers: records, success rate, STARTTLS ok, hosts with findings, bad lines.
std::string summary_section(const report_stats& s);

/// Records per status, and per port.
std::string status_section(const report_stats& s);

/// Negotiated TLS versions, deprecated ones in red.
std::string tls_versions_section(const report_stats& s);

/// STARTTLS outcome per port (ok / not-offered / refused / failed).
std::string starttls_section(const report_stats& s);

/// Hosts per finding id, coloured by severity.
std::string findings_section(const report_stats& s);

/// The most common leaf-certificate issuers.
std::string issuers_section(const report_stats& s, std::size_t top_n = 10);

/// Leaf not_after per month, expired ones highlighted.
std::string expiry_section(const report_stats& s);

/// Software products, and product versions.
std::string software_section(const report_stats& s);

/// The worst hosts table.
std::string worst_hosts_section(const report_stats& s);

}  // namespace smtpsweep::scanner::report
