// spdlog set-up: logs and the progress line go to stderr only (spec), so
// records on stdout stay machine-readable. --log-format json turns every log
// line into one JSON object ({"time","level","msg"}) for log collectors.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace smtpsweep::scanner {

/// -q (-1): warnings and errors only; 0: info; -v (1): debug; -vv (2+): trace.
/// `json`: one JSON object per line instead of "smtpsweep: level: msg".
void setup_logging(int verbosity, bool json = false);

/// {"time":"2024-05-01T12:00:00.123Z","level":"info","msg":"..."} plus '\n';
/// the message is JSON-escaped (quotes, controls, invalid UTF-8).
std::string json_log_line(std::chrono::system_clock::time_point time, std::string_view level,
                          std::string_view msg);

}  // namespace smtpsweep::scanner
