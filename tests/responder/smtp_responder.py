#!/usr/bin/python3
"""A configurable test SMTP server for smtpsweep's integration tests, demo and
benchmarks. One asyncio process serves many "personas": each persona is a
fake mail server (banner, EHLO capabilities, STARTTLS and TLS behaviour,
certificate, relay policy or a deliberate misbehaviour) bound to its own
addresses and ports. Run it only inside scripts/sandbox, where every
198.18.0.0/15 address is local.

Usage:
  smtp_responder.py --certs DIR --config personas.json [--persona NAME...]
  smtp_responder.py --certs DIR --listen 0.0.0.0:25 [--set starttls=\\"none\\" ...]
It prints "READY" on stdout (and writes --ready-file) once every socket
listens, and stops cleanly on SIGTERM or SIGINT. Persona keys: see DEFAULTS.
Text (banner, hostname, EHLO lines) goes out as UTF-8 with surrogateescape, so
a JSON string "\udcff" sends the raw byte 0xff (invalid UTF-8 on purpose).
"""
import argparse
import asyncio
import json
import logging
import os
import resource
import signal
import socket
import ssl
import struct
import sys
import warnings

DEFAULTS = {
    "hostname": "mx1.lab.test",      # name in the banner and EHLO reply
    "banner": None,                  # text after the code; None: "<hostname> ESMTP Postfix (Debian/GNU)"
    "banner_code": 220,              # e.g. 554 for a server that rejects clients
    "ehlo": ["PIPELINING", "SIZE 10240000", "8BITMIME"],  # before TLS; STARTTLS added when offered
    "ehlo_tls": None,                # after TLS; None: ehlo + ["AUTH PLAIN LOGIN"]
    "auth_before_tls": False,        # advertise AUTH PLAIN LOGIN before TLS
    "starttls": "ok",                # ok | none | refuse | garbage (after ClientHello) | inject | silent
                                     # | reset (half a ServerHello, then RST)
    "implicit_tls_ports": [465],     # ports that start with a TLS handshake ([] = plaintext 465)
    "cert": "valid",                 # CERTDIR/NAME.pem (chain) + NAME.key
    "tls_min": "TLSv1",              # TLSv1 | TLSv1.1 | TLSv1.2 | TLSv1.3
    "tls_max": "TLSv1.3",
    "ciphers": "ALL:@SECLEVEL=0",    # TLS <= 1.2 cipher string; SECLEVEL=0 allows TLS 1.0 and weak keys
    "relay": "reject",               # reject (554 5.7.1) | open (accept any RCPT)
    "helo_only": False,              # EHLO answered 502
    "behaviour": "smtp",             # smtp | tarpit | garbage | close | reset | slow-banner
                                     # | long-line | endless-banner | endless-ehlo
                                     # | tls-garbage | tls-reset (see Session.hostile)
    "byte_delay": 0.02,              # seconds between banner bytes for slow-banner
    "line_bytes": 10 * 1024 * 1024,  # size of the unterminated banner line for long-line
}
HOSTILE = {"long-line", "endless-banner", "endless-ehlo", "tls-garbage", "tls-reset"}
NOT_TLS = b"this is not a TLS ServerHello \x00\xff\xfe\r\n" * 8
KNOWN = set(DEFAULTS) | {"name", "address", "ports", "serve", "expect", "comment"}
VERSIONS = {"TLSv1": ssl.TLSVersion.TLSv1, "TLSv1.0": ssl.TLSVersion.TLSv1,
            "TLSv1.1": ssl.TLSVersion.TLSv1_1, "TLSv1.2": ssl.TLSVersion.TLSv1_2,
            "TLSv1.3": ssl.TLSVersion.TLSv1_3}
INJECTED = b"250 injected\r\n"
MAX_LINE = 4096
VERBOSE = False


def log(msg):
    if VERBOSE:
        print(f"smtp_responder: {msg}", file=sys.stderr, flush=True)


