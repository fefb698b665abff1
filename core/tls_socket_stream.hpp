// A lean TLS client stream: OpenSSL reads and writes the connected socket's
// fd itself (through core/socket_bio: no SIGPIPE, never blocking) and the
// stream only waits for readiness through Asio's reactor, retrying
// SSL_do_handshake/SSL_read_ex/SSL_write_ex on WANT_READ/WANT_WRITE.
// asio::ssl::stream costs about 70 KiB per connection on top of OpenSSL (two
// 17 KiB engine vectors and a BIO pair with 17 KiB per side); at 5000
// handshakes in flight that was over half the scanner's memory
// (bench/results/PROFILE.md). It keeps what the probe relied on: the
// tcp_stream's deadline (one timer armed at construction; when it fires,
// pending and later operations end with beast::error::timeout), error codes
// as asio::ssl::stream reports them (SSL category, eof,
// ssl::error::stream_truncated), and the default completion token of
// core::tcp_stream (as_tuple(use_awaitable)), so generic SMTP code works on
// both stream types, including net::async_write.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <openssl/ssl.h>

#include "core/net.hpp"

namespace smtpsweep::core {

/// What one SSL call on the stream asks for next.
enum class tls_step { done, want_read, want_write };

/// TLS over a connected socket's fd; move-only, one per TLS session.
class tls_socket_stream {
public:
    using executor_type = tcp_stream::executor_type;
    using socket_type = tcp_stream::socket_type;
    using clock = std::chrono::steady_clock;
    /// The completion token operations use when given none.
    using default_token = net::default_completion_token_t<executor_type>;

    /// Takes the connected socket out of `tcp`; a fresh SSL from `ctx`;
    /// operations fail with beast::error::timeout from `deadline` on.
    tls_socket_stream(tcp_stream&& tcp, ssl::context& ctx, clock::time_point deadline);
    tls_socket_stream(tls_socket_stream&&) noexcept = default;
    tls_socket_stream& operator=(tls_socket_stream&&) = delete;
    ~tls_socket_stream();

    /// The socket's executor.
    executor_type get_executor() noexcept { return state_->socket.get_executor(); }
    /// The SSL object (for SNI before the handshake and inspection after).
    SSL* native_handle() noexcept { return ssl_.get(); }

    /// Client handshake; completes with (error_code).
    template <class Token = default_token>
    auto async_handshake(ssl::stream_base::handshake_type type, Token&& token = {});
    /// Reads at least one octet of plaintext into the first non-empty buffer.
    template <class Buffers, class Token = default_token>
    auto async_read_some(const Buffers& buffers, Token&& token = {});
    /// Writes the first non-empty buffer (all of it: no partial writes).
    template <class Buffers, class Token = default_token>
    auto async_write_some(const Buffers& buffers, Token&& token = {});

    /// One non-blocking attempt of `kind` (0 handshake, 1 read, 2 write) on
    /// `buf`; sets `ec` and `n` when done. Used by the operation below.
    tls_step attempt(int kind, net::mutable_buffer buf, error_code& ec, std::size_t& n);
    /// True once the deadline has passed (operations then fail with timeout).
    bool timed_out() const noexcept { return state_->timed_out; }
    /// The socket, for readiness waits.
    socket_type& socket() noexcept { return state_->socket; }

private:
    struct shared_state {
        socket_type socket;
        bool timed_out = false;
    };
    struct ssl_free {
        void operator()(SSL* s) const noexcept { ::SSL_free(s); }
    };

    void arm(clock::time_point deadline);

    // Shared with the deadline timer's handler, which holds it weakly: a
    // handler queued just before the stream dies must find nothing to touch.
    std::shared_ptr<shared_state> state_;
    net::steady_timer timer_;
    std::unique_ptr<SSL, ssl_free> ssl_;
};

}  // namespace smtpsweep::core

#include "core/impl/tls_socket_stream.hpp"
