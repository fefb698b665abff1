// What the session-based calibration clients (smtp_limit, tls_limit) share:
// a fixed table of sessions per thread, each slot taking the next target as
// soon as its session ends, one epoll set addressed by slot index, and the
// SMTP reply framing. Kept in one place so the two tools measure with the
// very same loop and differ only in what a session does on an event.
#pragma once

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "bench/calibrate/common.hpp"

namespace calibrate {

/// Code of the complete SMTP reply in buf (the line "NNN " ends it), -1 while incomplete.
inline int reply_code(const char* buf, std::size_t len) {
    std::size_t line = 0;
    for (std::size_t i = 0; i < len; ++i) {
        if (buf[i] != '\n') continue;
        if (i - line >= 4 && buf[line + 3] != '-') return std::atoi(buf + line);
        line = i + 1;
    }
    return -1;
}

/// Re-arms fd (registered for slot) to wait for `events`.
inline void wait_for(int ep, std::uint64_t slot, int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = slot;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/// Starts a non-blocking connect to target k into fd, registered for slot
/// (EPOLLOUT); false when it finished at once (refused or failed, counted in c).
inline bool start_connect(const options& o, std::uint64_t k, int ep, std::uint64_t slot, int& fd,
                          counters& c) {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { ++c.failed; return false; }
    sockaddr_in sa = target_at(o, k);
    if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 && errno != EINPROGRESS) {
        ++(errno == ECONNREFUSED ? c.refused : c.failed);
        close(fd);
        return false;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.u64 = slot;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    return true;
}

/// The outcome of a finished non-blocking connect on fd (0 = connected, else errno).
inline int connect_error(int fd) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    return err;
}

/// Worker id's loop: slots(o, id) sessions over targets id, id+threads, ...
/// start(k, ep, slot, session&) opens target k (false: it ended at once);
/// step(ep, slot, session&) advances a session on an event (true: it is over);
/// end(session&) releases a finished session. Stops after o.timeout_s seconds
/// without any event; sessions still in flight then count as timed_out.
template <class Session, class Start, class Step, class End>
void run_sessions(const options& o, int id, int ep, counters& c, Start start, Step step, End end) {
    std::vector<Session> table(static_cast<std::size_t>(slots(o, id)));
    std::vector<epoll_event> evs(1024);
    std::uint64_t next = static_cast<std::uint64_t>(id);
    const auto stride = static_cast<std::uint64_t>(o.threads);
    int inflight = 0, idle_s = 0;
    auto refill = [&](std::uint64_t slot) {  // the slot takes targets until one is in flight
        for (; next < o.count; next += stride)
            if (start(next, ep, slot, table[slot])) { next += stride; ++inflight; return; }
    };
    for (std::uint64_t i = 0; i < table.size(); ++i) refill(i);
    while (inflight > 0) {
        int n = epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), 1000);
        if (n == 0 && ++idle_s >= o.timeout_s) break;
        if (n > 0) idle_s = 0;
        for (int i = 0; i < n; ++i) {
            std::uint64_t slot = evs[static_cast<std::size_t>(i)].data.u64;
            if (!step(ep, slot, table[slot])) continue;
            end(table[slot]);
            --inflight;
            refill(slot);
        }
    }
    c.timed_out += static_cast<std::uint64_t>(inflight);
}

}  // namespace calibrate
