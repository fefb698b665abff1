// Inline SVG charts for the report: pure functions from numbers to markup,
// no script, no external resources, so the HTML file is self-contained and
// renders the same offline. Labels are HTML-escaped here; callers pass raw text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace smtpsweep::scanner::report {

/// One horizontal bar.
struct bar {
    std::string label;      ///< raw text (escaped and shortened when drawn)
    std::uint64_t value = 0;
    std::string colour;     ///< CSS colour of the bar
};

/// Geometry of a horizontal bar chart, in SVG user units (pixels).
struct bar_chart_options {
    int width = 560;        ///< whole chart
    int label_width = 200;  ///< left column for labels
    int value_width = 70;   ///< right column for the value text
    int bar_height = 20;
    int gap = 8;
    std::size_t label_chars = 27;  ///< labels longer than this are cut with "…"
};

/// Horizontal bars, lengths proportional to value (longest = full plot width).
std::string bar_chart(std::span<const bar> bars, const bar_chart_options& opts = {});

/// One stacked series (legend entry) of a stacked chart.
struct series {
    std::string name;
    std::string colour;
};

/// One row of a 100% stacked bar chart: a count per series.
struct stacked_row {
    std::string label;
    std::vector<std::uint64_t> parts;  ///< one per series, same order
};

/// 100% stacked horizontal bars with a legend; each row's total is printed at the right.
std::string stacked_chart(std::span<const series> legend, std::span<const stacked_row> rows,
                          const bar_chart_options& opts = {});

/// One column of the timeline: counts in one period.
struct timeline_point {
    std::string label;  ///< e.g. "2027-03"
    std::uint64_t normal = 0;
    std::uint64_t highlighted = 0;  ///< drawn in red at the bottom of the column
};

/// Vertical columns in time order, highlighted part stacked at the bottom.
std::string timeline_chart(std::span<const timeline_point> points, int width = 1100,
                           int height = 240);

/// 1234567 -> "1,234,567".
std::string format_count(std::uint64_t n);

}  // namespace smtpsweep::scanner::report
