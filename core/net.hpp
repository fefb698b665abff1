// The only networking aliases probe code uses (style.md 3.1): every co_await
// yields a tuple (error_code first) instead of throwing.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/system/error_code.hpp>

namespace smtpsweep {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
}  // namespace smtpsweep

namespace smtpsweep::core {
class tls_socket_stream;  // core/tls_socket_stream.hpp: include it to use tls_stream

using error_code = boost::system::error_code;
using token = net::as_tuple_t<net::use_awaitable_t<>>;
using tcp_stream = token::as_default_on_t<beast::tcp_stream>;
/// TLS client stream over a tcp_stream's socket (OpenSSL on the fd; lean).
using tls_stream = tls_socket_stream;
template <class T = void>
using awaitable = net::awaitable<T>;
}  // namespace smtpsweep::core
