// record -> JSON, field by field in the spec's order. Strings from the peer
// go through append_json_string (escaping, UTF-8 repair). See record_json.hpp.
#include "scanner/output/record_json.hpp"

#include <charconv>
#include <cmath>

#include "scanner/output/json_escape.hpp"

namespace smtpsweep::scanner::output {
namespace {

void append_int(std::string& out, long long v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void append_opt_string(std::string& out, const std::optional<std::string>& s) {
    if (s) append_json_string(out, *s);
    else out += "null";
}

// Empty means "describe() could not tell": null, not a made-up value.
void append_nonempty(std::string& out, const std::string& s) {
    if (s.empty()) out += "null";
    else append_json_string(out, s);
}

void append_opt_int(std::string& out, const std::optional<int>& v) {
    if (v) append_int(out, *v);
    else out += "null";
}

void append_bool(std::string& out, bool b) { out += b ? "true" : "false"; }

void append_strings(std::string& out, const std::vector<std::string>& v) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v[i]);
    }
    out += ']';
}

void append_opt_strings(std::string& out, const std::optional<std::vector<std::string>>& v) {
    if (v) append_strings(out, *v);
    else out += "null";
}

void append_relay(std::string& out, const std::optional<relay_info>& r) {
    if (!r) {
        out += "null";
        return;
    }
    out += "{\"accepted\":";
    append_bool(out, r->accepted);
    out += ",\"mail_code\":";
    append_opt_int(out, r->mail_code);
    out += ",\"rcpt_code\":";
    append_opt_int(out, r->rcpt_code);
    out += ",\"reply\":";
    append_opt_string(out, r->reply);
    out += '}';
}

void append_smtp(std::string& out, const smtp_info& s) {
    out += "{\"banner\":";
    append_opt_string(out, s.banner);
    out += ",\"banner_code\":";
    append_opt_int(out, s.banner_code);
    out += ",\"hostname\":";
    append_opt_string(out, s.hostname);
    out += ",\"software\":";
    if (s.software) {
        out += "{\"product\":";
        append_nonempty(out, s.software->product);
        out += ",\"version\":";
        append_opt_string(out, s.software->version);
        out += '}';
    } else {
        out += "null";
    }
    out += ",\"ehlo\":";
    append_opt_strings(out, s.ehlo);
    out += ",\"helo_fallback\":";
    append_bool(out, s.helo_fallback);
    out += ",\"auth_before_tls\":";
    append_strings(out, s.auth_before_tls);
    if (s.starttls) {  // absent on port 465 (spec)
        out += ",\"starttls\":\"";
        out += to_string(*s.starttls);
        out += '"';
    }
    out += ",\"ehlo_tls\":";
    append_opt_strings(out, s.ehlo_tls);
    out += ",\"relay\":";
    append_relay(out, s.relay);
    out += '}';
}

void append_certificate(std::string& out, const tls::certificate_info& c) {
    out += "{\"subject\":";
    append_json_string(out, c.subject);
    out += ",\"issuer\":";
    append_json_string(out, c.issuer);
    out += ",\"san\":";
    append_strings(out, c.san);
    out += ",\"not_before\":";
    append_nonempty(out, c.not_before);
    out += ",\"not_after\":";
    append_nonempty(out, c.not_after);
    out += ",\"sha256\":";
    append_nonempty(out, c.sha256);
    out += ",\"key\":";
    append_nonempty(out, c.key);
    out += ",\"sig_alg\":";
    append_nonempty(out, c.sig_alg);
    out += ",\"self_signed\":";
    append_bool(out, c.self_signed);
    out += '}';
}

void append_tls(std::string& out, const tls_info& t) {
    out += "{\"mode\":";
    append_nonempty(out, t.mode);
    out += ",\"version\":";
    append_opt_string(out, t.version);
    out += ",\"cipher\":";
    append_opt_string(out, t.cipher);
    out += ",\"cipher_bits\":";
    append_opt_int(out, t.cipher_bits);
    out += ",\"certificates\":[";
    for (std::size_t i = 0; i < t.certificates.size(); ++i) {
        if (i) out += ',';
        append_certificate(out, t.certificates[i]);
    }
    out += "],\"verify\":";
    if (t.verify) {
        out += "{\"chain_valid\":";
        append_bool(out, t.verify->chain_valid);
        out += ",\"error\":";
        append_opt_string(out, t.verify->error);
        out += ",\"name_match\":";
        if (t.verify->name_match) append_bool(out, *t.verify->name_match);
        else out += "null";
        out += '}';
    } else {
        out += "null";
    }
    out += '}';
}

