#!/bin/sh
# test-snapshots.sh: every top-level screen as a whole, compared with
# tests/tui/golden/LANG-COLSxROWS-SCREEN.screen (as tig's tests do): Home,
# the ? help from Home, then the screens 2 to 9 and 0, in English and in
# French, at 80x24 and at 120x40, on the demo with one draft distribution
# and the ACI declaration of the forecast's tests. After a
# deliberate change of the interface, QP_UPDATE_GOLDEN=1 rewrites them and
# a person reads every one before committing.
. "$(dirname "$0")/lib.sh"

make_demo
"$QP_BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1 || fail "distribute failed"
"$QP_BIN" --db "$DB" aci import "$(dirname "$0")/../fixtures/forecast/aci-2025.cfg" >/dev/null || fail "aci import failed"

# tour LANG COLS ROWS: one session, one snapshot per screen, then q. The
# screen reached is told by its tab, the only one drawn in brackets
# ("[3 "): title, tabs and content go out in one refresh. The help has no
# tabs: its title tells it. Each tour has its own tmux server: a session
# started on the socket of one just killed can meet that server still
# going away ("server exited unexpectedly").
tour() {
	lang=$1 cols=$2 rows=$3
	SOCK=qp-test-$$-$lang-$cols
	if [ "$lang" = fr ]; then
		start "$cols" "$rows" LANGUAGE=fr
		help_title="Touches du clavier"
	else
		start "$cols" "$rows"
		help_title="Keyboard keys"
	fi
	at="$lang-${cols}x$rows"
	snapshot "$at-home" "[1 "
	keys '?'
	snapshot "$at-help" "$help_title"
	keys Escape
	wait_gone "$help_title"
	n=2
	for name in members posts patients receipts activities keys distributions statements; do
		keys $n
		snapshot "$at-$name" "[$n "
		n=$((n + 1))
	done
	keys 0
	snapshot "$at-forecast" "[0 "
	keys q
	check_restored 0
	tmux -L "$SOCK" kill-server 2>/dev/null
	# The next tour writes over it: sanitizer reports go to the log now.
	[ -s "$TMPD/stderr" ] && cat "$TMPD/stderr"
	: >"$TMPD/stderr"
}

tour en 80 24
tour fr 80 24
tour en 120 40
tour fr 120 40
echo "ok"
