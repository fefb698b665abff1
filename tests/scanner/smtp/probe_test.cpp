// The probe against the scripted fake server on 127.0.0.1: the normal
// dialogues, every refusal and failure the spec names, and a "close at step
// n" loop over a full STARTTLS session that checks exactly one record comes
// back with the status and phase of the step that failed.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "scanner/probe.hpp"
#include "tests/support/fake_smtp_server.hpp"
#include "tests/support/run_probe.hpp"
#include "tls/client_context.hpp"
#include "tls/trust_store.hpp"

using namespace smtpsweep::scanner;
namespace test = smtpsweep::test;
namespace net = boost::asio;
using strings = std::vector<std::string>;
using ids = std::vector<finding>;

namespace {

const std::string banner = "220 mx1.lab.test ESMTP Postfix (Debian/GNU)\r\n";
const std::string ehlo_plain = "250-mx1.lab.test\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n"
                               "250 STARTTLS\r\n";
const std::string ehlo_tls = "250-mx1.lab.test\r\n250-PIPELINING\r\n250 AUTH PLAIN\r\n";

test::script starttls_session() {
    return {test::send(banner),      test::expect("EHLO "),  test::send(ehlo_plain),
            test::expect("STARTTLS"), test::send("220 2.0.0 Ready to start TLS\r\n"),
            test::start_tls(),        test::expect("EHLO "),  test::send(ehlo_tls),
            test::expect("QUIT"),     test::send("221 2.0.0 Bye\r\n")};
}

struct harness {
    net::io_context ioc{1};
    net::ssl::context client{smtpsweep::tls::make_client_context().release()};
    smtpsweep::tls::trust_store trust =
        smtpsweep::tls::trust_store::load(test::test_cert_path("ca.pem"), false);
    probe_options opts;

    harness() {
        opts.connect_timeout = std::chrono::seconds(5);
        opts.timeout = std::chrono::seconds(10);
    }

    // Runs one probe against `server`; every probe yields exactly one record.
    record run(test::fake_smtp_server& server, std::uint16_t port) {
        probe_context ctx{client, trust, opts};
        return test::run_probe(ioc, server, ctx, port);
    }

    record run(test::fake_smtp_server& server) { return run(server, server.port()); }
};

}  // namespace

TEST_CASE("a starttls session is recorded in full", "[scanner][probe][.integration]") {
    harness h;
    test::fake_smtp_server server(h.ioc, {starttls_session()});
    const auto r = h.run(server);
    CHECK(server.mismatches().empty());
    CHECK(r.status == status::success);
    CHECK(r.phase == phase::quit);
    CHECK_FALSE(r.error);
    CHECK(r.connect_ms);
    REQUIRE(r.smtp);
    CHECK(r.smtp->banner == "220 mx1.lab.test ESMTP Postfix (Debian/GNU)");
    CHECK(r.smtp->banner_code == 220);
    CHECK(r.smtp->hostname == "mx1.lab.test");
    CHECK(r.smtp->software->product == "Postfix");
    CHECK(r.smtp->ehlo == strings{"PIPELINING", "AUTH PLAIN LOGIN", "STARTTLS"});
    CHECK(r.smtp->auth_before_tls == strings{"PLAIN", "LOGIN"});
    CHECK(r.smtp->starttls == starttls_outcome::ok);
    CHECK(r.smtp->ehlo_tls == strings{"PIPELINING", "AUTH PLAIN"});
    REQUIRE(r.tls);
    CHECK(r.tls->mode == "starttls");
    CHECK(r.tls->version);
    CHECK(r.tls->cipher);
    REQUIRE_FALSE(r.tls->certificates.empty());
    REQUIRE(r.tls->verify);
    CHECK(r.tls->verify->chain_valid);
    CHECK(r.tls->verify->name_match == true);
    CHECK(r.findings == ids{finding::auth_before_tls});
    CHECK(server.received() == strings{"EHLO smtpsweep.invalid", "STARTTLS",
                                       "EHLO smtpsweep.invalid", "QUIT"});
}

TEST_CASE("implicit tls is spoken on the implicit port", "[scanner][probe][.integration]") {
    harness h;
    test::fake_smtp_server server(
        h.ioc, {{test::start_tls(), test::send(banner), test::expect("EHLO"),
                 test::send("250-mx1.lab.test\r\n250 AUTH PLAIN\r\n"), test::expect("QUIT"),
                 test::send("221 bye\r\n")}},
        "mismatch");
    h.opts.implicit_tls_port = server.port();
    const auto r = h.run(server);
    CHECK(r.status == status::success);
    CHECK(r.phase == phase::quit);
    REQUIRE(r.tls);
    CHECK(r.tls->mode == "implicit");
    CHECK(r.tls->version);
    CHECK_FALSE(r.smtp->starttls);
    CHECK(r.smtp->ehlo == strings{"AUTH PLAIN"});
    CHECK(r.smtp->auth_before_tls.empty());
    CHECK(r.findings == ids{finding::cert_name_mismatch});
}

