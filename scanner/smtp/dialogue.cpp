// SMTP steps of the probe (RFC 5321 4.1). Each step sets the record's phase
// before its first I/O, so a failure is reported where it happened, and
// records what it learned before returning, so partial results survive.
// Templates are instantiated at the bottom for the two stream types.
#include "scanner/smtp/dialogue.hpp"

#include <type_traits>

#include "core/tls_socket_stream.hpp"
#include "scanner/classify.hpp"
#include "scanner/smtp/banner.hpp"
#include "scanner/smtp/ehlo.hpp"

namespace smtpsweep::scanner::smtp {

smtp_info& dialogue::smtp() {
    if (!rec.smtp) rec.smtp.emplace();
    return *rec.smtp;
}

void dialogue::fail(const core::error_code& ec) {
    rec.status = classify(ec, rec.phase);
    rec.error = describe(ec, rec.phase);
}

template <class Stream>
core::awaitable<core::error_code> read_banner(Stream& s, dialogue& d) {
    d.rec.phase = phase::banner;
    auto [ec, r] = co_await d.reader.read(s);
    if (ec) co_return ec;
    auto& info = d.smtp();
    info.banner = r.wire_text();
    info.banner_code = r.code;
    info.hostname = hostname_from(r.lines.front());
    info.software = software_from(r.text());
    co_return core::error_code{};
}

template <class Stream>
core::awaitable<core::error_code> say_ehlo(Stream& s, dialogue& d) {
    d.rec.phase = phase::ehlo;
    auto [ec, r] = co_await command(s, d.reader, "EHLO " + d.opts.ehlo_name);
    if (ec) co_return ec;
    auto& info = d.smtp();
    if (r.code / 100 == 5) {
        info.helo_fallback = true;
        auto [hec, hr] = co_await command(s, d.reader, "HELO " + d.opts.ehlo_name);
        if (hec) co_return hec;
        if (hr.positive()) info.ehlo.emplace();  // HELO advertises no extensions
        co_return core::error_code{};
    }
    if (!r.positive()) co_return core::error_code{};
    info.ehlo = capabilities(r);
    if (!info.hostname) info.hostname = hostname_from(r.lines.front());
    if (!info.software) info.software = software_from(r.lines.front());
    if constexpr (!std::is_same_v<Stream, core::tls_stream>)
        info.auth_before_tls = auth_mechanisms(*info.ehlo);
    co_return core::error_code{};
}

template <class Stream>
core::awaitable<core::error_code> say_ehlo_again(Stream& s, dialogue& d) {
    d.rec.phase = phase::ehlo_tls;
    auto [ec, r] = co_await command(s, d.reader, "EHLO " + d.opts.ehlo_name);
    if (ec) co_return ec;
    if (r.positive()) d.smtp().ehlo_tls = capabilities(r);
    co_return core::error_code{};
}

template <class Stream>
core::awaitable<core::error_code> check_relay(Stream& s, dialogue& d) {
    d.rec.phase = phase::relay;
    auto& relay = d.smtp().relay.emplace();
    auto [ec, mail] = co_await command(s, d.reader, "MAIL FROM:<relay-probe@example.org>");
    if (ec) co_return ec;
    relay.mail_code = mail.code;
    if (!mail.positive()) co_return core::error_code{};
    auto [rec, rcpt] = co_await command(s, d.reader, "RCPT TO:<relay-probe@example.net>");
    if (rec) co_return rec;
    relay.rcpt_code = rcpt.code;
    relay.reply = rcpt.lines.front();
    relay.accepted = rcpt.positive();
    auto [sec, rset] = co_await command(s, d.reader, "RSET");
    (void)rset;
    co_return sec;
}

template <class Stream>
core::awaitable<void> say_quit(Stream& s, dialogue& d) {
    d.rec.phase = phase::quit;
    // The 221 is read for politeness only: RFC 5321 4.1.1.10 lets the
    // server close right after it, and some close without it.
    auto [ec, r] = co_await command(s, d.reader, "QUIT");
    (void)ec;
    (void)r;
}

template <class Stream>
core::awaitable<bool> greet(Stream& s, dialogue& d) {
    if (auto ec = co_await read_banner(s, d)) {
        d.fail(ec);
        co_return false;
    }
    if (*d.smtp().banner_code / 100 != 2) {  // e.g. 554: the server refuses us
        co_await say_quit(s, d);
        co_return false;
    }
    if (auto ec = co_await say_ehlo(s, d)) {
        d.fail(ec);
        co_return false;
    }
    co_return true;
}

template <class Stream>
core::awaitable<void> finish_session(Stream& s, dialogue& d) {
    if (d.opts.relay_check && d.smtp().ehlo) {
        if (auto ec = co_await check_relay(s, d)) {
            d.fail(ec);
            co_return;
        }
    }
    co_await say_quit(s, d);
}

template core::awaitable<core::error_code> read_banner(core::tcp_stream&, dialogue&);
template core::awaitable<core::error_code> say_ehlo(core::tcp_stream&, dialogue&);
template core::awaitable<core::error_code> say_ehlo_again(core::tcp_stream&, dialogue&);
template core::awaitable<core::error_code> check_relay(core::tcp_stream&, dialogue&);
template core::awaitable<void> say_quit(core::tcp_stream&, dialogue&);
template core::awaitable<bool> greet(core::tcp_stream&, dialogue&);
template core::awaitable<void> finish_session(core::tcp_stream&, dialogue&);
template core::awaitable<core::error_code> read_banner(core::tls_stream&, dialogue&);
template core::awaitable<core::error_code> say_ehlo(core::tls_stream&, dialogue&);
template core::awaitable<core::error_code> say_ehlo_again(core::tls_stream&, dialogue&);
template core::awaitable<core::error_code> check_relay(core::tls_stream&, dialogue&);
template core::awaitable<void> say_quit(core::tls_stream&, dialogue&);
template core::awaitable<bool> greet(core::tls_stream&, dialogue&);
template core::awaitable<void> finish_session(core::tls_stream&, dialogue&);

}  // namespace smtpsweep::scanner::smtp
