#!/bin/sh
# test-french.sh: the interface under LANGUAGE=fr (LANG=C.UTF-8): it runs,
# amounts are written the French way ("207 930,85 €": narrow no-break
# space between thousands, decimal comma, no-break space before €), and
# it quits with the terminal restored.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24 LANGUAGE=fr

nnbsp=$(printf '\342\200\257')   # U+202F
nbsp=$(printf '\302\240')        # U+00A0
wait_for "Maison de santé des Tilleuls"
wait_for "207${nnbsp}930,85${nbsp}€"
screen | grep -qF '€207,930.85' && fail "an amount is in the English format"

# The receipts screen too, and a form's amount parsed the French way.
keys 5
wait_for "23${nnbsp}145,87${nbsp}€"

# An unsaved preview: q asks first; n stays, then y quits. (The words
# may be translated: the test looks at the dialog's frame.)
keys n
wait_for ">ACI"
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
