"""The responder's hostile behaviours themselves, checked with plain Python
clients, so that a failing scanner test points at the scanner and not at a
fixture that does not misbehave as claimed. Addresses 198.18.11.1xx."""
import os
import socket
import ssl

import pytest

import lab

SUBNET = "198.18.11."
PERSONAS = [
    {"name": "long-line", "address": SUBNET + "101", "ports": [25], "behaviour": "long-line"},
    {"name": "endless-banner", "address": SUBNET + "102", "ports": [25],
     "behaviour": "endless-banner"},
    {"name": "tls-reset", "address": SUBNET + "103", "ports": [465], "behaviour": "tls-reset",
     "implicit_tls_ports": [], "starttls": "none"},
    {"name": "bytes", "address": SUBNET + "104", "ports": [25],
     "banner": "x \u0000 \udcff\udcfe \u001b"},
]
ADDR = {p["name"]: (p["address"], p["ports"][0]) for p in PERSONAS}


@pytest.fixture(scope="module")
def responder():
    with lab.Responder(PERSONAS) as r:
        yield r


def recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(min(65536, n - len(data)))
        assert chunk, f"closed after {len(data)} of {n} bytes"
        data += chunk
    return data


def test_long_line_sends_megabytes_without_a_line_end(responder):
    with socket.create_connection(ADDR["long-line"], timeout=10) as s:
        data = recv_exactly(s, 2 * 1024 * 1024)
    assert data.startswith(b"220 ") and b"\n" not in data


def test_endless_banner_sends_more_lines_than_any_reply_limit(responder):
    with socket.create_connection(ADDR["endless-banner"], timeout=10) as s:
        data = recv_exactly(s, 66 * 5000)
    lines = data.split(b"\r\n")[:-1]
    assert len(lines) >= 5000 and all(l.startswith(b"220-") for l in lines)


def test_banner_carries_raw_nul_invalid_utf8_and_control_bytes(responder):
    with socket.create_connection(ADDR["bytes"], timeout=10) as s:
        line = s.makefile("rb").readline()
    assert line == b"220 x \x00 \xff\xfe \x1b\r\n"


def test_tls_reset_sends_half_a_server_hello_then_resets(responder):
    ctx = ssl.create_default_context(cafile=os.path.join(lab.certs_dir(), "ca.pem"))
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    client = ctx.wrap_bio(incoming, outgoing, server_hostname="mx1.lab.test")
    with pytest.raises(ssl.SSLWantReadError):
        client.do_handshake()
    with socket.create_connection(ADDR["tls-reset"], timeout=10) as s:
        s.sendall(outgoing.read())
        received = b""
        with pytest.raises(ConnectionResetError):
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
    # On Linux, data queued before the RST is read before the reset error.
    assert len(received) > 5 and received[0] == 0x16, received[:5]  # a handshake record...
    assert len(received) < 5 + int.from_bytes(received[3:5], "big")  # ...cut short
