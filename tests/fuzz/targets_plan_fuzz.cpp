// Fuzzes the targets module through its public entry, plan::build. Input
// lines: "p:LIST" sets --ports, "x:LINE" adds an --exclude line,
// "o:ABC" sets options from three bytes (A: shards, B: shard, C: default
// exclusion and sub-shard count), any other line is a TARGET line. Only
// targets::parse_error may escape build(); anything else is a finding. The
// plan is never expanded: at most max_steps targets are drawn from cursors.
// Oracles: no target is handed out twice; when the space is small, the
// sub-shards of a one-shard plan hand out exactly space_size() targets; a
// cursor restored from position() continues with the same targets.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "targets/plan.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

namespace targets = smtpsweep::targets;

constexpr std::uint64_t max_steps = 1000;

struct fuzz_spec {
    targets::plan_spec spec;
    std::uint32_t subshards = 1;
};

fuzz_spec read_spec(std::string_view data, std::uint64_t seed) {
    fuzz_spec f;
    f.spec.seed = seed;
    smtpsweep::fuzz::for_each_line(data, [&](std::string_view l) {
        const auto rest = l.substr(std::min<std::size_t>(2, l.size()));
        if (l.starts_with("p:")) f.spec.ports = std::string(rest);
        else if (l.starts_with("x:")) f.spec.exclude_lines.emplace_back(rest);
        else if (l.starts_with("o:")) {
            const auto byte = [&](std::size_t i) -> unsigned {
                return i < rest.size() ? static_cast<unsigned char>(rest[i]) : 0u;
            };
            f.spec.shards = byte(0) % 5;         // 0 is invalid on purpose
            f.spec.shard = byte(1) % 5;          // may be >= shards on purpose
            f.spec.default_exclude = (byte(2) & 1) == 0;
            f.subshards = 1 + (byte(2) >> 1) % 4;
        } else {
            f.spec.targets.emplace_back(l);
        }
    });
    return f;
}

// Draws up to `budget` targets, checking none repeats; returns how many.
std::uint64_t drain(targets::cursor& c, std::uint64_t budget, std::set<targets::target>& seen) {
    std::uint64_t n = 0;
    while (n < budget) {
        const auto t = c.next();
        if (!t) break;
        FUZZ_CHECK(seen.insert(*t).second);
        ++n;
    }
    return n;
}

// A cursor restored at a saved position yields what the original yields next.
void check_resume(const targets::plan& p, std::uint32_t subshards) {
    auto a = p.make_cursor(0, subshards);
    for (int i = 0; i < 3 && a.next(); ++i) {}
    auto b = p.make_cursor(0, subshards, a.position());
    for (int i = 0; i < 5; ++i) {
        const auto x = a.next(), y = b.next();
        FUZZ_CHECK(x == y);
        if (!x) break;
    }
}

void walk(const targets::plan& p, std::uint32_t subshards) {
    FUZZ_CHECK(p.space_size() > 0 && p.shard_size() <= p.space_size());
    std::set<targets::target> seen;
    std::uint64_t total = 0;
    for (std::uint32_t s = 0; s < subshards && total < max_steps; ++s) {
        auto c = p.make_cursor(s, subshards);
        total += drain(c, max_steps - total, seen);
    }
    if (p.shards() == 1 && p.space_size() < max_steps) FUZZ_CHECK(total == p.space_size());
    check_resume(p, subshards);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    fuzz_spec f = read_spec(text, std::hash<std::string_view>{}(text));
    std::optional<targets::plan> p;
    try {
        p = targets::plan::build(f.spec);
    } catch (const targets::parse_error& e) {
        FUZZ_CHECK(e.what() != nullptr && *e.what() != '\0');
        return 0;
    }
    walk(*p, f.subshards);
    return 0;
}
