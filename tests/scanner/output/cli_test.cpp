// Command line: every option, defaults equal to the spec table, file and
// stdin targets with sources, and one usage_error per bad input.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "scanner/cli.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;
using namespace std::chrono_literals;

namespace {
scan_options parse(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin(), "smtpsweep");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::istringstream in(stdin_text);
    return parse_cli(static_cast<int>(argv.size()), argv.data(), in);
}
}  // namespace

TEST_CASE("defaults equal the spec table", "[scanner][cli]") {
    const auto o = parse({"198.18.0.0/24"});
    CHECK(o.plan.targets == std::vector<std::string>{"198.18.0.0/24"});
    CHECK(o.plan.target_sources == std::vector<std::string>{"argv"});
    CHECK(o.plan.ports == "25,465,587");
    CHECK(o.output == "-");
    CHECK(o.format == "ndjson");
    CHECK(o.concurrency == 1000);
    CHECK(o.rate == 0);
    CHECK(o.threads == default_threads());
    CHECK(o.connect_timeout == 5s);
    CHECK(o.timeout == 15s);
    CHECK_FALSE(o.ca_file);
    CHECK(o.plan.exclude_lines.empty());
    CHECK(o.plan.default_exclude);
    CHECK_FALSE(o.seed_given);
    CHECK(o.plan.shards == 1);
    CHECK(o.plan.shard == 0);
    CHECK(o.ehlo == "smtpsweep.invalid");
    CHECK_FALSE(o.relay_check);
    CHECK_FALSE(o.resume);
    CHECK_FALSE(o.dry_run);
    CHECK(o.verbosity == 0);
    CHECK_FALSE(o.show_help);
    CHECK_FALSE(o.show_version);
}

TEST_CASE("every option is parsed", "[scanner][cli]") {
    test::temp_dir dir;
    const auto ex = dir.file("ex.txt");
    std::ofstream(ex) << "# blocks\n198.18.5.0/24\n\n  198.18.6.1  # one host\n";
    const auto o = parse({"-p", "25,2525", "-o", "out.csv", "-f", "csv", "-c", "50", "-r", "12.5",
                          "-t", "3", "--connect-timeout", "0.25", "--timeout", "2",
                          "--ca-file", "ca.pem", "--exclude", ex, "--no-default-exclude",
                          "--seed", "18446744073709551615", "--shards", "4", "--shard", "3",
                          "--ehlo", "probe.lab.test", "--relay-check", "--resume", "st.json",
                          "--dry-run", "-vv", "198.18.1.1-198.18.1.40", "198.18.2.7"});
    CHECK(o.plan.ports == "25,2525");
    CHECK(o.output == "out.csv");
    CHECK(o.format == "csv");
    CHECK(o.concurrency == 50);
    CHECK(o.rate == 12.5);
    CHECK(o.threads == 3);
    CHECK(o.connect_timeout == 250ms);
    CHECK(o.timeout == 2s);
    CHECK(o.ca_file == "ca.pem");
    CHECK(o.plan.exclude_lines == std::vector<std::string>{"198.18.5.0/24", "198.18.6.1"});
    CHECK(o.plan.exclude_sources == std::vector<std::string>{ex + ":2", ex + ":4"});
    CHECK_FALSE(o.plan.default_exclude);
    CHECK(o.seed_given);
    CHECK(o.plan.seed == 18446744073709551615ull);
    CHECK(o.plan.shards == 4);
    CHECK(o.plan.shard == 3);
    CHECK(o.ehlo == "probe.lab.test");
    CHECK(o.relay_check);
    CHECK(o.resume == "st.json");
    CHECK(o.dry_run);
    CHECK(o.verbosity == 2);
    CHECK(o.plan.targets == std::vector<std::string>{"198.18.1.1-198.18.1.40", "198.18.2.7"});
}

TEST_CASE("long options also take --name=value and repeat", "[scanner][cli]") {
    const auto o = parse({"--ports=465", "--concurrency=7", "-c", "9", "-q", "x", "--format=sqlite",
                          "--output=db.sqlite"});
    CHECK(o.plan.ports == "465");
    CHECK(o.concurrency == 9);
    CHECK(o.verbosity == -1);
    CHECK(o.format == "sqlite");
    CHECK(parse({"-v", "x"}).verbosity == 1);
}

