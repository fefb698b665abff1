// --resume state: which part of the permutation each worker has finished.
// Written when a scan stops (SIGINT or end) and, for NDJSON/CSV files, also
// every half second while it runs (crash-safe checkpoints): per worker a
// cursor position below which every record is on disk, the few steps above
// it whose records are on disk too, and the output size they fill. Read to
// continue exactly where it stopped: same plan (checked by a fingerprint),
// seed and thread count; the output is cut back to `output_bytes` first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "targets/plan.hpp"

namespace smtpsweep::scanner {

/// Saved progress of one sharded, seeded scan.
struct resume_state {
    std::string plan_fingerprint;  ///< hash of targets, ports and exclusions
    std::uint64_t seed = 0;
    std::uint32_t shards = 1;
    std::uint32_t shard = 0;
    std::vector<targets::cursor_position> positions;  ///< one per worker thread
    /// Parallel to positions: steps past the position already written, ascending.
    std::vector<std::vector<std::uint64_t>> completed;
    std::optional<std::uint64_t> output_bytes;  ///< output size these records fill (files only)
    bool complete = false;                      ///< every position is done
};

/// Stable fingerprint of what a plan covers (not of its order).
std::string plan_fingerprint(const targets::plan_spec& spec);

/// Reads a state file; nullopt when it does not exist; throws std::runtime_error
/// naming the file when it exists but cannot be parsed.
std::optional<resume_state> load_resume(const std::string& path);

/// Writes atomically and durably (temp file, fsync, rename, fsync of the
/// directory); throws std::runtime_error naming the file on failure.
void save_resume(const std::string& path, const resume_state& state);

}  // namespace smtpsweep::scanner
