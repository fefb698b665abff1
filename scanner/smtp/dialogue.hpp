// The SMTP steps of a probe, each a named coroutine that fills its part of
// the record and returns the error that stopped it (style.md 3.1). They work
// on plain and TLS streams alike; probe.cpp strings them together.
#pragma once

#include "core/net.hpp"
#include "scanner/probe.hpp"
#include "scanner/record.hpp"
#include "scanner/smtp/reply_reader.hpp"

namespace smtpsweep::scanner::smtp {

/// One SMTP conversation: the record being filled and the connection's reader.
struct dialogue {
    record rec;
    reply_reader reader;
    const probe_options& opts;

    /// The record's smtp part (created on first use).
    smtp_info& smtp();
    /// Records a failure at the current phase (status and error text).
    void fail(const core::error_code& ec);
};

/// Reads the banner: banner, banner_code, hostname, software.
template <class Stream>
core::awaitable<core::error_code> read_banner(Stream& s, dialogue& d);

/// EHLO, or HELO when EHLO gets 5xx: ehlo, helo_fallback, auth_before_tls on a
/// plain stream, hostname/software from the greeting when the banner had none.
template <class Stream>
core::awaitable<core::error_code> say_ehlo(Stream& s, dialogue& d);

/// EHLO again after STARTTLS: ehlo_tls.
template <class Stream>
core::awaitable<core::error_code> say_ehlo_again(Stream& s, dialogue& d);

/// MAIL FROM / RCPT TO with RFC 2606 addresses the server does not own, then
/// RSET; never DATA. Fills smtp.relay.
template <class Stream>
core::awaitable<core::error_code> check_relay(Stream& s, dialogue& d);

/// QUIT; a server that closes without its 221 is not a failure.
template <class Stream>
core::awaitable<void> say_quit(Stream& s, dialogue& d);

/// Banner then EHLO. True when the session may go on (STARTTLS, relay);
/// false when it ended: a failure was recorded, or a non-2xx banner was
/// answered with QUIT.
template <class Stream>
core::awaitable<bool> greet(Stream& s, dialogue& d);

/// The relay check when asked for (and EHLO/HELO succeeded), then QUIT.
template <class Stream>
core::awaitable<void> finish_session(Stream& s, dialogue& d);

}  // namespace smtpsweep::scanner::smtp
