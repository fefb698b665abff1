"""What the established tools say about a sandboxed mail server.

The accuracy tests (issue 9) never trust the scanner's own idea of a server:
they ask `openssl s_client` (TLS version, cipher, leaf certificate),
`openssl x509` (fingerprint, key, signature, self-signed, name, validity),
`sslscan` (every protocol version the server enables and its preferred
cipher for each) and Python's `smtplib` (banner, EHLO before and after
STARTTLS), then derive the spec's finding ids from those observations with
the rules written in docs/accuracy.md. The scanner's records are compared
against this, and this is compared against how the lab was configured.
"""
import datetime
import re
import smtplib
import ssl
import subprocess
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

OPENSSL = "openssl"
SSLSCAN = "sslscan"
TOOL_TIMEOUT = 60
# The scanner offers TLS 1.0-1.3 and legacy ciphers; so does every tool here.
LEGACY_CIPHERS = "ALL:@SECLEVEL=0"
DEPRECATED_VERSIONS = {"SSLv3", "TLSv1", "TLSv1.0", "TLSv1.1"}
WEAK_CIPHER = re.compile(r"NULL|EXP|RC4|DES|3DES|CBC3", re.IGNORECASE)
EHLO_NAME = "smtpsweep.invalid"


def run(cmd, stdin=b""):
    """Runs a tool, returns (exit code, stdout+stderr as text)."""
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=TOOL_TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace")


@dataclass
class Smtp:
    """smtplib's view of the SMTP dialogue."""
    banner: str = ""
    banner_code: int = 0
    ehlo: list = field(default_factory=list)      # before TLS (or on 465: over TLS)
    ehlo_tls: list = None                          # after STARTTLS, None when not done
    starttls_offered: bool = False


@dataclass
class Tls:
    """openssl s_client's view of one handshake."""
    version: str = None
    cipher: str = None
    bits: int = None           # secret bits of the cipher
    leaf_pem: str = None
    sha256: str = None
    verify_code: int = None
    self_signed: bool = False
    name_match: bool = None
    key: str = None            # e.g. "EC-256", "RSA-2048"
    sig_alg: str = None
    expired: bool = False
    not_yet_valid: bool = False


@dataclass
class Scan:
    """sslscan's view: enabled protocol versions and preferred ciphers."""
    enabled: set = field(default_factory=set)     # {"TLSv1.0", ...}
    preferred: dict = field(default_factory=dict)  # version -> (cipher, bits)
    self_signed: bool = None
    expired: bool = None


