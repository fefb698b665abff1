// Crash-safe checkpoints need to know, per worker, which targets already
// have their record on disk. Records finish out of order (many lanes per
// worker), so each record carries a position_token: its cursor step and the
// smallest step still in flight at its worker when it was pushed. Every step
// below that low mark was pushed earlier through the same FIFO queue, so once
// the record is flushed they are flushed too. The writer thread folds tokens
// into a flush_tracker: per worker a position (all steps <= it flushed) plus
// the few flushed steps above it. in_flight_steps computes the low mark on
// the worker thread (no locks: one per worker).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <utility>
#include <vector>

namespace smtpsweep::core {

/// Where a record comes from; step 0 means "not tracked".
struct position_token {
    std::uint64_t step = 0;  ///< the target's cursor step (>= 1)
    std::uint64_t low = 0;   ///< smallest step in flight at its worker when pushed (<= step)
};

/// Flushed progress of one worker: every step <= position, plus `completed`.
struct lane_progress {
    std::uint64_t position = 0;               ///< all steps up to here are flushed
    std::vector<std::uint64_t> completed;     ///< flushed steps above position, ascending
};

/// Steps handed to probes and not yet pushed; one per worker thread.
class in_flight_steps {
public:
    /// A probe of `step` starts; steps arrive in increasing order.
    void start(std::uint64_t step) { steps_.emplace_back(step, false); }
    /// Smallest step still in flight (call while at least one is).
    std::uint64_t low() const { return steps_.empty() ? 0 : steps_.front().first; }
    /// The record of `step` was pushed.
    void finish(std::uint64_t step) {
        auto it = std::lower_bound(steps_.begin(), steps_.end(), std::make_pair(step, false));
        if (it != steps_.end() && it->first == step) it->second = true;
        while (!steps_.empty() && steps_.front().second) steps_.pop_front();
    }
    /// Probes in flight.
    std::size_t size() const { return steps_.size(); }

private:
    std::deque<std::pair<std::uint64_t, bool>> steps_;  // ascending by step
};

/// Folds flushed tokens into per-worker progress; writer thread only.
class flush_tracker {
public:
    /// Starts from `start` (one per worker; missing ones start at 0).
    explicit flush_tracker(unsigned workers, const std::vector<lane_progress>& start = {})
        : lanes_(workers) {
        for (std::size_t i = 0; i < lanes_.size() && i < start.size(); ++i) {
            lanes_[i].position = start[i].position;
            lanes_[i].above.insert(start[i].completed.begin(), start[i].completed.end());
            compact(lanes_[i]);
        }
    }
    /// The record carrying `t` from worker `lane` is durable in the output.
    void flushed(unsigned lane, position_token t) {
        if (t.step == 0 || lane >= lanes_.size()) return;
        auto& l = lanes_[lane];
        if (t.low > 0) l.position = std::max(l.position, t.low - 1);
        if (t.step > l.position) l.above.insert(t.step);
        compact(l);
    }
    /// Current progress, one entry per worker.
    std::vector<lane_progress> snapshot() const {
        std::vector<lane_progress> out;
        for (const auto& l : lanes_) out.push_back({l.position, {l.above.begin(), l.above.end()}});
        return out;
    }

private:
    struct lane {
        std::uint64_t position = 0;
        std::set<std::uint64_t> above;
    };
    static void compact(lane& l) {
        l.above.erase(l.above.begin(), l.above.upper_bound(l.position));
        while (!l.above.empty() && *l.above.begin() == l.position + 1) {
            ++l.position;
            l.above.erase(l.above.begin());
        }
    }
    std::vector<lane> lanes_;
};

}  // namespace smtpsweep::core
