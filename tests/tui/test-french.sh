#!/bin/sh
# test-french.sh: the interface under LANGUAGE=fr (LANG=C.UTF-8): it runs,
# amounts are written the French way ("207 930,85 €": narrow no-break
# space between thousands, decimal comma, no-break space before €),
# translated headers with accents stay above their columns, receipt kinds
# show their French labels, and it quits with the terminal restored.
. "$(dirname "$0")/lib.sh"

make_demo
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute failed"
start 80 24 LANGUAGE=fr

# aligned HEADER ROW_START: the column where HEADER ends on the header
# line is the one where the first field right of it ends on the row that
# starts with ROW_START (columns counted in characters, as shown).
aligned() {
	screen | python3 -c '
import sys
head, start = sys.argv[1], sys.argv[2]
lines = sys.stdin.read().split("\n")
h = next(l for l in lines if head in l)
r = next(l for l in lines if l.startswith(start))
end = h.index(head) + len(head)
col = end - 1
# the row ends a field at the same column: a non-blank there, a blank after
ok = col < len(r) and r[col] != " " and (col + 1 >= len(r) or r[col + 1] == " ")
sys.exit(0 if ok else 1)' "$1" "$2"
}

nnbsp=$(printf '\342\200\257')   # U+202F
nbsp=$(printf '\302\240')        # U+00A0
wait_for "Maison de santé des Tilleuls"
wait_for "207${nnbsp}930,85${nbsp}€"
screen | grep -qF '€207,930.85' && fail "an amount is in the English format"

# The receipts screen too, with the kinds' French labels.
keys 5
wait_for "23${nnbsp}145,87${nbsp}€"
wait_for "trimestrielle"
screen | grep -q " quarterly " && fail "a receipt kind is shown by its code"

# Headers with accented letters above their columns: patients ("Né"
# above the birth years), distributions ("Clé" before "Montant").
keys 4
wait_for ">P000001"
aligned "Né" ">P000001" || fail "patients: the header is not above its column"
keys 8
wait_for "brouillon"
aligned "Montant" ">D1" || fail "distributions: the header is not above its column"
keys 5

# An unsaved preview: q asks first; n stays, then y quits. (The words
# may be translated: the test looks at the dialog's frame.)
keys n
# The key picker (its keys ordered by the receipt's source).
wait_for "Répartir selon quelle clé"
type_text "PEPS"; keys Enter
wait_for "4${nnbsp}643,92${nbsp}€"
keys q
wait_for "┌─"
keys n
wait_gone "┌─"
keys q
wait_for "┌─"
keys y
check_restored 0
echo "ok"
