// PostgreSQL sink for teams (`-f postgres -o postgresql://...`): FILE is a
// libpq connection string (URI postgresql:// or postgres://, or key=value).
// Each write() is one transaction holding one COPY of the batch, so a batch is
// visible whole or not at all. When the connection breaks (server restart,
// failover), the sink reconnects with backoff and replays the whole batch: the
// aborted transaction left nothing behind, so nothing is duplicated; a batch
// whose COMMIT was in flight is looked up by its `batch` uuid before replaying.
// After the retry budget it throws, which stops the scan. docs/postgres.md.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/sink.hpp"
#include "scanner/record.hpp"

struct pg_conn;
struct pg_result;

namespace smtpsweep::scanner::output {

/// Where and how persistently the sink writes.
struct postgres_options {
    std::string table = "smtpsweep_records";      ///< "name" or "schema.name"
    std::chrono::milliseconds retry_budget{30000};  ///< give up reconnecting after this

    /// Defaults overridden by SMTPSWEEP_PG_TABLE and SMTPSWEEP_PG_RETRY_SECONDS
    /// (a decimal number of seconds); throws std::invalid_argument on a bad value.
    static postgres_options from_env();
};

/// Writes records into a PostgreSQL table with COPY, one transaction per batch.
class postgres_sink final : public core::sink<record> {
public:
    /// Connects (once, no retry: a wrong address fails fast) and creates the
    /// table if missing; throws std::runtime_error with libpq's message.
    postgres_sink(std::string conninfo, postgres_options options);
    ~postgres_sink() override;
    /// COPYs the batch in one transaction; on a broken connection reconnects
    /// and retries until the retry budget is spent, then throws std::runtime_error.
    void write(std::span<const record> batch) override;
    /// Nothing to do: every batch is committed by write().
    void flush() override {}
    /// How many times a broken connection was re-established (for tests and logs).
    int reconnects() const noexcept { return reconnects_; }

private:
    struct conn_closer { void operator()(pg_conn* c) const noexcept; };
    enum class outcome { done, retry, commit_unknown };

    std::unique_ptr<pg_conn, conn_closer> connect() const;
    void create_table();
    outcome attempt(const std::string& rows);
    outcome copy_rows(const std::string& rows);
    std::optional<bool> batch_committed(const std::string& batch_id);
    outcome failure(const char* step, const pg_result* res);
    [[noreturn]] void give_up(std::chrono::steady_clock::duration spent, std::size_t records) const;

    std::string conninfo_;
    std::string where_;  ///< host/port/db for messages; never the password
    postgres_options options_;
    std::string table_;  ///< quoted
    std::unique_ptr<pg_conn, conn_closer> conn_;
    std::string last_error_;
    int reconnects_ = 0;
};

}  // namespace smtpsweep::scanner::output
