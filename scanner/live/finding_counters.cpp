// See finding_counters.hpp.
#include "scanner/live/finding_counters.hpp"

namespace smtpsweep::scanner::live {

finding_counters::finding_counters(unsigned workers) {
    for (unsigned i = 0; i < workers; ++i) blocks_.push_back(std::make_unique<block>());
}

void finding_counters::count(unsigned worker, const std::vector<finding>& found) {
    if (worker >= blocks_.size()) return;
    auto& b = *blocks_[worker];
    for (auto f : found) {
        auto& a = b.by_id[static_cast<std::size_t>(f)];
        // Single writer: a relaxed load+store is enough, no read-modify-write.
        a.store(a.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
}

std::array<std::uint64_t, finding_count> finding_counters::totals() const {
    std::array<std::uint64_t, finding_count> sum{};
    for (const auto& b : blocks_)
        for (std::size_t i = 0; i < finding_count; ++i)
            sum[i] += b->by_id[i].load(std::memory_order_relaxed);
    return sum;
}

}  // namespace smtpsweep::scanner::live
