#!/usr/bin/env python3
"""Browser test for `smtpsweep report` (issue 7): builds a report from the
committed sample (NDJSON, and the same records as a SQLite database), renders
it in headless Chromium with background networking off, and checks that the
screenshot is a real picture (decoded here with zlib, no PIL) and that the
DOM has every section and no live markup from hostile records.
Usage: render_test.py SMTPSWEEP SAMPLE.ndjson WORKDIR. Exit 77 = skipped
(no chromium)."""
import os, shutil, sqlite3, subprocess, sys, tempfile, zlib

SKIP = 77
HEADINGS = ["Summary", "Probe outcomes", "TLS versions", "STARTTLS support by port", "Findings",
            "Certificate issuers", "Certificate expiry", "Software", "Worst hosts"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio"]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def chromium(args, profile):
    cmd = [BROWSER] + FLAGS + ["--user-data-dir=" + profile] + args
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_pixels(path):
    """(width, height, set of distinct pixels) of an 8-bit RGB/RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h = int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big")
    depth, ctype = ihdr[8], ihdr[9]
    if depth != 8 or ctype not in (2, 6):
        fail("unexpected PNG format depth=%d type=%d" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours = bytearray(stride), set()
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                c = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + paeth(a, prev[i], c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 2))
        prev = line
    return w, h, colours


def make_sqlite(sample, db):
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE records (ip TEXT, port INTEGER, record TEXT NOT NULL)")
    con.executemany("INSERT INTO records (record) VALUES (?)",
                    [(l.rstrip("\n"),) for l in open(sample, encoding="utf-8")])
    con.commit()
    con.close()


def main():
    exe, sample, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    html, db = os.path.join(work, "report.html"), os.path.join(work, "sample.db")
    r = subprocess.run([exe, "report", sample, "-o", html, "--title", "Lab survey"])
    if r.returncode != 0:
        fail("report from NDJSON exited %d" % r.returncode)
    if os.path.exists(db):
        os.remove(db)
    make_sqlite(sample, db)
    if subprocess.run([exe, "report", db, "-o", html + ".db.html", "--title", "Lab survey"]).returncode:
        fail("report from SQLite failed")
    strip = lambda t: t.split("</header>", 1)[-1]  # the header names the source file
    if strip(open(html).read()) != strip(open(html + ".db.html").read()):
        fail("NDJSON and SQLite inputs gave different reports")
    if subprocess.run([exe, "report", os.path.join(work, "missing.ndjson")]).returncode != 2:
        fail("unreadable input must exit 2")
    if BROWSER is None:
        print("SKIP: chromium is not installed (apt-get install -y chromium)")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as profile:
        png = os.path.join(work, "report.png")
        if os.path.exists(png):
            os.remove(png)
        chromium(["--screenshot=" + png, "--window-size=1280,2000", "file://" + html], profile)
        if not os.path.exists(png) or os.path.getsize(png) < 20000:
            fail("no screenshot, or a tiny one")
        w, h, colours = png_pixels(png)
        print("screenshot %dx%d, %d bytes, %d distinct colours" % (w, h, os.path.getsize(png), len(colours)))
        if (w, h) != (1280, 2000) or len(colours) < 50:
            fail("screenshot looks blank")
        for name, rgb in [("header", "0f172a"), ("green bars", "16a34a"), ("red bars", "dc2626"),
                          ("blue bars", "2563eb"), ("purple bars", "7c3aed")]:
            if bytes.fromhex(rgb) not in colours:
                fail("the %s colour #%s is not on screen" % (name, rgb))
        dom = chromium(["--dump-dom", "file://" + html], profile).stdout
    for heading in HEADINGS:
        if "<h2>%s</h2>" % heading not in dom:
            fail("rendered DOM lacks the section " + heading)
    if "<script" in dom or "<img" in dom:
        fail("hostile markup from a record became live in the DOM")
    if "&lt;script&gt;alert('xss')&lt;/script&gt;" not in dom:
        fail("the hostile hostname is not shown as text")
    if dom.count("<svg") < 7 or dom.count('class="bar"') < 40:
        fail("charts missing from the DOM")
    print("ok")


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if __name__ == "__main__":
    main()
