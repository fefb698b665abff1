// smtp_server: the cheapest SMTP server we can write, so that the SMTP-session
// limit measures the client side. --threads workers each own an epoll set and
// a listening socket on 0.0.0.0:--port with SO_REUSEPORT (in the sandbox every
// 198.18.x.y reaches it); an optional --unix PATH listener (shared, with
// EPOLLEXCLUSIVE) serves as nginx's upstream for the TLS-on-465 workload.
// Dialogue: 220 banner; EHLO -> multi-line 250 (no STARTTLS, so a scanner does
// banner + EHLO + QUIT); HELO/NOOP/RSET/MAIL -> 250; RCPT -> 554 (no relay);
// QUIT -> 221 and close; anything else -> 502. Runs until SIGINT/SIGTERM,
// then prints {"tool":"smtp_server","sessions":N,"accepted":M}.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

struct options {
    int threads = 1;
    int port = 25;
    std::string unix_path;
};

struct conn {
    std::uint16_t len = 0;
    char buf[512];
};

constexpr char banner[] = "220 bench.smtpsweep.invalid ESMTP bench\r\n";
constexpr char ehlo_reply[] =
    "250-bench.smtpsweep.invalid\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n"
    "250 ENHANCEDSTATUSCODES\r\n";

std::atomic<unsigned long long> g_accepted{0}, g_sessions{0};

void say(int fd, const char* s) {
    // Replies are tiny and the socket buffer is empty between commands, so a
    // short write means the peer is gone; the next read will see it.
    [[maybe_unused]] auto n = send(fd, s, std::strlen(s), MSG_NOSIGNAL);
}

bool starts(const char* line, const char* cmd) { return strncasecmp(line, cmd, std::strlen(cmd)) == 0; }

// Answers one command line; returns false when the session is over.
bool answer(int fd, const char* line) {
    if (starts(line, "EHLO")) say(fd, ehlo_reply);
    else if (starts(line, "HELO")) say(fd, "250 bench.smtpsweep.invalid\r\n");
    else if (starts(line, "QUIT")) {
        say(fd, "221 2.0.0 bye\r\n");
        g_sessions.fetch_add(1, std::memory_order_relaxed);
        return false;
    } else if (starts(line, "NOOP") || starts(line, "RSET") || starts(line, "MAIL")) say(fd, "250 2.0.0 ok\r\n");
    else if (starts(line, "RCPT")) say(fd, "554 5.7.1 relay access denied\r\n");
    else say(fd, "502 5.5.2 command not recognized\r\n");
    return true;
}

// Reads what is there and answers every complete line; returns false to close.
bool on_readable(int fd, conn& c) {
    ssize_t n = recv(fd, c.buf + c.len, sizeof c.buf - 1 - c.len, 0);
    if (n <= 0) return false;
    c.len = static_cast<std::uint16_t>(c.len + n);
    c.buf[c.len] = '\0';
    char* line = c.buf;
    for (char* nl; (nl = std::strchr(line, '\n')) != nullptr; line = nl + 1) {
        *nl = '\0';
        if (!answer(fd, line)) return false;
    }
    std::size_t rest = static_cast<std::size_t>(c.buf + c.len - line);
    if (rest == sizeof c.buf - 1) return false;  // a line longer than RFC 5321 allows
    std::memmove(c.buf, line, rest);
    c.len = static_cast<std::uint16_t>(rest);
    return true;
}

int tcp_listener(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(static_cast<std::uint16_t>(port));
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, 65535) != 0) {
        std::perror("smtp_server: bind/listen tcp");
        std::exit(1);
    }
    return fd;
}

int unix_listener(const std::string& path) {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path.c_str());
    unlink(path.c_str());
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || listen(fd, 65535) != 0) {
        std::perror("smtp_server: bind/listen unix");
        std::exit(1);
    }
    return fd;
}

void add(int ep, int fd, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

void accept_all(int ep, int lfd, std::vector<conn>& conns) {
    while (true) {
        int fd = accept4(lfd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;  // EAGAIN, or EMFILE: the client will see a reset or wait
        if (static_cast<std::size_t>(fd) >= conns.size()) { close(fd); continue; }
        g_accepted.fetch_add(1, std::memory_order_relaxed);
        conns[static_cast<std::size_t>(fd)].len = 0;
        add(ep, fd, EPOLLIN);
        say(fd, banner);
    }
}

void worker(int tcp, int shared_unix_fd, std::size_t max_fds) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    add(ep, tcp, EPOLLIN);
    if (shared_unix_fd >= 0) add(ep, shared_unix_fd, EPOLLIN | EPOLLEXCLUSIVE);
    std::vector<conn> conns(max_fds);
    std::vector<epoll_event> evs(1024);
    while (true) {
        int n = epoll_wait(ep, evs.data(), static_cast<int>(evs.size()), -1);
        for (int i = 0; i < n; ++i) {
            int fd = evs[static_cast<std::size_t>(i)].data.fd;
            if (fd == tcp || fd == shared_unix_fd) accept_all(ep, fd, conns);
            else if (!on_readable(fd, conns[static_cast<std::size_t>(fd)])) close(fd);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--threads" || k == "-t") o.threads = std::atoi(argv[i + 1]);
        else if (k == "--port" || k == "-p") o.port = std::atoi(argv[i + 1]);
        else if (k == "--unix") o.unix_path = argv[i + 1];
        else { std::fprintf(stderr, "smtp_server: unknown option %s\n", argv[i]); return 2; }
    }
    if (argc % 2 == 0 || o.threads < 1 || o.port < 1 || o.port > 65535) {
        std::fprintf(stderr, "usage: smtp_server [--threads T] [--port P] [--unix PATH]\n");
        return 2;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // workers inherit the mask; main waits below
    int ufd = o.unix_path.empty() ? -1 : unix_listener(o.unix_path);
    std::size_t max_fds = static_cast<std::size_t>(sysconf(_SC_OPEN_MAX));
    std::vector<int> tcp;  // bound before "listening" is printed, so callers may wait for that line
    for (int i = 0; i < o.threads; ++i) tcp.push_back(tcp_listener(o.port));
    for (int fd : tcp) std::thread(worker, fd, ufd, max_fds).detach();
    std::fprintf(stderr, "smtp_server: listening on 0.0.0.0:%d%s%s, %d threads\n", o.port,
                 ufd >= 0 ? " and " : "", o.unix_path.c_str(), o.threads);
    int sig = 0;
    sigwait(&set, &sig);
    if (!o.unix_path.empty()) unlink(o.unix_path.c_str());
    std::printf("{\"tool\":\"smtp_server\",\"accepted\":%llu,\"sessions\":%llu}\n",
                g_accepted.load(), g_sessions.load());
    std::fflush(stdout);
    _exit(0);
}
