// Expiry timeline window (see timeline_window.hpp).
#include "scanner/report/timeline_window.hpp"

#include <algorithm>
#include <cstdio>

namespace smtpsweep::scanner::report {
namespace {

// "YYYY-MM" <-> months since year 0.
int month_index(std::string_view m) {
    const int year = std::stoi(std::string(m.substr(0, 4)));
    const int month = std::stoi(std::string(m.substr(5, 2)));
    return year * 12 + std::clamp(month, 1, 12) - 1;
}

std::string month_label(int index) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
    return buf;
}

}  // namespace

std::vector<timeline_point> timeline_points(const report_stats& s) {
    if (s.expiry_by_month.empty()) return {};
    const int lo = month_index(s.expiry_by_month.begin()->first);
    const int hi = month_index(s.expiry_by_month.rbegin()->first);
    int first = lo, last = hi;
    if (hi - lo + 1 > max_timeline_months) {
        // Centre on the scan: a year of history, the rest ahead.
        const int scan = s.last_time.size() >= 7 ? month_index(s.last_time) : hi;
        first = std::clamp(scan - 12, lo, hi - max_timeline_months + 1);
        last = first + max_timeline_months - 1;
    }
    std::vector<timeline_point> points;
    if (first > lo) points.push_back({"earlier", 0, 0});
    for (int m = first; m <= last; ++m) points.push_back({month_label(m), 0, 0});
    if (last < hi) points.push_back({"later", 0, 0});
    const std::size_t offset = first > lo ? 1 : 0;
    for (const auto& [key, bucket] : s.expiry_by_month) {
        const int m = month_index(key);
        std::size_t i = m < first ? 0
                        : m > last ? points.size() - 1
                                   : offset + static_cast<std::size_t>(m - first);
        points[i].normal += bucket.valid;
        points[i].highlighted += bucket.expired;
    }
    return points;
}

}  // namespace smtpsweep::scanner::report
