// The PostgreSQL sink against a real server started by run_with_server.sh
// (scripts/pg-lab): rows and jsonb read back, a server restart in the middle
// of a run (every record exactly once), a dead server giving up clearly.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>

#include "scanner/output/postgres_sink.hpp"
#include "scanner/output/sink_factory.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) FAIL(name << " unset: run through tests/postgres/run_with_server.sh");
    return v;
}

/// Runs `scripts/pg-lab VERB DIR`; the server is the one run_with_server.sh started.
void lab(const std::string& verb) {
    const std::string cmd = env("SMTPSWEEP_PG_LAB") + " " + verb + " " + env("SMTPSWEEP_PG_DIR") +
                            " >/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
}

/// Sets an environment variable for one scope.
struct scoped_env {
    std::string name;
    scoped_env(std::string n, const std::string& value) : name(std::move(n)) {
        setenv(name.c_str(), value.c_str(), 1);
    }
    ~scoped_env() { unsetenv(name.c_str()); }
};

/// Runs `sql` on a fresh connection; returns the first column of the first
/// row ("NULL" for null, "" when the last statement returns no rows).
std::string query(const std::string& sql) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(env("SMTPSWEEP_PG_CONNINFO").c_str()),
                                                  &PQfinish);
    REQUIRE(PQstatus(c.get()) == CONNECTION_OK);
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.get(), sql.c_str()), &PQclear);
    INFO(sql << ": " << PQerrorMessage(c.get()));
    const auto st = PQresultStatus(r.get());
    REQUIRE((st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK));
    if (st == PGRES_COMMAND_OK || PQntuples(r.get()) == 0) return "";
    return PQgetisnull(r.get(), 0, 0) ? "NULL" : PQgetvalue(r.get(), 0, 0);
}

/// `n` records, numbered from `first`: distinct addresses, hostile banners.
std::vector<record> records(int first, int n) {
    std::vector<record> out;
    for (int i = first; i < first + n; ++i) {
        record r = test::full_record();
        r.target = {0xC6120000u + static_cast<std::uint32_t>(i), 25};  // 198.18.0.0 + i
        r.smtp->hostname = "mx" + std::to_string(i) + ".lab.test";
        static const char banner[] = "220 nul\0tab\tnl\nbs\\u0000 \xff";
        r.smtp->banner = std::string(banner, sizeof banner - 1);
        out.push_back(std::move(r));
    }
    return out;
}

/// The test database's conninfo as a postgresql:// URI (socket dir as host).
std::string as_uri() {
    std::string dir;
    for (char c : env("SMTPSWEEP_PG_DIR")) dir += c == '/' ? std::string("%2F") : std::string(1, c);
    return "postgresql://postgres@" + dir + "/postgres";
}

}  // namespace

TEST_CASE("the sink creates its table and stores fields, findings and the json record",
          "[postgres][server]") {
    lab("start");
    query("DROP TABLE IF EXISTS smtpsweep_records");
    auto sink = output::make_sink("postgres", as_uri());
    for (int b = 0; b < 5; ++b) sink->write(records(b * 100, 100));
    sink->flush();
    CHECK(query("SELECT count(*) FROM smtpsweep_records") == "500");
    CHECK(query("SELECT count(DISTINCT (ip, port)) FROM smtpsweep_records") == "500");
    CHECK(query("SELECT count(DISTINCT batch) FROM smtpsweep_records") == "5");
    const std::string row = " FROM smtpsweep_records WHERE ip = '198.18.1.7'";
    CHECK(query("SELECT record->'smtp'->>'hostname'" + row) == "mx263.lab.test");
    CHECK(query("SELECT hostname" + row) == "mx263.lab.test");
    CHECK(query("SELECT findings = '{software-version-disclosed,cert-untrusted}'::text[]" + row) == "t");
    CHECK(query("SELECT 'cert-untrusted' = ANY(findings)" + row) == "t");
    CHECK(query("SELECT tls_version || ' ' || chain_valid || ' ' || port" + row) == "TLSv1.3 true 25");
    CHECK(query("SELECT time = '2026-12-04T15:30:00.123Z'" + row) == "t");
    // NUL became U+FFFD in the column and in jsonb; the rest arrived as sent.
    const std::string banner = "220 nul\xEF\xBF\xBDtab\tnl\nbs\\u0000 \xEF\xBF\xBD";
    CHECK(query("SELECT banner" + row) == banner);
    CHECK(query("SELECT record->'smtp'->>'banner'" + row) == banner);
}

