// The probe of one target, top to bottom (ZGrab2's Scan, style.md 3.1):
//   1. connect        deadline min(start + connect_timeout, start + timeout);
//                     EMFILE/ENFILE/ENOBUFS/EADDRNOTAVAIL (this machine is out
//                     of something) back off and retry until start + timeout
//   2. port 465:      TLS handshake without SNI (the name comes only with the
//                     banner; ZGrab2 does the same), then banner, EHLO, [relay],
//                     QUIT. A handshake that fails with a TLS error gets one
//                     plaintext retry: a valid SMTP banner there means
//                     plaintext-on-implicit-tls, reported with that session.
//   3. other ports:   banner, EHLO (HELO on 5xx), STARTTLS when offered: 220,
//                     leftover bytes dropped as injection, handshake with SNI =
//                     smtp.hostname, EHLO again; refused STARTTLS goes on in
//                     plaintext; then [relay], QUIT.
//   4. verify the TLS session against the trust store and smtp.hostname,
//      compute findings, timings.
// One absolute deadline (start + timeout) lives on the stream's timer; the
// TLS stream (core::tls_socket_stream) arms its own timer at the same
// deadline: no per-operation timers.
#include "scanner/probe.hpp"

#include <algorithm>
#include <ctime>
#include <tuple>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include "core/tls_socket_stream.hpp"
#include "scanner/findings.hpp"
#include "scanner/resource_backoff.hpp"
#include "scanner/smtp/banner.hpp"
#include "scanner/smtp/dialogue.hpp"
#include "scanner/smtp/ehlo.hpp"
#include "tls/session_info.hpp"
#include "tls/verify.hpp"

