// PostgreSQL sink (see postgres_sink.hpp): connection handling, the per-batch
// transaction and the reconnect loop. Row encoding is in postgres_copy.cpp.
// libpq is used in blocking mode: the sink runs on the writer thread, whose
// only job is to wait for the destination.
#include "scanner/output/postgres_sink.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <thread>

#include <libpq-fe.h>

#include "scanner/output/postgres_copy.hpp"

namespace smtpsweep::scanner::output {
namespace {

using namespace std::chrono_literals;

struct result_clear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_clear>;

std::string trimmed(const char* msg) {
    std::string s = msg ? msg : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s.empty() ? "unknown error" : s;
}

/// "PostgreSQL database 'db' at host:port": the destination without secrets.
std::string describe(const std::string& conninfo) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
    if (!opts) {
        const std::string msg = trimmed(err);
        PQfreemem(err);
        throw std::runtime_error("invalid PostgreSQL connection string: " + msg);
    }
    std::string host = "the default host", port, db;
    for (auto* o = opts; o->keyword; ++o) {
        if (!o->val || !*o->val) continue;
        const std::string_view key = o->keyword;
        if (key == "host" || (key == "hostaddr" && host == "the default host")) host = o->val;
        if (key == "port") port = std::string(":") + o->val;
        if (key == "dbname") db = o->val;
    }
    PQconninfoFree(opts);
    return "PostgreSQL " + (db.empty() ? std::string() : "database '" + db + "' ") + "at " +
           host + port;
}

/// True when the error means the server or the connection went away.
bool connection_lost(PGconn* conn, const PGresult* res) {
    if (PQstatus(conn) == CONNECTION_BAD) return true;
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    if (!state) return false;
    const std::string_view s = state;
    return s.substr(0, 2) == "08" || s == "57P01" || s == "57P02" || s == "57P03";
}

std::string new_batch_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const std::uint64_t hi = (rng() & ~0xF000ull) | 0x4000ull;  // version 4
    const std::uint64_t lo = (rng() & ~(3ull << 62)) | (2ull << 62);  // RFC 4122 variant
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(hi >> 32),
                  static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(hi & 0xFFFF),
                  static_cast<unsigned long long>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}

}  // namespace

postgres_options postgres_options::from_env() {
    postgres_options o;
    if (const char* t = std::getenv("SMTPSWEEP_PG_TABLE"); t && *t) o.table = t;
    if (const char* r = std::getenv("SMTPSWEEP_PG_RETRY_SECONDS"); r && *r) {
        char* end = nullptr;
        const double secs = std::strtod(r, &end);
        if (*end != '\0' || !std::isfinite(secs) || secs < 0 || secs > 86400)
            throw std::invalid_argument("SMTPSWEEP_PG_RETRY_SECONDS: want seconds in [0, 86400], got '" +
                                        std::string(r) + "'");
        o.retry_budget = std::chrono::milliseconds(static_cast<long long>(secs * 1000));
    }
    return o;
}

void postgres_sink::conn_closer::operator()(pg_conn* c) const noexcept { PQfinish(c); }

postgres_sink::postgres_sink(std::string conninfo, postgres_options options)
    : conninfo_(std::move(conninfo)),
      where_(describe(conninfo_)),
      options_(std::move(options)),
      table_(quote_table_name(options_.table)) {
    auto conn = connect();
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error("cannot connect to " + where_ + ": " +
                                 trimmed(PQerrorMessage(conn.get())));
    conn_ = std::move(conn);
    create_table();
}

postgres_sink::~postgres_sink() = default;

std::unique_ptr<pg_conn, postgres_sink::conn_closer> postgres_sink::connect() const {
    // Values are applied in order: the user's connection string may override
    // the timeout and name, but the client encoding is always UTF-8.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                          nullptr};
    const char* values[] = {"10", "smtpsweep", conninfo_.c_str(), "UTF8", nullptr};
    std::unique_ptr<pg_conn, conn_closer> conn(PQconnectdbParams(keys, values, 1));
    if (!conn) throw std::bad_alloc();
    // Server NOTICEs ("relation already exists, skipping") are not for the user.
    PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
    return conn;
}

void postgres_sink::create_table() {
    // The advisory lock serialises shards that start together on one table:
    // concurrent CREATE TABLE IF NOT EXISTS can otherwise fail on pg_type.
    const std::string steps[] = {
        "BEGIN", "SELECT pg_advisory_xact_lock(hashtext('smtpsweep create table'))",
        create_table_sql(table_), "COMMIT"};
    for (const auto& sql : steps) {
        result_ptr res(PQexec(conn_.get(), sql.c_str()));
        const auto st = PQresultStatus(res.get());
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            throw std::runtime_error("cannot create table " + table_ + " in " + where_ + ": " +
                                     trimmed(PQerrorMessage(conn_.get())));
    }
}

