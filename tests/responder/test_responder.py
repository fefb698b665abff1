"""The test SMTP responder itself, checked with Python clients inside the
sandbox: every persona behaves as personas.json says, so that a failing
integration test points at the scanner, not at its test server."""
import asyncio
import errno
import os
import socket
import ssl
import subprocess
import warnings

import pytest

import lab


def addr(personas, name, port=None):
    p = personas[name]
    return p["address"], port or p["ports"][0]


def client_ctx(certs, legacy=False):
    ctx = ssl.create_default_context(cafile=os.path.join(certs, "ca.pem"))
    if legacy:  # like the scanner: TLS 1.0..1.3 and legacy ciphers, trust judged apart
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.set_ciphers("ALL:eNULL:@SECLEVEL=0")
    return ctx


class Client:
    """A minimal line-oriented SMTP client over a blocking socket."""

    def __init__(self, target, timeout=5):
        self.sock = socket.create_connection(target, timeout=timeout)
        self.buf = b""

    def reply(self):
        lines = []
        while True:
            while b"\r\n" not in self.buf:
                data = self.sock.recv(4096)
                if not data:
                    raise EOFError(f"closed after {lines} {self.buf!r}")
                self.buf += data
            line, self.buf = self.buf.split(b"\r\n", 1)
            lines.append(line.decode("latin-1"))
            if len(line) < 4 or line[3:4] != b"-":
                return lines

    def cmd(self, text):
        self.sock.sendall(text.encode() + b"\r\n")
        return self.reply()

    def starttls(self, ctx, hostname="mx1.lab.test"):
        assert self.cmd("STARTTLS")[0].startswith("220")
        assert self.buf == b"", "bytes after the 220 to STARTTLS"
        self.sock = ctx.wrap_socket(self.sock, server_hostname=hostname)

    def close(self):
        self.sock.close()


def caps(reply):
    return [line[4:] for line in reply[1:]]


