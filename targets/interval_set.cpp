// Interval set construction (sort + merge), difference by a two-pointer sweep,
// and the prefix-count index behind at(). Range ends are handled in 64 bits
// so 255.255.255.255 needs no special case.
#include "targets/interval_set.hpp"

#include <algorithm>

namespace smtpsweep::targets {

interval_set::interval_set(std::vector<ip_range> ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](ip_range a, ip_range b) { return a.lo < b.lo; });
    for (ip_range r : ranges) {
        if (!ranges_.empty() && std::uint64_t{r.lo} <= std::uint64_t{ranges_.back().hi} + 1) {
            ranges_.back().hi = std::max(ranges_.back().hi, r.hi);
        } else {
            ranges_.push_back(r);
        }
    }
    index();
}

void interval_set::index() {
    starts_.clear();
    starts_.reserve(ranges_.size());
    count_ = 0;
    for (ip_range r : ranges_) {
        starts_.push_back(count_);
        count_ += r.size();
    }
}

interval_set interval_set::minus(const interval_set& other) const {
    interval_set out;
    auto cut = other.ranges_.begin();
    for (ip_range r : ranges_) {
        std::uint64_t lo = r.lo;
        while (cut != other.ranges_.end() && cut->hi < r.lo) ++cut;
        for (auto c = cut; c != other.ranges_.end() && c->lo <= r.hi; ++c) {
            if (c->lo > lo) out.ranges_.push_back({static_cast<std::uint32_t>(lo), c->lo - 1});
            lo = std::uint64_t{c->hi} + 1;
        }
        if (lo <= r.hi) out.ranges_.push_back({static_cast<std::uint32_t>(lo), r.hi});
    }
    out.index();
    return out;
}

bool interval_set::contains(std::uint32_t ip) const noexcept {
    return covers(ip_range{ip, ip});
}

bool interval_set::covers(ip_range r) const noexcept {
    auto it = std::upper_bound(ranges_.begin(), ranges_.end(), r.lo,
                               [](std::uint32_t v, ip_range x) { return v < x.lo; });
    return it != ranges_.begin() && std::prev(it)->covers(r);
}

std::uint32_t interval_set::at(std::uint64_t index) const noexcept {
    if (ranges_.size() == 1) return static_cast<std::uint32_t>(ranges_.front().lo + index);
    auto it = std::upper_bound(starts_.begin(), starts_.end(), index);
    auto i = static_cast<std::size_t>(it - starts_.begin()) - 1;
    return static_cast<std::uint32_t>(ranges_[i].lo + (index - starts_[i]));
}

}  // namespace smtpsweep::targets
