#!/usr/bin/env bash
# Slurm array job: one smtpsweep shard per array task. Task i of an array of
# N runs `--shards N --shard i` with the SAME --seed as every other task, so
# the shards partition one permutation of the target space and their outputs
# together cover every (ip, port) exactly once. Each task writes its own
# NDJSON file (plus a --resume state file, so a requeued task continues
# instead of starting over); merge them with `cat` (see README.md here).
#
# Submit:   sbatch --export=ALL,SMTPSWEEP_TARGETS=@/shared/targets.txt slurm-array.sh
#   or:     sbatch slurm-array.sh 198.18.0.0/15            (targets as arguments)
# Change the array size with `sbatch --array=0-15 ...`: the shard count
# follows it (SLURM_ARRAY_TASK_COUNT) unless SMTPSWEEP_SHARDS is set.
#
# Environment overrides (all optional except the targets):
#   SMTPSWEEP_BIN      scanner binary                      [smtpsweep on PATH]
#   SMTPSWEEP_OUT_DIR  directory for shard-IIII.ndjson     [$PWD/smtpsweep-out]
#   SMTPSWEEP_SEED     permutation seed, same for all tasks [20260101]
#   SMTPSWEEP_SHARDS   number of shards              [array size, else 4]
#   SMTPSWEEP_PORTS    -p LIST                              [25,465,587]
#   SMTPSWEEP_ARGS     extra options, split on spaces   (e.g. "-r 2000 -q")
#   SMTPSWEEP_TARGETS  targets, split on spaces, when no arguments are given
#
#SBATCH --job-name=smtpsweep
#SBATCH --array=0-3
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=24:00:00
#SBATCH --requeue
#SBATCH --output=smtpsweep-%A_%a.log
set -euo pipefail

: "${SLURM_ARRAY_TASK_ID:?not an array task: submit with sbatch or set SLURM_ARRAY_TASK_ID}"
bin="${SMTPSWEEP_BIN:-smtpsweep}"
out_dir="${SMTPSWEEP_OUT_DIR:-$PWD/smtpsweep-out}"
seed="${SMTPSWEEP_SEED:-20260101}"
shards="${SMTPSWEEP_SHARDS:-${SLURM_ARRAY_TASK_COUNT:-4}}"
ports="${SMTPSWEEP_PORTS:-25,465,587}"
# Arrays may start anywhere (--array=1-4): the shard is the offset from the first task.
shard=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0}))

read -r -a extra <<<"${SMTPSWEEP_ARGS:-}"
if (($# > 0)); then
    targets=("$@")
else
    read -r -a targets <<<"${SMTPSWEEP_TARGETS:-}"
fi
((${#targets[@]} > 0)) || { echo "slurm-array.sh: no targets (arguments or SMTPSWEEP_TARGETS)" >&2; exit 2; }
((shard >= 0 && shard < shards)) ||
    { echo "slurm-array.sh: task $SLURM_ARRAY_TASK_ID gives shard $shard, outside 0..$((shards - 1))" >&2; exit 2; }

mkdir -p "$out_dir"
out="$out_dir/shard-$(printf '%04d' "$shard").ndjson"
echo "slurm-array.sh: shard $shard of $shards, seed $seed -> $out" >&2
exec "$bin" --seed "$seed" --shards "$shards" --shard "$shard" -p "$ports" \
    -o "$out" --resume "$out.state" ${extra[@]+"${extra[@]}"} "${targets[@]}"
