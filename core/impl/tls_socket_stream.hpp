// The one composed operation behind tls_socket_stream's handshake, read and
// write: attempt the SSL call; on WANT_READ/WANT_WRITE wait for readiness on
// the socket (OpenSSL saw EAGAIN first, so the reactor's next edge is ours)
// and retry; complete with the result. An operation that finishes at once is
// completed through a post, never inside its initiating call.
#pragma once

#include <utility>

#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>

namespace smtpsweep::core {
namespace detail {

/// State of one handshake/read/write; `kind` as in tls_socket_stream::attempt.
/// `Sized`: completes with (error_code, std::size_t), else (error_code).
template <bool Sized>
class tls_io_op {
public:
    tls_io_op(tls_socket_stream& s, int kind, net::mutable_buffer buf) noexcept
        : s_(&s), kind_(kind), buf_(buf) {}

    template <class Self>
    void operator()(Self& self, error_code wait_ec = {}) {
        if (finished_) return complete(self);
        if (s_->timed_out() || wait_ec) {
            ec_ = s_->timed_out() ? error_code(beast::error::timeout) : wait_ec;
            return finish(self);
        }
        const auto step = s_->attempt(kind_, buf_, ec_, n_);
        if (step == tls_step::done) return finish(self);
        started_ = true;
        const auto w = step == tls_step::want_read ? tls_socket_stream::socket_type::wait_read
                                                   : tls_socket_stream::socket_type::wait_write;
        s_->socket().async_wait(w, std::move(self));
    }

private:
    template <class Self>
    void finish(Self& self) {
        finished_ = true;
        if (started_) return complete(self);
        // Still inside the initiating call: complete as if by post.
        net::post(s_->get_executor(), std::move(self));
    }

    template <class Self>
    void complete(Self& self) {
        const auto ec = ec_;
        if constexpr (Sized)
            self.complete(ec, std::size_t{n_});
        else
            self.complete(ec);
    }

    tls_socket_stream* s_;
    int kind_;
    net::mutable_buffer buf_;
    error_code ec_;
    std::size_t n_ = 0;
    bool started_ = false;
    bool finished_ = false;
};

/// The first non-empty buffer of `buffers` (as a mutable view: writes only read it).
template <class Buffers>
net::mutable_buffer first_buffer(const Buffers& buffers) {
    for (auto it = net::buffer_sequence_begin(buffers); it != net::buffer_sequence_end(buffers);
         ++it) {
        const auto b = *it;
        if (b.size() != 0)
            return {const_cast<void*>(static_cast<const void*>(b.data())), b.size()};
    }
    return {};
}

}  // namespace detail

template <class Token>
auto tls_socket_stream::async_handshake(ssl::stream_base::handshake_type, Token&& token) {
    // Only client handshakes: the SSL was made for connect state.
    return net::async_compose<Token, void(error_code)>(
        detail::tls_io_op<false>{*this, 0, {}}, token, state_->socket);
}

template <class Buffers, class Token>
auto tls_socket_stream::async_read_some(const Buffers& buffers, Token&& token) {
    return net::async_compose<Token, void(error_code, std::size_t)>(
        detail::tls_io_op<true>{*this, 1, detail::first_buffer(buffers)}, token, state_->socket);
}

template <class Buffers, class Token>
auto tls_socket_stream::async_write_some(const Buffers& buffers, Token&& token) {
    return net::async_compose<Token, void(error_code, std::size_t)>(
        detail::tls_io_op<true>{*this, 2, detail::first_buffer(buffers)}, token, state_->socket);
}

}  // namespace smtpsweep::core