TEST_CASE("targets are read from @files and stdin with their sources", "[scanner][cli]") {
    test::temp_dir dir;
    const auto list = dir.file("targets.txt");
    std::ofstream(list) << "198.18.0.1\n# comment\n\n198.18.0.0/30 # trailing\r\n";
    const auto o = parse({"198.18.9.9", "@" + list, "-"}, "198.18.1.1\n\n198.18.1.2\n");
    CHECK(o.plan.targets == std::vector<std::string>{"198.18.9.9", "198.18.0.1", "198.18.0.0/30",
                                                     "198.18.1.1", "198.18.1.2"});
    CHECK(o.plan.target_sources == std::vector<std::string>{"argv", list + ":1", list + ":4",
                                                            "stdin:1", "stdin:3"});
}

TEST_CASE("without --seed a random seed is chosen and kept", "[scanner][cli]") {
    const auto a = parse({"x"});
    const auto b = parse({"x"});
    CHECK_FALSE(a.seed_given);
    CHECK(a.plan.seed != b.plan.seed);  // 2^-64 chance of a false failure
}

TEST_CASE("bad input is a usage error naming the token", "[scanner][cli]") {
    auto [args, token, message] = GENERATE(table<std::vector<std::string>, std::string, std::string>({
        {{"--frobnicate", "x"}, "--frobnicate", "unrecognised option '--frobnicate'"},
        {{"-c", "abc", "x"}, "abc", "--concurrency: 'abc' is not a positive integer"},
        {{"-c", "0", "x"}, "0", "--concurrency: '0' is not a positive integer"},
        {{"-c", "12x", "x"}, "12x", "--concurrency"},
        {{"-t", "0", "x"}, "0", "--threads: '0' is not a positive integer"},
        {{"-r", "-1", "x"}, "-1", "--rate"},
        {{"-r", "fast", "x"}, "fast", "--rate: 'fast' is not a number"},
        {{"--timeout", "0", "x"}, "0", "--timeout: '0' is not a number of seconds > 0"},
        {{"--connect-timeout", "-3", "x"}, "-3", "--connect-timeout"},
        {{"--connect-timeout", "nan", "x"}, "nan", "--connect-timeout"},
        {{"--seed", "-1", "x"}, "-1", "--seed"},
        {{"--shards", "0", "x"}, "0", "--shards: '0' is not a positive integer"},
        {{"--shards", "2", "--shard", "2", "x"}, "2", "--shard 2 must be less than --shards 2"},
        {{"-f", "xml", "x"}, "xml", "unknown format 'xml'"},
        {{"-f", "sqlite", "x"}, "sqlite", "give -o FILE"},
        {{"@/nonexistent/x.txt"}, "/nonexistent/x.txt",
         "cannot read '/nonexistent/x.txt': No such file or directory"},
        {{"--exclude", "/nonexistent/e.txt", "x"}, "/nonexistent/e.txt",
         "cannot read '/nonexistent/e.txt': No such file or directory"},
        {{"--exclude", "/tmp", "x"}, "/tmp", "cannot read '/tmp'"},
        {{"--ehlo", "a b", "x"}, "a b", "--ehlo"},
        {{"--ehlo", "a\r\nRCPT TO:<x>", "x"}, "a\r\nRCPT TO:<x>", "--ehlo"},
        {{"-c"}, "--concurrency", "--concurrency"},
        {{}, "", "no targets given"},
        {{"-v"}, "", "no targets given"},
    }));
    INFO("message should contain: " << message);
    try {
        parse(args);
        FAIL("no usage_error");
    } catch (const usage_error& e) {
        CHECK_THAT(e.what(), Catch::Contains(message));
        CHECK(e.token == token);
    }
}

TEST_CASE("help and version skip target validation", "[scanner][cli]") {
    CHECK(parse({"--help"}).show_help);
    CHECK(parse({"-h"}).show_help);
    CHECK(parse({"--version"}).show_version);
    CHECK(parse({"-V"}).show_version);
}

TEST_CASE("help text explains every option", "[scanner][cli]") {
    const auto help = help_text();
    for (const char* flag : {"--ports", "--output", "--format", "--concurrency", "--rate",
                             "--threads", "--connect-timeout", "--timeout", "--ca-file",
                             "--exclude", "--no-default-exclude", "--seed", "--shards", "--shard",
                             "--ehlo", "--relay-check", "--resume", "--dry-run", "--quiet",
                             "--verbose", "--help", "--version", "@FILE", "Examples:"}) {
        INFO(flag);
        CHECK(help.find(flag) != std::string::npos);
    }
}

TEST_CASE("version text names smtpsweep, openssl and boost", "[scanner][cli]") {
    const auto v = version_text();
    CHECK(v.rfind("smtpsweep 0.1.0\n", 0) == 0);
    CHECK_THAT(v, Catch::Contains("OpenSSL 3") && Catch::Contains("Boost 1.81"));
}
