#!/bin/sh
# faults.sh: the disk fills up or fails in the middle of each writer. An
# LD_PRELOAD shim (faultfs.so) makes the Nth write/pwrite/ftruncate/
# fsync to the database, its WAL and shared memory, a backup or an export
# fail with ENOSPC (and every one after it: a full disk stays full) or EIO
# (that call only), N looped over the operation's calls. Each time: either
# the operation succeeded whole, or it exited non-zero saying why and the
# database still holds exactly what it held before; `check` passes; and
# the same command run again without faults succeeds. Backups and exports
# never leave a partial file in place of the previous one, nor a
# temporary file behind.
# QP_FAULT_POINTS: how many N per operation and error (default 10, "all"
# for every call). Run from the top of the tree; `make check` runs it
# through tests/cli/test-reliability-faults.sh, `make stress` with all.
. tests/cli/lib.sh
. tests/reliability/lib.sh
SHIM=$(helper faultfs.so)
POINTS=${QP_FAULT_POINTS:-10}
W="$TMP/w"
mkdir -p "$W"
# An instrumented program (make asan) wants its runtime first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

patients_csv "$TMP/patients.csv" 500
sed -e 's/name = "ACI"/name = "ACI bis"/' "$ROOT/config/keys/aci.cfg" >"$TMP/key.cfg"
"$BIN" --db "$TMP/s0.db" demo >/dev/null || { echo "FAIL demo"; exit 1; }
cp "$TMP/s0.db" "$TMP/sD.db"
"$BIN" --db "$TMP/sD.db" distribute ACI-2025-AV --key ACI >/dev/null 2>&1
cp "$TMP/sD.db" "$TMP/sA.db"
"$BIN" --db "$TMP/sA.db" approve D1 --date 2025-05-10 >/dev/null
"$BIN" --db "$TMP/new.db" init --name MSP >/dev/null
printf 'an export made yesterday\r\n' >"$TMP/old.csv"
cp "$TMP/new.db" "$TMP/old-backup.db"

# op_setup OP: put the operation's starting files in $W.
op_setup() {
	rm -rf "$W"
	mkdir -p "$W"
	case $1 in
	import|distribute|key|backup|export) cp "$TMP/s0.db" "$W/q.db" ;;
	approve) cp "$TMP/sD.db" "$W/q.db" ;;
	pay) cp "$TMP/sA.db" "$W/q.db" ;;
	init) ;;
	esac
	case $1 in
	backup) cp -p "$TMP/old-backup.db" "$W/b.db" ;;
	export) cp -p "$TMP/old.csv" "$W/m.csv" ;;
	esac
}

# op_run OP: run it (environment from the caller).
op_run() {
	case $1 in
	import) "$BIN" --db "$W/q.db" import patients "$TMP/patients.csv" ;;
	distribute) "$BIN" --db "$W/q.db" distribute ACI-2025-AV --key ACI ;;
	approve) "$BIN" --db "$W/q.db" approve D1 --date 2025-05-10 ;;
	pay) "$BIN" --db "$W/q.db" pay D1 --date 2025-05-20 --means virement ;;
	key) "$BIN" --db "$W/q.db" key import "$TMP/key.cfg" ;;
	init) "$BIN" --db "$W/q.db" init --name MSP ;;
	backup) "$BIN" --db "$W/q.db" backup "$W/b.db" ;;
	export) "$BIN" --db "$W/q.db" export members --out "$W/m.csv" ;;
	esac
}

# op_state OP: what the operation may change, as one line.
op_state() {
	case $1 in
	init) if [ -e "$W/q.db" ]; then fp "$W/q.db"; else echo absent; fi ;;
	backup) filestate "$W/b.db" ;;
	export) filestate "$W/m.csv" ;;
	*) fp "$W/q.db" ;;
	esac
}

# leftovers: temporary files left in $W (a backup's or an export's).
leftovers() {
	ls -A "$W" | grep -v -x -e q.db -e b.db -e m.csv -e q.db-wal -e q.db-shm -e q.db-journal | tr '\n' ' '
}

