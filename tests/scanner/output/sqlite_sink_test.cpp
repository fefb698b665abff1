// SQLite sink: batches in transactions, flat columns plus the JSON record.
#include <catch2/catch.hpp>

#include <fstream>

#include <boost/json.hpp>
#include <sqlite3.h>

#include "scanner/output/flat_record.hpp"
#include "scanner/output/sqlite_sink.hpp"
#include "tests/scanner/output/sample_record.hpp"

using namespace smtpsweep::scanner;

namespace {
struct db_handle {
    sqlite3* db = nullptr;
    explicit db_handle(const std::string& path) { REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK); }
    ~db_handle() { sqlite3_close(db); }
    std::vector<std::vector<std::string>> query(const std::string& sql) const {
        std::vector<std::vector<std::string>> rows;
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                const auto* t = sqlite3_column_text(st, i);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "NULL");
            }
            rows.push_back(row);
        }
        sqlite3_finalize(st);
        return rows;
    }
};
}  // namespace

TEST_CASE("sqlite sink stores every batch and reads back", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("scan.db");
    const int batches = GENERATE(1, 5);
    {
        output::sqlite_sink sink(path);
        for (int b = 0; b < batches; ++b) {
            std::vector<record> batch(10, test::full_record());
            for (int i = 0; i < 10; ++i) batch[i].target.port = static_cast<std::uint16_t>(b * 10 + i);
            batch[0].smtp.reset();
            sink.write(batch);
        }
        sink.flush();
    }
    db_handle db(path);
    CHECK(db.query("SELECT count(*), count(DISTINCT port) FROM records")[0] ==
          std::vector<std::string>{std::to_string(batches * 10), std::to_string(batches * 10)});
    CHECK(db.query("PRAGMA journal_mode")[0][0] == "wal");
    const auto rows = db.query(
        R"(SELECT ip, "tls.version", "smtp.banner_code", "smtp.ehlo", "tls.verify.chain_valid", record FROM records WHERE port = 1)");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "198.18.1.10");
    CHECK(rows[0][1] == "TLSv1.3");
    CHECK(rows[0][2] == "220");
    CHECK(rows[0][3] == "PIPELINING;SIZE 10240000;STARTTLS;8BITMIME");
    CHECK(rows[0][4] == "1");
    CHECK(boost::json::parse(rows[0][5]).at("port") == 1);
    CHECK(db.query(R"(SELECT "smtp.banner" FROM records WHERE port = 0)")[0][0] == "NULL");
    const auto cols = db.query("SELECT count(*) FROM pragma_table_info('records')");
    CHECK(cols[0][0] == std::to_string(output::flat_columns().size() + 1));
}

TEST_CASE("sqlite sink reopens an existing database and appends", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("scan.db");
    const std::vector<record> batch(3, test::full_record());
    { output::sqlite_sink s(path); s.write(batch); }
    { output::sqlite_sink s(path); s.write(batch); }
    CHECK(db_handle(path).query("SELECT count(*) FROM records")[0][0] == "6");
}

TEST_CASE("sqlite sink rejects a file that is not a database", "[scanner][output]") {
    test::temp_dir dir;
    const auto path = dir.file("not.db");
    { std::ofstream(path) << "this is not an sqlite database, just text that is long enough\n"; }
    CHECK_THROWS_WITH(output::sqlite_sink(path), Catch::Contains("not a database") && Catch::Contains(path));
}

TEST_CASE("flat columns and cells stay in step", "[scanner][output]") {
    CHECK(output::flatten(test::full_record()).size() == output::flat_columns().size());
    CHECK(output::flatten(record{}).size() == output::flat_columns().size());
    record no_certs = test::full_record();
    no_certs.tls->certificates.clear();
    no_certs.tls->verify.reset();
    CHECK(output::flatten(no_certs).size() == output::flat_columns().size());
}
