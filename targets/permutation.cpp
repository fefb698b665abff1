// Choosing the cycle: the prime, a seeded random primitive root (g is a
// primitive root iff g^((p-1)/q) != 1 for every prime q dividing p-1) and a
// seeded start element, all from splitmix64 so the order is reproducible.
#include "targets/permutation.hpp"

#include <stdexcept>

#include "targets/splitmix64.hpp"

namespace smtpsweep::targets {
namespace {

bool is_primitive_root(std::uint64_t g, std::uint64_t p, const std::vector<std::uint64_t>& qs) {
    for (std::uint64_t q : qs)
        if (powmod(g, (p - 1) / q, p) == 1) return false;
    return true;
}

}  // namespace

permutation::permutation(std::uint64_t n, std::uint64_t seed) : n_(n) {
    if (n == 0 || n >= (std::uint64_t{1} << 62))
        throw std::invalid_argument("permutation size must be 1 .. 2^62-1");
    const std::uint64_t p = next_prime_above(n);
    field_ = montgomery(p);
    const auto factors = prime_factors(p - 1);
    splitmix64 rng(seed);
    do {
        generator_ = 2 + rng() % (p - 2);
    } while (!is_primitive_root(generator_, p, factors));
    start_ = 1 + rng() % (p - 1);
}

std::uint64_t permutation::index_at(std::uint64_t step) const noexcept {
    const std::uint64_t p = field_.m;
    return mulmod(start_, powmod(generator_, step % (p - 1), p), p) - 1;
}

cycle_walker permutation::walk(std::uint64_t first, std::uint64_t stride) const noexcept {
    const std::uint64_t p = field_.m;
    cycle_walker w;
    w.field = field_;
    w.value = field_.to(index_at(first) + 1);
    w.mult = field_.to(powmod(generator_, stride % (p - 1), p));
    return w;
}

}  // namespace smtpsweep::targets