// Each id at most once (spec), in first-seen order.
void append_findings(std::string& out, const std::vector<finding>& findings) {
    out += '[';
    std::uint32_t seen = 0;
    bool first = true;
    for (finding f : findings) {
        const auto bit = std::uint32_t{1} << static_cast<unsigned>(f);
        if (seen & bit) continue;
        seen |= bit;
        if (!first) out += ',';
        first = false;
        out += '"';
        out += to_string(f);
        out += '"';
    }
    out += ']';
}

}  // namespace

void append_ipv4(std::string& out, std::uint32_t ip) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        append_int(out, (ip >> shift) & 0xFF);
        if (shift) out += '.';
    }
}

void append_millis(std::string& out, double ms) {
    if (!std::isfinite(ms)) {
        out += "null";
        return;
    }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, ms, std::chars_format::fixed, 3);
    char* end = res.ptr;
    while (end > buf && end[-1] == '0') --end;
    if (end > buf && end[-1] == '.') --end;
    if (end - buf == 2 && buf[0] == '-' && buf[1] == '0') {  // "-0.0001" -> "-0"
        out += '0';
        return;
    }
    out.append(buf, end);
}

void append_time(std::string& out, std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(t);
    const auto day = floor<days>(ms);
    const year_month_day ymd{day};
    const hh_mm_ss hms{ms - day};
    char buf[32];
    auto two = [](char* p, unsigned v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
    };
    const int y = static_cast<int>(ymd.year());
    const auto yu = static_cast<unsigned>(y < 0 ? 0 : y % 10000);
    two(buf, yu / 100);
    two(buf + 2, yu % 100);
    buf[4] = '-';
    two(buf + 5, static_cast<unsigned>(ymd.month()));
    buf[7] = '-';
    two(buf + 8, static_cast<unsigned>(ymd.day()));
    buf[10] = 'T';
    two(buf + 11, static_cast<unsigned>(hms.hours().count()));
    buf[13] = ':';
    two(buf + 14, static_cast<unsigned>(hms.minutes().count()));
    buf[16] = ':';
    two(buf + 17, static_cast<unsigned>(hms.seconds().count()));
    buf[19] = '.';
    const auto milli = static_cast<unsigned>(hms.subseconds().count());
    buf[20] = static_cast<char>('0' + milli / 100);
    two(buf + 21, milli % 100);
    buf[23] = 'Z';
    out.append(buf, 24);
}

std::string format_time(std::chrono::system_clock::time_point t) {
    std::string s;
    append_time(s, t);
    return s;
}

void append_record_json(std::string& out, const record& r) {
    out += "{\"ip\":\"";
    append_ipv4(out, r.target.ip);
    out += "\",\"port\":";
    append_int(out, r.target.port);
    out += ",\"status\":\"";
    out += to_string(r.status);
    out += "\",\"phase\":\"";
    out += to_string(r.phase);
    out += "\",\"time\":\"";
    append_time(out, r.time);
    out += "\",\"connect_ms\":";
    if (r.connect_ms) append_millis(out, *r.connect_ms);
    else out += "null";
    out += ",\"duration_ms\":";
    append_millis(out, r.duration_ms);
    out += ",\"error\":";
    append_opt_string(out, r.error);
    out += ",\"smtp\":";
    if (r.smtp) append_smtp(out, *r.smtp);
    else out += "null";
    out += ",\"tls\":";
    if (r.tls) append_tls(out, *r.tls);
    else out += "null";
    out += ",\"findings\":";
    append_findings(out, r.findings);
    out += '}';
}

std::string to_json(const record& r) {
    std::string s;
    s.reserve(1024);
    append_record_json(s, r);
    return s;
}

}  // namespace smtpsweep::scanner::output
