// Flattening of a record for tabular sinks (see flat_record.hpp). The column
// list and the cell order below must stay in step; the tests check the count.
#include "scanner/output/flat_record.hpp"

#include <array>
#include <cmath>

#include "scanner/output/json_escape.hpp"
#include "scanner/output/record_json.hpp"

namespace smtpsweep::scanner::output {
namespace {

constexpr std::array<std::string_view, 40> columns = {
    "ip", "port", "status", "phase", "time", "connect_ms", "duration_ms", "error",
    "smtp.banner", "smtp.banner_code", "smtp.hostname", "smtp.software.product",
    "smtp.software.version", "smtp.ehlo", "smtp.helo_fallback", "smtp.auth_before_tls",
    "smtp.starttls", "smtp.ehlo_tls", "smtp.relay.accepted", "smtp.relay.mail_code",
    "smtp.relay.rcpt_code", "smtp.relay.reply",
    "tls.mode", "tls.version", "tls.cipher", "tls.cipher_bits", "tls.certificates.count",
    "tls.certificates.0.subject", "tls.certificates.0.issuer", "tls.certificates.0.san",
    "tls.certificates.0.not_before", "tls.certificates.0.not_after",
    "tls.certificates.0.sha256", "tls.certificates.0.key", "tls.certificates.0.sig_alg",
    "tls.certificates.0.self_signed",
    "tls.verify.chain_valid", "tls.verify.error", "tls.verify.name_match",
    "findings"};

cell text(std::string_view s) { return sanitize_utf8(s); }
cell opt_text(const std::optional<std::string>& s) { return s ? text(*s) : cell{}; }
cell nonempty(const std::string& s) { return s.empty() ? cell{} : text(s); }
cell opt_int(const std::optional<int>& v) { return v ? cell{std::int64_t{*v}} : cell{}; }
cell real(double v) { return std::isfinite(v) ? cell{std::round(v * 1000) / 1000} : cell{}; }

cell joined(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ';';
        s += v[i];
    }
    return text(s);
}

cell opt_joined(const std::optional<std::vector<std::string>>& v) {
    return v ? joined(*v) : cell{};
}

void add_smtp(std::vector<cell>& out, const std::optional<smtp_info>& s) {
    if (!s) {
        out.resize(out.size() + 14);
        return;
    }
    out.push_back(opt_text(s->banner));
    out.push_back(opt_int(s->banner_code));
    out.push_back(opt_text(s->hostname));
    out.push_back(s->software ? nonempty(s->software->product) : cell{});
    out.push_back(s->software ? opt_text(s->software->version) : cell{});
    out.push_back(opt_joined(s->ehlo));
    out.push_back(s->helo_fallback);
    out.push_back(joined(s->auth_before_tls));
    out.push_back(s->starttls ? text(to_string(*s->starttls)) : cell{});
    out.push_back(opt_joined(s->ehlo_tls));
    const auto& r = s->relay;
    out.push_back(r ? cell{r->accepted} : cell{});
    out.push_back(r ? opt_int(r->mail_code) : cell{});
    out.push_back(r ? opt_int(r->rcpt_code) : cell{});
    out.push_back(r ? opt_text(r->reply) : cell{});
}

void add_leaf(std::vector<cell>& out, const std::vector<tls::certificate_info>& chain) {
    if (chain.empty()) {
        out.resize(out.size() + 9);
        return;
    }
    const auto& c = chain.front();
    out.push_back(text(c.subject));
    out.push_back(text(c.issuer));
    out.push_back(joined(c.san));
    out.push_back(nonempty(c.not_before));
    out.push_back(nonempty(c.not_after));
    out.push_back(nonempty(c.sha256));
    out.push_back(nonempty(c.key));
    out.push_back(nonempty(c.sig_alg));
    out.push_back(c.self_signed);
}

void add_tls(std::vector<cell>& out, const std::optional<tls_info>& t) {
    if (!t) {
        out.resize(out.size() + 17);
        return;
    }
    out.push_back(nonempty(t->mode));
    out.push_back(opt_text(t->version));
    out.push_back(opt_text(t->cipher));
    out.push_back(opt_int(t->cipher_bits));
    out.push_back(static_cast<std::int64_t>(t->certificates.size()));
    add_leaf(out, t->certificates);
    const auto& v = t->verify;
    out.push_back(v ? cell{v->chain_valid} : cell{});
    out.push_back(v ? opt_text(v->error) : cell{});
    out.push_back(v && v->name_match ? cell{*v->name_match} : cell{});
}

cell findings_cell(const std::vector<finding>& findings) {
    std::string s;
    std::uint32_t seen = 0;
    for (finding f : findings) {
        const auto bit = std::uint32_t{1} << static_cast<unsigned>(f);
        if (seen & bit) continue;
        seen |= bit;
        if (!s.empty()) s += ';';
        s += to_string(f);
    }
    return s;
}

}  // namespace

std::span<const std::string_view> flat_columns() { return columns; }

std::vector<cell> flatten(const record& r) {
    std::vector<cell> out;
    out.reserve(columns.size());
    std::string ip;
    append_ipv4(ip, r.target.ip);
    out.push_back(std::move(ip));
    out.push_back(std::int64_t{r.target.port});
    out.push_back(std::string(to_string(r.status)));
    out.push_back(std::string(to_string(r.phase)));
    out.push_back(format_time(r.time));
    out.push_back(r.connect_ms ? real(*r.connect_ms) : cell{});
    out.push_back(real(r.duration_ms));
    out.push_back(opt_text(r.error));
    add_smtp(out, r.smtp);
    add_tls(out, r.tls);
    out.push_back(findings_cell(r.findings));
    return out;
}

}  // namespace smtpsweep::scanner::output
