// Chooses the months shown on the certificate-expiry timeline. Certificates
// can expire anywhere from 1970 to 2099, so a window of at most 60 months is
// placed around the scan date and older/later months fold into "earlier" and
// "later" columns; gaps inside the window are filled with empty months so
// the time axis stays linear.
#pragma once

#include <vector>

#include "scanner/report/report_stats.hpp"
#include "scanner/report/svg_chart.hpp"

namespace smtpsweep::scanner::report {

/// Most months drawn before folding into "earlier"/"later".
inline constexpr int max_timeline_months = 60;

/// Timeline columns for stats.expiry_by_month (valid = normal, expired = highlighted).
std::vector<timeline_point> timeline_points(const report_stats& stats);

}  // namespace smtpsweep::scanner::report
