#!/bin/sh
# test-reverse.sh: R on an approved distribution asks, then opens the draft
# that negates it; A approves that draft and the receipt can be divided
# again, all without the command line; in French the words follow.
. "$(dirname "$0")/lib.sh"

make_demo
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute"
"$QP_BIN" --db "$DB" approve ACI-2025-AV --date 2025-05-02 >/dev/null || fail "approve"
start 80 24
keys 8
wait_for ">D1"
keys Enter
wait_for "D1 · approved"
keys R
wait_for "Reverse D1"
keys y
wait_for "D2 is the draft that reverses D1"
wait_for "D2 · draft · reversal"
keys A
wait_for "Approve the distribution"
keys Enter Enter
wait_for "Approve D2: receipt ACI-2025-AV"
keys y
wait_for "D2 approved"
[ "$(sqlite3 "$DB" "SELECT status || ' ' || mode || ' ' || reverses FROM distributions WHERE id = 2;")" = "approved reversal 1" ] ||
	fail "D2 is not the approved reversal of D1"
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI --dry-run >/dev/null 2>&1 || fail "the receipt cannot be divided again"
# R again on D1: refused, saying why, nothing stored.
keys Escape
wait_for ">D2"
keys Down
wait_for ">D1"
keys Enter
wait_for "D1 · approved"
keys R y
sleep 0.3
[ "$(sqlite3 "$DB" "SELECT count(*) FROM distributions;")" = 2 ] || fail "a second reversal was stored"
keys Escape Escape q
check_restored 0
