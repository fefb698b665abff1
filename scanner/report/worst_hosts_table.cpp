// The worst-hosts table (declared in html_sections.hpp): hosts ranked by the
// summed severity weight of their findings (severity.hpp), worst first, with
// every finding as a coloured badge. All cells come from the peer: escaped.
#include "scanner/report/html_escape.hpp"
#include "scanner/report/html_sections.hpp"
#include "scanner/report/severity.hpp"
#include "scanner/report/svg_chart.hpp"

namespace smtpsweep::scanner::report {
namespace {

std::string cell(const std::string& text, std::string_view cls = "") {
    if (text.empty()) return "<td class=\"muted\">&#8212;</td>";
    return "<td class=\"" + std::string(cls) + "\">" + html_escape(truncate_utf8(text, 60)) +
           "</td>";
}

std::string badges(const std::vector<std::string>& findings) {
    std::string out;
    for (const std::string& id : findings)
        out += "<span class=\"sev sev-" + std::string(to_string(severity_of(id))) + "\">" +
               html_escape(id) + "</span> ";
    return out;
}

std::string row_html(std::size_t rank, const host_row& h) {
    return "<tr><td class=\"num muted\">" + std::to_string(rank) +
           "</td><td class=\"mono nowrap\">" + html_escape(h.ip) + ':' + std::to_string(h.port) +
           "</td>" + cell(h.hostname, "mono") + cell(h.software) + cell(h.tls_version, "nowrap") +
           "<td>" + badges(h.findings) + "</td><td class=\"num\"><strong>" +
           std::to_string(h.score) + "</strong></td></tr>";
}

}  // namespace

std::string worst_hosts_section(const report_stats& s) {
    std::string html =
        "<section id=\"worst\" class=\"wide\"><h2>Worst hosts</h2><p class=\"intro\">"
        "The " +
        format_count(s.worst_hosts.size()) +
        " hosts with the most severe findings (score: critical 20, high 8, "
        "medium 4, low 2, info 1 per finding).</p>";
    if (s.worst_hosts.empty())
        return html + "<p class=\"empty\">No host has findings.</p></section>\n";
    html +=
        "<table><thead><tr><th class=\"num\">#</th><th>Target</th><th>Hostname</th>"
        "<th>Software</th><th>TLS</th><th>Findings</th><th class=\"num\">Score</th></tr>"
        "</thead><tbody>";
    for (std::size_t i = 0; i < s.worst_hosts.size(); ++i)
        html += row_html(i + 1, s.worst_hosts[i]);
    return html + "</tbody></table></section>\n";
}

}  // namespace smtpsweep::scanner::report
