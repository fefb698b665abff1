// Record -> report_stats (see aggregate.hpp). Fields follow
// shared/spec/interface.md; anything absent or of an unexpected type is
// treated as unknown rather than as an error, because old or partial records
// should still be reported on.
#include "scanner/report/aggregate.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <boost/json/parse.hpp>

#include "scanner/report/severity.hpp"

namespace smtpsweep::scanner::report {
namespace {

namespace json = boost::json;

std::string_view str(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (!v || !v->is_string()) return {};
    return v->get_string();
}

const json::object* obj(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v ? v->if_object() : nullptr;
}

const json::array* arr(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v ? v->if_array() : nullptr;
}

bool is_blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::uint32_t ip_value(const std::string& ip) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4) return 0;
    return (a << 24) | (b << 16) | (c << 8) | d;
}

bool is_month(std::string_view s) {
    if (s.size() < 7 || s[4] != '-') return false;
    return std::all_of(s.begin(), s.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
           s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9';
}

std::string software_text(const json::object& smtp) {
    const json::object* sw = obj(smtp, "software");
    if (!sw) return {};
    std::string text(str(*sw, "product"));
    const std::string_view version = str(*sw, "version");
    if (!version.empty()) text += (text.empty() ? "" : " ") + std::string(version);
    return text;
}

std::vector<std::string> finding_ids(const json::object& record) {
    std::vector<std::string> ids;
    if (const json::array* a = arr(record, "findings"))
        for (const json::value& v : *a)
            if (v.is_string()) ids.emplace_back(v.get_string());
    std::stable_sort(ids.begin(), ids.end(), [](const std::string& x, const std::string& y) {
        return severity_of(x) > severity_of(y);
    });
    return ids;
}

}  // namespace

bool worse(const host_row& a, const host_row& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.findings.size() != b.findings.size()) return a.findings.size() > b.findings.size();
    const auto ia = ip_value(a.ip), ib = ip_value(b.ip);
    if (ia != ib) return ia < ib;
    if (a.port != b.port) return a.port < b.port;
    return a.ip < b.ip;
}

void aggregator::add_line(std::string_view line) {
    if (is_blank(line)) return;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return add_bad();
    add_record(v.get_object());
}

void aggregator::add_record(const json::object& r) {
    const json::value* port_v = r.if_contains("port");
    const std::string_view ip = str(r, "ip"), status = str(r, "status");
    if (ip.empty() || status.empty() || !port_v || !port_v->is_int64()) return add_bad();
    const int port = static_cast<int>(port_v->get_int64());
    ++stats_.records;
    stats_.by_status.add(status);
    stats_.by_port.add(std::to_string(port));
    const std::string_view time = str(r, "time");
    if (!time.empty() && (stats_.first_time.empty() || time < stats_.first_time))
        stats_.first_time = time;
    if (time > stats_.last_time) stats_.last_time = time;
    host_row row{std::string(ip), port, std::string(status), {}, {}, {}, finding_ids(r), 0};
    if (const json::object* smtp = obj(r, "smtp")) {
        add_smtp(*smtp, port);
        row.hostname = str(*smtp, "hostname");
        row.software = software_text(*smtp);
    }
    if (const json::object* tls = obj(r, "tls")) {
        add_tls(*tls, time);
        row.tls_version = str(*tls, "version");
    }
    for (const std::string& id : row.findings) {
        stats_.findings.add(id);
        row.score += weight(severity_of(id));
    }
    if (!row.findings.empty()) {
        ++stats_.hosts_with_findings;
        add_host(std::move(row));
    }
}

void aggregator::add_smtp(const json::object& smtp, int port) {
    const std::string_view starttls = str(smtp, "starttls");
    if (!starttls.empty()) stats_.starttls_by_port[port].add(starttls);
    if (const json::object* sw = obj(smtp, "software")) {
        const std::string_view product = str(*sw, "product");
        if (!product.empty()) {
            stats_.products.add(product);
            stats_.product_versions.add(software_text(smtp));
        }
    }
}

void aggregator::add_tls(const json::object& tls, std::string_view time) {
    const std::string_view version = str(tls, "version");
    if (!version.empty()) stats_.tls_versions.add(version);
    const json::array* certs = arr(tls, "certificates");
    if (!certs || certs->empty() || !certs->front().is_object()) return;
    const json::object& leaf = certs->front().get_object();
    const std::string_view issuer = str(leaf, "issuer");
    if (!issuer.empty()) stats_.issuers.add(issuer);
    const std::string_view not_after = str(leaf, "not_after");
    if (!is_month(not_after)) return;
    // ISO 8601 UTC strings of one shape compare correctly as text.
    const bool expired = !time.empty() && not_after.substr(0, 19) < time.substr(0, 19);
    auto& bucket = stats_.expiry_by_month[std::string(not_after.substr(0, 7))];
    ++(expired ? bucket.expired : bucket.valid);
}

void aggregator::add_host(host_row row) {
    if (top_n_ == 0) return;
    if (heap_.size() < top_n_) {
        heap_.push_back(std::move(row));
        std::push_heap(heap_.begin(), heap_.end(), worse);
    } else if (worse(row, heap_.front())) {
        std::pop_heap(heap_.begin(), heap_.end(), worse);
        heap_.back() = std::move(row);
        std::push_heap(heap_.begin(), heap_.end(), worse);
    }
}

report_stats aggregator::result() const {
    report_stats out = stats_;
    out.worst_hosts = heap_;
    std::sort(out.worst_hosts.begin(), out.worst_hosts.end(), worse);
    return out;
}

}  // namespace smtpsweep::scanner::report
