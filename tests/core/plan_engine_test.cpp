// The engine over a real targets::plan: every target of the plan is probed
// exactly once for several thread and lane counts, and a run stopped midway
// and resumed from its positions completes the plan with no duplicates.
#include <catch2/catch.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include "core/engine.hpp"

using namespace smtpsweep;
using namespace smtpsweep::core;

namespace {
struct seen_targets {
    explicit seen_targets(unsigned workers) : per_worker(workers) {}
    std::vector<std::vector<targets::target>> per_worker;  ///< written by each worker only
    std::atomic<std::uint64_t> count{0};
    std::uint64_t stop_after = UINT64_MAX;
    std::atomic<bool>* stop = nullptr;

    std::vector<targets::target> all() const {
        std::vector<targets::target> v;
        for (const auto& w : per_worker) v.insert(v.end(), w.begin(), w.end());
        std::sort(v.begin(), v.end());
        return v;
    }
};

class plan_probe final : public worker_probe {
public:
    plan_probe(seen_targets& s, unsigned index) : s_(s), index_(index) {}
    awaitable<std::size_t> probe(targets::target t) override {
        co_await net::post(co_await net::this_coro::executor, net::use_awaitable);
        s_.per_worker[index_].push_back(t);
        if (++s_.count == s_.stop_after) s_.stop->store(true);
        co_return 0;
    }

private:
    seen_targets& s_;
    unsigned index_;
};

probe_factory plan_probes(seen_targets& s) {
    return [&s](net::io_context&, unsigned i) -> std::unique_ptr<worker_probe> {
        return std::make_unique<plan_probe>(s, i);
    };
}

targets::plan small_plan() {
    targets::plan_spec spec;
    spec.targets = {"198.18.0.0/24", "198.18.7.1-198.18.7.9"};
    spec.target_sources = {"argv", "argv"};
    spec.ports = "25,465,587";
    spec.seed = 42;
    return targets::plan::build(spec);
}

bool unique_sorted(const std::vector<targets::target>& v) {
    return std::adjacent_find(v.begin(), v.end()) == v.end();
}
}  // namespace

TEST_CASE("every target of a plan is probed exactly once", "[core][engine][plan]") {
    auto const threads = GENERATE(1u, 2u, 4u);
    auto const concurrency = GENERATE(std::size_t{1}, 3, 100);
    auto const plan = small_plan();
    engine_options opts;
    opts.threads = threads;
    opts.concurrency = concurrency;
    opts.progress = false;
    seen_targets seen{effective_workers(opts)};
    auto const r = run(plan, opts, plan_probes(seen));
    auto const all = seen.all();
    CHECK(all.size() == (256 + 9) * 3);
    CHECK(all.size() == plan.shard_size());
    CHECK(unique_sorted(all));
    CHECK(r.done == all.size());
}

TEST_CASE("a stopped plan run resumes to the full plan", "[core][engine][plan]") {
    auto const plan = small_plan();
    std::atomic<bool> stop{false};
    engine_options opts;
    opts.threads = 3;
    opts.concurrency = 30;
    opts.progress = false;
    opts.stop = &stop;
    seen_targets first{3};
    first.stop_after = 200;
    first.stop = &stop;
    auto const r1 = run(plan, opts, plan_probes(first));
    REQUIRE(r1.interrupted);

    opts.stop = nullptr;
    opts.resume_from = r1.positions;
    seen_targets second{3};
    run(plan, opts, plan_probes(second));
    auto all = first.all();
    auto const rest = second.all();
    all.insert(all.end(), rest.begin(), rest.end());
    std::sort(all.begin(), all.end());
    CHECK(all.size() == plan.shard_size());
    CHECK(unique_sorted(all));
}
