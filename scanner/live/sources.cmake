# scanner/live: the live view (--http: Prometheus /metrics, status page,
# /status.json over Boost.Beast) and the scan monitor feeding it.
# Paths are relative to scanner/.
set(SMTPSWEEP_LIVE_SOURCES
  live/live_stats.cpp
  live/metrics_text.cpp
  live/status_json.cpp
  live/status_page.cpp
  live/router.cpp
  live/stats_board.cpp
  live/finding_counters.cpp
  live/rate_window.cpp
  live/http_server.cpp
  live/scan_monitor.cpp
)
