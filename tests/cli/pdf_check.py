#!/usr/bin/env python3
"""pdf_check.py: read a PDF back through `pdftotext -bbox-layout` and check
that a person could hand it out: on every page no two words overlap, no
word goes off the page, no ellipsis "…" cuts a word (an amount, a code, a
name: quotepart never shortens text with one). Optionally:

  --sections REGEX   every page's footer says "page I of N" (French: "page
                     I sur N"), numbered from 1 in each section; REGEX (one
                     group) finds the section's name on its first page, and
                     every later page of the section names it too.
  --table-header W   every page that holds a table row (a line with at
                     least three amounts) shows, above its first such row,
                     a header line: one with the word W and no amount.
  --min-pages N      the document has at least N pages.

Prints one line per problem and exits 1 if there is any, 0 otherwise.
"""
import argparse
import html
import re
import subprocess
import sys

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
LINE = re.compile(r'<line[^>]*>(.*?)</line>', re.S)
# An amount: digits with two decimals after a point or a comma, with or
# without the euro sign and the grouping spaces (U+202F, U+00A0).
AMOUNT = re.compile(r'\d[.,]\d\d(?!\d)')
PAGE_OF = re.compile(r'page (\d+) (?:of|sur) (\d+)')
EPS = 0.3


def words_of(xml):
    return [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(xml)]


def rows_of(words):
    """The words grouped by the row they sit on across the page (pdftotext
    may put a table's columns in blocks of their own), top to bottom."""
    rows = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        if rows and abs(rows[-1][0][1] - w[1]) < 2.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows


def check_page(n, width, height, body, args, problems, sections):
    words = words_of(body)
    lines = [words_of(l) for l in LINE.findall(body)]
    rows = rows_of(words)
    for x0, y0, x1, y1, t in words:
        if x0 < -EPS or y0 < -EPS or x1 > width + EPS or y1 > height + EPS:
            problems.append('page %d: "%s" is off the page (%.1f,%.1f)-(%.1f,%.1f)' % (n, t, x0, y0, x1, y1))
        if '…' in t:
            what = 'an amount' if re.search(r'\d', t) else 'a word'
            problems.append('page %d: %s cut with an ellipsis: "%s"' % (n, what, t))
    for line in lines:
        for i in range(1, len(line)):
            if '…' in line[i][4] and re.search(r'\d', line[i - 1][4]):
                problems.append('page %d: an ellipsis after the amount "%s"' % (n, line[i - 1][4]))
    # Overlaps: words sorted by their left edge, each against those that
    # start before it ends.
    ws = sorted(words)
    for i, (x0, y0, x1, y1, t) in enumerate(ws):
        for j in range(i + 1, len(ws)):
            u0, v0, u1, v1, s = ws[j]
            if u0 >= x1 - EPS:
                break
            if v0 < y1 - EPS and y0 < v1 - EPS:
                problems.append('page %d: "%s" and "%s" overlap' % (n, t, s))
    text = ' '.join(w[4] for w in words)
    if args.table_header:
        table = [r for r in rows if sum(1 for w in r if AMOUNT.search(w[4])) >= 3]
        if table:
            top = min(w[1] for w in table[0])
            heads = [r for r in rows if max(w[1] for w in r) < top
                     and any(w[4] == args.table_header for w in r)
                     and not any(AMOUNT.search(w[4]) for w in r)]
            if not heads:
                problems.append('page %d: a table without its header line ("%s")' % (n, args.table_header))
    if args.sections:
        m = PAGE_OF.findall(text)
        if not m:
            problems.append('page %d: no "page I of N" in the footer' % n)
            return
        i, total = int(m[-1][0]), int(m[-1][1])
        if i == 1:
            name = re.search(args.sections, text)
            sections.append([name.group(1) if name else None, total, 1])
            if not name:
                problems.append('page %d: the section\'s first page does not match %s' % (n, args.sections))
        elif not sections or sections[-1][2] + 1 != i or sections[-1][1] != total:
            problems.append('page %d: numbered page %d of %d out of sequence' % (n, i, total))
        else:
            sections[-1][2] = i
            name = sections[-1][0]
            if name and name not in [w[4] for w in words] and name not in text:
                problems.append('page %d: page %d of %d does not name %s' % (n, i, total, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('pdf')
    ap.add_argument('--sections')
    ap.add_argument('--table-header')
    ap.add_argument('--min-pages', type=int, default=1)
    args = ap.parse_args()
    xml = subprocess.run(['pdftotext', '-bbox-layout', args.pdf, '-'], check=True,
                         stdout=subprocess.PIPE).stdout.decode('utf-8', 'replace')
    problems, sections = [], []
    pages = PAGE.findall(xml)
    if len(pages) < args.min_pages:
        problems.append('%d page(s), fewer than %d' % (len(pages), args.min_pages))
    for n, (w, h, body) in enumerate(pages, 1):
        check_page(n, float(w), float(h), body, args, problems, sections)
    for s in sections:
        if s[2] != s[1]:
            problems.append('section %s: %d page(s) of %d' % (s[0], s[2], s[1]))
    for p in problems[:50]:
        print('%s: %s' % (args.pdf, p))
    if len(problems) > 50:
        print('%s: ... %d more' % (args.pdf, len(problems) - 50))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
