// Everything the command line decides, as one plain value. Built by
// parse_cli (scanner/cli.hpp) and then passed down as `const scan_options&`;
// no global configuration anywhere (style guide §5).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include "targets/plan.hpp"

namespace smtpsweep::scanner {

/// Default worker count: the number of cores (at least 1).
inline unsigned default_threads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

/// --http ADDR:PORT: where the live view listens.
struct http_listen {
    std::string address = "127.0.0.1";  ///< IPv4/IPv6 literal; loopback unless the user says
    std::uint16_t port = 0;              ///< 0 = any free port (logged)
};

/// The parsed command line; defaults are the spec's table.
struct scan_options {
    targets::plan_spec plan;                          ///< targets, ports, excludes, seed, shards
    bool seed_given = false;                          ///< --seed was given (else random; log it)
    std::string output = "-";                         ///< -o FILE, "-" = stdout
    std::string format = "ndjson";                    ///< -f: ndjson, csv, sqlite
    unsigned concurrency = 1000;                      ///< -c: probes in flight, all workers
    double rate = 0;                                  ///< -r: new connections/s, 0 = unlimited
    bool rate_given = false;                          ///< -r was given (else wide scans get a polite rate)
    unsigned threads = default_threads();             ///< -t: worker threads
    std::chrono::milliseconds connect_timeout{5000};  ///< --connect-timeout
    std::chrono::milliseconds timeout{15000};         ///< --timeout: whole probe
    std::optional<std::string> ca_file;               ///< --ca-file: extra trust anchors
    std::string ehlo = "smtpsweep.invalid";           ///< --ehlo NAME
    bool relay_check = false;                         ///< --relay-check
    std::optional<std::string> resume;                ///< --resume FILE
    bool dry_run = false;                             ///< --dry-run
    int verbosity = 0;                                ///< -q = -1, -v = +1, -vv = +2
    std::optional<http_listen> http;                  ///< --http: live view (metrics, page)
    bool log_json = false;                            ///< --log-format json (else text)
    bool show_help = false;                           ///< -h/--help: print help_text(), exit 0
    bool show_version = false;                        ///< -V/--version: print version_text(), exit 0
};

}  // namespace smtpsweep::scanner
