// SQLite input for the report (declared in input_reader.hpp). Opens the
// database read-only and steps through `SELECT record FROM records`, one row
// at a time; a NULL or malformed record counts as a bad line.
#include <memory>
#include <string_view>

#include <sqlite3.h>

#include "scanner/report/input_reader.hpp"

namespace smtpsweep::scanner::report {
namespace {

struct db_closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};

[[noreturn]] void fail(const std::string& path, sqlite3* db, std::string_view what) {
    throw input_error("cannot " + std::string(what) + " sqlite database '" + path +
                      "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

void read_sqlite(const std::string& path, aggregator& agg) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, db_closer> db(raw);
    if (rc != SQLITE_OK) fail(path, db.get(), "open");
    sqlite3_busy_timeout(db.get(), 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db.get(), "SELECT record FROM records", -1, &st, nullptr) != SQLITE_OK)
        fail(path, db.get(), "query table 'records' with column 'record' in");
    std::unique_ptr<sqlite3_stmt, stmt_finalizer> stmt(st);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, 0));
        if (!text || size == 0) {
            agg.add_bad();
            continue;
        }
        agg.add_line(std::string_view(text, size));
    }
    if (step != SQLITE_DONE) fail(path, db.get(), "read rows of");
}

}  // namespace smtpsweep::scanner::report
