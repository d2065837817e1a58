#!/bin/sh
# test-forecast-peps.sh: p on the Forecast screen shows the PEPS estimate
# from the practice's grid beside a what-if: without a grid it says how to
# start; + on the local coefficient gives the command line's what-if
# (--set local=...); Enter types a cell's yearly amount; q asks before
# dropping the what-if; s stores it as the grid, which `peps export` and
# `estimate PEPS` then read, unless another program imported one since;
# French at 80x24 (labels, dates DD/MM/YYYY,
# decimal comma), English at 120x40.
. "$(dirname "$0")/lib.sh"
make_demo
Q() { "$QP_BIN" --db "$DB" "$@"; }
# The year's amount of the estimate (euros as the CSV writes them), with
# what-ifs: the what-if's column.
year() {
	if [ $# -gt 0 ]; then
		Q estimate PEPS --exercise 2025 "$@" --format csv | tr -d '\r' | awk -F';' '$1 == "total" && $2 == "year" { print $10 }'
	else
		Q estimate PEPS --exercise 2025 --format csv | tr -d '\r' | awk -F';' '$1 == "total" && $2 == "year" { print $6 }'
	fi
}
# s, and y to the question: the what-if made the exercise's grid.
save_what_if() {
	keys s
	wait_for "Make the what-if's values the PEPS grid of 2025?"
	keys y
}
# 651363,16 as the English interface writes it: €651,363.16.
en() { echo "$1" | awk -F, '{ n = $1; o = ""; while (length(n) > 3) { o = "," substr(n, length(n) - 2) o; n = substr(n, 1, length(n) - 3) } printf "€%s%s.%s\n", n, o, $2 }'; }

start 120 40
keys 0
wait_for "[0 Forecast]"
keys p
wait_for "no PEPS grid for 2025"
wait_for "quotepart peps import FILE"
keys p
wait_for "ACI 2025"
keys q
check_restored 0

Q peps import "$(dirname "$0")/../fixtures/forecast/peps-2025.cfg" >/dev/null || fail "peps import"
stored=$(year)
next_server
start 120 40
keys 0
wait_for "[0 Forecast]"
keys p
wait_for "PEPS 2025"
wait_for ">Local coefficient"
wait_for "$(en "$stored")"
wait_for "Quarter 1, due 2025-04-01"
wait_for "2429 pat."
# + adds 0.01 to the coefficient: the command line's local=1.0412.
keys +
wait_for "* 1.0412"
want=$(year --set local=1.0412)
[ "$want" != "$stored" ] || fail "the year does not move with the coefficient"
wait_for "$(en "$want")"
# Enter on cell 2 types its yearly amount.
keys Down Down Down Down
wait_for ">2. ALD diabetes|cardio"
keys Enter
wait_for "What-if value"
keys C-u; type_text "420"; keys Enter
wait_for "* €420.00"
# A wrong amount is refused in the form; nothing changes.
keys Enter
wait_for "What-if value"
keys C-u; type_text "12,345"; keys Enter
wait_for "an amount in euros, 0 or more"
keys Escape
wait_for "Discard your changes?"
keys y
wait_gone "What-if value"
wait_for "* €420.00"
# q asks first; n stays.
keys q
wait_for "not saved in the PEPS grid"
keys n
wait_gone "not saved in the PEPS grid"
# s stores the what-if as the grid: what export and estimate then read.
save_what_if
wait_for "The PEPS grid of 2025 is saved with the what-if's values."
Q peps export 2025 | grep -q "local = 1.0412" || fail "the stored grid has not the coefficient: $(Q peps export 2025 | grep local)"
Q peps export 2025 | grep -q '"420.00"' || fail "the stored grid has not the cell's amount: $(Q peps export 2025 | grep amount)"
saved=$(year)
[ "$saved" != "$want" ] || fail "the cell's amount changed nothing"
wait_for "$(en "$saved")"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'peps import';")" = 2 ] ||
	fail "the save has no audit entry of its own"
# Another program imports a grid while a what-if is open: saving is
# refused and stores nothing; the grid is read again with the change
# made here applied to it, and saved the second time.
keys +
wait_for "* €421.00"
Q peps import "$(dirname "$0")/../fixtures/forecast/peps-2025.cfg" >/dev/null || fail "their peps import"
theirs=$(Q peps export 2025)
save_what_if
wait_for "changed since it was read"
[ "$(Q peps export 2025)" = "$theirs" ] || fail "the refused save changed the stored grid"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'peps import';")" = 3 ] ||
	fail "the refused save wrote an audit entry"
wait_for "* €421.00"
wait_for "€412.00"
save_what_if
wait_for "The PEPS grid of 2025 is saved with the what-if's values."
Q peps export 2025 | grep -q '"421.00"' || fail "the second save has not the cell's amount: $(Q peps export 2025 | grep amount)"
Q peps export 2025 | grep -q "local = 1.0312" || fail "the second save lost their coefficient: $(Q peps export 2025 | grep local)"
keys q
check_restored 0

# French, 80x24: labels, dates and numbers as a French reader writes them.
next_server
start 80 24 LANGUAGE=fr
keys 0
wait_for "[0 Prévisions]"
keys p
wait_for "PEPS 2025"
wait_for "Trimestre 1, dû le 01/04/2025"
wait_for "Coefficient local"
wait_for "1,0312"
wait_for "421,00"
wait_for "Taux de fidélisation (%)"
wait_for "2. ALD diabetes|cardio"
screen | grep -q "Quarter\|Local coefficient" && fail "English words on the French PEPS screen"
keys q
check_restored 0
echo "forecast peps: ok"
