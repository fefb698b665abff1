// Reads SMTP replies from a stream through a fixed 4 KiB buffer and the
// bounded reply_parser. Bytes that arrive after a complete reply stay
// buffered for the next one (pipelining, RFC 2920), except where the caller
// must check for them: after the 220 to STARTTLS, leftovers are plaintext
// injection (CVE-2011-0411 family) and must be dropped, see take_leftover().
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <tuple>

#include "core/net.hpp"
#include "scanner/smtp/reply_parser.hpp"

namespace smtpsweep::scanner::smtp {

/// Per-connection reply reader; one per session (reset it on a new connection).
class reply_reader {
public:
    /// Reads one complete reply from `s` (core::tcp_stream or core::tls_stream);
    /// errors are the stream's or smtp::error values.
    template <class Stream>
    core::awaitable<std::tuple<core::error_code, reply>> read(Stream& s);

    /// Octets received but not yet parsed.
    std::size_t buffered() const noexcept { return end_ - begin_; }
    /// Drops and returns the buffered octets (checked after STARTTLS's 220).
    std::string take_leftover();
    /// Forgets all state (for a new connection).
    void reset();

private:
    bool parse_buffered(core::error_code& ec);

    reply_parser parser_;
    std::array<char, 4096> buf_{};
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

/// Sends `line` followed by CRLF.
template <class Stream>
core::awaitable<core::error_code> send_line(Stream& s, std::string line);

/// Sends `line` and reads the reply.
template <class Stream>
core::awaitable<std::tuple<core::error_code, reply>> command(Stream& s, reply_reader& r,
                                                             std::string line);

}  // namespace smtpsweep::scanner::smtp
