#!/bin/sh
# test-forecast.sh: the Forecast screen (0): without a declaration it
# says how to start; with one, + and Enter change an input and the
# what-if is computed again at once, equal to the command line's what-if;
# r goes back; q asks before dropping a what-if; s keeps it as the
# declaration (what `aci export` then writes); in French at 80x24 and in
# English at 120x40.
. "$(dirname "$0")/lib.sh"
make_demo
Q() { "$QP_BIN" --db "$DB" "$@"; }
# The command line's amount of an item of the estimate, in the format the
# English interface shows ("€77,581.12").
cents_en() {
	python3 -c 'import sys
c = int(sys.argv[1]); s = "-" if c < 0 else ""; c = abs(c)
print("%s€{:,}.{:02d}".format(c // 100, c % 100) % s)' "$1"
}
# item NAME [--set ...]: the cents of an item (column 2), stored (euros in
# column 6) or of the what-if (column 9, beside the stored one).
item() {
	k=$1; shift
	col=6; [ $# -gt 0 ] && col=9
	Q estimate ACI --exercise 2025 "$@" --format csv |
		awk -F';' -v k="$k" -v c=$col '$2 == k { a = $c; sub(",", "", a); print a + 0 }'
}

start 80 24
keys 0
wait_for "[0 Forecast]"
wait_for "no ACI declaration for 2025"
wait_for "quotepart aci import FILE"
keys q
check_restored 0

Q aci import "$(dirname "$0")/../fixtures/forecast/aci-2025.cfg" >/dev/null || fail "aci import"
next_server
start 80 24
keys 0
wait_for "rule set avenant 1"
wait_for ">Patients of the associated GPs (P)"
stored=$(item total)
wait_for "$(cents_en "$stored")"
# + adds 100 patients: the what-if is the command line's patients=+100.
keys +
want=$(item total --set patients=+100)
[ "$want" != "$stored" ] || fail "the fixture's total does not move with P"
P=$(Q estimate ACI --exercise 2025 --format csv | awk -F';' '$2 == "patients" { print $4 }')
wait_for "* $((P + 100))"
wait_for "$(cents_en "$want")"
# Enter types a value: 7 protocols.
keys Down Down Down Down Down Down Down Down
wait_for ">Multiprofessional protocols"
keys Enter
wait_for "What-if value"
keys C-u; type_text "7"; keys Enter
wait_for "* 7/8"
want=$(item total --set patients=+100 --set protocols=7)
wait_for "$(cents_en "$want")"
# Over the maximum: refused in the form, nothing changes.
keys Enter
wait_for "What-if value"
keys C-u; type_text "9"; keys Enter
wait_for "a whole number from 0 to the maximum shown"
keys Escape
wait_for "Discard your changes?"
keys y
wait_gone "What-if value"
# r: back to the stored declaration.
keys r
wait_gone "* 7/8"
wait_for "$(cents_en "$stored")"
# A what-if not kept: q asks first; n stays.
keys Up Up Up Up Up Up Up Up
wait_for ">Patients of the associated GPs (P)"
keys +
wait_for "* $((P + 100))"
keys q
wait_for "not saved in the declaration"
keys n
wait_gone "not saved in the declaration"
# s keeps it: the declaration now says so.
keys s
wait_for "Make the 1 change(s)"
keys y
wait_for "is saved with the what-if's values"
Q aci export 2025 | grep -q "patients = $((P + 100));" || fail "P was not declared by the save: $(Q aci export 2025)"
keys q
check_restored 0

next_server
start 80 24 LANGUAGE=fr
keys 0
wait_for "[0 Prévisions]"
wait_for "Patientèle des médecins associés (P)"
wait_for "Simulation"
keys q
check_restored 0

next_server
start 120 40
keys 0
wait_for "Balance, due 2026-04-30"
wait_for "Multiprofessional protocols"
# SIGTERM cannot ask: the what-if goes to the file of unsaved work, as
# the command that gives it again.
keys -
wait_for "* $P"
kill -TERM "$(program_pid)"
wait_for "QP-DONE"
kept=$(ls "$TMPD"/quotepart-unsaved-*.txt) || fail "no file of unsaved work"
grep -q "quotepart estimate ACI --exercise 2025 --set patients=$P" "$kept" || fail "the what-if is not kept: $(cat "$kept")"
