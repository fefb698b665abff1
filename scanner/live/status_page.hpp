// `/`: a small self-contained live status page for long runs. Rendered on
// the server from the same snapshot as /metrics and reloaded by the browser
// every 2 s (<meta http-equiv=refresh>), so it needs no script, no CDN and
// no fonts: inline CSS only, and a Content-Security-Policy that forbids the rest.
#pragma once

#include <string>
#include <string_view>

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live {

/// Content-Security-Policy sent with the page: nothing but inline styles.
inline constexpr std::string_view status_page_csp =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The HTML page for `s`: progress bar, rate, ETA, in flight, writer,
/// probes by status and the top findings.
std::string render_status_page(const live_stats& s);

/// "0:41", "1:02:03": a duration for people.
std::string clock_text(double seconds);

}  // namespace smtpsweep::scanner::live
