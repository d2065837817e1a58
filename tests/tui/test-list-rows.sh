#!/bin/sh
# test-list-rows.sh: lists repaint only the rows a move changed (the
# activities, as wide as the screen, scroll with the terminal; the
# patients, beside their counts, through a window over their columns).
# After every few keys, moves, scrolls and pages both ways, the screen
# (text and attributes) is the one a full repaint gives: the ? screen
# drawn over it, then Esc, repaints everything.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"

# settled: poll until the screen stays the same for 0.3 s (the keys sent
# were all handled: each one changes it).
settled() {
	i=0 same=0 prev=
	while [ $same -lt 6 ] && [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		cur=$(tmux -L "$SOCK" capture-pane -p -e -t qp)
		if [ "$cur" = "$prev" ]; then same=$((same + 1)); else same=0; fi
		prev=$cur
		sleep 0.05
		i=$((i + 1))
	done
}

# same_as_full CONTEXT: the screen now and after a full repaint match.
same_as_full() {
	settled
	before=$(tmux -L "$SOCK" capture-pane -p -e -t qp)
	keys "?"
	wait_for "Keyboard keys"
	keys Escape
	wait_gone "Keyboard keys"
	after=$(tmux -L "$SOCK" capture-pane -p -e -t qp)
	if [ "$before" != "$after" ]; then
		echo "$before" >"$TMPD/before"
		echo "$after" >"$TMPD/after"
		fail "$1: the rows repainted differ from a full repaint: $(diff "$TMPD/before" "$TMPD/after" | head -n 6)"
	fi
}

walk() { # SCREEN-KEY TAB-TEXT
	keys "$1"
	wait_for "$2"
	for step in "g" "j j j" "j j j j j j j j j j j j j j j j j" "j j j" "NPage" "k k k" \
	            "k k k k k k k k k k k k k k k k k k k k" "G" "k k" "PPage PPage" "j" "g" "j j"; do
		# shellcheck disable=SC2086
		keys $step
		same_as_full "$2 after $step"
	done
}

walk 6 "[6 Activities]"
walk 4 "[4 Patients]"
keys q
check_restored 0
echo "ok"
