// Runs one scan from parsed options: plan, trust store, sink, writer,
// engine, resume state. Everything main does between parsing and exiting.
#pragma once

#include "scanner/scan_options.hpp"

namespace smtpsweep::scanner {

/// Runs the scan (or --dry-run); returns the process exit status (0 or 1).
/// Throws usage_error / targets::parse_error / tls::trust_error for bad input.
int run_scan(const scan_options& opts);

}  // namespace smtpsweep::scanner
