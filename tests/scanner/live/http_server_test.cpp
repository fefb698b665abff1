// The Beast server on 127.0.0.1:0 with a plain synchronous Beast client:
// answers, keep-alive, HEAD, limits (header, body, connections, idle timeout).
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "scanner/live/http_server.hpp"
#include "tests/scanner/live/live_fixture.hpp"

using namespace smtpsweep::scanner::live;
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

struct client {
    explicit client(std::uint16_t port) : socket(ioc) {
        socket.connect({net::ip::make_address("127.0.0.1"), port});
    }
    http::response<http::string_body> get(http::verb verb, const std::string& target,
                                          std::string body = {}) {
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.body() = std::move(body);
        req.prepare_payload();
        http::write(socket, req);
        return read(verb == http::verb::head);
    }
    http::response<http::string_body> read(bool head = false) {
        http::response_parser<http::string_body> parser;
        parser.skip(head);
        http::read(socket, buffer, parser);
        return parser.release();
    }
    net::io_context ioc;
    tcp::socket socket;
    boost::beast::flat_buffer buffer;
};

/// True when the server closed the connection without answering.
bool closed_without_answer(client& c) {
    boost::system::error_code ec;
    http::response<http::string_body> res;
    http::read(c.socket, c.buffer, res, ec);
    return ec == http::error::end_of_stream || ec == net::error::connection_reset ||
           ec == net::error::eof;
}

}  // namespace

TEST_CASE("server answers the routes over real loopback http", "[live][server]") {
    stats_board board;
    auto s = test::sample_stats();
    s.done = 42;
    board.publish(s);
    http_server server{"127.0.0.1", 0, board};
    REQUIRE(server.port() != 0);
    client c{server.port()};

    auto const metrics = c.get(http::verb::get, "/metrics");
    CHECK(metrics.result_int() == 200);
    CHECK(metrics.body().rfind("# HELP smtpsweep_up", 0) == 0);
    CHECK(metrics[http::field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(metrics.keep_alive());

    auto const status = c.get(http::verb::get, "/status.json");  // same connection
    CHECK_THAT(status.body(), Catch::Contains("\"done\":42,"));

    auto const head = c.get(http::verb::head, "/");
    CHECK(head.result_int() == 200);
    CHECK(head.body().empty());
    CHECK(std::stoul(std::string(head[http::field::content_length])) > 1000);

    CHECK(c.get(http::verb::get, "/nope").result_int() == 404);
}

TEST_CASE("server refuses other methods with 405 and closes", "[live][server]") {
    stats_board board;
    http_server server{"127.0.0.1", 0, board};
    client c{server.port()};
    auto const res = c.get(http::verb::post, "/metrics", "x=1");
    CHECK(res.result_int() == 405);
    CHECK(res[http::field::allow] == "GET, HEAD");
    CHECK_FALSE(res.keep_alive());
}

TEST_CASE("server bounds request headers and bodies", "[live][server]") {
    stats_board board;
    http_server server{"127.0.0.1", 0, board, server_limits{4, std::chrono::seconds{10}, 1024, 16}};
    SECTION("a huge header gets 431") {
        client c{server.port()};
        http::request<http::string_body> req{http::verb::get, "/metrics", 11};
        req.set("X-Filler", std::string(4000, 'a'));
        http::write(c.socket, req);
        CHECK(c.read().result_int() == 431);
    }
    SECTION("a body over the limit gets 413") {
        client c{server.port()};
        CHECK(c.get(http::verb::post, "/", std::string(100, 'b')).result_int() == 413);
    }
    SECTION("garbage gets 400") {
        client c{server.port()};
        net::write(c.socket, net::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
        CHECK(c.read().result_int() == 400);
    }
}

TEST_CASE("server closes connections over the limit at once", "[live][server]") {
    stats_board board;
    http_server server{"127.0.0.1", 0, board, server_limits{1, std::chrono::seconds{10}}};
    client first{server.port()};
    REQUIRE(first.get(http::verb::get, "/metrics").result_int() == 200);  // first is open
    client second{server.port()};
    CHECK(closed_without_answer(second));
    CHECK(first.get(http::verb::get, "/metrics").result_int() == 200);
}

TEST_CASE("server closes idle connections after the timeout", "[live][server]") {
    stats_board board;
    http_server server{"127.0.0.1", 0, board, server_limits{4, std::chrono::seconds{1}}};
    client idle{server.port()};
    CHECK(closed_without_answer(idle));  // returns once the server's deadline closes it
}

TEST_CASE("server reports an address it cannot bind", "[live][server]") {
    stats_board board;
    http_server first{"127.0.0.1", 0, board};
    CHECK_THROWS_AS(http_server("127.0.0.1", first.port(), board), boost::system::system_error);
    CHECK_THROWS(http_server("not-an-address", 0, board));
}
