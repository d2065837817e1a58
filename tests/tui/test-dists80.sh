#!/bin/sh
# test-dists80.sh: the Distributions screen whole at 80x24, in English and
# French (issue 13): a preview, a true-up preview and an approved
# distribution show every amount of the texts around the table whole
# (computed here from the command line's CSV), those texts read whole once
# their wrapped rows are joined (a row ending in a cut word would not),
# the Part column and the list's headers
# are not cut, and the receipt picker's mark of an approved receipt is
# whole. Saving a preview says it replaced a draft only when it did.
. "$(dirname "$0")/lib.sh"

# csv_sums RECEIPT [--true-up]: "total reserved members base" in cents.
csv_sums() {
	"$QP_BIN" --db "$DB" distribute "$@" --key ACI --dry-run --format csv 2>/dev/null | python3 -c '
import sys
rows = [l.rstrip("\r\n").lstrip("\ufeff").split(";") for l in sys.stdin]
h = rows[0]
def c(r, k): return round(float(r[h.index(k)].replace(",", ".")) * 100)
total = sum(c(r, "amount") for r in rows[1:])
res = sum(c(r, "amount") for r in rows[1:] if r[h.index("part")] == "reservation")
base = sum(c(r, "share_eur") for r in rows[1:])
print(total, res, total - res, base)'
}
# The approved one's amounts: its CSV is the stored lines.
approved_sums() {
	"$QP_BIN" --db "$DB" show D1 --format csv 2>/dev/null | python3 -c '
import sys
rows = [l.rstrip("\r\n").lstrip("\ufeff").split(";") for l in sys.stdin]
h = rows[0]
def c(r, k): return round(float(r[h.index(k)].replace(",", ".")) * 100)
total = sum(c(r, "amount") for r in rows[1:])
res = sum(c(r, "amount") for r in rows[1:] if r[h.index("part")] == "reservation")
print(total, res, total - res, total)'
}

# money LANG CENTS: as the screen writes it.
money() {
	python3 -c '
import sys
lang, c = sys.argv[1], int(sys.argv[2])
e, d = divmod(abs(c), 100)
g = f"{e:,}"
s = ("-" if c < 0 else "")
if lang == "fr": print(s + g.replace(",", "\u202f") + f",{d:02d}\u00a0\u20ac")
else: print(s + "\u20ac" + g + f".{d:02d}")' "$1" "$2"
}

# check_amounts LANG FILE "total reserved members base" [base]: each amount
# of the texts around the table on one row, whole.
check_amounts() {
	set -- "$1" "$2" $3 "${4:-}"
	for c in "$3" "$4" "$5"; do
		m=$(money "$1" "$c")
		grep -qF -- "$m" "$2" || fail "$1: the amount $m is not shown whole"
	done
	if [ -n "$7" ]; then
		m=$(money "$1" "$6")
		grep -qF -- "$m" "$2" || fail "$1: the exercise total $m is not shown whole"
	fi
}

# joined FILE: the screen's rows joined by spaces (wrapped texts whole).
joined() {
	tr '\n' ' ' <"$1" | tr -s ' '
}

say() { if [ "$lang" = fr ]; then echo "$2"; else echo "$1"; fi; }

