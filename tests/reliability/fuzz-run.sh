#!/bin/sh
# fuzz-run.sh BUILD NAME...: run each libFuzzer harness BUILD/fuzz/fuzz_NAME
# for $FUZZ_TIME seconds (default 60) on its seed corpus
# tests/fuzz/corpus/NAME plus the inputs it found before
# (BUILD/corpus/NAME, where new ones go); crashes, leaks and timeouts are
# kept in tests/fuzz/crashes/NAME for `make check` to replay. Prints the
# executions of each and the crashes found; fails when there is any.
B=$1; shift
T=${FUZZ_TIME:-60}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The key file harness writes its configuration files here.
export TMPDIR="${TMPDIR:-/tmp}"
total=0; crashes=0
summary="$B/fuzz-summary.txt"
: >"$summary"
for name in "$@"; do
	bin="$B/fuzz/fuzz_$name"
	[ -x "$bin" ] || { echo "fuzz: $bin missing: run make fuzz-build"; exit 1; }
	mkdir -p "$B/corpus/$name" "tests/fuzz/crashes/$name"
	before=$(ls "tests/fuzz/crashes/$name" | wc -l)
	log="$B/fuzz-$name.log"
	# libconfig leaks on files cut inside a string (suppressed: see
	# fuzz_targets.h), and each leak makes libFuzzer scan the heap: the key
	# file harness runs without leak detection, then every input it kept
	# is run once more with it.
	leaks=1
	[ "$name" = keyfile ] && leaks=0
	"$bin" -max_total_time="$T" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
		-detect_leaks=$leaks -artifact_prefix="tests/fuzz/crashes/$name/" \
		"$B/corpus/$name" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	if [ $rc = 0 ] && [ $leaks = 0 ]; then
		"$bin" -runs=0 -detect_leaks=1 -rss_limit_mb=4096 -artifact_prefix="tests/fuzz/crashes/$name/" \
			"$B/corpus/$name" "tests/fuzz/corpus/$name" >>"$log" 2>&1
		rc=$?
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	found=$(( $(ls "tests/fuzz/crashes/$name" | wc -l) - before ))
	corpus=$(ls "$B/corpus/$name" | wc -l)
	line="fuzz $name: ${execs:-?} executions in $T s, $corpus new inputs kept in $B/corpus/$name, $found crash(es) (exit $rc)"
	echo "$line" | tee -a "$summary"
	if [ "$found" != 0 ] || [ $rc != 0 ]; then
		crashes=$((crashes + (found ? found : 1)))
		grep -E "ERROR|runtime error|property broken|SUMMARY" "$log" | head -n 5 | sed 's/^/    /'
		echo "    log: $log; inputs: tests/fuzz/crashes/$name/"
	fi
	total=$((total + ${execs:-0}))
done
echo "fuzz: $total executions in all, $crashes crash(es)" | tee -a "$summary"
[ $crashes = 0 ]
