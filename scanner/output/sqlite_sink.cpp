// SQLite sink (see sqlite_sink.hpp). Column types follow the flat cell kinds:
// booleans are stored as 0/1 integers.
#include "scanner/output/sqlite_sink.hpp"

#include <stdexcept>

#include <sqlite3.h>

#include "scanner/output/flat_record.hpp"
#include "scanner/output/record_json.hpp"

namespace smtpsweep::scanner::output {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string_view column_type(std::string_view name) {
    for (auto t : {"port", "_code", "cipher_bits", ".count", "helo_fallback", "accepted",
                   "self_signed", "chain_valid", "name_match"})
        if (ends_with(name, t)) return "INTEGER";
    if (ends_with(name, "_ms")) return "REAL";
    return "TEXT";
}

std::string create_sql() {
    std::string sql = "CREATE TABLE IF NOT EXISTS records (";
    for (std::string_view name : flat_columns()) {
        sql += '"';
        sql += name;
        sql += "\" ";
        sql += column_type(name);
        sql += ", ";
    }
    return sql + "record TEXT NOT NULL)";
}

std::string insert_sql() {
    std::string names, params;
    for (std::string_view name : flat_columns()) {
        names += '"';
        names += name;
        names += "\",";
        params += "?,";
    }
    return "INSERT INTO records (" + names + "record) VALUES (" + params + "?)";
}

struct binder {
    sqlite3_stmt* stmt;
    int index;
    int operator()(std::monostate) const { return sqlite3_bind_null(stmt, index); }
    int operator()(bool b) const { return sqlite3_bind_int(stmt, index, b ? 1 : 0); }
    int operator()(std::int64_t v) const { return sqlite3_bind_int64(stmt, index, v); }
    int operator()(double v) const { return sqlite3_bind_double(stmt, index, v); }
    int operator()(const std::string& s) const {
        return sqlite3_bind_text(stmt, index, s.data(), static_cast<int>(s.size()),
                                 SQLITE_TRANSIENT);
    }
};

}  // namespace

void sqlite_sink::db_closer::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
void sqlite_sink::stmt_finalizer::operator()(sqlite3_stmt* s) const noexcept {
    sqlite3_finalize(s);
}

sqlite_sink::sqlite_sink(std::string path) : path_(std::move(path)) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path_.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(db);  // even on failure sqlite hands out a handle to close
    if (rc != SQLITE_OK) fail("cannot open");
    sqlite3_busy_timeout(db_.get(), 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec(create_sql().c_str());
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), insert_sql().c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        fail("cannot prepare insert into");
    insert_.reset(stmt);
}

sqlite_sink::~sqlite_sink() = default;

void sqlite_sink::write(std::span<const record> batch) {
    exec("BEGIN IMMEDIATE");
    try {
        for (const record& r : batch) insert(r);
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void sqlite_sink::insert(const record& r) {
    sqlite3_stmt* stmt = insert_.get();
    const auto cells = flatten(r);
    int index = 1;
    for (const cell& c : cells) {
        if (std::visit(binder{stmt, index++}, c) != SQLITE_OK) fail("cannot bind value for");
    }
    json_.clear();
    append_record_json(json_, r);
    if (binder{stmt, index}(json_) != SQLITE_OK) fail("cannot bind value for");
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE) fail("cannot insert into");
}

void sqlite_sink::exec(const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &msg) == SQLITE_OK) return;
    const std::string text = msg ? msg : "unknown error";
    sqlite3_free(msg);
    throw std::runtime_error("sqlite database '" + path_ + "': " + text + " (" + sql + ")");
}

void sqlite_sink::fail(const std::string& what) const {
    const char* msg = db_ ? sqlite3_errmsg(db_.get()) : "out of memory";
    throw std::runtime_error(what + " sqlite database '" + path_ + "': " + msg);
}

}  // namespace smtpsweep::scanner::output
