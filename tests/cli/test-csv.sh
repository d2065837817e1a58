#!/bin/sh
# test-csv.sh: every CSV that quotepart writes, read back by a spreadsheet
# reader (tests/cli/csv_check.py, Python's csv module), in English and in
# French: one header row and rows as wide as it, no note or audit row, no
# bare fraction, no date but YYYY-MM-DD, amounts with a decimal comma, a
# type column first where rows of several kinds are, and those kinds
# adding up to their totals. French headers are translated; exports keep
# the headers import reads. LibreOffice, where installed, converts one.
. "$(dirname "$0")/lib.sh"
F=$FIX/forecast
CHECK="python3 $ROOT/tests/cli/csv_check.py"

# practice: the demo with distributions approved in 2025 and 2026, paid
# in full, in part and not at all, a true-up with lines owed back, the
# ACI declaration and the PEPS grid for the estimates and instalments.
practice() {
	fresh "$1" &&
	step Q distribute ACI-2025-AV --key "Equal shares" &&
	step Q approve D1 --date 2025-05-10 &&
	step Q pay D1 --date 2025-05-20 --means virement &&
	step Q distribute PEPS-2025-T1 --key PEPS &&
	step Q approve D2 --date 2025-03-03 &&
	step Q pay D2 --member MARTIN --date 2025-03-10 --means virement &&
	step Q distribute IPEP-2025-AMORCAGE --key "Hourly rates" &&
	step Q approve D3 --date 2025-04-01 &&
	step Q distribute ACI-2025-SOLDE --key ACI --true-up &&
	step Q approve D4 --date 2026-05-12 &&
	step Q pay D4 --date 2026-05-20 --means virement &&
	step Q aci import "$F/aci-2025.cfg" &&
	step Q estimate ACI --exercise 2025 --save &&
	step Q peps import "$F/peps-2025.cfg"
}

# csv NAME SUM-CHECK... -- ARGS...: write the CSV of `quotepart ARGS` in
# English ($TMP/NAME.csv) and French ($TMP/NAME.fr.csv), check both; each
# SUM-CHECK "COL TYPES TOTAL" (COL as "english|french") is asserted on both.
# (Not $name: check, in lib.sh, sets it.)
csv() {
	base=$1; shift
	sums=""
	while [ "$1" != -- ]; do sums="$sums$1;"; shift; done
	shift
	Q "$@" >"$TMP/$base.csv" 2>"$TMP/$base.err"
	check "$base-runs" test $? = 0
	env LANGUAGE=fr "$BIN" --db "$DB" "$@" >"$TMP/$base.fr.csv" 2>>"$TMP/$base.err"
	check "$base-runs-fr" test $? = 0
	check "$base-reads" $CHECK "$TMP/$base.csv"
	check "$base-reads-fr" $CHECK "$TMP/$base.fr.csv"
	check "$base-has-rows" test "$(wc -l <"$TMP/$base.csv")" -gt 1
	en=$(head -n 1 "$TMP/$base.csv")
	fr=$(head -n 1 "$TMP/$base.fr.csv")
	check "$base-header-in-french" test "$en" != "$fr"
	check "$base-same-rows-fr" test "$(wc -l <"$TMP/$base.csv")" = "$(wc -l <"$TMP/$base.fr.csv")"
	echo "$sums" | tr ';' '\n' | while read -r col types total; do
		[ -n "$col" ] || continue
		echo "$col $types $total"
	done >"$TMP/$base.sums"
	while read -r col types total; do
		check "$base-sum-${col%|*}" $CHECK "$TMP/$base.csv" --sum-col "${col%|*}" --type "$types" --equals "$total"
		check "$base-sum-${col%|*}-fr" $CHECK "$TMP/$base.fr.csv" --sum-col "${col#*|}" --type "$types" --equals "$total"
	done <"$TMP/$base.sums"
}

