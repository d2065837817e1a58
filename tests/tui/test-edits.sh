#!/bin/sh
# test-edits.sh: the record forms beyond the walkthrough: edit a member
# and undo it; a member leaves (a date, no deletion); an edit refused
# because another process changed the member meanwhile; hours logged with
# a wrong value caught as typed; a post edited; patients searched by code
# a page at a time, with the counts per GP.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"

keys 2
wait_for "[2 Members]"
keys /; type_text "MARTIN"; keys Enter
wait_for "> MARTIN"

# Edit, then undo.
keys e
wait_for "Edit member MARTIN"
type_text " B"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Member MARTIN saved (u undoes it)."
wait_for "Élise Martin B"
keys u
wait_for "Undo the change of member MARTIN (put it back as it was)?"
keys y
wait_for "Undone: the change of member MARTIN."
wait_gone "Élise Martin B"

# Leaves at the end of 2025: still listed, marked as gone.
keys x
wait_for "Élise Martin leaves"
keys C-u; type_text "2025-12-31"; keys Enter
wait_for "leaves on the date given"
wait_for "2025-12-31"
screen | grep -q "MARTIN.*left" || fail "MARTIN not marked as left"

# Two sessions: the form holds the member as it was when opened.
keys e
wait_for "Edit member MARTIN"
printf 'code;name;profession;status;joined;left;fte;rpps\nMARTIN;Élise Martin-Autre;gp;associate;2011-09-01;;1,00;10077598406\n' >"$TMPD/m.csv"
"$QP_BIN" --db "$DB" import members "$TMPD/m.csv" >/dev/null || fail "import failed"
type_text "X"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "changed in another session"
keys Escape
wait_for "Discard your changes?"
keys y
wait_for "Élise Martin-Autre"

# Hours: checked as typed.
keys Escape 6
wait_for "[6 Activities]"
keys a
wait_for "Log hours of activity"
keys Enter Enter Enter
type_text "25"
wait_for "more than 0 and at most 24 hours"
keys C-u; type_text "1,5"; keys Enter
type_text "Test RCP"; keys Enter
wait_for "Hours logged for BENALI."
wait_for "Test RCP"

# A post.
keys 3
wait_for "[3 Posts]"
keys e
wait_for "Edit post ASSIST"
type_text " 2"
keys Enter Enter Enter Enter Enter Enter
wait_for "Post ASSIST saved (u undoes it)."
wait_for "Assistant médical 2"

# Patients: a page at a time, searched by code.
keys 4
wait_for "Patients per GP"
wait_for "5000 patient(s)"
keys /; type_text "P0049"; keys Enter
wait_for "100 patient(s)"
keys G
wait_for ">P004999"

keys q
check_restored 0
echo "ok"
