"""pytest setup for the durability tests: they run the real smtpsweep binary
(SMTPSWEEP_BIN) only inside scripts/sandbox (lab.sandbox_problem), with a
tiny in-process SMTP server on 0.0.0.0 so many 198.18/15 targets answer."""
import json
import os
import socketserver
import sys
import threading

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "responder"))
import lab  # noqa: E402

ANSWER_PORT = 2527   # the in-process server answers on every 198.18/15 address
REFUSED_PORT = 2528  # nothing listens: fast `refused` records
# A test file may set its own ANSWER_PORT (ctest runs the files in parallel
# in one namespace, so each needs its own listening port).


_sandbox_required = lab.sandbox_fixture()


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Banner, 250 to everything, 221 to QUIT: enough for a full probe."""

    def handle(self):
        try:
            self.wfile.write(b"220 lab.test ESMTP durability\r\n")
            for line in self.rfile:
                if line.upper().startswith(b"QUIT"):
                    self.wfile.write(b"221 bye\r\n")
                    return
                if line.upper().startswith(b"EHLO"):
                    self.wfile.write(b"250-lab.test\r\n250 8BITMIME\r\n")
                else:
                    self.wfile.write(b"250 ok\r\n")
        except OSError:
            pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512


@pytest.fixture(scope="module")
def responder(request):
    port = getattr(request.module, "ANSWER_PORT", ANSWER_PORT)
    server = _Server(("0.0.0.0", port), _SmtpHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


class Scanner(lab.ScannerRunner):
    """Adds --dry-run target listing to the shared runner."""

    def dry_run(self, args):
        r = self.run(list(args) + ["--dry-run"])
        assert r.returncode == 0, r.stderr
        return sorted(tuple(line.rsplit(":", 1)) for line in r.stdout.split())


@pytest.fixture(scope="session")
def scanner():
    return Scanner(lab.smtpsweep_binary())


def ndjson_keys(path):
    """(ip, port) of every record; fails on anything but whole JSON lines."""
    data = open(path, "rb").read()
    assert data == b"" or data.endswith(b"\n"), "the output ends with a torn record"
    keys = []
    for n, line in enumerate(data.split(b"\n")[:-1], 1):
        rec = json.loads(line)  # raises on a torn or merged line
        assert rec["status"] in {"success", "refused", "timeout", "io-error"}, (n, rec)
        assert "local resource exhaustion" not in (rec.get("error") or ""), rec
        keys.append((rec["ip"], str(rec["port"])))
    return keys
