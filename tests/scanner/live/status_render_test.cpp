// /status.json and the HTML page: fields, derived figures and escaping.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "scanner/live/status_json.hpp"
#include "scanner/live/status_page.hpp"
#include "tests/scanner/live/live_fixture.hpp"

using namespace smtpsweep::scanner::live;
namespace json = boost::json;

TEST_CASE("status json carries every figure of the snapshot", "[live][json]") {
    auto const v = json::parse(render_status_json(test::sample_stats())).as_object();
    CHECK(v.at("targets").to_number<int>() == 1000);
    CHECK(v.at("done").to_number<int>() == 250);
    CHECK(v.at("percent").to_number<double>() == Approx(25.0));
    CHECK(v.at("in_flight").to_number<int>() == 40);
    CHECK(v.at("probe_rate").to_number<double>() == Approx(50.0));
    CHECK(v.at("eta_seconds").to_number<double>() == Approx(15.0));  // 750 left at 50/s
    CHECK(v.at("finished").as_bool() == false);
    CHECK(v.at("by_status").at("refused").to_number<int>() == 50);
    CHECK(v.at("findings").at("cert-expired").to_number<int>() == 7);
    CHECK(v.at("findings").at("open-relay").to_number<int>() == 0);
    CHECK(v.at("writer").at("queued").to_number<int>() == 10);
    CHECK(v.at("writer").at("written").to_number<int>() == 240);
    CHECK(v.at("writer").at("lag_seconds").to_number<double>() == Approx(0.25));
    CHECK(v.at("build").at("version").as_string() == "1.2.3");
}

TEST_CASE("status json has a null eta without a rate and escapes names", "[live][json]") {
    auto s = test::sample_stats();
    s.probe_rate = 0;
    s.by_status.push_back({"we\"ird\n", 1});
    auto const v = json::parse(render_status_json(s)).as_object();
    CHECK(v.at("eta_seconds").is_null());
    CHECK(v.at("by_status").at("we\"ird\n").to_number<int>() == 1);
}

TEST_CASE("top findings are the nonzero ones, most frequent first", "[live][json]") {
    auto const top = top_findings(test::sample_stats(), 10);
    REQUIRE(top.size() == 2);
    CHECK(top[0].name == "cert-expired");
    CHECK(top[1].name == "starttls-not-offered");
    CHECK(top_findings(test::sample_stats(), 1).size() == 1);
}

TEST_CASE("status page shows progress, tiles and tables and refreshes", "[live][page]") {
    auto const html = render_status_page(test::sample_stats());
    CHECK_THAT(html, Catch::Contains(R"(<meta http-equiv="refresh" content="2">)"));
    CHECK_THAT(html, Catch::Contains(R"(class="fill" style="width:25.0%")"));
    CHECK_THAT(html, Catch::Contains("250 of 1,000 targets probed"));
    for (auto const* id : {"progress", "rate", "eta", "in-flight", "written", "queue", "lag",
                           "statuses", "findings"})
        CHECK_THAT(html, Catch::Contains(std::string("id=\"") + id + "\""));
    CHECK_THAT(html, Catch::Contains(">0:15<"));  // ETA
    CHECK_THAT(html, Catch::Contains("cert-expired"));
    CHECK_THAT(html, !Catch::Contains("open-relay"));  // zero findings are not "top"
    CHECK_THAT(html, !Catch::Contains("<script"));
    CHECK_THAT(html, !Catch::Contains("http://"));  // nothing external
}

TEST_CASE("status page escapes names and says when nothing was found", "[live][page]") {
    auto s = test::sample_stats();
    s.by_status.push_back({"<script>alert(1)</script>", 1});
    s.findings = {};
    s.finished = true;
    auto const html = render_status_page(s);
    CHECK_THAT(html, !Catch::Contains("<script>"));
    CHECK_THAT(html, Catch::Contains("&lt;script&gt;"));
    CHECK_THAT(html, Catch::Contains("No findings yet."));
    CHECK_THAT(html, Catch::Contains(">finished<"));
}

TEST_CASE("clock text shows minutes or hours", "[live][page]") {
    CHECK(clock_text(0) == "0:00");
    CHECK(clock_text(59.6) == "1:00");
    CHECK(clock_text(3725) == "1:02:05");
    CHECK(clock_text(-3) == "0:00");
}
