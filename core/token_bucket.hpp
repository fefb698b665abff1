// Per-worker pacing of new probes (-r). Time-based spacing, not a refilled
// bucket: each acquire() reserves the next free slot `interval` after the
// previous one and sleeps until it, so lanes of one worker share the worker's
// rate without a background filler. No credit accrues while idle (a slot in
// the past is moved to now), so a slow phase is never followed by a burst.
// Workers start staggered by interval/workers so the aggregate is smooth too.
#pragma once

#include <chrono>
#include <functional>

#include "core/net.hpp"

namespace smtpsweep::core {

/// Paces one worker's lanes to a fixed rate; one per worker, single thread.
class token_bucket {
public:
    using clock = std::chrono::steady_clock;

    /// `per_second` <= 0 means unlimited (acquire never waits, no timer).
    /// `phase` in [0,1) delays the first slot by that fraction of an interval.
    token_bucket(double per_second, double phase = 0, clock::time_point start = clock::now());

    /// Reserves the next slot given the current time; returns when it may start.
    clock::time_point reserve(clock::time_point now);

    /// Waits (steady_timer on the current executor) until a slot is free, or
    /// until `give_up()` (checked at least every max_nap, so a stop or the end
    /// of the targets is never held up by slots reserved far ahead at low rates).
    awaitable<void> acquire(std::function<bool()> give_up);

    /// Longest single sleep inside acquire().
    static constexpr std::chrono::milliseconds max_nap{200};

    /// True when pacing is off.
    bool unlimited() const { return interval_.count() == 0; }
    /// Spacing between two slots.
    clock::duration interval() const { return interval_; }

private:
    clock::duration interval_{0};
    clock::time_point next_;
};

/// Rate of each worker for `rate` over `workers` (0 = unlimited); warns when
/// a worker gets less than one probe per second.
double per_worker_rate(double rate, unsigned workers);

}  // namespace smtpsweep::core
