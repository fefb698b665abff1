// SQLite sink: FILE is a database with a table `records` holding the flat
// columns (names as in CSV, quoted: SELECT "tls.version" FROM records) and a
// `record` column with the full NDJSON line. WAL + synchronous=NORMAL and one
// transaction per batch keep inserts fast; a crash loses at most one batch.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "core/sink.hpp"
#include "scanner/record.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace smtpsweep::scanner::output {

/// Inserts records into `records` of an SQLite database file.
class sqlite_sink final : public core::sink<record> {
public:
    /// Opens or creates the database and the table; throws std::runtime_error.
    explicit sqlite_sink(std::string path);
    ~sqlite_sink() override;
    /// Inserts the batch in one transaction; throws (after ROLLBACK) on failure.
    void write(std::span<const record> batch) override;
    /// Nothing to do: every batch is committed by write().
    void flush() override {}

private:
    struct db_closer { void operator()(sqlite3* db) const noexcept; };
    struct stmt_finalizer { void operator()(sqlite3_stmt* s) const noexcept; };

    void exec(const char* sql);
    void insert(const record& r);
    [[noreturn]] void fail(const std::string& what) const;

    std::string path_;
    std::unique_ptr<sqlite3, db_closer> db_;
    std::unique_ptr<sqlite3_stmt, stmt_finalizer> insert_;
    std::string json_;
};

}  // namespace smtpsweep::scanner::output
