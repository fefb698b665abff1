// Severity per finding id (shared/spec/interface.md, findings table). The
// report ranks hosts by the summed weight of their findings and colours bars
// and badges by level. Unknown ids (a newer scanner) count as low.
#pragma once

#include <string_view>

namespace smtpsweep::scanner::report {

/// How bad a finding is for mail in transit.
enum class severity { info, low, medium, high, critical };

/// The severity of a spec finding id; low for ids this build does not know.
severity severity_of(std::string_view finding_id);

/// Ranking weight of a level: critical 20, high 8, medium 4, low 2, info 1.
int weight(severity s);

/// "info", "low", "medium", "high", "critical" (also used as CSS class suffix).
std::string_view to_string(severity s);

/// Bar/badge colour of a level, as a CSS hex colour.
std::string_view colour_of(severity s);

}  // namespace smtpsweep::scanner::report
