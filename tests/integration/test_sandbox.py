"""The network sandbox the tests rely on: only lo, the lab block local,
everything else unreachable at once, so no test can leak a packet."""
import errno
import os
import socket
import subprocess

import lab

SANDBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                       "sandbox")


def test_tests_run_in_a_namespace_with_only_lo():
    assert os.environ.get("SMTPSWEEP_SANDBOX") == "1"
    assert lab.sandbox_problem() is None


def test_lab_block_is_routed_to_lo():
    for ip in ("198.18.0.1", "198.19.255.254"):
        out = subprocess.run(["ip", "route", "get", ip], capture_output=True, text=True).stdout
        assert out.startswith(f"local {ip} dev lo"), out


def test_connect_to_an_outside_address_fails_at_once_with_enetunreach():
    s = socket.socket()
    s.settimeout(30)
    try:
        assert s.connect_ex(("192.0.2.1", 25)) == errno.ENETUNREACH
    finally:
        s.close()


def test_nested_sandbox_runs_the_command_and_keeps_its_exit_status():
    r = subprocess.run([SANDBOX, "sh", "-c", 'echo "$SMTPSWEEP_SANDBOX"; exit 3'],
                       capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stdout) == (3, "1\n")
