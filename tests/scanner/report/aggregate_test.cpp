// aggregator: counts on the committed sample (reference numbers computed
// independently with Python's json module), bad input, and the bounded
// worst-hosts heap against a naive full sort.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scanner/report/severity.hpp"
#include "tests/scanner/report/report_test_support.hpp"

using namespace smtpsweep::scanner::report;
using test::record_line;

TEST_CASE("sample records are counted by status, tls version, port and finding",
          "[report][aggregate]") {
    const report_stats s = test::sample_stats();
    CHECK(s.records == 32);
    CHECK(s.bad_lines == 2);
    CHECK(s.by_status.get("success") == 25);
    CHECK(s.by_status.get("timeout") == 2);
    CHECK(s.by_status.total() == 32);
    CHECK(s.tls_versions.get("TLSv1.3") == 15);
    CHECK(s.tls_versions.get("TLSv1") == 1);
    CHECK(s.starttls_by_port.at(25).get("ok") == 10);
    CHECK(s.starttls_by_port.at(25).get("not-offered") == 2);
    CHECK(s.starttls_by_port.at(25).get("refused") == 1);
    CHECK(s.starttls_by_port.at(25).get("failed") == 1);
    CHECK(s.starttls_by_port.at(587).get("ok") == 7);
    CHECK_FALSE(s.starttls_by_port.contains(465));
    CHECK(s.findings.get("software-version-disclosed") == 16);
    CHECK(s.findings.get("open-relay") == 1);
    CHECK(s.findings.all().size() == 16);
    CHECK(s.hosts_with_findings == 21);
    CHECK(s.products.get("Postfix") == 10);
    CHECK(s.product_versions.get("Exim 4.96") == 4);
    CHECK(s.issuers.get("CN=R11,O=Let's Encrypt,C=US") == 4);
    CHECK(s.first_time.starts_with("2026-12-04T15:30:00"));
}

TEST_CASE("leaf certificates expired at scan time are counted apart by month",
          "[report][aggregate]") {
    const report_stats s = test::sample_stats();
    CHECK(s.expiry_by_month.at("2025-11") == expiry_bucket{0, 1});
    CHECK(s.expiry_by_month.at("2026-02") == expiry_bucket{0, 1});
    CHECK(s.expiry_by_month.at("2027-02") == expiry_bucket{3, 0});
    CHECK(s.expiry_by_month.at("2030-01") == expiry_bucket{1, 0});
}

TEST_CASE("malformed lines are counted as bad and blank lines are ignored", "[report][aggregate]") {
    aggregator agg;
    const auto line = GENERATE(as<std::string>{}, "not json", "[1,2]", "{\"ip\":\"1.2.3.4\"}",
                               "{\"ip\":\"1.2.3.4\",\"port\":\"25\",\"status\":\"success\"}",
                               "{\"ip\":\"1.2.3.4\",\"port\":25,\"status\":", "\"x\"");
    agg.add_line(line);
    agg.add_line("   ");
    agg.add_line("");
    agg.add_line(record_line("198.18.0.1", 25, {}));
    const auto s = agg.result();
    CHECK(s.bad_lines == 1);
    CHECK(s.records == 1);
}

TEST_CASE("fields of unexpected types are treated as unknown", "[report][aggregate]") {
    aggregator agg;
    agg.add_line(
        R"({"ip":"198.18.0.1","port":25,"status":"success","smtp":[1],"tls":{"version":3,)"
        R"("certificates":[{"issuer":null,"not_after":"garbage"}]},"findings":[7,"open-relay"]})");
    const auto s = agg.result();
    CHECK(s.records == 1);
    CHECK(s.tls_versions.all().empty());
    CHECK(s.issuers.all().empty());
    CHECK(s.expiry_by_month.empty());
    CHECK(s.findings.get("open-relay") == 1);
}

TEST_CASE("worst hosts keep only the top n, worst first", "[report][aggregate]") {
    static const std::vector<std::string> ids{"open-relay", "auth-before-tls", "cert-expired",
                                              "cert-self-signed", "software-version-disclosed"};
    const auto top_n = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{300});
    aggregator agg(top_n);
    std::vector<host_row> all;
    for (int i = 0; i < 250; ++i) {
        std::vector<std::string> f;
        for (std::size_t k = 0; k < ids.size(); ++k)
            if ((i * 7 + static_cast<int>(k) * 3) % (static_cast<int>(k) + 2) == 0)
                f.push_back(ids[k]);
        const std::string ip = "198.18." + std::to_string(i / 200) + '.' + std::to_string(i % 200);
        agg.add_line(record_line(ip, 25, f));
        int score = 0;
        for (const auto& id : f) score += weight(severity_of(id));
        if (!f.empty()) all.push_back(host_row{ip, 25, "success", {}, {}, {}, f, score});
    }
    std::sort(all.begin(), all.end(), worse);
    const auto s = agg.result();
    REQUIRE(s.worst_hosts.size() == std::min(top_n, all.size()));
    for (std::size_t i = 0; i < s.worst_hosts.size(); ++i) {
        INFO("rank " << i);
        CHECK(s.worst_hosts[i].ip == all[i].ip);
        CHECK(s.worst_hosts[i].score == all[i].score);
    }
}

TEST_CASE("findings of a host are listed worst first", "[report][aggregate]") {
    aggregator agg;
    agg.add_line(record_line(
        "198.18.0.1", 25,
        {"software-version-disclosed", "cert-self-signed", "open-relay", "cert-expired"}));
    const auto s = agg.result();
    REQUIRE(s.worst_hosts.size() == 1);
    CHECK(s.worst_hosts[0].findings == std::vector<std::string>{"open-relay", "cert-expired",
                                                                "cert-self-signed",
                                                                "software-version-disclosed"});
    CHECK(s.worst_hosts[0].score == 20 + 4 + 2 + 1);
}

TEST_CASE("a capped counter folds values beyond its cap into other", "[report][aggregate]") {
    capped_counter c(3);
    for (std::string v : {"a", "b", "c", "d", "e", "a"}) c.add(v);
    CHECK(c.all().size() == 4);
    CHECK(c.get("a") == 2);
    CHECK(c.get(capped_counter::other) == 2);
    CHECK(c.total() == 6);
    CHECK(c.top(1) == std::vector<count_entry>{{"(other)", 2}});  // ties broken by value
}
