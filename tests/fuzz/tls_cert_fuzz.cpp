// Fuzzes certificate field extraction (tls::describe_der) on DER input and
// the JSON serialisation of every extracted string. Oracles: the documented
// bounds hold (SAN count and length, name length, 64 hex digit fingerprint,
// ISO times), the key name matches type and bits, and each field written
// with append_json_string round-trips through Boost.JSON (json_check.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/output/json_escape.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "tests/fuzz/json_check.hpp"
#include "tls/certificate_info.hpp"

namespace {

namespace tls = smtpsweep::tls;

void check_json(const std::string& field) {
    std::string out;
    smtpsweep::scanner::output::append_json_string(out, field);
    smtpsweep::fuzz::check_json_string(out, field);
}

void check_time(const std::string& iso) {
    if (iso.empty()) return;
    FUZZ_CHECK(iso.size() == 20 && iso[4] == '-' && iso[10] == 'T' && iso.back() == 'Z');
}

void check_info(const tls::certificate_info& c) {
    FUZZ_CHECK(c.subject.size() <= tls::max_name_chars && c.issuer.size() <= tls::max_name_chars);
    FUZZ_CHECK(c.san.size() <= tls::max_san_entries);
    for (const auto& s : c.san) FUZZ_CHECK(s.size() <= tls::max_san_chars * 4);
    FUZZ_CHECK(c.sha256.size() == 64);
    FUZZ_CHECK(c.sha256.find_first_not_of("0123456789abcdef") == std::string::npos);
    check_time(c.not_before);
    check_time(c.not_after);
    FUZZ_CHECK(c.key_bits >= 0);
    if (!c.key.empty() && c.key_bits > 0)
        FUZZ_CHECK(c.key == c.key_type + "-" + std::to_string(c.key_bits));
    for (const std::string* f : {&c.subject, &c.issuer, &c.not_before, &c.not_after, &c.sha256,
                                 &c.key, &c.key_type, &c.sig_alg})
        check_json(*f);
    for (const auto& s : c.san) check_json(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::vector<unsigned char> der(data, data + size);  // exact size: ASan sees over-reads
    if (const auto info = tls::describe_der(der.data(), der.size())) check_info(*info);
    return 0;
}
