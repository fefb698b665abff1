// Target generation throughput: cursor.next() over a /8 x 3 ports plan (the
// whole per-target cost: cycle step, skip, index -> (ip, port)), and the bare
// permutation step (two Montgomery products). Reports targets per second.
#include <benchmark/benchmark.h>

#include "targets/permutation.hpp"
#include "targets/plan.hpp"

namespace {

using namespace smtpsweep::targets;

plan slash8_plan() {
    plan_spec spec;
    spec.targets = {"10.0.0.0/8"};
    spec.ports = "25,465,587";
    spec.seed = 1;
    return plan::build(spec);
}

void bm_cursor_next(benchmark::State& state) {
    const plan p = slash8_plan();
    cursor c = p.make_cursor(0, 1);
    std::uint64_t sum = 0;
    for (auto _ : state) {
        auto t = c.next();
        if (!t) {
            c = p.make_cursor(0, 1);
            continue;
        }
        sum += t->ip ^ t->port;
    }
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_cursor_next);

void bm_permutation_step(benchmark::State& state) {
    const permutation perm(std::uint64_t{3} << 24, 1);
    cycle_walker w = perm.walk(0, 1);
    std::uint64_t sum = 0;
    for (auto _ : state) sum += w.next();
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_permutation_step);

void bm_plan_build_internet(benchmark::State& state) {
    plan_spec spec;
    spec.targets = {"0.0.0.0/0"};
    for (auto _ : state) benchmark::DoNotOptimize(plan::build(spec).space_size());
}
BENCHMARK(bm_plan_build_internet);

}  // namespace

BENCHMARK_MAIN();
