// /metrics: the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). Every
// family has HELP and TYPE lines; every status and finding id is always
// present (zero included) so rate() and absent() work from the first scrape.
#pragma once

#include <string>
#include <string_view>

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live {

/// Content-Type of render_metrics() output.
inline constexpr std::string_view metrics_content_type = "text/plain; version=0.0.4; charset=utf-8";

/// A label value escaped for the text format: \ -> \\, " -> \", newline -> \n.
std::string escape_label_value(std::string_view v);

/// The whole /metrics body for `s`.
std::string render_metrics(const live_stats& s);

}  // namespace smtpsweep::scanner::live
