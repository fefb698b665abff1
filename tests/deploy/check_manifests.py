"""Static checks of scripts/deploy: the Kubernetes manifest parses and its
Indexed Job maps the completion index to --shard with one fixed --seed and
as many shards as completions; the Slurm script parses (bash -n) and its
#SBATCH --array size matches its default shard count.

Usage: check_manifests.py DEPLOY_DIR
"""
import pathlib
import re
import subprocess
import sys

import yaml


def arg_after(args, flag):
    return args[args.index(flag) + 1] if flag in args else None


def check_k8s(path, errors):
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d]
    jobs = [d for d in docs if d.get("kind") == "Job"]
    if len(jobs) != 1:
        return errors.append(f"{path}: expected one Job, found {len(jobs)}")
    spec = jobs[0]["spec"]
    container = spec["template"]["spec"]["containers"][0]
    args = [str(a) for a in container.get("command", [])[1:] + container.get("args", [])]
    if spec.get("completionMode") != "Indexed":
        errors.append(f"{path}: completionMode is not Indexed")
    shards = arg_after(args, "--shards")
    if not shards or int(shards) != spec.get("completions") or spec.get("parallelism", 0) > int(shards):
        errors.append(f"{path}: --shards {shards} vs completions {spec.get('completions')}, "
                      f"parallelism {spec.get('parallelism')}")
    if arg_after(args, "--shard") != "$(JOB_COMPLETION_INDEX)":
        errors.append(f"{path}: --shard is not $(JOB_COMPLETION_INDEX)")
    if not (arg_after(args, "--seed") or "").isdigit():
        errors.append(f"{path}: no fixed --seed")
    out = arg_after(args, "--output") or arg_after(args, "-o") or ""
    if "$(JOB_COMPLETION_INDEX)" not in out:
        errors.append(f"{path}: output '{out}' is not per shard")


def check_slurm(path, errors):
    if subprocess.run(["bash", "-n", str(path)]).returncode != 0:
        return errors.append(f"{path}: bash -n failed")
    text = path.read_text()
    m = re.search(r"^#SBATCH --array=0-(\d+)", text, re.M)
    if not m:
        return errors.append(f"{path}: no '#SBATCH --array=0-N'")
    default = re.search(r"SLURM_ARRAY_TASK_COUNT:-(\d+)", text)
    if not default or int(default.group(1)) != int(m.group(1)) + 1:
        errors.append(f"{path}: default shard count does not match --array=0-{m.group(1)}")
    for needed in ("SLURM_ARRAY_TASK_ID", "--shard ", "--seed ", "SMTPSWEEP_BIN", "SMTPSWEEP_OUT_DIR"):
        if needed not in text:
            errors.append(f"{path}: does not use {needed.strip()}")


def main():
    deploy = pathlib.Path(sys.argv[1])
    errors = []
    check_k8s(deploy / "k8s-indexed-job.yaml", errors)
    check_slurm(deploy / "slurm-array.sh", errors)
    for e in errors:
        print("FAIL:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
