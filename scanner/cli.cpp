// Command line -> scan_options (see cli.hpp). Program_options tokenises;
// every value is taken as text and converted here so that each error message
// names the flag and the bad value in plain words. Options may repeat; the
// last value wins, except --exclude, -v and -q, which accumulate.
#include "scanner/cli.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <istream>
#include <map>
#include <random>
#include <sstream>

#include <boost/program_options.hpp>
#include <boost/version.hpp>
#include <arpa/inet.h>
#include <openssl/crypto.h>

#include "scanner/output/sink_factory.hpp"

namespace smtpsweep::scanner {
namespace po = boost::program_options;
namespace {

#ifdef SMTPSWEEP_VERSION
constexpr const char* version_number = SMTPSWEEP_VERSION;
#else
constexpr const char* version_number = "0.1.0";
#endif

[[noreturn]] void bad_value(const std::string& flag, const std::string& text, const char* what) {
    throw usage_error(text, flag + ": '" + text + "' is not " + what);
}

template <class Int>
Int parse_int(const std::string& flag, const std::string& text, Int min, const char* what) {
    Int v{};
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc{} || p != end || v < min) bad_value(flag, text, what);
    return v;
}

double parse_number(const std::string& flag, const std::string& text, const char* what) {
    double v = 0;
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc{} || p != end || !std::isfinite(v) || v < 0)
        bad_value(flag, text, what);
    return v;
}

std::chrono::milliseconds parse_seconds(const std::string& flag, const std::string& text) {
    const char* what = "a number of seconds > 0 (at most 86400)";
    const double s = parse_number(flag, text, what);
    const auto ms = std::llround(s * 1000);
    if (ms < 1 || s > 86400) bad_value(flag, text, what);
    return std::chrono::milliseconds{ms};
}

// Target and exclude files: '#' starts a comment, blank lines are skipped,
// each remaining line (trimmed) is kept with its "name:line" source.
void read_lines(std::istream& in, const std::string& name, std::vector<std::string>& lines,
                std::vector<std::string>& sources) {
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        line = line.substr(0, line.find('#'));
        const auto first = line.find_first_not_of(" \t\r\v\f");
        if (first == std::string::npos) continue;
        const auto last = line.find_last_not_of(" \t\r\v\f");
        lines.push_back(line.substr(first, last - first + 1));
        sources.push_back(name + ":" + std::to_string(n));
    }
    if (in.bad()) throw usage_error(name, "cannot read '" + name + "': read error");
}

void read_file(const std::string& path, std::vector<std::string>& lines,
               std::vector<std::string>& sources) {
    std::ifstream in(path);
    if (!in) throw usage_error(path, "cannot read '" + path + "': " + std::strerror(errno));
    in.peek();  // a directory opens but fails on the first read
    if (in.bad()) throw usage_error(path, "cannot read '" + path + "': " + std::strerror(errno));
    read_lines(in, path, lines, sources);
}

void add_target(scan_options& o, const std::string& arg, std::istream& stdin_stream) {
    auto& spec = o.plan;
    if (arg == "-") read_lines(stdin_stream, "stdin", spec.targets, spec.target_sources);
    else if (arg.size() > 1 && arg[0] == '@') read_file(arg.substr(1), spec.targets, spec.target_sources);
    else {
        spec.targets.push_back(arg);
        spec.target_sources.push_back("argv");
    }
}

// EHLO NAME goes on the wire: printable ASCII without spaces, or it could inject commands.
std::string parse_ehlo(const std::string& text) {
    const bool ok = !text.empty() && text.size() <= 255 &&
                    std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 127; });
    if (!ok) throw usage_error(text, "--ehlo: '" + text + "' is not a host name (printable ASCII, no spaces)");
    return text;
}

// --http [ADDR:]PORT, ":PORT" or "[IPv6]:PORT"; the address defaults to loopback.
http_listen parse_http(const std::string& text) {
    http_listen h;
    const auto colon = text.rfind(':');
    std::string address = colon == std::string::npos ? std::string{} : text.substr(0, colon);
    const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
    h.port = parse_int<std::uint16_t>("--http", port, 0, "ADDR:PORT with a port from 0 to 65535");
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    if (!address.empty()) h.address = address;
    unsigned char buf[16];
    if (inet_pton(AF_INET, h.address.c_str(), buf) != 1 && inet_pton(AF_INET6, h.address.c_str(), buf) != 1)
        bad_value("--http", text, "ADDR:PORT with an IPv4 or [IPv6] address");
    return h;
}

bool parse_log_format(const std::string& text) {
    if (text != "text" && text != "json") bad_value("--log-format", text, "text or json");
    return text == "json";
}

po::options_description describe_options() {
    po::options_description d;
    auto text = [] { return po::value<std::string>(); };
    d.add_options()("ports,p", text())("output,o", text())("format,f", text())(
        "concurrency,c", text())("rate,r", text())("threads,t", text())("connect-timeout", text())(
        "timeout", text())("ca-file", text())("exclude", text())("no-default-exclude", po::bool_switch())(
        "seed", text())("shards", text())("shard", text())("ehlo", text())(
        "relay-check", po::bool_switch())("resume", text())("dry-run", po::bool_switch())(
        "quiet,q", po::bool_switch())("verbose,v", po::bool_switch())("help,h", po::bool_switch())(
        "version,V", po::bool_switch())("http", text())("log-format", text())(
        "target", po::value<std::vector<std::string>>());
    return d;
}

