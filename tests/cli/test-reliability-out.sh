#!/bin/sh
# Never over a database (issue 10): every writer of a file the user names
# (--out of the exports, distribute, compare, show, key export and the
# reports in text, CSV, PDF and XLSX, one statement per member into a
# folder, and `backup FILE`) refuses a file that is a database: the open
# one, its -wal, -shm or -journal (there or not), the default one
# ($QUOTEPART_DB, the XDG path), a symbolic or hard link to any of them,
# any other SQLite file. Exit 73 (EX_CANTCREAT), a message naming the
# file, nothing written: same bytes, same modification time, no temporary
# file left, and the database still passes check. `backup` also refuses a
# database that another program holds open, and still replaces an old
# backup.
. tests/cli/lib.sh
. tests/reliability/lib.sh
DB="$TMP/q.db"
"$BIN" --db "$DB" demo >/dev/null || { echo "FAIL demo"; exit 1; }
qp() { "$BIN" --db "$DB" "$@"; }
qp distribute ACI-2025-AV --key ACI >/dev/null 2>&1 &&
	qp approve D1 --date 2025-05-10 >/dev/null &&
	qp pay D1 --date 2025-05-20 --means virement >/dev/null || { echo "FAIL setup"; exit 1; }
qp distribute PEPS-2025-T1 --key PEPS >/dev/null 2>&1 || { echo "FAIL setup draft"; exit 1; }
before_db=$(fp "$DB")

# hold_open DB: another program (the sqlite3 shell, as the interface
# would) keeps DB open, so that its -wal and -shm are there; release
# closes it.
hold_open() {
	rm -f "$TMP/hold.in" "$TMP/hold.out"
	mkfifo "$TMP/hold.in"
	sqlite3 "$1" <"$TMP/hold.in" >"$TMP/hold.out" 2>&1 &
	holdpid=$!
	exec 8>"$TMP/hold.in"
	echo "SELECT 'open', count(*) FROM members;" >&8
	i=0
	while ! grep -q open "$TMP/hold.out" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.02; i=$((i + 1)); done
}
release() {
	exec 8>&-
	wait $holdpid 2>/dev/null
}

# The writers, each with OUT standing for the file named.
cat >"$TMP/writers" <<'EOF'
export members --out OUT
show D1 --out OUT
show D1 --format csv --out OUT
distribute ACI-2025-AV --key ACI --dry-run --out OUT
distribute PEPS-2025-T1 --key PEPS --format csv --out OUT
compare ACI-2025-AV --key ACI --key Equal --out OUT
key export ACI --out OUT
statement --member MARTIN --year 2025 --out OUT
statement --all --year 2025 --format csv --out OUT
statement --member MARTIN --year 2025 --format pdf --out OUT
attestation --all --year 2025 --format pdf --out OUT
summary --year 2025 --format xlsx --out OUT
summary --year 2025 --format pdf --out OUT
posts --year 2025 --format csv --out OUT
expected --year 2025 --out OUT
journal --year 2025 --out OUT
backup OUT
EOF
sed -i 's/--key Equal/--key "Equal shares"/' "$TMP/writers"
# For the other files, one writer of each kind: a CSV export, a command
# that writes to the database first, a key export, a PDF, the XLSX
# module, a backup.
grep -E '^(export|distribute PEPS|key|statement --member .* pdf|summary .* xlsx|backup)' "$TMP/writers" >"$TMP/some"

# state FILE: filestate, but a -wal or -shm that holds what SQLite puts
# there (a reader leaves an empty -wal and its -shm behind; the program
# under test does not choose that) counts as "sqlite", there or not.
state() {
	case $1 in
	*-wal|*-shm)
		magic=$(head -c 4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
		case $magic in ''|377f068[23]|18e22d00) echo sqlite; return ;; esac ;;
	esac
	filestate "$1"
}
# files DIR...: the names in the folders, without SQLite's -wal and -shm.
files() {
	ls -A "$@" | grep -v -e '-wal$' -e '-shm$'
}
mkdir "$TMP/log"
ERR="$TMP/log/err"

# refused KIND TARGET [ENV [LIST]]: every writer of LIST (all of them
# when not given) refuses TARGET (exit 73, a message naming it) and leaves
# it, the database and the folders as they were. ENV (VAR=VALUE) is set
# for the commands.
refused() {
	kind=$1; target=$2; envset=${3:-}; list=${4:-$TMP/some}
	before=$(state "$target")
	listing=$(files "$(dirname "$target")" "$(dirname "$DB")")
	while read -r cmd; do
		cmd=$(echo "$cmd" | sed "s|OUT|'$target'|")
		eval "env $envset \"\$BIN\" --db \"\$DB\" $cmd" >/dev/null 2>"$ERR"
		rc=$?
		name=$(basename "$target")
		if [ $rc != 73 ] || ! grep -qF "$name" "$ERR" || ! grep -q "never write" "$ERR"; then
			fail_msg "$kind: $cmd" "exit $rc (want 73): $(cat "$ERR")"
		elif [ "$(state "$target")" != "$before" ]; then
			fail_msg "$kind: $cmd" "$target was written"
		elif [ "$(files "$(dirname "$target")" "$(dirname "$DB")")" != "$listing" ]; then
			fail_msg "$kind: $cmd" "a file was left: $(files "$(dirname "$target")")"
		else
			ok_msg
		fi
	done <"$list"
	# The open database was never replaced: it holds what it held.
	if [ "$(fp "$DB")" != "$before_db" ] || ! "$BIN" --db "$DB" check >/dev/null 2>&1; then
		fail_msg "$kind" "the database changed or fails check"
	else
		ok_msg
	fi
}

