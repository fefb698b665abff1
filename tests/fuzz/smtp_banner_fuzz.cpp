// Fuzzes what the probe reads out of a banner or EHLO reply
// (scanner/smtp/banner.hpp, ehlo.hpp). The input is used twice: as raw text
// (hostile, no parser in front) for hostname_from/software_from, and as the
// lines of a 250 reply for capabilities/auth_mechanisms, the way dialogue.cpp
// calls them. Oracles: a host name is the input's first token and passes its
// own predicate; a version is text of the banner; capabilities are trimmed
// and each is found again by has_capability; AUTH mechanisms are upper-case,
// unique and free of blanks.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/smtp/banner.hpp"
#include "scanner/smtp/ehlo.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

namespace smtp = smtpsweep::scanner::smtp;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

void check_banner(std::string_view text) {
    if (const auto host = smtp::hostname_from(text)) {
        FUZZ_CHECK(!host->empty());
        FUZZ_CHECK(text.substr(0, host->size()) == *host);
        FUZZ_CHECK(std::none_of(host->begin(), host->end(), is_space));
        if (smtp::is_dns_name(*host)) FUZZ_CHECK(host->size() <= 253);
    }
    if (smtp::is_dns_name(text)) {
        FUZZ_CHECK(text.size() <= 253 && text.find('.') != std::string_view::npos);
        FUZZ_CHECK(std::none_of(text.begin(), text.end(), is_space));
    }
    if (const auto sw = smtp::software_from(text)) {
        FUZZ_CHECK(!sw->product.empty());
        if (sw->version) {
            FUZZ_CHECK(!sw->version->empty());
            FUZZ_CHECK(text.find(*sw->version) != std::string_view::npos);
        }
    }
}

void check_ehlo(std::string_view text) {
    smtp::reply r;
    r.code = 250;
    smtpsweep::fuzz::for_each_line(text, [&](std::string_view l) { r.lines.emplace_back(l); });
    if (r.lines.empty()) return;
    const auto caps = smtp::capabilities(r);
    FUZZ_CHECK(caps.size() < r.lines.size());
    for (const auto& c : caps) {
        FUZZ_CHECK(!c.empty() && !is_space(c.front()) && !is_space(c.back()));
        FUZZ_CHECK(smtp::has_capability(caps, std::string_view(c).substr(0, c.find_first_of(" ="))));
    }
    const auto mechs = smtp::auth_mechanisms(caps);
    for (std::size_t i = 0; i < mechs.size(); ++i) {
        const auto& m = mechs[i];
        FUZZ_CHECK(!m.empty() && m.find_first_of(" \t") == std::string::npos);
        FUZZ_CHECK(std::none_of(m.begin(), m.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
        FUZZ_CHECK(std::find(mechs.begin() + static_cast<std::ptrdiff_t>(i) + 1, mechs.end(), m) ==
                   mechs.end());
    }
    if (!mechs.empty()) FUZZ_CHECK(smtp::has_capability(caps, "auth"));
    if (r.lines.size() > 1) check_banner(r.lines.front());  // r.text() is the raw text again
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<char> copy(data, data + size);  // exact size: ASan sees over-reads
    const std::string_view text(copy.data(), copy.size());
    check_banner(text);
    check_ehlo(text);
    return 0;
}
