// The one exception type of the targets module. Bad user input (a target,
// port or exclude token) is a startup error: the CLI catches it and exits 2
// with what(), which names the source ("file.txt:12", "argv", "--ports"), the
// offending token verbatim and the reason.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace smtpsweep::targets {

/// Thrown for bad target, port or exclude input; what() names source, line and token.
struct parse_error : std::runtime_error {
    parse_error(std::string token, const std::string& message)
        : std::runtime_error(message), token(std::move(token)) {}
    std::string token;  ///< the offending token, verbatim
};

/// Throws parse_error with "SOURCE: bad KIND 'TOKEN': WHY".
[[noreturn]] void throw_bad(std::string_view source, std::string_view kind, std::string_view token,
                            std::string_view why);

}  // namespace smtpsweep::targets
