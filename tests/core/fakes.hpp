// Test doubles for the engine: a target source over [0, n) split by stride
// (like a sub-shard), and a network-free probe that records every target it
// sees per worker, optionally requests a stop or raises a signal after a
// given number of probes, and yields once (zero timer) so lanes interleave.
#pragma once

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "core/engine.hpp"

namespace smtpsweep::core::test {

/// Target number k as an (ip, port) pair.
inline targets::target nth_target(std::uint64_t k) {
    return {static_cast<std::uint32_t>(0x0a000000u + k / 3),
            static_cast<std::uint16_t>(25 + k % 3)};
}
/// Inverse of nth_target.
inline std::uint64_t target_number(const targets::target& t) {
    return std::uint64_t(t.ip - 0x0a000000u) * 3 + (t.port - 25u);
}

/// Targets index, index + workers, ... below n; position = steps taken.
class stride_source final : public target_source {
public:
    stride_source(std::uint64_t n, unsigned index, unsigned workers, targets::cursor_position from)
        : n_(n), index_(index), workers_(workers), step_(from.step) {}
    std::optional<targets::target> next() override {
        auto const k = index_ + step_ * workers_;
        if (k >= n_) return std::nullopt;
        ++step_;
        return nth_target(k);
    }
    targets::cursor_position position() const override {
        return {step_, index_ + step_ * workers_ >= n_};
    }

private:
    std::uint64_t n_;
    unsigned index_, workers_;
    std::uint64_t step_;
};

/// A source_factory over [0, n).
inline source_factory stride_sources(std::uint64_t n) {
    return [n](unsigned index, unsigned workers, targets::cursor_position from) {
        return std::make_unique<stride_source>(n, index, workers, from);
    };
}

/// Shared state of the recording probes of one run.
struct recorder {
    explicit recorder(unsigned workers) : seen(workers) {}
    std::vector<std::vector<std::uint64_t>> seen;  ///< per worker, written by that worker only
    std::atomic<std::uint64_t> probes{0};          ///< over all workers
    std::uint64_t stop_after = UINT64_MAX;         ///< set *stop after this many probes
    std::atomic<bool>* stop = nullptr;
    std::uint64_t signal_after = UINT64_MAX;       ///< raise SIGINT after this many probes
    int signals = 1;                               ///< how many SIGINTs to raise then
    bool hang_after_signal = false;                ///< then wait forever (for abort tests)
    bool throw_on_first = false;                   ///< target number 0 throws (a "bug")
};

/// Records each target into recorder::seen[index]; status = number % 3.
class recording_probe final : public worker_probe {
public:
    recording_probe(recorder& r, unsigned index) : r_(r), index_(index) {}
    awaitable<std::size_t> probe(targets::target t) override {
        net::steady_timer timer{co_await net::this_coro::executor, std::chrono::seconds(0)};
        co_await timer.async_wait(token{});
        auto const k = target_number(t);
        if (r_.throw_on_first && k == 0) throw std::logic_error("planted bug");
        r_.seen[index_].push_back(k);
        auto const count = ++r_.probes;
        if (count == r_.stop_after) r_.stop->store(true);
        if (count == r_.signal_after) {
            for (int i = 0; i < r_.signals; ++i) std::raise(SIGINT);
            if (r_.hang_after_signal) {
                timer.expires_after(std::chrono::hours(1));
                co_await timer.async_wait(token{});
            }
        }
        // Probes after the signal stay in flight until the engine has seen
        // it (it sets *stop), so the run cannot end before the stop.
        while (count >= r_.signal_after && r_.stop && !r_.stop->load()) {
            timer.expires_after(std::chrono::milliseconds(1));
            co_await timer.async_wait(token{});
        }
        co_return k % 3;
    }

private:
    recorder& r_;
    unsigned index_;
};

/// A probe_factory making recording probes over `r`.
inline probe_factory recording_probes(recorder& r) {
    return [&r](net::io_context&, unsigned index) -> std::unique_ptr<worker_probe> {
        return std::make_unique<recording_probe>(r, index);
    };
}

/// Every target number seen by any worker, sorted.
inline std::vector<std::uint64_t> all_seen(const recorder& r) {
    std::vector<std::uint64_t> all;
    for (const auto& v : r.seen) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    return all;
}

}  // namespace smtpsweep::core::test
