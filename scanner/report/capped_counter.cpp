// capped_counter (see capped_counter.hpp).
#include "scanner/report/capped_counter.hpp"

#include <algorithm>

namespace smtpsweep::scanner::report {

void capped_counter::add(std::string_view value, std::uint64_t n) {
    auto it = counts_.find(value);
    if (it != counts_.end()) {
        it->second += n;
        return;
    }
    if (counts_.size() >= cap_) value = other;
    counts_[std::string(value)] += n;
}

std::uint64_t capped_counter::get(std::string_view value) const {
    auto it = counts_.find(value);
    return it == counts_.end() ? 0 : it->second;
}

std::vector<count_entry> capped_counter::top(std::size_t n) const {
    std::vector<count_entry> out(counts_.begin(), counts_.end());
    auto by_count = [](const count_entry& a, const count_entry& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    const std::size_t k = std::min(n, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(),
                      by_count);
    out.resize(k);
    return out;
}

std::uint64_t capped_counter::total() const {
    std::uint64_t sum = 0;
    for (const auto& [value, n] : counts_) sum += n;
    return sum;
}

}  // namespace smtpsweep::scanner::report
