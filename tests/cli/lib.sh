# lib.sh: golden-output helpers for the command-line tests (sourced).
# golden NAME RC CMD...: run CMD, compare "stdout, stderr, exit code" with
# tests/cli/golden/NAME.out; QP_UPDATE_GOLDEN=1 rewrites the file instead
# (read it before committing it).
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
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qp-cli.XXXXXX")
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
trap 'rm -rf "$TMP"' EXIT

golden() {
	name=$1; want_rc=$2; shift 2
	count=$((count + 1))
	out="$TMP/$name.actual"
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

# check NAME CONDITION-COMMAND...: a plain assertion.
check() {
	name=$1; shift
	count=$((count + 1))
	if ! "$@"; then
		echo "FAIL $name"
		failures=$((failures + 1))
	fi
}

finish() {
	echo "$count checks, $failures failed"
	[ "$failures" = 0 ]
}
