// splitmix64 (Steele, Lea, Flood 2014): a tiny fixed PRNG. The permutation's
// choices must be identical on every machine and standard library for the
// same --seed (resume and sharding across hosts rely on it), which rules out
// std:: distributions.
#pragma once

#include <cstdint>

namespace smtpsweep::targets {

/// Deterministic 64-bit generator; same seed, same sequence everywhere.
class splitmix64 {
public:
    /// Starts the sequence for seed.
    explicit splitmix64(std::uint64_t seed) noexcept : state_(seed) {}
    /// Next 64-bit value.
    std::uint64_t operator()() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }

private:
    std::uint64_t state_;
};

}  // namespace smtpsweep::targets
