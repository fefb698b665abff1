// Routing of the live view: paths, methods, query strings and headers.
#include <algorithm>

#include <catch2/catch.hpp>

#include "scanner/live/router.hpp"
#include "tests/scanner/live/live_fixture.hpp"

using namespace smtpsweep::scanner::live;

namespace {
std::string header(const route_result& r, const std::string& name) {
    auto it = std::find_if(r.headers.begin(), r.headers.end(),
                           [&](const auto& h) { return h.first == name; });
    return it == r.headers.end() ? std::string{} : it->second;
}
}  // namespace

TEST_CASE("requests are routed by method and path", "[live][router]") {
    auto [method, target, status, type] = GENERATE(table<std::string, std::string, unsigned, std::string>({
        {"GET", "/metrics", 200, "text/plain; version=0.0.4; charset=utf-8"},
        {"HEAD", "/metrics", 200, "text/plain; version=0.0.4; charset=utf-8"},
        {"GET", "/metrics?name[]=x", 200, "text/plain; version=0.0.4; charset=utf-8"},
        {"GET", "/status.json", 200, "application/json"},
        {"GET", "/", 200, "text/html; charset=utf-8"},
        {"GET", "/index.html", 200, "text/html; charset=utf-8"},
        {"GET", "/?refresh=1", 200, "text/html; charset=utf-8"},
        {"GET", "/nope", 404, "text/plain; charset=utf-8"},
        {"GET", "/metrics/", 404, "text/plain; charset=utf-8"},
        {"GET", "/../etc/passwd", 404, "text/plain; charset=utf-8"},
        {"GET", "", 404, "text/plain; charset=utf-8"},
        {"HEAD", "/nope", 404, "text/plain; charset=utf-8"},
        {"POST", "/metrics", 405, "text/plain; charset=utf-8"},
        {"PUT", "/", 405, "text/plain; charset=utf-8"},
        {"DELETE", "/nope", 405, "text/plain; charset=utf-8"},
        {"get", "/metrics", 405, "text/plain; charset=utf-8"},
    }));
    INFO(method << " " << target);
    auto const r = route(method, target, test::sample_stats());
    CHECK(r.status == status);
    CHECK(header(r, "Content-Type") == type);
    CHECK(header(r, "Cache-Control") == "no-store");
    CHECK_FALSE(r.body.empty());
    CHECK((header(r, "Allow") == "GET, HEAD") == (status == 405));
}

TEST_CASE("head computes the same body as get so its length matches", "[live][router]") {
    auto const s = test::sample_stats();
    for (auto const* path : {"/", "/metrics", "/status.json", "/missing"})
        CHECK(route("HEAD", path, s).body == route("GET", path, s).body);
}

TEST_CASE("only the html page carries a content security policy", "[live][router]") {
    auto const s = test::sample_stats();
    CHECK(header(route("GET", "/", s), "Content-Security-Policy").find("default-src 'none'") == 0);
    CHECK(header(route("GET", "/metrics", s), "Content-Security-Policy").empty());
}
