#!/bin/sh
# test-signals.sh: leaving never loses work unasked. ^C (SIGINT) is q: in
# the middle of a form it asks, and y leaves cleanly (exit status 0,
# normal screen, cursor shown, echo and line editing back); with nothing
# unsaved it leaves at once. On a terminal too small to show the form,
# q asks the same question, for a form and for a key being edited.
# SIGTERM and SIGHUP cannot ask: what was typed goes to a file beside the
# database (a key being edited as a key file that imports), stderr says
# where, and so does the next start. Also: colour when the terminal has
# it, none at all with NO_COLOR.
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
wait_for "What you typed in the form is not saved"
keys n
wait_gone "Quit anyway?"
wait_for "Code: HALF"
keys C-c
wait_for "Quit anyway?"
keys y
check_restored 0
tmux -L "$SOCK" kill-server

# Nothing unsaved: ^C leaves at once.
SOCK=qp-test-$$-b
start 80 24
wait_for "Maison de santé des Tilleuls"
keys C-c
check_restored 0
tmux -L "$SOCK" kill-server

# Too small to show the form: q asks all the same; enlarged, the form is
# there as it was typed. Then a key being edited.
SOCK=qp-test-$$-c
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 2 a
wait_for "New member"
type_text "HALF"
tmux -L "$SOCK" resize-window -t qp -x 50 -y 12
wait_for "Terminal too small"
keys q
wait_for "Quit anyway?"
wait_for "y: quit anyway"
keys n
wait_gone "Quit anyway?"
tmux -L "$SOCK" resize-window -t qp -x 80 -y 24
wait_for "Code: HALF"
keys Escape
wait_for "Discard your changes?"
keys y
keys 7
wait_for "[7 Keys]"
keys e
wait_for "Editing key ACI"
keys Enter
wait_for "Description"
type_text " (changed)"
keys Enter
wait_for "Changed in the key"
tmux -L "$SOCK" resize-window -t qp -x 50 -y 12
wait_for "Terminal too small"
keys q
wait_for "A key being edited is not saved"
keys y
check_restored 0
tmux -L "$SOCK" kill-server

# SIGTERM in the middle of a form: kept in a file; the next start says so.
SOCK=qp-test-$$-d
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 2 a
wait_for "New member"
type_text "HALF"
keys Tab
type_text "Half Time"
wait_for "Name: Half Time"
kill -TERM "$(program_pid)"
check_restored 0
grep -q "ended by a signal; what was not saved is in $TMPD/quotepart-unsaved-" "$TMPD/stderr" ||
	fail "stderr does not say where the work went: $(cat "$TMPD/stderr")"
kept=$(ls "$TMPD"/quotepart-unsaved-*.txt) || fail "no file of unsaved work beside the database"
grep -q "Ended by the system (SIGTERM)" "$kept" || fail "the file does not say why: $(cat "$kept")"
grep -q "#   Code: HALF" "$kept" && grep -q "#   Name: Half Time" "$kept" ||
	fail "the form's text is not in the file: $(cat "$kept")"
[ "$(stat -c %a "$kept")" = 600 ] || fail "the file of unsaved work is not private"
: >"$TMPD/stderr"
tmux -L "$SOCK" kill-server
SOCK=qp-test-$$-e
start 80 24
wait_for "could not save is in"
wait_for "/quotepart-unsaved-"
keys q
check_restored 0
tmux -L "$SOCK" kill-server
rm -f "$kept"

# SIGHUP (the terminal closed) with a key being edited: the file imports.
SOCK=qp-test-$$-f
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
keys e
wait_for "Editing key ACI"
keys Enter
wait_for "Description"
type_text " (kept)"
keys Enter
wait_for "Changed in the key"
kill -HUP "$(program_pid)"
check_restored 0
kept=$(ls "$TMPD"/quotepart-unsaved-*.txt) || fail "no file of unsaved work after SIGHUP"
grep -q "SIGHUP" "$kept" || fail "the file does not say why: $(cat "$kept")"
"$QP_BIN" --db "$DB" key import "$kept" >/dev/null || fail "the key kept does not import"
"$QP_BIN" --db "$DB" key export ACI | grep -q "(kept)" || fail "the key imported is not the one edited"
: >"$TMPD/stderr"
tmux -L "$SOCK" kill-server

# NO_COLOR: attributes only (reverse, bold), no colour at all.
SOCK=qp-test-$$-g
start 80 24 NO_COLOR=1
wait_for "Maison de santé des Tilleuls"
if tmux -L "$SOCK" capture-pane -e -p -t qp | grep -q "$(printf '\033')\[[34][0-7]m"; then
	fail "colour shown with NO_COLOR set"
fi
keys q
check_restored 0
echo "ok"
