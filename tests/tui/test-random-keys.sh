#!/bin/sh
# test-random-keys.sh: 10,000 random keys (letters, digits, arrows, Enter,
# Esc, Tab, pages, function keys...) on every screen and dialog; the
# program must neither crash nor stop, then quit with status 0 and the
# terminal restored. Under `make asan` the sanitizers watch it (their
# reports reach the log through the wrapper's stderr). The seed is
# printed; QP_SEED replays a run.
. "$(dirname "$0")/lib.sh"

N=${QP_KEYS:-10000}
SEED=${QP_SEED:-$(( $$ * 7919 % 1000003 ))}
echo "seed $SEED ($N keys)"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"

# q, Q and the signal keys are left out so that the run goes on to the end
# (quitting is tested elsewhere); everything else is fair game.
awk -v seed="$SEED" -v n="$N" 'BEGIN {
	srand(seed)
	split("Enter Escape Tab BTab Up Down Left Right PPage NPage Home End BSpace DC C-l C-u F1 Space", named, " ")
	chars = "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789/?<>[],.;:-_"
	for (i = 0; i < n; i++) {
		if (rand() < 0.45)
			printf "%s\n", named[int(rand() * 18) + 1]
		else {
			c = substr(chars, int(rand() * length(chars)) + 1, 1)
			# tmux reads ";" as the end of a command
			printf "%s\n", c == ";" ? "\\;" : c
		}
	}
}' >"$TMPD/keys"

# In batches, so that tmux keeps up; the program drains its input meanwhile.
batch=""
count=0
while IFS= read -r k; do
	batch="$batch $k"
	count=$((count + 1))
	if [ $((count % 200)) = 0 ]; then
		# shellcheck disable=SC2086
		tmux -L "$SOCK" send-keys -t qp $batch
		batch=""
		if [ -s "$TMPD/exit" ]; then
			fail "the program stopped after $count keys (status $(cat "$TMPD/exit"))"
		fi
	fi
done <"$TMPD/keys"
[ -n "$batch" ] && tmux -L "$SOCK" send-keys -t qp $batch

# Still running: a marker typed now must be answered by a redraw.
WAIT_SECONDS=60
screen | head -n 5
sleep 1
[ -s "$TMPD/exit" ] && fail "the program stopped (status $(cat "$TMPD/exit"))"

# Leave whatever is open and quit: Esc closes views, pickers, filters and
# forms (a changed form asks "Discard?": y); q only once the plain screen
# shows, then y when it asks because a preview is not saved.
i=0
while [ $i -lt 80 ] && ! [ -s "$TMPD/exit" ]; do
	now=$(screen)
	first=$(printf '%s\n' "$now" | head -n 1)
	last=$(printf '%s\n' "$now" | tail -n 1)
	case $now in
	*"Quit anyway?"*|*"Discard your changes?"*) keys y ;;
	*"┌─"*) keys Escape ;;
	*)
		case "$first|$last" in
		" quotepart ·"*"|Filter:"*) keys Escape ;;
		" quotepart ·"*) keys q ;;
		*) keys Escape ;;
		esac ;;
	esac
	sleep 0.4
	i=$((i + 1))
done
check_restored 0
echo "ok"
