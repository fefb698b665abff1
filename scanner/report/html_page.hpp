// The whole report as one self-contained HTML document: inline CSS, inline
// SVG, no script, no external fonts or links, so it can be mailed around or
// opened offline and never phones home (issue 7).
#pragma once

#include <string>

#include "scanner/report/report_stats.hpp"

namespace smtpsweep::scanner::report {

/// What the page says about itself.
struct page_options {
    std::string title = "smtpsweep report";  ///< <title> and <h1>
    std::string source;                       ///< input file name shown under the title
};

/// The complete HTML document for stats.
std::string render_page(const report_stats& stats, const page_options& opts);

}  // namespace smtpsweep::scanner::report
