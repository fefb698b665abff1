// Reply parser: chunking never changes the result (every two-chunk split and
// byte at a time), line ends, code checks and the memory limits.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/smtp/error.hpp"
#include "scanner/smtp/reply_parser.hpp"

using smtpsweep::scanner::smtp::error;
using smtpsweep::scanner::smtp::reply;
using smtpsweep::scanner::smtp::reply_parser;

namespace {

struct outcome {
    std::vector<reply> replies;
    boost::system::error_code ec;
};

// Feeds `chunks` in order, collecting every complete reply until an error.
outcome parse_chunks(const std::vector<std::string>& chunks) {
    reply_parser p;
    outcome out;
    for (const auto& chunk : chunks) {
        std::string_view rest = chunk;
        while (!rest.empty()) {
            rest.remove_prefix(p.feed(rest, out.ec));
            if (out.ec) return out;
            if (p.done()) out.replies.push_back(p.take());
        }
    }
    return out;
}

bool same(const outcome& a, const outcome& b) {
    if (a.ec != b.ec || a.replies.size() != b.replies.size()) return false;
    for (std::size_t i = 0; i < a.replies.size(); ++i)
        if (a.replies[i].code != b.replies[i].code || a.replies[i].lines != b.replies[i].lines)
            return false;
    return true;
}

}  // namespace

TEST_CASE("every two-chunk split and byte-at-a-time feed parse identically",
          "[scanner][reply_parser]") {
    const std::string input = GENERATE(
        std::string("220 mx.test ESMTP\r\n"),
        std::string("250-mx.test Hello\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 STARTTLS\r\n"),
        std::string("250-a\n250-b\r\n250 c\n221 bye\r\n"),
        std::string("220\r\n250-\r\n250 x\r\n"),
        std::string("250-a\r\n251 b\r\n"),     // code mismatch
        std::string("250 ok\r\nHTTP/1.1 400\r\n"));  // garbage after a good reply
    const auto whole = parse_chunks({input});
    for (std::size_t cut = 0; cut <= input.size(); ++cut) {
        INFO("cut at " << cut);
        CHECK(same(parse_chunks({input.substr(0, cut), input.substr(cut)}), whole));
    }
    std::vector<std::string> bytes;
    for (char c : input) bytes.emplace_back(1, c);
    CHECK(same(parse_chunks(bytes), whole));
}

TEST_CASE("multi-line replies keep each line's text and the final code",
          "[scanner][reply_parser]") {
    const auto out = parse_chunks({"250-mx.test Hello\r\n250-PIPELINING\n250 STARTTLS\r\n"});
    REQUIRE_FALSE(out.ec);
    REQUIRE(out.replies.size() == 1);
    CHECK(out.replies[0].code == 250);
    CHECK(out.replies[0].lines == std::vector<std::string>{"mx.test Hello", "PIPELINING", "STARTTLS"});
    CHECK(out.replies[0].wire_text() == "250-mx.test Hello\n250-PIPELINING\n250 STARTTLS");
    CHECK(out.replies[0].text() == "mx.test Hello\nPIPELINING\nSTARTTLS");
}

TEST_CASE("feed stops at the end of a reply and leaves pipelined bytes unread",
          "[scanner][reply_parser]") {
    reply_parser p;
    boost::system::error_code ec;
    const std::string data = "220 go ahead\r\n250 injected\r\n";
    const auto used = p.feed(data, ec);
    CHECK_FALSE(ec);
    CHECK(p.done());
    CHECK(used == std::string("220 go ahead\r\n").size());
}

TEST_CASE("malformed replies are protocol errors", "[scanner][reply_parser]") {
    using row = std::tuple<std::string, error>;
    auto [input, expected] = GENERATE(table<std::string, error>({
        row{"SSH-2.0-OpenSSH_9.2\r\n", error::bad_reply},
        row{"HTTP/1.1 400 Bad Request\r\n", error::bad_reply},
        row{"22 short\r\n", error::bad_reply},
        row{"220mx.test\r\n", error::bad_reply},
        row{"620 no such class\r\n", error::bad_reply},
        row{"\r\n", error::bad_reply},
        row{"250-a\r\n550 b\r\n", error::code_mismatch},
        row{std::string(1001, '2') + "\r\n", error::line_too_long},
        row{"220 " + std::string(2000, 'x'), error::line_too_long},
    }));
    INFO(input.substr(0, 40));
    CHECK(parse_chunks({input}).ec == boost::system::error_code(expected));
}

TEST_CASE("line and reply limits are enforced at their edges", "[scanner][reply_parser]") {
    SECTION("a 1000-octet line is accepted, 1001 is not") {
        const std::string ok = "220 " + std::string(996, 'x');
        CHECK_FALSE(parse_chunks({ok + "\r\n"}).ec);
        CHECK(parse_chunks({ok + "y\r\n"}).ec == boost::system::error_code(error::line_too_long));
    }
    SECTION("a full-length line whose LF arrives alone in the next read") {
        // The read ends on the CR (the line is then max_line + 1 octets) and
        // the next read starts with the LF: found by the reply fuzzer.
        const std::string ok = "220 " + std::string(996, 'x');
        const auto out = parse_chunks({ok + "\r", "\n"});
        CHECK_FALSE(out.ec);
        REQUIRE(out.replies.size() == 1);
        CHECK(out.replies[0].lines[0].size() == 996);
        CHECK(parse_chunks({ok + "y", "\r\n"}).ec ==
              boost::system::error_code(error::line_too_long));
    }
    SECTION("1000 lines are accepted, 1001 are not") {
        std::string many;
        for (int i = 0; i < 999; ++i) many += "250-x\r\n";
        CHECK_FALSE(parse_chunks({many + "250 x\r\n"}).ec);
        CHECK(parse_chunks({many + "250-x\r\n250 x\r\n"}).ec ==
              boost::system::error_code(error::reply_too_long));
    }
    SECTION("a reply over 64 KiB is refused before it completes") {
        std::string big;
        const std::string line = "250-" + std::string(500, 'x') + "\r\n";
        while (big.size() <= reply_parser::max_reply_bytes) big += line;
        CHECK(parse_chunks({big}).ec == boost::system::error_code(error::reply_too_long));
    }
}

TEST_CASE("smtp errors carry their own category and names", "[scanner][reply_parser]") {
    const boost::system::error_code ec = error::plaintext_injection;
    CHECK(std::string(ec.category().name()) == "smtp");
    CHECK(ec.message() == "plaintext injection after STARTTLS");
    CHECK(ec != boost::system::error_code(error::bad_reply));
}
