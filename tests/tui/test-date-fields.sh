#!/bin/sh
# test-date-fields.sh: a date a form shows when its field is reached is
# replaced by what is typed first (it used to be appended to:
# "2025-01-012024-..."); a key that moves the cursor first keeps it for
# editing; other fields still append.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
keys 9
wait_for "[9 Statements]"
keys d
wait_for "Period of the statement"
type_text "2024-01-01"
keys Enter
type_text "2024-12-31"
keys Enter
wait_for "2024-01-01 → 2024-12-31"
# Editing in place: End (or an arrow) first, then Backspace, keeps the rest.
keys d
wait_for "Period of the statement"
keys End BSpace
type_text "2"
keys Enter Enter
wait_for "2024-01-02 → 2024-12-31"
keys q
check_restored 0
