// Progress line and summary formatting.
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "core/progress.hpp"

using namespace smtpsweep::core;

namespace {

// Everything written to the tmpfile f (up to 4 KiB); closes it.
std::string read_and_close(std::FILE* f) {
    std::rewind(f);
    std::string out(4096, '\0');
    out.resize(std::fread(out.data(), 1, out.size(), f));
    std::fclose(f);
    return out;
}

}  // namespace

TEST_CASE("digits are grouped by thousands", "[core][progress]") {
    using row = std::tuple<std::uint64_t, std::string>;
    auto const [n, text] = GENERATE(table<std::uint64_t, std::string>(
        {row{0, "0"}, row{999, "999"}, row{1000, "1,000"}, row{45210, "45,210"},
         row{1234567, "1,234,567"}}));
    CHECK(group_digits(n) == text);
}

TEST_CASE("the progress line shows counts, rate, eta and non-zero statuses",
          "[core][progress]") {
    std::vector<std::string> names{"success", "refused", "timeout"};
    progress_view v;
    v.elapsed = std::chrono::duration<double>(12.0);
    v.total = 196608;
    v.per_second = 3812;
    v.counts.done = 45210;
    v.counts.in_flight = 1000;
    v.counts.by_status = {12, 45198, 0};
    v.names = &names;
    CHECK(format_progress(v) ==
          "12.0s  45,210/196,608 (23.0%)  3,812/s  in-flight 1,000  ETA 0:40  "
          "success 12  refused 45,198");
    v.suffix = "queued 7";
    CHECK(format_progress(v).ends_with("refused 45,198  queued 7"));
}

TEST_CASE("the summary shows duration, total, rate and statuses", "[core][progress]") {
    std::vector<std::string> names{"success", "refused"};
    progress_view v;
    v.elapsed = std::chrono::duration<double>(2.0);
    v.counts.done = 3000;
    v.counts.by_status = {1000, 2000};
    v.counts.failures = 1;
    v.names = &names;
    CHECK(format_summary(v) ==
          "done in 2.0s: 3,000 probes, 1,500/s  success 1,000  refused 2,000  probe-bugs 1");
}

TEST_CASE("on a tty the line is rewritten in place and the summary ends it",
          "[core][progress]") {
    std::vector<std::string> names{"success"};
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    progress_printer p{f, true, true, 10, names, [] { return std::string("queued 0"); }};
    counters_snapshot c;
    c.done = 4;
    c.by_status = {4};
    p.tick(c);
    p.finish(c);
    const std::string out = read_and_close(f);
    CHECK(out.starts_with("\r"));
    CHECK(out.find("4/10 (40.0%)") != std::string::npos);
    CHECK(out.find("queued 0\x1b[K\r\x1b[Kdone in ") != std::string::npos);
    CHECK(out.back() == '\n');
}

TEST_CASE("without periodic output only the summary is printed", "[core][progress]") {
    std::vector<std::string> names;
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    progress_printer p{f, false, true, 10, names};
    counters_snapshot c;
    c.done = 10;
    p.tick(c);
    p.finish(c);
    const std::string out = read_and_close(f);
    CHECK(out.starts_with("done in "));
    CHECK(out.find('\r') == std::string::npos);
}
