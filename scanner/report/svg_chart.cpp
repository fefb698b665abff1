// SVG chart rendering (see svg_chart.hpp). Every bar is a <rect class="bar">
// with a data-value attribute and a <title> tooltip, so tests can check the
// geometry and users can hover for exact numbers without any script.
#include "scanner/report/svg_chart.hpp"

#include <algorithm>
#include <cstdio>

#include "scanner/report/html_escape.hpp"

namespace smtpsweep::scanner::report {
namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string svg_open(int width, int height, std::string_view label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" +
           std::to_string(width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
           std::to_string(width) + ' ' + std::to_string(height) + "\" role=\"img\" aria-label=\"" +
           html_escape(label) + "\">";
}

std::string rect(double x, double y, double w, double h, std::string_view colour,
                 std::uint64_t value, std::string_view tip) {
    return "<rect class=\"bar\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) +
           "\" height=\"" + num(h) + "\" fill=\"" + html_escape(colour) + "\" data-value=\"" +
           std::to_string(value) + "\"><title>" + html_escape(tip) + "</title></rect>";
}

std::string text(double x, double y, std::string_view anchor, std::string_view cls,
                 std::string_view content) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + std::string(anchor) +
           "\" class=\"" + std::string(cls) + "\">" + std::string(content) + "</text>";
}

// A row label, shortened, with the full text as tooltip.
std::string row_label(const bar_chart_options& o, double y, const std::string& label) {
    return "<g><title>" + html_escape(label) + "</title>" +
           text(o.label_width - 8, y, "end", "label",
                html_escape(truncate_utf8(label, o.label_chars))) +
           "</g>";
}

}  // namespace

std::string format_count(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string bar_chart(std::span<const bar> bars, const bar_chart_options& o) {
    std::uint64_t max = 1;
    for (const bar& b : bars) max = std::max(max, b.value);
    const int row = o.bar_height + o.gap;
    const int height = static_cast<int>(bars.size()) * row + o.gap;
    const double plot = o.width - o.label_width - o.value_width;
    std::string svg = svg_open(o.width, height, "bar chart");
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const bar& b = bars[i];
        const double y = o.gap / 2.0 + static_cast<double>(i) * row;
        const double w = plot * static_cast<double>(b.value) / static_cast<double>(max);
        const double mid = y + o.bar_height / 2.0 + 4;
        svg += row_label(o, mid, b.label);
        svg += rect(o.label_width, y, w, o.bar_height, b.colour, b.value,
                    b.label + ": " + format_count(b.value));
        svg += text(o.label_width + w + 6, mid, "start", "value", format_count(b.value));
    }
    return svg + "</svg>";
}

std::string stacked_chart(std::span<const series> legend, std::span<const stacked_row> rows,
                          const bar_chart_options& o) {
    const int row = o.bar_height + o.gap, legend_h = 26;
    const int height = legend_h + static_cast<int>(rows.size()) * row + o.gap;
    const double plot = o.width - o.label_width - o.value_width;
    std::string svg = svg_open(o.width, height, "stacked bar chart");
    double lx = o.label_width;
    for (const series& s : legend) {
        svg += "<rect x=\"" + num(lx) + "\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"" +
               html_escape(s.colour) + "\"/>";
        svg += text(lx + 17, 16, "start", "legend", html_escape(s.name));
        lx += 34 + 7.0 * static_cast<double>(s.name.size());
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const stacked_row& r = rows[i];
        std::uint64_t total = 0;
        for (auto p : r.parts) total += p;
        const double y = legend_h + o.gap / 2.0 + static_cast<double>(i) * row;
        svg += row_label(o, y + o.bar_height / 2.0 + 4, r.label);
        double x = o.label_width;
        for (std::size_t k = 0; k < r.parts.size() && k < legend.size(); ++k) {
            if (r.parts[k] == 0 || total == 0) continue;
            const double w = plot * static_cast<double>(r.parts[k]) / static_cast<double>(total);
            svg += rect(x, y, w, o.bar_height, legend[k].colour, r.parts[k],
                        r.label + " " + legend[k].name + ": " + format_count(r.parts[k]));
            x += w;
        }
        svg += text(o.label_width + plot + 6, y + o.bar_height / 2.0 + 4, "start", "value",
                    format_count(total));
    }
    return svg + "</svg>";
}

std::string timeline_chart(std::span<const timeline_point> points, int width, int height) {
    std::uint64_t peak = 1;
    for (const auto& p : points) peak = std::max(peak, p.normal + p.highlighted);
    const std::uint64_t max = (peak + 3) / 4 * 4;  // four grid steps of whole numbers
    const double left = 44, bottom = 38, top = 10;
    const double plot_w = width - left - 10, plot_h = height - bottom - top;
    const double col = points.empty() ? plot_w : plot_w / static_cast<double>(points.size());
    std::string svg = svg_open(width, height, "timeline");
    for (int g = 0; g <= 4; ++g) {  // horizontal grid with the count it stands for
        const double y = top + plot_h * (1.0 - g / 4.0);
        svg += "<line class=\"grid\" x1=\"" + num(left) + "\" x2=\"" + num(width - 10) +
               "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>";
        svg +=
            text(left - 6, y + 4, "end", "axis", format_count(max / 4 * static_cast<unsigned>(g)));
    }
    const std::size_t every = std::max<std::size_t>(1, (points.size() + 11) / 12);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i];
        const double x = left + col * static_cast<double>(i) + col * 0.12, w = col * 0.76;
        const double hh = plot_h * static_cast<double>(p.highlighted) / static_cast<double>(max);
        const double hn = plot_h * static_cast<double>(p.normal) / static_cast<double>(max);
        const double base = top + plot_h;
        if (p.highlighted)
            svg += rect(x, base - hh, w, hh, "#dc2626", p.highlighted,
                        p.label + " expired: " + format_count(p.highlighted));
        if (p.normal)
            svg += rect(x, base - hh - hn, w, hn, "#2563eb", p.normal,
                        p.label + ": " + format_count(p.normal));
        if (i % every == 0)
            svg += text(x + w / 2, base + 16, "middle", "axis", html_escape(p.label));
    }
    return svg + "</svg>";
}

}  // namespace smtpsweep::scanner::report
