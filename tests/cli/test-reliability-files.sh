#!/bin/sh
# Bad database files (issue 6): empty, truncated at several sizes, text,
# an SQLite header over garbage, another application's database, a newer
# schema, a folder, a link; a read-only file and a read-only folder. Every
# command, readers and writers, is refused with a clear message or, for a
# read-only file, reads and refuses to write; the file is never written
# (same bytes, same modification time). Commands run as "nobody" for the
# read-only cases when we are root. tests/reliability/README-section.md.
. tests/cli/lib.sh
. tests/reliability/lib.sh
"$BIN" --db "$TMP/demo.db" demo >/dev/null || { echo "FAIL demo"; exit 1; }
SIZE=$(stat -c %s "$TMP/demo.db")
# Commands run as nobody read nothing from the clone, which may sit in a
# folder nobody cannot enter: copies (tests/reliability/lib.sh).
user_kit
MEMBERS=$(user_file "$FIX/cli/members.csv")
KEY=$(user_file "$ROOT/config/keys/aci.cfg")

mkdir -m 0777 "$USERDIR/out"
# The commands tried on each file, readers first.
cat >"$TMP/commands" <<EOF
export members
check
distributions
key list
backup $USERDIR/out/backup.db
distribute ACI-2025-AV --key ACI --dry-run
import members $MEMBERS
init --name X
demo
distribute ACI-2025-AV --key ACI
approve D1 --date 2025-05-10
key import $KEY
EOF

# refused KIND FILE RC PATTERN [SKIP]: every command (but those matching
# SKIP) exits with a code matching RC (a pattern: 65 or 65|70) and a
# message matching PATTERN, and FILE is untouched.
refused() {
	kind=$1; file=$2; want=$3; pattern=$4; skip=${5:-^$}
	before=$(filestate "$file")
	n=0
	while read -r cmd; do
		echo "$cmd" | grep -Eq "$skip" && continue
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$BIN" --db "$file" $cmd >/dev/null 2>"$TMP/err"
		rc=$?
		if ! echo "$rc" | grep -Eqx "$want" || ! grep -Eq "$pattern" "$TMP/err"; then
			fail_msg "$kind: $cmd" "exit $rc (want $want): $(cat "$TMP/err")"
		elif [ "$(filestate "$file")" != "$before" ]; then
			fail_msg "$kind: $cmd" "the file was written"
		else
			ok_msg
		fi
	done <"$TMP/commands"
	rm -f "$USERDIR/out/backup.db"
}

: >"$TMP/empty.db"
refused empty "$TMP/empty.db" 65 "an empty database" "^(init|demo)"
for size in 10 100 1000 4096 8192 $((SIZE / 2)) $((SIZE - 1000)); do
	head -c $size "$TMP/demo.db" >"$TMP/cut$size.db"
	refused "cut at $size bytes" "$TMP/cut$size.db" "65|70" "not a quotepart database|damaged"
done
cp "$MEMBERS" "$TMP/members.db"
refused "a CSV file" "$TMP/members.db" 65 "not a quotepart database \(not an SQLite file\)"
{ printf 'SQLite format 3\000'; head -c 5000 /dev/urandom; } >"$TMP/fake.db"
refused "an SQLite header over garbage" "$TMP/fake.db" "65|70" "not a quotepart database|damaged"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
refused "another application's database" "$TMP/other.db" 65 "of another application; it was not changed"
cp "$TMP/demo.db" "$TMP/v99.db"
sqlite3 "$TMP/v99.db" "PRAGMA user_version = 99;"
refused "a newer schema" "$TMP/v99.db" 65 "made by a newer quotepart \(schema 99"
mkdir "$TMP/folder.db"
refused "a folder" "$TMP/folder.db" 65 "not a regular file"
ln -s "$TMP/demo.db" "$TMP/link.db"
before=$(filestate "$TMP/demo.db")
"$BIN" --db "$TMP/link.db" import members "$MEMBERS" >/dev/null 2>"$TMP/err"
rc=$?
check link-refused test $rc != 0
check link-target-untouched test "$(filestate "$TMP/demo.db")" = "$before"
check link-message-clear grep -q "a symbolic link; give the path of the database file itself" "$TMP/err"

