// HTML rendering of the live page; see status_page.hpp. Every name is
// HTML-escaped even though statuses and finding ids are our own spellings.
#include "scanner/live/status_page.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/progress.hpp"
#include "scanner/report/html_escape.hpp"

namespace smtpsweep::scanner::live {
namespace {

using report::html_escape;

constexpr std::string_view style = R"(
:root{color-scheme:light;--ink:#1d2733;--mute:#5b6b7c;--line:#e2e8f0;--accent:#2563eb}
*{box-sizing:border-box}
body{margin:0;background:#f4f6fa;color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:920px;margin:0 auto;padding:28px 20px}
header{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
h1{font-size:24px;margin:0}
h2{font-size:15px;margin:0 0 10px;color:var(--mute);text-transform:uppercase;letter-spacing:.05em}
.badge{font-size:12px;font-weight:600;padding:2px 9px;border-radius:99px;background:#dcfce7;color:#166534}
.badge.done{background:#e0e7ff;color:#3730a3}
.meta{color:var(--mute);margin:0 0 0 auto;font-size:13px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-top:16px}
.bar{height:14px;background:#e8edf5;border-radius:7px;overflow:hidden}
.fill{height:100%;background:linear-gradient(90deg,#3b82f6,#2563eb);border-radius:7px}
.progress p{margin:8px 0 0;color:var(--mute)}
.progress strong{color:var(--ink);font-size:18px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;margin-top:16px}
.tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.tile .k{font-size:12px;color:var(--mute);text-transform:uppercase;letter-spacing:.04em}
.tile .v{font-size:22px;font-weight:650;margin-top:2px;font-variant-numeric:tabular-nums}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
td{padding:5px 0;border-top:1px solid var(--line);vertical-align:middle}
tr:first-child td{border-top:0}
td.n{text-align:right;width:80px;padding-left:10px;font-weight:600}
td.b{width:38%;padding-left:12px}
.mini{height:8px;background:#e8edf5;border-radius:4px;overflow:hidden}
.mini div{height:100%;background:var(--accent)}
.s-success .mini div{background:#16a34a}
.s-refused .mini div,.s-unreachable .mini div{background:#94a3b8}
.s-timeout .mini div{background:#d97706}
.s-tls-error .mini div,.s-protocol-error .mini div,.s-io-error .mini div{background:#dc2626}
.f .mini div{background:#ea580c}
.empty{color:var(--mute);margin:0}
footer{margin-top:18px;color:var(--mute);font-size:13px}
footer a{color:var(--accent)}
)";

void tile(std::string& out, std::string_view id, std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out),
                   R"(<div class="tile" id="{}"><div class="k">{}</div><div class="v">{}</div></div>)",
                   id, key, value);
}

void count_rows(std::string& out, const std::vector<named_count>& rows, std::string_view row_class) {
    std::uint64_t top = 1;
    for (const auto& r : rows) top = std::max(top, r.count);
    out += "<table>";
    for (const auto& r : rows) {
        auto const name = html_escape(r.name);
        fmt::format_to(std::back_inserter(out),
                       R"(<tr class="{}{}"><td>{}</td><td class="b"><div class="mini">)"
                       R"(<div style="width:{:.1f}%"></div></div></td><td class="n">{}</td></tr>)",
                       row_class, name, name, 100.0 * double(r.count) / double(top),
                       core::group_digits(r.count));
    }
    out += "</table>";
}

void head(std::string& out, const live_stats& s) {
    fmt::format_to(std::back_inserter(out),
                   "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"refresh\" content=\"2\">"
                   "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                   "<title>smtpsweep {:.0f}% · live</title><style>{}</style></head><body><main>",
                   percent_done(s), style);
    fmt::format_to(std::back_inserter(out),
                   R"(<header><h1>smtpsweep</h1><span class="badge{}" id="state">{}</span>)"
                   R"(<p class="meta">v{} · OpenSSL {} · running {}</p></header>)",
                   s.finished ? " done" : "", s.finished ? "finished" : "live",
                   html_escape(s.build.version), html_escape(s.build.openssl),
                   clock_text(s.elapsed_seconds));
}

void progress(std::string& out, const live_stats& s) {
    auto const pct = percent_done(s);
    fmt::format_to(std::back_inserter(out),
                   R"(<section class="card progress" id="progress"><div class="bar" role="progressbar" )"
                   R"(aria-valuemin="0" aria-valuemax="100" aria-valuenow="{:.1f}">)"
                   R"(<div class="fill" style="width:{:.1f}%"></div></div>)"
                   R"(<p><strong>{:.1f}%</strong> · {} of {} targets probed</p></section>)",
                   pct, pct, pct, core::group_digits(s.done), core::group_digits(s.targets));
}

void tiles(std::string& out, const live_stats& s) {
    auto const eta = eta_seconds(s);
    out += R"(<section class="tiles" id="tiles">)";
    tile(out, "rate", "Rate", core::group_digits(std::uint64_t(s.probe_rate + 0.5)) + "/s");
    tile(out, "eta", "ETA", eta ? clock_text(*eta) : std::string{"–"});
    tile(out, "in-flight", "In flight", core::group_digits(s.in_flight));
    tile(out, "written", "Written", core::group_digits(s.records_written));
    tile(out, "queue", "Writer queue", core::group_digits(s.writer_queued));
    tile(out, "lag", "Writer lag", fmt::format("{:.1f}s", s.writer_lag_seconds));
    out += "</section>";
}

void tables(std::string& out, const live_stats& s) {
    out += R"(<div class="cols"><section class="card" id="statuses"><h2>Probes by status</h2>)";
    count_rows(out, s.by_status, "s-");
    out += R"(</section><section class="card f" id="findings"><h2>Top findings</h2>)";
    auto const top = top_findings(s, 10);
    if (top.empty()) out += R"(<p class="empty">No findings yet.</p>)";
    else count_rows(out, top, "f-");
    out += "</section></div>";
}

}  // namespace

std::string clock_text(double seconds) {
    auto const s = static_cast<std::uint64_t>(std::max(0.0, seconds) + 0.5);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string render_status_page(const live_stats& s) {
    std::string out;
    out.reserve(8192);
    head(out, s);
    progress(out, s);
    tiles(out, s);
    tables(out, s);
    if (s.probe_failures > 0)
        fmt::format_to(std::back_inserter(out),
                       R"(<p class="card" id="bugs">{} probes failed inside the scanner; see the log.</p>)",
                       core::group_digits(s.probe_failures));
    out += R"(<footer>Refreshes every 2 s · <a href="/metrics">/metrics</a> · )"
           R"(<a href="/status.json">/status.json</a></footer></main></body></html>)";
    out += '\n';
    return out;
}

}  // namespace smtpsweep::scanner::live
