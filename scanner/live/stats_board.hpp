// The crossing point between the engine's main thread, which publishes a
// live_stats once a second, and the HTTP thread, which reads it per request.
// A mutex is fine here: it is taken about once a second by each side, never
// on the probe path.
#pragma once

#include <mutex>

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live {

/// Holds the latest snapshot; thread-safe.
class stats_board {
public:
    /// Replaces the snapshot.
    void publish(live_stats s);
    /// A copy of the latest snapshot.
    live_stats current() const;

private:
    mutable std::mutex mutex_;
    live_stats stats_;
};

}  // namespace smtpsweep::scanner::live
