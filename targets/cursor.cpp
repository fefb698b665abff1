// The hot loop: one cycle step (two Montgomery products), skip the rare
// elements past n, map the index to (ip, port). The step count is the whole
// resumable state, so position() is exact after any next().
#include "targets/plan.hpp"
#include "targets/plan_data.hpp"

namespace smtpsweep::targets {

std::optional<target> cursor::next() {
    while (step_ < end_) {
        ++step_;
        const std::uint64_t index = walk_.next();
        if (index < n_) return data_->at(index);
    }
    return std::nullopt;
}

cursor_position cursor::position() const { return {step_, step_ >= end_}; }

}  // namespace smtpsweep::targets
