// Error classification. Decisions worth knowing:
// - beast::error::timeout is how the stream deadline shows up; a bare
//   operation_aborted can only come from that deadline too (we cancel nothing
//   else), so both are `timeout`.
// - SSL-category errors are `tls-error` in any phase; stream_truncated (the
//   peer closed without close_notify) is a failed handshake during tls or
//   starttls, and an ordinary close (`io-error`) once the session is up.
// - address_not_available (EADDRNOTAVAIL) is local port exhaustion, not the
//   target's fault: it stays `io-error` with its own words, like other errors
//   we do not know.
#include "scanner/classify.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "scanner/smtp/error.hpp"

namespace smtpsweep::scanner {
namespace {

namespace aerr = boost::asio::error;

bool handshake_phase(phase p) { return p == phase::tls || p == phase::starttls; }

bool is_timeout(const boost::system::error_code& ec) {
    return ec == boost::beast::error::timeout || ec == aerr::operation_aborted ||
           ec == aerr::timed_out;
}

bool is_ssl(const boost::system::error_code& ec) {
    return ec.category() == boost::asio::error::get_ssl_category();
}

bool is_truncated(const boost::system::error_code& ec) {
    return ec == boost::asio::ssl::error::stream_truncated;
}

std::string_view phase_words(phase p) {
    switch (p) {
    case phase::connect: return "connect";
    case phase::tls: return "tls handshake";
    case phase::banner: return "banner";
    case phase::ehlo: return "ehlo";
    case phase::starttls: return "starttls";
    case phase::ehlo_tls: return "ehlo after starttls";
    case phase::relay: return "relay check";
    case phase::quit: return "quit";
    }
    return "probe";
}

std::string ssl_reason(const boost::system::error_code& ec) {
    // Reason strings exist only once OpenSSL loaded them; a worker's
    // SSL_CTX does that, but describe() must not depend on it.
    static const bool loaded = ::OPENSSL_init_ssl(
        OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, nullptr);
    (void)loaded;
    const char* r = ::ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
    return r ? std::string(r) : ec.message();
}

}  // namespace

status classify(const boost::system::error_code& ec, phase p) {
    if (ec == aerr::connection_refused) return status::refused;
    if (is_timeout(ec)) return status::timeout;
    if (ec == aerr::host_unreachable || ec == aerr::network_unreachable) return status::unreachable;
    if (is_ssl(ec) || (is_truncated(ec) && handshake_phase(p))) return status::tls_error;
    if (ec.category() == smtp::error_category()) return status::protocol_error;
    return status::io_error;
}

std::string describe(const boost::system::error_code& ec, phase p) {
    const std::string where = " during " + std::string(phase_words(p));
    switch (classify(ec, p)) {
    case status::refused: return "connection refused";
    case status::timeout: return "timeout" + where;
    case status::unreachable: return ec.message();
    case status::tls_error: {
        const auto reason = is_ssl(ec) ? ssl_reason(ec) : std::string("connection closed");
        return handshake_phase(p) ? "tls handshake failed: " + reason
                                  : "tls error" + where + ": " + reason;
    }
    case status::protocol_error: return ec.message() + where;
    default: break;
    }
    if (ec == aerr::eof || is_truncated(ec)) return "connection closed" + where;
    if (ec == aerr::connection_reset) return "connection reset" + where;
    if (ec == aerr::broken_pipe) return "broken pipe" + where;
    return ec.message() + where;
}

}  // namespace smtpsweep::scanner
