// smtpsweep: parse, build, run, exit status (spec: 0 ran to the end, 2 bad
// usage or input, 1 failure of the scanner itself).
#include <exception>
#include <iostream>
#include <string_view>

#include <spdlog/spdlog.h>

#include "scanner/cli.hpp"
#include "scanner/logging.hpp"
#include "scanner/report/report_command.hpp"
#include "scanner/scan.hpp"
#include "targets/plan.hpp"
#include "tls/trust_store.hpp"

namespace {

// Bad input found while building the scan (targets, ports, --ca-file,
// --resume) is the user's to fix: exit 2. Anything else is ours: exit 1.
int report_failure(const std::exception& e) {
    using namespace smtpsweep;
    const bool bad_input = dynamic_cast<const scanner::usage_error*>(&e) ||
                           dynamic_cast<const targets::parse_error*>(&e) ||
                           dynamic_cast<const tls::trust_error*>(&e);
    std::cerr << "smtpsweep: " << (bad_input ? "" : "error: ") << e.what() << '\n';
    return bad_input ? 2 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "report")
        return smtpsweep::scanner::report::run_report(argc - 1, argv + 1);
    using namespace smtpsweep;
    scanner::scan_options opts;
    try {
        opts = scanner::parse_cli(argc, argv, std::cin);
    } catch (const scanner::usage_error& e) {
        std::cerr << "smtpsweep: " << e.what() << "\nTry 'smtpsweep --help'.\n";
        return 2;
    }
    if (opts.show_help) {
        std::cout << scanner::help_text();
        return 0;
    }
    if (opts.show_version) {
        std::cout << scanner::version_text();
        return 0;
    }
    scanner::setup_logging(opts.verbosity, opts.log_json);
    try {
        return scanner::run_scan(opts);
    } catch (const std::exception& e) {
        return report_failure(e);
    }
}