@pytest.mark.usefixtures("responder")
class TestPersonas:
    def test_clean_starttls_offers_starttls_then_tls13_with_a_trusted_cert(self, personas):
        for port in (25, 587):
            c = Client(addr(personas, "clean-starttls", port))
            assert c.reply() == ["220 mx1.lab.test ESMTP Postfix (Debian/GNU)"]
            before = caps(c.cmd("EHLO client.test"))
            assert "STARTTLS" in before and not any(x.startswith("AUTH") for x in before)
            c.starttls(client_ctx(lab.certs_dir()))
            assert c.sock.version() == "TLSv1.3"
            after = caps(c.cmd("EHLO client.test"))
            assert "AUTH PLAIN LOGIN" in after and "STARTTLS" not in after
            assert c.cmd("QUIT")[0].startswith("221")
            c.close()

    def test_clean_implicit_speaks_tls_first_on_465(self, personas):
        raw = socket.create_connection(addr(personas, "clean-implicit"), timeout=5)
        s = client_ctx(lab.certs_dir()).wrap_socket(raw, server_hostname="mx1.lab.test")
        assert s.recv(4096).startswith(b"220 mx1.lab.test")
        s.close()

    @pytest.mark.parametrize("name,version,cipher_part", [
        ("tls10", "TLSv1", "AES"), ("weak-cipher", "TLSv1.2", "NULL")])
    def test_legacy_personas_negotiate_what_they_promise(self, personas, name, version,
                                                          cipher_part):
        c = Client(addr(personas, name))
        c.reply()
        c.cmd("EHLO client.test")
        c.starttls(client_ctx(lab.certs_dir(), legacy=True))
        assert c.sock.version() == version
        assert cipher_part in c.sock.cipher()[0]
        c.close()

    @pytest.mark.parametrize("name,cert", [
        ("expired", "expired"), ("selfsigned", "selfsigned"), ("mismatch", "mismatch"),
        ("weakkey", "weakkey"), ("weaksig", "weaksig"), ("chain", "chain")])
    def test_certificate_personas_serve_their_fixture(self, personas, name, cert):
        c = Client(addr(personas, name))
        c.reply()
        c.cmd("EHLO client.test")
        c.starttls(client_ctx(lab.certs_dir(), legacy=True))
        with open(os.path.join(lab.certs_dir(), cert + ".der"), "rb") as f:
            assert c.sock.getpeercert(binary_form=True) == f.read()
        c.close()

    def test_auth_is_advertised_before_tls(self, personas):
        c = Client(addr(personas, "auth-before-tls"))
        c.reply()
        assert "AUTH PLAIN LOGIN" in caps(c.cmd("EHLO client.test"))
        c.close()

    @pytest.mark.parametrize("name,code", [("no-starttls", "502"), ("starttls-refused", "454")])
    def test_starttls_is_absent_or_refused(self, personas, name, code):
        c = Client(addr(personas, name))
        c.reply()
        offered = "STARTTLS" in caps(c.cmd("EHLO client.test"))
        assert offered == (name == "starttls-refused")
        assert c.cmd("STARTTLS")[0].startswith(code)
        c.close()

    def test_broken_starttls_answers_220_then_garbage(self, personas):
        c = Client(addr(personas, "starttls-broken"))
        c.reply()
        c.cmd("EHLO client.test")
        assert c.cmd("STARTTLS")[0].startswith("220")
        assert c.buf == b""  # nothing until the client speaks TLS
        c.sock.sendall(b"\x16\x03\x01\x00\x04fake")
        while len(c.buf) < 16:
            c.buf += c.sock.recv(4096)
        assert c.buf.startswith(b"this is not a TLS ServerHello")

    def test_injecting_persona_sends_extra_bytes_with_its_220(self, personas):
        c = Client(addr(personas, "starttls-inject"))
        c.reply()
        c.cmd("EHLO client.test")
        assert c.cmd("STARTTLS") == ["220 2.0.0 Ready to start TLS"]
        if not c.buf:
            c.buf = c.sock.recv(4096)
        assert c.buf == b"250 injected\r\n"
        c.close()

    def test_silent_starttls_answers_220_then_nothing(self, personas):
        c = Client(addr(personas, "starttls-silent"), timeout=0.5)
        c.reply()
        c.cmd("EHLO client.test")
        assert c.cmd("STARTTLS")[0].startswith("220")
        with pytest.raises(socket.timeout):
            c.sock.recv(1)
        c.close()

    def test_rejecting_persona_greets_with_554_and_refuses_ehlo(self, personas):
        c = Client(addr(personas, "rejects-clients"))
        assert c.reply()[0].startswith("554 ")
        assert c.cmd("EHLO client.test")[0].startswith("554")
        assert c.cmd("QUIT")[0].startswith("221")
        c.close()

    def test_version_is_in_the_banner(self, personas):
        c = Client(addr(personas, "version-disclosed"))
        assert c.reply() == ["220 mx1.lab.test ESMTP Exim 4.96"]
        c.close()

    @pytest.mark.parametrize("name,code", [("open-relay", "250"), ("closed-relay", "554")])
    def test_relay_policy_answers_foreign_rcpt(self, personas, name, code):
        c = Client(addr(personas, name))
        c.reply()
        c.cmd("EHLO client.test")
        assert c.cmd("MAIL FROM:<relay-probe@example.org>")[0].startswith("250")
        assert c.cmd("RCPT TO:<relay-probe@example.net>")[0].startswith(code)
        assert c.cmd("RSET")[0].startswith("250")
        c.close()

    def test_plaintext_465_greets_without_tls(self, personas):
        c = Client(addr(personas, "plaintext-465"))
        assert c.reply()[0].startswith("220 ")
        c.close()

    def test_helo_only_rejects_ehlo_and_accepts_helo(self, personas):
        c = Client(addr(personas, "helo-only"))
        c.reply()
        assert c.cmd("EHLO client.test")[0].startswith("502")
        assert c.cmd("HELO client.test") == ["250 mx1.lab.test"]
        c.close()

    def test_silent_persona_accepts_and_says_nothing(self, personas):
        c = Client(addr(personas, "silent"), timeout=0.5)
        with pytest.raises(socket.timeout):
            c.sock.recv(1)
        c.close()

    def test_garbage_persona_does_not_speak_smtp(self, personas):
        c = Client(addr(personas, "garbage"))
        assert not c.reply()[0][:3].isdigit()
        c.close()

    def test_close_persona_closes_at_once(self, personas):
        c = Client(addr(personas, "close"))
        assert c.sock.recv(1) == b""
        c.close()

    def test_reset_persona_resets_after_the_banner(self, personas):
        c = Client(addr(personas, "reset"))
        assert c.reply()[0].startswith("220")
        c.sock.sendall(b"EHLO client.test\r\n")
        with pytest.raises(ConnectionResetError):
            c.sock.recv(1)
        c.close()

    def test_slow_banner_arrives_in_pieces(self, personas):
        s = socket.create_connection(addr(personas, "slow-banner"), timeout=5)
        chunks = []
        while not b"".join(chunks).endswith(b"\r\n"):
            chunks.append(s.recv(4096))
        assert b"".join(chunks) == b"220 mx1.lab.test ESMTP Postfix (Debian/GNU)\r\n"
        assert len(chunks) > 5
        s.close()

    def test_refused_persona_has_nothing_listening(self, personas):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(addr(personas, "refused"), timeout=5)


async def banner_count(target, n):
    async def one():
        reader, writer = await asyncio.open_connection(*target)
        line = await reader.readline()
        writer.write(b"QUIT\r\n")
        await writer.drain()
        await reader.read()
        writer.close()
        return line.startswith(b"220 ")
    return sum(await asyncio.gather(*(one() for _ in range(n))))


@pytest.mark.usefixtures("responder")
def test_responder_serves_two_thousand_concurrent_connections(personas):
    import resource
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    assert asyncio.run(banner_count(addr(personas, "clean-starttls"), 2000)) == 2000


def test_adhoc_wildcard_listener_answers_every_address_of_the_lab():
    adhoc = ["--listen", "0.0.0.0:2525", "--set", "banner_code=554", "--set", "hostname=wild.lab.test"]
    with lab.Responder(None, args=adhoc):
        for ip in ("198.18.0.1", "198.18.200.77", "198.19.255.254"):
            c = Client((ip, 2525))
            assert c.reply() == ["554 wild.lab.test ESMTP Postfix (Debian/GNU)"]
            c.close()


def test_bad_persona_key_is_a_usage_error(tmp_path):
    cfg = tmp_path / "bad.json"
    cfg.write_text('[{"name": "x", "address": "198.18.6.200", "bogus_key": 1}]')
    r = subprocess.run([lab.PYTHON, lab.RESPONDER, "--certs", lab.certs_dir(), "--config",
                        str(cfg)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "bogus_key" in r.stderr
