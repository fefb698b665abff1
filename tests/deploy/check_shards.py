"""Checks that sharded smtpsweep outputs partition the unsharded scan.

FULL is the unsharded `--dry-run` (ip:port lines); each DIR holds one file
per shard: *.txt (dry-run lines) or *.ndjson (records). For every DIR the
shards must be non-empty and pairwise disjoint, no (ip, port) may appear
twice, and their union must equal FULL. Record files must also match the
dry-run shard of the same index (the scan probes exactly what --dry-run
promised) and carry the expected status.
"""
import argparse
import collections
import json
import pathlib
import sys


def dry_targets(path):
    out = []
    for line in pathlib.Path(path).read_text().splitlines():
        ip, _, port = line.rpartition(":")
        out.append((ip, int(port)))
    return out


def record_targets(path, status, errors):
    out = []
    for n, line in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        rec = json.loads(line)
        out.append((rec["ip"], rec["port"]))
        if status and rec.get("status") != status:
            errors.append(f"{path}:{n}: status {rec.get('status')!r}, expected {status!r}")
    return out


def shard_files(directory):
    files = sorted(p for p in pathlib.Path(directory).iterdir() if p.suffix in (".txt", ".ndjson"))
    if not files:
        raise SystemExit(f"check_shards: no shard files in {directory}")
    return files


def check_dir(directory, full, status, errors):
    """Returns the per-shard target sets of DIR, appending problems to errors."""
    per_shard = []
    counts = collections.Counter()
    for f in shard_files(directory):
        ts = dry_targets(f) if f.suffix == ".txt" else record_targets(f, status, errors)
        if not ts:
            errors.append(f"{f}: empty shard")
        counts.update(ts)
        per_shard.append(set(ts))
    dups = [t for t, c in counts.items() if c > 1]
    if dups:
        errors.append(f"{directory}: {len(dups)} targets in more than one record, e.g. {dups[:3]}")
    union = set(counts)
    if union != full:
        errors.append(f"{directory}: union differs from the full dry-run: "
                      f"{len(full - union)} missing, {len(union - full)} extra")
    return per_shard


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect", type=int, required=True, help="number of targets of the full scan")
    ap.add_argument("--status", help="status every record must have")
    ap.add_argument("full")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()

    errors = []
    full_list = dry_targets(args.full)
    full = set(full_list)
    if len(full_list) != args.expect or len(full) != args.expect:
        errors.append(f"full dry-run: {len(full_list)} lines, {len(full)} distinct, expected {args.expect}")
    reference = None
    for d in args.dirs:
        shards = check_dir(d, full, args.status, errors)
        if reference is None:
            reference = shards
        elif shards != reference:
            errors.append(f"{d}: shards differ from those of {args.dirs[0]}")
        print(f"{d}: {len(shards)} shards, sizes {[len(s) for s in shards]}")
    for e in errors:
        print("FAIL:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
