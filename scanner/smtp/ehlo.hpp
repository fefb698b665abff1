// The EHLO reply as data (RFC 5321 4.1.1.1): the first line greets, every
// further line is one service extension keyword with its parameters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scanner/smtp/reply_parser.hpp"

namespace smtpsweep::scanner::smtp {

/// Extension lines of an EHLO reply, greeting line excluded, trimmed.
std::vector<std::string> capabilities(const reply& ehlo);

/// True when `caps` advertises `keyword` (case-insensitive, e.g. "STARTTLS").
bool has_capability(const std::vector<std::string>& caps, std::string_view keyword);

/// AUTH mechanisms advertised in `caps`, upper-cased, first seen first; both
/// "AUTH PLAIN LOGIN" and the pre-standard "AUTH=LOGIN" forms count.
std::vector<std::string> auth_mechanisms(const std::vector<std::string>& caps);

}  // namespace smtpsweep::scanner::smtp
