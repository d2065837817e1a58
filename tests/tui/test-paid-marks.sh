#!/bin/sh
# test-paid-marks.sh: on a paid distribution at 80x24, a line that got a
# leftover cent shows both marks, "+1✔" (the ✔ used to fall off the
# screen, as both shared a two-column space).
. "$(dirname "$0")/lib.sh"

make_demo
Q() { "$QP_BIN" --db "$DB" "$@" >/dev/null 2>&1 || fail "quotepart $*"; }
Q distribute ACI-2025-AV --key ACI
Q approve ACI-2025-AV --date 2025-05-02
Q pay D1 --date 2025-05-10 --means virement
start 80 24
keys 8
wait_for ">D1"
keys Enter
wait_for "Total €49,236.00"
screen | grep -q '+1✔ *$' || fail "no line shows +1✔"
keys q
check_restored 0
