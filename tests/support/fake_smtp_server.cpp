// Scripted fake SMTP/TLS server. A session keeps one ssl::stream and a flag
// saying whether TLS is up; reads and writes go to the stream or its TCP
// layer accordingly. Errors end the session quietly: the probe under test is
// what the assertions look at.
#include "tests/support/fake_smtp_server.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace smtpsweep::test {
namespace {

namespace net = boost::asio;
using net::ip::tcp;
constexpr auto tok = net::as_tuple(net::use_awaitable);

struct session {
    net::ssl::stream<tcp::socket> s;
    bool tls = false;
    std::string in;

    net::awaitable<bool> write(const std::string& bytes) {
        auto [ec, n] = tls ? co_await net::async_write(s, net::buffer(bytes), tok)
                           : co_await net::async_write(s.next_layer(), net::buffer(bytes), tok);
        co_return !ec;
    }

    net::awaitable<std::optional<std::string>> read_line() {
        auto buf = net::dynamic_buffer(in, 64 * 1024);
        auto [ec, n] = tls ? co_await net::async_read_until(s, buf, '\n', tok)
                           : co_await net::async_read_until(s.next_layer(), buf, '\n', tok);
        if (ec) co_return std::nullopt;
        std::string line = in.substr(0, n);
        in.erase(0, n);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        co_return line;
    }

    // Reads (and drops) until the client closes or fails.
    net::awaitable<void> drain() {
        char buf[1024];
        for (;;) {
            auto [ec, n] = tls ? co_await s.async_read_some(net::buffer(buf), tok)
                               : co_await s.next_layer().async_read_some(net::buffer(buf), tok);
            if (ec) co_return;
        }
    }
};

bool starts_with_icase(const std::string& line, const std::string& prefix) {
    return line.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), line.begin(), [](char a, char b) {
               return std::toupper(static_cast<unsigned char>(a)) ==
                      std::toupper(static_cast<unsigned char>(b));
           });
}

}  // namespace

step send(std::string bytes) { return {step::kind::send, std::move(bytes)}; }
step expect(std::string prefix) { return {step::kind::expect, std::move(prefix)}; }
step start_tls() { return {step::kind::start_tls, {}}; }
step close() { return {step::kind::close, {}}; }
step stall() { return {step::kind::stall, {}}; }

std::string test_cert_path(const std::string& file) {
    return std::string(SMTPSWEEP_TEST_CERTS_DIR) + "/" + file;
}

fake_smtp_server::fake_smtp_server(net::io_context& ioc, std::vector<script> scripts,
                                   const std::string& cert)
    : acceptor_(ioc, tcp::endpoint(net::ip::make_address_v4("127.0.0.1"), 0)),
      scripts_(std::move(scripts)) {
    tls_.use_certificate_chain_file(test_cert_path(cert + ".pem"));
    tls_.use_private_key_file(test_cert_path(cert + ".key"), net::ssl::context::pem);
    port_ = acceptor_.local_endpoint().port();
    net::co_spawn(ioc, accept_loop(), net::detached);
}

void fake_smtp_server::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

net::awaitable<void> fake_smtp_server::accept_loop() {
    for (;;) {
        auto [ec, sock] = co_await acceptor_.async_accept(tok);
        if (ec) co_return;
        const auto& s = scripts_[std::min(connections_, scripts_.size() - 1)];
        ++connections_;
        net::co_spawn(acceptor_.get_executor(), play(std::move(sock), s), net::detached);
    }
}

net::awaitable<void> fake_smtp_server::play(tcp::socket sock, script steps) {
    session ss{net::ssl::stream<tcp::socket>(std::move(sock), tls_), false, {}};
    for (const auto& st : steps) {
        switch (st.what) {
        case step::kind::send:
            if (!co_await ss.write(st.text)) co_return;
            break;
        case step::kind::expect: {
            auto line = co_await ss.read_line();
            if (!line) co_return;
            received_.push_back(*line);
            if (!starts_with_icase(*line, st.text))
                mismatches_.push_back("expected " + st.text + ", got " + *line);
            break;
        }
        case step::kind::start_tls: {
            auto [ec] = co_await ss.s.async_handshake(net::ssl::stream_base::server, tok);
            if (ec) co_return;
            ss.tls = true;
            break;
        }
        case step::kind::close: {
            boost::system::error_code ignored;
            ss.s.next_layer().shutdown(tcp::socket::shutdown_send, ignored);
            co_await ss.drain();
            co_return;
        }
        case step::kind::stall: co_await ss.drain(); co_return;
        }
    }
    // End of script: close gracefully as well.
    boost::system::error_code ignored;
    ss.s.next_layer().shutdown(tcp::socket::shutdown_send, ignored);
    co_await ss.drain();
}

}  // namespace smtpsweep::test
