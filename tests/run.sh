#!/bin/sh
# Run every test: the Criterion programs given as arguments, then the
# shell suites (tests/cli/*.sh golden output, tests/tui/*.sh in tmux).
# Prints one closing line "N passed, N failed" and exits non-zero on any
# failure, or on any sanitizer report in the logs (QP_SANITIZED=1).
set -u
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE
export QP_BIN="${QP_BIN:-./quotepart}"
logdir=$(mktemp -d "${TMPDIR:-/tmp}/quotepart-tests.XXXXXX")
passed=0
failed=0
failures=""

run_one() { # name command...
	name=$1; shift
	log="$logdir/$(echo "$name" | tr '/' '_').log"
	if "$@" >"$log" 2>&1; then ok=1; else ok=0; fi
	if [ "${QP_SANITIZED:-0}" = 1 ] &&
	   grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
		ok=0
		echo "sanitizer report in $name" >>"$log"
	fi
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		printf 'ok      %s\n' "$name"
	else
		failed=$((failed + 1))
		failures="$failures $name"
		printf 'FAILED  %s\n' "$name"
		sed 's/^/    | /' "$log" | tail -n 40
	fi
}

for t in "$@"; do
	run_one "$t" "$t" --jobs=2
done
for t in tests/cli/test-*.sh tests/tui/test-*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done

rm -rf "$logdir"
echo "tests: $passed passed, $failed failed"
[ $failed = 0 ]
