// The public face of the targets module: a scan plan is the target space
// (addresses x ports, minus exclusions, plus explicit ip,port pairs) with a
// seeded permutation and a shard split. Cursors walk one sub-shard each in
// O(1) memory, and their position can be saved and restored for --resume.
// The algorithm is described in docs/targets.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "targets/parse_error.hpp"
#include "targets/permutation.hpp"
#include "targets/target.hpp"

namespace smtpsweep::targets {

namespace detail {
struct plan_data;
}  // namespace detail

/// What the user asked for, as text, before any expansion.
struct plan_spec {
    std::vector<std::string> targets;           ///< TARGET arguments, already read from @file/stdin as lines
    std::vector<std::string> target_sources;    ///< parallel to targets: "argv", "file.txt:12", "stdin:3"
    std::string ports = "25,465,587";           ///< -p list (also accepts ranges a-b)
    std::vector<std::string> exclude_lines;     ///< --exclude FILE contents, one entry per line
    std::vector<std::string> exclude_sources;   ///< parallel to exclude_lines: "file:line"
    bool default_exclude = true;                ///< drop special-purpose blocks from wider targets
    std::uint64_t seed = 0;                     ///< permutation seed
    std::uint32_t shards = 1;                   ///< --shards N
    std::uint32_t shard = 0;                    ///< --shard I (0-based)
};

/// Saved position of one sub-shard cursor (for --resume).
struct cursor_position {
    std::uint64_t step = 0;  ///< steps taken along the sub-shard's cycle
    bool done = false;       ///< cursor exhausted
};

/// Iterates one sub-shard of the permutation. Not thread-safe; one per worker.
class cursor {
public:
    cursor() = default;
    /// Next target of this sub-shard in scan order, or nullopt at the end.
    std::optional<target> next();
    /// Position to save: every target before it has been handed out by next().
    cursor_position position() const;

private:
    friend class plan;
    std::shared_ptr<const detail::plan_data> data_;  // immutable shared plan data
    cycle_walker walk_;
    std::uint64_t n_ = 0, step_ = 0, end_ = 0;
};

/// An immutable, validated scan plan. Cheap to share between threads (const).
class plan {
public:
    /// Parses and validates everything; throws parse_error on bad input.
    static plan build(const plan_spec& spec);

    /// Targets in the whole space (all shards).
    std::uint64_t space_size() const;
    /// Targets in this shard (exact when shards == 1, estimate otherwise).
    std::uint64_t shard_size() const;
    /// Cursor over sub-shard `sub` of `subshards` within this shard, starting at `from`.
    /// Throws std::invalid_argument when sub >= subshards or from lies past the end.
    cursor make_cursor(std::uint32_t sub, std::uint32_t subshards, cursor_position from = {}) const;

    std::uint64_t seed() const;    ///< the permutation seed
    std::uint32_t shards() const;  ///< --shards N
    std::uint32_t shard() const;   ///< --shard I

private:
    std::shared_ptr<const detail::plan_data> impl_;
};

}  // namespace smtpsweep::targets
