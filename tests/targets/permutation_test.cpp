// The cyclic-group permutation: a bijection for every small n, a true prime
// and primitive root for large n, seed determinism, and the number theory
// helpers it rests on.
#include <vector>

#include <catch2/catch.hpp>

#include "targets/modmath.hpp"
#include "targets/permutation.hpp"
#include "targets/splitmix64.hpp"

using namespace smtpsweep::targets;

namespace {

std::vector<std::uint64_t> order_of(const permutation& perm, std::size_t count) {
    std::vector<std::uint64_t> out;
    cycle_walker w = perm.walk(0, 1);
    for (std::uint64_t j = 0; j < perm.cycle_length() && out.size() < count; ++j)
        if (auto i = w.next(); i < perm.size()) out.push_back(i);
    return out;
}

}  // namespace

TEST_CASE("the permutation visits each index below n exactly once", "[targets][permutation]") {
    auto n = GENERATE(range<std::uint64_t>(1, 3000));
    permutation perm(n, n * 7919);
    REQUIRE(perm.cycle_length() >= n);
    std::vector<char> seen(n, 0);
    cycle_walker w = perm.walk(0, 1);
    std::uint64_t hits = 0;
    for (std::uint64_t j = 0; j < perm.cycle_length(); ++j) {
        std::uint64_t i = w.next();
        if (i >= n) continue;
        REQUIRE(seen[i] == 0);
        seen[i] = 1;
        ++hits;
    }
    REQUIRE(hits == n);
}

TEST_CASE("large permutations use the next prime and a primitive root", "[targets][permutation]") {
    auto n = GENERATE(take(25, random<std::uint64_t>(1'000'000, std::uint64_t{1} << 48)),
                      std::uint64_t{50'331'648}, (std::uint64_t{1} << 32) * 65535);
    auto seed = GENERATE(0ull, 42ull);
    permutation perm(n, seed);
    const std::uint64_t p = perm.prime();
    INFO("n " << n << " p " << p);
    REQUIRE(is_prime(p));
    REQUIRE(p > n);
    for (std::uint64_t q = n + 1; q < p; ++q) REQUIRE_FALSE(is_prime(q));
    auto factors = prime_factors(p - 1);
    std::uint64_t rest = p - 1;
    for (std::uint64_t q : factors) {
        REQUIRE(is_prime(q));
        while (rest % q == 0) rest /= q;
        REQUIRE(powmod(perm.generator(), (p - 1) / q, p) != 1);  // g has order p - 1
    }
    REQUIRE(rest == 1);  // the factorisation is complete
    cycle_walker w = perm.walk(12345, 1);
    for (std::uint64_t j = 12345; j < 12345 + 1000; ++j) REQUIRE(w.next() == perm.index_at(j));
}

TEST_CASE("a strided walk visits every stride-th cycle step", "[targets][permutation]") {
    permutation perm(1'000'003, 9);
    auto stride = GENERATE(1ull, 2ull, 7ull, 64ull);
    auto first = GENERATE(0ull, 3ull, 999'999ull);
    cycle_walker w = perm.walk(first, stride);
    for (std::uint64_t k = 0; k < 500; ++k) REQUIRE(w.next() == perm.index_at(first + k * stride));
}

TEST_CASE("the seed decides the order deterministically", "[targets][permutation]") {
    const std::uint64_t n = 1000;
    CHECK(order_of(permutation(n, 5), n) == order_of(permutation(n, 5), n));
    std::vector<std::vector<std::uint64_t>> orders;
    for (std::uint64_t seed = 0; seed < 10; ++seed) orders.push_back(order_of(permutation(n, seed), 30));
    for (std::size_t a = 0; a < orders.size(); ++a)
        for (std::size_t b = a + 1; b < orders.size(); ++b) CHECK(orders[a] != orders[b]);
}

TEST_CASE("montgomery products agree with plain mulmod", "[targets][modmath]") {
    splitmix64 rng(GENERATE(range(0ull, 50ull)));
    const std::uint64_t m = (rng() >> (1 + rng() % 60)) | 1 | 2;  // odd, >= 3
    const montgomery mont(m);
    for (int i = 0; i < 200; ++i) {
        std::uint64_t a = rng() % m, b = rng() % m;
        REQUIRE(mont.from(mont.mul(mont.to(a), mont.to(b))) == mulmod(a, b, m));
    }
}

TEST_CASE("prime factors multiply back to the number", "[targets][modmath]") {
    auto n = GENERATE(take(200, random<std::uint64_t>(1, std::uint64_t{1} << 50)), 1ull, 2ull,
                      1ull << 49, 999'983ull * 1'000'003ull);
    std::uint64_t rest = n;
    for (std::uint64_t q : prime_factors(n)) {
        REQUIRE(is_prime(q));
        REQUIRE(rest % q == 0);
        while (rest % q == 0) rest /= q;
    }
    CHECK(rest == 1);
}
