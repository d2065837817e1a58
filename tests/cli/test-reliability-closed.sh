#!/bin/sh
# The tests that run commands as another user (nobody) pass when the
# clone sits in a folder that user cannot enter, as CI may put it (a
# mktemp -d parent, mode 0700), and TMPDIR too: the clone is reached here
# through a link inside such a folder, so that every path of the clone and
# of the tests' temporary folders crosses a folder closed to nobody (with
# TMPDIR open, the tests take the same copies, in their own folder). Needs
# root (as those tests do for their nobody parts); skipped otherwise.
set -u
ROOT=$(pwd)
if [ "$(id -u)" != 0 ] || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	echo "SKIP: needs root to run commands as nobody"
	exit 0
fi
CLOSED=$(mktemp -d "${TMPDIR:-/tmp}/qp-closed.XXXXXX") || exit 1
trap 'rm -rf "$CLOSED"' EXIT
chmod 0700 "$CLOSED"
ln -s "$ROOT" "$CLOSED/repo"
mkdir -m 0700 "$CLOSED/tmp"
BIN=${QP_BIN:-./quotepart}
case $BIN in /*) ;; *) BIN=$CLOSED/repo/$BIN ;; esac
setpriv --reuid=65534 --regid=65534 --clear-groups -- sh -c "test -x '$BIN'" 2>/dev/null &&
	{ echo "FAIL: nobody can reach $BIN: the folder does not close"; exit 1; }
failures=0
# run TEST TMPDIR WHERE: TEST from the closed clone, with that TMPDIR.
run() {
	if (cd "$CLOSED/repo" && QP_BIN=$BIN TMPDIR=$2 sh "$1") >"$CLOSED/log" 2>&1; then
		echo "ok $1 ($3)"
	else
		echo "FAIL $1 ($3):"
		grep -E 'FAIL|checks' "$CLOSED/log" | head -20
		failures=$((failures + 1))
	fi
}
run tests/cli/test-reliability-files.sh "$CLOSED/tmp" "the clone and TMPDIR closed to nobody"
run tests/tui/test-readonly.sh "$CLOSED/tmp" "the clone and TMPDIR closed to nobody"
[ $failures = 0 ]
