// classify/describe: every error family in every relevant phase, as a table.
#include <cerrno>
#include <string>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <catch2/catch.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "scanner/classify.hpp"
#include "scanner/smtp/error.hpp"

using namespace smtpsweep::scanner;
using boost::system::error_code;
namespace aerr = boost::asio::error;

namespace {

error_code ssl_error(int reason) {
    return {static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, reason)), aerr::get_ssl_category()};
}

}  // namespace

TEST_CASE("errors map to the spec's statuses by family and phase", "[scanner][classify]") {
    auto [ec, p, expected] = GENERATE(table<error_code, phase, status>({
        {aerr::connection_refused, phase::connect, status::refused},
        {boost::beast::error::timeout, phase::connect, status::timeout},
        {boost::beast::error::timeout, phase::starttls, status::timeout},
        {aerr::operation_aborted, phase::banner, status::timeout},
        {aerr::host_unreachable, phase::connect, status::unreachable},
        {aerr::network_unreachable, phase::connect, status::unreachable},
        {ssl_error(SSL_R_WRONG_VERSION_NUMBER), phase::tls, status::tls_error},
        {ssl_error(SSL_R_WRONG_VERSION_NUMBER), phase::starttls, status::tls_error},
        {boost::asio::ssl::error::stream_truncated, phase::tls, status::tls_error},
        {boost::asio::ssl::error::stream_truncated, phase::starttls, status::tls_error},
        {boost::asio::ssl::error::stream_truncated, phase::ehlo_tls, status::io_error},
        {aerr::eof, phase::banner, status::io_error},
        {aerr::connection_reset, phase::ehlo, status::io_error},
        {aerr::broken_pipe, phase::relay, status::io_error},
        {error_code(EADDRNOTAVAIL, boost::system::system_category()), phase::connect, status::io_error},
        {smtpsweep::scanner::smtp::error::bad_reply, phase::banner, status::protocol_error},
        {smtpsweep::scanner::smtp::error::line_too_long, phase::ehlo, status::protocol_error},
    }));
    INFO(ec.message() << " at " << to_string(p));
    CHECK(classify(ec, p) == expected);
}

TEST_CASE("error text names the failure and the phase", "[scanner][classify]") {
    auto [ec, p, expected] = GENERATE(table<error_code, phase, std::string>({
        {boost::beast::error::timeout, phase::starttls, "timeout during starttls"},
        {boost::beast::error::timeout, phase::tls, "timeout during tls handshake"},
        {aerr::connection_reset, phase::ehlo, "connection reset during ehlo"},
        {aerr::eof, phase::banner, "connection closed during banner"},
        {aerr::connection_refused, phase::connect, "connection refused"},
        {ssl_error(SSL_R_WRONG_VERSION_NUMBER), phase::tls,
         "tls handshake failed: wrong version number"},
        {boost::asio::ssl::error::stream_truncated, phase::starttls,
         "tls handshake failed: connection closed"},
        {smtpsweep::scanner::smtp::error::bad_reply, phase::banner, "bad reply during banner"},
    }));
    CHECK(describe(ec, p) == expected);
}

TEST_CASE("enum spellings round-trip through to_string and parse", "[scanner][record]") {
    for (std::size_t i = 0; i < status_count; ++i) {
        const auto s = static_cast<status>(i);
        CHECK(parse_status(to_string(s)) == s);
    }
    for (std::size_t i = 0; i < finding_count; ++i) {
        const auto f = static_cast<finding>(i);
        CHECK(parse_finding(to_string(f)) == f);
    }
    CHECK(to_string(status::tls_error) == "tls-error");
    CHECK(to_string(phase::ehlo_tls) == "ehlo_tls");
    CHECK(to_string(starttls_outcome::not_offered) == "not-offered");
    CHECK_FALSE(parse_status("tls_error"));
    CHECK_FALSE(parse_finding("open relay"));
}
