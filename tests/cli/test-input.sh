#!/bin/sh
# Bad input that used to get in: a key naming members the practice does
# not have (imported, since keys travel, but refused when used), and
# init --name on a database that already has a practice.
. tests/cli/lib.sh
DB="$TMP/demo.db"
Q() { "$BIN" --db "$DB" "$@"; }
Q demo >/dev/null

# Keys travel between practices: the import is allowed, the use is not.
golden input-key-other-practice-import 0 Q key import "$FIX/keys-use/other-practice.cfg"
golden input-key-unknown-members-dry-run 65 Q distribute ACI-2025-AV --key "Other practice" --dry-run
golden input-key-unknown-members-compare 65 Q compare ACI-2025-AV --key ACI --key "Other practice"
golden input-key-unknown-members-distribute 65 Q distribute ACI-2025-AV --key "Other practice"
check input-key-unknown-members-no-draft test "$(sqlite3 "$DB" "SELECT count(*) FROM distributions;")" = 0

finish
