"""pytest setup for the hostile-server suite: the real smtpsweep binary
(SMTPSWEEP_BIN) scans tests/responder/smtp_responder.py personas that
misbehave on purpose, only inside scripts/sandbox, on 198.18.11.x (its own
block, so it runs beside the other sandboxed suites). scan() runs one scan
under /usr/bin/time (Debian package `time`) to get the scanner's peak RSS,
and the checks below hold every record to the bytes: strict UTF-8, JSON,
docs/record.schema.json (SMTPSWEEP_SCHEMA), and for CSV the column count and
formula neutralisation."""
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "responder"))
import lab  # noqa: E402

TIME = "/usr/bin/time"


_sandbox_required = lab.sandbox_fixture()


@dataclass
class Scan:
    """One finished scan: raw output bytes, stderr text, exit code, peak RSS."""
    out: bytes
    err: str
    code: int
    rss_kib: int


class Scanner:
    """Runs smtpsweep against one ip:port, always with -t 1 and the lab CA."""

    def __init__(self, binary):
        self.binary = binary
        self.ca = os.path.join(lab.certs_dir(), "ca.pem")

    def scan(self, ip, port, fmt="ndjson", timeout=10, hang_limit=120):
        """hang_limit only catches a hung scanner; it is not a timing check."""
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            cmd = [TIME, "-f", "%M", "-o", rss.name, self.binary, "-p", str(port),
                   "--timeout", str(timeout), "--connect-timeout", "2", "-t", "1", "-q",
                   "--ca-file", self.ca, "-f", fmt, "-o", "-", ip]
            try:
                r = subprocess.run(cmd, capture_output=True, timeout=hang_limit)
            except subprocess.TimeoutExpired:
                pytest.fail(f"smtpsweep hung on {ip}:{port} ({fmt}) past {hang_limit}s "
                            f"with --timeout {timeout}")
            lines = rss.read().split()
        assert lines and lines[-1].isdigit(), f"no RSS from {TIME}: {lines}"
        return Scan(r.stdout, r.stderr.decode("utf-8", "replace"), r.returncode,
                    int(lines[-1]))


@pytest.fixture(scope="session")
def scanner():
    binary = lab.smtpsweep_binary()
    if not os.access(TIME, os.X_OK):
        pytest.fail(f"{TIME} is missing: apt-get install -y time")
    return Scanner(binary)


@pytest.fixture(scope="session")
def validator():
    path = os.environ.get("SMTPSWEEP_SCHEMA", "")
    if not os.path.exists(path):
        pytest.fail(f"SMTPSWEEP_SCHEMA={path!r} does not exist")
    return lab.schema_validator(path)
