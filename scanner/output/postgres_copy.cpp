// Table definition and COPY text encoding for the PostgreSQL sink (see
// postgres_copy.hpp). The flat columns reuse flatten() (already UTF-8-repaired,
// NUL-free); only the column choice and the COPY escaping live here.
#include "scanner/output/postgres_copy.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

#include "scanner/output/flat_record.hpp"
#include "scanner/output/json_escape.hpp"
#include "scanner/output/record_json.hpp"

namespace smtpsweep::scanner::output {
namespace {

/// One SQL column filled from one flat column (findings and software are special).
struct column {
    std::string_view name;
    std::string_view type;
    std::string_view flat;  ///< flat_columns() name; empty when computed here
};

constexpr std::array<column, 17> plain_columns{{
    {"ip", "inet NOT NULL", "ip"},
    {"port", "integer NOT NULL", "port"},
    {"status", "text NOT NULL", "status"},
    {"phase", "text NOT NULL", "phase"},
    {"time", "timestamptz NOT NULL", "time"},
    {"connect_ms", "double precision", "connect_ms"},
    {"duration_ms", "double precision", "duration_ms"},
    {"error", "text", "error"},
    {"banner", "text", "smtp.banner"},
    {"hostname", "text", "smtp.hostname"},
    {"software", "text", ""},
    {"starttls", "text", "smtp.starttls"},
    {"tls_version", "text", "tls.version"},
    {"tls_cipher", "text", "tls.cipher"},
    {"leaf_sha256", "text", "tls.certificates.0.sha256"},
    {"chain_valid", "boolean", "tls.verify.chain_valid"},
    {"name_match", "boolean", "tls.verify.name_match"},
}};

/// Index of each plain column's source in flatten()'s output (software: unused).
const std::array<std::size_t, plain_columns.size()>& flat_indices() {
    static const auto indices = [] {
        std::array<std::size_t, plain_columns.size()> out{};
        const auto names = flat_columns();
        for (std::size_t c = 0; c < plain_columns.size(); ++c)
            for (std::size_t i = 0; i < names.size(); ++i)
                if (names[i] == plain_columns[c].flat) out[c] = i;
        return out;
    }();
    return indices;
}

template <class Number>
void append_number(std::string& out, Number v) {
    std::array<char, 32> buf;
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    out.append(buf.data(), ec == std::errc{} ? end : buf.data());
}

struct cell_writer {
    std::string& out;
    void operator()(std::monostate) const { out += "\\N"; }
    void operator()(bool b) const { out += b ? 't' : 'f'; }
    void operator()(std::int64_t v) const { append_number(out, v); }
    void operator()(double v) const { append_number(out, v); }
    void operator()(const std::string& s) const { append_copy_text(out, s); }
};

void append_software(std::string& out, const record& r) {
    if (!r.smtp || !r.smtp->software || r.smtp->software->product.empty()) {
        out += "\\N";
        return;
    }
    std::string s = r.smtp->software->product;
    if (r.smtp->software->version) s += ' ' + *r.smtp->software->version;
    append_copy_text(out, sanitize_utf8(s));
}

/// findings as a text[] literal; ids are [a-z-], so no array quoting is needed.
void append_findings(std::string& out, const record& r) {
    out += '{';
    std::uint32_t seen = 0;
    for (finding f : r.findings) {
        const auto bit = std::uint32_t{1} << static_cast<unsigned>(f);
        if (seen & bit) continue;
        if (seen) out += ',';
        seen |= bit;
        out += to_string(f);
    }
    out += '}';
}

bool valid_identifier(std::string_view part) {
    if (part.empty() || part.size() > 63) return false;
    for (std::size_t i = 0; i < part.size(); ++i) {
        const char c = part[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

}  // namespace

std::string quote_table_name(std::string_view name) {
    const auto dot = name.find('.');
    const auto schema = dot == std::string_view::npos ? std::string_view{} : name.substr(0, dot);
    const auto table = dot == std::string_view::npos ? name : name.substr(dot + 1);
    if ((dot != std::string_view::npos && !valid_identifier(schema)) || !valid_identifier(table))
        throw std::invalid_argument("invalid PostgreSQL table name '" + std::string(name) +
                                    "' (want [schema.]name of letters, digits and '_')");
    std::string quoted;
    if (!schema.empty()) quoted += '"' + std::string(schema) + "\".";
    return quoted + '"' + std::string(table) + '"';
}

std::string create_table_sql(std::string_view quoted_table) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(quoted_table) + " (";
    for (const auto& c : plain_columns) {
        sql += c.name;
        sql += ' ';
        sql += c.type;
        sql += ", ";
    }
    return sql + "findings text[] NOT NULL, record jsonb NOT NULL, batch uuid NOT NULL)";
}

std::string copy_sql(std::string_view quoted_table) {
    std::string sql = "COPY " + std::string(quoted_table) + " (";
    for (const auto& c : plain_columns) {
        sql += c.name;
        sql += ", ";
    }
    return sql + "findings, record, batch) FROM STDIN";
}

void append_copy_row(std::string& out, const record& r, std::string_view batch_id) {
    const auto cells = flatten(r);
    const auto& indices = flat_indices();
    for (std::size_t c = 0; c < plain_columns.size(); ++c) {
        if (plain_columns[c].flat.empty()) append_software(out, r);
        else std::visit(cell_writer{out}, cells[indices[c]]);
        out += '\t';
    }
    append_findings(out, r);
    out += '\t';
    append_copy_text(out, jsonb_safe(to_json(r)));
    out += '\t';
    out += batch_id;
    out += '\n';
}

void append_copy_text(std::string& out, std::string_view s) {
    for (const char c : s) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\0': out += "\xEF\xBF\xBD"; break;
            default: out += c;
        }
    }
}

std::string jsonb_safe(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] != '\\' || i + 1 >= json.size()) {
            out += json[i];
            continue;
        }
        // An escape: \u0000 is rewritten, any other escape is copied whole so
        // that an escaped backslash followed by "u0000" text is left alone.
        if (json.substr(i, 6) == "\\u0000") {
            out += "\\ufffd";
            i += 5;
        } else {
            out += json[i];
            out += json[++i];
        }
    }
    return out;
}

}  // namespace smtpsweep::scanner::output
