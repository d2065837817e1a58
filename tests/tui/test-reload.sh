#!/bin/sh
# test-reload.sh: another process changes the database (the command line
# records a key); the screen open on the keys notices within a couple of
# seconds and shows it, without a key being pressed. Then SIGTERM: the
# program leaves cleanly and the terminal is restored.
. "$(dirname "$0")/lib.sh"

make_demo
start 80 24
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
wait_for "Hourly rates"

cat >"$TMPD/new-key.cfg" <<'KEY'
key:
{
  name = "Zeta test key";
  pools = ( { label = "All"; rate = 100.0; basis = "equal"; } );
};
KEY
"$QP_BIN" --db "$DB" key import "$TMPD/new-key.cfg" >/dev/null || fail "key import failed"
wait_for "Zeta test key"
wait_for "reloaded"

pid=$(program_pid)
[ -n "$pid" ] || fail "no program pid"
kill -TERM "$pid"
check_restored 0
echo "ok"
