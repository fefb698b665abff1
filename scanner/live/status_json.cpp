// JSON rendering of a live_stats snapshot; see status_json.hpp. Written by
// hand with fmt (Boost.JSON 1.81 prints every double in exponent form, e.g.
// 1.5E0, which is valid but unreadable); names go through append_json_string.
#include "scanner/live/status_json.hpp"

#include <cmath>

#include <fmt/format.h>

#include "scanner/output/json_escape.hpp"

namespace smtpsweep::scanner::live {
namespace {

/// A finite number with at most 3 decimals; JSON has no NaN or infinity.
std::string number(double v) {
    if (!std::isfinite(v)) return "0";
    return fmt::format("{}", std::round(v * 1000) / 1000);
}

void counts(std::string& out, std::string_view key, const std::vector<named_count>& v) {
    fmt::format_to(std::back_inserter(out), ",\"{}\":{{", key);
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        output::append_json_string(out, v[i].name);
        fmt::format_to(std::back_inserter(out), ":{}", v[i].count);
    }
    out += '}';
}

void text(std::string& out, std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "\"{}\":", key);
    output::append_json_string(out, value);
}

}  // namespace

std::string render_status_json(const live_stats& s) {
    auto const eta = eta_seconds(s);
    auto out = fmt::format(
        "{{\"elapsed_seconds\":{},\"targets\":{},\"done\":{},\"percent\":{},\"in_flight\":{},"
        "\"probe_rate\":{},\"eta_seconds\":{},\"probe_failures\":{},\"finished\":{}",
        number(s.elapsed_seconds), s.targets, s.done, number(percent_done(s)), s.in_flight,
        number(s.probe_rate), eta ? number(*eta) : "null", s.probe_failures, s.finished);
    counts(out, "by_status", s.by_status);
    counts(out, "findings", s.findings);
    fmt::format_to(std::back_inserter(out),
                   ",\"writer\":{{\"queued\":{},\"written\":{},\"lag_seconds\":{}}},\"build\":{{",
                   s.writer_queued, s.records_written, number(s.writer_lag_seconds));
    text(out, "version", s.build.version);
    out += ',';
    text(out, "openssl", s.build.openssl);
    out += ',';
    text(out, "boost", s.build.boost);
    out += "}}\n";
    return out;
}

}  // namespace smtpsweep::scanner::live
