"""Real Postfix, established tools, and the scanner must tell the same story.

Two layers, per lab target (ip, port):
1. the tools (smtplib, openssl s_client/x509/verify, sslscan) see the lab as
   postfix_lab.sh configured it (so the lab and the tools are trustworthy);
2. the scanner's NDJSON record agrees with the tools field by field, and its
   findings equal the ids derived from the tools' observations
   (docs/accuracy.md explains each rule). Runs only inside scripts/sandbox.
"""
import os
import re

import pytest

import mta_tools as mt
from conftest import TARGETS

MX1, MX2 = "198.18.9.1", "198.18.9.2"
AUTH = ["PLAIN", "LOGIN"]
VERSION_DISCLOSED = re.compile(r"Postfix \d+\.\d+")

# How postfix_lab.sh configured each target: the ground truth.
LAB = {
    (MX1, 25): dict(host="mx1.lab.test", cert="valid", starttls=True, auth_plain=[],
                    auth_tls=[], version="TLSv1.3", verify=0, findings=set()),
    (MX1, 587): dict(host="mx1.lab.test", cert="valid", starttls=True, auth_plain=[],
                     auth_tls=AUTH, version="TLSv1.3", verify=0, findings=set()),
    (MX1, 465): dict(host="mx1.lab.test", cert="valid", starttls=None, auth_plain=None,
                     auth_tls=AUTH, version="TLSv1.3", verify=0, findings=set()),
    (MX2, 25): dict(host="mx2.lab.test", cert="selfsigned", starttls=True, auth_plain=AUTH,
                    auth_tls=AUTH, version="TLSv1.3", verify=18,
                    findings={"auth-before-tls", "cert-self-signed", "cert-name-mismatch",
                              "software-version-disclosed"}),
    (MX2, 587): dict(host="mx2.lab.test", cert=None, starttls=False, auth_plain=AUTH,
                     auth_tls=None, version=None, verify=None,
                     findings={"starttls-not-offered", "auth-before-tls",
                               "software-version-disclosed"}),
    (MX2, 465): dict(host="mx2.lab.test", cert="selfsigned", starttls=None, auth_plain=None,
                     auth_tls=AUTH, version="TLSv1.1", verify=18,
                     findings={"tls-deprecated-version", "cert-self-signed",
                               "cert-name-mismatch", "software-version-disclosed"}),
}
IDS = [f"{ip}:{port}" for ip, port in TARGETS]


def cert_fingerprint(certs, name):
    with open(os.path.join(certs, name + ".pem"), "rb") as f:
        pem = re.search(rb"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n",
                        f.read(), re.S).group(0)
    _, fp = mt.run([mt.OPENSSL, "x509", "-noout", "-fingerprint", "-sha256"], pem)
    return fp.strip().split("=", 1)[1].replace(":", "").lower()


def tls_caps(port, smtp):
    """Capabilities on the encrypted session (465: the only EHLO)."""
    return smtp.ehlo if port == 465 else smtp.ehlo_tls


def tool_findings(target, observations):
    smtp, tls, _, _ = observations[target]
    return mt.expected_findings(target[1], smtp, tls, VERSION_DISCLOSED)


# ---- layer 1: the tools see the lab as configured ------------------------------

@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_smtplib_sees_the_configured_dialogue(target, observations, mail_version):
    want = LAB[target]
    smtp = observations[target][0]
    assert smtp.banner_code == 220
    banner = f"220 {want['host']} ESMTP Postfix"
    if target[0] == MX2:
        banner += f" {mail_version}"
    assert smtp.banner == banner
    if target[1] != 465:
        assert smtp.starttls_offered == want["starttls"]
        assert mt.auth_mechanisms(smtp.ehlo) == want["auth_plain"]
    caps = tls_caps(target[1], smtp)
    if want["auth_tls"] is None:
        assert caps is None
    else:
        assert mt.auth_mechanisms(caps) == want["auth_tls"]
        assert "STARTTLS" not in caps


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_openssl_and_sslscan_agree_on_the_configured_tls(target, observations, certs):
    want = LAB[target]
    smtp, tls, text, scan = observations[target]
    if want["version"] is None:
        assert tls is None and scan is None
        return
    assert tls.version is not None, f"s_client handshake failed:\n{text[-3000:]}"
    assert mt.normalise_version(tls.version) == want["version"]
    assert mt.highest_enabled(scan) == want["version"], f"sslscan saw {scan.enabled}"
    assert scan.preferred[want["version"]][0] == tls.cipher
    assert tls.sha256 == cert_fingerprint(certs, want["cert"])
    assert tls.verify_code == want["verify"]
    assert scan.self_signed == tls.self_signed == (want["cert"] == "selfsigned")
    assert scan.expired is False and tls.expired is False and tls.not_yet_valid is False
    assert tls.key == "EC-256" and tls.sig_alg == "ecdsa-with-SHA256"


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_findings_derived_from_tools_match_the_lab(target, observations):
    assert tool_findings(target, observations) == LAB[target]["findings"]


# ---- layer 2: the scanner agrees with the tools --------------------------------

def test_scanner_writes_exactly_one_record_per_target(records):
    assert sorted(records) == sorted(TARGETS)


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_scanner_smtp_fields_match_smtplib(target, records, observations, mail_version):
    rec, (smtp, tls, _, _) = records[target], observations[target]
    port = target[1]
    assert rec["status"] == "success", rec.get("error")
    assert rec["phase"] == "quit"
    s = rec["smtp"]
    assert s["banner"] == smtp.banner
    assert s["banner_code"] == smtp.banner_code
    assert s["hostname"] == LAB[target]["host"]
    assert s["software"]["product"] == "Postfix"
    assert s["software"].get("version") == (mail_version if target[0] == MX2 else None)
    if port == 465:
        assert s.get("starttls") is None
        caps = s.get("ehlo_tls") or s.get("ehlo")
        assert caps == smtp.ehlo
        assert s["auth_before_tls"] == []
    else:
        assert s["ehlo"] == smtp.ehlo
        assert s["auth_before_tls"] == mt.auth_mechanisms(smtp.ehlo)
        assert s["starttls"] == ("ok" if smtp.starttls_offered else "not-offered")
        assert s.get("ehlo_tls") == smtp.ehlo_tls


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_scanner_tls_fields_match_openssl(target, records, observations):
    rec, (smtp, tls, _, _) = records[target], observations[target]
    if tls is None:
        assert rec.get("tls") is None or rec["tls"].get("version") is None
        return
    t = rec["tls"]
    assert t["mode"] == ("implicit" if target[1] == 465 else "starttls")
    assert mt.normalise_version(t["version"]) == mt.normalise_version(tls.version)
    iana = mt.cipher_table().get(tls.cipher, (tls.cipher,))[0]
    assert t["cipher"] in (tls.cipher, iana)
    leaf = t["certificates"][0]
    assert leaf["sha256"].lower() == tls.sha256
    assert leaf["key"] == tls.key
    assert leaf["sig_alg"] == tls.sig_alg
    assert leaf["self_signed"] == tls.self_signed
    assert t["verify"]["chain_valid"] == (tls.verify_code == 0)
    assert t["verify"]["name_match"] == tls.name_match


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
def test_scanner_findings_match_tools(target, records, observations):
    got = records[target]["findings"]
    assert len(got) == len(set(got)), f"duplicate finding ids: {got}"
    assert set(got) == tool_findings(target, observations)
