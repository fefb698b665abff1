// The HTML page: every section present, hostile record strings escaped,
// nothing fetched from elsewhere, bad-line notice shown.
#include <catch2/catch.hpp>

#include "scanner/report/html_escape.hpp"
#include "scanner/report/html_page.hpp"
#include "tests/scanner/report/report_test_support.hpp"

using namespace smtpsweep::scanner::report;

TEST_CASE("html_escape replaces markup characters and control bytes", "[report][html]") {
    using row = std::pair<std::string, std::string>;
    const auto [in, out] = GENERATE(table<std::string, std::string>({
        row{"plain", "plain"},
        row{"<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;"},
        row{std::string("a\0b", 3),
            "a\xEF\xBF\xBD"
            "b"},
        row{"\x1b[31m", "\xEF\xBF\xBD[31m"},
        row{"caf\xC3\xA9", "caf\xC3\xA9"},
    }));
    CHECK(html_escape(in) == out);
}

TEST_CASE("truncate_utf8 cuts on character boundaries", "[report][html]") {
    CHECK(truncate_utf8("abc", 3) == "abc");
    CHECK(truncate_utf8("abcd", 3) == "abc\xE2\x80\xA6");
    CHECK(truncate_utf8("\xC3\xA9\xC3\xA9\xC3\xA9", 2) == "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}

TEST_CASE("the page has every section and no external resources", "[report][html]") {
    const std::string html = render_page(test::sample_stats(), {"Lab survey", "sample.ndjson"});
    for (std::string h :
         {"Summary", "Probe outcomes", "TLS versions", "STARTTLS support by port", "Findings",
          "Certificate issuers", "Certificate expiry", "Software", "Worst hosts"}) {
        INFO(h);
        CHECK(html.find("<h2>" + h + "</h2>") != std::string::npos);
    }
    CHECK(html.find("<title>Lab survey</title>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("https:") == std::string::npos);
    // the only http: is the SVG namespace identifier, which is never fetched
    std::size_t n = 0;
    for (auto p = html.find("http:"); p != std::string::npos; p = html.find("http:", p + 1)) {
        CHECK(html.compare(p, 31, "http://www.w3.org/2000/svg\" cla") == 0);
        ++n;
    }
    CHECK(n > 0);
    CHECK(html.find("2 input line(s) were not valid records") != std::string::npos);
}

TEST_CASE("hostile strings from records are escaped in the page", "[report][html]") {
    const std::string html = render_page(test::sample_stats(), {"<i>t</i>", "<x>.ndjson"});
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<i>t</i>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;.example.com") !=
          std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("the worst hosts table lists the open relay first", "[report][html]") {
    const report_stats s = test::sample_stats();
    REQUIRE_FALSE(s.worst_hosts.empty());
    CHECK(s.worst_hosts.front().findings.front() == "open-relay");
    const std::string html = render_page(s, {});
    const auto table = html.find("<h2>Worst hosts</h2>");
    REQUIRE(table != std::string::npos);
    CHECK(html.find(s.worst_hosts.front().ip + ":25", table) != std::string::npos);
}

TEST_CASE("an empty input still renders a page", "[report][html]") {
    const std::string html = render_page(report_stats{}, {});
    CHECK(html.find("No data in this input.") != std::string::npos);
    CHECK(html.find("No host has findings.") != std::string::npos);
    CHECK(html.ends_with("</html>\n"));
}
