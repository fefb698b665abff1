// JSON rendering of a live_stats snapshot; see status_json.hpp.
#include "scanner/live/status_json.hpp"

#include <boost/json.hpp>

namespace smtpsweep::scanner::live {
namespace {

boost::json::object counts(const std::vector<named_count>& v) {
    boost::json::object o;
    for (const auto& c : v) o[c.name] = c.count;
    return o;
}

}  // namespace

std::string render_status_json(const live_stats& s) {
    boost::json::object o;
    o["elapsed_seconds"] = s.elapsed_seconds;
    o["targets"] = s.targets;
    o["done"] = s.done;
    o["percent"] = percent_done(s);
    o["in_flight"] = s.in_flight;
    o["probe_rate"] = s.probe_rate;
    auto const eta = eta_seconds(s);
    o["eta_seconds"] = eta ? boost::json::value(*eta) : boost::json::value(nullptr);
    o["probe_failures"] = s.probe_failures;
    o["finished"] = s.finished;
    o["by_status"] = counts(s.by_status);
    o["findings"] = counts(s.findings);
    o["writer"] = {{"queued", s.writer_queued},
                   {"written", s.records_written},
                   {"lag_seconds", s.writer_lag_seconds}};
    o["build"] = {{"version", s.build.version},
                  {"openssl", s.build.openssl},
                  {"boost", s.build.boost}};
    return boost::json::serialize(o);
}

}  // namespace smtpsweep::scanner::live
