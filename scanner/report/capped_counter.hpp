// A count per distinct string value with a cap on the number of distinct
// values, so that the report's memory stays bounded however many records (and
// unique self-signed issuers) a survey holds: once full, new values are
// counted under "(other)".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smtpsweep::scanner::report {

/// One value and how many times it was seen.
using count_entry = std::pair<std::string, std::uint64_t>;

/// Counts per value, at most `cap` distinct values plus "(other)".
class capped_counter {
public:
    /// The bucket that collects values seen after the cap was reached.
    static constexpr std::string_view other = "(other)";

    /// A counter holding at most 10000 distinct values.
    capped_counter() = default;

    /// A counter holding at most cap distinct values.
    explicit capped_counter(std::size_t cap) : cap_(cap) {}

    /// Adds n to value's count (or to "(other)" when the cap is reached).
    void add(std::string_view value, std::uint64_t n = 1);

    /// The count of value (0 when never seen).
    std::uint64_t get(std::string_view value) const;

    /// The n largest counts, ties broken by value, "(other)" included.
    std::vector<count_entry> top(std::size_t n) const;

    /// Every value and its count, ordered by value.
    const std::map<std::string, std::uint64_t, std::less<>>& all() const { return counts_; }

    /// Sum of every count.
    std::uint64_t total() const;

    /// Equal when both hold the same counts (the cap is not compared).
    bool operator==(const capped_counter& o) const { return counts_ == o.counts_; }

private:
    std::size_t cap_ = 10000;
    std::map<std::string, std::uint64_t, std::less<>> counts_;
};

}  // namespace smtpsweep::scanner::report
