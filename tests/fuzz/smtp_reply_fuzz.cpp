// Fuzzes scanner/smtp/reply_parser: the first byte picks how the rest is cut
// into network segments (each copied to its own exact-size heap buffer so
// ASan sees any read past a segment), the rest is the server's byte stream.
// Oracles: the replies and whether the stream fails are the same whether it
// arrives in one piece or in chunks; every reply respects the documented
// limits; feed() always makes progress; and a reply's wire_text() parses back
// to the same reply.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/smtp/error.hpp"
#include "scanner/smtp/reply_parser.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using smtpsweep::scanner::smtp::reply;
using smtpsweep::scanner::smtp::reply_parser;

struct outcome {
    std::vector<reply> replies;
    bool failed = false;
};

bool same(const reply& a, const reply& b) { return a.code == b.code && a.lines == b.lines; }

void check_limits(const reply& r) {
    FUZZ_CHECK(r.code >= 100 && r.code <= 599);
    FUZZ_CHECK(!r.lines.empty() && r.lines.size() <= reply_parser::max_reply_lines);
    for (const auto& l : r.lines) {
        FUZZ_CHECK(l.size() + 4 <= reply_parser::max_line);
        FUZZ_CHECK(l.find('\n') == std::string::npos);
    }
}

// Feeds one segment until it is used up; false once the parser reports an error.
bool feed_segment(reply_parser& p, std::string_view seg, outcome& out) {
    while (!seg.empty()) {
        boost::system::error_code ec;
        const std::size_t used = p.feed(seg, ec);
        FUZZ_CHECK(used <= seg.size());
        if (ec) {
            FUZZ_CHECK(&ec.category() == &smtpsweep::scanner::smtp::error_category());
            FUZZ_CHECK(!ec.message().empty());
            out.failed = true;
            return false;
        }
        FUZZ_CHECK(used > 0);
        if (p.done()) {
            out.replies.push_back(p.take());
            FUZZ_CHECK(!p.done());
        } else {
            FUZZ_CHECK(used == seg.size());
        }
        seg.remove_prefix(used);
    }
    return true;
}

outcome parse(std::string_view data, smtpsweep::fuzz::chunker* chunks) {
    reply_parser p;
    outcome out;
    while (!data.empty()) {
        const std::size_t n = chunks ? std::min(chunks->next(), data.size()) : data.size();
        const std::vector<char> seg(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
        if (!feed_segment(p, std::string_view(seg.data(), seg.size()), out)) break;
        data.remove_prefix(n);
    }
    return out;
}

// wire_text() plus a line end must parse back to exactly one identical reply,
// unless a line text ends in a stray CR ("250 a\r\r\n"), which the
// normalised "\n" line ends of wire_text() cannot keep apart from a CRLF.
void check_round_trip(const reply& r) {
    for (const auto& l : r.lines)
        if (!l.empty() && l.back() == '\r') return;
    const std::string wire = r.wire_text() + "\n";
    outcome again = parse(wire, nullptr);
    FUZZ_CHECK(!again.failed);
    FUZZ_CHECK(again.replies.size() == 1);
    FUZZ_CHECK(same(again.replies[0], r));
    (void)r.text();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    smtpsweep::fuzz::chunker chunks(data[0]);
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
    const outcome whole = parse(stream, nullptr);
    const outcome split = parse(stream, &chunks);
    FUZZ_CHECK(whole.failed == split.failed);
    FUZZ_CHECK(whole.replies.size() == split.replies.size());
    for (std::size_t i = 0; i < whole.replies.size(); ++i) {
        FUZZ_CHECK(same(whole.replies[i], split.replies[i]));
        check_limits(whole.replies[i]);
        check_round_trip(whole.replies[i]);
    }
    return 0;
}
