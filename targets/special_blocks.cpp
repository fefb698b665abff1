// The special-purpose block table and the "inside one block: scan as named,
// otherwise cut them all out" rule.
#include "targets/special_blocks.hpp"

#include <algorithm>
#include <array>

namespace smtpsweep::targets {
namespace {

constexpr ip_range block(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d,
                         unsigned prefix) {
    std::uint32_t base = a << 24 | b << 16 | c << 8 | d;
    std::uint32_t mask = prefix == 0 ? 0u : ~std::uint32_t{0} << (32 - prefix);
    return {base & mask, (base & mask) | ~mask};
}

constexpr std::array<ip_range, 15> blocks{
    block(0, 0, 0, 0, 8),         block(10, 0, 0, 0, 8),       block(100, 64, 0, 0, 10),
    block(127, 0, 0, 0, 8),       block(169, 254, 0, 0, 16),   block(172, 16, 0, 0, 12),
    block(192, 0, 0, 0, 24),      block(192, 0, 2, 0, 24),     block(192, 168, 0, 0, 16),
    block(198, 18, 0, 0, 15),     block(198, 51, 100, 0, 24),  block(203, 0, 113, 0, 24),
    block(224, 0, 0, 0, 4),       block(240, 0, 0, 0, 4),      block(255, 255, 255, 255, 32),
};

}  // namespace

std::span<const ip_range> special_blocks() noexcept { return blocks; }

const interval_set& special_block_set() {
    static const interval_set set{std::vector<ip_range>(blocks.begin(), blocks.end())};
    return set;
}

std::vector<ip_range> apply_default_exclusion(ip_range r) {
    if (std::any_of(blocks.begin(), blocks.end(), [r](ip_range b) { return b.covers(r); }))
        return {r};
    return interval_set{{r}}.minus(special_block_set()).ranges();
}

}  // namespace smtpsweep::targets
