#!/bin/sh
# test-dist-life.sh: a distribution's life against what changes around it,
# on the demo, against golden output (tests/cli/golden/life/): a receipt
# imported again under its draft, approvals and payments refused when the
# draft, the dates or the reversal say so, and every command naming the
# distribution and the receipt it acted on. Each block starts from a fresh
# demo: QP_ONLY=NAME runs one (see tests/cli/lib.sh).
. tests/cli/lib.sh
# life NAME RC CMD...: golden output in tests/cli/golden/life/NAME.out.
life() {
	name=$1
	shift
	golden "life/$name" "$@"
}
draft_of() {
	sqlite3 "$DB" "SELECT count(*) FROM distributions d JOIN receipts r ON r.id = d.receipt_id WHERE r.reference = '$1' AND d.status = 'draft';"
}

# 1. A receipt imported again with another amount loses its draft, and the
# import says which; the kind or the note alone keep it.
block_import_draft() {
	fresh import_draft
	step Q distribute ACI-2025-AV --key ACI
	Q export receipts --out "$TMP/receipts.csv"
	grep -v '^#' "$TMP/receipts.csv" | sed 's/;49236,00;ACI-2025-AV;/;50000,00;ACI-2025-AV;/' >"$TMP/receipts-50k.csv"
	check import-changed-file-differs sh -c "! cmp -s '$TMP/receipts.csv' '$TMP/receipts-50k.csv'"
	grep -v '^#' "$TMP/receipts.csv" | sed 's/;Avance ACI 2025 (60 % de 82 060,00 €)/;avance/' >"$TMP/receipts-note.csv"
	life import-note-keeps-draft 0 Q import receipts "$TMP/receipts-note.csv"
	check import-note-keeps-draft-count test "$(draft_of ACI-2025-AV)" = 1
	life import-drops-draft 0 Q import receipts "$TMP/receipts-50k.csv"
	check import-drops-draft-count test "$(draft_of ACI-2025-AV)" = 0
	step Q distribute ACI-2025-AV --key ACI
	step Q approve ACI-2025-AV --date 2025-05-10
	life import-approved-refused 65 Q import receipts "$TMP/receipts.csv"
	check import-approved-refused-amount test "$(sqlite3 "$DB" "SELECT amount FROM receipts WHERE reference = 'ACI-2025-AV';")" = 5000000
}
block import_draft

# 2 and 3. A receipt changed behind quotepart's back (the sqlite3 shell)
# under its draft (D1): approve refuses the draft, check names it.
block_receipt_changed() {
	fresh receipt_changed
	step Q distribute PEPS-2025-T1 --key PEPS
	sqlite3 "$DB" "UPDATE receipts SET amount = amount + 100 WHERE reference = 'PEPS-2025-T1';"
	life approve-receipt-changed 65 Q approve PEPS-2025-T1 --date 2025-05-10
	life check-receipt-changed 70 Q check
	sqlite3 "$DB" "UPDATE receipts SET amount = amount - 100 WHERE reference = 'PEPS-2025-T1';"
	check check-ok-again sh -c '"$0" --db "$1" check >/dev/null' "$BIN" "$DB"
}
block receipt_changed

# 4. Payments follow the distribution's life: the advance (D1) paid to
# MARTIN only, then reversed (D2): nothing is left to pay on D1, and D2
# pays back MARTIN's lines only; statements owe nothing either way.
block_payments() {
	fresh payments
	step Q distribute ACI-2025-AV --key ACI
	step Q approve ACI-2025-AV --date 2025-05-10
	life pay-martin 0 Q pay D1 --member MARTIN --date 2025-05-20 --means virement
	life reverse-advance 0 Q reverse D1
	life approve-reversal 0 Q approve D2 --date 2025-06-01 --note "erreur de clé"
	life pay-reversed 65 Q pay D1 --date 2025-06-02 --means virement
	life pay-reversal 0 Q pay D2 --date 2025-06-02 --means virement
	check pay-reversal-nets-out test "$(sqlite3 "$DB" "SELECT sum(amount) FROM payments;")" = 0
	Q statement --member BENALI --year 2025 >"$TMP/benali.txt"
	check statement-says-cancelled grep -q "cancelled by a reversal before it was paid: nothing to pay" "$TMP/benali.txt"
	check statement-says-paid-back-nothing grep -q "cancels a line that was never paid: nothing to pay back" "$TMP/benali.txt"
	check statement-nothing-due grep -Eq "Balance still due to the member +€0\.00" "$TMP/benali.txt"
}
block payments

# 5. Dates: an approval between the receipt's arrival and today (here
# 2026-06-30), a payment between the approval and today.
block_dates() {
	fresh dates
	step Q distribute FIR-2025-COORD --key "Equal shares"
	life approve-before-received 65 Q approve FIR-2025-COORD --date 2025-06-11
	life approve-after-today 65 Q approve FIR-2025-COORD --date 2026-07-01
	life approve-dated 0 Q approve FIR-2025-COORD --date 2025-06-12
	life pay-before-approval 65 Q pay FIR-2025-COORD --date 2025-06-11 --means virement
	life pay-after-today 65 Q pay FIR-2025-COORD --date 2026-07-01 --means virement
}
block dates

# 6. Names: a reference that reads as a distribution number or a receipt
# id is refused where it enters; one stored anyway (the sqlite3 shell)
# makes a name that could mean two objects ambiguous: "D1" with a draft
# D1, "4" with a receipt of id 4.
block_names() {
	fresh names
	printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\nACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;OK-1;\nACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;D2;\n' >"$TMP/refs-d.csv"
	printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\nACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;0042;\n' >"$TMP/refs-id.csv"
	life import-reference-d 65 Q import receipts "$TMP/refs-d.csv"
	life import-reference-id 65 Q import receipts "$TMP/refs-id.csv"
	step Q distribute PEPS-2025-T1 --key PEPS
	sqlite3 "$DB" "UPDATE receipts SET reference = 'D1' WHERE reference = 'PEPS-2025-T4';"
	sqlite3 "$DB" "UPDATE receipts SET reference = '4' WHERE reference = 'PEPS-2025-T3';"
	life show-ambiguous-d 65 Q show D1
	life distribute-ambiguous-id 65 Q distribute 4 --key PEPS --dry-run
	life distribute-by-other-id 0 Q distribute 7 --key PEPS --dry-run --format csv
}
block names

finish
