// Bodies of core::writer<Record> (see core/writer.hpp for the design).
#pragma once

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

namespace smtpsweep::core {

template <class Record>
writer<Record>::writer(sink<Record>& out, unsigned producers, std::atomic<bool>* stop,
                       writer_options opts)
    : out_(out), stop_(stop), opts_(std::move(opts)), tracker_(producers, opts_.resume_from) {
    opts_.batch = std::max<std::size_t>(1, opts_.batch);
    opts_.capacity = std::max<std::size_t>(1, opts_.capacity);
    for (unsigned i = 0; i < producers; ++i) lanes_.push_back(std::make_unique<lane>(opts_.capacity));
    batch_.reserve(opts_.batch);
    batch_at_.reserve(opts_.batch);
    thread_ = std::thread([this] { loop(); });
}

template <class Record>
writer<Record>::~writer() {
    try {
        close();
    } catch (const std::exception&) {  // already logged by write_batch()
    }
}

template <class Record>
bool writer<Record>::try_push(unsigned producer, const Record& r, position_token at) {
    auto& l = *lanes_[producer];
    if (!l.q.push(entry{r, at})) return false;  // Boost 1.81 spsc_queue copies in (no move push)
    l.pushed.store(l.pushed.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    return true;
}

template <class Record>
awaitable<void> writer<Record>::push(unsigned producer, Record r, position_token at) {
    if (try_push(producer, r, at)) co_return;
    net::steady_timer timer{co_await net::this_coro::executor};
    while (!try_push(producer, r, at)) {
        timer.expires_after(opts_.retry);
        co_await timer.async_wait(token{});
    }
}

template <class Record>
std::uint64_t writer<Record>::queued() const {
    std::uint64_t pushed = 0;
    for (const auto& l : lanes_) pushed += l->pushed.load(std::memory_order_relaxed);
    auto const taken = taken_.load(std::memory_order_relaxed);
    return pushed > taken ? pushed - taken : 0;
}

template <class Record>
void writer<Record>::close() {
    std::call_once(joined_, [this] {
        closing_.store(true, std::memory_order_release);
        thread_.join();
    });
    if (failed()) throw writer_error(error_);
}

template <class Record>
void writer<Record>::loop() {
    for (;;) {
        // Read closing first: an empty pass after seeing it proves that
        // everything pushed before close() has been taken.
        bool const closing = closing_.load(std::memory_order_acquire);
        auto const got = drain_once();
        if (!batch_.empty() && std::chrono::steady_clock::now() - oldest_ >= opts_.max_delay)
            write_batch();
        if (got > 0) continue;
        if (closing) break;
        std::this_thread::sleep_for(opts_.idle);  // idle poll, not synchronisation
    }
    write_batch();
}

template <class Record>
std::size_t writer<Record>::drain_once() {
    std::size_t got = 0;
    for (unsigned i = 0; i < lanes_.size(); ++i) {
        auto& l = lanes_[i];
        // At most one batch per queue per pass keeps producers fair.
        for (std::size_t n = 0; n < opts_.batch; ++n) {
            bool const popped = l->q.consume_one([this, i](entry& e) {
                if (batch_.empty()) oldest_ = std::chrono::steady_clock::now();
                batch_.push_back(std::move(e.r));
                batch_at_.emplace_back(i, e.at);
                // Counted before the slot is released, so queued() <= capacity.
                taken_.store(taken_.load(std::memory_order_relaxed) + 1,
                             std::memory_order_relaxed);
            });
            if (!popped) break;
            ++got;
            if (batch_.size() >= opts_.batch) write_batch();
        }
    }
    return got;
}

template <class Record>
void writer<Record>::write_batch() {
    if (batch_.empty()) return;
    if (!failed()) {
        try {
            out_.write(std::span<const Record>(batch_.data(), batch_.size()));
            out_.flush();
            written_.fetch_add(batch_.size(), std::memory_order_relaxed);
            for (const auto& [lane, at] : batch_at_) tracker_.flushed(lane, at);
            tracked_since_checkpoint_ = true;
            batch_.clear();
            batch_at_.clear();
            checkpoint();
            return;
        } catch (const std::exception& e) {
            error_ = e.what();
            failed_.store(true, std::memory_order_release);
            if (stop_) stop_->store(true);
            spdlog::error("output failed: {}; stopping the scan", error_);
        }
    }
    dropped_.fetch_add(batch_.size(), std::memory_order_relaxed);
    batch_.clear();
    batch_at_.clear();
}

// Runs inside write_batch's try: a failing checkpoint is an output failure.
template <class Record>
void writer<Record>::checkpoint() {
    if (!opts_.checkpoint || !tracked_since_checkpoint_) return;
    auto const now = std::chrono::steady_clock::now();
    if (now - last_checkpoint_ < opts_.checkpoint_every) return;
    opts_.checkpoint(tracker_.snapshot());
    last_checkpoint_ = now;
    tracked_since_checkpoint_ = false;
}

}  // namespace smtpsweep::core
