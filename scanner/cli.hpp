// Command-line parsing (Boost.Program_options) into scan_options, including
// reading @FILE / stdin targets and --exclude files. Every problem with the
// user's input is a usage_error that names the bad token; main maps it to
// exit status 2 (spec "Exit status").
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>

#include "scanner/scan_options.hpp"

namespace smtpsweep::scanner {

/// Bad usage or input; what() is the message for the user.
struct usage_error : std::runtime_error {
    usage_error(std::string bad_token, const std::string& message)
        : std::runtime_error(message), token(std::move(bad_token)) {}
    std::string token;  ///< the offending flag or value, verbatim
};

/// Parses argv; reads "-" targets from `stdin_stream`. Throws usage_error.
/// With --help or --version the other checks (e.g. "no targets") are skipped.
scan_options parse_cli(int argc, const char* const* argv, std::istream& stdin_stream);

/// The --help text: every option, its default, and examples.
std::string help_text();

/// The --version text: smtpsweep, OpenSSL and Boost versions.
std::string version_text();

}  // namespace smtpsweep::scanner
