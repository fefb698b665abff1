// svg charts: geometry read back from the markup (bar widths proportional to
// values, stacked rows fill the plot), label escaping, and the timeline window.
#include <catch2/catch.hpp>

#include <regex>

#include "scanner/report/svg_chart.hpp"
#include "scanner/report/timeline_window.hpp"

using namespace smtpsweep::scanner::report;

namespace {

// The given attribute of every <rect class="bar">, in document order.
std::vector<double> bar_attr(const std::string& svg, const std::string& attr) {
    const std::regex re("<rect class=\"bar\"[^>]* " + attr + "=\"([0-9.]+)\"");
    std::vector<double> out;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
         ++it)
        out.push_back(std::stod((*it)[1]));
    return out;
}

}  // namespace

TEST_CASE("bar lengths are proportional to the values", "[report][svg]") {
    const std::vector<bar> bars{{"a", 40, "#000"},
                                {"b", 10, "#000"},
                                {"c", 25, "#000"},
                                {"d", 0, "#000"},
                                {"e", 1, "#000"}};
    bar_chart_options o;
    const std::string svg = bar_chart(bars, o);
    const auto w = bar_attr(svg, "width");
    REQUIRE(w.size() == bars.size());
    const double plot = o.width - o.label_width - o.value_width;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        INFO("bar " << bars[i].label);
        CHECK(w[i] == Approx(plot * static_cast<double>(bars[i].value) / 40.0).margin(0.06));
    }
    CHECK(svg.find("data-value=\"25\"") != std::string::npos);
}

TEST_CASE("a stacked row fills the plot width in proportion to its parts", "[report][svg]") {
    const std::vector<series> legend{{"ok", "#0f0"}, {"failed", "#f00"}, {"refused", "#fa0"}};
    const std::vector<stacked_row> rows{{"port 25", {30, 10, 0}}};
    bar_chart_options o;
    const auto w = bar_attr(stacked_chart(legend, rows, o), "width");
    REQUIRE(w.size() == 2);  // the empty part draws nothing
    const double plot = o.width - o.label_width - o.value_width;
    CHECK(w[0] == Approx(plot * 0.75).margin(0.06));
    CHECK(w[0] + w[1] == Approx(plot).margin(0.1));
}

TEST_CASE("chart labels are escaped and shortened", "[report][svg]") {
    const std::vector<bar> bars{{"<script>alert(1)</script>" + std::string(50, 'x'), 3, "#000"}};
    const std::string svg = bar_chart(bars);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;") != std::string::npos);
    CHECK(svg.find("\xE2\x80\xA6") != std::string::npos);  // the shortened label ends in "…"
}

TEST_CASE("timeline columns are as tall as their counts", "[report][svg]") {
    const std::vector<timeline_point> pts{{"2027-01", 4, 0}, {"2027-02", 1, 1}, {"2027-03", 0, 0}};
    const auto h = bar_attr(timeline_chart(pts, 800, 240), "height");
    REQUIRE(h.size() == 3);  // expired part of Feb, Jan, normal part of Feb
    CHECK(h[0] == Approx(4 * h[1]).margin(0.1));
    CHECK(h[1] == Approx(h[2]).margin(0.1));
}

TEST_CASE("the expiry timeline fills gaps and folds far months", "[report][svg]") {
    report_stats s;
    s.last_time = "2026-12-04T10:00:00Z";
    SECTION("a short span is shown month by month") {
        s.expiry_by_month["2027-01"] = {2, 0};
        s.expiry_by_month["2027-04"] = {1, 0};
        const auto p = timeline_points(s);
        REQUIRE(p.size() == 4);
        CHECK(p[0].label == "2027-01");
        CHECK(p[1].normal == 0);
        CHECK(p[3].label == "2027-04");
    }
    SECTION("a long span keeps a window and counts the rest as earlier/later") {
        s.expiry_by_month["1999-05"] = {0, 3};
        s.expiry_by_month["2027-01"] = {2, 0};
        s.expiry_by_month["2099-12"] = {5, 0};
        const auto p = timeline_points(s);
        REQUIRE(p.size() == max_timeline_months + 2);
        CHECK(p.front().label == "earlier");
        CHECK(p.front().highlighted == 3);
        CHECK(p[1].label == "2025-12");
        CHECK(p.back().label == "later");
        CHECK(p.back().normal == 5);
        std::uint64_t total = 0;
        for (const auto& x : p) total += x.normal + x.highlighted;
        CHECK(total == 10);
    }
}

TEST_CASE("counts are printed with thousands separators", "[report][svg]") {
    CHECK(format_count(0) == "0");
    CHECK(format_count(999) == "999");
    CHECK(format_count(1000) == "1,000");
    CHECK(format_count(1234567) == "1,234,567");
}
