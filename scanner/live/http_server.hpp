// The live view's HTTP server (Boost.Beast, coroutines): its own thread and
// io_context, so the engine's main thread (signals, progress) never waits on
// a browser. Answers from a stats_board via route(). Bounded: request
// header size, request body size, a deadline per request and per idle
// keep-alive connection, and a maximum number of open connections (more are
// closed at once).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "scanner/live/stats_board.hpp"

namespace smtpsweep::scanner::live {

/// Bounds of the server.
struct server_limits {
    std::size_t max_connections = 32;         ///< open connections at once
    std::chrono::seconds timeout{10};         ///< per request (read + write) and idle keep-alive
    std::uint32_t header_limit = 8 * 1024;    ///< request line + headers, bytes
    std::uint64_t body_limit = 1024;          ///< request body, bytes
};

/// Listens on address:port and serves `board` until stop() or destruction.
class http_server {
public:
    /// Binds and starts serving on a new thread. Throws boost::system::system_error
    /// when the address is invalid or cannot be bound (e.g. in use).
    http_server(const std::string& address, std::uint16_t port, const stats_board& board,
                server_limits limits = {});
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;
    /// Stops and joins the server thread.
    ~http_server();

    /// The bound port (useful with port 0).
    std::uint16_t port() const;
    /// Stops serving (open connections are closed) and joins the thread; idempotent.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace smtpsweep::scanner::live
