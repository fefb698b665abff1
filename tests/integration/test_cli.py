"""The command line as the spec defines it, end to end: exactly one record
per (ip, port) target over a range with live and refused targets, target
syntaxes (@FILE, '-', ranges), --dry-run order and sharding, and exit
status 2 naming the bad token on bad usage."""
import itertools
import socket

import pytest

import lab

SUBNET = "198.18.8."
LIVE = lab.load_personas(SUBNET, names={"clean-starttls", "clean-implicit", "no-starttls"})
BASE = ["--timeout", "3", "--connect-timeout", "2", "-o", "-"]


def ips(first, last):
    return [f"{SUBNET}{i}" for i in range(first, last + 1)]


@pytest.fixture(scope="module")
def responder():
    # clean-starttls .1 (25, 587), clean-implicit .2 (465), no-starttls .13 (25)
    with lab.Responder(LIVE) as r:
        yield r


def test_range_scan_gives_exactly_one_record_per_target(responder, scanner, validate):
    records = scanner.scan(["-p", "25,465,587", "--ca-file", scanner.ca, "-c", "16"] + BASE +
                           [SUBNET + "0/28"])
    keys = [(r["ip"], r["port"]) for r in records]
    assert sorted(keys) == sorted(itertools.product(ips(0, 15), (25, 465, 587)))
    live = {(p["address"], port) for p in LIVE for port in p["ports"]}
    assert len(live) == 4
    for r in records:
        if (r["ip"], r["port"]) in live:
            assert r["status"] == "success", r
        else:
            assert (r["status"], r["phase"], r["findings"]) == ("refused", "connect", []), r
    validate(records)


def dry_run(scanner, args, **kw):
    r = scanner.run(["--dry-run"] + args, **kw)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_dry_run_lists_every_target_and_connects_to_none(scanner):
    listener = socket.create_server((SUBNET + "201", 25))
    listener.setblocking(False)
    try:
        lines = dry_run(scanner, ["-p", "25,587", SUBNET + "200/30"])
        assert sorted(lines) == sorted(f"{ip}:{port}" for ip in ips(200, 203) for port in (25, 587))
        with pytest.raises(BlockingIOError):
            listener.accept()  # a dry run must not have connected
    finally:
        listener.close()


def test_dry_run_order_is_fixed_by_the_seed_and_shards_partition_it(scanner):
    args = ["-p", "25,465", "--seed", "42", SUBNET + "0/26"]
    full = dry_run(scanner, args)
    assert dry_run(scanner, args) == full
    assert len(full) == len(set(full)) == 128
    shards = [dry_run(scanner, args + ["--shards", "3", "--shard", str(i)]) for i in range(3)]
    assert sorted(sum(shards, [])) == sorted(full)


def test_targets_come_from_a_file_stdin_and_ranges(scanner, tmp_path):
    f = tmp_path / "targets.txt"
    f.write_text(f"# lab hosts\n{SUBNET}1\n\n{SUBNET}5-{SUBNET}7\n{SUBNET}16/31\n")
    expected = sorted(f"{ip}:25" for ip in ips(1, 1) + ips(5, 7) + ips(16, 17))
    assert sorted(dry_run(scanner, ["-p", "25", f"@{f}"])) == expected
    assert sorted(dry_run(scanner, ["-p", "25", "-"], input=f.read_text())) == expected


@pytest.mark.parametrize("args,token", [
    (["198.18.0.0/33"], "198.18.0.0/33"),
    (["198.18.8.300"], "198.18.8.300"),
    (["198.18.8.9-198.18.8.1"], "198.18.8.9-198.18.8.1"),
    (["-p", "70000", "198.18.8.1"], "70000"),
    (["-p", "25,x", "198.18.8.1"], "x"),
    (["--bogus-flag", "198.18.8.1"], "--bogus-flag"),
    (["-f", "xml", "198.18.8.1"], "xml"),
    (["@/nonexistent/targets.txt"], "/nonexistent/targets.txt"),
])
def test_bad_usage_exits_2_naming_the_bad_token(scanner, args, token):
    r = scanner.run(args + ["-o", "-"])
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert token in r.stderr
    assert r.stdout == ""


def test_no_target_is_bad_usage(scanner):
    r = scanner.run([])
    assert r.returncode == 2 and r.stderr
