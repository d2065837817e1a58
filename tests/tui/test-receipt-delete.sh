#!/bin/sh
# test-receipt-delete.sh: a receipt entered by mistake (0 €, never
# divided) is deleted from the Receipts screen after a confirmation, and
# u brings it back; one that has a distribution is refused at once.
. "$(dirname "$0")/lib.sh"

make_demo
printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\nIPEP;seed;2026;2026-01-01;2026-12-31;2026-02-01;0;OOPS-ZERO;typed by mistake\n' >"$TMPD/r.csv"
"$QP_BIN" --db "$DB" import receipts "$TMPD/r.csv" >/dev/null || fail "import"
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute"
count() { sqlite3 "$DB" "SELECT count(*) FROM receipts WHERE reference = '$1';"; }
start 80 24
keys 5
wait_for "[5 Receipts]"
keys /; type_text "OOPS"; keys Enter
wait_for ">"
keys D
wait_for "Delete receipt OOPS-ZERO"
keys y
wait_for "Receipt OOPS-ZERO deleted (u undoes it)."
[ "$(count OOPS-ZERO)" = 0 ] || fail "the receipt is still stored"
keys u
wait_for "Undo"
keys y
wait_for "OOPS-ZERO"
[ "$(count OOPS-ZERO)" = 1 ] || fail "undo did not bring the receipt back"
keys Escape
keys /; type_text "ACI-2025-AV"; keys Enter
keys D
wait_for "This receipt has been divided: it is not deleted"
[ "$(count ACI-2025-AV)" = 1 ] || fail "a divided receipt went"
keys q
check_restored 0
