#!/bin/sh
# twowriters.sh: two writers on one database, interleaved at random
# (issue 10). In each of QP_ROUNDS rounds, two command-line writers run
# QP_OPS random operations each at the same time (imports of members,
# receipts, new or changed, and activities; distribute, approve, pay),
# the first round beside the interface's edit simulator (twoedits.c,
# QP_EDITS renames of one member by one of its two connections),
# while a third program runs `check` again and again. Between rounds,
# with nobody writing, `check`'s verdict is compared with the invariant
# computed by the sqlite3 shell (reservations + lines = the receipt, for
# every distribution). At the end every change acknowledged (exit 0) must
# be in the database. Prints its seed; QP_SEED=N replays the same
# operations (their interleaving is the scheduler's).
#
# Fails on: an acknowledged change missing, a refusal with an unexpected
# exit code, `check` failing while others write (a false problem), or
# failing or passing against the invariant between rounds. Two seams are
# met on purpose in every run: a receipt changed by an import under its
# draft (the draft must go, and check must agree with the invariant); and
# a draft saved while another program approves one of the same receipt
# (approvetwice.c: its approval must be refused, or the receipt would be
# handed out twice).
. tests/cli/lib.sh
. tests/reliability/lib.sh
ROUNDS=${QP_ROUNDS:-2}
OPS=${QP_OPS:-12}
EDITS=${QP_EDITS:-20}
rand_init twowriters
DB="$TMP/w.db"
"$BIN" --db "$DB" demo >/dev/null || { echo "FAIL demo"; exit 1; }
TWOEDITS=$(helper twoedits)
SHARED="ACI-2025-AV PEPS-2025-T1 IPEP-2025-AMORCAGE"

key_of() { # RECEIPT: the key that divides it
	case $1 in
	ACI-*) echo ACI ;;
	PEPS-*) echo PEPS ;;
	IPEP-*) echo "Hourly rates" ;;
	*) echo "Equal shares" ;;
	esac
}

# pick WORDS...: R = one of them at random (empty when none).
pick() {
	[ $# = 0 ] && { R=""; return; }
	rand $#
	shift $R
	R=$1
}

# op W I LOG: one random operation of writer W (its step I), run and
# logged: "ok KIND ARGS" when acknowledged (exit 0), "no KIND CODE" when
# refused as it may be (65, 66, 75), "bad KIND CODE MESSAGE" otherwise.
op() {
	w=$1; i=$2; log=$3
	f="$TMP/w$w.csv"
	rand 100
	if [ $R -lt 12 ]; then
		kind=member; arg="W${w}M$i"
		printf 'code;name;profession;status;joined;left;fte\n%s;Membre %s;nurse;associate;2024-01-01;;1\n' \
			"$arg" "$arg" >"$f"
		set -- import members "$f"
	elif [ $R -lt 30 ]; then
		kind=receipt
		# A new receipt, or one of ours again with another amount.
		rand 2
		if [ $R = 0 ] && [ -n "$mine" ]; then pick $mine; ref=$R; else ref="W${w}R$i"; fi
		rand 400000
		cents=$((50000 + R))
		arg="$ref $cents"
		printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\n' >"$f"
		printf 'ACI;other;2025;2025-01-01;2025-12-31;2025-05-01;%d,%02d;%s;\n' $((cents / 100)) $((cents % 100)) "$ref" >>"$f"
		set -- import receipts "$f"
	elif [ $R -lt 40 ]; then
		kind=activity; arg="w$w-i$i-$RSTATE"
		printf 'member;date;kind;hours;note\nMARTIN;2025-03-%02d;RCP;1,50;%s\n' $((i % 28 + 1)) "$arg" >"$f"
		set -- import activities "$f"
	elif [ $R -lt 70 ]; then
		kind=draft
		pick $mine $SHARED
		ref=$R
		set -- distribute "$ref" --key "$(key_of "$ref")"
	elif [ $R -lt 85 ]; then
		kind=approve
		pick $drafts
		[ -z "$R" ] && return
		arg=$R
		set -- approve "D$arg" --date 2025-05-10
	else
		kind=pay
		pick $approved
		[ -z "$R" ] && return
		arg=$R
		set -- pay "D$arg" --date 2025-05-20 --means virement
	fi
	"$BIN" --db "$DB" "$@" >"$TMP/w$w.out" 2>"$TMP/w$w.err"
	rc=$?
	case $rc in
	0)
		case $kind in
		receipt) mine="$mine $ref" ;;
		draft)
			arg="$(sed -n 's/^Saved as draft D\([0-9]*\)[.:].*/\1/p' "$TMP/w$w.err") $ref"
			# The shared receipts are approved by writer 1 only: two
			# writers approving drafts of one receipt meet a known bug
			# (approvetwice, below), which would fail runs at random.
			case " $SHARED " in
			*" $ref "*) [ "$w" = 1 ] && drafts="$drafts ${arg% *}" ;;
			*) drafts="$drafts ${arg% *}" ;;
			esac ;;
		approve) approved="$approved $arg" ;;
		esac
		echo "ok $kind $arg" >>"$log" ;;
	65|66|75) echo "no $kind $rc" >>"$log" ;;
	*) echo "bad $kind $rc $* : $(head -c 300 "$TMP/w$w.err")" >>"$log" ;;
	esac
}

