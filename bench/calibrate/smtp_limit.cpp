// smtp_limit: the SMTP-session limit of this machine. Each of --threads workers
// owns one epoll set and a fixed table of its share of --concurrency sessions;
// each session walks connect -> read 220 banner -> EHLO -> read 250 reply ->
// QUIT -> read 221 -> close over the targets (addresses x ports, as in
// connect_limit), then the slot takes the next target. Run against
// smtp_server in the sandbox it gives the best rate a scanner doing banner +
// EHLO + QUIT could reach (smtp_ratio = smtpsweep / this).
#include "bench/calibrate/session_loop.hpp"

#include <cstring>

namespace {

using calibrate::counters;
using calibrate::options;
using calibrate::reply_code;

enum class phase : std::uint8_t { connecting, banner, ehlo, quit };

struct session {
    int fd = -1;
    phase at = phase::connecting;
    std::uint16_t len = 0;
    char buf[1024];
};

std::string g_ehlo = "EHLO smtp_limit.invalid\r\n";

bool send_all(int fd, const std::string& s) {
    return send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Starts target k in slot s; returns false when it finished at once (refused or failed).
bool start(const options& o, std::uint64_t k, int ep, std::uint64_t slot, session& s, counters& c) {
    if (!calibrate::start_connect(o, k, ep, slot, s.fd, c)) return false;
    s.at = phase::connecting;
    s.len = 0;
    return true;
}

// Advances session s on an event; returns true when it is over (counted in c).
bool step(int ep, std::uint64_t slot, session& s, counters& c) {
    if (s.at == phase::connecting) {
        int err = calibrate::connect_error(s.fd);
        if (err != 0) { ++(err == ECONNREFUSED ? c.refused : c.failed); return true; }
        calibrate::wait_for(ep, slot, s.fd, EPOLLIN);
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
    calibrate::run_sessions<session>(
        o, id, ep, c,
        [&](std::uint64_t k, int e, std::uint64_t slot, session& s) { return start(o, k, e, slot, s, c); },
        [&](int e, std::uint64_t slot, session& s) { return step(e, slot, s, c); },
        [](session& s) { close(s.fd); });
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
