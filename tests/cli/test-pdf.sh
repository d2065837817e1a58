#!/bin/sh
# test-pdf.sh: the PDF documents read back (tests/cli/pdf_check.py over
# pdftotext's word boxes: no two words overlap, nothing off the page, no
# ellipsis in an amount or a code; each member's pages numbered on their
# own and naming the member; table headers on every page) on the demo with
# six sources, in English and French, and on the large bench practice
# (bench/gen); and the XLSX summary's print setup and French names.
# Exits non-zero on any failure and says what is wrong.
set -u
BIN=${QP_BIN:-./quotepart}
ROOT=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qp-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QUOTEPART_TODAY=2026-06-30 SOURCE_DATE_EPOCH=1782777600
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
unset LANGUAGE QUOTEPART_CONFIG QUOTEPART_DB
printf 'leak:libfontconfig.so\n' >"$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
checks=0
DB="$tmp/six.db"

qp() { "$BIN" --db "$DB" "$@"; }
fail() { echo "FAIL: $*"; status=1; }
ok() { checks=$((checks + 1)); }
step() {
	if ! qp "$@" >"$tmp/step.out" 2>"$tmp/step.err"; then
		echo "FAIL: setting up the practice: quotepart $*"
		cat "$tmp/step.err"
		exit 1
	fi
}
# check WHAT PDF [pdf_check options]
check() {
	what=$1
	shift
	if python3 tests/cli/pdf_check.py "$@" >"$tmp/check" 2>&1; then ok; else
		fail "$what:"
		head -n 20 "$tmp/check"
	fi
}

# ---- the demo with six sources: ACI (two exercises), IPEP, PEPS, FIR, ESS, other
step demo
step distribute ACI-2024-SOLDE --key "Equal shares"
step approve D1 --date 2025-05-10
step pay D1 --date 2025-05-20 --means virement
step distribute ACI-2025-AV --key "Equal shares"
step approve D2 --date 2025-05-10
for r in PEPS-2025-T1 PEPS-2025-T2 PEPS-2025-T3; do step distribute $r --key PEPS; done
step approve D3 --date 2025-03-03
step approve D4 --date 2025-06-02
step approve D5 --date 2025-09-01
step distribute IPEP-2025-AMORCAGE --key "Hourly rates"
step approve D6 --date 2025-04-01
step distribute FIR-2025-COORD --key "Equal shares"
step approve D7 --date 2025-07-01
printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\n%s\n%s\n' \
	'ESS;grant;2025;2025-01-01;2025-12-31;2025-09-20;18642,60;ESS-2025;ESS 2025' \
	'other;other;2025;2025-01-01;2025-12-31;2025-10-02;1950,85;OTHER-2025;Don' >"$tmp/receipts.csv"
step import receipts "$tmp/receipts.csv"
step distribute ESS-2025 --key "Equal shares"
step approve D8 --date 2025-10-01
step distribute OTHER-2025 --key "Hourly rates"
step approve D9 --date 2025-10-10

for lang in en fr; do
	if [ $lang = fr ]; then export LANGUAGE=fr; name='Relevé de (\S+),'; else unset LANGUAGE; name='Statement for (\S+),'; fi
	qp summary --year 2025 --format pdf --out "$tmp/summary-$lang.pdf" 2>"$tmp/err" || fail "summary pdf ($lang): $(cat "$tmp/err")"
	check "summary, six sources ($lang)" "$tmp/summary-$lang.pdf" --table-header Total
	pdftotext "$tmp/summary-$lang.pdf" "$tmp/summary.txt"
	# A source whose label does not start with its code is named by its
	# label, in the reader's language.
	other="Other source 2025"; [ $lang = fr ] && other="Autre financement 2025"
	for want in "ACI 2024" "ACI 2025" "ESS 2025" "$other" "D9" "OTHER-2025"; do
		grep -qF "$want" "$tmp/summary.txt" && ok || fail "summary pdf ($lang): \"$want\" not found"
	done
	qp statement --all --year 2025 --format pdf --out "$tmp/all-$lang.pdf" 2>"$tmp/err" ||
		fail "statement --all pdf ($lang): $(cat "$tmp/err")"
	check "statements of all members in one file ($lang)" "$tmp/all-$lang.pdf" --sections "$name" --min-pages 12
	qp attestation --all --year 2025 --format pdf --out "$tmp/att-$lang.pdf" 2>"$tmp/err" ||
		fail "attestation --all pdf ($lang): $(cat "$tmp/err")"
	check "attestations ($lang)" "$tmp/att-$lang.pdf" --sections '\(([A-Z]+), '
