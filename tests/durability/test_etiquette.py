"""Scanning etiquette: wider than a /16 and no --rate means a polite default
of 10,000 new connections per second, announced on stderr; an explicit
--rate is obeyed silently. The scan is stopped with SIGINT once
the first progress line (the engine is running, its handler installed)
has been read."""
import signal
import subprocess

from conftest import REFUSED_PORT

WIDE = ["-p", str(REFUSED_PORT), "--timeout", "1", "-t", "1", "-c", "50", "-o", "/dev/null",
        "198.18.0.0/15"]


def stderr_until_progress(scanner, args):
    proc = subprocess.Popen(scanner.cmd(args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    lines = []
    while not lines or "in-flight" not in lines[-1]:
        lines.append(proc.stderr.readline())
        assert lines[-1], "smtpsweep ended without a progress line"
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=60)[1]
    assert proc.returncode == 0, rest
    return "".join(lines)


def test_wide_scan_without_rate_is_limited_and_says_so(scanner):
    text = stderr_until_progress(scanner, WIDE + ["--seed", "1"])
    assert "no --rate: limiting to 10000 new connections per second" in text


def test_explicit_rate_is_obeyed_without_the_announcement(scanner):
    text = stderr_until_progress(scanner, WIDE + ["--seed", "1", "--rate", "5000"])
    assert "limiting to" not in text
