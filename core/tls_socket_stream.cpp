// tls_socket_stream's non-template half: setup, the deadline, and one
// non-blocking SSL call with its result mapped the way asio::ssl::stream
// maps it (engine.ipp), so scanner/classify.cpp sees the same codes:
//   SSL_ERROR_SSL          -> SSL category, the first queued ERR code; an
//                             EOF without close_notify (OpenSSL 3 reports it
//                             as SSL_R_UNEXPECTED_EOF_WHILE_READING) ->
//                             ssl::error::stream_truncated, as asio reports
//                             the transport's EOF
//   SSL_ERROR_SYSCALL      -> errno as a system error (ECONNRESET...), or
//                             stream_truncated when it was a bare EOF
//   SSL_ERROR_ZERO_RETURN  -> net::error::eof (close_notify received)
#include "core/tls_socket_stream.hpp"

#include <cerrno>
#include <stdexcept>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>

#include "core/socket_bio.hpp"

namespace smtpsweep::core {
namespace {

error_code ssl_failure(unsigned long err) {
    if (ERR_GET_LIB(err) == ERR_LIB_SSL && ERR_GET_REASON(err) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
        return ssl::error::stream_truncated;
    return {static_cast<int>(err), net::error::get_ssl_category()};
}

error_code syscall_failure(unsigned long err, int sys_errno) {
    if (err != 0) {
        if (ERR_GET_LIB(err) == ERR_LIB_SYS)
            return {ERR_GET_REASON(err), boost::system::system_category()};
        return ssl_failure(err);
    }
    if (sys_errno != 0) return {sys_errno, boost::system::system_category()};
    return ssl::error::stream_truncated;
}

int call(SSL* ssl, int kind, net::mutable_buffer buf, std::size_t& n) {
    switch (kind) {
    case 0: return ::SSL_do_handshake(ssl);
    case 1: return ::SSL_read_ex(ssl, buf.data(), buf.size(), &n);
    default: return ::SSL_write_ex(ssl, buf.data(), buf.size(), &n);
    }
}

}  // namespace

tls_socket_stream::tls_socket_stream(tcp_stream&& tcp, ssl::context& ctx,
                                     clock::time_point deadline)
    : state_(std::make_shared<shared_state>(shared_state{tcp.release_socket()})),
      timer_(state_->socket.get_executor()),
      ssl_(::SSL_new(ctx.native_handle())) {
    if (!ssl_) throw std::runtime_error("tls_socket_stream: SSL_new failed");
    BIO* bio = new_socket_bio(static_cast<int>(state_->socket.native_handle()));
    if (!bio) throw std::runtime_error("tls_socket_stream: BIO_new failed");
    ::SSL_set_bio(ssl_.get(), bio, bio);  // one reference, owned by the SSL
    ::SSL_set_mode(ssl_.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Whole socket reads instead of a header and a body recv per record.
    ::SSL_set_read_ahead(ssl_.get(), 1);
    ::SSL_set_connect_state(ssl_.get());
    arm(deadline);
}

tls_socket_stream::~tls_socket_stream() {
    // The SSL's BIO does not own the fd (BIO_NOCLOSE): free it first, then
    // the socket closes with the shared state.
    ssl_.reset();
    if (state_) timer_.cancel();
}

void tls_socket_stream::arm(clock::time_point deadline) {
    timer_.expires_at(deadline);
    timer_.async_wait([weak = std::weak_ptr<shared_state>(state_)](const error_code& ec) {
        if (ec) return;  // cancelled: the stream is gone or done
        if (const auto s = weak.lock()) {
            s->timed_out = true;
            error_code ignored;
            s->socket.cancel(ignored);  // a pending readiness wait ends now
        }
    });
}

tls_step tls_socket_stream::attempt(int kind, net::mutable_buffer buf, error_code& ec,
                                    std::size_t& n) {
    n = 0;
    ec = {};
    if (kind != 0 && buf.size() == 0) return tls_step::done;
    ::ERR_clear_error();
    errno = 0;
    const int r = call(ssl_.get(), kind, buf, n);
    const int sys_errno = errno;
    if (r == 1) return tls_step::done;
    switch (::SSL_get_error(ssl_.get(), r)) {
    case SSL_ERROR_WANT_READ: return tls_step::want_read;
    case SSL_ERROR_WANT_WRITE: return tls_step::want_write;
    case SSL_ERROR_ZERO_RETURN: ec = net::error::eof; break;
    case SSL_ERROR_SYSCALL: ec = syscall_failure(::ERR_get_error(), sys_errno); break;
    case SSL_ERROR_SSL: ec = ssl_failure(::ERR_get_error()); break;
    default: ec = ssl::error::unexpected_result; break;
    }
    n = 0;
    return tls_step::done;
}

}  // namespace smtpsweep::core
