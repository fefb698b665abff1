"""Strict checks of one scan's output bytes for the hostile-server suite:
NDJSON must be strict UTF-8, JSON without raw control characters or lone
surrogates, and valid against docs/record.schema.json; CSV must be strict
UTF-8 without NUL, parse with the csv module, have as many cells as header
columns and no live spreadsheet formula."""
import csv
import io
import json

# Spreadsheet formula triggers (OWASP "CSV injection"): a cell starting with
# one of these must come out neutralised (a leading apostrophe).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Whatever a peer sends (10 MB lines, 10,000 SANs, 100 certificates), one
# record stays far below this.
MAX_RECORD_BYTES = 1024 * 1024


def ndjson_record(out, validator):
    """The single record of an NDJSON scan, checked strictly: the bytes are
    UTF-8, the line is JSON without raw control characters or lone surrogates,
    and it satisfies the schema."""
    assert len(out) < MAX_RECORD_BYTES, f"record of {len(out)} bytes"
    text = out.decode("utf-8")  # strict: raises on any invalid byte
    lines = text.splitlines()
    assert len(lines) == 1, f"expected exactly one record, got {len(lines)}: {text[:2000]!r}"
    assert text.endswith("\n")
    rec = json.loads(lines[0])  # strict=True: raw control characters are errors
    json.dumps(rec, ensure_ascii=False).encode("utf-8")  # raises on lone surrogates
    errors = sorted(validator.iter_errors(rec), key=str)
    assert not errors, f"{rec}\nviolates the schema: {errors[0].message}"
    if rec["status"] != "success":
        assert rec.get("error"), f"failed record without error text: {rec}"
    return rec


def is_number(cell):
    try:
        float(cell)
        return True
    except ValueError:
        return False


def csv_row(out):
    """The single row of a CSV scan as {column: cell}, checked: strict UTF-8,
    no NUL, parsable, every row as wide as the header, no live formula."""
    assert len(out) < MAX_RECORD_BYTES, f"CSV of {len(out)} bytes"
    assert b"\x00" not in out, "NUL byte in CSV output"
    text = out.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert len(rows) == 2, f"expected header + one row, got {len(rows)} rows: {text[:2000]!r}"
    header, row = rows
    assert len(row) == len(header), f"{len(row)} cells for {len(header)} columns: {row}"
    for name, cell in zip(header, row):
        assert not (cell.startswith(FORMULA_START) and not is_number(cell)), \
            f"live formula in CSV column {name}: {cell!r}"
    return dict(zip(header, row))
