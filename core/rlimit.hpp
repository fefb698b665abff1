// Every in-flight probe holds one socket, so -c 10000 needs a file-descriptor
// limit above 10000 plus what the process itself uses (stdio, output file,
// epoll/eventfd per worker). This raises the soft RLIMIT_NOFILE as far as
// needed (never above the hard limit) and tells the engine how many lanes
// the process can really afford.
#pragma once

#include <cstddef>
#include <cstdint>

namespace smtpsweep::core {

/// Outcome of fitting concurrency under a file-descriptor limit.
struct nofile_fit {
    std::uint64_t soft = 0;      ///< soft limit to set
    std::size_t concurrency = 0;  ///< usable concurrency (<= wanted, >= 1)
};

/// Pure: soft limit and usable concurrency for `wanted` lanes plus `margin`
/// descriptors under the `hard` limit (UINT64_MAX = unlimited). Never lowers
/// the current soft limit.
nofile_fit fit_nofile(std::uint64_t current_soft, std::uint64_t hard, std::size_t wanted,
                      std::size_t margin);

/// Descriptors the process needs besides sockets, for `workers` workers.
std::size_t nofile_margin(unsigned workers);

/// Raises the soft RLIMIT_NOFILE for `wanted` lanes; returns the usable
/// concurrency and warns on stderr when it is lower than `wanted`.
std::size_t raise_nofile_limit(std::size_t wanted, unsigned workers);

}  // namespace smtpsweep::core
