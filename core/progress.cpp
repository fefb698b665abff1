// Progress and summary formatting plus the once-a-second ticker coroutine
// that runs on the main thread's small io_context next to the signal set.
#include "core/progress.hpp"

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <fmt/format.h>

namespace smtpsweep::core {

std::string group_digits(std::uint64_t n) {
    auto const digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

namespace {
std::string clock_text(double seconds) {
    auto const s = static_cast<std::uint64_t>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string status_counts(const progress_view& v) {
    std::string out;
    for (std::size_t i = 0; i < v.counts.by_status.size(); ++i) {
        if (v.counts.by_status[i] == 0) continue;
        auto const name = v.names && i < v.names->size() ? (*v.names)[i] : fmt::format("#{}", i);
        out += fmt::format("  {} {}", name, group_digits(v.counts.by_status[i]));
    }
    if (v.counts.failures) out += fmt::format("  probe-bugs {}", group_digits(v.counts.failures));
    return out;
}
}  // namespace

std::string format_progress(const progress_view& v) {
    auto const secs = v.elapsed.count();
    auto const done = v.counts.done;
    auto line = fmt::format("{:.1f}s  {}/{}", secs, group_digits(done), group_digits(v.total));
    if (v.total > 0)
        line += fmt::format(" ({:.1f}%)", std::min(100.0, 100.0 * double(done) / double(v.total)));
    line += fmt::format("  {}/s  in-flight {}", group_digits(std::uint64_t(v.per_second + 0.5)),
                        group_digits(v.counts.in_flight));
    if (done > 0 && v.total > done && secs > 0)
        line += "  ETA " + clock_text(double(v.total - done) * secs / double(done));
    line += status_counts(v);
    return v.suffix.empty() ? line : line + "  " + v.suffix;
}

std::string format_summary(const progress_view& v) {
    auto const secs = v.elapsed.count();
    auto const rate = secs > 0 ? double(v.counts.done) / secs : 0.0;
    return fmt::format("done in {:.1f}s: {} probes, {}/s", secs, group_digits(v.counts.done),
                       group_digits(std::uint64_t(rate + 0.5))) +
           status_counts(v);
}

progress_printer::progress_printer(std::FILE* out, bool periodic, bool tty, std::uint64_t total,
                                   const std::vector<std::string>& names,
                                   std::function<std::string()> suffix)
    : out_(out), periodic_(periodic), tty_(tty), total_(total), names_(names),
      suffix_(std::move(suffix)) {}

progress_view progress_printer::view(const counters_snapshot& counts) const {
    return {std::chrono::steady_clock::now() - start_, total_, per_second_, counts, &names_,
            suffix_ ? suffix_() : std::string{}};
}

void progress_printer::tick(const counters_snapshot& counts) {
    auto const now = std::chrono::steady_clock::now();
    std::chrono::duration<double> const dt = now - last_tick_;
    if (dt.count() > 0) per_second_ = double(counts.done - last_done_) / dt.count();
    last_tick_ = now;
    last_done_ = counts.done;
    if (!periodic_) return;
    if (tty_) {
        fmt::print(out_, "\r{}\x1b[K", format_progress(view(counts)));
    } else if (now - last_line_ >= std::chrono::seconds(5)) {
        fmt::print(out_, "{}\n", format_progress(view(counts)));
        last_line_ = now;
    }
    std::fflush(out_);
}

void progress_printer::finish(const counters_snapshot& counts) {
    if (periodic_ && tty_) fmt::print(out_, "\r\x1b[K");
    fmt::print(out_, "{}\n", format_summary(view(counts)));
    std::fflush(out_);
}

awaitable<void> print_progress(progress_printer& printer,
                               const std::vector<std::unique_ptr<worker_counters>>& workers,
                               std::function<void(const counters_snapshot&)> on_tick) {
    net::steady_timer timer{co_await net::this_coro::executor};
    auto next = std::chrono::steady_clock::now();
    for (;;) {
        next += std::chrono::seconds(1);
        timer.expires_at(next);
        auto [ec] = co_await timer.async_wait(token{});
        if (ec) co_return;
        auto const counts = snapshot(workers);
        printer.tick(counts);
        if (on_tick) on_tick(counts);
    }
}

}  // namespace smtpsweep::core
