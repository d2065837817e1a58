#!/bin/sh
# crash.sh: writers killed with SIGKILL at random moments. After each
# kill the database must pass `quotepart check` (integrity_check, audit
# chain, every distribution re-derived to the cent), hold exactly the
# state before or after each operation (never a part of one), keep every
# operation acknowledged before the kill (the command had exited 0), and
# take the rest of the work. Then the same for a database being created
# (`init`: every migration, in one transaction).
# QP_KILLS writers killed (default 20), QP_INIT_KILLS creations (default
# 10), QP_ROWS patients in the imported file (default 20000), QP_SEED.
# Run from the top of the tree; `make check` runs it through
# tests/cli/test-reliability-crash.sh, `make stress` with 150 kills.
. tests/cli/lib.sh
. tests/reliability/lib.sh
KILLAT=$(helper killat)
KILLS=${QP_KILLS:-20}
INIT_KILLS=${QP_INIT_KILLS:-10}
ROWS=${QP_ROWS:-20000}
rand_init crash
W="$TMP/w"
mkdir -p "$W"
patients_csv "$TMP/patients.csv" "$ROWS"

# The writers, each one transaction with its audit entry, run in a chain:
# `chain.sh DB ACK FROM TO` runs operations FROM..TO and appends K to ACK
# once operation K has exited 0: what a user saw acknowledged.
cat >"$TMP/chain.sh" <<EOF
db=\$1; ack=\$2; k=\$3
while [ "\$k" -le "\$4" ]; do
	case \$k in
	1) "$BIN" --db "\$db" import patients "$TMP/patients.csv" ;;
	2) "$BIN" --db "\$db" distribute ACI-2025-AV --key ACI ;;
	3) "$BIN" --db "\$db" approve D1 --date 2025-05-10 --note "AG du 10 mai" ;;
	4) "$BIN" --db "\$db" pay D1 --date 2025-05-20 --means virement ;;
	esac >/dev/null 2>>"\$ack.err" || exit 1
	echo "\$k" >>"\$ack"
	k=\$((k + 1))
done
EOF
NOPS=4

# Calibration: the state before and after each operation (snapshots and
# fingerprints) and how long each takes here.
"$BIN" --db "$W/s0.db" demo >/dev/null || { echo "FAIL demo"; exit 1; }
fp0=$(fp "$W/s0.db")
k=1
while [ $k -le $NOPS ]; do
	cp "$W/s$((k - 1)).db" "$W/s$k.db"
	t0=$(now_us)
	if ! sh "$TMP/chain.sh" "$W/s$k.db" "$W/cal.ack" $k $k; then
		echo "FAIL calibration: operation $k failed:"; cat "$W/cal.ack.err"; exit 1
	fi
	eval "dur$k=$(( $(now_us) - t0 ))"
	eval "fp$k=\$(fp \"$W/s$k.db\")"
	k=$((k + 1))
done
echo "crash: $ROWS patients; operations take $((dur1 / 1000)), $((dur2 / 1000)), $((dur3 / 1000)), $((dur4 / 1000)) ms"

