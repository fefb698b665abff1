// A small, fully known live_stats for the rendering tests.
#pragma once

#include "scanner/live/live_stats.hpp"

namespace smtpsweep::scanner::live::test {

inline live_stats sample_stats() {
    live_stats s;
    s.elapsed_seconds = 12.5;
    s.targets = 1000;
    s.done = 250;
    s.in_flight = 40;
    s.probe_failures = 0;
    s.probe_rate = 50;
    s.by_status = {{"success", 200}, {"refused", 50}};
    s.findings = {{"starttls-not-offered", 3}, {"cert-expired", 7}, {"open-relay", 0}};
    s.writer_queued = 10;
    s.records_written = 240;
    s.writer_lag_seconds = 0.25;
    s.build = {"1.2.3", "3.0.11", "1.81.0"};
    return s;
}

}  // namespace smtpsweep::scanner::live::test
