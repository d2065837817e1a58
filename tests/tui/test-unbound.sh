#!/bin/sh
# test-unbound.sh: a key that does nothing on a screen says so ("D" on
# the Posts list used to do nothing in silence), in English and French,
# and changes nothing.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
keys 3
wait_for "[3 Posts]"
keys D
wait_for '"D" does nothing on this screen'
test "$(sqlite3 "$DB" "SELECT count(*) FROM posts;")" = 3 || fail "a post went"
keys q
check_restored 0
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=$SOCK-fr
start 80 24 LANGUAGE=fr
keys 3
wait_for "[3 Postes]"
keys D
wait_for "« D » ne fait rien sur cet écran"
keys q
check_restored 0