killed=0; finished=0; hot=0; before=0; after=0; later=0
i=1
while [ $i -le "$KILLS" ]; do
	k=$(( (i - 1) % NOPS + 1 ))
	to=$k
	[ $k -lt $NOPS ] && to=$((k + 1))
	eval "d=\$((dur$k + (to > k ? dur$to : 0)))"
	rand $((d * 11 / 10 + 2000))
	at=$R
	db="$W/k.db"
	rm -f "$db" "$db-wal" "$db-shm" "$W/ack" "$W/ack.err"
	cp "$W/s$((k - 1)).db" "$db"
	touch "$W/ack"
	what=$("$KILLAT" "$at" sh "$TMP/chain.sh" "$db" "$W/ack" $k $to)
	case $what in
	killed) killed=$((killed + 1)) ;;
	*) finished=$((finished + 1)) ;;
	esac
	[ -s "$db-wal" ] && hot=$((hot + 1))
	tag="kill $i (operation $k, ${at} us, $what)"

	if ! "$BIN" --db "$db" check >/dev/null 2>"$W/check.err"; then
		fail_msg "$tag" "check fails after the kill:"
		sed 's/^/    /' "$W/check.err"
		i=$((i + 1)); continue
	fi
	got=$(fp "$db")
	stage=-1
	for s in $((k - 1)) $k $to; do
		eval "want=\$fp$s"
		[ "$got" = "$want" ] && stage=$s
	done
	if [ $stage = -1 ]; then
		fail_msg "$tag" "neither the state before nor after an operation: $got"
		i=$((i + 1)); continue
	fi
	lost=0
	if grep -qx "$to" "$W/ack" && [ $stage -lt $to ]; then lost=1; fi
	if grep -qx "$k" "$W/ack" && [ $stage -lt $k ]; then lost=1; fi
	if [ $lost = 1 ]; then
		fail_msg "$tag" "an acknowledged operation is missing (acknowledged: $(tr '\n' ' ' <"$W/ack"), state after $stage)"
		i=$((i + 1)); continue
	fi
	if [ $stage -lt $k ]; then
		before=$((before + 1))
	elif [ $stage = $k ]; then
		after=$((after + 1))
	else
		later=$((later + 1))
	fi
	# The rest of the work goes through, to the same end state.
	: >"$W/ack"
	if [ $stage -lt $NOPS ] && ! sh "$TMP/chain.sh" "$db" "$W/ack" $((stage + 1)) $NOPS; then
		fail_msg "$tag" "the work cannot go on after the kill:"
		sed 's/^/    /' "$W/ack.err"
		i=$((i + 1)); continue
	fi
	if [ "$(fp "$db")" != "$fp4" ] || ! "$BIN" --db "$db" check >/dev/null 2>&1; then
		fail_msg "$tag" "going on after the kill does not give the same database"
		i=$((i + 1)); continue
	fi
	ok_msg
	i=$((i + 1))
done
echo "crash: $KILLS writers killed at random moments: $killed while running, $finished had finished; $hot left a WAL behind"
echo "crash: after the kill: $before before the operation, $after after it, $later after the next one; all passed check and went on"

# ---- creation (init: migration 1) killed midway ---------------------------
"$BIN" --db "$W/ref.db" init --name "MSP" >/dev/null || { echo "FAIL init"; exit 1; }
schema() {
	sqlite3 -readonly "$1" "SELECT group_concat(type || ' ' || name, ', ') FROM (SELECT type, name FROM sqlite_schema ORDER BY name); PRAGMA user_version; PRAGMA application_id;" 2>&1 | tr '\n' ' '
}
ref=$(schema "$W/ref.db")
t0=$(now_us)
"$BIN" --db "$W/t.db" init --name "MSP" >/dev/null
dinit=$(( $(now_us) - t0 ))
absent=0; refused=0; complete=0; killed=0
i=1
while [ $i -le "$INIT_KILLS" ]; do
	db="$W/i.db"
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	rand $((dinit * 3 / 2 + 1000))
	what=$("$KILLAT" "$R" "$BIN" --db "$db" init --name "MSP")
	[ "$what" = killed ] && killed=$((killed + 1))
	tag="init kill $i (${R} us, $what)"
	if [ ! -e "$db" ]; then
		absent=$((absent + 1))
	else
		"$BIN" --db "$db" check >/dev/null 2>"$W/check.err"
		rc=$?
		if [ $rc = 0 ] && [ "$(schema "$db")" = "$ref" ]; then
			complete=$((complete + 1))
		elif [ $rc = 65 ] && grep -q "an empty database" "$W/check.err"; then
			refused=$((refused + 1))
		else
			fail_msg "$tag" "neither absent, refused as empty nor complete (check exit $rc):"
			sed 's/^/    /' "$W/check.err"
			i=$((i + 1)); continue
		fi
	fi
	if ! "$BIN" --db "$db" init --name "MSP" >/dev/null 2>"$W/init.err" ||
	   ! "$BIN" --db "$db" check >/dev/null 2>&1 || [ "$(schema "$db")" != "$ref" ]; then
		fail_msg "$tag" "init run again does not complete:"
		sed 's/^/    /' "$W/init.err"
		i=$((i + 1)); continue
	fi
	ok_msg
	i=$((i + 1))
done
echo "crash: $INIT_KILLS database creations killed ($killed while running, init takes $((dinit / 1000)) ms): $absent left no file, $refused an empty file refused, $complete a complete database; every rerun completed"
rel_finish
