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
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$DB-wal" "$DB-shm"
# Nobody runs and reads nothing from the clone or from a folder it may not
# enter (a clone or a TMPDIR under a mktemp -d parent, 0700): the program
# and the database are copied to a folder it can reach, /tmp's own when a
# parent of $TMPD is closed to it, and the configuration goes there too.
AS="setpriv --reuid=65534 --regid=65534 --clear-groups --"
chmod 0755 "$TMPD"
RO=$TMPD
if ! $AS test -x "$TMPD"; then
	RO=$(mktemp -d /tmp/qp-ro.XXXXXX) || fail "mktemp"
	trap 'cleanup; rm -rf "$RO"' EXIT
	mkdir -p "$RO/config"
	export XDG_CONFIG_HOME="$RO/config" XDG_DATA_HOME="$RO/data"
fi
cp "$QP_BIN" "$RO/quotepart-ro" && chmod 0755 "$RO/quotepart-ro" || fail "cannot copy the program"
QP_BIN=$RO/quotepart-ro
[ "$RO" = "$TMPD" ] || { cp "$DB" "$RO/demo.db" && DB=$RO/demo.db; } || fail "cannot copy the database"
chmod 0444 "$DB"
chmod 0777 "$RO"      # room for the -shm a reader of a WAL database needs
before=$(cksum <"$DB")
start 120 40 $AS
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
