#!/bin/sh
# test-labels.sh: the forms show the configuration's labels in the
# reader's language, accept them as typed (codes too), and store codes:
# a French treasurer adds an "infirmier", "Salarié", through the member
# form; ← → goes through the labels.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24 LANGUAGE=fr
wait_for "En attente"
keys 2
keys a
wait_for "Profession"
# The defaults are shown by their French labels, not their codes.
wait_for "Médecin généraliste"
wait_for "Associé"
type_text "LABEL"; keys Enter
type_text "Léon Label"; keys Enter
keys C-u; type_text "infirmier"
wait_for "Infirmier"
screen | grep -qF "inconnu" && fail "a French label is refused"
keys Enter
# ← → moves through the labels.
keys Right
wait_for "Salarié"
keys Enter
keys C-u; type_text "2026-01-05"; keys Enter
keys Enter                # left: empty
keys C-u; type_text "0,5"; keys Enter
keys C-u; keys Enter      # RPPS: none; the last field saves
wait_for "LABEL"
keys q
check_restored 0
stored=$(sqlite3 "$DB" "SELECT profession || ' ' || status FROM members WHERE code = 'LABEL';")
[ "$stored" = "nurse salaried" ] || fail "stored as \"$stored\", not as codes"
