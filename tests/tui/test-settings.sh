#!/bin/sh
# test-settings.sh: S on the Home screen edits the practice's identity and
# bank account through one form: a SIREN with a wrong key is refused in
# the form and nothing is stored; then SIREN, SIRET, IBAN (typed with
# spaces) and BIC are stored together, normalised, as `quotepart settings`
# shows them; in French too.
. "$(dirname "$0")/lib.sh"

make_demo
get() { "$QP_BIN" --db "$DB" settings get "$1"; }
start 80 24
wait_for "What waits"
keys S
wait_for "The practice"
keys Tab Tab
type_text "732829321"           # a wrong key
keys Tab Tab Tab Enter
wait_for "Error"
[ -z "$(get siren)" ] || fail "a wrong SIREN was stored"
keys Up Up Up
keys C-u; type_text "552100554"
keys Tab; type_text "552 100 554 00013"
keys Tab; type_text "FR76 3000 6000 0112 3456 7890 189"
keys Tab; type_text "BNPAFRPP"
keys Enter
wait_for "The practice's settings are saved."
[ "$(get siren)" = 552100554 ] || fail "SIREN: $(get siren)"
[ "$(get siret)" = 55210055400013 ] || fail "SIRET: $(get siret)"
[ "$(get iban)" = FR7630006000011234567890189 ] || fail "IBAN: $(get iban)"
[ "$(get bic)" = BNPAFRPP ] || fail "BIC: $(get bic)"
keys q
check_restored 0
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=$SOCK-fr
start 80 24 LANGUAGE=fr
wait_for "En attente"
keys S
wait_for "552100554"
keys Escape
keys q
check_restored 0
