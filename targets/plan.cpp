// plan::build turns the user's text into the immutable plan_data: parse every
// target line (applying the default special-block rule per target, so a target
// inside a block is scanned as named), subtract --exclude from everything,
// merge overlaps (interval set for addresses; sorted unique list for explicit
// pairs, minus pairs the address x port grid already covers) and choose the
// permutation. make_cursor then carves the cycle into shards and sub-shards:
// shard i of N, sub-shard t of T takes cycle steps j = i + N*t + N*T*k, so
// the sub-shards of a shard partition it for any T, and the shards partition
// the cycle (ZMap's sharding; docs/targets.md).
#include "targets/plan.hpp"

#include <algorithm>
#include <stdexcept>

#include "targets/plan_data.hpp"
#include "targets/port_list.hpp"
#include "targets/special_blocks.hpp"
#include "targets/target_line.hpp"

namespace smtpsweep::targets {
namespace {

struct target_input {
    std::vector<ip_range> ranges;
    std::vector<target> pairs;
};

std::string source_of(const std::vector<std::string>& sources, std::size_t i,
                      const std::string& fallback) {
    return i < sources.size() ? sources[i] : fallback;
}

target_input collect_targets(const plan_spec& spec) {
    target_input in;
    for (std::size_t i = 0; i < spec.targets.size(); ++i) {
        auto entry = parse_target_line(spec.targets[i], source_of(spec.target_sources, i, "argv"));
        if (const auto* pair = std::get_if<target>(&entry)) in.pairs.push_back(*pair);
        const auto* range = std::get_if<ip_range>(&entry);
        if (range == nullptr) continue;
        if (!spec.default_exclude) {
            in.ranges.push_back(*range);
            continue;
        }
        auto kept = apply_default_exclusion(*range);
        in.ranges.insert(in.ranges.end(), kept.begin(), kept.end());
    }
    return in;
}

interval_set collect_excludes(const plan_spec& spec) {
    std::vector<ip_range> ranges;
    for (std::size_t i = 0; i < spec.exclude_lines.size(); ++i) {
        auto source = source_of(spec.exclude_sources, i, "exclude:" + std::to_string(i + 1));
        if (auto r = parse_exclude_line(spec.exclude_lines[i], source)) ranges.push_back(*r);
    }
    return interval_set(std::move(ranges));
}

std::vector<target> filter_pairs(std::vector<target> pairs, const interval_set& grid,
                                 const std::vector<std::uint16_t>& ports,
                                 const interval_set& excluded) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::erase_if(pairs, [&](const target& t) {
        return excluded.contains(t.ip) ||
               (grid.contains(t.ip) && std::binary_search(ports.begin(), ports.end(), t.port));
    });
    return pairs;
}

void check_shards(const plan_spec& spec) {
    if (spec.shards == 0) throw_bad("--shards", "shard count", "0", "must be at least 1");
    if (spec.shard >= spec.shards)
        throw_bad("--shard", "shard", std::to_string(spec.shard), "must be below --shards");
}

}  // namespace

plan plan::build(const plan_spec& spec) {
    check_shards(spec);
    auto ports = parse_port_list(spec.ports, "--ports");
    target_input in = collect_targets(spec);
    if (in.ranges.empty() && in.pairs.empty()) throw parse_error("", "no targets given");
    const interval_set excluded = collect_excludes(spec);
    interval_set addresses = interval_set(std::move(in.ranges)).minus(excluded);
    auto pairs = filter_pairs(std::move(in.pairs), addresses, ports, excluded);
    const std::uint64_t grid = addresses.count() * ports.size();
    if (grid + pairs.size() == 0)
        throw parse_error("", "no targets left: every target is excluded");
    permutation perm(grid + pairs.size(), spec.seed);
    plan p;
    p.impl_ = std::make_shared<const detail::plan_data>(
        detail::plan_data{std::move(addresses), std::move(ports), std::move(pairs), grid,
                          perm, spec.seed, spec.shards, spec.shard});
    return p;
}

std::uint64_t plan::space_size() const { return impl_->perm.size(); }

std::uint64_t plan::shard_size() const {
    const std::uint64_t n = impl_->perm.size();
    const std::uint64_t shards = impl_->shards;
    return n / shards + (impl_->shard < n % shards ? 1 : 0);
}

cursor plan::make_cursor(std::uint32_t sub, std::uint32_t subshards, cursor_position from) const {
    if (subshards == 0 || sub >= subshards)
        throw std::invalid_argument("sub-shard index must be below the sub-shard count");
    const detail::plan_data& d = *impl_;
    const std::uint64_t length = d.perm.cycle_length();
    const std::uint64_t stride = std::uint64_t{d.shards} * subshards;
    const std::uint64_t offset = d.shard + std::uint64_t{d.shards} * sub;
    const std::uint64_t end = offset < length ? (length - offset - 1) / stride + 1 : 0;
    const std::uint64_t step = from.done ? end : from.step;
    if (step > end) throw std::invalid_argument("resume position lies past the sub-shard's end");
    cursor c;
    c.data_ = impl_;
    c.n_ = d.perm.size();
    c.step_ = step;
    c.end_ = end;
    const auto first = static_cast<std::uint64_t>((offset + static_cast<u128>(step) * stride) % length);
    c.walk_ = d.perm.walk(first, stride);
    return c;
}

std::uint64_t plan::seed() const { return impl_->seed; }
std::uint32_t plan::shards() const { return impl_->shards; }
std::uint32_t plan::shard() const { return impl_->shard; }

}  // namespace smtpsweep::targets
