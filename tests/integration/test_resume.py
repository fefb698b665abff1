"""SIGINT in the middle of a scan, then --resume: the two runs together
give every target exactly once. The interrupt is sent once the responder
has logged a connection (data-driven, no sleeping); slow banners keep the
scan busy long enough that it cannot finish first."""
import itertools
import signal
import subprocess

import pytest

import lab

PORT = 2526  # used by no other test: the wildcard listener answers all of 198.18/15
SLOW = ["--listen", f"0.0.0.0:{PORT}", "--set", "behaviour=slow-banner", "--set",
        "byte_delay=0.01", "--set", "starttls=none"]


@pytest.fixture(scope="module")
def responder():
    with lab.Responder(None, verbose=True, args=SLOW) as r:
        yield r


def test_sigint_then_resume_covers_every_target_exactly_once(responder, scanner, tmp_path):
    state = tmp_path / "resume.state"
    args = ["-p", str(PORT), "-c", "8", "-t", "2", "--seed", "9", "--timeout", "10",
            "--resume", str(state), "-o", "-", "198.18.5.0/25"]
    first = subprocess.Popen([scanner.binary] + args, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert responder.wait_for_line("connection from"), "the scan never connected"
    first.send_signal(signal.SIGINT)
    out1, err1 = first.communicate(timeout=120)
    assert first.returncode == 0, f"SIGINT must stop cleanly with exit 0 (spec):\n{err1}"
    assert state.exists(), f"no resume state written:\n{err1}"
    second = scanner.run(args)
    assert second.returncode == 0, second.stderr
    keys = [(r["ip"], r["port"]) for r in scanner.parse(out1) + scanner.parse(second.stdout)]
    expected = [(f"198.18.5.{i}", PORT) for i in range(128)]
    assert 0 < len(scanner.parse(out1)) < 128, "the first run was not interrupted mid-scan"
    assert sorted(keys) == sorted(expected)
