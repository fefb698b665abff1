// Report sections (see html_sections.hpp). Each returns a <section> with an
// <h2>; charts come from svg_chart.hpp, tables are plain HTML.
#include "scanner/report/html_sections.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "scanner/report/html_escape.hpp"
#include "scanner/report/severity.hpp"
#include "scanner/report/svg_chart.hpp"
#include "scanner/report/timeline_window.hpp"

namespace smtpsweep::scanner::report {
namespace {

constexpr std::string_view neutral = "#2563eb";

std::string section(std::string_view id, std::string_view title, std::string_view intro,
                    const std::string& body) {
    return "<section id=\"" + std::string(id) + "\"><h2>" + std::string(title) +
           "</h2><p class=\"intro\">" + std::string(intro) + "</p>" + body + "</section>\n";
}

std::string empty_note() {
    return "<p class=\"empty\">No data in this input.</p>";
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) return "n/a";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%",
                  100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

std::string card(std::string_view label, const std::string& value, std::string_view note,
                 std::string_view cls = "") {
    return "<div class=\"card " + std::string(cls) + "\"><div class=\"card-value\">" + value +
           "</div><div class=\"card-label\">" + std::string(label) +
           "</div><div class=\"card-note\">" + std::string(note) + "</div></div>";
}

std::string_view status_colour(std::string_view status) {
    if (status == "success") return "#16a34a";
    if (status == "tls-error" || status == "protocol-error") return "#dc2626";
    if (status == "timeout" || status == "io-error") return "#f59e0b";
    return "#64748b";
}

bool deprecated_tls(std::string_view v) {
    return v == "SSLv2" || v == "SSLv3" || v == "TLSv1" || v == "TLSv1.0" || v == "TLSv1.1";
}

std::string chart_of(const std::vector<count_entry>& entries, auto colour_for,
                     const bar_chart_options& opts = {}) {
    if (entries.empty()) return empty_note();
    std::vector<bar> bars;
    for (const auto& [label, n] : entries)
        bars.push_back({label, n, std::string(colour_for(label))});
    return bar_chart(bars, opts);
}

std::uint64_t starttls_total(const report_stats& s) {
    std::uint64_t n = 0;
    for (const auto& [port, c] : s.starttls_by_port) n += c.total();
    return n;
}

}  // namespace

std::string summary_section(const report_stats& s) {
    const std::uint64_t ok = s.by_status.get("success");
    std::uint64_t tls_ok = 0;
    for (const auto& [port, c] : s.starttls_by_port) tls_ok += c.get("ok");
    std::string cards = card("Targets probed", format_count(s.records), "one record per ip:port");
    cards += card("Probes completed", percent(ok, s.records),
                  format_count(ok) + " with status success", "good");
    cards += card("STARTTLS works", percent(tls_ok, starttls_total(s)),
                  format_count(tls_ok) + " of " + format_count(starttls_total(s)) +
                      " SMTP sessions on 25/587");
    cards += card("Hosts with findings", format_count(s.hosts_with_findings),
                  percent(s.hosts_with_findings, s.records) + " of targets",
                  s.hosts_with_findings ? "bad" : "");
    std::string body = "<div class=\"cards\">" + cards + "</div>";
    if (s.bad_lines)
        body += "<p class=\"warning\">" + format_count(s.bad_lines) +
                " input line(s) were not valid records and were skipped.</p>";
    return "<section id=\"summary\" class=\"wide\"><h2>Summary</h2>" + body + "</section>\n";
}

std::string status_section(const report_stats& s) {
    std::string body = chart_of(s.by_status.top(20), status_colour);
    std::string ports;
    for (const auto& [port, n] : s.by_port.top(10))
        ports +=
            "<span class=\"pill\">port " + html_escape(port) + ": " + format_count(n) + "</span> ";
    if (!ports.empty()) body += "<p class=\"pills\">" + ports + "</p>";
    return section("status", "Probe outcomes", "Records by status: how far each probe got.", body);
}

std::string tls_versions_section(const report_stats& s) {
    auto colour = [](std::string_view v) { return deprecated_tls(v) ? "#dc2626" : "#16a34a"; };
    return section("tls", "TLS versions",
                   "Negotiated protocol version; red ones are deprecated (RFC 8996).",
                   chart_of(s.tls_versions.top(10), colour));
}

std::string starttls_section(const report_stats& s) {
    static const std::array<series, 4> legend{{{"ok", "#16a34a"},
                                               {"not-offered", "#f59e0b"},
                                               {"refused", "#ea580c"},
                                               {"failed", "#dc2626"}}};
    std::vector<stacked_row> rows;
    for (const auto& [port, c] : s.starttls_by_port) {
        stacked_row r{"port " + std::to_string(port), {}};
        for (const auto& se : legend) r.parts.push_back(c.get(se.name));
        rows.push_back(std::move(r));
    }
    const std::string body = rows.empty() ? empty_note() : stacked_chart(legend, rows);
    return section("starttls", "STARTTLS support by port",
                   "Share of SMTP sessions per outcome of STARTTLS; totals at the right. "
                   "Port 465 speaks TLS from the start and is not listed.",
                   body);
}

std::string findings_section(const report_stats& s) {
    auto colour = [](std::string_view id) { return colour_of(severity_of(id)); };
    std::string legend;
    for (auto lv :
         {severity::critical, severity::high, severity::medium, severity::low, severity::info})
        legend += "<span class=\"sev sev-" + std::string(to_string(lv)) + "\">" +
                  std::string(to_string(lv)) + "</span> ";
    return section("findings", "Findings",
                   "Number of hosts (ip:port) with each finding, coloured by severity.",
                   "<p class=\"pills\">" + legend + "</p>" + chart_of(s.findings.top(30), colour));
}

std::string issuers_section(const report_stats& s, std::size_t top_n) {
    auto colour = [](std::string_view) { return neutral; };
    // Distinguished names are long: give them most of the width.
    const bar_chart_options wide_labels{.width = 600, .label_width = 300, .label_chars = 37};
    return section("issuers", "Certificate issuers",
                   "Issuer of the leaf certificate, top " + std::to_string(top_n) + ".",
                   chart_of(s.issuers.top(top_n), colour, wide_labels));
}

std::string expiry_section(const report_stats& s) {
    const auto points = timeline_points(s);
    const std::string body = points.empty() ? empty_note() : timeline_chart(points);
    return "<section id=\"expiry\" class=\"wide\"><h2>Certificate expiry</h2><p class=\"intro\">"
           "Leaf certificates by the month they expire (<span class=\"sev sev-high\">red</span>: "
           "already expired at scan time).</p>" +
           body + "</section>\n";
}

std::string software_section(const report_stats& s) {
    auto colour = [](std::string_view) { return "#7c3aed"; };
    std::string table =
        "<table class=\"compact\"><thead><tr><th>Product and version</th>"
        "<th class=\"num\">Hosts</th></tr></thead><tbody>";
    for (const auto& [name, n] : s.product_versions.top(15))
        table += "<tr><td>" + html_escape(name) + "</td><td class=\"num\">" + format_count(n) +
                 "</td></tr>";
    table += "</tbody></table>";
    const bool none = s.products.all().empty();
    return section("software", "Software",
                   "Products recognised from banners and EHLO replies, then product versions.",
                   none ? empty_note() : chart_of(s.products.top(10), colour) + table);
}

}  // namespace smtpsweep::scanner::report
