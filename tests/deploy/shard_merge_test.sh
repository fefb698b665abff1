#!/usr/bin/env bash
# Sharding covers the scan exactly once: 4 shards of a 512-target scan
# (198.18.40.0/24 x ports 25,587; nothing listens, so every probe is
# refused), run directly and through scripts/deploy/slurm-array.sh, are
# merged and compared with the unsharded --dry-run. Sends packets, so it
# refuses to run outside the network sandbox (SMTPSWEEP_SANDBOX=1).
# Usage: SMTPSWEEP_BIN=path/to/smtpsweep shard_merge_test.sh
set -euo pipefail

if [[ ${SMTPSWEEP_SANDBOX:-} != 1 ]]; then
    echo "shard_merge_test.sh: refusing to scan outside the network sandbox (run via scripts/sandbox)" >&2
    exit 1
fi
bin="${SMTPSWEEP_BIN:?set SMTPSWEEP_BIN to the smtpsweep binary}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

target=198.18.40.0/24
shards=4
common=(--seed 7 -p 25,587 --connect-timeout 1 --timeout 2)

"$bin" "${common[@]}" --dry-run "$target" >"$work/full.txt"
mkdir -p "$work/dry" "$work/scan"
for ((i = 0; i < shards; i++)); do
    "$bin" "${common[@]}" --shards "$shards" --shard "$i" --dry-run "$target" >"$work/dry/shard-$i.txt"
    "$bin" "${common[@]}" --shards "$shards" --shard "$i" -q -o "$work/scan/shard-$i.ndjson" "$target"
done

# The Slurm script, run as its array tasks would be, with env overrides.
for ((i = 0; i < shards; i++)); do
    SLURM_ARRAY_TASK_ID=$i SMTPSWEEP_BIN="$bin" SMTPSWEEP_OUT_DIR="$work/slurm" \
        SMTPSWEEP_SEED=7 SMTPSWEEP_SHARDS=$shards SMTPSWEEP_PORTS=25,587 \
        SMTPSWEEP_ARGS="--connect-timeout 1 --timeout 2 -q" \
        "$root/scripts/deploy/slurm-array.sh" "$target"
done

/usr/bin/python3 "$here/check_shards.py" --expect 512 --status refused \
    "$work/full.txt" "$work/dry" "$work/scan" "$work/slurm"
echo "shard_merge_test.sh: ok"
