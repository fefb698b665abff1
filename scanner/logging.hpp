// spdlog set-up: logs and the progress line go to stderr only (spec), so
// records on stdout stay machine-readable.
#pragma once

namespace smtpsweep::scanner {

/// -q (-1): warnings and errors only; 0: info; -v (1): debug; -vv (2+): trace.
void setup_logging(int verbosity);

}  // namespace smtpsweep::scanner
