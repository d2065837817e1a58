#!/bin/sh
# test-approve-race.sh: a preview on the screen while another program
# divides and approves the same receipt: A then says which distribution
# the other one approved, in French too, and never "no distribution 0"
# however many times it is confirmed; nothing more is stored.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24 LANGUAGE=fr
wait_for "En attente"
keys 8 n
wait_for "Quel versement répartir"
type_text "ACI-2025-AV"; keys Enter
type_text "ACI"
wait_for ">ACI"
keys Enter
wait_for "APERÇU"
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute"
"$QP_BIN" --db "$DB" approve ACI-2025-AV --date 2025-05-01 >/dev/null || fail "approve"
keys A
wait_for "Approuver la répartition"
keys Enter Enter
wait_for "D1"
screen | grep -qF "répartition 0" && fail "the message names distribution 0"
keys y
sleep 0.5
screen | grep -qF "répartition 0" && fail "confirmed again: the message names distribution 0"
keys Escape Escape
test "$(sqlite3 "$DB" "SELECT count(*) FROM distributions;")" = 1 || fail "something more was stored"
# The preview was read again from the database: nothing unsaved to ask about.
keys q
check_restored 0
