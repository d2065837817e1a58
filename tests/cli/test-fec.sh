#!/bin/sh
# test-fec.sh: `journal --format fec`, the FEC for the accountant: on the
# demo with distributions approved, partly paid, one reversed and paid
# back, and a true-up the next year, each file read by an independent
# reader (fec_check.py: columns, dates, amounts, numbering, every entry
# balanced, the members' accounts against the statements), the files
# themselves in English and French, and the refusals, which write no file.
. "$(dirname "$0")/lib.sh"
CHECK="python3 $ROOT/tests/cli/fec_check.py"
in_dir() { d=$1; shift; (cd "$d" && "$@"); }
no_file() { [ -z "$(ls -A "$1")" ]; }

# What was approved and not paid, per member, from the statements' CSV
# (a line per member line, with its amount and the day it was paid):
# "CODE;cents" lines.
unpaid() {
	Q statement --all --year "$1" --format csv | python3 -c '
import csv, sys
rows = csv.reader(sys.stdin.read().lstrip("\ufeff").splitlines(), delimiter=";")
head = next(rows)
due = {}
for r in rows:
    if not r or r[0].startswith("#"):
        continue
    x = dict(zip(head, r))
    if x["paid_on"] == "":
        whole, dec = x["amount"].replace("-", "").split(",")
        c = int(whole) * 100 + int(dec)
        due[x["member"]] = due.get(x["member"], 0) + (-c if x["amount"].startswith("-") else c)
for k in sorted(due):
    print("%s;%d" % (k, due[k]))
'
}

# The demo with D1 (ACI, approved, paid to two members on two days), D2
# (PEPS, approved, paid) reversed by D3 (approved, paid back).
story() {
	step Q settings set siren "552 100 554" &&
	step Q distribute ACI-2025-AV --key ACI &&
	step Q approve D1 --date 2025-05-10 --note "AG du 10 mai" &&
	step Q pay D1 --member MARTIN --date 2025-05-20 --means virement &&
	step Q pay D1 --member NGUYEN --date 2025-06-02 --means virement &&
	step Q distribute PEPS-2025-T1 --key PEPS &&
	step Q approve D2 --date 2025-03-01 &&
	step Q pay D2 --date 2025-03-05 --means virement &&
	step Q reverse D2 &&
	step Q approve D3 --date 2025-07-01 --note "erreur de clé" &&
	step Q pay D3 --date 2025-07-15 --means virement
}

block_year() {
	fresh year
	story || return
	mkdir -p "$TMP/w" "$TMP/fr"
	golden fec-write 0 in_dir "$TMP/w" Q journal --year 2025 --format fec
	F=$TMP/w/552100554FEC20251231.txt
	golden fec-file 0 cat "$F"
	unpaid 2025 >"$TMP/unpaid.csv"
	check fec-some-unpaid test -s "$TMP/unpaid.csv"
	check fec-reader $CHECK "$F" 2025 "$TMP/unpaid.csv"
	golden fec-write-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" journal --year 2025 --format fec --out "$TMP/fr"
	golden fec-file-fr 0 cat "$TMP/fr/552100554FEC20251231.txt"
	check fec-reader-fr $CHECK "$TMP/fr/552100554FEC20251231.txt" 2025 "$TMP/unpaid.csv"
	golden fec-out-file 0 Q journal --year 2025 --format fec --out "$TMP/books.txt"
	check fec-out-same cmp -s "$F" "$TMP/books.txt"
	check fec-private test "$(stat -c %a "$TMP/books.txt")" = 600
	# The CSV journal is unchanged beside it.
	check fec-csv-still Q journal --year 2025 --format csv --out "$TMP/journal.csv"
}

# A true-up the next year: lines given against D1, some of them negative.
block_true_up() {
	fresh true_up
	story || return
	step Q distribute ACI-2025-SOLDE --key ACI --true-up &&
	step Q approve D4 --date 2026-05-04 &&
	step Q pay D4 --date 2026-05-12 --means virement || return
	golden fec-true-up 0 Q journal --year 2026 --format fec --out "$TMP/2026.txt"
	golden fec-true-up-file 0 cat "$TMP/2026.txt"
	check fec-true-up-reader $CHECK "$TMP/2026.txt" 2026
}

# Accounts from the user's configuration, and a bad one refused at its
# line with no file written.
block_accounts() {
	fresh accounts
	story || return
	mkdir -p "$TMP/w"
	printf 'accounts = {\n\tbank = "512100";\n\tallocation = "455900";\n\tsources = ( { code = "ACI"; account = "706110"; } );\n};\n' >"$TMP/acc.cfg"
	step Q --config "$TMP/acc.cfg" journal --year 2025 --format fec --out "$TMP/acc.txt" || return
	check fec-accounts-bank grep -q "	512100	" "$TMP/acc.txt"
	check fec-accounts-allocation grep -q "	455900	" "$TMP/acc.txt"
	check fec-accounts-source grep -q "	706110	" "$TMP/acc.txt"
	check fec-accounts-others-default grep -q "	706200	" "$TMP/acc.txt"
	check fec-accounts-reader $CHECK "$TMP/acc.txt" 2025
	printf 'accounts = {\n\tbank = "512000";\n\trevenue = "606000";\n};\n' >"$TMP/bad.cfg"
	golden fec-bad-class 78 in_dir "$TMP/w" Q --config "$TMP/bad.cfg" journal --year 2025 --format fec
	printf 'accounts = {\n\tsources = (\n\t\t{ code = "ACI"; account = "70 61"; }\n\t);\n};\n' >"$TMP/bad.cfg"
	golden fec-bad-number 78 in_dir "$TMP/w" Q --config "$TMP/bad.cfg" journal --year 2025 --format fec
	printf 'accounts = {\n\tsources = ( { code = "CPAM"; account = "706400"; } );\n};\n' >"$TMP/bad.cfg"
	golden fec-bad-source 78 in_dir "$TMP/w" Q --config "$TMP/bad.cfg" journal --year 2025 --format fec
	check fec-bad-config-no-file no_file "$TMP/w"
}

block_refusals() {
	fresh refusals
	mkdir -p "$TMP/w"
	golden fec-no-siren 65 in_dir "$TMP/w" Q journal --year 2025 --format fec
	golden fec-no-siren-fr 65 in_dir "$TMP/w" env LANGUAGE=fr "$BIN" --db "$DB" journal --year 2025 --format fec
	golden fec-no-siren-dir 65 Q journal --year 2025 --format fec --out "$TMP/w"
	step Q settings set siren "552 100 554" || return
	golden fec-nothing 66 in_dir "$TMP/w" Q journal --year 2019 --format fec
	golden fec-nothing-fr 66 in_dir "$TMP/w" env LANGUAGE=fr "$BIN" --db "$DB" journal --year 2019 --format fec
	golden fec-bad-year 64 in_dir "$TMP/w" Q journal --year 25 --format fec
	golden fec-no-year 64 in_dir "$TMP/w" Q journal --format fec
	golden fec-bad-format 64 in_dir "$TMP/w" Q journal --year 2025 --format xml
	check fec-refusals-no-file no_file "$TMP/w"
	sum=$(cksum <"$DB")
	golden fec-over-db 73 Q journal --year 2025 --format fec --out "$DB"
	check fec-over-db-same test "$(cksum <"$DB")" = "$sum"
}

block year
block true_up
block accounts
block refusals
finish
