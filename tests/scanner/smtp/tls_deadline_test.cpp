// The probe's one deadline inside TLS (core::tls_socket_stream arms its own
// timer at the probe deadline): a peer that stalls in the handshake, or
// after it, ends the probe with `timeout` at that phase, never a hang.
#include <chrono>
#include <string>

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

namespace {

const std::string banner = "220 mx1.lab.test ESMTP\r\n";

// One probe against `server` with a 300 ms deadline; its one record.
record probe_once(test::fake_smtp_server& server, net::io_context& ioc, bool implicit) {
    net::ssl::context client{smtpsweep::tls::make_client_context().release()};
    const auto trust = smtpsweep::tls::trust_store::load(test::test_cert_path("ca.pem"), false);
    probe_options opts;
    opts.timeout = std::chrono::milliseconds(300);
    if (implicit) opts.implicit_tls_port = server.port();
    probe_context ctx{client, trust, opts};
    return test::run_probe(ioc, server, ctx, server.port());
}

}  // namespace

TEST_CASE("a peer silent during the implicit tls handshake times out in the tls phase",
          "[scanner][probe][.integration]") {
    net::io_context ioc{1};
    test::fake_smtp_server server(ioc, {{test::stall()}});
    const auto r = probe_once(server, ioc, true);
    CHECK(r.status == status::timeout);
    CHECK(r.phase == phase::tls);
    CHECK(r.error == "timeout during tls handshake");
}

TEST_CASE("a peer silent after the implicit tls handshake times out at the banner",
          "[scanner][probe][.integration]") {
    net::io_context ioc{1};
    test::fake_smtp_server server(ioc, {{test::start_tls(), test::stall()}});
    const auto r = probe_once(server, ioc, true);
    CHECK(r.status == status::timeout);
    CHECK(r.phase == phase::banner);
    REQUIRE(r.tls);
    CHECK(r.tls->version);
}

TEST_CASE("a peer silent after starttls times out at the second ehlo",
          "[scanner][probe][.integration]") {
    net::io_context ioc{1};
    test::fake_smtp_server server(
        ioc, {{test::send(banner), test::expect("EHLO "), test::send("250-mx1\r\n250 STARTTLS\r\n"),
               test::expect("STARTTLS"), test::send("220 go\r\n"), test::start_tls(),
               test::expect("EHLO "), test::stall()}});
    const auto r = probe_once(server, ioc, false);
    CHECK(r.status == status::timeout);
    CHECK(r.phase == phase::ehlo_tls);
    CHECK(r.smtp->starttls == starttls_outcome::ok);
}
