#!/bin/sh
# test-readonly.sh: a database other users may read is reported when the
# interface opens; one this user may not write is marked "read-only" in the
# title for the whole session and refuses a change with the message the
# commands give, writing nothing. The read-only part runs the program as
# "nobody" (setpriv), so it needs root; it is skipped otherwise.
. "$(dirname "$0")/lib.sh"

make_demo
chmod 0644 "$DB"
start 120 40
wait_for "Maison de santé des Tilleuls"
wait_for "Warning: other users can read this database (mode 0644); run: chmod 600 $DB"
screen | grep -q "read-only" && fail "a writable database is marked read-only"
keys q
check_restored 0

if [ "$(id -u)" != 0 ] || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	echo "SKIP read-only: needs root to run as nobody"
	exit 0
fi
tmux -L "$SOCK" kill-server 2>/dev/null
chmod 0755 "$TMPD"
chmod 0444 "$DB"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$DB-wal" "$DB-shm"
chmod 0777 "$TMPD"      # room for the -shm a reader of a WAL database needs
before=$(cksum <"$DB")
start 120 40 setpriv --reuid=65534 --regid=65534 --clear-groups --
wait_for "quotepart · Maison de santé des Tilleuls · read-only"
# A change is refused, in words.
keys 2
wait_for "[2 Members]"
keys a
wait_for "New member"
type_text "ZZ"
keys Enter
type_text "Zoé Zola"
i=0
while [ $i -lt 40 ] && ! screen | grep -q "the database is read-only"; do
	keys Enter
	sleep 0.1
	i=$((i + 1))
done
screen | grep -q "the database is read-only" || fail "the change was not refused as read-only"
keys Escape
wait_for "Discard your changes?"
keys y
wait_gone "New member"
keys q
check_restored 0
[ "$(cksum <"$DB")" = "$before" ] || fail "the read-only database was written"
echo "ok"
