"""Fixtures for the real-MTA accuracy tests (issue 9): refuse to run outside
the network sandbox, start the two-instance Postfix lab once per session
(tests/mta/postfix_lab.sh), ask the established tools about every lab
target once, run the scanner once, and always stop Postfix again, also
when ctest's timeout sends SIGTERM.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import mta_tools  # noqa: E402

LAB_SCRIPT = os.path.join(HERE, "postfix_lab.sh")
IPS = ["198.18.9.1", "198.18.9.2"]
PORTS = [25, 465, 587]
TARGETS = [(ip, port) for ip in IPS for port in PORTS]
SCAN_TIMEOUT = 120


def _sigterm_to_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


signal.signal(signal.SIGTERM, _sigterm_to_interrupt)


@pytest.fixture(scope="session")
def certs():
    if os.environ.get("SMTPSWEEP_SANDBOX") != "1":
        pytest.fail("not inside the network sandbox: run these tests via "
                    "scripts/sandbox (it sets SMTPSWEEP_SANDBOX=1)", pytrace=False)
    d = os.environ.get("SMTPSWEEP_CERTS")
    if not d or not os.path.isfile(os.path.join(d, "ca.pem")):
        pytest.fail(f"SMTPSWEEP_CERTS={d!r} holds no ca.pem "
                    "(make it with scripts/make_test_certs.py DIR)", pytrace=False)
    return d


@pytest.fixture(scope="session")
def lab(certs):
    """Starts both Postfix instances; stops them and removes the lab at the end."""
    d = tempfile.mkdtemp(prefix="smtpsweep-postfix-")
    try:
        # A signal during `postfix start` would leave a master starting behind
        # our back: hold SIGTERM until the start script has finished.
        held = []
        signal.signal(signal.SIGTERM, lambda signum, frame: held.append(signum))
        try:
            p = subprocess.run([LAB_SCRIPT, "start", d, certs], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
        finally:
            signal.signal(signal.SIGTERM, _sigterm_to_interrupt)
        if held:
            raise KeyboardInterrupt("SIGTERM during lab start")
        if p.returncode != 0:
            pytest.fail("postfix lab did not start:\n" + p.stdout.decode(), pytrace=False)
        yield d
    finally:
        subprocess.run([LAB_SCRIPT, "stop", d], timeout=60)
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def mail_version():
    """Postfix's own version string, as `postconf -d` reports it."""
    out = subprocess.run(["postconf", "-dh", "mail_version"], stdout=subprocess.PIPE,
                         check=True).stdout.decode().strip()
    assert out, "postconf gave no mail_version"
    return out


@pytest.fixture(scope="session")
def observations(lab, certs):
    """(ip, port) -> (Smtp, Tls or None, s_client text, Scan or None), asked once."""
    ca = os.path.join(certs, "ca.pem")
    seen = {}
    for ip, port in TARGETS:
        smtp = mta_tools.smtp_dialogue(ip, port)
        host = smtp.banner.split()[1] if smtp.banner else ip
        tls, text, scan = None, "", None
        if port == 465 or smtp.starttls_offered:
            tls, text = mta_tools.s_client(ip, port, host, ca)
            scan = mta_tools.sslscan(ip, port)
        seen[(ip, port)] = (smtp, tls, text, scan)
    return seen


@pytest.fixture(scope="session")
def records(lab, certs):
    """(ip, port) -> the scanner's NDJSON record for that target."""
    binary = os.environ.get("SMTPSWEEP_BIN")
    if not binary:
        pytest.skip("SMTPSWEEP_BIN not set: scanner comparisons not run")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"SMTPSWEEP_BIN={binary!r} is not an executable", pytrace=False)
    cmd = [binary, "-q", "-p", "25,465,587", "--ca-file", os.path.join(certs, "ca.pem"),
           "--timeout", "20", "-o", "-"] + IPS
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=SCAN_TIMEOUT)
    assert p.returncode == 0, f"{cmd} exited {p.returncode}: {p.stderr.decode()[-2000:]}"
    out = {}
    for line in p.stdout.decode().splitlines():
        if line.strip():
            rec = json.loads(line)
            key = (rec["ip"], rec["port"])
            assert key not in out, f"two records for {key}"
            out[key] = rec
    return out