done
unset LANGUAGE
pdftotext "$tmp/all-fr.pdf" "$tmp/all.txt"
grep -q "· page 2 sur 2$" "$tmp/all.txt" && ok || fail "statements (fr): no \"page 2 sur 2\" in a footer"

# ---- the XLSX summary: print setup, headers, French names -----------------
LANGUAGE=fr qp summary --year 2025 --format xlsx --out "$tmp/summary.xlsx" 2>"$tmp/err" ||
	fail "summary xlsx: $(cat "$tmp/err")"
if python3 - "$tmp/summary.xlsx" >"$tmp/xlsx" 2>&1 <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read('xl/workbook.xml').decode()
sheet = z.read('xl/worksheets/sheet1.xml').decode()
styles = z.read('xl/styles.xml').decode()
strings = re.findall(r'<si><t[^>]*>(.*?)</t></si>', z.read('xl/sharedStrings.xml').decode())
assert 'name="Synthèse"' in book, 'the sheet is not named Synthèse'
assert 'Print_Titles' in book, 'no header row repeated on each page'
assert 'orientation="landscape"' in sheet, 'not landscape with seven columns of sources'
assert 'fitToPage="1"' in sheet and 'fitToHeight="0"' in sheet, 'not fitted to one page wide'
assert '&amp;P' in sheet and '&amp;N' in sheet, 'no page numbers in the footer'
assert 'horizontal="right"' in styles, 'no header right-aligned over its numbers'
for want in ('Ayant droit', 'ACI 2024', 'ACI 2025', 'Reste dû', 'Répartition'):
    assert want in strings, want + ' not in the sheet'
EOF
then ok; else fail "summary xlsx: $(cat "$tmp/xlsx")"; fi

# ---- the large bench practice: 150 members ---------------------------------
L="$tmp/large"
mkdir -p "$L"
if ${CC:-cc} -O2 -o "$tmp/gen" bench/gen.c 2>"$tmp/err" && "$tmp/gen" large "$L" >/dev/null; then
	DB="$L/full.db"
	step init --name "Bench large"
	for t in members patients receipts activities; do step import $t "$L/$t.csv"; done
	step key import "$L/bench-key.cfg"
	for r in 1 2 3 4 5 6 7; do
		step distribute R2025-000$r --key Bench
		step approve R2025-000$r --date 2026-01-31
	done
	qp statement --all --year 2025 --format pdf --out "$L/all.pdf" 2>"$tmp/err" ||
		fail "large: statement --all pdf: $(cat "$tmp/err")"
	check "large: 150 members' statements in one file" "$L/all.pdf" --sections 'Statement for (\S+),' --min-pages 150
	# A receipt's block that goes on to the next page says so under its heading.
	pdftotext "$L/all.pdf" "$tmp/all.txt"
	grep -q "D[0-9]* · .*(continued)$" "$tmp/all.txt" && ok || fail "large: no block continued under its heading"
	qp summary --year 2025 --format pdf --out "$L/summary.pdf" 2>"$tmp/err" || fail "large: summary pdf: $(cat "$tmp/err")"
	check "large: the summary" "$L/summary.pdf" --table-header Total --min-pages 3
else
	fail "cannot build or run bench/gen: $(cat "$tmp/err")"
fi

cd "$ROOT" || exit 1
if [ $status = 0 ]; then echo "test-pdf: $checks checks passed"; else echo "test-pdf: $checks checks passed, some FAILED"; fi
exit $status
