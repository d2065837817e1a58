# lib.sh: helpers of the reliability tests (sourced after tests/cli/lib.sh,
# whose BIN, TMP, FIX, check and finish it uses): the helper programs, a
# seeded random generator, a fingerprint of a database's content, known
# bugs (xfail), and running as an unprivileged user.

REL="$ROOT/tests/reliability"
HELPERS="$ROOT/build/reliability"
export QUOTEPART_TODAY=2026-06-30
xfails=0

# helper NAME: the path of a helper program of tests/reliability, built
# (by mk/reliability.mk) when missing. twoedits and approvetwice link the
# library: under make asan (QP_SANITIZED=1) the sanitized one of
# build-asan/.
helper() {
	case $1 in twoedits|approvetwice) linked=1 ;; *) linked=0 ;; esac
	if [ $linked = 1 ] && [ "${QP_SANITIZED:-0}" = 1 ] && [ -x "$ROOT/build-asan/reliability/$1" ]; then
		echo "$ROOT/build-asan/reliability/$1"
		return
	fi
	# Always through make: a helper built from older sources would test
	# the old code.
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		make -s --no-print-directory -C "$ROOT" "build/reliability/$1" >&2 ||
		{ echo "cannot build build/reliability/$1" >&2; exit 1; }
	echo "$HELPERS/$1"
}

# rand_init NAME: seed the generator from QP_SEED, or at random, and say
# which: a failure is replayed with the seed it printed.
rand_init() {
	if [ -n "${QP_SEED:-}" ]; then
		RSTATE=$QP_SEED
	else
		RSTATE=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	fi
	RSTATE=$((RSTATE % 2147483648))
	echo "$1: seed $RSTATE (set QP_SEED=$RSTATE to replay)"
}

# rand N: R = the next pseudo-random integer in [0, N). A 31-bit LCG whose
# low bits are dropped; plenty for spreading kill times.
rand() {
	RSTATE=$(( (RSTATE * 1103515245 + 12345) % 2147483648 ))
	R=$(( (RSTATE / 256) % $1 ))
}

# now_us: microseconds since the epoch.
now_us() {
	date +%s%6N
}

# fp DB: one line that says what a database holds, for comparing a
# database after a crash or a fault with the states before and after the
# operation: counts and sums of every table an operation writes, the
# distributions' statuses, and the actions of the audit log in order.
# Timestamps are left out: they differ between runs.
fp() {
	sqlite3 -readonly -separator ' ' "$1" "
SELECT 'patients', count(*), coalesce(sum(birth_year), 0), coalesce(max(id), 0) FROM patients;
SELECT 'members', count(*) FROM members;
SELECT 'receipts', count(*), coalesce(sum(amount), 0) FROM receipts;
SELECT 'keys', count(*) FROM key_versions;
SELECT 'dists', count(*), coalesce((SELECT group_concat(x, ',') FROM (SELECT id || ':' || status || ':' || amount || ':' || coalesce(approved_on, '-') AS x FROM distributions ORDER BY id)), '-') FROM distributions;
SELECT 'lines', count(*), coalesce(sum(cents), 0) FROM distribution_lines;
SELECT 'parts', count(*), coalesce(sum(amount), 0) FROM distribution_parts;
SELECT 'paid', count(*), coalesce(sum(amount), 0) FROM payments;
SELECT 'audit', count(*), coalesce((SELECT group_concat(action, ',') FROM (SELECT action FROM audit ORDER BY id)), '-') FROM audit;
" 2>&1 | tr '\n' ' '
}

# filestate FILE: its checksum, size, modification time (ns) and mode,
# or "absent": equal before and after means it was never written.
filestate() {
	if [ -e "$1" ]; then
		echo "$(cksum <"$1") $(stat -c '%s %y %a' "$1")"
	else
		echo absent
	fi
}

# xfail NAME WHY CONDITION-COMMAND...: a known bug, reported to the lead
# and not fixed here. While CONDITION fails it prints XFAIL and does not
# fail the suite; once it holds (the bug was fixed) it fails, so that the
# test is turned into a plain check.
xfail() {
	name=$1; why=$2; shift 2
	count=$((count + 1))
	if "$@"; then
		echo "XPASS $name: fixed? make it a plain check (tests/reliability)"
		failures=$((failures + 1))
	else
		echo "XFAIL $name: $why"
		xfails=$((xfails + 1))
	fi
}

# Root ignores file permissions: the tests about read-only files and
# folders run their commands as "nobody" when we are root. AS_USER is
# empty when we are not root (then our own permissions are the test).
# SKIP_RO is set when neither is possible (root that cannot drop to
# nobody): the tests that need permissions to hold then say SKIP.
SKIP_RO=""
if [ "$(id -u)" = 0 ]; then
	AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	chmod 755 "$TMP"
	$AS_USER true 2>/dev/null || { AS_USER=""; SKIP_RO=1; }
else
	AS_USER=""
fi

# user_kit: for the commands run as AS_USER. The clone may sit in a
# folder that user cannot enter (a mktemp -d parent, 0700, as CI makes),
# so they must not run or read anything from it: USERDIR is a folder they
# can enter ($TMP, or a new one in /tmp when a parent of $TMP is closed to
# them, and then the XDG folders move there too: the program would fail
# on a configuration folder it may not read), UBIN a copy of the program
# in it, and user_file FILE prints the path of a copy of FILE there.
# Without AS_USER, UBIN is BIN and
# user_file prints FILE. (The program finds its PDF and XLSX module by
# the path it was built with: no test runs as another user needs it.)
user_kit() {
	USERDIR=$TMP
	UBIN=$BIN
	[ -n "$AS_USER" ] || return 0
	if ! $AS_USER test -x "$TMP"; then
		USERDIR=$(mktemp -d /tmp/qp-user.XXXXXX) || exit 1
		chmod 755 "$USERDIR"
		trap 'rm -rf "$TMP" "$USERDIR"' EXIT
		export XDG_CONFIG_HOME="$USERDIR/config" XDG_DATA_HOME="$USERDIR/data"
	fi
	mkdir -p "$USERDIR/kit"
	chmod 755 "$USERDIR/kit"
	cp "$BIN" "$USERDIR/kit/quotepart" && chmod 755 "$USERDIR/kit/quotepart" || exit 1
	UBIN=$USERDIR/kit/quotepart
}
user_file() {
	if [ -z "$AS_USER" ]; then
		echo "$1"
		return
	fi
	cp "$1" "$USERDIR/kit/" && chmod 644 "$USERDIR/kit/$(basename "$1")" || exit 1
	echo "$USERDIR/kit/$(basename "$1")"
}

# fail_msg NAME TEXT: record a failure with a message.
fail_msg() {
	count=$((count + 1))
	failures=$((failures + 1))
	echo "FAIL $1: $2"
}

# ok_msg: count a passed check.
ok_msg() {
	count=$((count + 1))
}

# patients_csv FILE N: N new patients of the demo practice's GPs.
patients_csv() {
	awk -v n="$2" 'BEGIN {
		print "code,gp,enrolled,left,birth_year,sex,ald,c2s"
		split("MARTIN LECLERC DUBOIS NGUYEN", g, " ")
		for (i = 1; i <= n; i++)
			printf "X%07d,%s,2024-%02d-%02d,,%d,%s,,%d\n", i, g[i % 4 + 1],
				i % 12 + 1, i % 28 + 1, 1930 + i % 80, (i % 2 ? "F" : "M"), i % 2
	}' >"$1"
}

rel_finish() {
	echo "$count checks, $failures failed, $xfails known bugs (XFAIL)"
	[ "$failures" = 0 ]
}
