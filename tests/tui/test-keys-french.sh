#!/bin/sh
# test-keys-french.sh: the Keys screen and the key editor read whole in
# French at 80x24 (issue 13): the moment a version was saved as a French
# reader writes it, filters by the configuration's French labels and
# bases in words, the editor's title and its totals never cut (the rule
# "(elles doivent faire 100 %)" on a line of its own when one line would
# cut it), the forms' basis and "patients at" in words, a basis chosen by
# its words saved as its code; the Activities list by the kinds' labels.
# And the saved moment in English as 2026-12-07 14:38.
. "$(dirname "$0")/lib.sh"

NB=$(printf '\302\240')   # the no-break space before a French colon

# no_cut TEXT: TEXT comes on the screen, whole on one line (polled, as
# wait_for: a key pressed just before may not be drawn yet).
no_cut() {
	i=0
	while ! screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -lt $((WAIT_SECONDS * 20)) ] || fail "\"$1\" is not whole on a line"
		sleep 0.05
	done
}

make_demo
start 80 24 LANGUAGE=fr
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Clés]"
screen | grep -qE "enregistrée le [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}" ||
	fail "the saved moment is not DD/MM/YYYY hh:mm"
screen | grep -q "[0-9]T[0-9]" && fail "an ISO timestamp is still shown"
no_cut "Equal share${NB}: 30 %, parts égales, au"
no_cut "pour statuts Associé"
no_cut "Involvement${NB}: 70 %, heures d'activité"
screen | grep -q "associate" && fail "a status shown by its code"
no_cut "post:COORD${NB}: 18"

# The editor: the title whole, labels in the rows and in the line below.
keys e
wait_for "Modification de la clé ACI (depuis la version 1)"
screen | sed -n 3p | grep -q "Esc${NB}: sort\$" && fail "the title is cut"
no_cut "€ et 10 % du versement · enveloppes${NB}: 100 % du reste"
keys Down Down Down
no_cut "Equal share${NB}: parts égales, au prorata · statuts${NB}: Associé"

# The pool to 60 %: the rule is whole, on a line of its own.
keys e
wait_for "Base: parts égales"
no_cut "Décompte patients: moyenne sur la période"
keys Tab C-u; type_text "60"
keys Tab Right                  # the basis by its words
wait_for "Base: temps de travail"
keys Enter Enter Enter Enter Enter Enter Enter Enter Enter Enter
wait_for "\"Equal share\" est dans la clé"
no_cut "enveloppes${NB}: 130 % du reste (elles doivent faire 100 %)"
screen | grep -q "^Prélevé d.abord${NB}: 18.* et 10 % du versement *$" || fail "what is taken first is not on a line of its own"
no_cut "Equal share${NB}: temps de travail, au prorata"
screen | sed -n 3p | grep -qF "Modification de la clé ACI (depuis la version 1), modifiée" ||
	fail "the title is not whole"

# A basis typed in French words is taken for its code.
keys e
wait_for 'Enveloppe "Equal share"'
keys Tab Tab C-u; type_text "Parts égales"
wait_gone "! Base"
keys Enter Enter Enter Enter Enter Enter Enter Enter Enter Enter
wait_for "\"Equal share\" est dans la clé"
no_cut "Equal share${NB}: parts égales, au prorata"
keys Escape
wait_for "Quitter la clé ACI sans enregistrer"
keys y
wait_gone "Modification de la clé"

# Activities by the kinds' labels, the one whose label ends with its code
# in brackets by the code.
keys 6
wait_for "[6 Activités]"
no_cut "Protocole pluriprofessionnel"
no_cut "Réunion d'équipe "
screen | grep -q " protocol " && fail "an activity kind shown by its code"
keys q
check_restored 0

# In English the saved moment reads 2026-12-07 14:38.
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=qp-test-$$-en
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
screen | grep -qE "saved [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\$" ||
	fail "the saved moment is not YYYY-MM-DD hh:mm"
# English too: labels from the configuration, wrapped whole.
no_cut "for statuses Associate; kinds"
no_cut "Multiprofessional case review (RCP), Care"
no_cut "protocol, Coordination"
screen | grep -q "statuses associate" && fail "a status shown by its code in English"
keys q
check_restored 0
echo "ok"
