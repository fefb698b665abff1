// What the calibration clients share: the command line (--threads,
// --concurrency, --range/--addr, --ports, --count, --timeout), the mapping of
// a target index to an address, the thread fan-out and the JSON result line.
// Kept header-only and C-style so each tool stays one bare epoll loop in one
// .cpp file, comparable line by line with the others.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace calibrate {

/// The options every calibration client takes.
struct options {
    int threads = 1;
    int concurrency = 1000;
    std::uint32_t base = 0;   ///< first address, host order
    std::uint64_t hosts = 0;  ///< addresses in the range
    std::vector<std::uint16_t> ports;
    std::uint64_t count = 0;  ///< targets; 0 = hosts * ports
    int timeout_s = 10;       ///< abandon in-flight work after this long without any event
};

/// Outcome counts of one worker (summed for the result line).
struct counters {
    std::uint64_t ok = 0, refused = 0, failed = 0, timed_out = 0;
};

/// Prints why and the usage line, exits 2.
[[noreturn]] inline void usage(const char* tool, const std::string& why) {
    std::fprintf(stderr,
                 "%s: %s\nusage: %s --range CIDR|--addr IP --ports LIST [--count N]\n"
                 "       [--threads T] [--concurrency C] [--timeout S] (tool options)\n",
                 tool, why.c_str(), tool);
    std::exit(2);
}

/// Parses "25,465,587".
inline std::vector<std::uint16_t> parse_ports(const char* tool, const char* s) {
    std::vector<std::uint16_t> out;
    for (const char* p = s; *p;) {
        char* end = nullptr;
        long v = std::strtol(p, &end, 10);
        if (end == p || v < 1 || v > 65535 || (*end && *end != ',')) usage(tool, "bad port list");
        out.push_back(static_cast<std::uint16_t>(v));
        p = (*end == ',') ? end + 1 : end;
    }
    return out;
}

/// Parses "A.B.C.D/N" (or one address) into base and hosts.
inline void parse_range(options& o, const char* tool, std::string s) {
    int bits = 32;
    if (auto slash = s.find('/'); slash != std::string::npos) {
        bits = std::atoi(s.c_str() + slash + 1);
        s.resize(slash);
    }
    in_addr a{};
    if (inet_pton(AF_INET, s.c_str(), &a) != 1 || bits < 1 || bits > 32) usage(tool, "bad address " + s);
    std::uint32_t mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
    o.base = ntohl(a.s_addr) & mask;
    o.hosts = std::uint64_t{1} << (32 - bits);
}

/// Parses argv; options it does not know go to extra(key, value), which returns false to reject.
inline options parse(int argc, char** argv, const char* tool,
                     const std::function<bool(const std::string&, const char*)>& extra) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        if (k == "--smtp" && extra(k, "")) continue;  // the one flag without a value
        if (i + 1 >= argc) usage(tool, "missing value for " + k);
        const char* v = argv[++i];
        if (k == "--threads" || k == "-t") o.threads = std::atoi(v);
        else if (k == "--concurrency" || k == "-c") o.concurrency = std::atoi(v);
        else if (k == "--range" || k == "--addr") parse_range(o, tool, v);
        else if (k == "--ports" || k == "--port" || k == "-p") o.ports = parse_ports(tool, v);
        else if (k == "--count") o.count = std::strtoull(v, nullptr, 10);
        else if (k == "--timeout") o.timeout_s = std::atoi(v);
        else if (!extra(k, v)) usage(tool, "unknown option " + k);
    }
    if (o.hosts == 0) usage(tool, "need --range or --addr");
    if (o.ports.empty()) usage(tool, "need --ports");
    if (o.threads < 1 || o.concurrency < o.threads) usage(tool, "need 1 <= threads <= concurrency");
    if (o.count == 0) o.count = o.hosts * o.ports.size();
    return o;
}

/// Target k: addresses vary slowest, ports fastest; wraps around the range past hosts*ports.
inline sockaddr_in target_at(const options& o, std::uint64_t k) {
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    std::uint64_t n = o.ports.size();
    sa.sin_addr.s_addr = htonl(o.base + static_cast<std::uint32_t>((k / n) % o.hosts));
    sa.sin_port = htons(o.ports[k % n]);
    return sa;
}

/// Worker id's share of the concurrency: c / t, the remainder one each to the first workers.
inline int slots(const options& o, int id) {
    return o.concurrency / o.threads + (id < o.concurrency % o.threads ? 1 : 0);
}

/// Runs worker(o, id, counters&) on o.threads threads (worker id takes targets id, id+t, ...),
/// then prints the JSON result line; returns the exit status: 0 when every target was ok
/// (or refused, when refused_is_expected: the closed-port workload).
template <class Worker>
int run_and_report(const options& o, const char* tool, bool refused_is_expected, Worker worker) {
    std::vector<counters> per(static_cast<std::size_t>(o.threads));
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int i = 0; i < o.threads; ++i)
        pool.emplace_back([&, i] { worker(o, i, per[static_cast<std::size_t>(i)]); });
    for (auto& t : pool) t.join();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    counters sum;
    for (auto& c : per) {
        sum.ok += c.ok; sum.refused += c.refused;
        sum.failed += c.failed; sum.timed_out += c.timed_out;
    }
    auto u = [](std::uint64_t v) { return static_cast<unsigned long long>(v); };
    std::printf("{\"tool\":\"%s\",\"threads\":%d,\"concurrency\":%d,\"targets\":%llu,"
                "\"ok\":%llu,\"refused\":%llu,\"failed\":%llu,\"timed_out\":%llu,"
                "\"seconds\":%.3f,\"per_sec\":%.0f}\n",
                tool, o.threads, o.concurrency, u(o.count), u(sum.ok), u(sum.refused),
                u(sum.failed), u(sum.timed_out), s, static_cast<double>(o.count) / s);
    std::uint64_t good = sum.ok + (refused_is_expected ? sum.refused : 0);
    return good == o.count ? 0 : 1;
}

}  // namespace calibrate
