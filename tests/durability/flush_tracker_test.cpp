// The bookkeeping behind crash-safe checkpoints: what a checkpoint claims is
// on disk must be exactly the records flushed, whatever order they finish in.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <vector>

#include "core/flush_tracker.hpp"
#include "core/writer.hpp"

using namespace smtpsweep::core;

TEST_CASE("in-flight steps report the smallest unfinished step", "[durability][tracker]") {
    in_flight_steps s;
    s.start(3);
    s.start(4);
    s.start(7);
    CHECK(s.low() == 3);
    s.finish(4);
    CHECK(s.low() == 3);
    s.finish(3);
    CHECK(s.low() == 7);
    CHECK(s.size() == 1);
}

TEST_CASE("flushed records out of order advance the position only past contiguous steps",
          "[durability][tracker]") {
    flush_tracker t{1};
    t.flushed(0, {3, 1});  // step 3 done while 1 and 2 were still in flight
    auto p = t.snapshot();
    CHECK(p[0].position == 0);
    CHECK(p[0].completed == std::vector<std::uint64_t>{3});
    t.flushed(0, {1, 1});
    p = t.snapshot();
    CHECK(p[0].position == 1);
    CHECK(p[0].completed == std::vector<std::uint64_t>{3});
    t.flushed(0, {2, 2});
    CHECK(t.snapshot()[0].position == 3);
    CHECK(t.snapshot()[0].completed.empty());
}

TEST_CASE("a low mark vouches for skipped steps below it", "[durability][tracker]") {
    flush_tracker t{2};
    t.flushed(1, {10, 9});  // steps up to 8 were pushed before this record
    CHECK(t.snapshot()[1].position == 8);
    CHECK(t.snapshot()[1].completed == std::vector<std::uint64_t>{10});
    CHECK(t.snapshot()[0].position == 0);
}

TEST_CASE("a resumed tracker keeps the completed steps it started with",
          "[durability][tracker]") {
    flush_tracker t{1, {{5, {7, 9}}}};
    t.flushed(0, {11, 6});
    auto p = t.snapshot();
    CHECK(p[0].position == 5);
    CHECK(p[0].completed == std::vector<std::uint64_t>{7, 9, 11});
    t.flushed(0, {6, 6});
    CHECK(t.snapshot()[0].position == 7);
}

namespace {
struct rec {
    int v = 0;
};
class null_sink final : public sink<rec> {
public:
    void write(std::span<const rec>) override {}
    void flush() override {}
};
}  // namespace

TEST_CASE("the writer hands flushed progress to the checkpoint hook", "[durability][writer]") {
    null_sink s;
    std::mutex m;
    std::vector<lane_progress> last;
    writer_options o;
    o.checkpoint_every = std::chrono::milliseconds(0);
    o.checkpoint = [&](const std::vector<lane_progress>& p) {
        std::lock_guard lock{m};
        last = p;
    };
    writer<rec> w{s, 2, nullptr, o};
    REQUIRE(w.try_push(0, rec{1}, {1, 1}));
    REQUIRE(w.try_push(0, rec{2}, {3, 2}));
    REQUIRE(w.try_push(1, rec{3}, {2, 1}));
    w.close();
    std::lock_guard lock{m};
    REQUIRE(last.size() == 2);
    CHECK(last[0].position == 1);
    CHECK(last[0].completed == std::vector<std::uint64_t>{3});
    CHECK(last[1].position == 0);
    CHECK(last[1].completed == std::vector<std::uint64_t>{2});
}

TEST_CASE("a failing checkpoint hook stops the scan like a failing sink",
          "[durability][writer]") {
    null_sink s;
    std::atomic<bool> stop{false};
    writer_options o;
    o.checkpoint = [](const std::vector<lane_progress>&) {
        throw std::runtime_error("cannot write resume file (test)");
    };
    writer<rec> w{s, 1, &stop, o};
    REQUIRE(w.try_push(0, rec{1}, {1, 1}));
    CHECK_THROWS_AS(w.close(), writer_error);
    CHECK(stop.load());
}
