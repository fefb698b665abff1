// Fuzzes scanner/output/json_escape: any bytes (a banner, a certificate
// field, an error text) through append_json_string must give valid JSON and
// valid UTF-8 that decodes back to the input, invalid sequences aside (see
// json_check.hpp). Also walks the input with utf8_sequence_length (at
// non-ASCII bytes, the only ones append_json_string asks it about), which must
// always make progress and agree with the independent validator.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/output/json_escape.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/json_check.hpp"

namespace {

namespace output = smtpsweep::scanner::output;
using smtpsweep::fuzz::valid_utf8;

void check_sequences(std::string_view s) {
    bool all_valid = true;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {  // callers pass non-ASCII leads only
            ++i;
            continue;
        }
        std::size_t bad = 0;
        const std::size_t len = output::utf8_sequence_length(s, i, bad);
        if (len > 0) {
            FUZZ_CHECK(len <= 4 && i + len <= s.size());
            FUZZ_CHECK(valid_utf8(s.substr(i, len)));
            i += len;
        } else {
            FUZZ_CHECK(bad >= 1 && i + bad <= s.size());
            all_valid = false;
            i += bad;
        }
    }
    FUZZ_CHECK(all_valid == valid_utf8(s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<char> copy(data, data + size);  // exact size: ASan sees over-reads
    const std::string_view s(copy.data(), copy.size());
    std::string out = "[1,";
    output::append_json_string(out, s);
    FUZZ_CHECK(out.starts_with("[1,\""));
    smtpsweep::fuzz::check_json_string(std::string_view(out).substr(3), s);
    const std::string clean = output::sanitize_utf8(s);
    FUZZ_CHECK(valid_utf8(clean) && clean.find('\0') == std::string::npos);
    check_sequences(s);
    return 0;
}
