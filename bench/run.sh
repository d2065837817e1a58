#!/bin/sh
# run.sh: `make bench`. Generates three practices (bench/gen), measures
# quotepart against the bare sqlite3 shell and a minimal ncurses program,
# prints the table and rewrites BENCHMARKS.md. Method: BENCHMARKS.md.
#
# Environment: QP (the binary), BENCH_DIR (work files, build/bench),
# BENCH_TOOLS (where gen, timeit and minimal_ncurses are: BENCH_DIR),
# BENCH_RUNS (timed runs, 5), BENCH_RUNS_X10 (3), BENCH_SIZES ("small large
# x10"), BENCH_KEYS (keypresses measured, 40), BENCH_KEY_BUDGET_X10 (at
# x10, stop pressing after so many seconds under callgrind, 30), BENCH_TUI_LIST ("4": the key that opens the
# patients list), BENCH_TUI_STEP ("j"), BENCH_TUI_READY (text that marks a
# drawn frame, "quit"), BENCH_OUT (BENCHMARKS.md).
set -eu

ROOT=$(pwd)
QP=${QP:-$ROOT/quotepart}
W=${BENCH_DIR:-$ROOT/build/bench}
TOOLS=${BENCH_TOOLS:-$W}   # where make put gen, timeit, minimal_ncurses
GEN=$TOOLS/gen
TIMEIT=$TOOLS/timeit
MINI=$TOOLS/minimal_ncurses
RUNS=${BENCH_RUNS:-5}
RUNS_X10=${BENCH_RUNS_X10:-3}
SIZES=${BENCH_SIZES:-small large x10}
NKEYS=${BENCH_KEYS:-40}             # a 120x40 pane shows 33 patients: 7 scroll
KEY_BUDGET_X10=${BENCH_KEY_BUDGET_X10:-30}   # seconds of keypresses at x10
LIST_KEY=${BENCH_TUI_LIST:-4}
STEP_KEY=${BENCH_TUI_STEP:-j}
READY=${BENCH_TUI_READY:-quit}
DEFER=db_quick_check   # what the TUI runs once its first frame is up
OUT=${BENCH_OUT:-$ROOT/BENCHMARKS.md}
NOTES=$ROOT/bench/notes.md
YEAR=2025              # the year bench/gen puts the activities in
TODAY=2026-01-31       # fixed, so the work done is the same every run
SOCK=qpbench$$         # a private tmux server, killed at the end
RES=$W/results
LOG=$W/log

export QP LANG=C.UTF-8 LC_ALL=C.UTF-8 QUOTEPART_TODAY=$TODAY
unset LANGUAGE NO_COLOR 2>/dev/null || true

mkdir -p "$W"
: > "$RES"
: > "$LOG"

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '%s\n' "$*" >&2; }
put() { printf '%s %s\n' "$1" "$2" >> "$RES"; }
die() { say "bench: $*"; exit 1; }

