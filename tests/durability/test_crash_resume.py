"""Crash-safe output: kill -9 at random moments, resume each time, and the
output ends up holding every target exactly once, as whole records only.
The random delays choose *where* the kills land; nothing waits on them for
synchronisation (each run is killed or finishes, then the next starts)."""
import csv
import io
import json
import random
import signal
import subprocess
import time

from conftest import ANSWER_PORT, REFUSED_PORT, ndjson_keys

PORTS = f"{ANSWER_PORT},{REFUSED_PORT}"


def kill_and_resume(scanner, args, kills, rng, sig=signal.SIGKILL, delay=(0.1, 1.2)):
    """Starts the scan, sends `sig` after a random delay, resumes; `kills` times,
    then once more to the end. Returns how many signals landed mid-scan."""
    landed = 0
    for _ in range(kills):
        proc = subprocess.Popen(scanner.cmd(args), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(*delay))
        if proc.poll() is None:
            proc.send_signal(sig)
            landed += 1
        _, err = proc.communicate(timeout=120)
        if sig == signal.SIGKILL:
            assert proc.returncode in (0, -signal.SIGKILL), err
        else:  # SIGINT: stop, flush, save the state, exit 0
            assert proc.returncode == 0, err
        if proc.returncode == 0 and "already complete" in err:
            break
    last = scanner.run(args)
    assert last.returncode == 0, last.stderr
    return landed


def test_random_sigkills_then_resume_give_every_target_exactly_once(scanner, responder,
                                                                      tmp_path):
    out, state = tmp_path / "out.ndjson", tmp_path / "state.json"
    base = ["-p", PORTS, "--seed", "11", "198.18.60.0/22"]
    args = base + ["-c", "64", "-t", "2", "--rate", "300", "--timeout", "3",
                   "--resume", state, "-o", out, "-q"]
    landed = kill_and_resume(scanner, args, 15, random.Random(1))
    assert landed >= 5, "too few kills landed while the scan was running"
    keys = ndjson_keys(out)
    assert len(keys) == len(set(keys)), "a target has two records"
    assert sorted(keys) == scanner.dry_run(base)
    assert json.loads(state.read_text())["complete"] is True


def test_random_sigkills_keep_csv_rows_whole_and_unique(scanner, responder, tmp_path):
    out, state = tmp_path / "out.csv", tmp_path / "state.json"
    base = ["-p", PORTS, "--seed", "12", "198.18.64.0/24"]
    args = base + ["-f", "csv", "-c", "32", "-t", "2", "--rate", "150", "--timeout", "3",
                   "--resume", state, "-o", out, "-q"]
    landed = kill_and_resume(scanner, args, 6, random.Random(2))
    assert landed >= 2
    data = out.read_bytes()
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode())))
    header, body = rows[0], rows[1:]
    assert "ip" in header and header.count("ip") == 1
    assert all(len(r) == len(header) for r in body), "a torn CSV row"
    assert all(r != header for r in body), "the header was written twice"
    ip, port = header.index("ip"), header.index("port")
    keys = [(r[ip], r[port]) for r in body]
    assert len(keys) == len(set(keys))
    assert sorted(keys) == scanner.dry_run(base)


def test_sigint_stops_cleanly_and_resume_completes_exactly_once(scanner, responder, tmp_path):
    out, state = tmp_path / "out.ndjson", tmp_path / "state.json"
    base = ["-p", PORTS, "--seed", "13", "198.18.65.0/24"]
    args = base + ["-c", "32", "-t", "2", "--rate", "200", "--timeout", "3",
                   "--resume", state, "-o", out, "-q"]
    landed = kill_and_resume(scanner, args, 3, random.Random(3), sig=signal.SIGINT,
                             delay=(0.3, 0.8))
    assert landed >= 1
    saved = json.loads(state.read_text())
    assert saved["complete"] is True and saved["output_bytes"] == out.stat().st_size
    keys = ndjson_keys(out)
    assert sorted(keys) == scanner.dry_run(base)