def persona_settings(raw):
    """Return a persona dict with defaults filled in; reject unknown keys."""
    unknown = set(raw) - KNOWN
    if unknown:
        raise ValueError(f"persona {raw.get('name')}: unknown keys {sorted(unknown)}")
    p = dict(DEFAULTS, **raw)
    addrs = p.get("address", "0.0.0.0")
    p["address"] = [addrs] if isinstance(addrs, str) else list(addrs)
    p["ports"] = [int(x) for x in p.get("ports", [25])]
    if p["banner"] is None:
        p["banner"] = f"{p['hostname']} ESMTP Postfix (Debian/GNU)"
    if p["ehlo_tls"] is None:
        p["ehlo_tls"] = list(p["ehlo"]) + ["AUTH PLAIN LOGIN"]
    return p


def tls_context(p, certdir):
    """Server context for persona p; SECLEVEL=0 so TLS 1.0 and weak certs load."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_ciphers(p["ciphers"])
    ctx.minimum_version = VERSIONS[p["tls_min"]]
    ctx.maximum_version = VERSIONS[p["tls_max"]]
    base = os.path.join(certdir, p["cert"])
    ctx.load_cert_chain(base + ".pem", base + ".key")
    return ctx


class Session:
    """One client connection to one persona: the SMTP dialogue top to bottom."""

    def __init__(self, p, ctx, port, reader, writer):
        self.p, self.ctx, self.port = p, ctx, port
        self.reader, self.writer = reader, writer
        self.tls = port in p["implicit_tls_ports"]

    async def send(self, data):
        self.writer.write(data if isinstance(data, bytes) else wire(data))
        await self.writer.drain()

    async def drain_until_eof(self):
        """Read and discard until the client closes (bounded by the client)."""
        while await self.reader.read(65536):
            pass

    async def run(self):
        b = self.p["behaviour"]
        if b == "close":
            return
        if b == "tarpit":
            return await self.drain_until_eof()
        if b == "garbage":
            await self.send(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\x00\xff\xfe garbage\r\n")
            return await self.drain_until_eof()
        if b in HOSTILE:
            return await self.hostile(b)
        banner = wire(f"{self.p['banner_code']} {self.p['banner']}\r\n")
        if b == "slow-banner":
            for i in range(len(banner)):
                await self.send(banner[i:i + 1])
                await asyncio.sleep(self.p["byte_delay"])
        else:
            await self.send(banner)
        if b == "reset":
            await self.reader.readline()  # wait for EHLO so the failing phase is fixed
            return self.reset()
        await self.dialogue()

    async def hostile(self, b):
        """Misbehaviours for tests/hostile: each ends when the client gives up.
        long-line: "220 " then line_bytes octets without a line end;
        endless-banner / endless-ehlo: "220-" lines from the start / "250-" lines
        in answer to EHLO, forever; tls-garbage: plaintext garbage in answer to
        the ClientHello; tls-reset: half a real ServerHello, then RST."""
        if b == "long-line":
            await self.send(b"220 ")
            chunk = b"a" * 65536
            for _ in range(self.p["line_bytes"] // len(chunk)):
                await self.send(chunk)
            return await self.drain_until_eof()
        if b == "endless-ehlo":
            await self.send(wire(f"220 {self.p['banner']}\r\n"))
            await self.reader.readline()
        if b in ("endless-banner", "endless-ehlo"):
            line = b"220-" if b == "endless-banner" else b"250-"
            while True:
                await self.send((line + b"x" * 60 + b"\r\n") * 64)
        if b == "tls-garbage":
            await self.reader.read(1)  # the ClientHello has started to arrive
            await self.send(NOT_TLS)
            return await self.drain_until_eof()
        return await self.half_handshake_then_reset()

    async def half_handshake_then_reset(self):
        """Feeds the ClientHello to a server-side SSLObject, sends the first half
        of the ServerHello record it produces, then resets the connection."""
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = self.ctx.wrap_bio(incoming, outgoing, server_side=True)
        flight = b""
        while not flight:
            data = await self.reader.read(65536)
            if not data:
                return
            incoming.write(data)
            try:
                tls.do_handshake()
            except ssl.SSLWantReadError:
                pass
            flight = outgoing.read()
        record_len = 5 + int.from_bytes(flight[3:5], "big")
        await self.send(flight[:max(6, record_len // 2)])
        self.reset()

    def reset(self):
        sock = self.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()

    async def dialogue(self):
        rejecting = not 200 <= self.p["banner_code"] < 300
        while True:
            line = await self.reader.readline()
            if not line:
                return
            verb = line.split(b" ", 1)[0].strip().upper().decode("ascii", "replace")
            if verb == "QUIT":
                return await self.send("221 2.0.0 Bye\r\n")
            if rejecting:
                await self.send("554 5.3.2 No SMTP service here\r\n")
            elif verb == "STARTTLS":
                if not await self.starttls():
                    return
            else:
                await self.send(self.reply(verb, line))

    def ehlo_reply(self):
        caps = list(self.p["ehlo_tls"] if self.tls else self.p["ehlo"])
        if not self.tls and self.p["starttls"] != "none":
            caps.append("STARTTLS")
        if not self.tls and self.p["auth_before_tls"]:
            caps.append("AUTH PLAIN LOGIN")
        lines = [self.p["hostname"]] + caps
        return "".join(f"250{'-' if i < len(lines) - 1 else ' '}{t}\r\n"
                       for i, t in enumerate(lines))

    def reply(self, verb, line):
        if verb == "EHLO":
            return "502 5.5.2 Error: command not recognized\r\n" if self.p["helo_only"] \
                else self.ehlo_reply()
        if verb == "HELO":
            return f"250 {self.p['hostname']}\r\n"
        if verb == "MAIL":
            return "250 2.1.0 Ok\r\n"
        if verb == "RCPT":
            if self.p["relay"] == "open":
                return "250 2.1.5 Ok\r\n"
            return "554 5.7.1 Relay access denied\r\n"
        if verb in ("RSET", "NOOP"):
            return "250 2.0.0 Ok\r\n"
        if verb == "DATA":
            return "554 5.5.1 Error: no valid recipients\r\n"
        if verb == "AUTH":
            return "535 5.7.8 Error: authentication failed\r\n"
        return "502 5.5.2 Error: command not recognized\r\n"

    async def starttls(self):
        """Answer STARTTLS per persona; False when the session must end."""
        mode = self.p["starttls"]
        if self.tls:
            await self.send("554 5.5.1 Error: TLS already active\r\n")
            return True
        if mode == "none":
            await self.send("502 5.5.1 Error: command not implemented\r\n")
            return True
        if mode == "refuse":
            await self.send("454 4.7.0 TLS not available due to local problem\r\n")
            return True
        if mode == "garbage":  # answer the ClientHello (not the 220) with plaintext
            await self.send(b"220 2.0.0 Ready to start TLS\r\n")
            await self.reader.read(1)
            await self.send(b"this is not a TLS ServerHello\r\n" * 4)
            return False
        if mode == "reset":
            await self.send(b"220 2.0.0 Ready to start TLS\r\n")
            await self.half_handshake_then_reset()
            return False
        if mode == "silent":
            await self.send(b"220 2.0.0 Ready to start TLS\r\n")
            await self.drain_until_eof()
            return False
        extra = INJECTED if mode == "inject" else b""
        await self.send(b"220 2.0.0 Ready to start TLS\r\n" + extra)  # one write
        await self.writer.start_tls(self.ctx)
        self.tls = True
        return True


def wire(text):
    """text as bytes on the wire; lone surrogates (\udc80-\udcff) become raw bytes."""
    return text.encode("utf-8", "surrogateescape")


async def handle(p, ctx, port, reader, writer):
    log(f"{p['name']}:{port}: connection from {writer.get_extra_info('peername')}")
    try:
        await Session(p, ctx, port, reader, writer).run()
    except (OSError, ssl.SSLError, ValueError, asyncio.IncompleteReadError,
            asyncio.LimitOverrunError) as e:
        log(f"{p['name']}:{port}: {type(e).__name__}: {e}")
    finally:
        writer.close()


def needs_tls(p):
    return p["starttls"] in ("ok", "inject", "reset") or p["behaviour"] == "tls-reset" or bool(set(p["ports"]) & set(p["implicit_tls_ports"]))


async def serve(personas, certdir, ready_file):
    servers = []
    for p in personas:
        ctx = tls_context(p, certdir) if needs_tls(p) else None
        for addr in p["address"]:
            for port in p["ports"]:
                implicit = ctx if port in p["implicit_tls_ports"] else None
                tls_args = {"ssl": implicit, "ssl_handshake_timeout": 30} if implicit else {}
                cb = (lambda p, c, port: lambda r, w: handle(p, c, port, r, w))(p, ctx, port)
                servers.append(await asyncio.start_server(
                    cb, addr, port, backlog=4096, limit=MAX_LINE, reuse_address=True,
                    **tls_args))
                log(f"{p['name']} listening on {addr}:{port}{' (TLS)' if implicit else ''}")
    if ready_file:
        tmp = ready_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{os.getpid()}\n")
        os.replace(tmp, ready_file)
    print("READY", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


def quiet_exceptions(loop, context):
    log(f"loop: {context.get('message')} {context.get('exception')!r}")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--certs", required=True, help="directory of NAME.pem/NAME.key")
    ap.add_argument("--config", help="JSON file: a list of personas or {\"personas\": [...]}")
    ap.add_argument("--persona", action="append", default=[], help="serve only these names")
    ap.add_argument("--listen", action="append", default=[],
                    help="ADDR:PORT for one ad-hoc persona built from --set (repeatable)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="option of the ad-hoc persona, value in JSON (strings may be bare)")
    ap.add_argument("--ready-file", help="written (pid) once every socket listens")
    ap.add_argument("-v", "--verbose", action="store_true")
    return ap.parse_args(argv)


def load_personas(args):
    raw = []
    if args.config:
        with open(args.config) as f:
            doc = json.load(f)
        raw = doc["personas"] if isinstance(doc, dict) else doc
        if args.persona:
            raw = [r for r in raw if r["name"] in args.persona]
            missing = set(args.persona) - {r["name"] for r in raw}
            if missing:
                raise ValueError(f"unknown persona(s): {sorted(missing)}")
    if args.listen:
        adhoc = {"name": "adhoc", "address": [], "ports": []}
        for item in args.listen:
            addr, _, port = item.rpartition(":")
            adhoc["address"].append(addr)
            adhoc["ports"].append(int(port))
        for kv in args.set:
            key, _, val = kv.partition("=")
            try:
                adhoc[key] = json.loads(val)
            except json.JSONDecodeError:
                adhoc[key] = val
        adhoc["address"] = sorted(set(adhoc["address"]))
        adhoc["ports"] = sorted(set(adhoc["ports"]))
        raw.append(adhoc)
    personas = [persona_settings(r) for r in raw if r.get("serve", True)]
    if not personas:
        raise ValueError("no persona to serve (give --config or --listen)")
    return personas


def main(argv):
    global VERBOSE
    args = parse_args(argv)
    VERBOSE = args.verbose
    logging.getLogger("asyncio").setLevel(logging.DEBUG if VERBOSE else logging.CRITICAL)
    try:
        personas = load_personas(args)
    except (OSError, ValueError, KeyError) as e:
        print(f"smtp_responder: {e}", file=sys.stderr)
        return 2
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # TLS 1.0/1.1 on purpose
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(quiet_exceptions)
    try:
        loop.run_until_complete(serve(personas, args.certs, args.ready_file))
    except ssl.SSLError as e:
        print(f"smtp_responder: bad TLS settings or certificate: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"smtp_responder: cannot listen: {e}", file=sys.stderr)
        return 1
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
