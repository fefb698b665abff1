// The format table behind make_sink (see sink_factory.hpp).
#include "scanner/output/sink_factory.hpp"

#include <array>
#include <stdexcept>

#include "scanner/output/csv_sink.hpp"
#include "scanner/output/ndjson_sink.hpp"
#include "scanner/output/postgres_sink.hpp"
#include "scanner/output/sqlite_sink.hpp"

namespace smtpsweep::scanner::output {
namespace {

using sink_ptr = std::unique_ptr<core::sink<record>>;

struct format_entry {
    std::string_view name;
    bool stdout_ok;
    sink_ptr (*make)(const std::string& path, open_mode mode);
};

constexpr std::array<format_entry, 4> formats{{
    {"ndjson", true,
     [](const std::string& p, open_mode m) -> sink_ptr { return std::make_unique<ndjson_sink>(p, m); }},
    {"csv", true,
     [](const std::string& p, open_mode m) -> sink_ptr { return std::make_unique<csv_sink>(p, m); }},
    {"sqlite", false,
     [](const std::string& p, open_mode) -> sink_ptr { return std::make_unique<sqlite_sink>(p); }},
    {"postgres", false,  // path: libpq connection string (URI or key=value)
     [](const std::string& p, open_mode) -> sink_ptr {
         return std::make_unique<postgres_sink>(p, postgres_options::from_env());
     }},
}};

const format_entry* find(std::string_view name) {
    for (const auto& f : formats)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace

std::vector<std::string_view> known_formats() {
    std::vector<std::string_view> names;
    for (const auto& f : formats) names.push_back(f.name);
    return names;
}

bool is_known_format(std::string_view format) { return find(format) != nullptr; }

bool format_supports_stdout(std::string_view format) {
    const auto* f = find(format);
    return f && f->stdout_ok;
}

std::unique_ptr<core::sink<record>> make_sink(std::string_view format, const std::string& path,
                                              open_mode mode) {
    const auto* f = find(format);
    if (!f) throw std::invalid_argument("unknown output format '" + std::string(format) + "'");
    if (path == "-" && !f->stdout_ok)
        throw std::invalid_argument("format '" + std::string(format) + "' needs -o FILE");
    return f->make(path, mode);
}

}  // namespace smtpsweep::scanner::output