cleanup() { tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

[ -x "$QP" ] || die "no $QP: run make first"
[ -x "$GEN" ] && [ -x "$MINI" ] && [ -x "$TIMEIT" ] || die "build $GEN, $TIMEIT and $MINI first (make bench does)"
have sqlite3 || die "sqlite3 missing: apt-get install -y sqlite3"

runs_for() { [ "$1" = x10 ] && echo "$RUNS_X10" || echo "$RUNS"; }

# ---- wall time and memory --------------------------------------------------

# wall KEY RUNS PREPARE STDIN CMD...: the median wall time in ms of RUNS runs
# after one warm-up (bench/timeit: no shell around CMD), PREPARE (a shell
# command, may be empty) run untimed before each, stdin from STDIN (empty:
# /dev/null). Puts "failed" when CMD fails.
wall() {
	key=$1 n=$2 prep=$3 in=$4
	shift 4
	if v=$("$TIMEIT" -n "$n" -w 1 ${prep:+-p "$prep"} ${in:+-i "$in"} -- "$@" 2>> "$LOG"); then
		put "$key" "$v"
	else
		put "$key" failed
	fi
}

# peak KEY PREPARE STDIN CMD...: the peak resident set size in KB of one run
# ("Maximum resident set size" of GNU time -v; -f %M is that field alone).
peak() {
	key=$1 prep=$2 in=${3:-/dev/null}
	shift 3
	[ -x /usr/bin/time ] || return 0
	[ -z "$prep" ] || sh -c "$prep"
	if /usr/bin/time -f %M -o "$W/rss" "$@" < "$in" > /dev/null 2>> "$LOG"; then
		put "$key" "$(tail -n 1 "$W/rss")"
	fi
}

# ---- the practices ---------------------------------------------------------

# setup SIZE: CSV files, base.db (the members only: what the patient import
# starts from), full.db (everything imported, the key, the first seven
# receipts of YEAR distributed and approved; the eighth is the one the
# benchmark distributes), refbase.db (the reference table for sqlite3's
# .import).
setup() {
	size=$1 d=$W/$1
	mkdir -p "$d"
	"$GEN" "$size" "$d"
	rm -f "$d"/*.db "$d"/*.db-wal "$d"/*.db-shm
	"$QP" --db "$d/base.db" init --name "Bench $size" >> "$LOG"
	"$QP" --db "$d/base.db" import members "$d/members.csv" >> "$LOG"
	sqlite3 "$d/base.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
	cp "$d/base.db" "$d/full.db"
	for t in patients receipts activities; do
		"$QP" --db "$d/full.db" import "$t" "$d/$t.csv" >> "$LOG"
	done
	"$QP" --db "$d/full.db" key import "$d/bench-key.cfg" >> "$LOG"
	for r in 1 2 3 4 5 6 7; do
		ref=R$YEAR-000$r
		"$QP" --db "$d/full.db" distribute "$ref" --key Bench > /dev/null 2>> "$LOG"
		"$QP" --db "$d/full.db" approve "$ref" --date $TODAY >> "$LOG"
	done
	# Bank accounts, for the transfer file: the practice's, and one IBAN
	# (the same valid one) for every member, through export and import.
	"$QP" --db "$d/full.db" settings set iban FR7630006000011234567890189 >> "$LOG"
	"$QP" --db "$d/full.db" settings set bic BNPAFRPP >> "$LOG"
	"$QP" --db "$d/full.db" export members | tr -d '\r' |
		awk 'NR == 1 { print $0 ";iban"; next } /^#/ { next } { print $0 ";FR7630006000011234567890189" }' \
		> "$d/members-iban.csv"
	"$QP" --db "$d/full.db" import members "$d/members-iban.csv" >> "$LOG"
	sqlite3 "$d/full.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
	# The FEC's year: the same, with a SIREN and the first distribution
	# paid (a copy: the other measures keep full.db as it was).
	cp "$d/full.db" "$d/fec.db"
	"$QP" --db "$d/fec.db" settings set siren 552100554 >> "$LOG"
	"$QP" --db "$d/fec.db" pay D1 --date $TODAY --means virement >> "$LOG"
	sqlite3 "$d/fec.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
	# The same columns as the file (gp is the member's code: the shell has
	# no lookup), STRICT, the same constraints and indexes as patients.
	sqlite3 "$d/refbase.db" > /dev/null <<-'EOF'
		PRAGMA journal_mode = WAL;
		CREATE TABLE patients (
		  code TEXT NOT NULL UNIQUE,
		  gp TEXT NOT NULL,
		  enrolled TEXT NOT NULL CHECK (date(enrolled) IS enrolled),
		  left_on TEXT CHECK (left_on = '' OR (date(left_on) IS left_on AND left_on >= enrolled)),
		  birth_year INTEGER NOT NULL CHECK (birth_year BETWEEN 1900 AND 2200),
		  sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
		  ald TEXT NOT NULL DEFAULT '',
		  c2s INTEGER NOT NULL CHECK (c2s IN (0, 1))
		) STRICT;
		CREATE INDEX patients_gp ON patients(gp, enrolled, left_on);
	EOF
	cat > "$d/import.sql" <<-EOF
		BEGIN;
		.import --csv --skip 1 $d/patients.csv patients
		COMMIT;
	EOF
	# The three aggregate queries of src/db/alloc_data.c, verbatim, with
	# the period bound as parameters the way the program binds it.
	cat > "$d/alloc.sql" <<-EOF
		.parameter init
		.parameter set ?1 "'$YEAR-01-01'"
		.parameter set ?2 "'$YEAR-12-31'"
		SELECT m.id, m.code, m.profession, p.grp, m.status, m.joined, m.left_on, m.fte FROM members m JOIN professions p ON p.code = m.profession ORDER BY m.id;
		SELECT gp_id, sum((unixepoch(min(coalesce(left_on, ?2), ?2)) - unixepoch(max(enrolled, ?1))) / 86400 + 1), sum(enrolled <= ?2 AND (left_on IS NULL OR left_on >= ?2)) FROM patients WHERE enrolled <= ?2 AND (left_on IS NULL OR left_on >= ?1) GROUP BY gp_id;
		SELECT member_id, kind, sum(hours) FROM activities WHERE day BETWEEN ?1 AND ?2 GROUP BY member_id, kind ORDER BY member_id, kind;
	EOF
	# The forecast: the ACI declaration and the PEPS grid of the tests
	# (the grid's last cell matches every patient), and the queries that
	# count the patients each estimate needs: the ACI's P on 31 December
	# (src/db/forecast_store.c, verbatim); the PEPS's patients of YEAR in
	# each cell of that grid, the first cell a patient matches by its sex,
	# age, ALD and C2S (peps_cell_matches written in SQL), read in table
	# order (NOT INDEXED: through patients_gp it takes half as long again).
	# The estimate must give the same counts: measure_wall checks it. The
	# count of the year's patients alone, which reads none of the four and
	# only the index, is shown beside it.
	"$QP" --db "$d/full.db" aci import "$ROOT/tests/fixtures/forecast/aci-$YEAR.cfg" >> "$LOG"
	"$QP" --db "$d/full.db" peps import "$ROOT/tests/fixtures/forecast/peps-$YEAR.cfg" >> "$LOG"
	sqlite3 "$d/full.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
	cat > "$d/aci.sql" <<-EOF
		.parameter init
		.parameter set ?1 "'$YEAR-12-31'"
		SELECT (SELECT count(*) FROM patients p JOIN members m ON m.id = p.gp_id WHERE m.profession = 'gp' AND m.status = 'associate' AND m.joined <= ?1 AND (m.left_on IS NULL OR m.left_on >= ?1) AND p.enrolled <= ?1 AND (p.left_on IS NULL OR p.left_on >= ?1)), (SELECT count(*) FROM members m WHERE m.status = 'associate' AND m.joined <= ?1 AND (m.left_on IS NULL OR m.left_on >= ?1));
	EOF
	cat > "$d/peps.sql" <<-EOF
		.parameter init
		.parameter set ?1 $YEAR
		SELECT cell, count(*) FROM (SELECT CASE
		  WHEN sex = 'M' AND ?1 - birth_year BETWEEN 40 AND 49 AND ald = '' AND c2s = 0 THEN 1
		  WHEN instr('|' || ald || '|', '|diabetes|') OR instr('|' || ald || '|', '|cardio|') THEN 2
		  WHEN instr('|' || ald || '|', '|cancer|') OR instr('|' || ald || '|', '|neuro|')
		    OR instr('|' || ald || '|', '|psy|') OR instr('|' || ald || '|', '|other|') THEN 3
		  WHEN ?1 - birth_year BETWEEN 0 AND 15 THEN 4
		  WHEN ?1 - birth_year BETWEEN 75 AND 150 THEN 5
		  WHEN c2s = 1 THEN 6
		  ELSE 7 END AS cell
		FROM patients NOT INDEXED WHERE gp_id IN (SELECT id FROM members WHERE profession = 'gp' AND status = 'associate')
		  AND enrolled <= ?1 || '-12-31' AND (left_on IS NULL OR left_on >= ?1 || '-01-01'))
		GROUP BY cell ORDER BY cell;
	EOF
	cat > "$d/peps-count.sql" <<-EOF
		.parameter init
		.parameter set ?1 "'$YEAR'"
		SELECT count(*) FROM patients p JOIN members m ON m.id = p.gp_id WHERE m.profession = 'gp' AND m.status = 'associate' AND p.enrolled <= ?1 || '-12-31' AND (p.left_on IS NULL OR p.left_on >= ?1 || '-01-01');
	EOF
	put "$size.members" "$(($(wc -l < "$d/members.csv") - 1))"
	put "$size.patients" "$(($(wc -l < "$d/patients.csv") - 1))"
	put "$size.receipts" "$(($(wc -l < "$d/receipts.csv") - 1))"
	put "$size.activities" "$(($(wc -l < "$d/activities.csv") - 1))"
	put "$size.lines" "$(sqlite3 "$d/full.db" "SELECT count(*) FROM distribution_lines;")"
	put "$size.dbkb" "$(($(wc -c < "$d/full.db") / 1024))"
}

has_statements() { "$QP" --help 2>/dev/null | grep -q '^ *statement '; }
has_fec() { "$QP" --help 2>/dev/null | grep -q 'journal .*--format csv|text|fec'; }

measure_wall() {
	size=$1 d=$W/$1 n=$(runs_for "$1")
	say "  $size: import patients"
	wall "$size.import.qp" "$n" "rm -f $d/work.db-wal $d/work.db-shm; cp $d/base.db $d/work.db" "" \
		"$QP" --db "$d/work.db" import patients "$d/patients.csv"
	wall "$size.import.ref" "$n" "rm -f $d/ref.db-wal $d/ref.db-shm; cp $d/refbase.db $d/ref.db" \
		"$d/import.sql" sqlite3 -batch "$d/ref.db"
	say "  $size: distribute --dry-run"
	wall "$size.dist.qp" "$n" "" "" \
		"$QP" --db "$d/full.db" distribute "R$YEAR-0008" --key Bench --dry-run
	wall "$size.dist.ref" "$n" "" "$d/alloc.sql" sqlite3 -batch "$d/full.db"
	if has_statements; then
		say "  $size: statements"
		wall "$size.stmt.qp" "$n" "" "" \
			"$QP" --db "$d/full.db" statement --all --year "$YEAR" --format text
		say "  $size: statements as one PDF"
		wall "$size.stmtpdf.qp" "$n" "rm -f $d/statements.pdf" "" \
			"$QP" --db "$d/full.db" statement --all --year "$YEAR" --format pdf --out "$d/statements.pdf"
	fi
	if has_fec; then
		say "  $size: FEC of a year"
		# The year of the approvals and the payment (TODAY's): the
		# distributions' lines are most of the file.
		wall "$size.fec.qp" "$n" "" "" \
			"$QP" --db "$d/fec.db" journal --year "${TODAY%%-*}" --format fec --out "$d/fec.txt"
	fi
	say "  $size: estimate ACI, estimate PEPS"
	wall "$size.aci.qp" "$n" "" "" "$QP" --db "$d/full.db" estimate ACI --exercise "$YEAR" --format csv
	wall "$size.aci.ref" "$n" "" "$d/aci.sql" sqlite3 -batch "$d/full.db"
	wall "$size.peps.qp" "$n" "" "" "$QP" --db "$d/full.db" estimate PEPS --exercise "$YEAR" --format csv
	wall "$size.peps.ref" "$n" "" "$d/peps.sql" sqlite3 -batch "$d/full.db"
	wall "$size.peps.count" "$n" "" "$d/peps-count.sql" sqlite3 -batch "$d/full.db"
	# The reference counts what the estimate counts, or it is no reference.
	"$QP" --db "$d/full.db" estimate PEPS --exercise "$YEAR" --format csv |
		awk -F';' '$1 == "cell" { sub("^cell", "", $2); print $2 "|" $5 }' > "$d/peps-cells.qp"
	sqlite3 -batch "$d/full.db" < "$d/peps.sql" > "$d/peps-cells.ref"
	cmp -s "$d/peps-cells.qp" "$d/peps-cells.ref" ||
		die "$size: estimate PEPS and the sqlite3 reference count different patients per cell ($d/peps-cells.qp, $d/peps-cells.ref)"
	say "  $size: transfers"
	wall "$size.sepa.qp" "$n" "rm -f $d/transfers.xml" "" \
		"$QP" --db "$d/full.db" transfers "R$YEAR-0001" --date $TODAY --out "$d/transfers.xml"
	say "  $size: check"
	wall "$size.check.qp" "$n" "" "" "$QP" --db "$d/full.db" check
	wall "$size.check.ref" "$n" "" "$W/integrity.sql" sqlite3 -batch "$d/full.db"
}

measure_peak() {
	size=$1 d=$W/$1
	peak "$size.mem.import" "rm -f $d/work.db-wal $d/work.db-shm; cp $d/base.db $d/work.db" "" \
		"$QP" --db "$d/work.db" import patients "$d/patients.csv"
	peak "$size.mem.import_ref" "rm -f $d/ref.db-wal $d/ref.db-shm; cp $d/refbase.db $d/ref.db" \
		"$d/import.sql" sqlite3 -batch "$d/ref.db"
	peak "$size.mem.dist" "" "" "$QP" --db "$d/full.db" distribute "R$YEAR-0008" --key Bench --dry-run
	peak "$size.mem.dist_ref" "" "$d/alloc.sql" sqlite3 -batch "$d/full.db"
	if has_statements; then
		peak "$size.mem.stmt" "" "" "$QP" --db "$d/full.db" statement --all --year "$YEAR" --format text
	fi
	peak "$size.mem.check" "" "" "$QP" --db "$d/full.db" check
	peak "$size.mem.check_ref" "" "$W/integrity.sql" sqlite3 -batch "$d/full.db"
}

# ---- the terminal interface -------------------------------------------------

pane() { tmux -L "$SOCK" capture-pane -p -e -t bench 2>/dev/null || true; }

# The scheduler state of a process (R running, S sleeping: in getch), or
# nothing once it is gone. Under valgrind the tool runs in the same process.
pstate() { awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true; }

# wait_for TEXT SECONDS: until the screen shows TEXT.
wait_for() {
	i=0
	while [ "$i" -lt $(($2 * 20)) ]; do
		pane | grep -q -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# idle PID: until PID has been asleep (back in getch, having drawn) for
# 0.3 s running, or is gone; at most 15 minutes.
idle() {
	i=0 asleep=0
	while [ "$asleep" -lt 6 ] && [ "$i" -lt 18000 ]; do
		case $(pstate "$1") in
		S|D|I) asleep=$((asleep + 1)) ;;
		"") return 0 ;;
		*) asleep=0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
}

# press PID KEY: send a key and wait until the program has handled it and
# gone back to sleep in getch, so no key is ever typed ahead of a repaint
# (ncurses would skip work it otherwise does). True when the screen changed.
# Without a PID (the program runs under GNU time) it waits for the screen
# to change, then for 0.3 s of stillness, at most 10 s.
press() {
	before=$(pane)
	tmux -L "$SOCK" send-keys -t bench "$2"
	if [ -n "$1" ]; then
		# The key wakes the program up: see it run, or see the screen
		# change, before waiting for it to sleep again (2 s at most for a
		# key that does nothing and costs too little to be seen running).
		i=0
		while [ "$i" -lt 40 ]; do
			[ "$(pstate "$1")" != R ] || break
			[ "$(pane)" = "$before" ] || break
			sleep 0.05
			i=$((i + 1))
		done
		idle "$1"
		[ "$(pane)" != "$before" ]
		return
	fi
	i=0 same=0 prev=$before changed=1
	while [ "$i" -lt 200 ]; do
		sleep 0.05
		cur=$(pane)
		[ "$cur" = "$before" ] || changed=0
		if [ "$changed" -eq 0 ] && [ "$cur" = "$prev" ]; then same=$((same + 1)); else same=0; fi
		[ "$same" -lt 6 ] || break
		prev=$cur
		i=$((i + 1))
	done
	return $changed
}

# Ir of one callgrind output file.
irs() { [ -f "$1" ] && awk '/^(totals|summary):/ { print $2; exit }' "$1"; }

# instr KEY STDIN CMD...: the instructions of one run of CMD under callgrind.
instr() {
	key=$1 in=$2
	shift 2
	have valgrind || return 0
	if valgrind -q --tool=callgrind --callgrind-out-file="$W/cg.ref" "$@" < "$in" > /dev/null 2>> "$LOG"; then
		put "$key" "$(irs "$W/cg.ref")"
	fi
	rm -f "$W/cg.ref"
}

# dumps CG: the counts of the callgrind files CG.1, CG.2 ... and CG (the
# last, at exit), one "name Ir" line per dump the bench asked for, by the
# trigger callgrind wrote in each file: "first", "open", "key1" ...,
# "quit" (program termination). The file that --dump-before closed, the
# first time the program called the deferred function, is "frame"; any
# later call splits a dump in two, whose parts are added back together.
dumps() {
	{
		n=1
		while [ -f "$1.$n" ]; do
			printf '%s %s\n' "$(irs "$1.$n")" "$(sed -n 's/^desc: Trigger: //p' "$1.$n" | head -n 1)"
			n=$((n + 1))
		done
		printf '%s %s\n' "$(irs "$1")" "$(sed -n 's/^desc: Trigger: //p' "$1" | head -n 1)"
	} 2>/dev/null | awk '
		$2 ~ /^--dump-before=/ { if (!seen++) print "frame", $1; else acc += $1; next }
		$2 == "dump" { printf "%s %.0f\n", $3, acc + $1; acc = 0; next }
		$2 == "Program" { printf "quit %.0f\n", acc + $1; acc = 0 }'
}

# tui NAME LISTKEY CMD [DEFERRED]: run CMD under callgrind in a 120x40 tmux
# pane and dump the counts after each step, so one run gives every figure
# and each keypress its own count: the start to the first frame, opening
# the list (LISTKEY; nothing if empty), each press of STEP_KEY (NKEYS of
# them; at x10 fewer once KEY_BUDGET_X10 seconds have passed), and
# quitting. DEFERRED names the function the program calls once its first
# frame is drawn, for the work it leaves until then: callgrind dumps on
# entering it (--dump-before), which closes the first frame there; the
# deferred work, until the program sleeps, is counted on its own. Puts
# NAME.frame (start to first frame, plus quit), NAME.defer (the deferred
# work, when DEFERRED was called), NAME.open, NAME.key (mean per press),
# NAME.keymed, NAME.keymax, NAME.pressed and NAME.moved (the presses that
# changed the screen).
tui() {
	name=$1 listkey=$2 cmd=$3 deferred=${4:-}
	have valgrind && have tmux && have callgrind_control || return 0
	cg=$W/cg.$name pidf=$W/tui.pid
	rm -f "$cg" "$cg".* "$pidf"
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 -s bench \
		"echo \$\$ > $pidf; exec valgrind -q --tool=callgrind ${deferred:+--dump-before=$deferred} --callgrind-out-file=$cg $cmd 2>>$LOG"
	i=0
	while [ ! -s "$pidf" ] && [ "$i" -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	pid=$(cat "$pidf")
	if ! wait_for "$READY" 900; then
		say "  $name: no frame with \"$READY\" within 900 s"
		cleanup
		return 0
	fi
	idle "$pid"
	callgrind_control --dump=first "$pid" >> "$LOG" 2>&1
	if [ -n "$listkey" ]; then
		press "$pid" "$listkey" || say "  $name: the key $listkey changed nothing"
	fi
	callgrind_control --dump=open "$pid" >> "$LOG" 2>&1
	moved=0 k=0 t0=$(date +%s)
	while [ "$k" -lt "$NKEYS" ]; do
		if press "$pid" "$STEP_KEY"; then moved=$((moved + 1)); fi
		k=$((k + 1))
		callgrind_control --dump=key$k "$pid" >> "$LOG" 2>&1
		# A list that does not react at once never will.
		[ "$moved" -gt 0 ] || break
		[ "$name" != x10 ] || [ $(($(date +%s) - t0)) -lt "$KEY_BUDGET_X10" ] || break
	done
	tmux -L "$SOCK" send-keys -t bench q
	i=0
	while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
	cleanup
	dumps "$cg" > "$W/dumps"
	f=$(dump frame) first=$(dump first) o=$(dump open) q=$(dump quit)
	if [ -n "$f" ]; then
		put "$name.defer" "$first"
	else
		[ -z "$deferred" ] || say "  $name: $deferred was never called: the first frame counts until the program slept"
		f=$first
	fi
	[ -n "$f" ] && [ -n "$q" ] && put "$name.frame" $((f + q))
	put "$name.open" "${o:-}"
	put "$name.moved" "$moved"
	put "$name.pressed" "$k"
	[ "$moved" -gt 0 ] || return 0
	j=1
	: > "$W/keys"
	while [ "$j" -le "$k" ]; do
		dump "key$j" >> "$W/keys"
		j=$((j + 1))
	done
	[ -s "$W/keys" ] || return 0
	put "$name.key" "$(awk '{ s += $1 } END { printf "%d", s / NR }' "$W/keys")"
	put "$name.keymed" "$(sort -n "$W/keys" | awk '{ a[NR] = $1 }
		END { printf "%d", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')"
	put "$name.keymax" "$(sort -n "$W/keys" | tail -n 1)"
}

# dump NAME: the count of a dump in $W/dumps (see dumps), or nothing.
dump() { awk -v k="$1" '$1 == k { print $2 }' "$W/dumps"; }

# tui_peak NAME CMD: peak memory of the TUI (no valgrind): first frame, the
# list opened, NKEYS presses, quit.
tui_peak() {
	[ -x /usr/bin/time ] && have tmux || return 0
	rm -f "$W/rss"
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 -s bench \
		"/usr/bin/time -f %M -o $W/rss $2 2>>$LOG"
	wait_for "$READY" 120 || { cleanup; return 0; }
	press "" "$LIST_KEY" || true
	k=0
	while [ "$k" -lt "$NKEYS" ]; do press "" "$STEP_KEY" || break; k=$((k + 1)); done
	tmux -L "$SOCK" send-keys -t bench q
	i=0
	while [ ! -s "$W/rss" ] && [ "$i" -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	cleanup
	[ -s "$W/rss" ] && put "$1" "$(tail -n 1 "$W/rss")"
}

# ---- run ---------------------------------------------------------------------

start=$(date +%s)
put date "$(date -u '+%Y-%m-%d_%H:%M_UTC')"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null | head -n 1)" ] || commit="${commit}_+_uncommitted_changes"
put commit "$commit"
echo "PRAGMA integrity_check;" > "$W/integrity.sql"
echo "PRAGMA quick_check;" > "$W/quickcheck.sql"
say "bench: generating and loading the practices ($SIZES)"
for s in $SIZES; do setup "$s"; done
say "bench: wall times (median of $RUNS runs, x10: $RUNS_X10, after a warm-up)"
for s in $SIZES; do measure_wall "$s"; done
say "bench: peak memory"
for s in $SIZES; do measure_peak "$s"; done
say "bench: terminal interface under callgrind"
tui mini "" "$MINI"
for s in $SIZES; do
	say "  $s"
	tui "$s" "$LIST_KEY" "$QP --db $W/$s/full.db" "$DEFER"
	instr "$s.defer.ref" "$W/quickcheck.sql" sqlite3 -batch "$W/$s/full.db"
	tui_peak "$s.mem.tui" "$QP --db $W/$s/full.db"
done
put elapsed $(($(date +%s) - start))

sh "$ROOT/bench/report.sh" "$RES" "$OUT" "$NOTES"
