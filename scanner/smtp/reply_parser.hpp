// Incremental SMTP reply parser (RFC 5321 4.2): bytes in, complete replies
// out, however the network splits them. Memory is bounded by the limits below
// whatever the peer sends, so a hostile or broken server cannot make a probe
// allocate more than about 64 KiB.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/system/error_code.hpp>

namespace smtpsweep::scanner::smtp {

/// One complete reply: its code and the text of each line (after "NNN-"/"NNN ").
struct reply {
    int code = 0;
    std::vector<std::string> lines;

    /// Line texts joined with "\n".
    std::string text() const;
    /// The reply as sent ("250-a\n250 b"), line ends normalised to "\n".
    std::string wire_text() const;
    /// 2yz.
    bool positive() const noexcept { return code / 100 == 2; }
};

/// Feed bytes, take replies. Accepts CRLF and bare LF line ends.
class reply_parser {
public:
    /// Longest line content accepted, terminator excluded. RFC 5321 4.5.3.1.5
    /// allows reply lines of only 512 octets, but real servers exceed it (long
    /// banners, EHLO lines); we accept up to the 1000-octet text-line limit of
    /// 4.5.3.1.6 so that such servers are measured rather than rejected.
    static constexpr std::size_t max_line = 1000;
    /// Largest reply in octets (terminators included).
    static constexpr std::size_t max_reply_bytes = 64 * 1024;
    /// Most lines in one reply.
    static constexpr std::size_t max_reply_lines = 1000;

    /// Consumes bytes of `data` up to the end of the next complete reply (or
    /// all of it) and returns how many; sets `ec` on a protocol error, after
    /// which the parser must be reset().
    std::size_t feed(std::string_view data, boost::system::error_code& ec);
    /// True once a complete reply is ready for take().
    bool done() const noexcept { return done_; }
    /// Moves the complete reply out and gets ready for the next one.
    reply take();
    /// Forgets any partial reply.
    void reset();

private:
    boost::system::error_code end_line();
    boost::system::error_code append(std::string_view part);

    std::string line_;      // current partial line, never over max_line + 1 octets
    reply current_;
    std::size_t bytes_ = 0; // octets of the current reply so far
    bool done_ = false;
};

}  // namespace smtpsweep::scanner::smtp