def legacy_context():
    """A client context like the scanner's: any version, legacy ciphers, no trust."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.set_ciphers(LEGACY_CIPHERS)
    return ctx


def capabilities(resp):
    """EHLO reply text -> capability lines, greeting line excluded."""
    lines = resp.decode("utf-8", "replace").split("\n")
    return [l.strip() for l in lines[1:] if l.strip()]


def smtp_dialogue(ip, port):
    """Banner and EHLO lists via smtplib; STARTTLS on 25/587, implicit TLS on 465."""
    out = Smtp()
    if port == 465:
        s = smtplib.SMTP_SSL(local_hostname=EHLO_NAME, timeout=TOOL_TIMEOUT,
                             context=legacy_context())
    else:
        s = smtplib.SMTP(local_hostname=EHLO_NAME, timeout=TOOL_TIMEOUT)
    s._host = ip  # what connect() and starttls() use as the TLS peer name
    try:
        code, msg = s.connect(ip, port)
        out.banner_code = code
        out.banner = "\n".join(f"{code} {l}" for l in msg.decode().split("\n"))
        code, resp = s.ehlo()
        out.ehlo = capabilities(resp)
        out.starttls_offered = s.has_extn("starttls")
        if port != 465 and out.starttls_offered:
            s.starttls(context=legacy_context())
            code, resp = s.ehlo()
            out.ehlo_tls = capabilities(resp)
        s.quit()
    finally:
        s.close()
    return out


def auth_mechanisms(caps):
    """['AUTH PLAIN LOGIN', ...] -> ['PLAIN', 'LOGIN']."""
    for c in caps:
        parts = c.split()
        if parts and parts[0].upper() == "AUTH":
            return parts[1:]
    return []


def s_client(ip, port, servername, ca_file):
    """One handshake with openssl s_client; STARTTLS on 25/587."""
    cmd = [OPENSSL, "s_client", "-connect", f"{ip}:{port}", "-servername", servername,
           "-CAfile", ca_file, "-cipher", LEGACY_CIPHERS]
    if port != 465:
        cmd += ["-starttls", "smtp"]
    rc, text = run(cmd + ["-ign_eof"], b"QUIT\r\n")
    out = Tls()
    # The "New, TLSv1.0, Cipher is X" line names the cipher's minimum version,
    # not the negotiated one, so the version comes from an SSL-Session block
    # ("Protocol  : TLSv1.1"); with TLS 1.3 that block only appears when a
    # session ticket arrives, hence -ign_eof and a QUIT that makes the server
    # reply and close. A TLS 1.3 cipher implies TLS 1.3 in any case.
    new = re.search(r"^(?:New|Reused), (\S+), Cipher is (\S+)", text, re.M)
    if not new or new.group(2) == "(NONE)":
        return out, text
    sessions = re.findall(r"^\s*Protocol\s*: (\S+)", text, re.M)
    if sessions:
        out.version = sessions[-1]
    elif new.group(1) == "TLSv1.3":
        out.version = "TLSv1.3"
    else:
        return out, text
    out.cipher = new.group(2)
    out.bits = cipher_table().get(out.cipher, (None, None))[1]
    m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n", text, re.S)
    out.leaf_pem = m.group(0) if m else None
    m = re.search(r"Verify return code: (\d+)", text)
    out.verify_code = int(m.group(1)) if m else None
    if out.leaf_pem:
        describe_leaf(out, servername)
    return out, text


def describe_leaf(out, hostname):
    """Fingerprint, key, signature, self-signed, name and expiry via openssl x509."""
    pem = out.leaf_pem.encode()
    _, fp = run([OPENSSL, "x509", "-noout", "-fingerprint", "-sha256"], pem)
    out.sha256 = fp.strip().split("=", 1)[1].replace(":", "").lower()
    _, txt = run([OPENSSL, "x509", "-noout", "-text"], pem)
    bits = re.search(r"Public-Key: \((\d+) bit\)", txt).group(1)
    kind = "EC" if "id-ecPublicKey" in txt else "RSA"
    out.key = f"{kind}-{bits}"
    out.sig_alg = re.search(r"Signature Algorithm: (\S+)", txt).group(1)
    _, subj = run([OPENSSL, "x509", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253"], pem)
    names = dict(l.split("=", 1) for l in subj.strip().splitlines())
    out.self_signed = names.get("subject") == names.get("issuer")
    _, chk = run([OPENSSL, "x509", "-noout", "-checkhost", hostname], pem)
    out.name_match = "does NOT match" not in chk
    rc, _ = run([OPENSSL, "x509", "-noout", "-checkend", "0"], pem)
    out.expired = rc != 0
    _, start = run([OPENSSL, "x509", "-noout", "-startdate"], pem)
    not_before = datetime.datetime.strptime(start.strip().split("=", 1)[1], "%b %d %H:%M:%S %Y GMT")
    out.not_yet_valid = not_before > datetime.datetime.utcnow()


def sslscan(ip, port):
    """Protocol versions and preferred ciphers via sslscan --xml."""
    cmd = [SSLSCAN, "--xml=-", "--no-colour", "--no-heartbleed", "--no-renegotiation",
           "--no-fallback", "--no-compression", "--no-groups"]
    if port != 465:
        cmd.append("--starttls-smtp")
    rc, text = run(cmd + [f"{ip}:{port}"])
    xml = text[text.index("<?xml"):] if "<?xml" in text else "<document/>"
    doc = ET.fromstring(xml)
    out = Scan()
    for p in doc.iter("protocol"):
        if p.get("enabled") == "1":
            prefix = "SSLv" if p.get("type") == "ssl" else "TLSv"
            out.enabled.add(prefix + p.get("version"))
    for c in doc.iter("cipher"):
        if c.get("status") == "preferred":
            out.preferred[c.get("sslversion")] = (c.get("cipher"), int(c.get("bits")))
    ss = doc.find(".//self-signed")
    out.self_signed = ss is not None and ss.text == "true"
    ex = doc.find(".//expired")
    out.expired = ex is not None and ex.text == "true"
    return out


VERSION_ORDER = ["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]


def normalise_version(v):
    """openssl says TLSv1 where sslscan and the spec say TLSv1.0."""
    return "TLSv1.0" if v == "TLSv1" else v


def highest_enabled(scan):
    """The version a client offering everything negotiates, per sslscan."""
    for v in reversed(VERSION_ORDER):
        if v in scan.enabled:
            return v
    return None


_CIPHERS = {}


def cipher_table():
    """OpenSSL cipher name -> (IANA name, secret bits), from `openssl ciphers`."""
    if not _CIPHERS:
        _, text = run([OPENSSL, "ciphers", "-v", "-stdname", LEGACY_CIPHERS])
        for line in text.splitlines():
            parts = line.split()
            enc = re.search(r"Enc=[^(]*\((\d+)\)", line)
            if len(parts) >= 3 and parts[1] == "-" and enc:
                _CIPHERS[parts[2]] = (parts[0], int(enc.group(1)))
    return _CIPHERS


def expected_findings(port, smtp, tls, software_version_re):
    """Finding ids the spec demands, derived from the tools' observations only."""
    f = set()
    if not 200 <= smtp.banner_code < 300:
        f.add("smtp-rejects-clients")
    if software_version_re.search(smtp.banner):
        f.add("software-version-disclosed")
    if port != 465 and not smtp.starttls_offered:
        f.add("starttls-not-offered")
    if port != 465 and auth_mechanisms(smtp.ehlo):
        f.add("auth-before-tls")
    if tls is None or tls.version is None:
        return f
    if normalise_version(tls.version) in DEPRECATED_VERSIONS:
        f.add("tls-deprecated-version")
    if WEAK_CIPHER.search(tls.cipher) or (tls.bits is not None and tls.bits < 128):
        f.add("tls-weak-cipher")
    if tls.expired:
        f.add("cert-expired")
    if tls.not_yet_valid:
        f.add("cert-not-yet-valid")
    if tls.self_signed:
        f.add("cert-self-signed")
    elif tls.verify_code not in (0, None):
        f.add("cert-untrusted")
    if tls.name_match is False:
        f.add("cert-name-mismatch")
    kind, bits = tls.key.split("-")
    if (kind == "RSA" and int(bits) < 2048) or (kind == "EC" and int(bits) < 224):
        f.add("cert-weak-key")
    if re.search(r"md5|sha1With|ecdsa-with-SHA1\b", tls.sig_alg, re.I):
        f.add("cert-weak-signature")
    return f
