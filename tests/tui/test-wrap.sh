#!/bin/sh
# test-wrap.sh: full-screen texts (the ? help, a statement, a line
# explained) wrap their long lines at the terminal's width instead of
# cutting them: at 80x24 in French the help's longest descriptions and the
# statement's rounding rule are read whole, continued under their column;
# at a new width they are wrapped again.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24 LANGUAGE=fr
wait_for "En attente"
keys '?'
wait_for "Touches du clavier"
# Every page of the help, one after the other.
: >"$TMPD/help"
i=0
while [ $i -lt 10 ]; do
	screen >>"$TMPD/help"
	keys PgDn
	sleep 0.2
	i=$((i + 1))
done
grep -qF "   b           Modifier l'IBAN et le BIC du membre, où le fichier de virements" "$TMPD/help" ||
	fail "help: the line of b is not there as its first part"
grep -qxF "               SEPA envoie ses parts" "$TMPD/help" ||
	fail "help: the end of b's description is not continued under its column"
# No help line reaches the last column, as a cut one would (the status
# bar and the position line aside).
long=$(python3 -c 'import sys
for l in open(sys.argv[1], encoding="utf-8"):
    l = l.rstrip("\n")
    if len(l) >= 80 and not l.startswith("\u2193") and " / " not in l: print(l)' "$TMPD/help")
[ -z "$long" ] || fail "help: a line fills the whole width (cut?): $long"
keys Escape
wait_gone "Touches du clavier"
# The statement of a member, whole: its rounding sentence wraps.
keys 9
wait_for "Relevés"
keys Enter
wait_for "Relevé de"
screen >"$TMPD/stmt"
tr -s ' \n' '  ' <"$TMPD/stmt" | grep -qF "à égalité au code de membre qui vient d'abord dans l'ordre des octets." ||
	fail "statement: the rounding rule is not read whole"
# Wider: wrapped again for 120 columns.
tmux -L "$SOCK" resize-window -t qp -x 120 -y 30 2>/dev/null || tmux -L "$SOCK" resize-pane -t qp -x 120 -y 30
sleep 0.5
screen >"$TMPD/stmt120"
grep -qF "Chaque ligne est la part exacte arrondie au centime inférieur${NB}; les centimes restants vont" "$TMPD/stmt120" ||
	fail "statement at 120 columns: not wrapped again for the new width"
keys Escape q
check_restored 0
echo "wrap: ok"
