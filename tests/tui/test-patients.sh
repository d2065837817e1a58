#!/bin/sh
# test-patients.sh: the patients list of the demo (5,000 patients, codes
# P000001 up, read a window of a few screens at a time, repainted row by
# row). After moves, scrolls, pages, last and first, going back up past
# the window read: the 17 rows shown are consecutive codes from the one
# expected, the selection marks the code expected and no other row, the
# counts beside the list are intact. Then a damaged database: the program
# says so and leaves (the check after the first frame), with the terminal
# restored and the file untouched.
. "$(dirname "$0")/lib.sh"

make_demo
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>&1 || true
cp "$DB" "$TMPD/damaged.db"
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 4
wait_for "[4 Patients]"
wait_for ">P000001"

# shown FIRST SELECTED: the list's 17 rows (screen lines 4 to 20) are
# P<FIRST>, P<FIRST+1>... and only SELECTED has the mark. Polls, since a
# key may still be on its way.
shown() {
	first=$1 sel=$2 i=0
	want=$(awk -v f="$first" -v s="$sel" 'BEGIN {
		for (k = f; k < f + 17; k++)
			printf "%s%s\n", k == s ? ">" : " ", sprintf("P%06d", k) }')
	while [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		got=$(screen | sed -n '4,20p' | cut -c1-8)
		[ "$got" = "$want" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	[ "$got" = "$want" ] || fail "rows $first.. with $sel selected expected, got: $(echo "$got" | tr '\n' ' ')"
	[ "$(screen | grep -c '^>')" = 1 ] || fail "more than one selected row"
	screen | grep -q "Patients per GP" || fail "the counts pane was damaged"
	screen | grep -q "Total" || fail "the counts total is gone"
}

press() { # KEY COUNT
	n=0
	while [ $n -lt "$2" ]; do
		keys "$1"
		n=$((n + 1))
	done
}

press j 5
shown 1 6
press j 15              # scrolls: the selection stays on the last row
shown 5 21
press NPage 1
shown 21 37
press k 20              # back up past the top of the screen
shown 17 17
press G 1               # the last rows, read backwards from the end
shown 4984 5000
press k 3
shown 4984 4997
press PPage 4           # up past the window read at the end
shown 4933 4933
press j 2
shown 4933 4935
press g 1
shown 1 1
# A full redraw gives the same rows.
keys C-l
shown 1 1
keys q
check_restored 0

# ---- a damaged file: the first frame, then the check, then out ----
size=$(stat -c %s "$TMPD/damaged.db")
head -c 32768 /dev/zero | tr '\000' '\245' |
	dd of="$TMPD/damaged.db" bs=1 seek=$((size - 32768)) conv=notrunc 2>/dev/null
cp "$TMPD/damaged.db" "$TMPD/damaged.copy"
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK="$SOCK-damaged"   # a server of its own: the old one may still be going
DB="$TMPD/damaged.db"
start 80 24
wait_for "QP-DONE rc="
rc=$(cat "$TMPD/exit")
[ "$rc" = 70 ] || [ "$rc" = 65 ] || fail "exit status $rc for a damaged database"
grep -q "damaged" "$TMPD/stderr" || fail "no word of the damage: $(cat "$TMPD/stderr")"
check_restored "$rc"
cmp -s "$TMPD/damaged.db" "$TMPD/damaged.copy" || fail "the damaged database was written"
: >"$TMPD/stderr"   # the message was expected: not a sanitizer report
echo "ok"