total_points=0; total_runs=0; total_failed=0; ambiguous=0; amb_list=""
summary=""
for op in import distribute approve pay key init backup export; do
	# Calibration: the state before and after, and how many calls the
	# operation makes under $W.
	op_setup $op
	before=$(op_state $op)
	rm -f "$TMP/flog"
	if ! QP_FAULT_PATH="$W" QP_FAULT_LOG="$TMP/flog" LD_PRELOAD="$SHIM" op_run $op >/dev/null 2>"$TMP/err"; then
		echo "FAIL $op: fails without faults:"; cat "$TMP/err"; exit 1
	fi
	after=$(op_state $op)
	calls=$(sed -n 's/^calls \([0-9]*\) .*/\1/p' "$TMP/flog" | tail -n 1)
	[ -n "$calls" ] && [ "$calls" -gt 0 ] || { echo "FAIL $op: the shim saw no call"; exit 1; }
	if [ "$op" = backup ] || [ "$op" = export ]; then
		# The new content, to tell a complete file from the old one.
		after=$(cksum <"$W/$( [ $op = backup ] && echo b.db || echo m.csv)")
	fi

	if [ "$POINTS" = all ] || [ "$calls" -le "$POINTS" ]; then
		points=$(seq 1 "$calls")
	else
		points=$(awk -v c="$calls" -v p="$POINTS" 'BEGIN { for (j = 0; j < p; j++) print 1 + int(j * (c - 1) / (p - 1)) }' | uniq)
	fi
	npoints=0; ok=0; failed_runs=0
	for n in $points; do
		npoints=$((npoints + 1))
		for mode in ENOSPC EIO ${QP_FAULT_SHORT:+SHORT}; do
			total_runs=$((total_runs + 1))
			op_setup $op
			errno=$mode; once=0; short=0
			[ $mode = EIO ] && once=1
			[ $mode = SHORT ] && errno=ENOSPC && short=1
			QP_FAULT_PATH="$W" QP_FAULT_AT=$n QP_FAULT_ERRNO=$errno QP_FAULT_ONCE=$once \
				QP_FAULT_SHORT=$short LD_PRELOAD="$SHIM" op_run $op >/dev/null 2>"$TMP/err"
			rc=$?
			tag="$op, call $n of $calls fails with $mode"
			amb=0
			case $op in
			backup|export)
				f=$W/$( [ $op = backup ] && echo b.db || echo m.csv)
				now=$(filestate "$f")
				if [ $rc = 0 ] && [ "$(cksum <"$f")" != "$after" ]; then
					fail_msg "$tag" "exit 0 but the file is not the new one"; continue
				fi
				if [ $rc != 0 ] && [ "$now" != "$before" ]; then
					fail_msg "$tag" "the previous file was changed ($now)"; continue
				fi
				;;
			*)
				now=$(op_state $op)
				if [ $rc = 0 ] && [ "$now" != "$after" ]; then
					fail_msg "$tag" "exit 0 but not the whole change: $now"; continue
				fi
				amb=0
				if [ $rc != 0 ] && [ "$now" = "$after" ] && [ "$now" != "$before" ]; then
					# The commit's frames reached the WAL, then its sync
					# failed: found there once the WAL is read again.
					# Honest only if the message says it may have been
					# kept.
					if ! grep -q "the change may or may not have been kept" "$TMP/err"; then
						fail_msg "$tag" "the change is there, but the message does not say it may be: $(cat "$TMP/err")"; continue
					fi
					amb=1
					ambiguous=$((ambiguous + 1))
					amb_list="$amb_list $op/$n/$mode"
				elif [ $rc != 0 ] && [ "$now" != "$before" ] && [ $op != init ]; then
					fail_msg "$tag" "failed (exit $rc) but the database changed: $now"; continue
				fi
				;;
			esac
			if [ $rc != 0 ]; then
				failed_runs=$((failed_runs + 1))
				if [ $rc != 74 ] || ! grep -Eq "disk is full|input/output error|cannot write|failed" "$TMP/err"; then
					fail_msg "$tag" "exit $rc (want 74) or no clear message: $(cat "$TMP/err")"; continue
				fi
			fi
			l=$(leftovers)
			if [ -n "$l" ]; then
				fail_msg "$tag" "files left behind: $l"; continue
			fi
			# The database is sound and takes the same change again.
			if [ $op = init ]; then
				if [ -e "$W/q.db" ]; then
					"$BIN" --db "$W/q.db" check >/dev/null 2>"$TMP/cerr"
					crc=$?
					case $crc in
					0|65) ;;
					73) grep -q read-only "$TMP/cerr" && [ -s "$W/q.db-journal" ] ||
						{ fail_msg "$tag" "check: $(cat "$TMP/cerr")"; continue; } ;;
					*) fail_msg "$tag" "check exit $crc: $(cat "$TMP/cerr")"; continue ;;
					esac
				fi
			elif ! "$BIN" --db "$W/q.db" check >/dev/null 2>"$TMP/cerr"; then
				fail_msg "$tag" "check fails afterwards: $(cat "$TMP/cerr")"; continue
			fi
			if [ $rc != 0 ]; then
				if ! op_run $op >/dev/null 2>"$TMP/err"; then
					fail_msg "$tag" "the same command without faults fails: $(cat "$TMP/err")"; continue
				fi
				case $op in
				backup) [ "$(cksum <"$W/b.db")" = "$after" ] ;;
				export) [ "$(cksum <"$W/m.csv")" = "$after" ] ;;
				*) [ $amb = 1 ] || [ "$(op_state $op)" = "$after" ] ;;
				esac || { fail_msg "$tag" "run again, it does not give the same result"; continue; }
			fi
			ok=$((ok + 1))
			ok_msg
		done
	done
	total_points=$((total_points + npoints))
	total_failed=$((total_failed + failed_runs))
	summary="$summary $op:$npoints/$calls"
done
echo "faults: $total_points fault points (of the calls:$summary), $total_runs runs ($total_failed reported a failure, the others had passed their commit); every database passed check and took the change again"

[ $ambiguous = 0 ] ||
	echo "faults: $ambiguous runs kept their change although their sync failed (after its frames reached the WAL), and said it may have been kept:$amb_list"

# ---- stdout to a full device ------------------------------------------------
"$BIN" --db "$TMP/s0.db" export members >/dev/full 2>"$TMP/err"
rc=$?
check export-to-dev-full-fails test $rc = 74
check export-to-dev-full-says-so grep -q "cannot write the output" "$TMP/err"
rel_finish