refused "the open database" "$DB" "" "$TMP/writers"
ln -s q.db "$TMP/link.db"
refused "a symbolic link to it" "$TMP/link.db" "" "$TMP/writers"
ln "$DB" "$TMP/hard.db"
refused "a hard link to it" "$TMP/hard.db"
rm -f "$TMP/hard.db"
refused "its -journal, absent" "$DB-journal"
refused "its -wal, absent" "$DB-wal"
hold_open "$DB"
check "held open: -wal there" test -e "$DB-wal"
refused "its -wal" "$DB-wal"
refused "its -shm" "$DB-shm"
ln -s q.db-wal "$TMP/link-wal"
refused "a link to its -wal" "$TMP/link-wal"
release

sqlite3 "$TMP/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
refused "another SQLite database" "$TMP/other.db"
refused "another database's -journal" "$TMP/other.db-journal"
cp "$DB" "$TMP/default.db"
refused "the default database (QUOTEPART_DB)" "$TMP/default.db" "QUOTEPART_DB=$TMP/default.db"
refused "the default database's -wal (QUOTEPART_DB)" "$TMP/default.db-wal" "QUOTEPART_DB=$TMP/default.db"
mkdir -p "$XDG_DATA_HOME/quotepart"
cp "$DB" "$XDG_DATA_HOME/quotepart/quotepart.db"
refused "the default database (XDG)" "$XDG_DATA_HOME/quotepart/quotepart.db"

# statement --all --format pdf --out DIR: one file per member; when one of
# them would be a database, none is written.
mkdir "$TMP/st"
ln -s ../q.db "$TMP/st/statement-2025-MARTIN.pdf"
for cmd in "statement --all --year 2025 --format pdf --out $TMP/st" \
           "attestation --all --year 2025 --format pdf --out $TMP/st"; do
	rm -f "$TMP/st/attestation-2025-MARTIN.pdf"
	case $cmd in attestation*) ln -s ../q.db "$TMP/st/attestation-2025-MARTIN.pdf" ;; esac
	listing=$(ls -A "$TMP/st")
	# shellcheck disable=SC2086
	"$BIN" --db "$DB" $cmd >/dev/null 2>"$ERR"
	rc=$?
	check "per-member into a folder: exit 73 ($cmd)" test $rc = 73
	check "per-member into a folder: says why ($cmd)" grep -q "never write" "$ERR"
	check "per-member into a folder: nothing written ($cmd)" test "$(ls -A "$TMP/st")" = "$listing"
done
check "per-member into a folder: database intact" test "$(fp "$DB")" = "$before_db"

# Still written: a new file, an old export, an old backup.
printf 'old\n' >"$TMP/old.csv"
check "an old export is replaced" "$BIN" --db "$DB" export members --out "$TMP/old.csv"
check "the old export holds the members" grep -q "code;name;profession" "$TMP/old.csv"
check "a backup" "$BIN" --db "$DB" backup "$TMP/b1.db"
qp import members "$FIX/cli/members.csv" >/dev/null 2>&1
check "a backup over an old backup" "$BIN" --db "$DB" backup "$TMP/b1.db"
check "the new backup holds the import" test "$(fp "$TMP/b1.db")" = "$(fp "$DB")"

# backup over a database another program has open: refused, kept.
cp "$TMP/b1.db" "$TMP/busy.db"
hold_open "$TMP/busy.db"
before=$(filestate "$TMP/busy.db")
"$BIN" --db "$DB" backup "$TMP/busy.db" >/dev/null 2>"$ERR"
rc=$?
check "backup over a database in use: exit 73" test $rc = 73
check "backup over a database in use: says so" grep -q "open in another program" "$ERR"
check "backup over a database in use: kept" test "$(filestate "$TMP/busy.db")" = "$before"
release

# backup over a database whose writer was killed: the -wal it left would
# be replayed over the new copy at its next open. Refused, kept.
cp "$TMP/b1.db" "$TMP/stale.db"
rm -f "$TMP/hold.in" "$TMP/hold.out"
mkfifo "$TMP/hold.in"
sqlite3 "$TMP/stale.db" <"$TMP/hold.in" >"$TMP/hold.out" 2>&1 &
holdpid=$!
exec 8>"$TMP/hold.in"
echo "PRAGMA wal_autocheckpoint = 0; UPDATE settings SET value = 'killed' WHERE name = 'name'; SELECT 'written';" >&8
i=0
while ! grep -q written "$TMP/hold.out" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.02; i=$((i + 1)); done
kill -9 $holdpid 2>/dev/null
wait $holdpid 2>/dev/null
exec 8>&-
check "a killed writer left a -wal" test -s "$TMP/stale.db-wal"
before=$(filestate "$TMP/stale.db")
"$BIN" --db "$DB" backup "$TMP/stale.db" >/dev/null 2>"$ERR"
rc=$?
check "backup over a database with a -wal left: exit 73" test $rc = 73
check "backup over a database with a -wal left: says so" grep -q "stale.db-wal beside it" "$ERR"
check "backup over a database with a -wal left: kept" test "$(filestate "$TMP/stale.db")" = "$before"
# Imports never read a database: closing a descriptor of the open one
# would drop this process's SQLite locks on it. Exit 65, nothing changed.
cp "$TMP/b1.db" "$TMP/other.db"
before_db=$(fp "$DB")
hold_open "$DB"
for c in "import members $DB" "import receipts $DB-wal" "import activities $DB-shm" "key import $DB" \
         "key import $TMP/other.db" "import members $TMP/other.db"; do
	# shellcheck disable=SC2086
	qp $c >/dev/null 2>"$ERR"
	rc=$?
	check "$c: exit 65" test $rc = 65
	check "$c: says it reads no database" grep -Eq "is a database|belongs to the database" "$ERR"
done
release
check "imports of a database: the database unchanged" test "$(fp "$DB")" = "$before_db"
rel_finish
