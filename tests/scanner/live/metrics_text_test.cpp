// /metrics: the exact Prometheus text for a known snapshot, label escaping,
// and the line grammar of the 0.0.4 text format.
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "scanner/live/metrics_text.hpp"
#include "tests/scanner/live/live_fixture.hpp"

using namespace smtpsweep::scanner::live;

TEST_CASE("metrics render the exact prometheus text for a snapshot", "[live][metrics]") {
    auto const expected = R"(# HELP smtpsweep_up 1 while the scanner runs and serves this page.
# TYPE smtpsweep_up gauge
smtpsweep_up 1
# HELP smtpsweep_build_info Versions smtpsweep was built with; the value is always 1.
# TYPE smtpsweep_build_info gauge
smtpsweep_build_info{version="1.2.3",openssl="3.0.11",boost="1.81.0"} 1
# HELP smtpsweep_targets_planned Targets planned for this run (this shard).
# TYPE smtpsweep_targets_planned gauge
smtpsweep_targets_planned 1000
# HELP smtpsweep_probes_total Probes finished, by record status.
# TYPE smtpsweep_probes_total counter
smtpsweep_probes_total{status="success"} 200
smtpsweep_probes_total{status="refused"} 50
# HELP smtpsweep_probe_failures_total Probes that failed inside the scanner (bugs; see the log).
# TYPE smtpsweep_probe_failures_total counter
smtpsweep_probe_failures_total 0
# HELP smtpsweep_findings_total Findings in the records produced so far, by finding id.
# TYPE smtpsweep_findings_total counter
smtpsweep_findings_total{id="starttls-not-offered"} 3
smtpsweep_findings_total{id="cert-expired"} 7
smtpsweep_findings_total{id="open-relay"} 0
# HELP smtpsweep_in_flight Probes started and not yet finished.
# TYPE smtpsweep_in_flight gauge
smtpsweep_in_flight 40
# HELP smtpsweep_probe_rate Probes finished per second over the last few seconds.
# TYPE smtpsweep_probe_rate gauge
smtpsweep_probe_rate 50
# HELP smtpsweep_elapsed_seconds Seconds since the scan started.
# TYPE smtpsweep_elapsed_seconds gauge
smtpsweep_elapsed_seconds 12.5
# HELP smtpsweep_writer_queue_depth Records queued for the output writer and not yet taken by it.
# TYPE smtpsweep_writer_queue_depth gauge
smtpsweep_writer_queue_depth 10
# HELP smtpsweep_records_written_total Records handed to the output sink.
# TYPE smtpsweep_records_written_total counter
smtpsweep_records_written_total 240
# HELP smtpsweep_writer_lag_seconds Estimated seconds until the records queued now are written: queue depth divided by the write rate of the last seconds; 0 when the queue is empty.
# TYPE smtpsweep_writer_lag_seconds gauge
smtpsweep_writer_lag_seconds 0.25
)";
    CHECK(render_metrics(test::sample_stats()) == expected);
}

TEST_CASE("label values escape backslash, quote and newline only", "[live][metrics]") {
    auto [in, out] = GENERATE(table<std::string, std::string>({
        {"plain", "plain"},
        {R"(a"b)", R"(a\"b)"},
        {R"(a\b)", R"(a\\b)"},
        {"a\nb", R"(a\nb)"},
        {"tab\there", "tab\there"},
        {"ünïcode", "ünïcode"},
        {R"(\"
)", R"(\\\"\n)"},
    }));
    CHECK(escape_label_value(in) == out);
}

TEST_CASE("every metrics line follows the text format grammar", "[live][metrics]") {
    auto s = test::sample_stats();
    s.build.version = "1.0 \"beta\"\\x\nnext";  // hostile label value stays on one line
    s.probe_rate = 1234.5678;
    const std::regex help(R"(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+)");
    const std::regex type(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge))");
    const std::regex sample(
        R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")"
        R"((,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? -?[0-9.e+]+)");
    std::istringstream in(render_metrics(s));
    std::set<std::string> typed;
    std::string line, family;
    int samples = 0;
    while (std::getline(in, line)) {
        INFO(line);
        std::smatch m;
        if (std::regex_match(line, m, type)) {
            CHECK(typed.insert(m[1]).second);  // one TYPE per family
            family = m[1];
        } else if (std::regex_match(line, m, sample)) {
            CHECK(m[1] == family);  // samples follow their family's TYPE line
            ++samples;
        } else {
            CHECK(std::regex_match(line, help));
        }
    }
    CHECK(typed.size() == 12);
    CHECK(samples == 15);
}
