#!/usr/bin/env python3
"""Writes tests/report/sample.ndjson: ~30 realistic smtpsweep records (spec
shared/spec/interface.md) covering every status, STARTTLS outcome and
finding id, plus one hostile server whose banner and certificate carry markup.
Deterministic: rerun after changing it and commit the output."""
import json, random, sys

rnd = random.Random(7)
T = "2026-12-04T15:%02d:%02d.%03dZ"
ISSUERS = ["CN=R11,O=Let's Encrypt,C=US", "CN=R10,O=Let's Encrypt,C=US",
           "CN=Sectigo RSA Domain Validation Secure Server CA,O=Sectigo Limited,L=Salford,C=GB",
           "CN=GlobalSign GCC R6 AlphaSSL CA 2023,O=GlobalSign nv-sa,C=BE",
           "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US"]
SOFT = [("Postfix", None), ("Exim", "4.96"), ("Microsoft ESMTP MAIL Service", "10.0.17763.1"),
        ("Sendmail", "8.15.2"), ("OpenSMTPD", None), ("Exim", "4.94.2"), ("Postfix", None)]

def cert(host, issuer, not_after, self_signed=False, key="RSA-2048", sig="sha256WithRSAEncryption"):
    return {"subject": "CN=" + host, "issuer": ("CN=" + host) if self_signed else issuer,
            "san": [host], "not_before": "2025-01-01T00:00:00Z", "not_after": not_after,
            "sha256": "%064x" % rnd.getrandbits(256), "key": key, "sig_alg": sig,
            "self_signed": self_signed}

