# lib.sh: golden-output helpers for the command-line tests (sourced).
#
# golden NAME RC CMD...: run CMD, compare "stdout, stderr, exit code" with
#   tests/cli/golden/NAME.out.
# check NAME CONDITION-COMMAND...: a plain assertion.
# block NAME: run the function block_NAME there (or, under QP_ONLY, only
#   at finish): a block of steps that starts from its own database (fresh
#   or empty below) and needs nothing another block did.
# fresh NAME: start a block from the demo practice (made once per script
#   by `quotepart demo` with QUOTEPART_TODAY fixed): TMP becomes the
#   block's own folder $TMP_ROOT/NAME, DB a copy of the demo in it,
#   $TMP/demo.db, and Q runs quotepart on DB.
# empty NAME: the same without a database: DB names a file not made yet.
# step CMD...: a step that sets a block up: its output is not compared,
#   its failure is one (and says which step, before the goldens it spoils).
# finish: run the blocks QP_ONLY names, print the count, exit status.
#
# Variables:
#   QP_UPDATE_GOLDEN=1  golden rewrites the files instead of comparing
#                       (read `git diff tests/cli/golden` before committing).
#   QP_ONLY="B1 B2"     run only these blocks, in this order (a script
#                       made of blocks keeps every assertion in one); a
#                       block that passes alone and in any order is
#                       independent. `grep '^block ' SCRIPT` lists them.
#   QP_BIN              the program (./quotepart).
#
# Golden output shows the temporary folder (the block's) as $TMP, the
# source tree's path as nothing, and the audit hashes as <sha256>.
set -u
BIN=${QP_BIN:-./quotepart}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
ROOT=$(pwd)
GOLDEN=$ROOT/tests/cli/golden
FIX=$(pwd)/tests/fixtures
failures=0
count=0
export LANG=C.UTF-8 LC_ALL=C.UTF-8 QUOTEPART_TODAY=2026-06-30
unset LANGUAGE QUOTEPART_DB QUOTEPART_CONFIG
TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/qp-cli.XXXXXX")
TMP=$TMP_ROOT
export XDG_CONFIG_HOME="$TMP_ROOT/config" XDG_DATA_HOME="$TMP_ROOT/data"
trap 'rm -rf "$TMP_ROOT"' EXIT
DB="$TMP/demo.db"
blocks_known=" "

Q() { "$BIN" --db "$DB" "$@"; }

golden() {
	name=$1; want_rc=$2; shift 2
	count=$((count + 1))
	out="$TMP/$name.actual"
	mkdir -p "$(dirname "$out")"
	"$@" >"$out.stdout" 2>"$out.stderr"
	rc=$?
	# Paths of the temporary folder vary: show them as $TMP; so do the
	# audit hashes (entries carry the time): show them as <sha256>.
	{ cat "$out.stdout"; echo "--- stderr"; cat "$out.stderr"; echo "--- exit $rc"; } |
		sed -e "s|$TMP|\$TMP|g" -e "s|$ROOT/||g" -e 's/[0-9a-f]\{64\}/<sha256>/g' >"$out"
	if [ "${QP_UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$out" "$GOLDEN/$name.out"
	elif ! cmp -s "$out" "$GOLDEN/$name.out"; then
		echo "FAIL $name: output differs from tests/cli/golden/$name.out"
		diff -u "$GOLDEN/$name.out" "$out" | head -40
		failures=$((failures + 1))
		return
	fi
	if [ "$rc" != "$want_rc" ]; then
		echo "FAIL $name: exit $rc, expected $want_rc"
		failures=$((failures + 1))
	fi
}

check() {
	name=$1; shift
	count=$((count + 1))
	if ! "$@"; then
		echo "FAIL $name"
		failures=$((failures + 1))
	fi
}

step() {
	if ! "$@" >"$TMP/step.out" 2>"$TMP/step.err"; then
		echo "FAIL setting up the block: $*"
		sed 's/^/  | /' "$TMP/step.err"
		failures=$((failures + 1))
		return 1
	fi
}

# The demo, made once: the command closes the database before it exits,
# so the file holds everything and no -wal or -journal is left beside it
# (one left would mean a copy misses what it holds: refused).
pristine() {
	p="$TMP_ROOT/pristine/demo.db"
	if [ ! -f "$p" ]; then
		mkdir -p "$TMP_ROOT/pristine"
		if ! "$BIN" --db "$p" demo >"$TMP_ROOT/pristine/demo.out" 2>&1; then
			echo "FAIL the demo practice: $(cat "$TMP_ROOT/pristine/demo.out")"
			exit 1
		fi
	fi
	for side in -wal -journal -shm; do
		if [ -e "$p$side" ]; then
			echo "FAIL the demo practice left $p$side: not copied"
			exit 1
		fi
	done
}

empty() {
	TMP="$TMP_ROOT/$1"
	if [ -e "$TMP" ]; then
		echo "FAIL block $1 started twice"
		exit 1
	fi
	mkdir -p "$TMP"
	DB="$TMP/demo.db"
}

fresh() {
	pristine
	empty "$1"
	cp -p "$TMP_ROOT/pristine/demo.db" "$DB"
}

block() {
	blocks_known="$blocks_known$1 "
	[ -n "${QP_ONLY:-}" ] || "block_$1"
}

finish() {
	for b in ${QP_ONLY:-}; do
		case $blocks_known in
		*" $b "*) "block_$b" ;;
		*) echo "FAIL QP_ONLY: no block $b (blocks:$blocks_known)"; failures=$((failures + 1)) ;;
		esac
	done
	echo "$count checks, $failures failed"
	[ "$failures" = 0 ]
}
