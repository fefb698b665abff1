// Prometheus text rendering; see metrics_text.hpp. Metric names follow the
// naming guide: counters end in _total, units are base units (seconds), and
// gauges never end in _total (so the planned target count is
// smtpsweep_targets_planned, which promtool's linter accepts).
#include "scanner/live/metrics_text.hpp"

#include <fmt/format.h>

namespace smtpsweep::scanner::live {
namespace {

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

template <class Value>
void sample(std::string& out, std::string_view name, Value v) {
    fmt::format_to(std::back_inserter(out), "{} {}\n", name, v);
}

void labelled(std::string& out, std::string_view name, std::string_view label,
              const std::vector<named_count>& counts) {
    for (const auto& c : counts)
        fmt::format_to(std::back_inserter(out), "{}{{{}=\"{}\"}} {}\n", name, label,
                       escape_label_value(c.name), c.count);
}

void render_build(std::string& out, const build_info& b) {
    family(out, "smtpsweep_build_info", "gauge",
           "Versions smtpsweep was built with; the value is always 1.");
    fmt::format_to(std::back_inserter(out),
                   "smtpsweep_build_info{{version=\"{}\",openssl=\"{}\",boost=\"{}\"}} 1\n",
                   escape_label_value(b.version), escape_label_value(b.openssl),
                   escape_label_value(b.boost));
}

void render_writer(std::string& out, const live_stats& s) {
    family(out, "smtpsweep_writer_queue_depth", "gauge",
           "Records queued for the output writer and not yet taken by it.");
    sample(out, "smtpsweep_writer_queue_depth", s.writer_queued);
    family(out, "smtpsweep_records_written_total", "counter",
           "Records handed to the output sink.");
    sample(out, "smtpsweep_records_written_total", s.records_written);
    family(out, "smtpsweep_writer_lag_seconds", "gauge",
           "Estimated seconds until the records queued now are written: queue depth divided by "
           "the write rate of the last seconds; 0 when the queue is empty.");
    sample(out, "smtpsweep_writer_lag_seconds", s.writer_lag_seconds);
}

}  // namespace

std::string escape_label_value(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string render_metrics(const live_stats& s) {
    std::string out;
    out.reserve(4096);
    family(out, "smtpsweep_up", "gauge", "1 while the scanner runs and serves this page.");
    sample(out, "smtpsweep_up", 1);
    render_build(out, s.build);
    family(out, "smtpsweep_targets_planned", "gauge", "Targets planned for this run (this shard).");
    sample(out, "smtpsweep_targets_planned", s.targets);
    family(out, "smtpsweep_probes_total", "counter", "Probes finished, by record status.");
    labelled(out, "smtpsweep_probes_total", "status", s.by_status);
    family(out, "smtpsweep_probe_failures_total", "counter",
           "Probes that failed inside the scanner (bugs; see the log).");
    sample(out, "smtpsweep_probe_failures_total", s.probe_failures);
    family(out, "smtpsweep_findings_total", "counter",
           "Findings in the records produced so far, by finding id.");
    labelled(out, "smtpsweep_findings_total", "id", s.findings);
    family(out, "smtpsweep_in_flight", "gauge", "Probes started and not yet finished.");
    sample(out, "smtpsweep_in_flight", s.in_flight);
    family(out, "smtpsweep_probe_rate", "gauge",
           "Probes finished per second over the last few seconds.");
    sample(out, "smtpsweep_probe_rate", s.probe_rate);
    family(out, "smtpsweep_elapsed_seconds", "gauge", "Seconds since the scan started.");
    sample(out, "smtpsweep_elapsed_seconds", s.elapsed_seconds);
    render_writer(out, s);
    return out;
}

}  // namespace smtpsweep::scanner::live
