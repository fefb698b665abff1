// Routing table of the live view; see router.hpp.
#include "scanner/live/router.hpp"

#include "scanner/live/metrics_text.hpp"
#include "scanner/live/status_json.hpp"
#include "scanner/live/status_page.hpp"

namespace smtpsweep::scanner::live {
namespace {

route_result ok(std::string_view type, std::string body) {
    route_result r;
    r.headers = {{"Content-Type", std::string{type}}, {"Cache-Control", "no-store"}};
    r.body = std::move(body);
    return r;
}

route_result error(unsigned status, std::string body) {
    auto r = ok("text/plain; charset=utf-8", std::move(body));
    r.status = status;
    return r;
}

}  // namespace

route_result route(std::string_view method, std::string_view target, const live_stats& s) {
    if (method != "GET" && method != "HEAD") {
        auto r = error(405, "method not allowed: use GET or HEAD\n");
        r.headers.emplace_back("Allow", "GET, HEAD");
        return r;
    }
    auto const path = target.substr(0, target.find('?'));
    if (path == "/metrics") return ok(metrics_content_type, render_metrics(s));
    if (path == "/status.json") return ok("application/json", render_status_json(s));
    if (path == "/" || path == "/index.html") {
        auto r = ok("text/html; charset=utf-8", render_status_page(s));
        r.headers.emplace_back("Content-Security-Policy", std::string{status_page_csp});
        return r;
    }
    return error(404, "not found: try /, /metrics or /status.json\n");
}

}  // namespace smtpsweep::scanner::live
