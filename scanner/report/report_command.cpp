// The `report` subcommand (see report_command.hpp): parse the few options by
// hand (the scan CLI's option set does not apply here), aggregate the input
// in one streaming pass, render, write atomically enough (whole string at
// once), exit with the spec's codes.
#include "scanner/report/report_command.hpp"

#include <fstream>
#include <iostream>
#include <string_view>

#include "scanner/report/aggregate.hpp"
#include "scanner/report/html_page.hpp"
#include "scanner/report/input_reader.hpp"
#include "scanner/report/svg_chart.hpp"

namespace smtpsweep::scanner::report {

std::string report_help_text() {
    return "Usage: smtpsweep report RESULTS [-o FILE] [--title TEXT]\n"
           "\n"
           "Write a self-contained HTML report (inline CSS and SVG, no scripts) of a scan.\n"
           "RESULTS is NDJSON (as written by -f ndjson, '-' for stdin) or a SQLite\n"
           "database written by -f sqlite; the format is detected from the content.\n"
           "\n"
           "  -o, --output FILE  where the HTML goes, '-' is stdout (default report.html)\n"
           "  --title TEXT       page title (default \"smtpsweep report\")\n"
           "  -h, --help         this text\n";
}

std::optional<report_args> parse_report_args(int argc, char** argv, std::ostream& err) {
    report_args args;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
        if (a == "-h" || a == "--help") {
            args.help = true;
        } else if (a == "-o" || a == "--output" || a == "--title") {
            const char* v = value();
            if (!v) {
                err << "smtpsweep report: option '" << a << "' needs a value\n";
                return std::nullopt;
            }
            (a == "--title" ? args.title : args.output) = v;
        } else if (a.starts_with("--output=")) {
            args.output = a.substr(9);
        } else if (a.starts_with("--title=")) {
            args.title = a.substr(8);
        } else if (a.size() > 1 && a[0] == '-') {
            err << "smtpsweep report: unknown option '" << a << "'\n";
            return std::nullopt;
        } else if (args.input.empty()) {
            args.input = a;
        } else {
            err << "smtpsweep report: unexpected argument '" << a << "' (one RESULTS file)\n";
            return std::nullopt;
        }
    }
    if (args.input.empty() && !args.help) {
        err << "smtpsweep report: missing RESULTS file\n";
        return std::nullopt;
    }
    return args;
}

namespace {

bool write_output(const std::string& path, const std::string& html) {
    if (path == "-") {
        std::cout << html << std::flush;
        return static_cast<bool>(std::cout);
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << html;
    out.close();
    return static_cast<bool>(out);
}

}  // namespace

int run_report(int argc, char** argv) {
    const auto args = parse_report_args(argc, argv, std::cerr);
    if (!args) {
        std::cerr << "Try 'smtpsweep report --help'.\n";
        return 2;
    }
    if (args->help) {
        std::cout << report_help_text();
        return 0;
    }
    aggregator agg;
    try {
        read_results(args->input, agg);
    } catch (const input_error& e) {
        std::cerr << "smtpsweep report: " << e.what() << '\n';
        return 2;
    }
    const report_stats stats = agg.result();
    const std::string source = args->input == "-" ? "standard input" : args->input;
    if (!write_output(args->output, render_page(stats, {args->title, source}))) {
        std::cerr << "smtpsweep report: cannot write '" << args->output << "'\n";
        return 1;
    }
    std::cerr << "smtpsweep report: " << format_count(stats.records) << " records";
    if (stats.bad_lines) std::cerr << ", " << format_count(stats.bad_lines) << " bad lines skipped";
    if (args->output != "-") std::cerr << ", wrote " << args->output;
    std::cerr << '\n';
    return 0;
}

}  // namespace smtpsweep::scanner::report
