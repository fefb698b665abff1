// run() over a real targets::plan: each worker's source is the plan cursor of
// sub-shard `index` of `workers`. Kept apart from engine.cpp so code that
// only needs run_sources() (tests) does not pull in the targets library.
#include <numeric>

#include "core/engine.hpp"

namespace smtpsweep::core {

namespace {
class cursor_source final : public target_source {
public:
    explicit cursor_source(targets::cursor c) : cursor_(std::move(c)) {}
    std::optional<targets::target> next() override { return cursor_.next(); }
    targets::cursor_position position() const override { return cursor_.position(); }

private:
    targets::cursor cursor_;
};
}  // namespace

run_result run(const targets::plan& plan, const engine_options& opts,
               const probe_factory& make_probe) {
    // Steps already taken approximate targets already done (for progress only).
    auto const resumed = std::accumulate(
        opts.resume_from.begin(), opts.resume_from.end(), std::uint64_t{0},
        [](std::uint64_t sum, const targets::cursor_position& p) { return sum + p.step; });
    auto const total = plan.shard_size() > resumed ? plan.shard_size() - resumed : 0;
    auto make_source = [&plan](unsigned index, unsigned workers, targets::cursor_position from) {
        return std::make_unique<cursor_source>(plan.make_cursor(index, workers, from));
    };
    return run_sources(make_source, total, opts, make_probe);
}

}  // namespace smtpsweep::core
