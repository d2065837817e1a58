#!/bin/sh
# test-instalments.sh: expected instalments beside the receipts (saved by
# an estimate, or typed by hand), late against today, in text, CSV and
# French; `instalment add|delete` with French labels and dates, and
# refusals that store nothing.
. "$(dirname "$0")/lib.sh"
F=$FIX/forecast
rows() { sqlite3 "$DB" "SELECT count(*) FROM $1;"; }

block_report() {
	fresh report
	step Q aci import "$F/aci-2025.cfg"
	step Q estimate ACI --exercise 2025 --save
	golden instalments-add-ipep 0 Q instalment add IPEP 2025 seed 30/06/2025 "20 000,00" --note "IPEP: dotation"
	# A French label is taken for its code.
	golden instalments-add-label 0 Q instalment add PEPS 2025 "Avance trimestrielle" 2025-04-15 23000
	step Q instalment add PEPS 2025 quarterly 2025-07-15 23000
	step Q instalment add PEPS 2025 quarterly 2025-10-15 23000
	step Q instalment add PEPS 2025 quarterly 2026-01-15 23000
	step Q instalment add PEPS 2026 quarterly 2026-05-15 23000
	step Q instalment add PEPS 2026 quarterly 2026-08-15 23000
	check instalments-stored test "$(sqlite3 "$DB" "SELECT group_concat(source || ' ' || kind || ' ' || due, ', ') FROM expected WHERE origin = 'manual' AND exercise = '2025';")" = \
		"IPEP seed 2025-06-30, PEPS quarterly 2025-04-15, PEPS quarterly 2025-07-15, PEPS quarterly 2025-10-15, PEPS quarterly 2026-01-15"
	golden instalments-2025 0 Q instalments --exercise 2025
	golden instalments-all-csv 0 Q instalments --format csv
	golden instalments-fr 0 env LANGUAGE=fr "$BIN" --db "$DB" instalments
	# lib.sh's today is 30/06/2026: the 2026 instalment due 15/05 is late,
	# the one due 15/08 coming.
	check instalments-late test "$(Q instalments --format csv | grep -c ';late;')" = 1
	check instalments-coming test "$(Q instalments --format csv | grep -c ';coming;')" = 1
	before=$(rows expected)
	golden instalments-delete 0 Q instalment delete 3
	check instalments-deleted test "$(rows expected)" = $((before - 1))
}

block_refusals() {
	fresh refusals
	before=$(rows audit)
	golden instalments-unknown-source 65 Q instalment add CPAM 2025 seed 2025-06-30 100
	golden instalments-unknown-kind 65 Q instalment add IPEP 2025 prime 2025-06-30 100
	golden instalments-bad-date 64 Q instalment add IPEP 2025 seed 31/02/2025 100
	golden instalments-bad-amount 64 Q instalment add IPEP 2025 seed 2025-06-30 12,345
	golden instalments-control-note 65 Q instalment add IPEP 2025 seed 2025-06-30 100 --note "$(printf 'a\tb')"
	golden instalments-delete-unknown 66 Q instalment delete 99
	golden instalments-delete-not-number 64 Q instalment delete D1
	golden instalments-unknown-action 64 Q instalment list
	check instalments-refusals-store-nothing test "$(rows expected)" = 0
	check instalments-refusals-not-audited test "$(rows audit)" = "$before"
	golden instalments-none 0 Q instalments
	golden instalments-pdf 64 Q instalments --format pdf
	# A negative amount is read as options unless "--" comes first.
	golden instalments-negative-as-option 64 Q instalment add IPEP 2025 seed 2025-06-30 -100,50
	check instalments-negative-refused-store-nothing test "$(rows expected)" = 0
	step Q instalment add IPEP 2025 seed 2025-06-30 -- -100,50
	check instalments-negative-after-dashes test "$(sqlite3 "$DB" "SELECT amount FROM expected;")" = -10050
}

# Nine instalments of 12 345 678 901 234 567,00 each hold in cents, their
# sum does not: no total is written, the late one neither, rather than a
# wrong one.
block_beyond_cents() {
	fresh beyond
	for i in 1 2 3 4 5 6 7 8 9; do
		step Q instalment add IPEP 2025 seed 2025-06-30 "12345678901234567,00"
	done
	out=$(Q instalments)
	check instalments-beyond-said sh -c 'printf "%s" "$1" | grep -q "beyond what can be counted to the cent"' sh "$out"
	check instalments-beyond-no-late sh -c '! printf "%s" "$1" | grep -q "are late:"' sh "$out"
}

block report
block refusals
block beyond_cents
finish
