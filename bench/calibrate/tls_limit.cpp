// tls_limit: the TLS-handshake limit of this machine. Each of --threads workers
// owns one epoll set, one SSL_CTX and a fixed table of its share of
// --concurrency sessions; each session connects, runs a full OpenSSL client
// handshake (non-blocking, no session reuse, fresh SSL per target) and closes.
// With --smtp it then reads the 220 banner, sends EHLO and QUIT over TLS and
// reads their replies: the same work smtpsweep does on port 465, so that
// tls_ratio compares like with like. Run in the sandbox against nginx (stream
// module, ECDSA P-256) on 465 proxying to smtp_server.
#include "bench/calibrate/common.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace {

using calibrate::counters;
using calibrate::options;

enum class phase : std::uint8_t { connecting, handshake, banner, ehlo, quit };

struct session {
    int fd = -1;
    SSL* ssl = nullptr;
    phase at = phase::connecting;
    std::uint16_t len = 0;
    char buf[1024];
};

bool g_smtp = false;
std::string g_ehlo = "EHLO tls_limit.invalid\r\n";

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

void wait_for(int ep, std::uint64_t slot, int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = slot;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

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

// Sends cmd over TLS; a tiny write on an idle connection completes at once or not at all.
bool send_cmd(session& s, const std::string& cmd) {
    return SSL_write(s.ssl, cmd.data(), static_cast<int>(cmd.size())) == static_cast<int>(cmd.size());
}

// Runs the SMTP part after the handshake; returns 1 done, 0 waiting (epoll set), -1 failed.
int drive_smtp(int ep, std::uint64_t slot, session& s) {
    while (true) {
        int n = SSL_read(s.ssl, s.buf + s.len, static_cast<int>(sizeof s.buf - s.len));
        if (n <= 0) {
            if (SSL_get_error(s.ssl, n) != SSL_ERROR_WANT_READ) return -1;
            wait_for(ep, slot, s.fd, EPOLLIN);
            return 0;
        }
        s.len = static_cast<std::uint16_t>(s.len + n);
        int code = reply_code(s.buf, s.len);
        if (code < 0) {
            if (s.len == sizeof s.buf) return -1;
            continue;
        }
        s.len = 0;
        if (s.at == phase::banner && code == 220 && send_cmd(s, g_ehlo)) s.at = phase::ehlo;
        else if (s.at == phase::ehlo && code == 250 && send_cmd(s, "QUIT\r\n")) s.at = phase::quit;
        else return s.at == phase::quit && code == 221 ? 1 : -1;
    }
}

// Advances session s on an event; returns true when it is over (counted in c).
bool step(int ep, std::uint64_t slot, session& s, SSL_CTX* ctx, counters& c) {
    if (s.at == phase::connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) { ++(err == ECONNREFUSED ? c.refused : c.failed); return true; }
        s.ssl = SSL_new(ctx);
        SSL_set_fd(s.ssl, s.fd);
        SSL_set_connect_state(s.ssl);
        s.at = phase::handshake;
    }
    if (s.at == phase::handshake) {
        int r = SSL_do_handshake(s.ssl);
        if (r != 1) {
            int e = SSL_get_error(s.ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                wait_for(ep, slot, s.fd, e == SSL_ERROR_WANT_READ ? EPOLLIN : EPOLLOUT);
                return false;
            }
            ++c.failed;
            return true;
        }
        if (!g_smtp) { ++c.ok; return true; }
        s.at = phase::banner;
    }
    int r = drive_smtp(ep, slot, s);
    if (r == 0) return false;
    ++(r > 0 ? c.ok : c.failed);
    return true;
}

SSL_CTX* make_ctx() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);  // we measure the handshake, not trust
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    return ctx;
}

void worker(const options& o, int id, counters& c) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    SSL_CTX* ctx = make_ctx();
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
            if (!step(ep, slot, s, ctx, c)) continue;
            SSL_free(s.ssl);  // no close_notify: a scanner hangs up after QUIT (or the handshake)
            s.ssl = nullptr;
            ERR_clear_error();
            close(s.fd);
            --inflight;
            refill(slot);
        }
    }
    c.timed_out += static_cast<std::uint64_t>(inflight);
    SSL_CTX_free(ctx);
    close(ep);
}

}  // namespace

int main(int argc, char** argv) {
    auto o = calibrate::parse(argc, argv, "tls_limit", [](const std::string& k, const char* v) {
        if (k == "--smtp") g_smtp = true;
        else if (k == "--ehlo") g_ehlo = std::string("EHLO ") + v + "\r\n";
        else return false;
        return true;
    });
    return calibrate::run_and_report(o, g_smtp ? "tls_limit_smtp" : "tls_limit", false, worker);
}
