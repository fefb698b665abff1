// Findings counted per worker and summed by id.
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/live/finding_counters.hpp"

using namespace smtpsweep::scanner;

TEST_CASE("finding counters sum every worker's findings by id", "[live][findings]") {
    live::finding_counters c{3};
    c.count(0, {finding::cert_expired, finding::open_relay});
    c.count(2, {finding::cert_expired});
    c.count(1, {});
    auto const t = c.totals();
    CHECK(t[static_cast<std::size_t>(finding::cert_expired)] == 2);
    CHECK(t[static_cast<std::size_t>(finding::open_relay)] == 1);
    CHECK(t[static_cast<std::size_t>(finding::starttls_failed)] == 0);
}

TEST_CASE("finding counters ignore an unknown worker index", "[live][findings]") {
    live::finding_counters c{1};
    c.count(5, {finding::cert_expired});
    CHECK(c.totals()[static_cast<std::size_t>(finding::cert_expired)] == 0);
}

TEST_CASE("finding counters lose nothing with one thread per worker", "[live][findings]") {
    constexpr unsigned workers = 4;
    constexpr int per_worker = 20000;
    live::finding_counters c{workers};
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&c, w] {
            for (int i = 0; i < per_worker; ++i) c.count(w, {finding::tls_weak_cipher});
        });
    for (auto& t : threads) t.join();
    CHECK(c.totals()[static_cast<std::size_t>(finding::tls_weak_cipher)] == workers * per_worker);
}
