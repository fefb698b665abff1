"""Resource exhaustion: a scan slows down instead of failing. Too few file
descriptors or sockets failing with EMFILE/EADDRNOTAVAIL still give one
record per target and none blames the target; a full disk stops the scan
with a clear message, keeps whole records only, saves a resume state that
points at them, and resuming onto a bigger disk completes exactly once."""
import json
import shlex
import os
import subprocess
import textwrap

from conftest import REFUSED_PORT, ndjson_keys

ANSWER_PORT = 2537  # this file's responder (test_crash_resume.py uses 2527)
PORTS = f"{ANSWER_PORT},{REFUSED_PORT}"

# socket()/connect() fail now and then as if the machine ran out of
# descriptors or ephemeral ports; an LD_PRELOAD shim makes it deterministic.
SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <sys/socket.h>
static atomic_uint calls;
int socket(int d, int t, int p) {
    static int (*real)(int, int, int);
    if (!real) real = dlsym(RTLD_NEXT, "socket");
    if (d == AF_INET && atomic_fetch_add(&calls, 1) % 3 == 1) { errno = EMFILE; return -1; }
    return real(d, t, p);
}
int connect(int fd, const struct sockaddr* a, socklen_t l) {
    static int (*real)(int, const struct sockaddr*, socklen_t);
    if (!real) real = dlsym(RTLD_NEXT, "connect");
    if (a->sa_family == AF_INET && atomic_fetch_add(&calls, 1) % 5 == 2) {
        errno = EADDRNOTAVAIL; return -1;
    }
    return real(fd, a, l);
}
"""


def test_low_open_file_limit_finishes_with_one_record_per_target(scanner, responder, tmp_path):
    out = tmp_path / "out.ndjson"
    base = ["-p", PORTS, "--seed", "21", "198.18.66.0/24"]
    r = subprocess.run(["prlimit", "--nofile=64:64"] +
                       scanner.cmd(base + ["-c", "200", "-t", "2", "--timeout", "5",
                                           "-o", out]),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    keys = ndjson_keys(out)
    assert sorted(keys) == scanner.dry_run(base)


def test_emfile_and_eaddrnotavail_back_off_instead_of_failing_targets(scanner, responder,
                                                                       tmp_path):
    src, lib = tmp_path / "shim.c", tmp_path / "shim.so"
    src.write_text(SHIM)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", lib, src, "-ldl"], check=True)
    out = tmp_path / "out.ndjson"
    base = ["-p", PORTS, "--seed", "22", "198.18.67.0/24"]
    env = {"LD_PRELOAD": str(lib), "PATH": "/usr/bin:/bin"}
    # Under the ASan build the shim is preloaded ahead of the ASan runtime,
    # which ASan refuses by default; the shim only wraps socket/connect.
    asan = os.environ.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"
    if "UBSAN_OPTIONS" in os.environ:
        env["UBSAN_OPTIONS"] = os.environ["UBSAN_OPTIONS"]
    r = scanner.run(base + ["-c", "100", "-t", "2", "--timeout", "5", "-v", "-o", out], env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "retrying" in r.stderr, "the shim never made a connect back off"
    keys = ndjson_keys(out)  # also: no record says "local resource exhaustion"
    assert sorted(keys) == scanner.dry_run(base)


def test_full_disk_stops_keeps_whole_records_and_resumes_elsewhere(scanner, tmp_path):
    state, small, big = tmp_path / "state.json", tmp_path / "small", tmp_path / "big.ndjson"
    small.mkdir()
    base = ["-p", PORTS, "--seed", "23", "198.18.68.0/23"]
    args = base + ["-c", "64", "-t", "2", "--rate", "1000", "--timeout", "3", "--resume", state,
                   "-q"]
    # A 64 KiB tmpfs in a private mount namespace; copy the result out before it goes.
    script = textwrap.dedent(f"""
        mount -t tmpfs -o size=64k tmpfs {small} || exit 99
        {shlex.join(scanner.cmd(args + ["-o", small / "out.ndjson"]))}
        rc=$?
        cp {small / "out.ndjson"} {big}
        exit $rc
    """)
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 1, r.stderr
    assert "No space left on device" in r.stderr and "--resume" in r.stderr, r.stderr
    saved = json.loads(state.read_text())
    assert saved["complete"] is False
    assert saved["output_bytes"] == big.stat().st_size > 0, "state does not match the output"
    partial = ndjson_keys(big)  # whole records only
    assert 0 < len(partial) < len(scanner.dry_run(base))
    done = scanner.run(args + ["-o", big])
    assert done.returncode == 0, done.stderr
    keys = ndjson_keys(big)
    assert len(keys) == len(set(keys))
    assert sorted(keys) == scanner.dry_run(base)


def test_unwritable_output_fails_with_a_clear_message(scanner):
    r = scanner.run(["-p", str(REFUSED_PORT), "-o", "/dev/full", "198.18.69.0/28"])
    assert r.returncode == 1
    assert "'/dev/full'" in r.stderr and "No space left on device" in r.stderr, r.stderr
