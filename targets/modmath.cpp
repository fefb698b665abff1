// Number theory for choosing the permutation's prime and primitive root.
// Runs once per plan; only Montgomery (in the header) is on the hot path.
#include "targets/modmath.hpp"

#include <algorithm>
#include <numeric>

namespace smtpsweep::targets {

std::uint64_t powmod(std::uint64_t base, std::uint64_t exp, std::uint64_t m) noexcept {
    std::uint64_t result = 1 % m;
    base %= m;
    for (; exp != 0; exp >>= 1) {
        if (exp & 1) result = mulmod(result, base, m);
        base = mulmod(base, base, m);
    }
    return result;
}

bool is_prime(std::uint64_t n) noexcept {
    constexpr std::uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    if (n < 2) return false;
    for (std::uint64_t p : bases)
        if (n % p == 0) return n == p;
    std::uint64_t d = n - 1;
    int s = 0;
    for (; d % 2 == 0; d /= 2) ++s;
    for (std::uint64_t a : bases) {  // deterministic for n < 3.3e24 (Sorenson & Webster)
        std::uint64_t x = powmod(a, d, n);
        if (x == 1 || x == n - 1) continue;
        bool composite = true;
        for (int r = 1; r < s && composite; ++r) {
            x = mulmod(x, x, n);
            composite = x != n - 1;
        }
        if (composite) return false;
    }
    return true;
}

std::uint64_t next_prime_above(std::uint64_t n) noexcept {
    std::uint64_t p = std::max<std::uint64_t>(n + 1, 3);
    if (p % 2 == 0) ++p;
    while (!is_prime(p)) p += 2;
    return p;
}

namespace {

// Pollard's rho (Floyd cycle finding) for odd composite n; returns a non-trivial factor.
std::uint64_t rho(std::uint64_t n) noexcept {
    for (std::uint64_t c = 1;; ++c) {
        auto f = [n, c](std::uint64_t v) { return (mulmod(v, v, n) + c) % n; };
        std::uint64_t x = 2, y = 2, d = 1;
        while (d == 1) {
            x = f(x);
            y = f(f(y));
            d = std::gcd(x > y ? x - y : y - x, n);
        }
        if (d != n) return d;
    }
}

void split(std::uint64_t n, std::vector<std::uint64_t>& out) {
    if (n == 1) return;
    if (is_prime(n)) {
        out.push_back(n);
        return;
    }
    std::uint64_t d = rho(n);
    split(d, out);
    split(n / d, out);
}

}  // namespace

std::vector<std::uint64_t> prime_factors(std::uint64_t n) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t p = 2; p < 1000 && p * p <= n; p += (p == 2 ? 1 : 2)) {
        if (n % p != 0) continue;
        out.push_back(p);
        while (n % p == 0) n /= p;
    }
    split(n, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

montgomery::montgomery(std::uint64_t modulus) noexcept : m(modulus) {
    std::uint64_t inv = modulus;  // correct to 3 bits for odd m; Newton doubles the bits
    for (int i = 0; i < 5; ++i) inv *= 2 - modulus * inv;
    neg_inv = 0 - inv;
    std::uint64_t r = (0 - modulus) % modulus;  // 2^64 mod m
    r2 = mulmod(r, r, modulus);
}

}  // namespace smtpsweep::targets
