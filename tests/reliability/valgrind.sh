#!/bin/sh
# valgrind.sh TEST...: the Criterion programs given and the command-line
# golden test (tests/cli/test-cli.sh, ./quotepart wrapped by
# vg-quotepart.sh) under valgrind memcheck, full leak check. Criterion
# runs each test in a process of its own: every process gets its own log
# (--trace-children). Fails when any log has an error or a definite leak
# (known reports of libraries: valgrind.supp). QP_VG_SCRIPTS adds shell
# tests to run the same way. Logs stay in build/valgrind/.
set -u
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE
command -v valgrind >/dev/null || { echo "valgrind: not installed (Debian: apt-get install valgrind)"; exit 1; }
ROOT=$(pwd)
LOGS="$ROOT/build/valgrind"
rm -rf "$LOGS"
mkdir -p "$LOGS"
VG="valgrind --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$ROOT/tests/reliability/valgrind.supp"
status=0
for t in "$@"; do
	name=$(echo "$t" | tr '/' '_')
	# shellcheck disable=SC2086
	if ! $VG --log-file="$LOGS/$name.%p.log" "$t" --jobs=1 >"$LOGS/$name.out" 2>&1; then
		echo "FAILED  $t (valgrind)"
		tail -n 20 "$LOGS/$name.out" | sed 's/^/    | /'
		status=1
	else
		echo "ok      $t (valgrind)"
	fi
done
export QP_VG_ROOT="$ROOT" QP_VG_LOGS="$LOGS"
# The tests run QP_BIN itself: an executable copy of the wrapper.
cp tests/reliability/vg-quotepart.sh "$LOGS/quotepart"
chmod 755 "$LOGS/quotepart"
for s in tests/cli/test-cli.sh ${QP_VG_SCRIPTS:-}; do
	if QP_BIN="$LOGS/quotepart" sh "$s" >"$LOGS/$(basename "$s").out" 2>&1; then
		echo "ok      $s (valgrind)"
	else
		echo "FAILED  $s (valgrind)"
		tail -n 20 "$LOGS/$(basename "$s").out" | sed 's/^/    | /'
		status=1
	fi
done
procs=$(ls "$LOGS"/*.log 2>/dev/null | wc -l)
bad=$(grep -lE "ERROR SUMMARY: [1-9]|definitely lost: [1-9]" "$LOGS"/*.log 2>/dev/null)
cli=$(ls "$LOGS"/quotepart.*.log 2>/dev/null | wc -l)
if [ -n "$bad" ]; then
	for f in $bad; do
		echo "valgrind report in $f:"
		grep -E "Invalid|uninitialised|definitely lost|ERROR SUMMARY|at 0x|by 0x" "$f" | head -n 25 | sed 's/^/    | /'
	done
	status=1
fi
echo "valgrind: $procs processes checked ($cli runs of quotepart), $(echo "$bad" | grep -c .) with an error or a definite leak (logs in build/valgrind/)"
exit $status
