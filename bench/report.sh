#!/bin/sh
# report.sh RESULTS OUT NOTES: the table of `make bench` from the results
# file run.sh wrote ("key value" lines), printed and written to OUT
# (BENCHMARKS.md) with the machine, the date, the method and NOTES.
set -eu
res=$1 out=$2 notes=$3

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)

tmp=$out.tmp
awk -v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v nproc="$(nproc)" -v cpu="${cpu:-?}" \
    -v ram="${ram:-?}" -v kernel="$(uname -sr)" -v sqlite="$(sqlite3 --version | cut -d' ' -f1)" \
    -v version="$("${QP:-./quotepart}" --version 2>/dev/null | head -n 1)" \
    -v runs="${BENCH_RUNS:-5}" -v runs10="${BENCH_RUNS_X10:-3}" -v nkeys="${BENCH_KEYS:-50}" '
function has(k) { return (k in v) && v[k] != "" && v[k] != "failed" }
function show(k) { return (k in v) && v[k] != "" ? v[k] : "—" }
function ms(k) { return has(k) ? sprintf("%.1f", v[k]) : (v[k] == "failed" ? "failed" : "—") }
function mi(x) { return sprintf("%.2fM", x / 1e6) }
function mb(k) { return has(k) ? sprintf("%.1f", v[k] / 1024) : "—" }
function ratio(a, b) { return has(a) && has(b) && v[b] > 0 ? sprintf("%.2f", v[a] / v[b]) : "—" }
function verdict(ok) { return ok ? "PASS" : "FAIL" }
function target(name, result, detail) {
	t++; tname[t] = name; tres[t] = result; tdet[t] = detail
}
function sizes_line(s) {
	printf "| %s | %s | %s | %s | %s | %s | %.1f MB |\n", s, show(s ".members"), show(s ".patients"),
	       show(s ".receipts"), show(s ".activities"), show(s ".lines"), v[s ".dbkb"] / 1024
}
# A wall-time row with its reference; the target only on the large size.
function wall_row(label, k, reflabel, lim, s,    q, r, ra, res) {
	q = s "." k ".qp"; r = s "." k ".ref"
	ra = ratio(q, r); res = ""
	if (s == "large" && lim != "" && ra != "—") {
		res = verdict(ra + 0 <= lim + 0)
		target(label " <= " lim "x " reflabel, res, sprintf("%s ms vs %s ms: %sx", ms(q), ms(r), ra))
	}
	printf "| %s | %s | %s | %s %s | %s | %s | %s |\n", label, s, ms(q), ms(r), reflabel,
	       ra, (s == "large" && lim != "") ? "<= " lim "x" : "", res
}
BEGIN { split("small large x10", S, " ") }
{ v[$1] = $2 }
END {
	printf "# Benchmarks\n\n"
	printf "Written by `make bench` (bench/run.sh); do not edit by hand: the notes at the end come from bench/notes.md.\n\n"
	d = ("date" in v) ? v["date"] : date; gsub("_", " ", d)
	printf "- Date: %s\n", d
	printf "- Machine: %s CPUs (nproc), %s, %s RAM, %s\n", nproc, cpu, ram, kernel
	c = ("commit" in v) ? v["commit"] : "?"; gsub("_", " ", c)
	printf "- Program: %s, commit %s; SQLite %s (the sqlite3 shell is the reference)\n", version, c, sqlite
	printf "- Wall times: median of %s runs (x10: %s) after one warm-up, each a fresh process; instructions: one run under `valgrind --tool=callgrind`; memory: peak RSS of one run (GNU time, \"Maximum resident set size\")\n", runs, runs10
	printf "- Whole run: %s s\n\n", show("elapsed")

	printf "## The practices (bench/gen, fixed seed)\n\n"
	printf "| size | members | patients | receipts | activities (%s) | distribution lines | database |\n", "2025"
	printf "|---|---:|---:|---:|---:|---:|---:|\n"
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) sizes_line(S[i])
	printf "\n"

	printf "## Wall time (ms)\n\n"
	printf "| measure | size | quotepart | reference | ratio | target | result |\n"
	printf "|---|---|---:|---|---:|---|---|\n"
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) wall_row("import patients", "import", "(sqlite3 .import)", "1.5", S[i])
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) wall_row("distribute --dry-run, 3 pools", "dist", "(sqlite3: the 3 aggregate queries)", "2", S[i])
	for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		k = s ".stmt.qp"; res = ""
		if (!(k in v)) { val = "not available yet" }
		else {
			val = ms(k)
			if (s == "large") {
				res = has(k) ? verdict(v[k] + 0 < 200) : "FAIL"
				target("a year of statements for all members < 200 ms", res, val " ms")
			}
		}
		printf "| statements, all members, a year | %s | %s | — | — | %s | %s |\n", s, val, s == "large" ? "< 200 ms" : "", res
	}
	if (("large.members" in v) && !("large.stmt.qp" in v)) target("a year of statements for all members < 200 ms", "not available yet", "no statement command in this build")
	for (i = 1; i <= 3; i++) {
		s = S[i]; k = s ".stmtpdf.qp"; if (!((s ".members") in v) || !(k in v)) continue
		res = ""
		if (s == "large") {
			res = has(k) ? verdict(v[k] + 0 < 2000) : "FAIL"
			target(v[s ".members"] " members\047 statements as one PDF < 2 s", res, ms(k) " ms")
		}
		printf "| %s members\047 statements as one PDF | %s | %s | — | — | %s | %s |\n", show(s ".members"), s, ms(k), s == "large" ? "< 2 s" : "", res
	}
	for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		k = s ".fec.qp"; res = ""
		if (!(k in v)) { val = "not available yet" }
		else {
			val = ms(k)
			if (s == "large") {
				res = has(k) ? verdict(v[k] + 0 < 1000) : "FAIL"
				target("the FEC of a year < 1 s", res, val " ms")
			}
		}
		printf "| FEC journal of a year (`journal --format fec`) | %s | %s | — | — | %s | %s |\n", s, val, s == "large" ? "< 1 s" : "", res
	}
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) wall_row("estimate ACI --format csv", "aci", "(sqlite3: the query counting P and n)", "2", S[i])
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) wall_row("estimate PEPS --format csv", "peps", "(sqlite3: counting the patients of the year in each cell of the grid)", "2", S[i])
	for (i = 1; i <= 3; i++) {
		s = S[i]; q = s ".peps.qp"; r = s ".peps.count"; if (!((s ".members") in v) || !(r in v)) continue
		printf "| the same, against counting the year\047s patients only | %s | %s | %s (sqlite3: count(*) through the index, no cell) | %s |  |  |\n", s, ms(q), ms(r), ratio(q, r)
	}
	for (i = 1; i <= 3; i++) {
		s = S[i]; k = s ".sepa.qp"; if (!((s ".members") in v) || !(k in v)) continue
		res = ""
		if (s == "large") {
			res = has(k) ? verdict(v[k] + 0 < 1000) : "FAIL"
			target("the SEPA transfer file of one distribution < 1 s", res, ms(k) " ms")
		}
		printf "| SEPA transfer file, one distribution | %s | %s | — | — | %s | %s |\n", s, ms(k), s == "large" ? "< 1 s" : "", res
	}
	for (i = 1; i <= 3; i++) if ((S[i] ".members") in v) wall_row("check", "check", "(sqlite3: PRAGMA integrity_check)", "", S[i])
	printf "\n"

	printf "## Terminal interface (instructions, callgrind, 120x40 tmux pane)\n\n"
	printf "| measure | size | quotepart | reference | difference | target | result |\n"
	printf "|---|---|---:|---|---:|---|---|\n"
	for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		res = ""; d = "—"
		if (has(s ".frame") && has("mini.frame")) {
			d = sprintf("%+.2fM", (v[s ".frame"] - v["mini.frame"]) / 1e6)
			if (s == "large") {
				res = verdict(v[s ".frame"] - v["mini.frame"] <= 20e6)
				target("first frame <= 20M instructions above the minimal ncurses program", res,
				       sprintf("%s vs %s: %s", mi(v[s ".frame"]), mi(v["mini.frame"]), d))
			}
		}
		printf "| start, first frame, quit | %s | %s | %s | %s | %s | %s |\n", s,
		       has(s ".frame") ? mi(v[s ".frame"]) : "—", has("mini.frame") ? mi(v["mini.frame"]) " (minimal ncurses)" : "—",
		       d, s == "large" ? "<= +20M" : "", res
	}
	for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		k = s ".defer"; r = s ".defer.ref"
		printf "| quick_check deferred until after the first frame | %s | %s | %s | %s | | |\n", s,
		       has(k) ? mi(v[k]) : "—", has(r) ? mi(v[r]) " (sqlite3: PRAGMA quick_check)" : "—",
		       has(k) && has(r) ? sprintf("%+.2fM", (v[k] - v[r]) / 1e6) : "—"
	}
	for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		printf "| opening the patients list | %s | %s | — | — | | |\n", s, has(s ".open") ? mi(v[s ".open"]) : "—"
	}
	split("key|keymed|keymax", KK, "|")
	split("one keypress in the patients list, mean|the same, median (a move within the page)|the same, worst (a scroll)", KL, "|")
	for (j = 1; j <= 3; j++) for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		k = s "." KK[j]; m = "mini." KK[j]; res = ""
		if (has(k)) {
			val = sprintf("%.3fM", v[k] / 1e6)
			if (s == "large" && j == 1) {
				res = verdict(v[k] <= 1e6)
				target("a keypress in a long list <= 1M instructions", res,
				       sprintf("mean of %s presses %s; median %.3fM, worst %.3fM", v[s ".pressed"], val,
				               v[s ".keymed"] / 1e6, v[s ".keymax"] / 1e6))
			}
		} else val = (s ".moved") in v ? "not available yet" : "—"
		printf "| %s%s | %s | %s | %s | %s | %s | %s |\n", KL[j],
		       j == 1 && has(s ".pressed") ? " of " v[s ".pressed"] : "", s, val,
		       has(m) ? sprintf("%.3fM (minimal ncurses)", v[m] / 1e6) : "—",
		       has(k) && has(m) ? sprintf("%+.3fM", (v[k] - v[m]) / 1e6) : "—",
		       s == "large" && j == 1 ? "<= 1M" : "", res
	}
	if (("large.members" in v) && !has("large.key")) target("a keypress in a long list <= 1M instructions", "not available yet", "the patients list did not react to the keys")
	printf "\n"

	printf "## Peak memory (MB)\n\n"
	printf "| command | size | quotepart | sqlite3 reference | target | result |\n"
	printf "|---|---|---:|---:|---|---|\n"
	split("import dist stmt check tui", M, " ")
	split("import patients|distribute --dry-run|statements, a year|check|TUI: list, keys, quit", L, "|")
	worst = 0; worstname = ""
	for (j = 1; j <= 5; j++) for (i = 1; i <= 3; i++) {
		s = S[i]; if (!((s ".members") in v)) continue
		k = s ".mem." M[j]; res = ""
		if (s == "large" && has(k)) {
			res = verdict(v[k] <= 30 * 1024)
			if (v[k] > worst) { worst = v[k]; worstname = L[j] }
		}
		printf "| %s | %s | %s | %s | %s | %s |\n", L[j], s, mb(k), mb(s ".mem." M[j] "_ref"),
		       s == "large" ? "<= 30" : "", res
	}
	if (worst > 0)
		target("peak memory <= 30 MB", verdict(worst <= 30 * 1024), sprintf("highest: %s, %.1f MB", worstname, worst / 1024))
	printf "\n"

	printf "## Ten times the practice (x10 / large)\n\n"
	printf "| measure | large | x10 | x10 / large | reference x10 / large | result |\n"
	printf "|---|---:|---:|---:|---:|---|\n"
	n10 = 0; bad10 = ""
	split("import|dist|stmt|check|frame|defer|keymed|mem.import|mem.dist|mem.stmt|mem.check|mem.tui", X, "|")
	split("import patients (ms)|distribute --dry-run (ms)|statements, a year (ms)|check (ms)|TUI first frame (instructions)|TUI deferred quick_check (instructions)|TUI keypress, median (instructions)|peak memory, import (KB)|peak memory, distribute (KB)|peak memory, statements (KB)|peak memory, check (KB)|peak memory, TUI (KB)", XL, "|")
	for (j = 1; j <= 12; j++) {
		if (j <= 4) { a = "large." X[j] ".qp"; b = "x10." X[j] ".qp"; ra = "large." X[j] ".ref"; rb = "x10." X[j] ".ref" }
		else if (X[j] == "defer") { a = "large.defer"; b = "x10.defer"; ra = a ".ref"; rb = b ".ref" }
		else if (j <= 7) { a = "large." X[j]; b = "x10." X[j]; ra = rb = "mini." X[j] }
		else { a = "large." X[j]; b = "x10." X[j]; ra = a "_ref"; rb = b "_ref" }
		if (!has(a) || !has(b)) continue
		r = v[b] / v[a]; ok = r <= 10
		n10++; if (!ok) bad10 = bad10 (bad10 == "" ? "" : ", ") XL[j] sprintf(" %.1fx", r)
		printf "| %s | %s | %s | %.2f | %s | %s |\n", XL[j], v[a], v[b], r,
		       has(ra) && has(rb) ? sprintf("%.2f", v[rb] / v[ra]) : "—", verdict(ok)
	}
	if (n10) target("the ten-times practice costs no more than ten times", bad10 == "" ? "PASS" : "FAIL", bad10 == "" ? n10 " figures within 10x" : bad10)
	printf "\n"

	printf "## Targets (large practice)\n\n"
	if (!("large.members" in v)) printf "The large practice was not measured (BENCH_SIZES).\n"
	for (i = 1; i <= t; i++) printf "- **%s** %s (%s)\n", tres[i], tname[i], tdet[i]
	printf "\n"
}' "$res" > "$tmp"

