// One pure mapping from "what failed, where" to the spec's status and error
// text (style.md 3.4; ZGrab2's TryGetScanStatus). Every failed probe goes
// through it, so no status is decided anywhere else.
#pragma once

#include <string>

#include <boost/system/error_code.hpp>

#include "scanner/record.hpp"

namespace smtpsweep::scanner {

/// Status for a probe that stopped with `ec` (non-zero) at phase `p`.
status classify(const boost::system::error_code& ec, phase p);

/// The record's `error` text, e.g. "timeout during starttls",
/// "connection reset during ehlo", "tls handshake failed: wrong version number".
std::string describe(const boost::system::error_code& ec, phase p);

}  // namespace smtpsweep::scanner
