// One stderr logger for the whole process; see logging.hpp. The JSON form is
// a custom spdlog formatter rather than a pattern: a pattern cannot escape
// the message, and a log line with a quote in it must stay valid JSON.
#include "scanner/logging.hpp"

#include <ctime>

#include <fmt/format.h>
#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "scanner/output/json_escape.hpp"

namespace smtpsweep::scanner {
namespace {

class json_formatter final : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& m, spdlog::memory_buf_t& dest) override {
        auto const level = spdlog::level::to_string_view(m.level);
        auto const line = json_log_line(m.time, std::string_view(level.data(), level.size()),
                                        std::string_view(m.payload.data(), m.payload.size()));
        dest.append(line.data(), line.data() + line.size());
    }
    std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<json_formatter>();
    }
};

}  // namespace

std::string json_log_line(std::chrono::system_clock::time_point time, std::string_view level,
                          std::string_view msg) {
    auto const secs = std::chrono::system_clock::to_time_t(time);
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        time.time_since_epoch()).count() % 1000;
    std::tm utc{};
    ::gmtime_r(&secs, &utc);
    std::string out = fmt::format("{{\"time\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\",\"level\":",
                                  utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                  utc.tm_min, utc.tm_sec, ms < 0 ? ms + 1000 : ms);
    output::append_json_string(out, level);
    out += ",\"msg\":";
    output::append_json_string(out, msg);
    out += "}\n";
    return out;
}

void setup_logging(int verbosity, bool json) {
    std::shared_ptr<spdlog::logger> logger;
    if (json) {
        logger = spdlog::stderr_logger_mt("smtpsweep");
        logger->set_formatter(std::make_unique<json_formatter>());
    } else {
        logger = spdlog::stderr_color_mt("smtpsweep");
        logger->set_pattern("smtpsweep: %^%l%$: %v");
    }
    spdlog::set_default_logger(logger);
    const auto level = verbosity < 0    ? spdlog::level::warn
                       : verbosity == 0 ? spdlog::level::info
                       : verbosity == 1 ? spdlog::level::debug
                                        : spdlog::level::trace;
    spdlog::set_level(level);
}

}  // namespace smtpsweep::scanner
