# lib.sh: helpers for the terminal tests: a private tmux server per test,
# the program started on a fresh demo through a wrapper that records its
# exit status, its stderr (sanitizer reports) and the terminal modes left
# behind; keys sent with send-keys; screens read with capture-pane,
# polling for the text expected instead of sleeping; whole screens
# compared with tests/tui/golden/NAME.screen (snapshot).
# Sourced by tests/tui/test-*.sh (POSIX sh). Needs tmux.

set -u
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE NO_COLOR VISUAL
# e on the keys screen runs the editor: a harmless one unless a test says.
export EDITOR=true
QP_BIN=${QP_BIN:-./quotepart}
case $QP_BIN in /*) ;; *) QP_BIN=$(pwd)/$QP_BIN ;; esac
# A fixed day, so that "today" and the current exercise do not move.
export QUOTEPART_TODAY=${QUOTEPART_TODAY:-2026-03-02}
SOCK=qp-test-$$
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/qp-tui.XXXXXX")
export XDG_CONFIG_HOME="$TMPD/config" XDG_DATA_HOME="$TMPD/data"
export TMPDIR="$TMPD"   # the key editor's temporary files go with the rest
DB="$TMPD/demo.db"
# Under LeakSanitizer (make asan): fontconfig leaks a little while parsing
# its own configuration when pango first asks for a font (a PDF written
# from the interface); not ours to fix.
printf 'leak:libfontconfig.so\n' >"$TMPD/lsan.supp"
export LSAN_OPTIONS="suppressions=$TMPD/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
WAIT_SECONDS=${WAIT_SECONDS:-10}
# French puts a no-break space before : ; ? and !.
NB=$(printf '\302\240')

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	# The program's stderr: sanitizer reports must reach the test log.
	[ -s "$TMPD/stderr" ] && cat "$TMPD/stderr"
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	tmux -L "$SOCK" capture-pane -p -t qp 2>/dev/null
	echo "----------------"
	exit 1
}

command -v tmux >/dev/null 2>&1 || { echo "tmux is missing (scripts/deps.sh installs it)"; exit 1; }

make_demo() {
	"$QP_BIN" --db "$DB" demo >/dev/null || fail "demo could not be created"
}

# start [COLS ROWS [ENV...]]: the program in a new tmux server, inside a
# wrapper that writes its exit status, keeps stderr, records `stty -a` and
# then waits, so the pane stays up to be read.
start() {
	cols=${1:-80}
	rows=${2:-24}
	[ $# -ge 2 ] && shift 2
	cat >"$TMPD/run.sh" <<EOS
cd "$TMPD" || exit 1
trap : INT   # ^C is for the program; the wrapper stays to report

$* "$QP_BIN" --db "$DB" 2>"$TMPD/stderr"
rc=\$?
echo "\$rc" >"$TMPD/exit"
stty -a >"$TMPD/stty" 2>&1
printf 'QP-DONE rc=%s\n' "\$rc"
exec sleep 600
EOS
	tmux -L "$SOCK" -f /dev/null new-session -d -s qp -x "$cols" -y "$rows" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen sh $TMPD/run.sh" || fail "tmux did not start"
}

screen() {
	tmux -L "$SOCK" capture-pane -p -t qp
}

# wait_for TEXT: poll the screen until TEXT shows (fixed string).
wait_for() {
	i=0
	while [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$1\" did not show within ${WAIT_SECONDS}s"
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while [ $i -lt $((WAIT_SECONDS * 20)) ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$1\" stayed on the screen"
}

# next_server: the next start in a new tmux server: one being killed may
# still hold its socket when the next starts ("server exited
# unexpectedly").
next_server() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	n_server=$((${n_server:-0} + 1))
	SOCK=qp-test-$$-$n_server
}

# keys NAME...: tmux key names (Enter, Escape, Down, C-u...).
keys() {
	tmux -L "$SOCK" send-keys -t qp "$@"
}

# type TEXT: literal text.
type_text() {
	tmux -L "$SOCK" send-keys -t qp -l -- "$1"
}

# The program's pid: the wrapper's child.
program_pid() {
	pane=$(tmux -L "$SOCK" display -p -t qp '#{pane_pid}')
	ps -o pid= --ppid "$pane" | tr -d ' ' | head -n 1
}

# After the program ended: exit status EXPECTED, and a terminal as it was
# (normal screen, cursor shown, line editing and echo back on).
check_restored() {
	wait_for "QP-DONE rc=$1"
	[ "$(cat "$TMPD/exit")" = "$1" ] || fail "exit status $(cat "$TMPD/exit"), expected $1"
	[ "$(tmux -L "$SOCK" display -p -t qp '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
	[ "$(tmux -L "$SOCK" display -p -t qp '#{cursor_flag}')" = 1 ] || fail "cursor left hidden"
	grep -qE '(^| )icanon( |$)' "$TMPD/stty" || fail "terminal left without line editing: $(cat "$TMPD/stty")"
	grep -qE '(^| )echo( |$)' "$TMPD/stty" || fail "terminal left without echo: $(cat "$TMPD/stty")"
}

# The golden screens of snapshot, beside the test scripts.
SNAP_GOLDEN=$(cd "$(dirname "$0")" && pwd)/golden

# settled FILE: the screen into FILE once two captures 0.1 s apart are the
# same (at most WAIT_SECONDS), so that a frame tmux received in parts is
# never taken.
settled() {
	screen >"$1.prev"
	i=0
	while [ $i -lt $((WAIT_SECONDS * 10)) ]; do
		sleep 0.1
		screen >"$1"
		cmp -s "$1" "$1.prev" && { rm -f "$1.prev"; return 0; }
		mv "$1" "$1.prev"
		i=$((i + 1))
	done
	fail "the screen kept changing for ${WAIT_SECONDS}s"
}

# snapshot NAME [TEXT]: once TEXT shows (a text that only the screen
# expected has) and the screen is settled, the whole screen, trailing
# blanks of each line stripped, must be tests/tui/golden/NAME.screen; a
# difference is shown as a unified diff (golden, then actual). With
# QP_UPDATE_GOLDEN=1 the golden file is written instead.
# One thing is masked, the only one that moves between runs: the moment a
# key version was saved (keys screen), the clock's when the demo was made,
# after "saved " or "enregistrée le ". It shows as YYYY-MM-DD hh:mm in
# English, DD/MM/YYYY hh:mm in French, as wide, so that the columns stay.
snapshot() {
	if [ $# -ge 2 ]; then wait_for "$2"; fi
	golden="$SNAP_GOLDEN/$1.screen"
	actual="$TMPD/$1.screen"
	settled "$actual.raw"
	sed -e 's/ *$//' \
		-e 's/\(saved \)[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]/\1YYYY-MM-DD hh:mm/g' \
		-e 's|\(enregistrée le \)[0-9][0-9]/[0-9][0-9]/[0-9]\{4\} [0-9][0-9]:[0-9][0-9]|\1DD/MM/YYYY hh:mm|g' \
		"$actual.raw" >"$actual"
	if [ "${QP_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$SNAP_GOLDEN"
		cp "$actual" "$golden"
		echo "wrote tests/tui/golden/$1.screen"
		return 0
	fi
	[ -f "$golden" ] ||
		fail "no tests/tui/golden/$1.screen; create it with QP_UPDATE_GOLDEN=1 sh tests/tui/test-snapshots.sh and read it"
	if ! cmp -s "$golden" "$actual"; then
		diff -u "$golden" "$actual"
		fail "the screen differs from tests/tui/golden/$1.screen"
	fi
}
