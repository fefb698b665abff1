// tls_limit: the TLS-handshake limit of this machine. Each of --threads workers
// owns one epoll set, one SSL_CTX and a fixed table of its share of
// --concurrency sessions; each session connects, runs a full OpenSSL client
// handshake (non-blocking, no session reuse, fresh SSL per target) and closes.
// With --smtp it then reads the 220 banner, sends EHLO and QUIT over TLS and
// reads their replies: the same work smtpsweep does on port 465, so that
// tls_ratio compares like with like. Run in the sandbox against nginx (stream
// module, ECDSA P-256) on 465 proxying to smtp_server.
#include "bench/calibrate/session_loop.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstring>

namespace {

using calibrate::counters;
using calibrate::options;
using calibrate::reply_code;
using calibrate::wait_for;

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

// Starts target k in slot s; returns false when it finished at once (refused or failed).
bool start(const options& o, std::uint64_t k, int ep, std::uint64_t slot, session& s, counters& c) {
    if (!calibrate::start_connect(o, k, ep, slot, s.fd, c)) return false;
    s.at = phase::connecting;
    s.len = 0;
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
        int err = calibrate::connect_error(s.fd);
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
    calibrate::run_sessions<session>(
        o, id, ep, c,
        [&](std::uint64_t k, int e, std::uint64_t slot, session& s) { return start(o, k, e, slot, s, c); },
        [&](int e, std::uint64_t slot, session& s) { return step(e, slot, s, ctx, c); },
        [](session& s) {
            SSL_free(s.ssl);  // no close_notify: a scanner hangs up after QUIT (or the handshake)
            s.ssl = nullptr;
            ERR_clear_error();
            close(s.fd);
        });
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
