// The crossing from many workers to one output: a writer thread that owns the
// sink, fed by one bounded lock-free SPSC queue per producer (worker), so the
// hot path has no mutex and memory is bounded by producers x capacity.
// Batches go to the sink every `batch` records or `max_delay`, whichever is
// first. A full queue makes push() wait (back-pressure slows the lanes). If
// the sink throws (disk full), the writer remembers the message, sets the
// external stop flag so the engine starts no new probes, and from then on
// drops records so producers never block; close() reports the error.
// Records may carry a position_token; after a successful flush the writer
// folds them into a flush_tracker and, at most every `checkpoint_every`,
// hands the progress to the `checkpoint` hook (crash-safe --resume).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/lockfree/spsc_queue.hpp>

#include "core/flush_tracker.hpp"
#include "core/net.hpp"
#include "core/sink.hpp"

namespace smtpsweep::core {

/// Thrown by writer::close() when the sink failed; what() is the sink's message.
struct writer_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Tuning of the writer; defaults suit the scanner.
struct writer_options {
    std::size_t capacity = 4096;                   ///< records per producer queue
    std::size_t batch = 1024;                      ///< records per sink write at most
    std::chrono::milliseconds max_delay{200};      ///< oldest unwritten record waits at most this
    std::chrono::milliseconds retry{1};            ///< push() back-off while the queue is full
    std::chrono::milliseconds idle{1};             ///< writer sleep when every queue is empty
    /// Called on the writer thread after a flush (not more often than
    /// checkpoint_every) with every producer's flushed progress; a throw
    /// counts as an output failure.
    std::function<void(const std::vector<lane_progress>&)> checkpoint;
    std::chrono::milliseconds checkpoint_every{500};  ///< minimum gap between checkpoints
    std::vector<lane_progress> resume_from;           ///< progress already on disk, per producer
};

/// Moves records from `producers` threads to one sink on its own thread.
template <class Record>
class writer {
public:
    /// Starts the writer thread; `stop` (may be null) is set when the sink fails.
    writer(sink<Record>& out, unsigned producers, std::atomic<bool>* stop = nullptr,
           writer_options opts = {});
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;
    /// Closes (errors are logged, not thrown: call close() to see them).
    ~writer();

    /// Queues `r` from thread `producer` (one thread per index); false when full.
    bool try_push(unsigned producer, const Record& r, position_token at = {});
    /// Queues `r`, waiting on a short timer while the queue is full.
    awaitable<void> push(unsigned producer, Record r, position_token at = {});
    /// Drains every queue, writes and flushes the rest, joins the thread;
    /// throws writer_error if the sink failed. Call after producers are done.
    void close();

    /// Records handed to the sink successfully.
    std::uint64_t written() const { return written_.load(std::memory_order_relaxed); }
    /// Records dropped after a sink failure (including the failed batch).
    std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
    /// Records queued but not yet taken by the writer thread.
    std::uint64_t queued() const;
    /// True once the sink has failed.
    bool failed() const { return failed_.load(std::memory_order_acquire); }

private:
    struct entry {
        Record r;
        position_token at;
    };
    using queue = boost::lockfree::spsc_queue<entry>;
    struct alignas(64) lane {
        explicit lane(std::size_t capacity) : q(capacity) {}
        queue q;
        std::atomic<std::uint64_t> pushed{0};
    };

    void loop();
    std::size_t drain_once();
    void write_batch();
    void checkpoint();

    sink<Record>& out_;
    std::atomic<bool>* stop_;
    writer_options opts_;
    std::vector<std::unique_ptr<lane>> lanes_;
    std::vector<Record> batch_;
    std::vector<std::pair<unsigned, position_token>> batch_at_;  // parallel to batch_
    flush_tracker tracker_;
    std::chrono::steady_clock::time_point last_checkpoint_{};
    bool tracked_since_checkpoint_ = false;
    std::chrono::steady_clock::time_point oldest_;
    std::atomic<std::uint64_t> taken_{0}, written_{0}, dropped_{0};
    std::atomic<bool> closing_{false}, failed_{false};
    std::string error_;  // written by the writer thread, read after join
    std::once_flag joined_;
    std::thread thread_;
};

}  // namespace smtpsweep::core

#include "core/impl/writer.hpp"