TEST_CASE("plain smtp on the implicit tls port is reported from a plaintext retry",
          "[scanner][probe][.integration]") {
    harness h;
    test::fake_smtp_server server(
        h.ioc, {{test::send(banner), test::stall()},
                {test::send(banner), test::expect("EHLO"), test::send(ehlo_plain),
                 test::expect("QUIT"), test::send("221 bye\r\n")}});
    h.opts.implicit_tls_port = server.port();
    const auto r = h.run(server);
    CHECK(server.connections() == 2);
    CHECK(r.status == status::success);
    CHECK(r.phase == phase::quit);
    REQUIRE(r.tls);
    CHECK(r.tls->mode == "implicit");
    CHECK_FALSE(r.tls->version);
    CHECK(r.smtp->banner_code == 220);
    CHECK(r.findings == ids{finding::plaintext_on_implicit_tls, finding::auth_before_tls});
}

TEST_CASE("a failed implicit tls handshake without smtp behind it is a tls error",
          "[scanner][probe][.integration]") {
    harness h;
    test::fake_smtp_server server(h.ioc, {{test::send("HTTP/1.1 400 Bad Request\r\n\r\n")}});
    h.opts.implicit_tls_port = server.port();
    const auto r = h.run(server);
    CHECK(r.status == status::tls_error);
    CHECK(r.phase == phase::tls);
    CHECK_FALSE(r.smtp);
}

TEST_CASE("smtp outcomes without tls are recorded as success", "[scanner][probe][.integration]") {
    harness h;
    SECTION("starttls refused: the session goes on in plaintext") {
        test::fake_smtp_server server(
            h.ioc, {{test::send(banner), test::expect("EHLO"), test::send(ehlo_plain),
                     test::expect("STARTTLS"), test::send("454 4.7.0 TLS not available\r\n"),
                     test::expect("QUIT"), test::send("221 bye\r\n")}});
        const auto r = h.run(server);
        CHECK(r.status == status::success);
        CHECK(r.phase == phase::quit);
        CHECK(r.smtp->starttls == starttls_outcome::refused);
        CHECK(r.findings == ids{finding::starttls_failed, finding::auth_before_tls});
    }
    SECTION("starttls not offered") {
        test::fake_smtp_server server(
            h.ioc, {{test::send(banner), test::expect("EHLO"),
                     test::send("250-mx1.lab.test\r\n250 SIZE 1000\r\n"), test::expect("QUIT"),
                     test::send("221 bye\r\n")}});
        const auto r = h.run(server);
        CHECK(r.status == status::success);
        CHECK(r.smtp->starttls == starttls_outcome::not_offered);
        CHECK_FALSE(r.tls);
        CHECK(r.findings == ids{finding::starttls_not_offered});
    }
    SECTION("a 554 banner is answered with quit") {
        test::fake_smtp_server server(
            h.ioc, {{test::send("554 5.7.1 mx1.lab.test no service for you\r\n"),
                     test::expect("QUIT"), test::send("221 bye\r\n")}});
        const auto r = h.run(server);
        CHECK(server.mismatches().empty());
        CHECK(r.status == status::success);
        CHECK(r.phase == phase::quit);
        CHECK(r.smtp->banner_code == 554);
        CHECK_FALSE(r.smtp->ehlo);
        CHECK(r.findings == ids{finding::smtp_rejects_clients});
    }
    SECTION("ehlo refused falls back to helo") {
        test::fake_smtp_server server(
            h.ioc, {{test::send(banner), test::expect("EHLO"), test::send("502 no ehlo\r\n"),
                     test::expect("HELO smtpsweep.invalid"), test::send("250 mx1.lab.test\r\n"),
                     test::expect("QUIT"), test::send("221 bye\r\n")}});
        const auto r = h.run(server);
        CHECK(server.mismatches().empty());
        CHECK(r.status == status::success);
        CHECK(r.smtp->helo_fallback);
        CHECK(r.smtp->ehlo == strings{});
        CHECK(r.smtp->starttls == starttls_outcome::not_offered);
    }
}

