// The live view's server; see http_server.hpp.
//
//   http thread: io_context{1}
//     accept loop ── co_spawn ──► serve(connection) x at most max_connections
//                                   read request (bounded, deadline)
//                                   route(method, target, board.current())
//                                   write response; keep-alive or close
//
// One io_context run by one thread is an implicit strand, so the connection
// count is a plain integer. stop() stops the io_context; destroying it
// destroys the suspended coroutines, which close their sockets.
#include "scanner/live/http_server.hpp"

#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "core/net.hpp"
#include "scanner/live/router.hpp"

namespace smtpsweep::scanner::live {
namespace {

namespace http = beast::http;
using tcp = net::ip::tcp;
using acceptor = core::token::as_default_on_t<tcp::acceptor>;

struct server_state {
    const stats_board& board;
    server_limits limits;
    std::size_t connections = 0;
};

/// Counts one open connection for as long as it lives.
struct connection_slot {
    explicit connection_slot(server_state& st) : st_(st) { ++st_.connections; }
    ~connection_slot() { --st_.connections; }
    connection_slot(const connection_slot&) = delete;
    connection_slot& operator=(const connection_slot&) = delete;
    server_state& st_;
};

http::message_generator respond(const http::request<http::string_body>& req, const route_result& r) {
    auto const keep = req.keep_alive() && r.status < 400;
    auto fill = [&](auto& res) {
        for (const auto& [name, value] : r.headers) res.set(name, value);
        res.set(http::field::server, "smtpsweep");
        res.set("X-Content-Type-Options", "nosniff");
        res.content_length(r.body.size());
        res.keep_alive(keep);
    };
    if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{static_cast<http::status>(r.status), req.version()};
        fill(res);
        return res;
    }
    http::response<http::string_body> res{static_cast<http::status>(r.status), req.version(), r.body};
    fill(res);
    return res;
}

/// The status for a request that failed to parse, or 0 when the peer just
/// closed or went idle (nothing to answer).
unsigned parse_failure_status(const core::error_code& ec) {
    if (ec == http::error::header_limit) return 431;
    if (ec == http::error::body_limit) return 413;
    if (ec.category() != http::make_error_code(http::error::end_of_stream).category()) return 0;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
    return 400;
}

http::message_generator refuse(unsigned status) {
    http::response<http::string_body> res{static_cast<http::status>(status), 11,
                                          "bad request\n"};
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(false);
    res.prepare_payload();
    return res;
}

/// Serves one connection: requests one after another until close, error or timeout.
core::awaitable<void> serve(core::tcp_stream stream, server_state& st) {
    connection_slot slot{st};
    beast::flat_buffer buffer;
    for (;;) {
        stream.expires_after(st.limits.timeout);
        http::request_parser<http::string_body> parser;
        parser.header_limit(st.limits.header_limit);
        parser.body_limit(st.limits.body_limit);
        auto [ec, n] = co_await http::async_read(stream, buffer, parser);
        if (ec) {
            // Malformed or oversized requests get an answer; closed or idle ones just end.
            if (auto const status = parse_failure_status(ec); status != 0)
                co_await beast::async_write(stream, refuse(status), core::token{});
            break;
        }
        const auto& req = parser.get();
        auto const result = route(std::string_view{req.method_string()},
                                  std::string_view{req.target()}, st.board.current());
        auto msg = respond(req, result);
        auto const keep = msg.keep_alive();
        auto [wec, written] = co_await beast::async_write(stream, std::move(msg), core::token{});
        if (wec || !keep) break;
    }
    core::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

core::awaitable<void> accept_loop(acceptor& acc, server_state& st) {
    for (;;) {
        auto [ec, socket] = co_await acc.async_accept();
        if (ec == net::error::operation_aborted || !acc.is_open()) co_return;
        if (ec) {
            spdlog::debug("http: accept failed: {}", ec.message());
            continue;
        }
        if (st.connections >= st.limits.max_connections) continue;  // socket closes here
        net::co_spawn(acc.get_executor(), serve(core::tcp_stream{std::move(socket)}, st),
                      net::detached);
    }
}

}  // namespace

struct http_server::impl {
    impl(const stats_board& board, server_limits limits) : state{board, limits} {}
    server_state state;  // outlives the io_context and the coroutines it destroys
    net::io_context ioc{1};
    acceptor acc{ioc};
    std::uint16_t port = 0;
    std::thread thread;
};

http_server::http_server(const std::string& address, std::uint16_t port, const stats_board& board,
                         server_limits limits)
    : impl_(std::make_unique<impl>(board, limits)) {
    const tcp::endpoint ep{net::ip::make_address(address), port};
    impl_->acc.open(ep.protocol());
    impl_->acc.set_option(tcp::acceptor::reuse_address(true));
    impl_->acc.bind(ep);
    impl_->acc.listen(net::socket_base::max_listen_connections);
    impl_->port = impl_->acc.local_endpoint().port();
    net::co_spawn(impl_->ioc, accept_loop(impl_->acc, impl_->state), net::detached);
    impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

http_server::~http_server() { stop(); }

std::uint16_t http_server::port() const { return impl_->port; }

void http_server::stop() {
    if (!impl_->thread.joinable()) return;
    impl_->ioc.stop();
    impl_->thread.join();
}

}  // namespace smtpsweep::scanner::live
