#!/usr/bin/env bash
# Runs the [server] tests of tests_postgres against a throwaway PostgreSQL
# (scripts/pg-lab: Unix socket in a temp dir, trust auth), then checks the
# default table with psql as a user would, and always stops the server.
# Usage: run_with_server.sh TESTS_POSTGRES [CATCH_ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin=$1; shift
lab="$root/scripts/pg-lab"
dir="$(mktemp -d /tmp/smtpsweep-pg.XXXXXX)"
trap '"$lab" clean "$dir"' EXIT

conninfo="$("$lab" start "$dir")"
SMTPSWEEP_PG_CONNINFO="$conninfo" SMTPSWEEP_PG_LAB="$lab" SMTPSWEEP_PG_DIR="$dir" \
    "$bin" "[server]" "$@"

# The first test case left 500 records in the default table.
"$lab" start "$dir" >/dev/null
got="$(psql "$conninfo" -XAtc "SELECT count(*), count(DISTINCT ip),
    sum((record->'smtp'->>'hostname' = hostname)::int),
    sum(('cert-untrusted' = ANY(findings))::int) FROM smtpsweep_records")"
echo "psql: smtpsweep_records: $got"
[[ $got == "500|500|500|500" ]] || { echo "unexpected psql result" >&2; exit 1; }
