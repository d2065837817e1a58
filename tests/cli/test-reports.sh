#!/bin/sh
# test-reports.sh: the report commands (statement, attestation, summary,
# posts, expected, journal) on a fixed practice: golden text and CSV files
# (tests/cli/golden/reports, read by a person before committing; regenerate
# with QP_UPDATE_GOLDEN=1), every total cross-checked against the database
# with sqlite3, PDFs read back with pdftotext, the XLSX opened with
# python3's zipfile, files 0600 and reproducible, usage errors.
# Exits non-zero on any failure and says what differs.
set -u
BIN=${QP_BIN:-./quotepart}
GOLD=tests/cli/golden/reports
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qp-reports.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QUOTEPART_TODAY=2026-06-30 SOURCE_DATE_EPOCH=1782777600
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
unset LANGUAGE QUOTEPART_CONFIG QUOTEPART_DB
# Under LeakSanitizer (make asan): fontconfig leaks a little while parsing
# its own configuration when pango first asks for a font; not ours to fix.
printf 'leak:libfontconfig.so\n' >"$tmp/lsan.supp"
export LSAN_OPTIONS="suppressions=$tmp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
DB="$tmp/practice.db"
status=0
checks=0

qp() { "$BIN" --db "$DB" "$@"; }
fail() { echo "FAIL: $*"; status=1; }
ok() { checks=$((checks + 1)); }
sql() { sqlite3 -batch -noheader "$DB" "$1"; }

# ---- the practice: the demo, then a year of distributions and payments --
cat >"$tmp/aci-equal.cfg" <<'EOF'
key:
{
  name = "ACI equal";
  description = "Posts and costs first, a bonus for the referent, then equal shares";
  reservations = (
    { label = "Coordinator post"; account = "post:COORD"; amount = "12000.00"; },
    { label = "Operating costs"; account = "operating"; rate = 5.0; },
    { label = "Referent bonus"; account = "member:MARTIN"; amount = "500.00"; }
  );
  pools = (
    { label = "Equal share"; rate = 100.0; basis = "equal"; prorata = true;
      statuses = [ "associate" ]; }
  );
};
EOF
step() {
	if ! qp "$@" >"$tmp/step.out" 2>"$tmp/step.err"; then
		echo "FAIL: setting up the practice: quotepart $*"
		cat "$tmp/step.err"
		exit 1
	fi
}
step demo
step key import "$tmp/aci-equal.cfg"
# D1: the 2024 ACI balance, posts and a member's bonus reserved first.
step distribute ACI-2024-SOLDE --key "ACI equal"
step approve D1 --date 2025-05-10 --note "AG du 10 mai"
step pay D1 --date 2025-05-20 --means virement
# D2: the 2025 advance shared equally (the true-up below corrects it).
step distribute ACI-2025-AV --key "Equal shares"
step approve D2 --date 2025-05-10 --note "AG du 10 mai"
step pay D2 --date 2025-05-20 --means virement
# D3-D5: PEPS quarters, paid in full, for one member, not at all.
step distribute PEPS-2025-T1 --key PEPS
step approve D3 --date 2025-03-03
step pay D3 --date 2025-03-10 --means virement
step distribute PEPS-2025-T2 --key PEPS
step approve D4 --date 2025-06-02
step pay D4 --member MARTIN --date 2025-06-10 --means chèque
step distribute PEPS-2025-T3 --key PEPS
step approve D5 --date 2025-09-01
# D6: a draft, in no report.
step distribute PEPS-2025-T4 --key PEPS
# D7: IPEP seed money by hours.
step distribute IPEP-2025-AMORCAGE --key "Hourly rates"
step approve D7 --date 2025-04-01
step pay D7 --date 2025-04-15 --means virement
# D8: the 2025 ACI balance in true-up mode, received in 2026: lines owed back.
step distribute ACI-2025-SOLDE --key ACI --true-up
step approve D8 --date 2026-05-12 --note "AG du 12 mai 2026"
step pay D8 --date 2026-05-20 --means virement

