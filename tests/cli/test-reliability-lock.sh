#!/bin/sh
# Two programs on one database (issue 6). While another program holds a
# write transaction (tests/reliability/lockhold.c: BEGIN IMMEDIATE and a
# write), an import waits for it and succeeds when it ends within the
# busy timeout (10 s); held longer, the import says "in use" (exit 75)
# and writes nothing, and runs again fine afterwards; readers never wait.
# Two payments, approvals or drafts of the same distribution at the same
# moment never pay a line twice nor leave two drafts; two edits of one
# member never overwrite each other silently. Takes about 11 s
# (the busy timeout), both waits running side by side.
. tests/cli/lib.sh
. tests/reliability/lib.sh
LOCK=$(helper lockhold)
"$BIN" --db "$TMP/a.db" demo >/dev/null || { echo "FAIL demo"; exit 1; }
cp "$TMP/a.db" "$TMP/b.db"
cp "$TMP/a.db" "$TMP/c.db"
patients_csv "$TMP/p.csv" 200
before_b=$(fp "$TMP/b.db")

# wait_locked FILE: until the holder printed "locked" (5 s at most).
wait_locked() {
	i=0
	while ! grep -q locked "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 500 ] && return 1
		sleep 0.01
	done
}

# b: held for 12.5 s, longer than the busy timeout.
"$LOCK" "$TMP/b.db" 12500 >"$TMP/b.lock" 2>&1 &
holder_b=$!
# a: held for 2 s.
"$LOCK" "$TMP/a.db" 2000 >"$TMP/a.lock" 2>&1 &
holder_a=$!
wait_locked "$TMP/b.lock" || echo "FAIL the holder of b.db did not lock: $(cat "$TMP/b.lock")"
wait_locked "$TMP/a.lock" || echo "FAIL the holder of a.db did not lock: $(cat "$TMP/a.lock")"

# The long wait runs in the background meanwhile.
(
	t0=$(now_us)
	"$BIN" --db "$TMP/b.db" import patients "$TMP/p.csv" >/dev/null 2>"$TMP/b.err"
	echo "$? $(( ($(now_us) - t0) / 1000 ))" >"$TMP/b.result"
) &
waiter_b=$!

# Readers do not wait for a writer (WAL).
t0=$(now_us)
"$BIN" --db "$TMP/a.db" export members >"$TMP/a.members" 2>&1
rc=$?
ms=$(( ($(now_us) - t0) / 1000 ))
check reader-during-write test $rc = 0
check reader-does-not-wait test $ms -lt 1500
check reader-check-during-write "$BIN" --db "$TMP/a.db" check

t0=$(now_us)
"$BIN" --db "$TMP/a.db" import patients "$TMP/p.csv" >/dev/null 2>"$TMP/a.err"
rc=$?
ms=$(( ($(now_us) - t0) / 1000 ))
echo "lock: an import waited $ms ms for a 2 s write transaction (exit $rc)"
check waits-then-succeeds test $rc = 0
check it-did-wait test $ms -ge 1000
check within-the-timeout test $ms -lt 10000
check import-there sh -c "sqlite3 -readonly '$TMP/a.db' 'SELECT count(*) FROM patients' | grep -qx 5200"
wait $holder_a

wait $waiter_b
read -r rc ms <"$TMP/b.result"
echo "lock: an import gave up after $ms ms on a 12.5 s write transaction (exit $rc): $(cat "$TMP/b.err")"
check in-use-exit-75 test "$rc" = 75
check in-use-message grep -q "in use" "$TMP/b.err"
check gave-up-after-the-timeout test "$ms" -ge 9000
# No need to wait for the rest of the holder's 12.5 s: ended, it never
# committed, like the crash of a colleague's session.
kill $holder_b 2>/dev/null
wait $holder_b
check in-use-wrote-nothing test "$(fp "$TMP/b.db")" = "$before_b"
check in-use-then-again "$BIN" --db "$TMP/b.db" import patients "$TMP/p.csv"

# Racing writers on one distribution: a line is never paid twice, a
# distribution approved once, a receipt has one draft.
"$BIN" --db "$TMP/c.db" distribute ACI-2025-AV --key ACI >/dev/null 2>&1
for i in 1 2 3 4; do
	"$BIN" --db "$TMP/c.db" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 &
done
wait
check one-draft sh -c "sqlite3 -readonly '$TMP/c.db' \"SELECT count(*) FROM distributions WHERE status = 'draft'\" | grep -qx 1"
id=$(sqlite3 -readonly "$TMP/c.db" "SELECT id FROM distributions WHERE status = 'draft'")
for i in 1 2 3 4; do
	("$BIN" --db "$TMP/c.db" approve "D$id" --date 2025-05-10 >/dev/null 2>&1; echo $? >"$TMP/approve.$i") &
done
wait
check approved-once sh -c "cat '$TMP'/approve.* | grep -cx 0 | grep -qx 1"
for i in 1 2 3 4; do
	"$BIN" --db "$TMP/c.db" pay "D$id" --date 2025-05-20 --means virement >/dev/null 2>&1 &
done
wait
check paid-once sh -c "sqlite3 -readonly '$TMP/c.db' \"SELECT count(*) = count(DISTINCT line_id) AND count(*) = (SELECT count(*) FROM distribution_lines WHERE distribution_id = $id AND cents <> 0) FROM payments\" | grep -qx 1"
check racing-check "$BIN" --db "$TMP/c.db" check

# Two edits of one record (app_edit.h, the TUI's forms): the one made on
# a record shown before the other's change is refused, not silently
# applied over it; of two at the same moment, one is saved.
"$BIN" --db "$TMP/e.db" demo >/dev/null
check two-edits "$(helper twoedits)" "$TMP/e.db"
check two-edits-check "$BIN" --db "$TMP/e.db" check
rel_finish
