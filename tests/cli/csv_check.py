#!/usr/bin/env python3
"""csv_check.py: read a quotepart CSV as a spreadsheet would, with Python's
csv module, and say what a French LibreOffice would get wrong.

    csv_check.py FILE [--sum-col COL --type T[,T...] --equals E]

FILE starts with a UTF-8 byte order mark, cells are separated by ';'. The
file must be one header row, then data rows all as wide as the header (no
note or audit row); no cell may be a bare fraction (1/3 becomes a date) or
a number with a decimal point (text to a French spreadsheet), no date other
than ISO YYYY-MM-DD; a column whose header says amount, montant or ends in
_eur holds only numbers with a decimal comma (-12,34), no thousands
separator; a column named type is the first.

--sum-col COL --type member --equals total: the rows whose type (first
column) is one of T add up, in column COL, to the rows of type E (or to
the number E, written 1234,56). Prints nothing and exits 0 when all holds;
otherwise prints each fault, "FILE:LINE: what", and exits 1.
"""
import argparse
import csv
import io
import re
import sys
from decimal import Decimal

FRACTION = re.compile(r'^-?\d+/\d+$')
POINT_DECIMAL = re.compile(r'^-?\d+\.\d+$')
DATE_LIKE = re.compile(r'^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$')
TIME_LIKE = re.compile(r'^\d{1,2}:\d{2}(:\d{2})?$')
ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
COMMA_NUMBER = re.compile(r'^-?\d+(,\d+)?$')
MONEY_HEADER = re.compile(r'amount|montant|_eur$|^eur$')


def number(cell):
    return Decimal(cell.replace(',', '.'))


def read(path, faults):
    data = open(path, 'rb').read()
    if not data.startswith(b'\xef\xbb\xbf'):
        faults.append('%s:1: no UTF-8 byte order mark' % path)
    text = data.decode('utf-8-sig')
    rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=';'))
    if not rows:
        faults.append('%s: empty file' % path)
    return rows


def check_rows(path, rows, faults):
    header = rows[0]
    width = len(header)
    if 'type' in header and header.index('type') != 0:
        faults.append('%s:1: the type column is not the first' % path)
    for name in header:
        if not name or ' ' in name:
            faults.append('%s:1: header "%s" is empty or has a space' % (path, name))
    money = [i for i, h in enumerate(header) if MONEY_HEADER.search(h)]
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            faults.append('%s:%d: %d cells, the header has %d' % (path, n, len(row), width))
            continue
        if row and row[0].startswith('#'):
            faults.append('%s:%d: a note row among the data' % (path, n))
        for i, cell in enumerate(row):
            where = '%s:%d: %s "%s"' % (path, n, header[i], cell)
            if FRACTION.match(cell):
                faults.append(where + ': a bare fraction (a date to a spreadsheet)')
            elif POINT_DECIMAL.match(cell):
                faults.append(where + ': a decimal point (text in French)')
            elif DATE_LIKE.match(cell) and not ISO_DATE.match(cell):
                faults.append(where + ': a date that is not YYYY-MM-DD')
            elif TIME_LIKE.match(cell):
                faults.append(where + ': read as a time')
            if i in money and cell != '' and not COMMA_NUMBER.match(cell):
                faults.append(where + ': not an amount with a decimal comma')


def check_sum(path, rows, args, faults):
    header = rows[0]
    if args.sum_col not in header:
        faults.append('%s:1: no column %s' % (path, args.sum_col))
        return
    col = header.index(args.sum_col)
    types = args.type.split(',')
    data = [r for r in rows[1:] if len(r) == len(header)]
    try:
        got = sum((number(r[col]) for r in data if r[0] in types and r[col]), Decimal(0))
        if COMMA_NUMBER.match(args.equals):
            want = number(args.equals)
        else:
            want_rows = [r for r in data if r[0] == args.equals]
            if not want_rows:
                faults.append('%s: no row of type %s' % (path, args.equals))
                return
            want = sum((number(r[col]) for r in want_rows if r[col]), Decimal(0))
    except ArithmeticError:
        faults.append('%s: column %s is not all numbers' % (path, args.sum_col))
        return
    if not any(r[0] in types for r in data):
        faults.append('%s: no row of type %s' % (path, args.type))
    elif got != want:
        faults.append('%s: %s of the %s rows add up to %s, not %s' %
                      (path, args.sum_col, args.type, got, want))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('file')
    p.add_argument('--sum-col')
    p.add_argument('--type', default='member')
    p.add_argument('--equals', default='total')
    args = p.parse_args()
    faults = []
    rows = read(args.file, faults)
    if rows:
        check_rows(args.file, rows, faults)
        if args.sum_col:
            check_sum(args.file, rows, args, faults)
    for f in faults[:20]:
        print(f)
    if len(faults) > 20:
        print('%s: %d more' % (args.file, len(faults) - 20))
    return 1 if faults else 0


if __name__ == '__main__':
    sys.exit(main())
