// SMTP protocol failures as boost::system error codes (Beast's http::error
// pattern, style.md 3.4), so every probe failure, network or protocol, flows
// through one error_code and one classify() into a record status.
#pragma once

#include <type_traits>

#include <boost/system/error_code.hpp>

namespace smtpsweep::scanner::smtp {

/// What can go wrong at the SMTP layer (the peer did not speak SMTP properly).
enum class error {
    bad_reply = 1,        ///< a line without a valid 3-digit reply code
    line_too_long,        ///< a reply line over reply_parser::max_line octets
    reply_too_long,       ///< a reply over max_reply_bytes octets or max_reply_lines lines
    unexpected_code,      ///< a reply code the dialogue cannot continue from
    plaintext_injection,  ///< bytes pipelined after the 220 to STARTTLS
    code_mismatch,        ///< lines of one multi-line reply carry different codes
};

/// The "smtp" error category.
const boost::system::error_category& error_category() noexcept;

/// Makes `e` an error_code of the smtp category (found by ADL).
boost::system::error_code make_error_code(error e) noexcept;

}  // namespace smtpsweep::scanner::smtp

template <>
struct boost::system::is_error_code_enum<smtpsweep::scanner::smtp::error> : std::true_type {};
