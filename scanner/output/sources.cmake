# scanner/output: record serialisation (NDJSON, CSV, SQLite sinks) and the CLI.
# Paths are relative to scanner/.
set(SMTPSWEEP_OUTPUT_SOURCES
  output/json_escape.cpp
  output/record_json.cpp
  output/flat_record.cpp
  output/output_file.cpp
  output/text_file_sink.cpp
  output/ndjson_sink.cpp
  output/csv_sink.cpp
  output/sqlite_sink.cpp
  output/postgres_copy.cpp
  output/postgres_sink.cpp
  output/sink_factory.cpp
  cli.cpp
)
