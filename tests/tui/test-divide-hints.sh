#!/bin/sh
# test-divide-hints.sh: dividing from the interface proposes what fits the
# receipt: the key picker offers the PEPS key first for a PEPS receipt (the
# ACI key is stored first), and a balance whose exercise's advance is
# approved opens with true-up on, saying so; t switches it off.
. "$(dirname "$0")/lib.sh"

make_demo
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute"
"$QP_BIN" --db "$DB" approve ACI-2025-AV --date 2025-05-02 >/dev/null || fail "approve"
start 80 24
keys 8
wait_for "[8 Distributions]"
keys n
wait_for "Divide which receipt?"
type_text "PEPS-2025-T2"
wait_for ">PEPS-2025-T2"
keys Enter
wait_for "Divide with which key?"
wait_for ">PEPS"
keys Escape
wait_gone "Divide with which key?"
keys n
wait_for "Divide which receipt?"
type_text "ACI-2025-SOLDE"
wait_for ">ACI-2025-SOLDE"
keys Enter
wait_for "Divide with which key?"
wait_for ">ACI"
keys Enter
wait_for "true-up is on"
wait_for "PREVIEW"
keys t
wait_for "True-up off"
keys q
wait_for "┌─"
keys y
check_restored 0
