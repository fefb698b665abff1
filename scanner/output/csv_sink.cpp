// CSV sink (see csv_sink.hpp). Rows end in CRLF as RFC 4180 says.
#include "scanner/output/csv_sink.hpp"

#include <charconv>

namespace smtpsweep::scanner::output {
namespace {

void append_text_cell(std::string& out, std::string_view s) {
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                                        s[0] == '@' || s[0] == '\t' || s[0] == '\r');
    const bool quote = formula || s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    if (quote) out += '"';
}

struct cell_writer {
    std::string& out;
    void operator()(std::monostate) const {}
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(std::int64_t v) const {
        char buf[24];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    }
    void operator()(double v) const {
        char buf[64];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    }
    void operator()(const std::string& s) const { append_text_cell(out, s); }
};

}  // namespace

void append_csv_cell(std::string& out, const cell& c) { std::visit(cell_writer{out}, c); }

csv_sink::csv_sink(std::string path, open_mode mode) : text_file_sink(std::move(path), mode) {
    if (!file().was_empty()) return;
    std::string header;
    bool first = true;
    for (std::string_view name : flat_columns()) {
        if (!first) header += ',';
        first = false;
        header += name;
    }
    header += "\r\n";
    file().write(header);
}

void csv_sink::append_record(std::string& out, const record& r) const {
    const auto cells = flatten(r);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        append_csv_cell(out, cells[i]);
    }
    out += "\r\n";
}

}  // namespace smtpsweep::scanner::output