# ---- golden files ----------------------------------------------------------
golden() { # file args...
	name=$1
	shift
	# The audit head varies (entries carry the time): <sha256>.
	if ! qp "$@" >"$tmp/raw" 2>"$tmp/err"; then
		fail "$name: quotepart $* exited non-zero: $(cat "$tmp/err")"
		return
	fi
	sed 's/[0-9a-f]\{64\}/<sha256>/g' "$tmp/raw" >"$tmp/out"
	if [ "${QP_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$GOLD" && cp "$tmp/out" "$GOLD/$name"
	fi
	if diff -u "$GOLD/$name" "$tmp/out" >"$tmp/diff"; then
		ok
	else
		fail "$name differs from $GOLD/$name (- expected, + got):"
		head -n 40 "$tmp/diff"
	fi
}
golden statement-MARTIN-2025.txt statement --member MARTIN --year 2025
golden statement-FAURE-2026.txt statement --member FAURE --year 2026
golden statement-ROCHE-spring.txt statement --member ROCHE --year 2025 --from 2025-04-01 --to 2025-06-30
golden statement-all-2025.csv statement --all --year 2025 --format csv
golden attestation-MARTIN-2025.txt attestation --member MARTIN --year 2025
golden attestation-all-2026.csv attestation --all --year 2026 --format csv
golden summary-2025.txt summary --year 2025
golden summary-2026.txt summary --year 2026
golden summary-2025.csv summary --year 2025 --format csv
golden posts-2025.txt posts --year 2025
golden posts-2025.csv posts --year 2025 --format csv
golden expected-2025.txt expected --year 2025
golden expected-2025.csv expected --year 2025 --format csv
golden journal-2025.csv journal --year 2025
golden journal-2026.txt journal --year 2026 --format text

# ---- totals against the database ------------------------------------------
# CSV rows without the BOM and CR; amounts "1234,56" as integer cents.
# (CSV files carry no audit note: csv_check.py, in test-csv.sh, fails one.)
csv() { qp "$@" | sed -e '1s/^\xef\xbb\xbf//' -e 's/\r$//'; }
same() { # what expected got (never both empty: a broken query must not pass)
	if [ -n "$2" ] && [ "$2" = "$3" ]; then ok; else
		fail "$1: the report says"
		echo "$3" | sed 's/^/    /'
		echo "  the database says"
		echo "$2" | sed 's/^/    /'
	fi
}
# Lines of the approved distributions whose receipt was received in Y.
LINES="distribution_lines l JOIN distributions d ON d.id = l.distribution_id AND d.status = 'approved'
       JOIN receipts r ON r.id = d.receipt_id"
member_of="CASE WHEN l.kind = 'pool' THEN l.recipient WHEN l.recipient LIKE 'member:%' THEN substr(l.recipient, 8) END"

for y in 2025 2026; do
	# Statements: each member's lines and what is still due.
	csv statement --all --year $y --format csv >"$tmp/st.csv"
	got=$(awk -F';' 'NR > 1 { a = $26; gsub(",", "", a); s[$1] += a; if ($28 == "") d[$1] += a }
	     END { for (m in s) printf "%s %d %d\n", m, s[m], d[m] }' "$tmp/st.csv" | sort)
	want=$(sql "SELECT m, sum(c), sum(CASE WHEN paid THEN 0 ELSE c END) FROM (SELECT $member_of AS m, l.cents AS c,
	            EXISTS (SELECT 1 FROM payments p WHERE p.line_id = l.id) AS paid FROM $LINES
	            WHERE r.received BETWEEN '$y-01-01' AND '$y-12-31') WHERE m IS NOT NULL GROUP BY m ORDER BY m;" | tr '|' ' ')
	same "statement --all $y: lines and due per member" "$want" "$got"

	# Summary: per recipient, per source, in all.
	csv summary --year $y --format csv >"$tmp/sum.csv"
	got=$(awk -F';' 'NR > 1 && ($1 == "member" || $1 == "account") { a = $NF; gsub(",", "", a); printf "%s %d\n", $2, a }' "$tmp/sum.csv" | sort)
	want=$(sql "SELECT coalesce($member_of, l.recipient), sum(l.cents) FROM $LINES
	            WHERE r.received BETWEEN '$y-01-01' AND '$y-12-31' GROUP BY 1 ORDER BY 1;" | tr '|' ' ' | sort)
	same "summary $y: total per recipient" "$want" "$got"
	got=$(awk -F';' 'NR == 1 { for (i = 6; i < NF; i++) { h[i] = $i; sub(/_eur$/, "", h[i]) } } $1 == "total" { for (i = 6; i < NF; i++) { a = $i; gsub(",", "", a); printf "%s %d\n", h[i], a } }' "$tmp/sum.csv" | sort)
	want=$(sql "SELECT r.source, sum(l.cents) FROM $LINES WHERE r.received BETWEEN '$y-01-01' AND '$y-12-31'
	            GROUP BY r.source ORDER BY r.source;" | tr '|' ' ')
	same "summary $y: total per source" "$want" "$got"
	got=$(awk -F';' '$1 == "total" { a = $NF; gsub(",", "", a); print a + 0 }' "$tmp/sum.csv")
	want=$(sql "SELECT sum(amount) FROM distributions WHERE status = 'approved' AND receipt_id IN
	            (SELECT id FROM receipts WHERE received BETWEEN '$y-01-01' AND '$y-12-31');")
	same "summary $y: grand total = the receipts' amounts" "$want" "$got"
	got=$(awk -F';' '$1 == "group" { a = $NF; gsub(",", "", a); s += a } END { print s + 0 }' "$tmp/sum.csv")
	same "summary $y: the groups add up to the total" "$want" "$got"

	# Attestations: what each member was paid in the year, net.
	csv attestation --all --year $y --format csv >"$tmp/att.csv"
	got=$(awk -F';' 'NR > 1 { a = $9; gsub(",", "", a); s[$1] += a } END { for (m in s) printf "%s %d\n", m, s[m] }' "$tmp/att.csv" | sort)
	want=$(sql "SELECT $member_of AS m, sum(p.amount) FROM payments p JOIN distribution_lines l ON l.id = p.line_id
	            WHERE p.paid_on BETWEEN '$y-01-01' AND '$y-12-31' AND m IS NOT NULL GROUP BY m ORDER BY m;" | tr '|' ' ')
	same "attestation --all $y: net paid per member" "$want" "$got"

	# Journal: every payment of the year, once.
	csv journal --year $y >"$tmp/j.csv"
	got=$(awk -F';' 'NR > 1 { a = $11; gsub(",", "", a); n++; s += a } END { printf "%d %d\n", n, s }' "$tmp/j.csv")
	want=$(sql "SELECT count(*), coalesce(sum(amount), 0) FROM payments WHERE paid_on BETWEEN '$y-01-01' AND '$y-12-31';" | tr '|' ' ')
	same "journal $y: payments and their sum" "$want" "$got"

	# Funding per post: what each source received and gave to members.
	csv posts --year $y --format csv >"$tmp/posts.csv"
	got=$(awk -F';' '$1 == "source" { a = $16; b = $18; gsub(",", "", a); gsub(",", "", b); printf "%s %d %d\n", $6, a, b }' "$tmp/posts.csv" | sort)
	want=$(sql "SELECT r2.source, sum(r2.amount), (SELECT coalesce(sum(l.cents), 0) FROM $LINES
	            WHERE r.source = r2.source AND r.received BETWEEN '$y-01-01' AND '$y-12-31' AND ($member_of) IS NOT NULL)
	            FROM receipts r2 WHERE r2.received BETWEEN '$y-01-01' AND '$y-12-31'
	            GROUP BY r2.source ORDER BY r2.source;" | tr '|' ' ')
	# Sources with a funding but no receipt in the year are 0 0.
	got=$(echo "$got" | awk '!($2 == 0 && $3 == 0)')
	same "posts $y: received and given to members per source" "$want" "$got"
done

# Expected versus received: per source and exercise.
csv expected --year 2025 --format csv >"$tmp/exp.csv"
got=$(awk -F';' '$1 == "total" { a = $6; b = $7; gsub(",", "", a); gsub(",", "", b); printf "%s %s %d %d\n", $2, $3, a, b }' "$tmp/exp.csv" | sort)
want=$(sql "SELECT r.source, r.exercise, sum(r.amount), coalesce(sum((SELECT sum(l.cents) FROM distribution_lines l
            JOIN distributions d ON d.id = l.distribution_id WHERE d.receipt_id = r.id AND d.status = 'approved')), 0)
            FROM receipts r WHERE (r.source, r.exercise) IN (SELECT source, exercise FROM receipts
            WHERE exercise = '2025' OR received BETWEEN '2025-01-01' AND '2025-12-31')
            GROUP BY r.source, r.exercise ORDER BY r.source, r.exercise;" | tr '|' ' ')
same "expected 2025: received and distributed per source and exercise" "$want" "$got"

# The text statement's totals are the database's too.
due=$(sql "SELECT sum(l.cents) FROM $LINES WHERE r.received BETWEEN '2025-01-01' AND '2025-12-31'
           AND l.recipient IN ('MARTIN', 'member:MARTIN') AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.line_id = l.id);")
same "statement MARTIN 2025: balance still due (cents)" "735078" "$due"
grep -q "Balance still due to the member  *€7,350.78$" "$GOLD/statement-MARTIN-2025.txt" && ok ||
	fail "statement MARTIN 2025: the balance due €7,350.78 is not in the text"

# ---- PDF -------------------------------------------------------------------
# The audit head that check prints ends every document.
head=$(qp check | sed -n 's/.*(head \([0-9a-f]*\)).*/\1/p')
[ ${#head} = 64 ] && ok || fail "check printed no audit head"
mkdir "$tmp/pdf"
if qp statement --member MARTIN --year 2025 --format pdf --out "$tmp/pdf/martin.pdf" >/dev/null 2>"$tmp/err"; then
	pdftotext -layout "$tmp/pdf/martin.pdf" "$tmp/martin.txt"
	for want in "Maison de santé des Tilleuls" "Statement for MARTIN, Élise Martin" "€31,824.78" \
	            "€24,474.00" "€7,350.78" "ACI-2024-SOLDE" "Referent bonus" "not paid yet" "leftover" \
	            "Audit log at entry" "$head"; do
		grep -qF "$want" "$tmp/martin.txt" && ok || fail "statement PDF: \"$want\" not found"
	done
	[ "$(stat -c %a "$tmp/pdf/martin.pdf")" = 600 ] && ok || fail "statement PDF is not 0600"
	qp statement --member MARTIN --year 2025 --format pdf --out "$tmp/pdf/again.pdf" >/dev/null
	cmp -s "$tmp/pdf/martin.pdf" "$tmp/pdf/again.pdf" && ok || fail "statement PDF differs between two runs (SOURCE_DATE_EPOCH)"
	pdfinfo "$tmp/pdf/martin.pdf" 2>/dev/null | grep -q "CreationDate: *Tue Jun 30 00:00:00 2026" && ok ||
		fail "statement PDF: creation date is not SOURCE_DATE_EPOCH"
else
	fail "statement --format pdf: $(cat "$tmp/err")"
fi
# One file per member into a folder.
mkdir "$tmp/pdf/all"
if qp statement --all --year 2026 --format pdf --out "$tmp/pdf/all" >"$tmp/out" 2>"$tmp/err"; then
	n=$(ls "$tmp/pdf/all" | wc -l)
	want=$(sql "SELECT count(DISTINCT $member_of) FROM $LINES WHERE r.received BETWEEN '2026-01-01' AND '2026-12-31';")
	same "statement --all pdf: one file per member" "$want" "$n"
	pdftotext -layout "$tmp/pdf/all/statement-2026-FAURE.pdf" "$tmp/faure.txt"
	for want in "Statement for FAURE, Léa Faure" "owed back" "€1,592.39" "€2.61" "settled on 2026-05-20"; do
		grep -qF "$want" "$tmp/faure.txt" && ok || fail "FAURE's PDF: \"$want\" not found"
	done
	grep -qF "MARTIN" "$tmp/faure.txt" && fail "FAURE's PDF names another member" || ok
else
	fail "statement --all --format pdf --out DIR: $(cat "$tmp/err")"
fi
# One file for all, each member on a new page.
if qp statement --all --year 2025 --format pdf --out "$tmp/pdf/all.pdf" 2>"$tmp/err"; then
	pdftotext "$tmp/pdf/all.pdf" "$tmp/all.txt"
	got=$(grep -c "^Statement for " "$tmp/all.txt")
	want=$(sql "SELECT count(DISTINCT $member_of) FROM $LINES WHERE r.received BETWEEN '2025-01-01' AND '2025-12-31';")
	same "statement --all in one PDF: a statement per member" "$want" "$got"
else
	fail "statement --all --format pdf --out FILE: $(cat "$tmp/err")"
fi
if qp attestation --member FAURE --year 2026 --format pdf --out "$tmp/pdf/att.pdf" 2>"$tmp/err"; then
	pdftotext -layout "$tmp/pdf/att.pdf" "$tmp/att.txt"
	for want in "Attestation of payments, year 2026" "Léa Faure" "€1,589.78" "€1,592.39" "-€2.61" "gains divers"; do
		grep -qF -- "$want" "$tmp/att.txt" && ok || fail "attestation PDF: \"$want\" not found"
	done
else
	fail "attestation --format pdf: $(cat "$tmp/err")"
fi
if qp summary --year 2025 --format pdf --out "$tmp/pdf/summary.pdf" 2>"$tmp/err"; then
	pdftotext -layout "$tmp/pdf/summary.pdf" "$tmp/summary.txt"
	for want in "Team-meeting summary 2025" "€170,154.00" "€31,824.78" "Paramedical" "Total per member"; do
		grep -qF "$want" "$tmp/summary.txt" && ok || fail "summary PDF: \"$want\" not found"
	done
else
	fail "summary --format pdf: $(cat "$tmp/err")"
fi

# ---- XLSX ------------------------------------------------------------------
if qp summary --year 2025 --format xlsx --out "$tmp/summary.xlsx" 2>"$tmp/err"; then
	[ "$(stat -c %a "$tmp/summary.xlsx")" = 600 ] && ok || fail "summary XLSX is not 0600"
	ls "$tmp" | grep -q 'tmp[A-Za-z0-9]\{6\}$' && fail "a temporary file was left behind" || ok
	want=$(sql "SELECT coalesce($member_of, l.recipient), sum(l.cents) FROM $LINES
	            WHERE r.received BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1 ORDER BY 1;" | tr '|' ' ')
	want="$want
Total $(sql "SELECT sum(l.cents) FROM $LINES WHERE r.received BETWEEN '2025-01-01' AND '2025-12-31';")"
	got=$(python3 - "$tmp/summary.xlsx" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r'<si><t[^>]*>(.*?)</t></si>', z.read('xl/sharedStrings.xml').decode())
sheet = z.read('xl/worksheets/sheet1.xml').decode()
rows = {}
for r, body in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', sheet):
    cells = {}
    for ref, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)><v>([^<]*)</v></c>', body):
        cells[ref] = strings[int(v)] if 't="s"' in attrs else v
    rows[int(r)] = cells
header = next(n for n in sorted(rows) if rows[n].get('A') == 'Recipient')
total_col = next(k for k, v in rows[header].items() if v == 'Total')
out = []
for n in sorted(rows):
    if n <= header:
        continue
    a = rows[n].get('A')
    if a == 'Total':
        out.append('Total %d' % round(float(rows[n][total_col]) * 100))
        break
    # Numbers must be numbers, not text or formulas.
    assert 't="s"' not in sheet.split('r="%s%d"' % (total_col, n))[1][:20]
    out.append('%s %d' % (a, round(float(rows[n][total_col]) * 100)))
assert '<f>' not in sheet, 'a formula in the sheet'
last = out.pop()
print('\n'.join(sorted(out)))
print(last)
EOF
)
	same "summary XLSX: the members' and accounts' totals and the grand total" "$want" "$got"
	python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())' \
		"$tmp/summary.xlsx" | grep -q "<t>$head</t>" && ok ||
		fail "summary XLSX: the audit head $head is not in the sheet"
else
	fail "summary --format xlsx: $(cat "$tmp/err")"
fi

# ---- French ----------------------------------------------------------------
# Amounts in the language's format: 1 234,56 € (U+202F, U+00A0).
LANGUAGE=fr qp summary --year 2025 >"$tmp/fr.txt" 2>&1
grep -q "$(printf '170\342\200\257154,00\302\240\342\202\254')" "$tmp/fr.txt" && ok ||
	fail "summary in French: no amount as 170 154,00 €"

# ---- refusals --------------------------------------------------------------
refuse() { # exit-code what args...
	code=$1
	shift
	qp "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ $got = "$code" ] && [ -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then ok; else
		fail "quotepart $*: exit $got (want $code), stderr: $(cat "$tmp/err")"
	fi
}
refuse 64 statement --year 2025
refuse 64 statement --member MARTIN --all --year 2025
refuse 64 statement --member MARTIN
refuse 64 statement --member MARTIN --year 25
refuse 64 statement --member MARTIN --year 2025 --from 2025-07-01 --to 2025-03-01
refuse 64 statement --member MARTIN --year 2025 --from 2024-12-01
refuse 64 statement --member MARTIN --year 2025 --format xlsx --out "$tmp/x.xlsx"
refuse 64 statement --member MARTIN --year 2025 --format pdf
refuse 66 statement --member NOBODY --year 2025
refuse 64 summary
refuse 64 posts --year 2025 --format pdf --out "$tmp/x.pdf"
refuse 64 journal --year 2025 --format xlsx --out "$tmp/x.xlsx"
refuse 64 attestation --all --year 2025 --from 2025-01-01
[ ! -e "$tmp/x.xlsx" ] && [ ! -e "$tmp/x.pdf" ] && ok || fail "a refused command wrote a file"

echo "test-reports: $checks checks passed$([ $status = 0 ] || echo ', some FAILED')"
exit $status
