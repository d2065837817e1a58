#!/bin/sh
# test-signals.sh: ^C (SIGINT) in the middle of a form leaves the program
# cleanly: exit status 0, normal screen, cursor shown, echo and line
# editing back. (SIGTERM is in test-reload.sh.) Also: colour when the
# terminal has it, none at all with NO_COLOR.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"
# Colour: the title bar uses a colour pair.
tmux -L "$SOCK" capture-pane -e -p -t qp | grep -q "$(printf '\033')\[4[0-7]m" ||
	fail "no colour in a terminal that has it"
keys 2 a
wait_for "New member"
type_text "HALF"
keys C-c
check_restored 0
tmux -L "$SOCK" kill-server

# NO_COLOR: attributes only (reverse, bold), no colour at all.
SOCK=qp-test-$$-b
start 80 24 NO_COLOR=1
wait_for "Maison de santé des Tilleuls"
if tmux -L "$SOCK" capture-pane -e -p -t qp | grep -q "$(printf '\033')\[[34][0-7]m"; then
	fail "colour shown with NO_COLOR set"
fi
keys q
check_restored 0
echo "ok"
