// The writer: many producers deliver every record exactly once in bounded
// batches; a slow sink makes queues fill (never beyond capacity) and push()
// wait; a failing sink sets the stop flag and close() reports its message.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "core/writer.hpp"

using namespace smtpsweep;
using namespace smtpsweep::core;

namespace {
struct rec {
    unsigned producer = 0;
    std::uint64_t seq = 0;
};

/// Keeps every record; optionally blocks writes until released, or throws.
class test_sink final : public sink<rec> {
public:
    void write(std::span<const rec> batch) override {
        std::unique_lock lock{m_};
        cv_.wait(lock, [this] { return open_; });
        if (fail_) throw std::runtime_error("disk full (test)");
        max_batch = std::max(max_batch, batch.size());
        ++batches;
        got.insert(got.end(), batch.begin(), batch.end());
    }
    void flush() override { ++flushes; }
    void hold() { std::lock_guard lock{m_}; open_ = false; }
    void release() { { std::lock_guard lock{m_}; open_ = true; } cv_.notify_all(); }
    void fail() { std::lock_guard lock{m_}; fail_ = true; }

    std::vector<rec> got;
    std::size_t max_batch = 0, batches = 0, flushes = 0;

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool open_ = true, fail_ = false;
};

void check_exactly_once(const std::vector<rec>& got, unsigned producers, std::uint64_t each) {
    std::vector<std::vector<bool>> seen(producers, std::vector<bool>(each));
    for (const auto& r : got) {
        REQUIRE(r.producer < producers);
        REQUIRE(r.seq < each);
        REQUIRE_FALSE(seen[r.producer][r.seq]);
        seen[r.producer][r.seq] = true;
    }
    CHECK(got.size() == producers * each);
}

awaitable<void> push_all(writer<rec>& w, unsigned producer, std::uint64_t n,
                         std::uint64_t& max_queued) {
    for (std::uint64_t i = 0; i < n; ++i) {
        co_await w.push(producer, rec{producer, i});
        max_queued = std::max(max_queued, w.queued());
    }
}
}  // namespace

TEST_CASE("records from many producers arrive exactly once in batches", "[core][writer]") {
    test_sink s;
    unsigned const producers = 4;
    std::uint64_t const each = 100000;
    writer<rec> w{s, producers};
    std::vector<std::thread> threads;
    for (unsigned p = 0; p < producers; ++p)
        threads.emplace_back([&w, p] {
            for (std::uint64_t i = 0; i < each; ++i)
                while (!w.try_push(p, rec{p, i})) std::this_thread::yield();
        });
    for (auto& t : threads) t.join();
    w.close();
    check_exactly_once(s.got, producers, each);
    CHECK(s.max_batch <= writer_options{}.batch);
    CHECK(s.flushes == s.batches);
    CHECK(w.written() == producers * each);
    CHECK(w.queued() == 0);
}

TEST_CASE("a blocked sink fills the queue up to its capacity only", "[core][writer]") {
    test_sink s;
    writer_options o;
    o.capacity = 8;
    o.batch = 4;
    s.hold();
    writer<rec> w{s, 1, nullptr, o};
    std::uint64_t pushed = 0;
    while (w.try_push(0, rec{0, pushed})) {
        ++pushed;
        REQUIRE(w.queued() <= o.capacity);
    }
    CHECK(pushed >= o.capacity);
    CHECK(pushed <= o.capacity + o.batch);
    s.release();
    w.close();
    check_exactly_once(s.got, 1, pushed);
}

TEST_CASE("push waits while the queue is full", "[core][writer]") {
    test_sink s;
    writer_options o;
    o.capacity = 16;
    o.batch = 5;
    writer<rec> w{s, 2, nullptr, o};
    net::io_context ioc{1};
    std::uint64_t max0 = 0, max1 = 0;
    net::co_spawn(ioc, push_all(w, 0, 5000, max0), net::detached);
    net::co_spawn(ioc, push_all(w, 1, 5000, max1), net::detached);
    ioc.run();
    w.close();
    check_exactly_once(s.got, 2, 5000);
    CHECK(max0 <= 2 * o.capacity);
    CHECK(max1 <= 2 * o.capacity);
    CHECK(s.max_batch <= o.batch);
}

TEST_CASE("a failing sink sets the stop flag and close reports it", "[core][writer]") {
    test_sink s;
    s.fail();
    std::atomic<bool> stop{false};
    writer<rec> w{s, 1, &stop};
    for (std::uint64_t i = 0; i < 10; ++i) REQUIRE(w.try_push(0, rec{0, i}));
    CHECK_THROWS_WITH(w.close(), "disk full (test)");
    CHECK(stop.load());
    CHECK(w.failed());
    CHECK(w.written() == 0);
    CHECK(w.dropped() == 10);
}

TEST_CASE("producers never block after the sink failed", "[core][writer]") {
    test_sink s;
    s.fail();
    std::atomic<bool> stop{false};
    writer_options o;
    o.capacity = 4;
    writer<rec> w{s, 1, &stop, o};
    net::io_context ioc{1};
    std::uint64_t max_queued = 0;
    net::co_spawn(ioc, push_all(w, 0, 1000, max_queued), net::detached);
    ioc.run();
    CHECK_THROWS_AS(w.close(), writer_error);
    CHECK(w.dropped() == 1000);
}
