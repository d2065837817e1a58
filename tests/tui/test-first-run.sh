#!/bin/sh
# test-first-run.sh: `quotepart` with no database, at a terminal, shows
# the first-run screen instead of exiting 66: q quits and creates nothing;
# c asks the practice's name (UTF-8 typed, an empty name refused) and opens
# the interface on the new practice; d makes the demo in a file of its own
# beside it (never the practice's database) and opens it, then opens it
# again next time. In English and French, at 80x24 and 120x40. Without a
# terminal the program still exits 66 with its message.
. "$(dirname "$0")/lib.sh"

# The program runs in $TMPD (lib.sh's wrapper): a relative --db keeps the
# screens the same from run to run, for the snapshots.
DB=data/quotepart/quotepart.db
REAL="$TMPD/$DB"
mkdir -p "$TMPD/data/quotepart"
# Without a terminal: the message and 66, nothing created.
"$QP_BIN" --db "$REAL" </dev/null >"$TMPD/out" 2>"$TMPD/err"
rc=$?
[ $rc = 66 ] || fail "no database, no terminal: exit $rc, expected 66"
grep -q "no database here" "$TMPD/err" || fail "no database, no terminal: $(cat "$TMPD/err")"
[ -e "$REAL" ] && fail "a database was created without a terminal"

# The screen, in both languages and sizes; q: nothing created.
for lang in en fr; do
	for size in "80 24" "120 40"; do
		next_server
		# shellcheck disable=SC2086
		if [ $lang = fr ]; then start $size LANGUAGE=fr; else start $size; fi
		snapshot "$lang-$(echo "$size" | tr ' ' x)-first-run" "demo.db"
		keys q
		check_restored 0
	done
done
next_server
start 80 24
wait_for "There is no practice in"
wait_for "q  quit"
keys q
check_restored 0
[ -e "$REAL" ] && fail "q created a database"
[ -e "$TMPD/data/quotepart/demo.db" ] && fail "q created the demo"

# c: the name, checked, then the practice's interface.
next_server
start 80 24
wait_for "c  create"
keys c
wait_for "Enter creates it"
keys Enter
wait_for "Type the practice's name first."
type_text "Maison de santé de l'Étang"
keys Enter
wait_for "ready in"
wait_for "Maison de santé de l'Étang"
keys q
check_restored 0
[ -f "$REAL" ] || fail "c did not create the database"
[ "$("$QP_BIN" --db "$REAL" settings get name)" = "Maison de santé de l'Étang" ] ||
	fail "practice name: $("$QP_BIN" --db "$REAL" settings get name)"
[ "$(stat -c %a "$REAL")" = 600 ] || fail "the new database is not 0600"

# Next start opens it directly.
next_server
start 80 24
wait_for "What waits"
keys q
check_restored 0

# d, in French at 120x40: the demo beside it, the real one untouched.
rm -f "$REAL"
next_server
start 120 40 LANGUAGE=fr
wait_for "Il n'y a pas encore de structure"
keys d
wait_for "démonstration"
wait_for "En attente"
keys q
check_restored 0
[ -f "$TMPD/data/quotepart/demo.db" ] || fail "d did not make the demo beside the database"
[ -e "$REAL" ] && fail "d created the practice's database"
[ "$("$QP_BIN" --db "$TMPD/data/quotepart/demo.db" export members | wc -l)" -gt 5 ] ||
	fail "the demo has no members"

# d again: the same demo, opened, not made twice.
next_server
start 80 24 LANGUAGE=fr
wait_for "ouvrir à nouveau"
keys d
wait_for "En attente"
keys q
check_restored 0
echo "first run: ok"