for lang in en fr; do
	# Each language on a demo of its own: the first save finds no draft.
	DB="$TMPD/demo-$lang.db"
	make_demo
	"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute"
	"$QP_BIN" --db "$DB" approve ACI-2025-AV --date 2025-05-02 >/dev/null || fail "approve"
	approved=$(approved_sums)
	[ -n "$approved" ] || fail "show D1 --format csv gave nothing"
	plain=$(csv_sums ACI-2025-SOLDE)
	trueup=$(csv_sums ACI-2025-SOLDE --true-up)
	[ -n "$plain" ] && [ -n "$trueup" ] || fail "distribute --dry-run --format csv gave nothing"
	if [ "$lang" = fr ]; then start 80 24 LANGUAGE=fr; else start 80 24; fi
	wait_for "$(say "Team:" "· < > exercice")"
	keys 8
	wait_for "$(say "[8 Distributions]" "[8 Répartitions]")"
	screen >"$TMPD/list"
	grep -qE "$(say " Paid$" " Payé$")" "$TMPD/list" || fail "$lang: the list's Paid header is cut"
	# The approved distribution.
	keys Enter
	wait_for "$(say "Approved on" "Approuvée le")"
	settled "$TMPD/approved"
	check_amounts "$lang" "$TMPD/approved" "$approved"
	grep -qF "Coordinator post" "$TMPD/approved" || fail "$lang: the Part column cuts Coordinator post"
	grep -qF "Operating costs" "$TMPD/approved" || fail "$lang: the Part column cuts Operating costs"
	joined "$TMPD/approved" | grep -qF "$(say "24 lines · +1 leftover cent · ✔ paid" "24 lignes · +1 centime restant · ✔ payé")" ||
		fail "$lang: the totals line is cut"
	keys Escape
	wait_gone "$(say "Approved on" "Approuvée le")"
	# The picker: the approved receipt's mark whole, long or short.
	keys n
	wait_for "$(say "Divide which receipt?" "Quel versement répartir${NB}?")"
	screen >"$TMPD/picker"
	grep -F "ACI-2025-AV" "$TMPD/picker" | grep -qE "$(say '\(approved(: true-up only)?\)' "\(approuvé(${NB}: régularisation seulement)?\)")" ||
		fail "$lang: the picker cuts the approved mark"
	type_text "ACI-2025-SOLDE"
	wait_for ">ACI-2025-SOLDE"
	keys Enter
	wait_for "$(say "Divide with which key?" "Répartir selon quelle clé${NB}?")"
	keys Enter
	# A balance opens with true-up on.
	wait_for "$(say "PREVIEW" "APERÇU")"
	settled "$TMPD/trueup"
	check_amounts "$lang" "$TMPD/trueup" "$trueup" base
	joined "$TMPD/trueup" | grep -qF "$(say "received 2026-04-27" "reçu le 27/04/2026")" ||
		fail "$lang: the true-up preview's title is cut"
	joined "$TMPD/trueup" | grep -qF "$(say ", exercise total " ", total de l'exercice ")" ||
		fail "$lang: the true-up preview's exercise total is cut"
	keys t
	wait_for "$(say "True-up off" "Régularisation désactivée")"
	settled "$TMPD/plain"
	check_amounts "$lang" "$TMPD/plain" "$plain"
	joined "$TMPD/plain" | grep -qF "$(say "c compares with another key." "c${NB}: comparer avec une autre clé.")" ||
		fail "$lang: the preview's hint is cut"
	# A first save: no earlier draft to speak of.
	keys s
	wait_for "$(say "Saved as D2, the receipt's draft. A approves it." "Enregistrée en D2, brouillon du versement. A l'approuve.")"
	settled "$TMPD/draft"
	joined "$TMPD/draft" | grep -qF "$(say "c compares it with another key." "c${NB}: comparer avec une autre clé.")" ||
		fail "$lang: the draft's hint is cut"
	# Saved again over that draft: now it says it replaced it.
	keys Escape
	wait_for "$(say "[8 Distributions]" "[8 Répartitions]")"
	keys n
	wait_for "$(say "Divide which receipt?" "Quel versement répartir${NB}?")"
	type_text "ACI-2025-SOLDE"
	wait_for ">ACI-2025-SOLDE"
	keys Enter
	wait_for "$(say "Divide with which key?" "Répartir selon quelle clé${NB}?")"
	keys Enter
	wait_for "$(say "PREVIEW" "APERÇU")"
	keys t
	wait_for "$(say "True-up off" "Régularisation désactivée")"
	keys s
	wait_for "$(say "it replaces an earlier draft" "remplace tout brouillon")"
	keys q
	check_restored 0
	tmux -L "$SOCK" kill-server 2>/dev/null
done
echo "dists80: ok"