# ---- an interrupted change: a hot rollback journal ---------------------------
# hot DB: leave DB as a writer killed midway through a transaction in
# rollback-journal mode leaves it (a new database is in that mode until it
# switches to WAL): pages of a new table already spilled into the file, the
# journal that undoes them beside it.
hot() {
	cp "$TMP/demo.db" "$1"
	sqlite3 "$1" "PRAGMA journal_mode = DELETE;" >/dev/null
	rm -f "$TMP/hot.in" "$TMP/hot.out"
	mkfifo "$TMP/hot.in"
	sqlite3 "$1" <"$TMP/hot.in" >"$TMP/hot.out" 2>&1 &
	hotpid=$!
	exec 9>"$TMP/hot.in"
	echo "PRAGMA cache_size = 1; BEGIN; CREATE TABLE zz (a);
INSERT INTO zz WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 300) SELECT randomblob(1000) FROM r;
SELECT 'spilled';" >&9
	i=0
	while ! grep -q spilled "$TMP/hot.out" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	kill -9 $hotpid 2>/dev/null
	wait $hotpid 2>/dev/null
	exec 9>&-
}
hot "$TMP/hot.db"
check hot-journal-left test -s "$TMP/hot.db-journal"
# A reader undoes it (it may write the file) and reads the last commit.
"$BIN" --db "$TMP/hot.db" check >/dev/null 2>"$TMP/err"
rc=$?
check hot-journal-reader-reads test $rc = 0
check hot-journal-undone test "$(sqlite3 "$TMP/hot.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'zz';")" = 0
check hot-journal-gone test ! -e "$TMP/hot.db-journal"

if [ -n "$SKIP_RO" ]; then
	echo "SKIP read-only files and folders: root cannot run commands as nobody here"
	rel_finish
	exit
fi

# ---- read-only file: reads work, writes are refused and change nothing ----
U="$USERDIR/u"
mkdir -p "$U/file" "$U/folder"
[ -n "$AS_USER" ] && chown 65534:65534 "$U/file" "$U/folder"
$AS_USER "$UBIN" --db "$U/file/q.db" demo >/dev/null
$AS_USER "$UBIN" --db "$U/file/q.db" distribute ACI-2025-AV --key ACI >/dev/null 2>&1
$AS_USER "$UBIN" --db "$U/folder/q.db" demo >/dev/null
chmod 0400 "$U/file/q.db"
before=$(filestate "$U/file/q.db")
while read -r cmd; do
	# shellcheck disable=SC2086
	$AS_USER "$UBIN" --db "$U/file/q.db" $cmd >/dev/null 2>"$TMP/err"
	rc=$?
	case $cmd in
	export*|check|distributions|key\ list|backup*|*--dry-run) want=0 ;;
	*) want=73 ;;
	esac
	if [ $rc != $want ] || { [ $want = 73 ] && ! grep -q "the database is read-only; nothing was changed" "$TMP/err"; }; then
		fail_msg "read-only file: $cmd" "exit $rc (want $want): $(cat "$TMP/err")"
	elif [ "$(filestate "$U/file/q.db")" != "$before" ]; then
		fail_msg "read-only file: $cmd" "the file was written"
	else
		ok_msg
	fi
done <"$TMP/commands"
# Made writable again, it takes changes again.
chmod 0600 "$U/file/q.db"
$AS_USER "$UBIN" --db "$U/file/q.db" import members "$MEMBERS" >/dev/null 2>"$TMP/err"
rc=$?
# A read-only command left a 0400 -shm (SQLite gives it the database's
# mode): the writer makes it writable again.
check writable-again test $rc = 0

# A reader that may not write the file cannot undo an interrupted change:
# it says so, and reads nothing.
mkdir -p "$U/hot"
hot "$U/hot/q.db"
chmod 0644 "$U/hot/q.db" "$U/hot/q.db-journal"
[ -n "$AS_USER" ] && chown 65534:65534 "$U/hot"
before=$(filestate "$U/hot/q.db")
$AS_USER "$UBIN" --db "$U/hot/q.db" export members >/dev/null 2>"$TMP/err"
rc=$?
check hot-journal-unwritable-exit test $rc = 73
check hot-journal-unwritable-says-why grep -q "a change was interrupted midway and must be undone" "$TMP/err"
check hot-journal-unwritable-untouched test "$(filestate "$U/hot/q.db")" = "$before"