using handler = std::function<void(scan_options&, const std::string&)>;

const std::map<std::string, handler>& handlers() {
    static const std::map<std::string, handler> table{
        {"ports", [](scan_options& o, const std::string& v) { o.plan.ports = v; }},
        {"output", [](scan_options& o, const std::string& v) { o.output = v; }},
        {"format", [](scan_options& o, const std::string& v) { o.format = v; }},
        {"concurrency", [](scan_options& o, const std::string& v) {
             o.concurrency = parse_int<unsigned>("--concurrency", v, 1, "a positive integer"); }},
        {"rate", [](scan_options& o, const std::string& v) {
             o.rate = parse_number("--rate", v, "a number >= 0 (0 = unlimited)");
             o.rate_given = true; }},
        {"threads", [](scan_options& o, const std::string& v) {
             o.threads = parse_int<unsigned>("--threads", v, 1, "a positive integer"); }},
        {"connect-timeout", [](scan_options& o, const std::string& v) {
             o.connect_timeout = parse_seconds("--connect-timeout", v); }},
        {"timeout", [](scan_options& o, const std::string& v) { o.timeout = parse_seconds("--timeout", v); }},
        {"ca-file", [](scan_options& o, const std::string& v) { o.ca_file = v; }},
        {"exclude", [](scan_options& o, const std::string& v) {
             read_file(v, o.plan.exclude_lines, o.plan.exclude_sources); }},
        {"no-default-exclude", [](scan_options& o, const std::string&) { o.plan.default_exclude = false; }},
        {"seed", [](scan_options& o, const std::string& v) {
             o.plan.seed = parse_int<std::uint64_t>("--seed", v, 0, "a non-negative integer");
             o.seed_given = true; }},
        {"shards", [](scan_options& o, const std::string& v) {
             o.plan.shards = parse_int<std::uint32_t>("--shards", v, 1, "a positive integer"); }},
        {"shard", [](scan_options& o, const std::string& v) {
             o.plan.shard = parse_int<std::uint32_t>("--shard", v, 0, "a non-negative integer"); }},
        {"ehlo", [](scan_options& o, const std::string& v) { o.ehlo = parse_ehlo(v); }},
        {"relay-check", [](scan_options& o, const std::string&) { o.relay_check = true; }},
        {"resume", [](scan_options& o, const std::string& v) { o.resume = v; }},
        {"dry-run", [](scan_options& o, const std::string&) { o.dry_run = true; }},
        {"quiet", [](scan_options& o, const std::string&) { o.verbosity -= 1; }},
        {"verbose", [](scan_options& o, const std::string&) { o.verbosity += 1; }},
        {"help", [](scan_options& o, const std::string&) { o.show_help = true; }},
        {"version", [](scan_options& o, const std::string&) { o.show_version = true; }},
        {"http", [](scan_options& o, const std::string& v) { o.http = parse_http(v); }},
        {"log-format", [](scan_options& o, const std::string& v) { o.log_json = parse_log_format(v); }},
    };
    return table;
}

std::vector<po::option> tokenize(int argc, const char* const* argv) {
    static const auto desc = describe_options();
    po::positional_options_description pos;
    pos.add("target", -1);
    const int style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    try {
        return po::command_line_parser(argc, argv).options(desc).positional(pos).style(style).run().options;
    } catch (const po::error_with_option_name& e) {
        throw usage_error(e.get_option_name(), e.what());
    } catch (const po::error& e) {
        throw usage_error("", e.what());
    }
}

void check(const scan_options& o) {
    if (!output::is_known_format(o.format)) {
        std::string names;
        for (auto n : output::known_formats()) names += (names.empty() ? "" : ", ") + std::string(n);
        throw usage_error(o.format, "--format: unknown format '" + o.format + "' (known: " + names + ")");
    }
    if (o.output == "-" && !output::format_supports_stdout(o.format))
        throw usage_error(o.format, "--format " + o.format + " writes a database: give -o FILE");
    if (o.plan.shard >= o.plan.shards)
        throw usage_error(std::to_string(o.plan.shard), "--shard " + std::to_string(o.plan.shard) +
                          " must be less than --shards " + std::to_string(o.plan.shards));
    if (o.plan.targets.empty())
        throw usage_error("", "no targets given (try 'smtpsweep --help')");
}

}  // namespace

scan_options parse_cli(int argc, const char* const* argv, std::istream& stdin_stream) {
    scan_options o;
    for (const po::option& opt : tokenize(argc, argv)) {
        const std::string value = opt.value.empty() ? std::string{} : opt.value.front();
        if (opt.string_key == "target") add_target(o, value, stdin_stream);
        else handlers().at(opt.string_key)(o, value);
    }
    if (o.show_help || o.show_version) return o;
    if (!o.seed_given) {
        std::random_device rd;
        o.plan.seed = (std::uint64_t{rd()} << 32) | rd();
    }
    check(o);
    return o;
}

