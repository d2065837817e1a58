#!/bin/sh
# test-busy.sh: a save while another program holds a write transaction
# (tests/reliability/lockhold.c). The frame before the save says that it
# may wait; a lock released within the busy timeout (10 s) is waited for
# and the save succeeds; one held longer is reported "in use", nothing is
# saved, the form stays open with everything typed, and Enter once the
# lock is gone saves it. The key editor's s does the same. About 11 s:
# the busy timeout once.
. "$(dirname "$0")/lib.sh"

env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory build/reliability/lockhold >&2 ||
	fail "cannot build build/reliability/lockhold"
LOCK=$(pwd)/build/reliability/lockhold
make_demo

# hold MS: another program writes the database for MS milliseconds; the
# holder's pid in $holder once it has the lock.
hold() {
	rm -f "$TMPD/lock.out"
	"$LOCK" "$DB" "$1" >"$TMPD/lock.out" 2>&1 &
	holder=$!
	i=0
	until grep -q locked "$TMPD/lock.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 500 ] && fail "the holder did not lock: $(cat "$TMPD/lock.out")"
		sleep 0.01
	done
}

members() {
	"$QP_BIN" --db "$DB" export members
}

start 80 24
wait_for "Maison de santé des Tilleuls"
keys 2 a
wait_for "New member"
type_text "BUSY1"
keys Tab
type_text "Held Longer"

# Held past the busy timeout: in use, nothing saved, the form kept.
hold 12500
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Saving... If another program is writing"
WAIT_SECONDS=15 wait_for "the database is in use by another program, still writing after"
wait_for "nothing was saved. Your form is kept as you typed it"
wait_for "Code: BUSY1"
wait_for "Name: Held Longer"
members | grep -q "^BUSY1;" && fail "saved while another program held the database"
kill "$holder"
wait "$holder" 2>/dev/null   # the shell's "Terminated"
keys Enter
wait_for "Member BUSY1 added."
members | grep -q "^BUSY1;Held Longer;" || fail "the form kept was not saved once the database was free"

# Held for 1 s: the save waits, saying so, then succeeds.
keys a
wait_for "New member"
type_text "BUSY2"
keys Tab
type_text "Held Shortly"
hold 1000
keys Enter Enter Enter Enter Enter Enter Enter
wait_for "Saving... If another program is writing"
wait_for "Member BUSY2 added."
members | grep -q "^BUSY2;Held Shortly;" || fail "the save that waited is not stored"
wait "$holder"

# The key editor's s: the same announcement, then the new version.
keys 7
wait_for "[7 Keys]"
keys e
wait_for "Editing key ACI"
keys Enter
wait_for "Description"
type_text " (busy)"
keys Enter
wait_for "Changed in the key"
hold 1000
keys s
wait_for "Saving... If another program is writing"
wait_for "Key ACI saved as version 2"
wait "$holder"
keys q
check_restored 0
"$QP_BIN" --db "$DB" check >/dev/null || fail "check found a problem"
echo "ok"
