// smtp_limit: the SMTP-session limit of this machine. Each of --threads workers
// owns one epoll set and a fixed table of its share of --concurrency sessions;
// each session walks connect -> read 220 banner -> EHLO -> read 250 reply ->
// QUIT -> read 221 -> close over the targets (addresses x ports, as in
// connect_limit), then the slot takes the next target. Run against
// smtp_server in the sandbox it gives the best rate a scanner doing banner +
// EHLO + QUIT could reach (smtp_ratio = smtpsweep / this).
#include "bench/calibrate/common.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace {

using calibrate::counters;
using calibrate::options;

enum class phase : std::uint8_t { connecting, banner, ehlo, quit };

struct session {
    int fd = -1;
    phase at = phase::connecting;
    std::uint16_t len = 0;
    char buf[1024];
};

std::string g_ehlo = "EHLO smtp_limit.invalid\r\n";

// Code of the complete reply in buf (the line "NNN " ends it), -1 while incomplete.
int reply_code(const char* buf, std::size_t len) {
    std::size_t line = 0;
    for (std::size_t i = 0; i < len; ++i) {
        if (buf[i] != '\n') continue;
        if (i - line >= 4 && buf[line + 3] != '-') return std::atoi(buf + line);
        line = i + 1;
    }
    return -1;
}

bool send_all(int fd, const std::string& s) {
    return send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Starts target k in slot s; returns false when it finished at once (refused or failed).
bool start(const options& o, std::uint64_t k, int ep, std::uint64_t slot, session& s, counters& c) {
    s.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s.fd < 0) { ++c.failed; return false; }
    sockaddr_in sa = calibrate::target_at(o, k);
    if (connect(s.fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 && errno != EINPROGRESS) {
        ++(errno == ECONNREFUSED ? c.refused : c.failed);
        close(s.fd);
        return false;
    }
    s.at = phase::connecting;
    s.len = 0;
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.u64 = slot;
    epoll_ctl(ep, EPOLL_CTL_ADD, s.fd, &ev);
    return true;
}

// Advances session s on an event; returns true when it is over (counted in c).
bool step(int ep, std::uint64_t slot, session& s, counters& c) {
    if (s.at == phase::connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) { ++(err == ECONNREFUSED ? c.refused : c.failed); return true; }
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = slot;
        epoll_ctl(ep, EPOLL_CTL_MOD, s.fd, &ev);
        s.at = phase::banner;
        return false;
    }
    ssize_t n = recv(s.fd, s.buf + s.len, sizeof s.buf - s.len, 0);
    if (n <= 0) { ++c.failed; return true; }
    s.len = static_cast<std::uint16_t>(s.len + n);
    int code = reply_code(s.buf, s.len);
    if (code < 0) {
        if (s.len == sizeof s.buf) { ++c.failed; return true; }
        return false;
    }
    s.len = 0;
    if (s.at == phase::banner && code == 220 && send_all(s.fd, g_ehlo)) { s.at = phase::ehlo; return false; }
    if (s.at == phase::ehlo && code == 250 && send_all(s.fd, "QUIT\r\n")) { s.at = phase::quit; return false; }
    ++(s.at == phase::quit && code == 221 ? c.ok : c.failed);
    return true;
}

void worker(const options& o, int id, counters& c) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    std::vector<session> slots(static_cast<std::size_t>(calibrate::slots(o, id)));
    std::vector<epoll_event> evs(1024);
    std::uint64_t next = static_cast<std::uint64_t>(id);
    const auto stride = static_cast<std::uint64_t>(o.threads);
    int inflight = 0, idle_s = 0;
    auto refill = [&](std::uint64_t slot) {  // the slot takes targets until one is in flight
        for (; next < o.count; next += stride)
            if (start(o, next, ep, slot, slots[slot], c)) { next += stride; ++inflight; return; }
    };
    for (std::uint64_t i = 0; i < slots.size(); ++i) refill(i);
    while (inflight > 0) {
        int n = epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), 1000);
        if (n == 0 && ++idle_s >= o.timeout_s) break;
        if (n > 0) idle_s = 0;
        for (int i = 0; i < n; ++i) {
            std::uint64_t slot = evs[static_cast<std::size_t>(i)].data.u64;
            session& s = slots[slot];
            if (!step(ep, slot, s, c)) continue;
            close(s.fd);
            --inflight;
            refill(slot);
        }
    }
    c.timed_out += static_cast<std::uint64_t>(inflight);
    close(ep);
}

}  // namespace

int main(int argc, char** argv) {
    auto o = calibrate::parse(argc, argv, "smtp_limit", [](const std::string& k, const char* v) {
        if (k != "--ehlo") return false;
        g_ehlo = std::string("EHLO ") + v + "\r\n";
        return true;
    });
    return calibrate::run_and_report(o, "smtp_limit", false, worker);
}