def rec(i, port, status="success", phase="quit", software=0, starttls="ok", version="TLSv1.3",
        issuer=0, not_after="2027-03-01T00:00:00Z", findings=(), error=None, host=None, **kw):
    ip = "198.18.%d.%d" % (1 + i // 10, 10 + i)
    host = host or "mx%d.mail%d.example.net" % (i, i % 4)
    r = {"ip": ip, "port": port, "status": status, "phase": phase,
         "time": T % (30 + i // 60, i % 60, rnd.randrange(1000)),
         "connect_ms": round(rnd.uniform(0.1, 40), 2), "duration_ms": round(rnd.uniform(5, 400), 1),
         "error": error}
    if status in ("refused", "unreachable") or (status == "timeout" and phase == "connect"):
        r["connect_ms"] = None
        r["findings"] = list(findings)
        return r
    prod, ver = SOFT[software % len(SOFT)]
    banner = kw.get("banner") or "220 %s ESMTP %s%s" % (host, prod, (" " + ver) if ver else "")
    smtp = {"banner": banner, "banner_code": kw.get("code", 220), "hostname": host,
            "software": {"product": prod, "version": ver},
            "ehlo": ["PIPELINING", "SIZE 52428800", "8BITMIME"] + (["STARTTLS"] if starttls != "not-offered" else []),
            "auth_before_tls": kw.get("auth", []), "ehlo_tls": None, "relay": kw.get("relay")}
    if port != 465:
        smtp["starttls"] = starttls
    r["smtp"] = smtp
    if version:
        smtp["ehlo_tls"] = ["PIPELINING", "AUTH PLAIN LOGIN"]
        r["tls"] = {"mode": "implicit" if port == 465 else "starttls", "version": version,
                    "cipher": kw.get("cipher", "TLS_AES_256_GCM_SHA384" if version == "TLSv1.3" else "ECDHE-RSA-AES256-GCM-SHA384"),
                    "certificates": [kw.get("leaf") or cert(host, ISSUERS[issuer % len(ISSUERS)], not_after)],
                    "verify": {"chain_valid": not any(f.startswith("cert-") for f in findings),
                               "error": None, "name_match": "cert-name-mismatch" not in findings}}
    r["findings"] = list(findings)
    if ver and "software-version-disclosed" not in r["findings"]:
        r["findings"].append("software-version-disclosed")
    return r

out = []
months = ["2025-11", "2026-02", "2026-06", "2026-11", "2027-01", "2027-02", "2027-03", "2027-05",
          "2027-06", "2027-09", "2027-12", "2028-03"]
for i in range(14):  # healthy servers on all three ports
    out.append(rec(i, [25, 587, 465][i % 3], software=i, issuer=i,
                   not_after=months[4 + i % 8] + "-%02dT12:00:00Z" % (1 + i)))
i = 14
def add(**kw):
    global i
    out.append(rec(i, **kw)); i += 1
add(port=25, starttls="not-offered", version=None, findings=["starttls-not-offered"], software=1)
add(port=587, starttls="not-offered", version=None, findings=["starttls-not-offered", "auth-before-tls"],
    auth=["PLAIN", "LOGIN"], software=3)
add(port=25, starttls="refused", version=None, findings=["starttls-failed"], software=2)
add(port=25, status="tls-error", phase="starttls", starttls="failed", version=None,
    findings=["starttls-failed"], error="tls handshake failed: unsupported protocol", software=3)
add(port=465, status="protocol-error", phase="tls", version=None, findings=["plaintext-on-implicit-tls"],
    error="port 465 answered with a plain SMTP banner", software=0)
add(port=25, version="TLSv1", cipher="DES-CBC3-SHA", findings=["tls-deprecated-version", "tls-weak-cipher"],
    software=3, issuer=2, not_after="2027-08-15T00:00:00Z")
add(port=587, version="TLSv1.1", findings=["tls-deprecated-version", "cert-expired"], software=5,
    not_after="2025-11-30T00:00:00Z", issuer=1)
add(port=25, version="TLSv1.2", findings=["cert-self-signed", "cert-name-mismatch", "cert-weak-key"],
    leaf=cert("localhost", "", "2030-01-01T00:00:00Z", True, key="RSA-1024"), software=4)
add(port=25, version="TLSv1.2", findings=["cert-untrusted", "cert-weak-signature", "cert-expired"],
    leaf=cert("mail.corp.example.org", "CN=Corp Internal CA,O=Example Corp", "2026-02-01T00:00:00Z", sig="sha1WithRSAEncryption"),
    software=2)
add(port=587, version="TLSv1.2", findings=["cert-not-yet-valid"], not_after="2028-03-01T00:00:00Z", software=6)
add(port=25, code=554, banner="554 5.7.1 mx.blocked.example.com No SMTP service here",
    starttls="not-offered", version=None, findings=["smtp-rejects-clients", "starttls-not-offered"], software=0)
add(port=25, version="TLSv1.2", findings=["open-relay", "cert-self-signed"], software=1,
    relay={"accepted": True, "mail_code": 250, "rcpt_code": 250, "reply": "250 2.1.5 Ok"},
    leaf=cert("relay.example.com", "", "2027-06-01T00:00:00Z", True))
add(port=25, host="<script>alert('xss')</script>.example.com",
    banner="220 <script>alert(\"banner\")</script> ESMTP <b>Evil</b>",
    leaf=cert("evil.example.com", "CN=\"><img src=x onerror=alert(1)>", "2027-02-01T00:00:00Z"),
    findings=["cert-untrusted", "cert-name-mismatch"], software=0)
for st, ph, err in [("refused", "connect", "connection refused"), ("timeout", "connect", "timeout during connect"),
                    ("unreachable", "connect", "no route to host"), ("timeout", "ehlo", "timeout during ehlo"),
                    ("io-error", "banner", "connection reset during banner")]:
    add(port=[25, 587, 465][i % 3], status=st, phase=ph, error=err, version=None, starttls=None)
json.dump  # keep linters quiet
with open(sys.argv[1] if len(sys.argv) > 1 else "sample.ndjson", "w") as f:
    for r in out:
        if "smtp" in r and r["smtp"].get("starttls", 1) is None:
            del r["smtp"]["starttls"]
        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    f.write("this line is not json\n")
    f.write('{"ip":"198.18.9.9","port":25}\n')