cat "$tmp"
{
	cat "$tmp"
	cat <<-'EOF'
	## Method

	- `bench/gen SIZE DIR` writes members, patients, receipts and activities
	  as CSV plus a key file (`bench-key.cfg`: a 5 % reservation, then 30 %
	  equal with presence prorata, 40 % by enrolled patients averaged over the
	  period, 30 % by hours of RCP, protocols and coordination). The seed is
	  fixed: the same bytes every run. small: 10 members, 2,000 patients, one
	  year of receipts, 1,500 activities; large: 150 members, 60,000 patients,
	  ten years of 8 receipts, 20,000 activities in 2025; x10: 1,500 members,
	  600,000 patients, ten years of 80 receipts, 200,000 activities.
	- Every size loads the files with `quotepart import` and stores and
	  approves the distributions of seven 2025 receipts (the same seven at
	  every size, so x10 has ten times the distribution lines, not a hundred);
	  the eighth, R2025-0008, is the one the benchmark distributes.
	- Import: `quotepart import patients` into a database holding the members
	  (copied fresh before each run, untimed), against `sqlite3` running
	  `BEGIN; .import --csv --skip 1 patients.csv patients; COMMIT;` into a
	  WAL database with a STRICT table of the file's columns, the same CHECK
	  constraints, UNIQUE code and the same (gp, enrolled, left_on) index. The
	  reference stores the GP's code as it reads it; quotepart also parses and
	  checks every cell, looks for NIRs and resolves each GP code to its id.
	- Distribution: `quotepart distribute R2025-0008 --key Bench --dry-run`
	  against `sqlite3` running the three aggregate queries of
	  src/db/alloc_data.c verbatim (members, patient-days per GP, hours by
	  member and kind) with the period bound as parameters, on the same file.
	- Statements: `quotepart statement --all --year 2025 --format text`, when
	  the command exists.
	- FEC: `quotepart journal --year 2026 --format fec --out FILE` on a copy
	  of the practice with a SIREN and the first distribution paid: the
	  year of the seven approvals and the payment.
	- Transfers: `quotepart transfers R2025-0001 --date 2026-01-31 --out
	  FILE.xml`, the SEPA file of the first approved distribution, every
	  member given an IBAN by an import (no reference: nothing else writes
	  pain.001).
	- Check: `quotepart check` against `sqlite3` running `PRAGMA
	  integrity_check;` on the same file.
	- Wall times: bench/timeit forks and execs the command directly (no
	  shell), stdout to /dev/null, and prints the median.
	- Terminal interface: the program runs under `valgrind --tool=callgrind`
	  in a private 120x40 tmux server. The TUI draws its first frame, then
	  runs the `PRAGMA quick_check` that opening the database left for later
	  (src/tui/tui.c, db_quick_check): `--dump-before=db_quick_check` closes
	  the first-frame count as the check starts, the frame already on the
	  screen. Once the status bar shows "quit" and the program sleeps in
	  getch (its state in /proc stayed "S" for 0.3 s), `callgrind_control
	  --dump` closes the count of the deferred check, which has its own row,
	  against `sqlite3` running `PRAGMA quick_check;` on the same file (the
	  whole shell run under callgrind). The bench then types `4` (the
	  patients list) and dumps, then types `j` 40 times, dumping after each
	  press, then `q`. The pane shows 33 patients: 32 moves, then 8 one-row
	  scrolls; at x10 it stops after 30 s of callgrind time. Each key is
	  sent only once the program has handled the previous one and gone back
	  to sleep, so ncurses never skips a repaint for typeahead. "Start,
	  first frame, quit" is the first dump plus the last (quitting); each
	  press is its own dump, and the table gives their mean (the target),
	  median and maximum. Each dump is told by the trigger callgrind writes
	  in it. Counting by dumps inside one run, rather than subtracting two
	  runs, leaves start-up noise out entirely. bench/minimal_ncurses is the
	  reference: one screen of list rows, `j` moves a highlight (two rows
	  redrawn, or a page scrolled), `q` quits.
	- Peak memory: `/usr/bin/time -f %M` (the "Maximum resident set size" of
	  `-v`) around one run; the TUI's while it opens the list and moves 40
	  rows.
	- `BENCH_RUNS`, `BENCH_RUNS_X10`, `BENCH_SIZES`, `BENCH_KEYS`,
	  `BENCH_KEY_BUDGET_X10`, `BENCH_TUI_LIST`,
	  `BENCH_TUI_STEP` and `BENCH_TUI_READY` change the
	  above; the work files stay in build/bench/ (its `log` has the commands'
	  messages).

	EOF
	[ ! -f "$notes" ] || cat "$notes"
} > "$out"
rm -f "$tmp"
echo "bench: wrote $out" >&2
