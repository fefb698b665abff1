// Derived figures of a live_stats snapshot shared by the page, the JSON and
// the metrics, plus the build versions.
#include "scanner/live/live_stats.hpp"

#include <algorithm>

#include <boost/version.hpp>
#include <fmt/format.h>
#include <openssl/crypto.h>

namespace smtpsweep::scanner::live {

double percent_done(const live_stats& s) {
    if (s.targets == 0) return 0;
    return std::min(100.0, 100.0 * double(s.done) / double(s.targets));
}

std::optional<double> eta_seconds(const live_stats& s) {
    if (s.done >= s.targets || s.probe_rate <= 0) return std::nullopt;
    return double(s.targets - s.done) / s.probe_rate;
}

std::vector<named_count> top_findings(const live_stats& s, std::size_t n) {
    std::vector<named_count> out;
    std::copy_if(s.findings.begin(), s.findings.end(), std::back_inserter(out),
                 [](const named_count& c) { return c.count > 0; });
    std::stable_sort(out.begin(), out.end(),
                     [](const named_count& a, const named_count& b) { return a.count > b.count; });
    if (out.size() > n) out.resize(n);
    return out;
}

build_info current_build() {
#ifdef SMTPSWEEP_VERSION
    std::string version = SMTPSWEEP_VERSION;
#else
    std::string version = "unknown";
#endif
    return {std::move(version), OpenSSL_version(OPENSSL_VERSION_STRING),
            fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000,
                        BOOST_VERSION % 100)};
}

}  // namespace smtpsweep::scanner::live
