#!/bin/sh
# test-other-program.sh: another program (a `quotepart import`) writes the
# same database while the interface is open. An add whose code it created
# after the form opened is refused, saying so, and the form is kept as
# typed; nothing of the other program's record is overwritten. An undo of
# a change whose record it changed since is refused, and so is the undo of
# a removal of hours it entered again (they would count twice).
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"

# ---- an add: a pure insert ----
keys 2 a
wait_for "New member"
type_text "NEWX"
keys Tab
type_text "Typed Here"
printf 'code;name;profession;status;joined;left;fte;rpps\nNEWX;From Elsewhere;nurse;associate;2021-01-01;;0,5;\n' >"$TMPD/m.csv"
"$QP_BIN" --db "$DB" import members "$TMPD/m.csv" >/dev/null || fail "import failed"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Error: member NEWX already exists (added by another program?): nothing"
wait_for "was saved; your form is kept"
wait_for "Code: NEWX"
wait_for "Name: Typed Here"
"$QP_BIN" --db "$DB" export members | grep -q "^NEWX;From Elsewhere;nurse;" ||
	fail "the other program's member was overwritten: $("$QP_BIN" --db "$DB" export members | grep NEWX)"
keys Escape
wait_for "Discard your changes?"
keys y

# ---- undo of an edit the other program changed since ----
keys /
type_text "MARTIN"
keys Enter
wait_for "> MARTIN"
keys e
wait_for "Edit member MARTIN"
type_text " B"
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Member MARTIN saved (u undoes it)."
printf 'code;name;profession;status;joined;left;fte;rpps\nMARTIN;Élise Martin-Import;gp;associate;2011-09-01;;1,00;10077598406\n' >"$TMPD/m2.csv"
"$QP_BIN" --db "$DB" import members "$TMPD/m2.csv" >/dev/null || fail "import failed"
keys u
wait_for "Undo the change of member MARTIN"
keys y
wait_for "member MARTIN was changed by another program since your change; nothing"
"$QP_BIN" --db "$DB" export members | grep -q "^MARTIN;Élise Martin-Import;" || fail "undo overwrote the import"
keys Escape

# ---- undo of a removal of hours entered again since ----
keys 6
wait_for "[6 Activities]"
keys G
wait_for "> 2025-12-26 ROUSSEL"
keys D
wait_for "Delete the"
keys y
wait_for "removed (u undoes it)."
before=$("$QP_BIN" --db "$DB" export activities | grep -c "^ROUSSEL;2025-12-26;coordination;")
printf 'member;date;kind;hours;note\nROUSSEL;2025-12-26;coordination;2,5;Coordination des parcours\n' >"$TMPD/a.csv"
"$QP_BIN" --db "$DB" import activities "$TMPD/a.csv" >/dev/null || fail "import failed"
keys u
wait_for "Undo the removal of the hours of ROUSSEL"
keys y
wait_for "the hours of ROUSSEL on 2025-12-26 were entered again by another program"
after=$("$QP_BIN" --db "$DB" export activities | grep -c "^ROUSSEL;2025-12-26;coordination;")
[ "$after" = $((before + 1)) ] || fail "the hours are there $after times, expected $((before + 1))"

keys q
check_restored 0
"$QP_BIN" --db "$DB" check >/dev/null || fail "check found a problem"
echo "ok"
