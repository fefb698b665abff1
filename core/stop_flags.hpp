// The stop request seen by lanes: the engine's own flag (first SIGINT/SIGTERM)
// or an external one (the writer sets it when the output fails). Relaxed
// loads: a lane that misses a stop by one probe still gets a record for it.
#pragma once

#include <atomic>

namespace smtpsweep::core {

/// Two optional flags; stop is requested when either is set.
struct stop_flags {
    const std::atomic<bool>* own = nullptr;       ///< set by the signal handler
    const std::atomic<bool>* external = nullptr;  ///< set by the writer (disk full)

    /// True once any flag is set.
    bool operator()() const {
        return (own && own->load(std::memory_order_relaxed)) ||
               (external && external->load(std::memory_order_relaxed));
    }
};

}  // namespace smtpsweep::core
