// Local resource exhaustion (EMFILE/ENFILE: no file descriptors, ENOBUFS/
// ENOMEM: no socket buffers, EADDRNOTAVAIL: no ephemeral ports) is the
// scanner's problem, not the target's: the probe backs off and retries
// instead of recording an outcome. These helpers classify the error and
// count the back-offs (process-wide relaxed counters, read for logging).
#pragma once

#include <atomic>
#include <cerrno>
#include <cstdint>

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

namespace smtpsweep::scanner {

/// True for errors meaning "this machine is out of something", not the target.
inline bool is_resource_exhaustion(const boost::system::error_code& ec) {
    if (ec.category() != boost::system::system_category()) return false;
    switch (ec.value()) {
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM:
    case EADDRNOTAVAIL:
        return true;
    default:
        return false;
    }
}

/// Connect attempts retried because of local resource exhaustion (all workers).
inline std::atomic<std::uint64_t>& resource_backoffs() {
    static std::atomic<std::uint64_t> count{0};
    return count;
}

/// True exactly once per process: whether to warn that exhaustion outlasted a probe.
inline bool first_exhaustion_failure() {
    static std::atomic<bool> warned{false};
    return !warned.exchange(true, std::memory_order_relaxed);
}

}  // namespace smtpsweep::scanner
