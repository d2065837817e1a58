#!/bin/sh
# test-key-export-db.sh: the keys screen's export (x) never writes over a
# database: the open one named by its path or through a link to its -wal
# is refused with the reason, the dialog stays for another name, and the
# database still passes check; a plain file is then written.
. "$(dirname "$0")/lib.sh"

make_demo
ln -s demo.db-wal "$TMPD/link-wal.cfg"
start 160 30
wait_for "Maison de santé des Tilleuls"
keys 7
wait_for "[7 Keys]"
keys /; type_text "Equal shares"; keys Enter
wait_for "> Equal shares"
keys x
wait_for "Export key Equal shares"
keys C-u; type_text "$DB"; keys Enter
# The dialog wraps the message: its parts.
wait_for "Error: $DB is a database; exports and reports"
wait_for "never write over one"
keys C-u; type_text "$TMPD/link-wal.cfg"; keys Enter
wait_for "Error: $TMPD/link-wal.cfg belongs to the database"
wait_for "never write over it"
keys C-u; type_text "$TMPD/out.cfg"; keys Enter
wait_for "written to"
grep -q 'name = "Equal shares";' "$TMPD/out.cfg" || fail "the export is wrong"
keys q
check_restored 0
"$QP_BIN" --db "$DB" check >/dev/null 2>&1 || fail "the database does not pass check"
echo "ok"
