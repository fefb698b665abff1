// Findings by id, counted on the worker threads right before a record is
// queued for output. Like core's worker_counters: one block per worker on
// its own cache lines, written by that worker only (relaxed), summed once a
// second by the main thread. Probe code never takes a lock for this.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "scanner/record.hpp"

namespace smtpsweep::scanner::live {

/// Per-worker finding counts; count() from worker `w` only, totals() from anywhere.
class finding_counters {
public:
    /// Counters for `workers` workers.
    explicit finding_counters(unsigned workers);
    /// Adds one per finding in `found`; called by worker `worker` only.
    void count(unsigned worker, const std::vector<finding>& found);
    /// Sums over all workers, indexed by the finding enum.
    std::array<std::uint64_t, finding_count> totals() const;

private:
    struct alignas(64) block {
        std::array<std::atomic<std::uint64_t>, finding_count> by_id{};
    };
    std::vector<std::unique_ptr<block>> blocks_;
};

}  // namespace smtpsweep::scanner::live
