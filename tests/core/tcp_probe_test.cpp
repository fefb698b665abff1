// End to end over loopback: the engine drives a plain-TCP banner probe
// (connect with a deadline, read one line) against a local Asio acceptor on
// 127.0.0.1 that greets and hangs up, plus a closed port that refuses.
#include <catch2/catch.hpp>

#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "core/engine.hpp"
#include "tests/core/fakes.hpp"

using namespace smtpsweep;
using namespace smtpsweep::core;
namespace ip = boost::asio::ip;

namespace {
enum tcp_status : std::size_t { banner, refused, timeout, other };

/// Connects, reads the greeting line; the demonstration probe.
class banner_probe final : public worker_probe {
public:
    awaitable<std::size_t> probe(targets::target t) override {
        tcp_stream stream{co_await net::this_coro::executor};
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        stream.expires_at(deadline);
        ip::tcp::endpoint ep{ip::address_v4{t.ip}, t.port};
        auto [ec] = co_await stream.async_connect(ep);
        if (ec == net::error::connection_refused) co_return refused;
        if (ec == beast::error::timeout) co_return timeout;
        if (ec) co_return other;
        std::string line;
        auto [rec, n] = co_await net::async_read_until(stream, net::dynamic_buffer(line, 512), "\n");
        if (rec) co_return rec == beast::error::timeout ? timeout : other;
        co_return line.starts_with("220 ") ? banner : other;
    }
};

awaitable<void> greet(ip::tcp::socket s) {
    co_await net::async_write(s, net::buffer(std::string_view("220 test ESMTP\r\n")), token{});
}

awaitable<void> serve(ip::tcp::acceptor& acceptor) {
    for (;;) {
        auto [ec, s] = co_await acceptor.async_accept(token{});
        if (ec) co_return;
        net::co_spawn(acceptor.get_executor(), greet(std::move(s)), net::detached);
    }
}

/// Targets: `n` times the open port, then once the closed port.
class loopback_source final : public target_source {
public:
    loopback_source(std::uint16_t open, std::uint16_t closed, std::uint64_t n)
        : open_(open), closed_(closed), n_(n) {}
    std::optional<targets::target> next() override {
        if (i_ > n_) return std::nullopt;
        return targets::target{0x7f000001u, i_++ < n_ ? open_ : closed_};
    }
    targets::cursor_position position() const override { return {i_, i_ > n_}; }

private:
    std::uint16_t open_, closed_;
    std::uint64_t n_, i_ = 0;
};
}  // namespace

TEST_CASE("the engine runs a tcp banner probe against a loopback server",
          "[core][engine][loopback]") {
    net::io_context server_ioc{1};
    ip::tcp::acceptor acceptor{server_ioc, {ip::address_v4::loopback(), 0}};
    auto const open = acceptor.local_endpoint().port();
    std::uint16_t closed = 0;
    {
        ip::tcp::acceptor probe_port{server_ioc, {ip::address_v4::loopback(), 0}};
        closed = probe_port.local_endpoint().port();
    }
    net::co_spawn(server_ioc, serve(acceptor), net::detached);
    std::thread server{[&] { server_ioc.run(); }};

    engine_options opts;
    opts.threads = 1;  // one source: loopback_source is not split
    opts.concurrency = 8;
    opts.progress = false;
    opts.status_names = {"banner", "refused", "timeout", "other"};
    auto const result = run_sources(
        [&](unsigned, unsigned, targets::cursor_position) {
            return std::make_unique<loopback_source>(open, closed, 40);
        },
        41, opts, [](net::io_context&, unsigned) { return std::make_unique<banner_probe>(); });
    server_ioc.stop();
    server.join();

    CHECK(result.done == 41);
    CHECK(result.by_status == std::vector<std::uint64_t>{40, 1, 0, 0});
}
