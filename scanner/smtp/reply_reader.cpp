// Reply reading and command sending over the two stream types the probe
// uses (explicitly instantiated below, so the templates stay out of headers).
#include "scanner/smtp/reply_reader.hpp"

#include <boost/asio/write.hpp>

#include "core/tls_socket_stream.hpp"

namespace smtpsweep::scanner::smtp {

bool reply_reader::parse_buffered(core::error_code& ec) {
    const auto used = parser_.feed({buf_.data() + begin_, end_ - begin_}, ec);
    begin_ += used;
    if (begin_ == end_) begin_ = end_ = 0;
    return parser_.done();
}

template <class Stream>
core::awaitable<std::tuple<core::error_code, reply>> reply_reader::read(Stream& s) {
    core::error_code ec;
    while (!parse_buffered(ec)) {
        if (ec) break;
        // parse_buffered consumed everything: the buffer is empty here.
        auto [rec, n] = co_await s.async_read_some(net::buffer(buf_));
        if (rec) {
            ec = rec;
            break;
        }
        end_ = n;
    }
    if (ec) {
        reset();
        co_return std::tuple{ec, reply{}};
    }
    co_return std::tuple{core::error_code{}, parser_.take()};
}

std::string reply_reader::take_leftover() {
    std::string out(buf_.data() + begin_, end_ - begin_);
    begin_ = end_ = 0;
    return out;
}

void reply_reader::reset() {
    parser_.reset();
    begin_ = end_ = 0;
}

template <class Stream>
core::awaitable<core::error_code> send_line(Stream& s, std::string line) {
    line += "\r\n";
    auto [ec, n] = co_await net::async_write(s, net::buffer(line));
    (void)n;
    co_return ec;
}

template <class Stream>
core::awaitable<std::tuple<core::error_code, reply>> command(Stream& s, reply_reader& r,
                                                             std::string line) {
    if (auto ec = co_await send_line(s, std::move(line))) co_return std::tuple{ec, reply{}};
    co_return co_await r.read(s);
}

template core::awaitable<std::tuple<core::error_code, reply>> reply_reader::read(core::tcp_stream&);
template core::awaitable<std::tuple<core::error_code, reply>> reply_reader::read(core::tls_stream&);
template core::awaitable<core::error_code> send_line(core::tcp_stream&, std::string);
template core::awaitable<core::error_code> send_line(core::tls_stream&, std::string);
template core::awaitable<std::tuple<core::error_code, reply>> command(core::tcp_stream&,
                                                                      reply_reader&, std::string);
template core::awaitable<std::tuple<core::error_code, reply>> command(core::tls_stream&,
                                                                      reply_reader&, std::string);

}  // namespace smtpsweep::scanner::smtp