void postgres_sink::write(std::span<const record> batch) {
    if (batch.empty()) return;
    const std::string batch_id = new_batch_id();
    std::string rows;
    for (const record& r : batch) append_copy_row(rows, r, batch_id);

    const auto start = std::chrono::steady_clock::now();
    std::chrono::milliseconds delay = 100ms;
    bool maybe_committed = false;
    for (;;) {
        if (!conn_) {
            auto conn = connect();
            if (PQstatus(conn.get()) == CONNECTION_OK) {
                conn_ = std::move(conn);
                ++reconnects_;
            } else {
                last_error_ = "connect: " + trimmed(PQerrorMessage(conn.get()));
            }
        }
        if (conn_ && maybe_committed) {
            const auto known = batch_committed(batch_id);
            if (known == true) return;
            if (known == false) maybe_committed = false;
        }
        if (conn_ && !maybe_committed) {
            const outcome o = attempt(rows);
            if (o == outcome::done) return;
            maybe_committed = o == outcome::commit_unknown;
        }
        const auto spent = std::chrono::steady_clock::now() - start;
        if (spent >= options_.retry_budget) give_up(spent, batch.size());
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            options_.retry_budget - spent);
        std::this_thread::sleep_for(std::min(delay, left + 1ms));
        delay = std::min(delay * 2, std::chrono::milliseconds(2s));
    }
}

postgres_sink::outcome postgres_sink::attempt(const std::string& rows) {
    result_ptr begin(PQexec(conn_.get(), "BEGIN"));
    if (PQresultStatus(begin.get()) != PGRES_COMMAND_OK) return failure("BEGIN", begin.get());
    if (const outcome o = copy_rows(rows); o != outcome::done) return o;
    result_ptr commit(PQexec(conn_.get(), "COMMIT"));
    if (PQresultStatus(commit.get()) == PGRES_COMMAND_OK &&
        std::string_view(PQcmdStatus(commit.get())) == "COMMIT")
        return outcome::done;
    // failure() throws unless the connection broke while COMMIT was on its
    // way: then the batch may or may not be in, and write() asks the server.
    failure("COMMIT", commit.get());
    return outcome::commit_unknown;
}

postgres_sink::outcome postgres_sink::copy_rows(const std::string& rows) {
    PGconn* conn = conn_.get();
    result_ptr start(PQexec(conn, copy_sql(table_).c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) return failure("COPY", start.get());
    constexpr std::size_t chunk = 1 << 20;
    bool sent = true;
    for (std::size_t off = 0; sent && off < rows.size(); off += chunk) {
        const auto n = std::min(chunk, rows.size() - off);
        sent = PQputCopyData(conn, rows.data() + off, static_cast<int>(n)) == 1;
    }
    sent = PQputCopyEnd(conn, sent ? nullptr : "smtpsweep: sending failed") == 1 && sent;
    outcome o = outcome::done;
    bool first = true;
    while (result_ptr res{PQgetResult(conn)}) {
        if (first && PQresultStatus(res.get()) != PGRES_COMMAND_OK) o = failure("COPY", res.get());
        first = false;
        if (!conn_) break;  // failure() dropped the connection
    }
    if (o == outcome::done && (!sent || first)) o = failure("COPY", nullptr);
    return o;
}

std::optional<bool> postgres_sink::batch_committed(const std::string& batch_id) {
    const std::string sql = "SELECT 1 FROM " + table_ + " WHERE batch = $1 LIMIT 1";
    const char* params[] = {batch_id.c_str()};
    result_ptr res(PQexecParams(conn_.get(), sql.c_str(), 1, nullptr, params, nullptr, nullptr, 0));
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
        failure("checking the interrupted COMMIT", res.get());
        return std::nullopt;
    }
    return PQntuples(res.get()) > 0;
}

postgres_sink::outcome postgres_sink::failure(const char* step, const pg_result* res) {
    const char* msg = res ? PQresultErrorMessage(res) : nullptr;
    last_error_ = std::string(step) + ": " +
                  trimmed(msg && *msg ? msg : PQerrorMessage(conn_.get()));
    if (connection_lost(conn_.get(), res)) {
        conn_.reset();
        return outcome::retry;
    }
    result_ptr rollback(PQexec(conn_.get(), "ROLLBACK"));
    throw std::runtime_error("cannot write to table " + table_ + " in " + where_ + ": " +
                             last_error_);
}

void postgres_sink::give_up(std::chrono::steady_clock::duration spent, std::size_t records) const {
    const auto secs = std::chrono::duration_cast<std::chrono::milliseconds>(spent).count() / 1000.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", secs);
    throw std::runtime_error("lost the connection to " + where_ + " and could not write a batch of " +
                             std::to_string(records) + " records within " + buf +
                             " s of retrying (SMTPSWEEP_PG_RETRY_SECONDS); last error: " +
                             last_error_);
}

}  // namespace smtpsweep::scanner::output
