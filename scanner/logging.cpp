// One stderr logger for the whole process; see logging.hpp.
#include "scanner/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace smtpsweep::scanner {

void setup_logging(int verbosity) {
    auto logger = spdlog::stderr_color_mt("smtpsweep");
    logger->set_pattern("smtpsweep: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    const auto level = verbosity < 0    ? spdlog::level::warn
                       : verbosity == 0 ? spdlog::level::info
                       : verbosity == 1 ? spdlog::level::debug
                                        : spdlog::level::trace;
    spdlog::set_level(level);
}

}  // namespace smtpsweep::scanner
