// A set of IPv4 addresses as sorted, disjoint, non-adjacent inclusive
// ranges: the model ZMap's constraint.h uses for allow/block lists. It never
// lists addresses, so 0.0.0.0/0 minus the special blocks is ~20 ranges, and
// at(index) maps a dense index to the index-th address in O(log ranges).
#pragma once

#include <cstdint>
#include <vector>

#include "targets/ip_range.hpp"

namespace smtpsweep::targets {

/// Immutable set of IPv4 addresses, stored as merged ranges.
class interval_set {
public:
    /// The empty set.
    interval_set() = default;
    /// Builds from ranges in any order; overlapping and adjacent ranges merge.
    explicit interval_set(std::vector<ip_range> ranges);

    /// This set minus other.
    interval_set minus(const interval_set& other) const;
    /// True when ip is in the set.
    bool contains(std::uint32_t ip) const noexcept;
    /// True when some range of the set contains all of r.
    bool covers(ip_range r) const noexcept;
    /// Number of addresses in the set (0 .. 2^32).
    std::uint64_t count() const noexcept { return count_; }
    /// The index-th address in ascending order; requires index < count().
    std::uint32_t at(std::uint64_t index) const noexcept;
    /// The merged ranges, ascending.
    const std::vector<ip_range>& ranges() const noexcept { return ranges_; }

private:
    void index();

    std::vector<ip_range> ranges_;
    std::vector<std::uint64_t> starts_;  // starts_[i]: addresses in ranges_[0..i)
    std::uint64_t count_ = 0;
};

}  // namespace smtpsweep::targets
