"""Each test persona (tests/responder/personas.json) scanned by the real
smtpsweep: the record must carry exactly the status, phase, STARTTLS
outcome, TLS facts and findings the persona's "expect" block names,
including the negatives (a clean server has findings == [])."""
import errno
import os
import socket

import pytest

import lab

PERSONAS = lab.load_personas()
LIVE = [p for p in PERSONAS if p.get("serve", True)]
CASES = [(p, port) for p in PERSONAS if p.get("expect") for port in p["ports"]]
BASE = ["--timeout", "3", "--connect-timeout", "2", "-o", "-"]


@pytest.fixture(scope="module")
def responder():
    with lab.Responder(LIVE) as r:
        yield r


def accepted(expected, actual):
    return actual in expected if isinstance(expected, list) else actual == expected


def check(rec, exp):
    """Compare one record with a persona's expect block (keys: personas.json)."""
    smtp, tls = rec.get("smtp") or {}, rec.get("tls") or {}
    verify = tls.get("verify") or {}
    actual = {"status": rec["status"], "phase": rec["phase"], "starttls": smtp.get("starttls"),
              "mode": tls.get("mode"), "tls_version": tls.get("version"),
              "chain_valid": verify.get("chain_valid"), "name_match": verify.get("name_match"),
              "banner_code": smtp.get("banner_code"), "software": smtp.get("software")}
    for key, value in actual.items():
        if key in exp:
            assert accepted(exp[key], value), f"{key}: expected {exp[key]!r}, got {value!r}\n{rec}"
    if "findings" in exp:
        assert sorted(rec["findings"]) == sorted(exp["findings"]), rec
    if "certificates" in exp:
        assert len(tls.get("certificates") or []) == exp["certificates"], rec
    if "ehlo_tls_lacks" in exp:
        injected = [c for c in smtp.get("ehlo_tls") or [] if exp["ehlo_tls_lacks"] in c]
        assert not injected, f"injected bytes taken as a reply: {rec}"


def assert_unreachable_is_safe(address):
    """192.0.2.1 is scanned on purpose, only when no packet can leave."""
    assert lab.sandbox_problem() is None
    s = socket.socket()
    try:
        assert s.connect_ex((address, 25)) == errno.ENETUNREACH
    finally:
        s.close()


@pytest.mark.parametrize("persona,port", CASES,
                         ids=[f"{p['name']}:{port}" for p, port in CASES])
def test_scan_of_persona_reports_its_expected_record(responder, scanner, validate, persona,
                                                     port):
    if persona["name"] == "unreachable":
        assert_unreachable_is_safe(persona["address"])
    exp = persona["expect"]
    args = ["-p", str(port), "--ca-file", scanner.ca] + exp.get("args", []) + BASE
    records = scanner.scan(args + [persona["address"]])
    assert len(records) == 1, records
    rec = records[0]
    assert (rec["ip"], rec["port"]) == (persona["address"], port)
    check(rec, exp)
    validate(records)


def test_one_concurrent_scan_of_every_persona_gives_the_same_records(responder, scanner,
                                                                      validate):
    lab_personas = [p for p in PERSONAS if p["address"].startswith("198.18.7.")]
    addresses = [p["address"] for p in lab_personas]
    args = ["-p", "25,465,587", "--ca-file", scanner.ca, "--relay-check", "-c", "200"] + BASE
    records = scanner.scan(args + addresses)
    got = {(r["ip"], r["port"]): r for r in records}
    assert len(got) == len(records) == 3 * len(addresses)
    for p in lab_personas:
        for port in (25, 465, 587):
            rec = got[(p["address"], port)]
            if port in p["ports"] and p.get("serve", True):
                check(rec, p["expect"])
            else:
                assert (rec["status"], rec["phase"]) == ("refused", "connect"), rec
    validate(records)