TEST_CASE("the relay check never sends data and reports an open relay",
          "[scanner][probe][.integration]") {
    harness h;
    h.opts.relay_check = true;
    test::fake_smtp_server server(
        h.ioc, {{test::send(banner), test::expect("EHLO"),
                 test::send("250-mx1.lab.test\r\n250 SIZE 1000\r\n"),
                 test::expect("MAIL FROM:<relay-probe@example.org>"), test::send("250 ok\r\n"),
                 test::expect("RCPT TO:<relay-probe@example.net>"), test::send("250 ok\r\n"),
                 test::expect("RSET"), test::send("250 ok\r\n"), test::expect("QUIT"),
                 test::send("221 bye\r\n")}});
    const auto r = h.run(server);
    CHECK(server.mismatches().empty());
    CHECK(r.status == status::success);
    REQUIRE(r.smtp->relay);
    CHECK(r.smtp->relay->accepted);
    CHECK(r.smtp->relay->rcpt_code == 250);
    CHECK(r.findings == ids{finding::starttls_not_offered, finding::open_relay});
}

TEST_CASE("bytes pipelined after the starttls 220 are dropped and reported",
          "[scanner][probe][.integration]") {
    harness h;
    auto s = starttls_session();
    s[4] = test::send("220 go ahead\r\n250-mx1.lab.test\r\n250 INJECTED\r\n");
    test::fake_smtp_server server(h.ioc, {s});
    const auto r = h.run(server);
    CHECK(r.status == status::success);
    CHECK(r.smtp->ehlo_tls == strings{"PIPELINING", "AUTH PLAIN"});
    REQUIRE(r.error);
    CHECK(r.error->find("plaintext injection") != std::string::npos);
}

TEST_CASE("broken peers give the failure status at the right phase",
          "[scanner][probe][.integration]") {
    harness h;
    SECTION("silence times out at the banner") {
        h.opts.timeout = std::chrono::milliseconds(300);
        test::fake_smtp_server server(h.ioc, {{test::stall()}});
        const auto r = h.run(server);
        CHECK(r.status == status::timeout);
        CHECK(r.phase == phase::banner);
        CHECK(r.error == "timeout during banner");
    }
    SECTION("garbage is a protocol error at the banner") {
        test::fake_smtp_server server(h.ioc, {{test::send("SSH-2.0-OpenSSH_9.2\r\n"), test::stall()}});
        const auto r = h.run(server);
        CHECK(r.status == status::protocol_error);
        CHECK(r.phase == phase::banner);
    }
    SECTION("a closed port is refused") {
        test::fake_smtp_server server(h.ioc, {{}});
        const auto port = server.port();
        server.stop();
        const auto r = h.run(server, port);
        CHECK(r.status == status::refused);
        CHECK(r.phase == phase::connect);
        CHECK_FALSE(r.smtp);
    }
    SECTION("a starttls handshake against plaintext fails") {
        auto s = starttls_session();
        s.resize(5);
        s.push_back(test::send("this is not tls\r\n"));
        test::fake_smtp_server server(h.ioc, {s});
        const auto r = h.run(server);
        CHECK(r.status == status::tls_error);
        CHECK(r.phase == phase::starttls);
        CHECK(r.smtp->starttls == starttls_outcome::failed);
        CHECK(r.findings == ids{finding::starttls_failed, finding::auth_before_tls});
    }
}

TEST_CASE("closing at any step yields one record with that step's status and phase",
          "[scanner][probe][.integration]") {
    struct expected_outcome {
        status st;
        phase ph;
    };
    // Outcome when the server closes just before step i of starttls_session().
    const std::vector<expected_outcome> table{
        {status::io_error, phase::banner},     {status::io_error, phase::ehlo},
        {status::io_error, phase::ehlo},       {status::io_error, phase::starttls},
        {status::io_error, phase::starttls},   {status::tls_error, phase::starttls},
        {status::io_error, phase::ehlo_tls},   {status::io_error, phase::ehlo_tls},
        {status::success, phase::quit},        {status::success, phase::quit},
        {status::success, phase::quit}};
    const auto n = GENERATE(range(0, 11));
    INFO("server closes before step " << n);
    harness h;
    auto s = starttls_session();
    s.resize(static_cast<std::size_t>(n));
    s.push_back(test::close());
    test::fake_smtp_server server(h.ioc, {s});
    const auto r = h.run(server);
    CHECK(r.status == table[static_cast<std::size_t>(n)].st);
    CHECK(r.phase == table[static_cast<std::size_t>(n)].ph);
    CHECK(r.error.has_value() == (r.status != status::success));
}
