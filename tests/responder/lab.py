"""Shared helpers for the sandboxed Python tests (tests/responder,
integration, hostile, durability): refuse to run outside scripts/sandbox,
find the test certificates and the smtpsweep binary, build the record schema
validator, load the personas and run smtp_responder.py as a context manager
that returns only once every socket listens (it waits for the responder's
"READY" line, never sleeps). pytest is imported only by the pytest helpers,
so scripts can use the rest without it."""
import json
import os
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
RESPONDER = os.path.join(HERE, "smtp_responder.py")
PERSONAS = os.path.join(HERE, "personas.json")
PYTHON = "/usr/bin/python3"


def sandbox_problem():
    """None when inside scripts/sandbox (only lo), else what is wrong."""
    if os.environ.get("SMTPSWEEP_SANDBOX") != "1":
        return "SMTPSWEEP_SANDBOX is not 1: run these tests via scripts/sandbox (e.g. " \
               "scripts/sandbox ctest --test-dir build)"
    links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True).stdout
    names = [line.split(": ")[1] for line in links.splitlines() if ": " in line]
    if names != ["lo"]:
        return f"network namespace has interfaces {names}, expected only lo"
    return None


def certs_dir():
    d = os.environ.get("SMTPSWEEP_CERTS", "")
    if not d or not os.path.exists(os.path.join(d, "ca.pem")):
        raise RuntimeError(f"SMTPSWEEP_CERTS={d!r} has no ca.pem: run "
                           "/usr/bin/python3 scripts/make_test_certs.py DIR first")
    return d


def load_personas(subnet=None, names=None):
    """Personas from personas.json; subnet ("198.18.6.") moves them off 198.18.7."""
    with open(PERSONAS) as f:
        personas = json.load(f)["personas"]
    if names is not None:
        personas = [p for p in personas if p["name"] in names]
    if subnet:
        for p in personas:
            p["address"] = p["address"].replace("198.18.7.", subnet)
    return personas


def by_name(personas):
    return {p["name"]: p for p in personas}


class Responder:
    """Runs smtp_responder.py with the given personas until the block ends.
    lines: the responder's stderr lines (with verbose=True, one per connection)."""

    def __init__(self, personas, certs=None, verbose=False, args=()):
        self.personas, self.certs, self.verbose = personas, certs or certs_dir(), verbose
        self.args = list(args)
        self.lines, self.proc, self.cond = [], None, threading.Condition()

    def __enter__(self):
        cmd = [PYTHON, RESPONDER, "--certs", self.certs] + self.args
        self.cfg = None
        if self.personas is not None:
            cfg = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
            json.dump({"personas": self.personas}, cfg)
            cfg.close()
            self.cfg = cfg.name
            cmd += ["--config", self.cfg]
        self.proc = subprocess.Popen(cmd + (["-v"] if self.verbose else []),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.reader = threading.Thread(target=self._read_stderr, daemon=True)
        self.reader.start()
        if self.proc.stdout.readline().strip() != "READY":
            self.proc.wait()
            self.reader.join()
            raise RuntimeError("responder did not start:\n" + "".join(self.lines))
        return self

    def _read_stderr(self):
        for line in self.proc.stderr:
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def wait_for_line(self, text, timeout=30):
        """Block until a stderr line contains text (data-driven, no sleeping)."""
        with self.cond:
            return self.cond.wait_for(lambda: any(text in l for l in self.lines), timeout)

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.cfg:
            os.unlink(self.cfg)
        return False


def require_sandbox_or_exit():
    """For scripts: print the problem and exit 1 outside the sandbox."""
    problem = sandbox_problem()
    if problem:
        sys.exit(f"refusing to run: {problem}")


def sandbox_fixture():
    """An autouse session fixture for a conftest.py (assign it to a module
    name there): fails every test at once outside the sandbox."""
    import pytest

    @pytest.fixture(scope="session", autouse=True)
    def _sandbox_required():
        problem = sandbox_problem()
        if problem:
            pytest.fail(problem)
    return _sandbox_required


def smtpsweep_binary():
    """SMTPSWEEP_BIN (set by ctest); fails the test when it is not an executable."""
    import pytest
    binary = os.environ.get("SMTPSWEEP_BIN", "")
    if not os.access(binary, os.X_OK):
        pytest.fail(f"SMTPSWEEP_BIN={binary!r} is not an executable (set by ctest)")
    return binary


def schema_validator(path):
    """A jsonschema validator, with format checks, for the schema file at path."""
    import jsonschema
    with open(path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class ScannerRunner:
    """Runs the smtpsweep binary; the suites' Scanner classes add to it."""

    def __init__(self, binary):
        self.binary = binary

    def cmd(self, args):
        return [self.binary] + [str(a) for a in args]

    def run(self, args, timeout=300, **kw):
        return subprocess.run(self.cmd(args), capture_output=True, text=True, timeout=timeout,
                              **kw)
