#!/bin/sh
# test-instalments.sh: the Home screen lists the expected instalments that
# are late or due within 45 days (not those further off, nor those
# received), in English and in French at 80x24, and Enter on one says
# where its receipt goes instead of opening anything; it lists an approved
# distribution not paid yet, which Enter opens, and no longer once paid.
. "$(dirname "$0")/lib.sh"
make_demo
# lib.sh's today: 2026-03-02.
Q() { "$QP_BIN" --db "$DB" "$@" >/dev/null || fail "quotepart $*"; }
Q instalment add IPEP 2026 seed 2026-02-15 12000      # late
Q instalment add PEPS 2026 quarterly 2026-04-10 23000 # within 45 days
Q instalment add PEPS 2026 quarterly 2026-07-15 23000 # too far ahead
Q instalment add PEPS 2025 quarterly 2025-04-15 23000 # received (the demo's first quarter)

start 80 24
wait_for "What waits"
# The demo's nine receipts to divide come first: the filter keeps the
# instalments.
keys /; type_text "due 2026"; keys Enter
wait_for "LATE: IPEP 2026 Seed money"
wait_for "due 2026-02-15"
wait_for "due 2026-04-10"
screen | grep -qF "due 2026-07-15" && fail "an instalment 4 months off is listed"
screen | grep -qF "due 2025-04-15" && fail "a received instalment is listed"
wait_for "Expected: PEPS 2026"
screen | grep -q "^> LATE" || fail "the first instalment is not selected"
keys Enter
wait_for "Receipts screen"
keys q
check_restored 0

# Approved and not paid: listed until it is paid.
Q distribute IPEP-2025-AMORCAGE --key ACI
Q approve IPEP-2025-AMORCAGE --date 2025-04-02
next_server
start 80 24
wait_for "What waits"
keys /; type_text "To pay"; keys Enter
wait_for "To pay: D1 of IPEP-2025-AMORCAGE, €20,000.00 not paid yet"
keys Enter
wait_for "[8 Distributions]"
keys q
check_restored 0
Q pay D1 --date 2025-04-10 --means virement
next_server
start 80 24
wait_for "What waits"
screen | grep -qF "To pay:" && fail "a paid distribution is still listed"
keys q
check_restored 0

next_server
start 80 24 LANGUAGE=fr
wait_for "En attente"
keys /; type_text "dû le"; keys Enter
wait_for "EN RETARD${NB}: IPEP 2026"
wait_for "Attendu${NB}: PEPS 2026"
# Dates as a French reader writes them.
wait_for "dû le 15/02/2026"
keys q
check_restored 0
