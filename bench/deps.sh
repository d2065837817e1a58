#!/bin/sh
# Install the tools `make bench` measures with, when missing and when root:
# sqlite3 (the reference), valgrind (instruction counts), tmux (a terminal
# for the TUI), GNU time (peak memory).
set -u
missing=""
need() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need sqlite3 sqlite3
need valgrind valgrind
need tmux tmux
[ -x /usr/bin/time ] || missing="$missing time"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "bench: missing:$missing (apt-get install -y$missing); the rows that need them are skipped" >&2
	exit 0
fi
echo "bench: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 || {
	apt-get update -qq >/dev/null 2>&1
	apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
		echo "bench: apt-get install failed for:$missing; the rows that need them are skipped" >&2
}
exit 0
