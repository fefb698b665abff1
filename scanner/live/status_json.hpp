// /status.json: the live page's data for scripts (same numbers as /metrics,
// plus percent and ETA). Serialised with Boost.JSON, so names are escaped.
#pragma once

#include <string>

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live {

/// One JSON object: elapsed_seconds, targets, done, percent, in_flight,
/// probe_rate, eta_seconds (null when unknown), probe_failures, finished,
/// by_status {name: n}, findings {id: n}, writer {queued, written,
/// lag_seconds}, build {version, openssl, boost}.
std::string render_status_json(const live_stats& s);

}  // namespace smtpsweep::scanner::live
