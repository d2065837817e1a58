#!/bin/sh
# Permissions (issue 6): under umask 022 the database, its WAL and shared
# memory, the default data folder, exports (--out) and backups are created
# private (0600, folders 0700). A database that others may read is
# reported (not yet: known, see the report to the lead).
. tests/cli/lib.sh
. tests/reliability/lib.sh
KILLAT=$(helper killat)
umask 022
mode() { stat -c %a "$1"; }

"$BIN" --db "$TMP/q.db" init --name MSP >/dev/null
check db-0600 test "$(mode "$TMP/q.db")" = 600
"$BIN" --db "$TMP/d.db" demo >/dev/null
check demo-db-0600 test "$(mode "$TMP/d.db")" = 600

# The WAL and shared memory of a writer killed mid-import stay behind:
# they are as private as the database.
patients_csv "$TMP/p.csv" 50000
t0=$(now_us)
cp "$TMP/d.db" "$TMP/w.db"
"$BIN" --db "$TMP/w.db" import patients "$TMP/p.csv" >/dev/null
dur=$(( $(now_us) - t0 ))
tries=0
while [ $tries -lt 20 ]; do
	tries=$((tries + 1))
	rm -f "$TMP/w.db" "$TMP/w.db-wal" "$TMP/w.db-shm"
	cp "$TMP/d.db" "$TMP/w.db"
	"$KILLAT" $((dur * tries / 25 + dur / 3)) "$BIN" --db "$TMP/w.db" import patients "$TMP/p.csv" >/dev/null
	# The WAL is created empty when the transaction starts; its pages
	# may come only at the commit: being there is enough here.
	[ -e "$TMP/w.db-wal" ] && [ -e "$TMP/w.db-shm" ] && break
done
check wal-left-by-a-kill test -e "$TMP/w.db-wal"
check wal-0600 test "$(mode "$TMP/w.db-wal")" = 600
check shm-0600 test "$(mode "$TMP/w.db-shm")" = 600

# Files written by commands.
check export-out "$BIN" --db "$TMP/d.db" export members --out "$TMP/m.csv"
check export-0600 test "$(mode "$TMP/m.csv")" = 600
printf 'old\n' >"$TMP/old.csv"
chmod 0644 "$TMP/old.csv"
check export-over-0644 "$BIN" --db "$TMP/d.db" export receipts --out "$TMP/old.csv"
check export-over-0644-now-0600 test "$(mode "$TMP/old.csv")" = 600
check key-export-out "$BIN" --db "$TMP/d.db" key export ACI --out "$TMP/k.cfg"
check key-export-0600 test "$(mode "$TMP/k.cfg")" = 600
"$BIN" --db "$TMP/d.db" distribute ACI-2025-AV --key ACI --dry-run --out "$TMP/dist.txt" 2>/dev/null
check distribute-out-0600 test "$(mode "$TMP/dist.txt")" = 600
check backup "$BIN" --db "$TMP/d.db" backup "$TMP/b.db"
check backup-0600 test "$(mode "$TMP/b.db")" = 600

# The default place: $XDG_DATA_HOME/quotepart/quotepart.db.
XDG_DATA_HOME="$TMP/xdg/data" "$BIN" init --name MSP >/dev/null
check default-folder-0700 test "$(mode "$TMP/xdg/data/quotepart")" = 700
check default-db-0600 test "$(mode "$TMP/xdg/data/quotepart/quotepart.db")" = 600

# A database others may read: reported on every open, on stderr, the
# command still running.
cp "$TMP/d.db" "$TMP/open.db"
chmod 0644 "$TMP/open.db"
"$BIN" --db "$TMP/open.db" export members >/dev/null 2>"$TMP/err"
rc=$?
check world-readable-still-works test $rc = 0
check world-readable-reported grep -q "warning: $TMP/open.db can be read by other users (mode 0644); run: chmod 600 $TMP/open.db" "$TMP/err"
chmod 0640 "$TMP/open.db"
"$BIN" --db "$TMP/open.db" import patients "$TMP/p.csv" >/dev/null 2>"$TMP/err"
rc=$?
check group-readable-still-works test $rc = 0
check group-readable-reported grep -q "(mode 0640); run: chmod 600" "$TMP/err"
# Kept private, nothing is said.
chmod 0600 "$TMP/open.db"
"$BIN" --db "$TMP/open.db" export members >/dev/null 2>"$TMP/err"
check private-not-reported test ! -s "$TMP/err"
rel_finish
