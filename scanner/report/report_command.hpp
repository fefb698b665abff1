// `smtpsweep report RESULTS [-o FILE] [--title TEXT]`: the subcommand that
// turns a scan's NDJSON or SQLite output into one self-contained HTML file.
// main.cpp hands over argv when argv[1] is "report".
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace smtpsweep::scanner::report {

/// Parsed `report` arguments.
struct report_args {
    std::string input;                   ///< RESULTS path, "-" for stdin
    std::string output = "report.html";  ///< -o FILE, "-" for stdout
    std::string title = "smtpsweep report";
    bool help = false;
};

/// Parses argv (argv[0] is "report"); nullopt plus a message on err for bad usage.
std::optional<report_args> parse_report_args(int argc, char** argv, std::ostream& err);

/// The `report --help` text.
std::string report_help_text();

/// Runs the subcommand: 0 done, 2 bad usage or unreadable input, 1 cannot write output.
int run_report(int argc, char** argv);

}  // namespace smtpsweep::scanner::report
