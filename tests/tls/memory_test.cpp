// Measurement, not assertion: the heap an idle, established client SSL costs
// (5000 concurrent probes per process make this matter). Hidden tag: run with
// `tests_tls "[memory]"`. Reports the mallinfo2 delta per connection for
// TLS 1.3 and TLS 1.2, with and without SSL_MODE_RELEASE_BUFFERS, right after
// the handshake and while an SSL_read waits for data (what a probe does).
#include <catch2/catch.hpp>

#include <malloc.h>

#include <vector>

#include "tests/tls/fixtures.hpp"
#include "tests/tls/loopback.hpp"
#include "tls/client_context.hpp"

using namespace smtpsweep::tls;

namespace {

constexpr int connections = 1000;

// Heap bytes per idle client SSL (with its two memory BIOs), servers freed.
double idle_client_bytes(int max_version, bool release_buffers, bool pending_read) {
    auto client_ctx = make_client_context();
    if (!release_buffers) SSL_CTX_clear_mode(client_ctx.get(), SSL_MODE_RELEASE_BUFFERS);
    auto server_ctx = test::make_server_context({.max_version = max_version});
    std::vector<ssl_ptr> clients;
    clients.reserve(connections);
    malloc_trim(0);
    auto before = mallinfo2().uordblks;
    for (int i = 0; i < connections; ++i) {
        auto pair = test::make_pair(client_ctx.get(), server_ctx.get());
        REQUIRE(test::handshake(pair));
        if (pending_read) test::settle(pair);
        clients.push_back(std::move(pair.client));
    }
    auto after = mallinfo2().uordblks;
    return static_cast<double>(after - before) / connections;
}

}  // namespace

TEST_CASE("an idle client connection costs a measured amount of heap", "[tls][.memory]") {
    for (int version : {TLS1_3_VERSION, TLS1_2_VERSION}) {
        for (bool release : {true, false}) {
            for (bool pending_read : {false, true}) {
                double bytes = idle_client_bytes(version, release, pending_read);
                WARN((version == TLS1_3_VERSION ? "TLSv1.3" : "TLSv1.2")
                     << (release ? " with" : " without") << " SSL_MODE_RELEASE_BUFFERS, "
                     << (pending_read ? "blocked in SSL_read: " : "right after handshake: ")
                     << bytes << " bytes per idle client SSL");
                CHECK(bytes > 0);
            }
        }
    }
}
