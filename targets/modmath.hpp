// 64-bit modular arithmetic for the permutation: mulmod/powmod through
// unsigned __int128, deterministic Miller-Rabin, distinct prime factors
// (trial division + Pollard rho), and Montgomery multiplication, which keeps
// the per-target step free of 128-bit division (a few ns instead of ~30).
#pragma once

#include <cstdint>
#include <vector>

namespace smtpsweep::targets {

__extension__ typedef unsigned __int128 u128;  ///< 128-bit products (GCC/Clang extension)

/// a * b mod m.
inline std::uint64_t mulmod(std::uint64_t a, std::uint64_t b, std::uint64_t m) noexcept {
    return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

/// base^exp mod m.
std::uint64_t powmod(std::uint64_t base, std::uint64_t exp, std::uint64_t m) noexcept;

/// Deterministic primality for every 64-bit n.
bool is_prime(std::uint64_t n) noexcept;

/// Smallest odd prime greater than n (at least 3); n < 2^62.
std::uint64_t next_prime_above(std::uint64_t n) noexcept;

/// The distinct prime factors of n (n >= 1), ascending.
std::vector<std::uint64_t> prime_factors(std::uint64_t n);

/// Montgomery arithmetic modulo an odd m < 2^63 with R = 2^64.
struct montgomery {
    std::uint64_t m = 0;    ///< the modulus
    std::uint64_t neg_inv = 0;  ///< -m^-1 mod 2^64
    std::uint64_t r2 = 0;   ///< R^2 mod m

    /// An unusable placeholder (m = 0).
    montgomery() = default;
    /// Precomputes the constants for odd modulus m < 2^63.
    explicit montgomery(std::uint64_t modulus) noexcept;

    /// t * R^-1 mod m for t < m * R.
    std::uint64_t reduce(u128 t) const noexcept {
        auto q = static_cast<std::uint64_t>(t) * neg_inv;
        auto r = static_cast<std::uint64_t>((t + static_cast<u128>(q) * m) >> 64);
        return r >= m ? r - m : r;
    }
    /// x into Montgomery form (x < m).
    std::uint64_t to(std::uint64_t x) const noexcept { return reduce(static_cast<u128>(x) * r2); }
    /// x out of Montgomery form.
    std::uint64_t from(std::uint64_t x) const noexcept { return reduce(x); }
    /// Product of two Montgomery-form values, in Montgomery form.
    std::uint64_t mul(std::uint64_t a, std::uint64_t b) const noexcept {
        return reduce(static_cast<u128>(a) * b);
    }
};

}  // namespace smtpsweep::targets
