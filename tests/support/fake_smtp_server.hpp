// A scripted SMTP/TLS server on 127.0.0.1:0 for probe tests: each accepted
// connection plays a script of steps (send, expect, start TLS, close,
// stall), so tests can inject every failure the probe must survive. It runs
// on the caller's io_context (one thread for server and probe keeps tests
// deterministic); stop() closes the listener so run() can return.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace smtpsweep::test {

/// One action of the server.
struct step {
    enum class kind { send, expect, start_tls, close, stall };
    kind what;
    std::string text;  ///< bytes to send, or the prefix an expected line starts with
};

/// Sends `bytes` as they are (include the CRLFs).
step send(std::string bytes);
/// Reads one line and checks it starts with `prefix` (case-insensitive).
step expect(std::string prefix);
/// Server-side TLS handshake with the configured certificate.
step start_tls();
/// Graceful close: FIN, drain what the client still sends, then close (no RST).
step close();
/// Says nothing more until the client goes away.
step stall();

using script = std::vector<step>;

class fake_smtp_server {
public:
    /// Listens on 127.0.0.1:0; connection i plays scripts[min(i, size - 1)];
    /// TLS uses NAME.pem/NAME.key from SMTPSWEEP_TEST_CERTS_DIR (`cert` = NAME).
    fake_smtp_server(boost::asio::io_context& ioc, std::vector<script> scripts,
                     const std::string& cert = "valid");
    /// The port it listens on.
    std::uint16_t port() const { return port_; }
    /// Stops accepting; sessions end when their clients leave.
    void stop();
    /// Connections accepted so far.
    std::size_t connections() const { return connections_; }
    /// Every line the clients sent, in order.
    const std::vector<std::string>& received() const { return received_; }
    /// Expect steps whose line did not match ("expected X, got Y").
    const std::vector<std::string>& mismatches() const { return mismatches_; }

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> play(boost::asio::ip::tcp::socket sock, script s);

    boost::asio::ssl::context tls_{boost::asio::ssl::context::tls_server};
    boost::asio::ip::tcp::acceptor acceptor_;
    std::vector<script> scripts_;
    std::uint16_t port_ = 0;
    std::size_t connections_ = 0;
    std::vector<std::string> received_;
    std::vector<std::string> mismatches_;
};

/// Path of a file in the generated test certificate directory.
std::string test_cert_path(const std::string& file);

}  // namespace smtpsweep::test
