#!/bin/sh
# test-undo.sh: undo and redo of several steps, per screen, at 80x24. On
# Members three edits are undone one by one and two of them redone (u,
# then U and ^R), the screen, the status bar and the database checked at
# each step; a receipt edited on Receipts is left alone by u on Members,
# and undone from Receipts. In English, then in French.
. "$(dirname "$0")/lib.sh"

# sql QUERY: one value from the database, as the sqlite3 shell reads it.
sql() {
	sqlite3 "$DB" "$1"
}

# wait_db QUERY VALUE: poll until the database says VALUE.
wait_db() {
	i=0
	while [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		[ "$(sql "$1")" = "$2" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "$1 is \"$(sql "$1")\", expected \"$2\""
}

name_of_martin="SELECT name FROM members WHERE code = 'MARTIN';"
t2_amount="SELECT amount FROM receipts WHERE reference = 'PEPS-2025-T2';"
status_bar() {
	screen | tail -n 1
}

# edit_martin TEXT: MARTIN's name with TEXT typed at its end, saved.
edit_martin() {
	keys e
	wait_for "Edit member MARTIN"
	type_text "$1"
	keys Enter Enter Enter Enter Enter Enter Enter
}

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 2
wait_for "[2 Members]"
keys /; type_text "MARTIN"; keys Enter
wait_for "> MARTIN"
# Nothing to undo yet: the bar says neither.
status_bar | grep -q " u undo" && fail "u undo shown with nothing to undo"
status_bar | grep -q "U redo" && fail "U redo shown with nothing to redo"

edit_martin " A"
wait_db "$name_of_martin" "Élise Martin A"
wait_for "Élise Martin A "
edit_martin "B"
wait_db "$name_of_martin" "Élise Martin AB"
wait_for "Élise Martin AB"
edit_martin "C"
wait_db "$name_of_martin" "Élise Martin ABC"
wait_for "Élise Martin ABC"
wait_for "Member MARTIN saved (u undoes it)."
status_bar | grep -q "u undo" || fail "u undo not shown after an edit"
status_bar | grep -q "U redo" && fail "U redo shown with nothing undone"

# Three undos, newest first.
keys u
wait_for "Undo the change of member MARTIN (put it back as it was)?"
keys y
wait_for "Undone: the change of member MARTIN. U redoes it."
wait_db "$name_of_martin" "Élise Martin AB"
wait_gone "Élise Martin ABC"
status_bar | grep -q "U redo" || fail "U redo not shown after an undo"
keys u
wait_for "Undo the change of member MARTIN (put it back as it was)?"
keys y
wait_db "$name_of_martin" "Élise Martin A"
wait_gone "Élise Martin AB"
keys u
wait_for "Undo the change of member MARTIN (put it back as it was)?"
keys y
wait_db "$name_of_martin" "Élise Martin"
wait_gone "Élise Martin A "
status_bar | grep -q " u undo" && fail "u undo shown with nothing left to undo"
keys u
wait_for "Nothing to undo."
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'undo member edit';")" = 3 ] || fail "not 3 undos audited"

# Two redos: U, then ^R; the oldest edit comes back first.
keys U
wait_for "Redo the change of member MARTIN (make it again)?"
keys y
wait_for "Redone: the change of member MARTIN. u undoes it."
wait_db "$name_of_martin" "Élise Martin A"
wait_for "Élise Martin A "
keys C-r
wait_for "Redo the change of member MARTIN (make it again)?"
keys y
wait_db "$name_of_martin" "Élise Martin AB"
wait_for "Élise Martin AB"
status_bar | grep -q "u undo" || fail "u undo not shown after a redo"
status_bar | grep -q "U redo" || fail "U redo not shown with one more to redo"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'redo member edit';")" = 2 ] || fail "not 2 redos audited"

# A receipt edited on Receipts; u on Members takes the member's change.
keys Escape 5
wait_for "[5 Receipts]"
keys /; type_text "PEPS-2025-T2"; keys Enter
wait_for "> 2025-05-15"
status_bar | grep -q "u undo" && fail "Receipts offers the members' undo"
keys e
wait_for "Edit receipt PEPS-2025-T2"
keys Tab Tab Tab Tab Tab Tab C-u; type_text "23 000,00"
keys Enter Enter Enter
wait_for "Receipt PEPS-2025-T2 saved (u undoes it)."
wait_db "$t2_amount" 2300000
keys 2
wait_for "[2 Members]"
keys u
wait_for "Undo the change of member MARTIN (put it back as it was)?"
keys y
wait_for "Undone: the change of member MARTIN. U redoes it."
wait_db "$name_of_martin" "Élise Martin A"
[ "$(sql "$t2_amount")" = 2300000 ] || fail "u on Members touched the receipt"
keys 5
wait_for "[5 Receipts]"
keys u
wait_for "Undo the change of receipt PEPS-2025-T2 (put it back as it was)?"
keys y
wait_for "Undone: the change of receipt PEPS-2025-T2. U redoes it."
wait_db "$t2_amount" 2298713
[ "$(sql "$name_of_martin")" = "Élise Martin A" ] || fail "u on Receipts touched the member"
keys q
check_restored 0

# ---- in French, on a new tmux server: one being killed may still hold
# its socket when the next starts ----
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=qp-test-$$-fr
start 80 24 LANGUAGE=fr
wait_for "Maison de santé des Tilleuls"
keys 2
keys /; type_text "MARTIN"; keys Enter
wait_for "> MARTIN"
keys e
wait_for "MARTIN"
type_text "Z"
keys Enter Enter Enter Enter Enter Enter Enter
wait_db "$name_of_martin" "Élise Martin AZ"
status_bar | grep -q "u annuler" || fail "u annuler not shown after an edit"
keys u
wait_for "Annuler la modification du membre MARTIN (revenir à l'état précédent)${NB}?"
keys y
wait_for "Annulé${NB}: la modification du membre MARTIN. U pour rétablir."
wait_db "$name_of_martin" "Élise Martin A"
status_bar | grep -q "U rétablir" || fail "U rétablir not shown after an undo"
keys U
wait_for "Rétablir la modification du membre MARTIN (refaire l'opération)${NB}?"
keys y
wait_for "Rétabli${NB}: la modification du membre MARTIN. u pour annuler."
wait_db "$name_of_martin" "Élise Martin AZ"
keys U
wait_for "Rien à rétablir."
keys q
check_restored 0
echo "ok"
