// run() over a real targets::plan: each worker's source is the plan cursor of
// sub-shard `index` of `workers`. Kept apart from engine.cpp so code that
// only needs run_sources() (tests) does not pull in the targets library.
// Steps listed in resume_skip (records already written) are passed over.
#include <numeric>

#include "core/engine.hpp"

namespace smtpsweep::core {

namespace {
class cursor_source final : public target_source {
public:
    cursor_source(targets::cursor c, std::vector<std::uint64_t> skip)
        : cursor_(std::move(c)), skip_(std::move(skip)) {}
    std::optional<targets::target> next() override {
        for (;;) {
            auto t = cursor_.next();
            if (!t || next_skip_ == skip_.size()) return t;
            auto const step = cursor_.position().step;
            while (next_skip_ < skip_.size() && skip_[next_skip_] < step) ++next_skip_;
            if (next_skip_ == skip_.size() || skip_[next_skip_] != step) return t;
            ++next_skip_;
        }
    }
    targets::cursor_position position() const override { return cursor_.position(); }

private:
    targets::cursor cursor_;
    std::vector<std::uint64_t> skip_;  // ascending
    std::size_t next_skip_ = 0;
};
}  // namespace

run_result run(const targets::plan& plan, const engine_options& opts,
               const probe_factory& make_probe) {
    // Steps already taken approximate targets already done (for progress only).
    auto const resumed = std::accumulate(
        opts.resume_from.begin(), opts.resume_from.end(), std::uint64_t{0},
        [](std::uint64_t sum, const targets::cursor_position& p) { return sum + p.step; });
    auto const total = plan.shard_size() > resumed ? plan.shard_size() - resumed : 0;
    auto make_source = [&plan, &opts](unsigned index, unsigned workers,
                                      targets::cursor_position from) {
        auto skip = index < opts.resume_skip.size() ? opts.resume_skip[index]
                                                     : std::vector<std::uint64_t>{};
        return std::make_unique<cursor_source>(plan.make_cursor(index, workers, from),
                                               std::move(skip));
    };
    return run_sources(make_source, total, opts, make_probe);
}

}  // namespace smtpsweep::core
