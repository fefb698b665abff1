// ZMap's address permutation: the multiplicative group of integers modulo a
// prime p > n is cyclic of order p - 1, so start * g^j for j = 0 .. p-2 (g a
// primitive root) visits every element 1 .. p-1 exactly once. Element e maps
// to index e - 1; indexes >= n are skipped (rare: p is the next prime). The
// seed picks g and start. Any arithmetic progression of steps j can be walked
// with O(1) state, which is what shards and sub-shards are (see plan.cpp).
#pragma once

#include <cstdint>

#include "targets/modmath.hpp"

namespace smtpsweep::targets {

/// Walks steps first, first + stride, ... of a cycle; two Montgomery products per step.
struct cycle_walker {
    montgomery field;         ///< arithmetic modulo the prime
    std::uint64_t value = 0;  ///< current element, Montgomery form
    std::uint64_t mult = 0;   ///< g^stride, Montgomery form

    /// The current element minus one (an index, maybe >= n), then advances one stride.
    std::uint64_t next() noexcept {
        std::uint64_t e = field.from(value);
        value = field.mul(value, mult);
        return e - 1;
    }
};

/// A seeded cyclic permutation of [0, n).
class permutation {
public:
    /// Chooses prime p > n, primitive root g and start from seed. 1 <= n < 2^62.
    permutation(std::uint64_t n, std::uint64_t seed);

    /// n: indexes are 0 .. n-1.
    std::uint64_t size() const noexcept { return n_; }
    /// The prime p.
    std::uint64_t prime() const noexcept { return field_.m; }
    /// Steps in the full cycle: p - 1 (>= n).
    std::uint64_t cycle_length() const noexcept { return field_.m - 1; }
    /// The primitive root g.
    std::uint64_t generator() const noexcept { return generator_; }
    /// The element at step 0.
    std::uint64_t start() const noexcept { return start_; }
    /// The index (element - 1) at cycle step j; may be >= n.
    std::uint64_t index_at(std::uint64_t step) const noexcept;
    /// A walker positioned at step first, advancing stride steps per next().
    cycle_walker walk(std::uint64_t first, std::uint64_t stride) const noexcept;

private:
    std::uint64_t n_;
    montgomery field_;
    std::uint64_t generator_ = 1, start_ = 1;
};

}  // namespace smtpsweep::targets
