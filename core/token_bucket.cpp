// Slot arithmetic of token_bucket (pure, testable with injected times) and
// the one awaitable that sleeps until the slot.
#include "core/token_bucket.hpp"

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

namespace smtpsweep::core {

token_bucket::token_bucket(double per_second, double phase, clock::time_point start)
    : next_(start) {
    if (per_second <= 0) return;
    auto const seconds = std::chrono::duration<double>(1.0 / per_second);
    interval_ = std::max(clock::duration{1}, std::chrono::duration_cast<clock::duration>(seconds));
    next_ = start + std::chrono::duration_cast<clock::duration>(interval_ * phase);
}

token_bucket::clock::time_point token_bucket::reserve(clock::time_point now) {
    if (unlimited()) return now;
    auto const slot = std::max(next_, now);  // idle time earns no credit
    next_ = slot + interval_;
    return slot;
}

awaitable<void> token_bucket::acquire(std::function<bool()> give_up) {
    if (unlimited()) co_return;
    auto now = clock::now();
    auto const slot = reserve(now);
    if (slot <= now) co_return;
    net::steady_timer timer{co_await net::this_coro::executor};
    while (now < slot && !give_up()) {
        timer.expires_at(std::min(slot, now + max_nap));
        co_await timer.async_wait(token{});
        now = clock::now();
    }
}

double per_worker_rate(double rate, unsigned workers) {
    if (rate <= 0 || workers == 0) return 0;
    if (rate < workers)
        spdlog::warn("rate {}/s is below {} workers: each worker paces {:.3f} probes/s, "
                     "staggered so the total stays {}/s", rate, workers, rate / workers, rate);
    return rate / workers;
}

}  // namespace smtpsweep::core
