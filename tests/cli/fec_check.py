#!/usr/bin/env python3
"""fec_check.py: an independent reader of a FEC file (article A47 A-1 of
the LPF), written from the norm, not from quotepart's code.

Usage: fec_check.py FEC YEAR [BALANCES.csv]

Checks the header and its 18 columns in order, 18 tab-separated fields
on every line, UTF-8, LF line ends, dates AAAAMMJJ within the year,
amounts with a decimal comma (no thousands separator, never negative,
one side 0,00), EcritureNum continuous from 1 with non-decreasing dates,
every entry balanced to the cent, and, with BALANCES.csv (lines "CODE;
cents"), that each member's auxiliary account balance (credit - debit)
equals what was approved and not paid. Prints "ok N entries" or the
first faults and exits 1."""
import datetime
import re
import sys

COLUMNS = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
           "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib",
           "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"]
AMOUNT = re.compile(r"^(0|[1-9][0-9]*),[0-9]{2}$")
faults = []


def fault(line, what):
    faults.append("line %d: %s" % (line, what))


def cents(text, line, col):
    if not AMOUNT.match(text):
        fault(line, "%s %r is not an amount like 1234,56" % (col, text))
        return 0
    whole, dec = text.split(",")
    return int(whole) * 100 + int(dec)


def day(text, line, col, year, required=True):
    if text == "" and not required:
        return None
    try:
        d = datetime.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        fault(line, "%s %r is not a date AAAAMMJJ" % (col, text))
        return None
    if len(text) != 8 or d.year != year:
        fault(line, "%s %s is not in %d" % (col, text, year))
    return d


def read(path, year):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fault(1, "a byte order mark")
    if b"\r" in raw:
        fault(1, "a CR: the lines end with LF")
    text = raw.decode("utf-8")
    if not text.endswith("\n"):
        fault(1, "the last line has no end")
    lines = text.split("\n")[:-1]
    if not lines or lines[0].split("\t") != COLUMNS:
        fault(1, "the header is not the 18 columns in order")
        return []
    rows = []
    for i, l in enumerate(lines[1:], start=2):
        f = l.split("\t")
        if len(f) != 18:
            fault(i, "%d fields, not 18" % len(f))
            continue
        r = dict(zip(COLUMNS, f))
        r["line"] = i
        r["debit"] = cents(r["Debit"], i, "Debit")
        r["credit"] = cents(r["Credit"], i, "Credit")
        if (r["debit"] == 0) == (r["credit"] == 0):
            fault(i, "one of Debit and Credit must be 0,00, the other not")
        r["date"] = day(r["EcritureDate"], i, "EcritureDate", year)
        day(r["PieceDate"], i, "PieceDate", year)
        day(r["ValidDate"], i, "ValidDate", year)
        for col in ("JournalCode", "JournalLib", "EcritureNum", "CompteNum", "CompteLib",
                    "PieceRef", "EcritureLib"):
            if r[col] == "":
                fault(i, "%s is empty" % col)
        if (r["CompAuxNum"] == "") != (r["CompAuxLib"] == ""):
            fault(i, "CompAuxNum and CompAuxLib go together")
        rows.append(r)
    return rows


def entries(rows):
    """Entries by EcritureNum: continuous from 1, dates non-decreasing,
    each balanced, one journal and one date each."""
    by = {}
    order = []
    for r in rows:
        if not r["EcritureNum"].isdigit():
            fault(r["line"], "EcritureNum %r is not a number" % r["EcritureNum"])
            continue
        n = int(r["EcritureNum"])
        if n not in by:
            order.append(n)
            by[n] = []
        elif order[-1] != n:
            fault(r["line"], "entry %d is split" % n)
        by[n].append(r)
    if order != list(range(1, len(order) + 1)):
        fault(1, "EcritureNum is not 1, 2, ... in order")
    last = None
    for n in order:
        e = by[n]
        if sum(r["debit"] for r in e) != sum(r["credit"] for r in e):
            fault(e[0]["line"], "entry %d does not balance" % n)
        if len({(r["JournalCode"], r["EcritureDate"], r["PieceRef"]) for r in e}) != 1:
            fault(e[0]["line"], "entry %d mixes journals, dates or pieces" % n)
        if len(e) < 2:
            fault(e[0]["line"], "entry %d has one line" % n)
        d = e[0]["date"]
        if d and last and d < last:
            fault(e[0]["line"], "entry %d goes back in time" % n)
        last = d or last
    return len(order)


def balances(rows, path):
    """Members' auxiliary accounts (credit - debit) against what was
    approved and not paid, "CODE;cents" per line (members at 0 may be
    left out)."""
    want = {}
    for l in open(path, encoding="utf-8"):
        code, c = l.strip().split(";")
        if int(c):
            want[code] = int(c)
    got = {}
    for r in rows:
        if r["CompAuxNum"]:
            got[r["CompAuxNum"]] = got.get(r["CompAuxNum"], 0) + r["credit"] - r["debit"]
    got = {k: v for k, v in got.items() if v}
    if got != want:
        for k in sorted(set(got) | set(want)):
            if got.get(k, 0) != want.get(k, 0):
                fault(1, "member %s: the journal owes %d cents, the reports %d"
                      % (k, got.get(k, 0), want.get(k, 0)))


def main():
    path, year = sys.argv[1], int(sys.argv[2])
    rows = read(path, year)
    n = entries(rows)
    if len(sys.argv) > 3:
        balances(rows, sys.argv[3])
    if faults:
        print("\n".join(faults[:20]))
        sys.exit(1)
    print("ok %d entries" % n)


main()
