# scanner/report: `smtpsweep report RESULTS`, a self-contained HTML report
# (inline CSS and SVG) built by streaming aggregation over NDJSON or SQLite.
# Paths are relative to scanner/.
set(SMTPSWEEP_REPORT_SOURCES
  report/html_escape.cpp
  report/severity.cpp
  report/capped_counter.cpp
  report/aggregate.cpp
  report/svg_chart.cpp
  report/html_page.cpp
  report/html_sections.cpp
  report/timeline_window.cpp
  report/worst_hosts_table.cpp
  report/input_reader.cpp
  report/sqlite_reader.cpp
  report/report_command.cpp
)
