// HTML escaping for every string that comes from a record. Banners, hostnames
// and certificate names are chosen by the scanned servers, so a hostile peer
// must not be able to inject markup into the report (issue 7).
#pragma once

#include <string>
#include <string_view>

namespace smtpsweep::scanner::report {

/// Text safe inside HTML/SVG element content and quoted attributes: & < > " '
/// become entities, control characters (other than tab and newline) become U+FFFD.
std::string html_escape(std::string_view text);

/// The first max_chars characters (UTF-8 aware) of text, with "…" appended when cut.
std::string truncate_utf8(std::string_view text, std::size_t max_chars);

}  // namespace smtpsweep::scanner::report
