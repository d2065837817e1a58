#!/bin/sh
# test-account.sh: c on the Members screen opens a member's account
# across every exercise: one row per approved distribution with what it
# allocated, what was paid and the running balance, grouped by exercise
# with each exercise's totals; a reversal and a true-up say what they are;
# the whole account's totals are the database's (sqlite3), in English at
# 80x24 and in French at 120x40; a member with nothing says so.
# After the 2025 balance was received (2026-04-27).
QUOTEPART_TODAY=2026-06-30
. "$(dirname "$0")/lib.sh"

make_demo
q() { "$QP_BIN" --db "$DB" "$@" >/dev/null 2>&1 || fail "quotepart $*"; }
q distribute 4 --key ACI                 # D1: ACI advance 2025
q approve D1 --date 2025-05-10
q pay D1 --date 2025-05-20 --means virement
q distribute 1 --key "Equal shares"      # D2: PEPS, then reversed by D3
q approve D2 --date 2025-05-12
q reverse D2
q approve D3 --date 2025-05-13
q distribute 3 --key "Equal shares"      # D4: ACI balance 2024, not paid
q approve D4 --date 2025-05-13
q distribute 9 --key ACI --true-up       # D5: ACI balance 2025, a true-up
q approve D5 --date 2026-05-10

sum() {
	sqlite3 "$DB" "SELECT coalesce(sum(l.cents), 0) FROM distribution_lines l
		JOIN distributions d ON d.id = l.distribution_id AND d.status = 'approved'
		LEFT JOIN payments p ON p.line_id = l.id
		WHERE (l.recipient = '$1' OR l.recipient = 'member:$1') $2;"
}
# €1,234.56 or -€1.50 from cents, as the English interface writes them.
en_money() {
	awk -v c="$1" 'BEGIN { s = c < 0 ? "-" : ""; c = c < 0 ? -c : c;
		e = int(c / 100); x = sprintf("%d", e); o = "";
		while (length(x) > 3) { o = "," substr(x, length(x) - 2) o; x = substr(x, 1, length(x) - 3) }
		printf "%s€%s%s.%02d", s, x, o, c % 100 }'
}
member=BENALI
alloc=$(sum $member "")
paid=$(sum $member "AND p.id IS NOT NULL")
[ "$alloc" -ne 0 ] || fail "the case gives $member nothing"

start 80 24
wait_for "What waits"
keys 2
wait_for "$member"
keys / && type_text "$member" && keys Enter
keys c
wait_for "Account of"
: >"$TMPD/acc"
i=0
while [ $i -lt 5 ]; do screen >>"$TMPD/acc"; keys PgDn; sleep 0.2; i=$((i + 1)); done
tr -s ' \n' '  ' <"$TMPD/acc" >"$TMPD/acc1"
grep -qF "Every exercise: allocated $(en_money "$alloc"), paid $(en_money "$paid")," "$TMPD/acc1" ||
	fail "totals are not the database's ($(en_money "$alloc"), $(en_money "$paid")): $(grep -o 'Every exercise:.*' "$TMPD/acc1")"
for want in "Exercise 2024" "Exercise 2025" "reversal of D2" "true-up: less what the earlier distributions gave" \
            "paid on 2025-05-20" "nothing to pay back: the original was never paid"; do
	grep -qF "$want" "$TMPD/acc1" || fail "account: \"$want\" not found"
done
# The rows of the register are not cut at 80 columns: the header fits.
grep -q "Received *Distribution, receipt *Allocated *Paid *Balance" "$TMPD/acc" ||
	fail "account: the register's header is not on one line at 80 columns"
keys Escape q
check_restored 0

# French, 120x40: the same totals in French words and money.
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=$SOCK-fr
fr_money() { en_money "$1" | sed 's/€//; s/,/ /g; s/\./,/; s/$/ €/'; }
start 120 40 LANGUAGE=fr
wait_for "En attente"
keys 2
wait_for "$member"
keys / && type_text "$member" && keys Enter
keys c
wait_for "Compte de"
# No-break spaces (before a colon, in amounts) read as spaces.
screen | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' | tr -s ' \n' '  ' >"$TMPD/fr"
grep -qF "Tous exercices : attribué $(fr_money "$alloc"), payé $(fr_money "$paid")," "$TMPD/fr" ||
	fail "French totals: $(grep -o 'Tous exercices.*' "$TMPD/fr")"
grep -qF "payé le 20/05/2025" "$TMPD/fr" || fail "French account: the payment date is not DD/MM/YYYY"
keys Escape q
check_restored 0
echo "account: ok"