TEST_CASE("a key=value conninfo and SMTPSWEEP_PG_TABLE choose the table", "[postgres][server]") {
    lab("start");
    query("DROP TABLE IF EXISTS run_b");
    scoped_env table("SMTPSWEEP_PG_TABLE", "run_b");
    auto sink = output::make_sink("postgres", env("SMTPSWEEP_PG_CONNINFO"));
    sink->write(records(0, 3));
    sink->write({});
    CHECK(query("SELECT count(*) FROM run_b") == "3");
    CHECK(query("SELECT to_regclass('run_b') IS NOT NULL") == "t");
}

TEST_CASE("a server restart in the middle of a run loses and duplicates no record",
          "[postgres][server]") {
    lab("start");
    query("DROP TABLE IF EXISTS run_restart");
    scoped_env table("SMTPSWEEP_PG_TABLE", "run_restart");
    auto sink = output::make_sink("postgres", env("SMTPSWEEP_PG_CONNINFO"));
    auto* pg = dynamic_cast<output::postgres_sink*>(sink.get());
    REQUIRE(pg != nullptr);
    constexpr int batch = 100;
    const std::string restart = env("SMTPSWEEP_PG_LAB") + " restart " + env("SMTPSWEEP_PG_DIR");
    std::atomic<bool> restarted{false};
    std::atomic<int> restart_status{-1};
    std::thread restarter;
    int written = 0;
    // Write until the restart (stop -m fast, 1 s down, start) is over, then
    // a few batches more: some writes hit the dying, dead or new server.
    for (int b = 0; !restarted || b < 10; ++b, written += batch) {
        if (b == 3)
            restarter = std::thread([&] {
                restart_status = std::system(restart.c_str());
                restarted = true;
            });
        sink->write(records(written, batch));
    }
    for (int b = 0; b < 3; ++b, written += batch) sink->write(records(written, batch));
    restarter.join();
    REQUIRE(restart_status == 0);
    CAPTURE(written, pg->reconnects());
    CHECK(pg->reconnects() >= 1);
    CHECK(query("SELECT count(*) FROM run_restart") == std::to_string(written));
    CHECK(query("SELECT count(DISTINCT ip) FROM run_restart") == std::to_string(written));
}

TEST_CASE("a dead server makes write fail clearly after the retry budget", "[postgres][server]") {
    lab("start");
    scoped_env table("SMTPSWEEP_PG_TABLE", "run_dead");
    scoped_env budget("SMTPSWEEP_PG_RETRY_SECONDS", "0.5");
    auto sink = output::make_sink("postgres", env("SMTPSWEEP_PG_CONNINFO"));
    sink->write(records(0, 10));
    lab("stop");
    CHECK_THROWS_WITH(sink->write(records(10, 10)),
                      Catch::Contains("could not write a batch of 10 records") &&
                          Catch::Contains("SMTPSWEEP_PG_RETRY_SECONDS") &&
                          Catch::Contains("last error"));
}

TEST_CASE("a table of another shape is an error, not a retry", "[postgres][server]") {
    lab("start");
    query("DROP TABLE IF EXISTS run_other; CREATE TABLE run_other (x int); SELECT 1");
    scoped_env table("SMTPSWEEP_PG_TABLE", "run_other");
    auto sink = output::make_sink("postgres", env("SMTPSWEEP_PG_CONNINFO"));
    CHECK_THROWS_WITH(sink->write(records(0, 2)),
                      Catch::Contains("cannot write to table \"run_other\"") &&
                          Catch::Contains("column \"ip\""));
    CHECK(query("SELECT count(*) FROM run_other") == "0");
}

TEST_CASE("an unreachable server or a bad table name fails at construction", "[postgres][server]") {
    CHECK_THROWS_WITH(output::make_sink("postgres", "host=/nonexistent/dir dbname=x"),
                      Catch::Contains("cannot connect to PostgreSQL database 'x' at /nonexistent/dir"));
    CHECK_THROWS_WITH(output::make_sink("postgres", "postgresql://[bad"),
                      Catch::Contains("PostgreSQL"));
    scoped_env table("SMTPSWEEP_PG_TABLE", "x; DROP TABLE y");
    CHECK_THROWS_AS(output::make_sink("postgres", env("SMTPSWEEP_PG_CONNINFO")), std::invalid_argument);
    CHECK_THROWS_AS(output::make_sink("postgres", "-"), std::invalid_argument);
}
