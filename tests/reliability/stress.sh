#!/bin/sh
# stress.sh: the long reliability runs (make stress): 150 writers and 50
# database creations killed at random moments over a 100 000-patient
# import; every I/O fault point of every writer, backup and export, with
# short writes too; a real full disk; two writers interleaved for 20
# rounds of 40 operations each; each libFuzzer harness for
# FUZZ_TIME seconds (60). Logs in build/stress/, the figures in
# build/stress/summary.txt (they go in the README's Reliability section).
set -u
L=build/stress
mkdir -p "$L"
: >"$L/summary.txt"
status=0
step() { # NAME COMMAND...: run, keep the log, echo its figures
	name=$1; shift
	t0=$(date +%s)
	"$@" >"$L/$name.log" 2>&1
	rc=$?
	grep -E "^(crash|faults|diskfull|twowriters|fuzz|KNOWN|XFAIL|FAIL)|checks," "$L/$name.log" |
		sed "s/^/[$name] /" | tee -a "$L/summary.txt"
	echo "[$name] exit $rc after $(( $(date +%s) - t0 )) s" | tee -a "$L/summary.txt"
	[ $rc = 0 ] || status=1
}
step crash env QP_KILLS="${QP_KILLS:-150}" QP_INIT_KILLS="${QP_INIT_KILLS:-50}" \
	QP_ROWS="${QP_ROWS:-100000}" sh tests/reliability/crash.sh
step faults env QP_FAULT_POINTS=all QP_FAULT_SHORT=1 sh tests/reliability/faults.sh
step diskfull sh tests/reliability/diskfull.sh
step twowriters env QP_ROUNDS="${QP_TW_ROUNDS:-20}" QP_OPS="${QP_TW_OPS:-40}" QP_EDITS="${QP_TW_EDITS:-100}" \
	sh tests/reliability/twowriters.sh
step fuzz env FUZZ_TIME="${FUZZ_TIME:-60}" sh tests/reliability/fuzz-run.sh build-fuzz money date csv keyfile nir
echo "stress: $( [ $status = 0 ] && echo passed || echo FAILED ); summary in $L/summary.txt"
exit $status