# writer W SEED: QP_OPS operations, appended to $TMP/w$W.log, with the
# receipts, drafts and approvals of the earlier rounds (in $TMP/w$W.state).
writer() {
	RSTATE=$2
	mine=""; drafts=""; approved=""
	[ -f "$TMP/w$1.state" ] && . "$TMP/w$1.state"
	n=0
	while [ $n -lt "$OPS" ]; do
		op "$1" $((round * OPS + n)) "$TMP/w$1.log"
		n=$((n + 1))
	done
	printf 'mine="%s"; drafts="%s"; approved="%s"\n' "$mine" "$drafts" "$approved" >"$TMP/w$1.state"
}

# The invariant, from the sqlite3 shell: per distribution, its lines
# (reservations and pools) against the receipt's amount (its negation for
# a reversal). Prints "broken N stale M": M of the N broken ones add up to
# the amount stored when they were computed, the receipt changed since.
invariant() {
	sqlite3 -readonly -separator ' ' "$DB" "
WITH t AS (
  SELECT d.amount AS stored, CASE d.mode WHEN 'reversal' THEN -r.amount ELSE r.amount END AS want,
         coalesce((SELECT sum(cents) FROM distribution_lines WHERE distribution_id = d.id), 0) AS got
  FROM distributions d JOIN receipts r ON r.id = d.receipt_id)
SELECT 'broken', count(*) FILTER (WHERE got <> want), 'stale', count(*) FILTER (WHERE got <> want AND got = stored)
FROM t;"
}

# between NAME: nobody writes; check's verdict against the invariant.
between() {
	name=$1
	"$BIN" --db "$DB" check >/dev/null 2>"$TMP/check.err"
	rc=$?
	# shellcheck disable=SC2046
	set -- $(invariant)
	broken=$2
	if [ "$rc" = 0 ] && [ "$broken" -gt 0 ]; then
		fail_msg "$name" "check passes with $broken distribution(s) that do not add up to their receipt"
	elif [ "$rc" != 0 ] && [ "$broken" = 0 ]; then
		fail_msg "$name" "check fails (exit $rc), the invariant holds: $(head -c 400 "$TMP/check.err")"
	else
		ok_msg
	fi
}

# checker: check again and again until $TMP/stop exists; each failure's
# report kept. Nothing ever leaves the database inconsistent, so every
# run must pass.
checker() {
	runs=0
	while [ ! -e "$TMP/stop" ]; do
		"$BIN" --db "$DB" check >/dev/null 2>"$TMP/during.err"
		rc=$?
		runs=$((runs + 1))
		[ $rc = 0 ] || { echo "exit $rc: $(head -c 400 "$TMP/during.err")" >>"$TMP/during.fail"; }
	done
	echo "$runs" >"$TMP/during.runs"
}

round=0
: >"$TMP/w1.log"
: >"$TMP/w2.log"
while [ $round -lt "$ROUNDS" ]; do
	rm -f "$TMP/stop"
	checker &
	cpid=$!
	rand 2147483647; s1=$R
	rand 2147483647; s2=$R
	writer 1 "$s1" &
	p1=$!
	writer 2 "$s2" &
	p2=$!
	if [ $round = 0 ]; then
		if "$TWOEDITS" "$DB" "$EDITS" >"$TMP/twoedits.out" 2>&1; then
			ok_msg
		else
			fail_msg "twoedits beside two writers" "$(cat "$TMP/twoedits.out")"
		fi
	fi
	wait $p1
	wait $p2
	touch "$TMP/stop"
	wait $cpid
	if [ -s "$TMP/during.fail" ]; then
		fail_msg "check during round $round" "$(wc -l <"$TMP/during.fail") of $(cat "$TMP/during.runs") runs failed: $(head -n 3 "$TMP/during.fail")"
		: >"$TMP/during.fail"
	else
		ok_msg
	fi
	echo "round $round: $(cat "$TMP/during.runs") runs of check during the writes"
	between "check after round $round"
	round=$((round + 1))
done

