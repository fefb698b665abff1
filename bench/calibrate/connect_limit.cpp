// connect_limit: the refused-connect limit of this machine. Each of --threads
// workers owns one epoll set and keeps its share of --concurrency non-blocking
// connects in flight over the target list (every address x port of --range and
// --ports, or --count targets cycling over them). In the sandbox nothing
// listens, so every connect ends in RST -> ECONNREFUSED. The figure is what a
// scanner doing nothing but connect + close per target could reach; the
// smtpsweep closed-port sweep is compared against it (refused_ratio).
// Deliberately bare: no Asio, no allocation per target.
#include "bench/calibrate/common.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace {

using calibrate::counters;
using calibrate::options;

// Starts connect k; returns the fd when it is in flight, -1 when it finished at once.
int start_connect(const options& o, std::uint64_t k, int ep, counters& c) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { ++c.failed; return -1; }
    sockaddr_in sa = calibrate::target_at(o, k);
    if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) {
        ++c.ok; close(fd); return -1;
    }
    if (errno != EINPROGRESS) {
        ++(errno == ECONNREFUSED ? c.refused : c.failed);
        close(fd);
        return -1;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT;
    ev.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    return fd;
}

void finish_connect(int fd, counters& c) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err == 0) ++c.ok;
    else if (err == ECONNREFUSED) ++c.refused;
    else ++c.failed;
    close(fd);  // epoll drops a closed fd by itself
}

void worker(const options& o, int id, counters& c) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    const int cap = calibrate::slots(o, id);
    std::vector<epoll_event> evs(1024);
    std::uint64_t next = static_cast<std::uint64_t>(id);
    int inflight = 0, idle_s = 0;
    while (true) {
        for (; inflight < cap && next < o.count; next += static_cast<std::uint64_t>(o.threads))
            if (start_connect(o, next, ep, c) >= 0) ++inflight;
        if (inflight == 0) break;
        int n = epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), 1000);
        if (n <= 0) {
            if (n == 0 && ++idle_s >= o.timeout_s) break;
            continue;
        }
        idle_s = 0;
        for (int i = 0; i < n; ++i) finish_connect(evs[static_cast<std::size_t>(i)].data.fd, c);
        inflight -= n;
    }
    c.timed_out += static_cast<std::uint64_t>(inflight);  // left open at a stall; exit closes them
    close(ep);
}

}  // namespace

int main(int argc, char** argv) {
    auto o = calibrate::parse(argc, argv, "connect_limit",
                              [](const std::string&, const char*) { return false; });
    return calibrate::run_and_report(o, "connect_limit", true, worker);
}
