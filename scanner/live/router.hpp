// Request routing of the live view, as a pure function so that paths,
// methods and headers are unit-tested without a socket: GET or HEAD of
// /, /metrics or /status.json; anything else 404; other methods 405.
#pragma once

#include <string>
#include <string_view>
#include <vector>
#include <utility>

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live {

/// What to answer; the server adds Content-Length and drops the body for HEAD.
struct route_result {
    unsigned status = 200;  ///< HTTP status code
    std::vector<std::pair<std::string, std::string>> headers;  ///< Content-Type etc.
    std::string body;  ///< full body (also computed for HEAD, for its length)
};

/// The answer to `method target` given the current snapshot. A query string is ignored.
route_result route(std::string_view method, std::string_view target, const live_stats& s);

}  // namespace smtpsweep::scanner::live
