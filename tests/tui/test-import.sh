#!/bin/sh
# test-import.sh: I on Members opens the file chooser in the current
# folder (folders first, then the .csv files, hidden ones and other files
# left out, names escaped); Enter opens a folder, Backspace goes up, a
# path may be typed; a folder of 5 000 files is listed and filtered. A good file is shown as what it would add and update,
# then imported once confirmed (the new member is listed); a bad one
# changes nothing (rows counted with sqlite3) and the message gives
# FILE:LINE and why. In English and French, at 80x24 and 120x40.
. "$(dirname "$0")/lib.sh"

members() { sqlite3 "$DB" "SELECT count(*) FROM members;"; }
HEAD="code;name;profession;status;joined;left;fte"

mkdir "$TMPD/csv" "$TMPD/.hidden-dir"
: >"$TMPD/.hidden.csv"
: >"$TMPD/notes.txt"
: >"$TMPD/$(printf 'odd\033[31mname.csv')"
mkdir "$TMPD/many"
i=0
while [ $i -lt 5000 ]; do
	echo "nothing;here" >"$TMPD/many/$(printf 'f%04d.csv' $i)"
	i=$((i + 1))
done

# run TAG COLS ROWS [ENV]: one language at one size, on its own server.
run() {
	tag=$1 cols=$2 rows=$3
	shift 3
	code=AA$(echo "$tag" | tr 'a-z' 'A-Z')
	printf '%s\n%s;Dr %s;gp;associate;2025-01-01;;1\nBENALI;Karim Benali;nurse;associate;2017-02-01;;1,00\n' \
		"$HEAD" "$code" "$tag" >"$TMPD/csv/good-$tag.csv"
	printf '%s\nZZ1%s;Dr Z;gp;associate;2025-01-01;;1\nZZ2%s;Dr Y;plumber;associate;2025-01-01;;1\nZZ3;Dr X;gp;associate;someday;;1\n' \
		"$HEAD" "$tag" "$tag" >"$TMPD/bad-$tag.csv"
	tmux -L "$SOCK" kill-server 2>/dev/null
	SOCK=qp-test-$$-$tag
	rm -f "$DB" "$DB-wal" "$DB-shm"
	make_demo
	start "$cols" "$rows" "$@"
	wait_for "Maison de santé des Tilleuls"
	keys 2
	wait_for "> BENALI"
	before=$(members)

	# The chooser: folders first, .csv files, nothing hidden, names escaped.
	keys I
	wait_for "$T_FOLDER $TMPD"
	wait_for "$T_KEYS_END"
	wait_for "csv/"
	wait_for "bad-$tag.csv"
	wait_for 'odd\x1b[31mname.csv'
	screen | grep -qF "notes.txt" && fail "a file that is not CSV is listed"
	screen | grep -qF ".hidden" && fail "a hidden file or folder is listed"
	[ "$(screen | grep -n 'csv/' | cut -d: -f1)" -lt "$(screen | grep -n "bad-$tag.csv" | cut -d: -f1)" ] ||
		fail "the folders are not listed first"
	# Into the folder with Enter, back up with Backspace, in again typed.
	type_text "csv"
	keys Enter
	wait_for "$T_FOLDER $TMPD/csv"
	wait_for "good-$tag.csv"
	keys BSpace
	wait_for "bad-$tag.csv"
	type_text "csv/good-$tag.csv"
	keys Enter
	wait_for "$T_ADD"
	wait_for "$T_NONE"
	wait_for "$T_ALL"
	[ "$(members)" = "$before" ] || fail "showing the plan changed the members"
	keys y
	wait_for "csv/good-$tag.csv"
	wait_for "$T_IMPORTED"
	wait_for "$code"
	[ "$(members)" = $((before + 1)) ] || fail "the member was not added"

	# A bad file: nothing changes; the message names the first line refused.
	keys I
	wait_for "bad-$tag.csv"
	type_text "bad-$tag"
	keys Enter
	wait_for "$T_REFUSED"
	wait_for "bad-$tag.csv:3:"
	wait_for "$T_UNKNOWN"
	[ "$(members)" = $((before + 1)) ] || fail "a bad file changed the members"
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM members WHERE code LIKE 'ZZ%';")" = 0 ] ||
		fail "a row of the bad file was stored"
	# A folder of 5 000 files: listed, filtered as typed, one picked.
	if [ "$tag" = en80 ]; then
		keys I
		type_text "many"
		keys Enter
		wait_for "$T_FOLDER $TMPD/many"
		wait_for "f0000.csv"
		keys End
		wait_for ">f4999.csv"
		type_text "f2500"
		keys Enter
		wait_for "f2500.csv:1: missing column"
		[ "$(members)" = $((before + 1)) ] || fail "a file of the big folder changed the members"
	fi
	# Esc leaves the chooser, picking nothing.
	keys I
	wait_for "$T_KEYS_END"
	keys Escape
	wait_gone "$T_KEYS_END"
	keys q
	check_restored 0
}

T_FOLDER="Folder:" T_KEYS_END="Esc cancel" T_IMPORTED="2 row(s) imported."
T_ADD="2 row(s): 1 to add" T_NONE="0 refused." T_ALL="one transaction."
T_REFUSED="2 of 3 row(s) refused" T_UNKNOWN='"plumber"'
run en80 80 24
run en120 120 40
T_FOLDER="Dossier${NB}:" T_KEYS_END="Esc annuler" T_IMPORTED="2 ligne(s) importée(s)."
T_ADD="2 ligne(s)${NB}: 1 à ajouter" T_NONE="0 refusée." T_ALL="une seule transaction."
T_REFUSED="2 ligne(s) sur 3 refusée(s)" T_UNKNOWN='"plumber"'
run fr80 80 24 LANGUAGE=fr
run fr120 120 40 LANGUAGE=fr
echo ok
