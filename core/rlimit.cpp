// RLIMIT_NOFILE handling: the arithmetic is a pure function (tested); the
// syscall wrapper only reads, fits and sets.
#include "core/rlimit.hpp"

#include <algorithm>
#include <limits>

#include <sys/resource.h>

#include <spdlog/spdlog.h>

namespace smtpsweep::core {

nofile_fit fit_nofile(std::uint64_t current_soft, std::uint64_t hard, std::size_t wanted,
                      std::size_t margin) {
    auto const need = static_cast<std::uint64_t>(wanted) + margin;
    nofile_fit fit;
    fit.soft = std::max(current_soft, std::min(hard, need));
    auto const room = fit.soft > margin ? fit.soft - margin : 0;
    fit.concurrency = static_cast<std::size_t>(std::clamp<std::uint64_t>(room, 1, wanted));
    return fit;
}

std::size_t nofile_margin(unsigned workers) { return 64 + 4 * static_cast<std::size_t>(workers); }

std::size_t raise_nofile_limit(std::size_t wanted, unsigned workers) {
    ::rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
        spdlog::warn("getrlimit(RLIMIT_NOFILE) failed; keeping concurrency {}", wanted);
        return wanted;
    }
    auto const inf = std::numeric_limits<std::uint64_t>::max();
    auto const hard = lim.rlim_max == RLIM_INFINITY ? inf : lim.rlim_max;
    auto const soft = lim.rlim_cur == RLIM_INFINITY ? inf : lim.rlim_cur;
    auto const fit = fit_nofile(soft, hard, wanted, nofile_margin(workers));
    if (fit.soft != soft) {
        lim.rlim_cur = fit.soft == inf ? RLIM_INFINITY : static_cast<rlim_t>(fit.soft);
        if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
            spdlog::warn("setrlimit(RLIMIT_NOFILE, {}) failed", fit.soft);
            return fit_nofile(soft, soft, wanted, nofile_margin(workers)).concurrency;
        }
    }
    if (fit.concurrency < wanted)
        spdlog::warn("open-file limit (hard {}) too low for concurrency {}: using {} "
                     "(raise it with `ulimit -Hn` or limits.conf)", hard, wanted,
                     fit.concurrency);
    return fit.concurrency;
}

}  // namespace smtpsweep::core
