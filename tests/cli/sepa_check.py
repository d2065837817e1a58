#!/usr/bin/env python3
"""sepa_check.py FILE.xml DATE: an independent reader of quotepart's SEPA
credit transfer file (pain.001.001.03). It checks what a bank checks
before taking the file: the namespace; NbOfTxs and CtrlSum of the group
header and of the payment against the transactions (summed in cents,
never in floating point); amounts of more than 0 with two decimals and
a dot, in euros; unique EndToEndIds; every IBAN's length and mod-97
key; BICs of 8 or 11; the requested execution date; and every text in
SEPA's Latin character set within the scheme's lengths. Prints
"ok: N transfers, CENTS cents" or the problems, one a line (exit 1)."""
import re
import sys
import xml.etree.ElementTree as ET

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
LATIN = re.compile(r"^[A-Za-z0-9/\-?:().,'+ ]*$")
LIMITS = {"MsgId": 35, "PmtInfId": 35, "EndToEndId": 35, "Nm": 70, "Ustrd": 140}
problems = []


def q(path):
    return "/".join("{%s}%s" % (NS, p) for p in path.split("/"))


def one(node, path):
    found = node.findall(q(path))
    if len(found) != 1:
        problems.append("%d %s, not one" % (len(found), path))
        return ""
    return (found[0].text or "").strip()


def cents(text, where):
    if not re.fullmatch(r"[0-9]+\.[0-9]{2}", text):
        problems.append("%s: amount %r is not digits, a dot and two decimals" % (where, text))
        return 0
    units, dec = text.split(".")
    return int(units) * 100 + int(dec)


def iban_ok(iban):
    lengths = {"FR": 27, "DE": 22, "BE": 16, "ES": 24, "IT": 27, "MC": 27, "LU": 20, "NL": 18, "GB": 22, "CH": 21}
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", iban):
        return False
    if iban[:2] in lengths and len(iban) != lengths[iban[:2]]:
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def main():
    path, date = sys.argv[1], sys.argv[2]
    root = ET.parse(path).getroot()
    if root.tag != "{%s}Document" % NS:
        problems.append("root %s, not a pain.001.001.03 Document" % root.tag)
    init = root.find(q("CstmrCdtTrfInitn"))
    if init is None:
        print("no CstmrCdtTrfInitn")
        return 1
    pmts = init.findall(q("PmtInf"))
    if len(pmts) != 1:
        problems.append("%d PmtInf, not one" % len(pmts))
    pmt = pmts[0]
    txs = pmt.findall(q("CdtTrfTxInf"))
    total = 0
    ids = set()
    for i, tx in enumerate(txs, 1):
        where = "transfer %d" % i
        amt = tx.findall(q("Amt/InstdAmt"))
        if len(amt) != 1 or amt[0].get("Ccy") != "EUR":
            problems.append("%s: not one InstdAmt in EUR" % where)
            continue
        c = cents((amt[0].text or "").strip(), where)
        if c <= 0:
            problems.append("%s: an amount of 0 or less" % where)
        total += c
        e2e = one(tx, "PmtId/EndToEndId")
        if e2e in ids:
            problems.append("%s: EndToEndId %s twice" % (where, e2e))
        ids.add(e2e)
        if not iban_ok(one(tx, "CdtrAcct/Id/IBAN")):
            problems.append("%s: IBAN %s fails its key or length" % (where, one(tx, "CdtrAcct/Id/IBAN")))
        for bic in tx.findall(q("CdtrAgt/FinInstnId/BIC")):
            if not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", bic.text or ""):
                problems.append("%s: BIC %s" % (where, bic.text))
        one(tx, "Cdtr/Nm")
        one(tx, "RmtInf/Ustrd")
    n = len(txs)
    for where, node in (("GrpHdr", init.find(q("GrpHdr"))), ("PmtInf", pmt)):
        if one(node, "NbOfTxs") != str(n):
            problems.append("%s: NbOfTxs %s, but %d transfers" % (where, one(node, "NbOfTxs"), n))
        if cents(one(node, "CtrlSum"), where) != total:
            problems.append("%s: CtrlSum %s, but the transfers add up to %d cents" % (where, one(node, "CtrlSum"), total))
    for path_, want in (("PmtMtd", "TRF"), ("PmtTpInf/SvcLvl/Cd", "SEPA"), ("ChrgBr", "SLEV"), ("ReqdExctnDt", date)):
        if one(pmt, path_) != want:
            problems.append("PmtInf/%s is %s, not %s" % (path_, one(pmt, path_), want))
    if not iban_ok(one(pmt, "DbtrAcct/Id/IBAN")):
        problems.append("the debtor's IBAN fails its key or length")
    one(pmt, "DbtrAgt/FinInstnId/BIC")
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in LIMITS:
            text = el.text or ""
            if not LATIN.match(text):
                problems.append("%s %r has characters outside the SEPA set" % (tag, text))
            if not 0 < len(text) <= LIMITS[tag]:
                problems.append("%s %r: length %d, not 1 to %d" % (tag, text, len(text), LIMITS[tag]))
    for p in problems:
        print(p)
    if problems:
        return 1
    print("ok: %d transfers, %d cents" % (n, total))
    return 0


sys.exit(main())