namespace smtpsweep::scanner {
namespace {

using clock = std::chrono::steady_clock;
using smtp::dialogue;

double ms_since(clock::time_point t) {
    return std::chrono::duration<double, std::milli>(clock::now() - t).count();
}

net::ip::tcp::endpoint endpoint_of(const targets::target& t) {
    return {net::ip::address_v4{t.ip}, t.port};
}

void record_session(core::tls_stream& s, dialogue& d) {
    auto info = tls::inspect(s.native_handle());
    auto& t = *d.rec.tls;
    t.version = info.version;
    t.cipher = info.cipher;
    t.cipher_bits = info.cipher_bits;
    t.certificates = std::move(info.chain);
}

// Name matching needs a DNS name: an address literal in the banner is no
// name a certificate would carry, so name_match stays null for it.
std::optional<std::string> dns_hostname(dialogue& d) {
    if (d.rec.smtp && d.rec.smtp->hostname && smtp::is_dns_name(*d.rec.smtp->hostname))
        return d.rec.smtp->hostname;
    return std::nullopt;
}

void judge_session(core::tls_stream& s, dialogue& d, probe_context& ctx) {
    const auto name = dns_hostname(d);
    d.rec.tls->verify = tls::verify(s.native_handle(), ctx.trust,
                                    name ? std::optional<std::string_view>(*name) : std::nullopt,
                                    std::time(nullptr));
}

// Out of descriptors, ports or buffers: not the target's outcome. Sleep on a
// timer (5 ms doubling to 40, jittered by address) and connect again, until
// the probe deadline; returns the last error.
core::awaitable<core::error_code> connect_again(core::tcp_stream& s, dialogue& d,
                                                clock::time_point deadline, core::error_code ec) {
    net::steady_timer timer{co_await net::this_coro::executor};
    std::chrono::milliseconds pause{5};
    while (is_resource_exhaustion(ec)) {
        const auto wait = pause + std::chrono::milliseconds(d.rec.target.ip % 5);
        if (clock::now() + wait >= deadline) break;
        resource_backoffs().fetch_add(1, std::memory_order_relaxed);
        spdlog::debug("connect: {} (local resources); retrying in {} ms", ec.message(),
                      wait.count());
        s.close();
        timer.expires_after(wait);
        co_await timer.async_wait(core::token{});
        pause = std::min(pause * 2, std::chrono::milliseconds(40));
        s.expires_at(std::min(clock::now() + d.opts.connect_timeout, deadline));
        std::tie(ec) = co_await s.async_connect(endpoint_of(d.rec.target));
    }
    co_return ec;
}

void fail_exhausted(dialogue& d, const core::error_code& ec) {
    if (first_exhaustion_failure())
        spdlog::warn("local resources stayed exhausted for a whole probe ({}); lower -c or "
                     "--rate, or raise the open-file limit", ec.message());
    d.rec.status = status::io_error;
    d.rec.error = "local resource exhaustion: " + ec.message();
}

core::awaitable<bool> connect(core::tcp_stream& s, dialogue& d, clock::time_point start,
                              clock::time_point deadline) {
    d.rec.phase = phase::connect;
    s.expires_at(std::min(start + d.opts.connect_timeout, deadline));
    auto [ec] = co_await s.async_connect(endpoint_of(d.rec.target));
    if (is_resource_exhaustion(ec)) ec = co_await connect_again(s, d, deadline, ec);
    if (ec) {
        if (is_resource_exhaustion(ec))
            fail_exhausted(d, ec);
        else
            d.fail(ec);
        co_return false;
    }
    d.rec.connect_ms = ms_since(start);
    s.expires_at(deadline);
    co_return true;
}

// A fresh plaintext session on 465 after a failed handshake; adopted only
// when the server answers with a well-formed SMTP banner.
core::awaitable<bool> plaintext_retry(dialogue& d, clock::time_point deadline) {
    dialogue plain{d.rec, {}, d.opts};
    core::tcp_stream tcp{co_await net::this_coro::executor};
    tcp.expires_at(std::min(clock::now() + d.opts.connect_timeout, deadline));
    auto [ec] = co_await tcp.async_connect(endpoint_of(d.rec.target));
    if (ec) co_return false;
    tcp.expires_at(deadline);
    if (co_await smtp::greet(tcp, plain)) co_await smtp::finish_session(tcp, plain);
    if (!plain.rec.smtp || !plain.rec.smtp->banner_code) co_return false;
    d.rec = std::move(plain.rec);
    co_return true;
}

core::awaitable<void> implicit_session(core::tcp_stream tcp, dialogue& d, probe_context& ctx,
                                       clock::time_point deadline) {
    d.rec.tls.emplace().mode = "implicit";
    d.rec.phase = phase::tls;
    core::tls_stream s{std::move(tcp), ctx.ssl_ctx, deadline};
    auto [ec] = co_await s.async_handshake(ssl::stream_base::client);
    if (ec) {
        const bool tls_failure = ec.category() == net::error::get_ssl_category();
        if (!tls_failure || !co_await plaintext_retry(d, deadline)) d.fail(ec);
        co_return;
    }
    record_session(s, d);
    if (co_await smtp::greet(s, d)) co_await smtp::finish_session(s, d);
    judge_session(s, d, ctx);
}

// STARTTLS command and reply; false when the session cannot go on.
core::awaitable<bool> request_tls(core::tcp_stream& s, dialogue& d) {
    d.rec.phase = phase::starttls;
    d.rec.tls.emplace().mode = "starttls";
    auto [ec, r] = co_await smtp::command(s, d.reader, "STARTTLS");
    if (ec) {
        d.fail(ec);
        co_return false;
    }
    if (!r.positive()) {
        d.smtp().starttls = starttls_outcome::refused;
        co_return false;
    }
    // Bytes sent with the 220 would be read as if protected by TLS: drop them.
    if (const auto injected = d.reader.take_leftover(); !injected.empty())
        d.rec.error = "plaintext injection after STARTTLS: " + std::to_string(injected.size()) +
                      " octets discarded";
    co_return true;
}

core::awaitable<void> secure_session(core::tcp_stream& tcp, dialogue& d, probe_context& ctx,
                                     clock::time_point deadline) {
    core::tls_stream s{std::move(tcp), ctx.ssl_ctx, deadline};
    if (const auto name = dns_hostname(d))
        SSL_set_tlsext_host_name(s.native_handle(), name->c_str());
    auto [ec] = co_await s.async_handshake(ssl::stream_base::client);
    if (ec) {
        d.smtp().starttls = starttls_outcome::failed;
        d.fail(ec);
        co_return;
    }
    d.smtp().starttls = starttls_outcome::ok;
    record_session(s, d);
    judge_session(s, d, ctx);
    d.reader.reset();
    if (auto eec = co_await smtp::say_ehlo_again(s, d)) {
        d.fail(eec);
        co_return;
    }
    co_await smtp::finish_session(s, d);
}

core::awaitable<void> starttls_session(core::tcp_stream& s, dialogue& d, probe_context& ctx,
                                       clock::time_point deadline) {
    if (!co_await smtp::greet(s, d)) co_return;
    const auto& ehlo = d.smtp().ehlo;
    if (!ehlo) {  // EHLO and HELO refused: nothing to negotiate
        co_await smtp::say_quit(s, d);
        co_return;
    }
    if (!smtp::has_capability(*ehlo, "STARTTLS")) {
        d.smtp().starttls = starttls_outcome::not_offered;
        co_await smtp::finish_session(s, d);
        co_return;
    }
    const bool go_on = co_await request_tls(s, d);
    if (go_on) {
        co_await secure_session(s, d, ctx, deadline);
    } else if (d.smtp().starttls == starttls_outcome::refused) {
        co_await smtp::finish_session(s, d);
    }
}

}  // namespace

core::awaitable<record> probe(targets::target t, probe_context& ctx) {
    dialogue d{record{}, {}, ctx.opts};
    d.rec.target = t;
    d.rec.time = std::chrono::system_clock::now();
    const auto start = clock::now();
    const auto deadline = start + ctx.opts.timeout;
    core::tcp_stream tcp{co_await net::this_coro::executor};
    if (co_await connect(tcp, d, start, deadline)) {
        if (t.port == ctx.opts.implicit_tls_port)
            co_await implicit_session(std::move(tcp), d, ctx, deadline);
        else
            co_await starttls_session(tcp, d, ctx, deadline);
    }
    d.rec.duration_ms = ms_since(start);
    d.rec.findings = findings(d.rec, std::time(nullptr));
    co_return std::move(d.rec);
}

}  // namespace smtpsweep::scanner