# A receipt changed under its draft, on purpose, in every run: the import
# drops the stale draft, and check agrees with the invariant.
printf 'source;kind;exercise;period_start;period_end;received;amount;reference;note\nACI;other;2025;2025-01-01;2025-12-31;2025-05-01;1000,00;STALE;\n' >"$TMP/stale.csv"
"$BIN" --db "$DB" import receipts "$TMP/stale.csv" >/dev/null &&
	"$BIN" --db "$DB" distribute STALE --key "Equal shares" >/dev/null 2>&1 &&
	sed 's/1000,00/1500,00/' "$TMP/stale.csv" >"$TMP/stale2.csv" &&
	"$BIN" --db "$DB" import receipts "$TMP/stale2.csv" >/dev/null ||
	fail_msg "stale draft" "could not change a receipt under its draft"
between "check after a receipt changed under its draft"
check "the import dropped the draft of the receipt it changed" \
	test "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM distributions d JOIN receipts r ON r.id = d.receipt_id WHERE r.reference = 'STALE'")" = 0

# ---- every acknowledged change is there ----------------------------------
q() { sqlite3 -readonly "$DB" "$1"; }
lost=0
acked=0
# later_receipt W REF N: writer W imported REF again after its line N.
later_receipt() {
	tail -n +"$(($3 + 1))" "$TMP/w$1.log" | grep -q "^ok receipt $2 "
}
for w in 1 2; do
	n=0
	while read -r status kind a b; do
		n=$((n + 1))
		case $status in
		bad) fail_msg "writer $w: $kind" "unexpected exit: $a $b"; continue ;;
		no) continue ;;
		esac
		case $kind in
		member) there=$(q "SELECT count(*) FROM members WHERE code = '$a'") ;;
		receipt)
			# The last amount this writer gave the reference.
			last=$(grep "^ok receipt $a " "$TMP/w$w.log" | tail -n 1 | cut -d' ' -f4)
			[ "$b" = "$last" ] || continue
			there=$(q "SELECT count(*) FROM receipts WHERE reference = '$a' AND amount = $b") ;;
		activity) there=$(q "SELECT count(*) FROM activities WHERE note = '$a'") ;;
		draft)
			# Kept, or replaced by a later draft of the receipt, or (once
			# import drops stale drafts) dropped by a later import of it.
			there=$(q "SELECT count(*) > 0 FROM distributions d JOIN receipts r ON r.id = d.receipt_id
			           WHERE d.id = $a OR (r.reference = '$b' AND d.id > $a)")
			[ "$there" = 1 ] || ! later_receipt $w "$b" $n || there=1 ;;
		approve) there=$(q "SELECT count(*) FROM distributions WHERE id = $a AND status = 'approved'") ;;
		pay) there=$(q "SELECT count(*) = 0 FROM distribution_lines l LEFT JOIN payments p ON p.line_id = l.id
		                WHERE l.distribution_id = $a AND l.cents <> 0 AND p.id IS NULL") ;;
		esac
		acked=$((acked + 1))
		if [ "$there" = 1 ]; then
			ok_msg
		else
			lost=$((lost + 1))
			fail_msg "writer $w: $kind $a $b" "acknowledged, not in the database"
		fi
	done <"$TMP/w$w.log"
done
# The interface's edits, acknowledged by twoedits: each of its EDITS
# renames of MARTIN (its audit entry; the name is the last one's), and one
# of the racing renames of LECLERC.
i=1
while [ $i -le "$EDITS" ]; do
	name="Élise Martin-Durand"
	[ $i = 1 ] || name="$name $i"
	there=$(q "SELECT count(*) FROM audit WHERE action = 'member edit' AND detail = 'MARTIN: $name'")
	if [ "$there" = 1 ]; then ok_msg; else fail_msg "twoedits: rename $i of MARTIN" "acknowledged, not in the database"; fi
	i=$((i + 1))
done
martin=$(q "SELECT name FROM members WHERE code = 'MARTIN'")
check "twoedits: MARTIN's last rename kept (now: $martin)" test "$martin" = "$name"
check "twoedits: one LECLERC rename kept" sh -c "sqlite3 -readonly '$DB' \"SELECT name FROM members WHERE code = 'LECLERC'\" | grep -Eqx 'François Leclerc \((A|B)\)'"
refused=$(grep -c '^no ' "$TMP/w1.log" "$TMP/w2.log" | awk -F: '{ s += $2 } END { print s }')
echo "twowriters: $ROUNDS round(s), $acked acknowledged changes checked ($lost lost), $refused refused as they may be"
# Two programs approving drafts of one receipt, at the moment that
# matters (approvetwice.c).
"$BIN" --db "$TMP/race.db" demo >/dev/null || fail_msg "race" "demo"
"$(helper approvetwice)" "$TMP/race.db" >"$TMP/race.out" 2>&1
race=$?
cat "$TMP/race.out"
[ $race = 2 ] && fail_msg "approvetwice" "the race could not be set up: $(cat "$TMP/race.out")"
check "approvetwice: a draft computed while another program approved its receipt is refused" test $race = 0
rel_finish
