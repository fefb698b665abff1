// record -> NDJSON: field names, order, nulls, and a Boost.JSON round trip.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "scanner/output/record_json.hpp"
#include "tests/scanner/output/sample_record.hpp"

namespace json = boost::json;
using namespace smtpsweep::scanner;
using output::to_json;

TEST_CASE("a full record round-trips through a json parser", "[scanner][output]") {
    const record r = test::full_record();
    const std::string line = to_json(r);
    CHECK(line.find('\n') == std::string::npos);
    const json::object o = json::parse(line).as_object();
    CHECK(o.at("ip") == "198.18.1.10");
    CHECK(o.at("port") == 587);
    CHECK(o.at("status") == "success");
    CHECK(o.at("phase") == "quit");
    CHECK(o.at("time") == "2026-12-04T15:30:00.123Z");
    CHECK(o.at("connect_ms").to_number<double>() == Approx(0.21));
    CHECK(o.at("duration_ms").to_number<double>() == Approx(14.8));
    CHECK(o.at("error").is_null());
    const auto& s = o.at("smtp").as_object();
    CHECK(s.at("banner").as_string() == std::string_view(*r.smtp->banner));
    CHECK(s.at("banner_code") == 220);
    CHECK(s.at("software").at("product") == "Postfix");
    CHECK(s.at("software").at("version").is_null());
    CHECK(s.at("ehlo").as_array().size() == 4);
    CHECK(s.at("ehlo").as_array()[1] == "SIZE 10240000");
    CHECK(s.at("auth_before_tls").as_array().empty());
    CHECK(s.at("starttls") == "ok");
    CHECK(s.at("relay").at("accepted") == false);
    CHECK(s.at("relay").at("rcpt_code") == 554);
    const auto& t = o.at("tls").as_object();
    CHECK(t.at("mode") == "starttls");
    CHECK(t.at("cipher_bits") == 256);
    const auto& certs = t.at("certificates").as_array();
    REQUIRE(certs.size() == 2);
    CHECK(certs[0].at("san").as_array()[1] == "mx.lab.test");
    CHECK(certs[0].at("sha256").as_string() == std::string_view(std::string(64, 'a')));
    CHECK(certs[1].at("subject") == "CN=Lab Root CA");
    CHECK(t.at("verify").at("chain_valid") == true);
    CHECK(t.at("verify").at("name_match") == true);
    CHECK(o.at("findings") == json::parse(R"(["software-version-disclosed","cert-untrusted"])"));
}

TEST_CASE("record fields come in the spec's order", "[scanner][output]") {
    const std::string line = to_json(test::full_record());
    std::size_t last = 0;
    for (const char* key : {"\"ip\"", "\"port\"", "\"status\"", "\"phase\"", "\"time\"",
                            "\"connect_ms\"", "\"duration_ms\"", "\"error\"", "\"smtp\"",
                            "\"banner\"", "\"banner_code\"", "\"hostname\"", "\"software\"",
                            "\"ehlo\"", "\"auth_before_tls\"", "\"starttls\"", "\"ehlo_tls\"",
                            "\"relay\"", "\"tls\"", "\"mode\"", "\"version\"", "\"cipher\"",
                            "\"certificates\"", "\"verify\"", "\"findings\""}) {
        const auto pos = line.find(key, last);
        INFO(key);
        REQUIRE(pos != std::string::npos);
        last = pos;
    }
}

TEST_CASE("unknown values are null, not invented", "[scanner][output]") {
    record r;
    r.target = {0x7F000001, 25};
    r.status = status::refused;
    r.phase = phase::connect;
    r.error = "connection refused";
    r.duration_ms = 0.5;
    const json::object o = json::parse(to_json(r)).as_object();
    CHECK(o.at("ip") == "127.0.0.1");
    CHECK(o.at("status") == "refused");
    CHECK(o.at("connect_ms").is_null());
    CHECK(o.at("smtp").is_null());
    CHECK(o.at("tls").is_null());
    CHECK(o.at("error") == "connection refused");
    CHECK(o.at("findings").as_array().empty());

    SECTION("starttls is absent on 465 and empty certificate fields are null") {
        r.smtp = smtp_info{};
        r.tls = tls_info{};
        r.tls->mode = "implicit";
        r.tls->certificates.resize(1);
        const json::object p = json::parse(to_json(r)).as_object();
        CHECK_FALSE(p.at("smtp").as_object().contains("starttls"));
        CHECK(p.at("smtp").at("ehlo").is_null());
        CHECK(p.at("smtp").at("relay").is_null());
        CHECK(p.at("tls").at("verify").is_null());
        CHECK(p.at("tls").at("certificates").at(0).at("sha256").is_null());
        CHECK(p.at("tls").at("certificates").at(0).at("not_after").is_null());
    }
}

TEST_CASE("hostile server text survives as valid json", "[scanner][output]") {
    record r = test::full_record();
    const std::string nasty("220 \0evil\"\\\x1b[31m\xff\xfe\r\n", 18);
    r.smtp->banner = nasty;
    r.smtp->ehlo->push_back(nasty);
    r.tls->certificates[0].subject = nasty;
    r.error = nasty;
    const json::object o = json::parse(to_json(r)).as_object();
    const std::string repaired("220 \0evil\"\\\x1b[31m\xEF\xBF\xBD\xEF\xBF\xBD\r\n", 22);
    CHECK(std::string(o.at("smtp").at("banner").as_string()) == repaired);
    CHECK(std::string(o.at("error").as_string()) == repaired);
}

TEST_CASE("duplicate findings are written once", "[scanner][output]") {
    record r = test::full_record();
    r.findings = {finding::open_relay, finding::cert_expired, finding::open_relay};
    const auto o = json::parse(to_json(r)).as_object();
    CHECK(o.at("findings") == json::parse(R"(["open-relay","cert-expired"])"));
}

TEST_CASE("times and durations are formatted for humans and machines", "[scanner][output]") {
    using namespace std::chrono;
    CHECK(output::format_time(sys_days{year{1970} / 1 / 1}) == "1970-01-01T00:00:00.000Z");
    CHECK(output::format_time(sys_days{year{2024} / 2 / 29} + hours{23} + minutes{59} + seconds{59} +
                              microseconds{999999}) == "2024-02-29T23:59:59.999Z");
    auto millis = [](double v) {
        std::string s;
        output::append_millis(s, v);
        return s;
    };
    CHECK(millis(14.8) == "14.8");
    CHECK(millis(0.2104) == "0.21");
    CHECK(millis(15.0) == "15");
    CHECK(millis(0.0001) == "0");
    CHECK(millis(1234.5678) == "1234.568");
    CHECK(millis(std::nan("")) == "null");
}