std::string version_text() {
    std::ostringstream s;
    s << "smtpsweep " << version_number << "\n"
      << OpenSSL_version(OPENSSL_VERSION) << "\n"
      << "Boost " << BOOST_VERSION / 100000 << '.' << BOOST_VERSION / 100 % 1000 << '.'
      << BOOST_VERSION % 100 << "\n";
    return s.str();
}

}  // namespace smtpsweep::scanner

namespace smtpsweep::scanner {

std::string help_text() {
    return R"(Usage: smtpsweep [OPTIONS] TARGET...
       smtpsweep report RESULTS [-o FILE] [--title TEXT]   HTML report of a scan

Probes SMTP servers and writes one record per (address, port): banner, EHLO
capabilities, STARTTLS outcome, TLS version and cipher, the certificate chain
and its verification, and security findings. Logs go to stderr only.

TARGET (one or more):
  192.0.2.7                  one IPv4 address
  198.18.0.0/16              a CIDR block
  198.18.1.1-198.18.1.40     an inclusive address range
  @FILE                      read targets from FILE, one per line; '#' starts a comment.
                             Lines may also be 'ip,port' (only that port is probed)
                             or masscan -oL lines ('open tcp 25 198.18.1.2 ...')
  -                          read targets from standard input, same format as @FILE

What to scan:
  -p, --ports LIST           ports to probe, comma list (ranges a-b allowed); 465 is
                             implicit TLS, all others use STARTTLS     [25,465,587]
      --exclude FILE         never scan the CIDR blocks/addresses listed in FILE, one
                             per line, '#' comments; may be given several times  [none]
      --no-default-exclude   also scan special-purpose blocks (private, loopback,
                             multicast, documentation, ...) inside wider targets.
                             A target lying inside such a block is always scanned. [off]
      --seed N               seed of the random scan order; the same seed, targets
                             and shards give the same order     [random, logged]
      --shards N             split the scan into N disjoint parts ...      [1]
      --shard I              ... and run part I (0 to N-1)                 [0]
      --dry-run              print the targets as ip:port lines in scan order and
                             send nothing                                   [off]

How fast:
  -c, --concurrency N        probes in flight at once, all threads together [1000]
  -r, --rate N               new connections per second, 0 = unlimited. Without
                             -r, scans wider than a /16 of addresses default to
                             10000/s (responsible scanning; says so)        [0]
  -t, --threads N            worker threads, each with its own event loop [cores]
      --connect-timeout S    seconds allowed for the TCP connect (decimals ok) [5]
      --timeout S            seconds allowed for the whole probe of one target [15]

Protocol:
      --ehlo NAME            name we give in EHLO/HELO     [smtpsweep.invalid]
      --ca-file PEM          extra trust anchors for certificate verification,
                             added to the system store         [system store only]
      --relay-check          opt-in open-relay test: MAIL FROM/RCPT TO with
                             RFC 2606 names, then RSET; never sends DATA    [off]

Output:
  -o, --output FILE          where records go; '-' is standard output        [-]
  -f, --format FMT           ndjson (one JSON object a line), csv (header row,
                             fields flattened with '.'), sqlite (FILE is a
                             database, table 'records'), or postgres (FILE is a
                             postgresql:// URI or conninfo; table
                             smtpsweep_records, see docs/postgres.md)  [ndjson]
      --resume FILE          state file: written when the scan is stopped (Ctrl-C),
                             read at start to continue where it stopped   [none]

Messages:
  -q, --quiet                only errors on stderr, no progress line
  -v, --verbose              more logging; -vv for per-target debug logging
  -h, --help                 show this help and exit
  -V, --version              show versions of smtpsweep, OpenSSL and Boost and exit
      --log-format FMT       text, or json: one JSON object a line on stderr
                             (time, level, msg), progress as periodic log lines [text]

Live view:
      --http [ADDR:]PORT     serve Prometheus /metrics, a live status page / and
                             /status.json while scanning; ADDR defaults to
                             127.0.0.1. Any other address exposes scan progress
                             and findings to whoever can reach it      [off]

Exit status: 0 the scan ran to the end (whatever the targets answered),
2 bad usage or input, 1 failure of the scanner itself.

Examples:
  smtpsweep 198.18.0.0/24                         all three ports, NDJSON to stdout
  smtpsweep -p 25 -c 5000 -r 2000 -o mx.ndjson @targets.txt
  smtpsweep -f sqlite -o scan.db --relay-check 198.18.1.1-198.18.1.40
  smtpsweep --seed 42 --shards 4 --shard 1 --resume s1.state 198.18.0.0/15
  smtpsweep --dry-run -p 465 198.18.0.0/30        show what would be probed
  grep -v '^#' hosts | smtpsweep -f csv -o out.csv -
)";
}

}  // namespace smtpsweep::scanner