block_reports() {
	practice reports || return
	for y in 2025 2026; do
		csv statement-$y -- statement --all --year $y --format csv
		csv attestation-$y -- attestation --all --year $y --format csv
		csv journal-$y -- journal --year $y
		csv summary-$y "total_eur|total_eur member,account total" "total_eur|total_eur group total" \
			"ACI_eur|ACI_eur member,account total" -- summary --year $y --format csv
	done
	csv posts-2025 "amount|montant_eur post total" "received_eur|recu_eur source total" \
		"members_eur|membres_eur source total" -- posts --year 2025 --format csv
	csv expected-2025 "received_eur|recu_eur kind total" "receipts|recettes kind total" \
		-- expected --year 2025 --format csv
	csv instalments -- instalments --format csv
	# The summary's kinds of rows: summing every row of a column would
	# count the total three times; the type column tells them apart.
	types() { cut -d';' -f1 "$TMP/$1.csv" | sed 1d | tr -d '\r' | sort -u | tr '\n' ' '; }
	check summary-2025-types test "$(types summary-2025)" = "group member total "
	check summary-2026-types test "$(types summary-2026)" = "account group member total "
	check posts-types test "$(types posts-2025)" = "funding post source total "
	check expected-types test "$(types expected-2025)" = "kind total "
	# No audit note in a CSV: the text carries the head.
	head=$(Q check | sed -n 's/.*(head \([0-9a-f]*\)).*/\1/p')
	check audit-head-known test ${#head} = 64
	check no-audit-in-csv sh -c "! grep -l -e '$head' -e 'Audit log' -e 'Journal d.audit' '$TMP'/*.csv"
	Q summary --year 2025 >"$TMP/summary.txt"
	check audit-in-text grep -q "^  $head\$" "$TMP/summary.txt"
}

block_distributions() {
	practice distributions || return
	csv distribute-dry -- distribute PEPS-2025-T2 --key PEPS --dry-run --format csv
	csv show-trueup -- show D4 --format csv
	csv compare -- compare PEPS-2025-T2 --key PEPS --key "Equal shares" --format csv
	# Presence 184/365 and a patients' weight: decimals, not fractions.
	check distribute-presence-decimal grep -q ';0,504110;0,504110;' "$TMP/show-trueup.csv"
	# A true-up owes back: a negative amount, numeric.
	check show-trueup-negative sh -c "tr -d '\r' <'$TMP/show-trueup.csv' | grep -q ';-[0-9]*,[0-9][0-9];[01]\$'"
}

block_estimates() {
	practice estimates || return
	csv estimate-aci "points|points criterion total" "amount_eur|montant_eur instalment total" \
		-- estimate ACI --exercise 2025 --format csv
	csv whatif-aci "points|points criterion total" \
		-- estimate ACI --exercise 2025 --set patients=+500 --format csv
	csv estimate-peps "patients|patients cell total" "amount_eur|montant_eur instalment total" \
		-- estimate PEPS --exercise 2025 --format csv
	csv whatif-peps "patients|patients cell total" -- estimate PEPS --exercise 2025 --set loyalty=80 --format csv
}

# Exports: the headers import reads, in every language; rectangular; and
# they import again.
block_exports() {
	practice exports || return
	for t in members posts patients receipts activities; do
		Q export $t >"$TMP/export-$t.csv"
		check "export-$t-reads" $CHECK "$TMP/export-$t.csv"
		env LANGUAGE=fr "$BIN" --db "$DB" export $t >"$TMP/export-$t.fr.csv"
		check "export-$t-same-in-french" cmp -s "$TMP/export-$t.csv" "$TMP/export-$t.fr.csv"
	done
	step "$BIN" --db "$TMP/again.db" init --name X &&
	check export-members-imports sh -c "'$BIN' --db '$TMP/again.db' import members '$TMP/export-members.csv' >/dev/null"
}

# LibreOffice, where installed: the summary's amounts are numbers once
# converted by a French LibreOffice.
block_libreoffice() {
	practice libreoffice || return
	command -v soffice >/dev/null 2>&1 || return 0
	Q summary --year 2025 --format csv --out "$TMP/summary.csv"
	(cd "$TMP" && HOME="$TMP" timeout 120 soffice --headless --infilter='CSV:59,34,76,1,,1036' \
		--convert-to xlsx summary.csv >/dev/null 2>&1)
	check libreoffice-numbers python3 - "$TMP/summary.xlsx" <<'EOF'
import re, sys, zipfile
sheet = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
# Row 2 (the first member): every cell from F on is a number.
row = re.search(r'<row r="2".*?</row>', sheet).group(0)
cells = re.findall(r'<c r="([A-Z]+)2"([^>]*)>', row)
assert all('t="s"' not in a for c, a in cells if c >= 'F'), row
EOF
}

block reports
block distributions
block estimates
block exports
block libreoffice
finish