# ---- read-only folder: never written; refused with a clear message -------
chmod 0555 "$U/folder"
before=$(filestate "$U/folder/q.db")
while read -r cmd; do
	# shellcheck disable=SC2086
	$AS_USER "$UBIN" --db "$U/folder/q.db" $cmd >/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc = 0 ] && ! echo "$cmd" | grep -Eq "^(export|check|distributions|key list|backup)|--dry-run$"; then
		fail_msg "read-only folder: $cmd" "a writer succeeded"
	elif [ $rc != 0 ] && [ $rc != 73 ]; then
		fail_msg "read-only folder: $cmd" "exit $rc (want 73): $(cat "$TMP/err")"
	elif [ "$(filestate "$U/folder/q.db")" != "$before" ] || [ -n "$(ls -A "$U/folder" | grep -vx q.db)" ]; then
		fail_msg "read-only folder: $cmd" "the folder was written"
	else
		ok_msg
	fi
done <"$TMP/commands"
$AS_USER "$UBIN" --db "$U/folder/q.db" export members >/dev/null 2>"$TMP/err"
rc=$?
# Readers need a -shm beside a WAL database: refused, naming the folder.
check ro-folder-readers-exit test $rc = 73
check ro-folder-readers-say-why grep -q "cannot be read from a folder this user may not write" "$TMP/err"
chmod 0755 "$U/folder"

# ---- exports where they cannot be written ------------------------------------
# An unwritable folder: refused, the previous export untouched.
mkdir -p "$U/outro"
printf 'the export of yesterday\r\n' >"$U/outro/m.csv"
[ -n "$AS_USER" ] && chown -R 65534:65534 "$U/outro"
chmod 0555 "$U/outro"
before=$(filestate "$U/outro/m.csv")
$AS_USER "$UBIN" --db "$U/file/q.db" export members --out "$U/outro/m.csv" 2>"$TMP/err"
rc=$?
check export-ro-folder-fails test $rc = 74
check export-ro-folder-says-so grep -q "cannot write" "$TMP/err"
check export-ro-folder-old-kept test "$(filestate "$U/outro/m.csv")" = "$before"
check export-ro-folder-nothing-left test "$(ls -A "$U/outro")" = m.csv
chmod 0755 "$U/outro"
# A device (a private copy of /dev/full, when root): written to, or
# refused; never replaced by a regular file.
if [ "$(id -u)" = 0 ] && mknod "$TMP/full" c 1 7 2>/dev/null; then
	"$BIN" --db "$TMP/demo.db" export members --out "$TMP/full" 2>"$TMP/err"
	rc=$?
	check export-to-device-fails test $rc = 74
	check export-to-device-says-so grep -q "cannot write $TMP/full: No space left on device" "$TMP/err"
	check export-to-device-kept test -c "$TMP/full"
	rm -f "$TMP/full"
fi
# A FIFO is written to, not replaced; /dev/stdout (a link to the output)
# too; a link to a file stays a link and its target gets the export.
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
"$BIN" --db "$TMP/demo.db" export members --out "$TMP/fifo" 2>"$TMP/err"
rc=$?
wait
check export-to-fifo test $rc = 0
check export-to-fifo-kept test -p "$TMP/fifo"
check export-to-fifo-data grep -q "code;name;profession" "$TMP/fifo.out"
"$BIN" --db "$TMP/demo.db" export members --out /dev/stdout >"$TMP/stdout.csv" 2>"$TMP/err"
check export-to-dev-stdout sh -c "[ $? = 0 ] && cmp -s '$TMP/stdout.csv' '$TMP/fifo.out'"
printf 'old\n' >"$TMP/target.csv"
ln -s target.csv "$TMP/link.csv"
"$BIN" --db "$TMP/demo.db" export members --out "$TMP/link.csv" 2>"$TMP/err"
check export-to-link-kept test -L "$TMP/link.csv"
check export-to-link-target cmp -s "$TMP/target.csv" "$TMP/fifo.out"
ln -s nowhere.csv "$TMP/dangling.csv"
"$BIN" --db "$TMP/demo.db" export members --out "$TMP/dangling.csv" 2>"$TMP/err"
rc=$?
check export-to-dangling-link-refused sh -c "[ $rc = 74 ] && grep -q 'a link to nothing' '$TMP/err'"
check export-to-dangling-link-kept test -L "$TMP/dangling.csv"
rel_finish
