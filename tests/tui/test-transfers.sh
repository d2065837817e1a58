#!/bin/sh
# test-transfers.sh: b on Members edits a member's IBAN and BIC (shown
# masked in the list); T on an approved distribution writes its SEPA credit
# transfer file (the file name and execution date proposed), read back by
# the independent reader; the question that follows records the payments
# of the file's members (y) or nothing (n). In English, then in French.
. "$(dirname "$0")/lib.sh"

ROOT=$(pwd)
Q() { "$QP_BIN" --db "$DB" "$@" >/dev/null 2>&1; }
paid() { sqlite3 "$DB" "SELECT count(*) FROM payments;"; }

make_demo
Q import members "$ROOT/tests/fixtures/cli/members-iban.csv" || fail "import members failed"
Q settings set iban "FR76 3000 6000 0112 3456 7890 189" || fail "settings iban failed"
Q settings set bic BNPAFRPP || fail "settings bic failed"
Q distribute ACI-2025-AV --key ACI || fail "distribute failed"
Q approve D1 --date 2025-05-10 || fail "approve failed"
Q distribute ACI-2024-SOLDE --key "Equal shares" || fail "distribute 2024 failed"
Q approve D2 --date 2025-05-10 || fail "approve D2 failed"

# English. On Members, the IBAN shown masked; b edits the account, checked
# as typed and stored normalised.
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 2
wait_for "> BENALI"
wait_for "FR69 ... 2866"
screen | grep -qF "FR6930004000112991548722866" && fail "the member list shows an IBAN in full"
keys b
wait_for "Bank account of Karim Benali"
keys C-u
type_text "FR69 3000 4000 1129 9154 8722 867"
wait_for "the check digits do not match"
keys C-u
type_text "fr76 3000 6000 0112 3456 7890 189"
keys Enter Enter
wait_for "Member BENALI saved"
[ "$(sqlite3 "$DB" "SELECT iban FROM members WHERE code = 'BENALI';")" = FR7630006000011234567890189 ] ||
	fail "the IBAN was not stored normalised"

# The file of D1, then n: nothing is paid.
keys 8
wait_for ">D2"
keys Down Enter
wait_for "D1 · approved"
keys T
wait_for "D1-transfers.xml"
wait_for "2026-03-02"
keys Enter Enter
wait_for "payments of these 11 member(s) now"
keys n
wait_gone "payments of these 11"
[ -f "$TMPD/D1-transfers.xml" ] || fail "no D1-transfers.xml in the current folder"
python3 "$ROOT/tests/cli/sepa_check.py" "$TMPD/D1-transfers.xml" 2026-03-02 >/dev/null ||
	fail "the file does not read back: $(python3 "$ROOT/tests/cli/sepa_check.py" "$TMPD/D1-transfers.xml" 2026-03-02)"
[ "$(paid)" = 0 ] || fail "n recorded payments"

# Again, y: the members' lines are paid, the reservations are not.
keys T
wait_for "D1-transfers.xml"
keys Enter Enter
wait_for "payments of these 11 member(s) now"
keys y
wait_for "marked paid on 2026-03-02"
[ "$(paid)" -gt 0 ] || fail "y recorded no payment"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM payments p JOIN distribution_lines l ON l.id = p.line_id WHERE l.kind = 'reservation';")" = 0 ] ||
	fail "a reservation was paid"
# Nothing is left to send.
keys T
wait_for "D1-transfers.xml"
keys Enter Enter
wait_for "nothing to pay to a member"
keys Escape Escape
keys q
check_restored 0

# French: D2's file, and y. A server of its own: a new one on the socket
# of the one just killed may find it still going away.
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=$SOCK-fr
start 80 24 LANGUAGE=fr
wait_for "Maison de santé des Tilleuls"
keys 8
wait_for ">D2"
keys Enter
wait_for "D2 · "
keys T
wait_for "D2-transfers.xml"
keys Enter Enter
wait_for "paiements de ces 10 membre(s)"
keys y
wait_for "marquée(s) payée(s) le 02/03/2026"
python3 "$ROOT/tests/cli/sepa_check.py" "$TMPD/D2-transfers.xml" 2026-03-02 >/dev/null || fail "D2's file does not read back"
grep -q "repartition D2 du versement" "$TMPD/D2-transfers.xml" || fail "the remittance text is not in French"
keys q
check_restored 0
echo ok
