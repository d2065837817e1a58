#!/bin/sh
# What was approved stays as it was (issue 6). From the sqlite3 shell,
# every UPDATE and DELETE of an approved distribution's parts and lines,
# of payments, key versions and the audit log is refused (test-cli.sh
# already tries an approved line's UPDATE and a distribution's DELETE).
# An attacker who drops the triggers is still caught by `check` (exit 70):
# a cent moved between two approved lines, a one-byte edit of an audit
# entry (named: the first broken one), a deleted entry. A rewrite of the
# log with every hash recomputed passes check but changes the chain's
# head, which check prints; exports do not print it yet (known).
. tests/cli/lib.sh
. tests/reliability/lib.sh
DB="$TMP/q.db"
"$BIN" --db "$DB" demo >/dev/null || { echo "FAIL demo"; exit 1; }
"$BIN" --db "$DB" distribute ACI-2025-AV --key ACI >/dev/null 2>&1
"$BIN" --db "$DB" approve D1 --date 2025-05-10 --note "AG" >/dev/null
"$BIN" --db "$DB" pay D1 --date 2025-05-20 --means virement >/dev/null
"$BIN" --db "$DB" key import "$ROOT/config/keys/aci.cfg" >/dev/null
before=$(fp "$DB")

# refused NAME SQL: the shell's statement fails on a trigger; nothing moves.
refused() {
	sqlite3 "$DB" "$2" >/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc = 0 ] || ! grep -Eq "cannot change|never change|append-only|approved" "$TMP/err"; then
		fail_msg "$1" "exit $rc: $(cat "$TMP/err")"
	elif [ "$(fp "$DB")" != "$before" ]; then
		fail_msg "$1" "the database changed"
	else
		ok_msg
	fi
}
refused update-approved-distribution "UPDATE distributions SET amount = amount + 1 WHERE id = 1;"
refused update-approved-note "UPDATE distributions SET approved_note = 'x' WHERE id = 1;"
refused unapprove "UPDATE distributions SET status = 'draft', approved_on = NULL WHERE id = 1;"
refused delete-approved-line "DELETE FROM distribution_lines WHERE distribution_id = 1 AND seq = 1;"
refused insert-approved-line "INSERT INTO distribution_lines (distribution_id, seq, kind, idx, recipient, label, value, factor, presence, weight, exact, share, cents, leftover) VALUES (1, 999, 'pool', 0, 'X', 'x', '0', 1, '1', '0', '0', 0, 0, 0);"
refused update-approved-part "UPDATE distribution_parts SET amount = amount + 1 WHERE distribution_id = 1;"
refused delete-approved-part "DELETE FROM distribution_parts WHERE distribution_id = 1;"
refused insert-approved-part "INSERT INTO distribution_parts (distribution_id, kind, idx, label, amount) VALUES (1, 'pool', 99, 'x', 0);"
refused update-payment "UPDATE payments SET amount = amount + 1;"
refused delete-payment "DELETE FROM payments;"
refused update-key-version "UPDATE key_versions SET body = body || ' ';"
refused delete-key-version "DELETE FROM key_versions;"
refused update-audit "UPDATE audit SET detail = detail || ' ';"
refused delete-audit "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);"
refused receipt-amount "UPDATE receipts SET amount = amount + 1 WHERE reference = 'ACI-2025-AV';"
refused in-a-transaction "BEGIN; UPDATE payments SET means = 'x'; COMMIT;"

head0=$("$BIN" --db "$DB" check 2>/dev/null | sed -n 's/.*(head \([0-9a-f]*\)).*/\1/p')
check check-prints-head test ${#head0} = 64

# ---- an attacker with the shell drops the triggers -------------------------
triggers=$(sqlite3 "$DB" "SELECT name FROM sqlite_schema WHERE type = 'trigger';")
for t in $triggers; do sqlite3 "$DB" "DROP TRIGGER $t;"; done
cp "$DB" "$TMP/clean.db"

# expect_broken NAME PATTERN: check exits 70 and says PATTERN.
expect_broken() {
	"$BIN" --db "$DB" check >/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc != 70 ] || ! grep -Eq "$2" "$TMP/err"; then
		fail_msg "$1" "check exit $rc, want 70 and \"$2\": $(cat "$TMP/err")"
	else
		ok_msg
	fi
	cp "$TMP/clean.db" "$DB"
}

# A cent moved from one approved line to another: the sums still hold,
# re-deriving the shares from the stored weights does not.
sqlite3 "$DB" "UPDATE distribution_lines SET cents = cents + 1, share = share + 1 WHERE id = (SELECT min(id) FROM distribution_lines WHERE distribution_id = 1 AND kind = 'pool' AND cents > 0);
UPDATE distribution_lines SET cents = cents - 1, share = share - 1 WHERE id = (SELECT max(id) FROM distribution_lines WHERE distribution_id = 1 AND kind = 'pool' AND cents > 0);"
expect_broken moved-cent "D1 pool .*has [0-9]+ cents, its weight gives"

# One byte of an audit entry: the first broken entry is named.
sqlite3 "$DB" "UPDATE audit SET detail = 'X' || substr(detail, 2) WHERE id = 3;"
expect_broken one-byte-edit "entry 3 was altered"
sqlite3 "$DB" "UPDATE audit SET at = replace(at, '20', '19') WHERE id = 2;"
expect_broken one-byte-date "entry 2 was altered"
sqlite3 "$DB" "UPDATE audit SET who = 'someone-else' WHERE id = (SELECT max(id) FROM audit);"
expect_broken who-edit "entry [0-9]+ was altered"
sqlite3 "$DB" "DELETE FROM audit WHERE id = 4;"
expect_broken deleted-entry "entry 5 does not follow the entry before it"
sqlite3 "$DB" "UPDATE audit SET prev = hash WHERE id = 2;"
expect_broken broken-link "entry 2 does not follow"
sqlite3 "$DB" "INSERT INTO audit (at, who, action, detail, prev, hash) VALUES ('2026-01-01T00:00:00Z', 'x', 'forged', 'x', (SELECT hash FROM audit ORDER BY id DESC LIMIT 1), 'f00d');"
expect_broken forged-entry "entry [0-9]+ was altered"

# A rewrite with every hash recomputed (SHA-256 of the previous hash and
# the fields, each followed by a NUL: db.c audit_hash) passes check; only
# the head printed by check, kept by whoever had it, exposes it.
sqlite3 "$DB" "UPDATE audit SET detail = replace(detail, 'virement', 'cheque') WHERE action = 'pay';"
prev=""
for id in $(sqlite3 "$DB" "SELECT id FROM audit ORDER BY id;"); do
	sqlite3 "$DB" "SELECT writefile('$TMP/row', CAST('$prev' || char(0) || at || char(0) || who || char(0) || action || char(0) || detail || char(0) AS BLOB)) FROM audit WHERE id = $id;" >/dev/null
	h=$(sha256sum <"$TMP/row" | cut -c1-64)
	echo "UPDATE audit SET prev = '$prev', hash = '$h' WHERE id = $id;" >>"$TMP/rewrite.sql"
	prev=$h
done
sqlite3 "$DB" <"$TMP/rewrite.sql"
"$BIN" --db "$DB" check >"$TMP/out" 2>"$TMP/err"
rc=$?
head1=$(sed -n 's/.*(head \([0-9a-f]*\)).*/\1/p' "$TMP/out")
check rewrite-passes-check test $rc = 0
check rewrite-changes-head test -n "$head1" -a "$head1" != "$head0"
cp "$TMP/clean.db" "$DB"

# Reports handed out as text (and PDF) carry the head that check prints,
# so a copy kept by a member exposes a later rewrite. CSV files (exports,
# reports) carry data rows only: no audit note inside a spreadsheet's
# rows; the exports still import.
"$BIN" --db "$DB" export receipts >"$TMP/export.csv" 2>&1
check export-data-only sh -c "! grep -q -e '^#' -e '$head0' '$TMP/export.csv' &&
	[ \$(tr -cd ';\n' <'$TMP/export.csv' | awk '{ print length }' | sort -u | wc -l) = 1 ]"
"$BIN" --db "$DB" show D1 >"$TMP/show.txt" 2>&1
check show-prints-head grep -q "^  $head0\$" "$TMP/show.txt"
"$BIN" --db "$DB" statement --all --year 2025 >"$TMP/statement.txt" 2>&1
check statement-prints-head grep -q "^  $head0\$" "$TMP/statement.txt"
"$BIN" --db "$DB" journal --year 2025 --format text >"$TMP/journal.txt" 2>&1
check journal-prints-head grep -q "^  $head0\$" "$TMP/journal.txt"
"$BIN" --db "$DB" journal --year 2025 --format csv >"$TMP/journal.csv" 2>&1
check journal-csv-data-only sh -c "! grep -q -e '^#' -e '$head0' '$TMP/journal.csv'"
"$BIN" --db "$DB" export members --out "$TMP/members.csv" &&
	"$BIN" --db "$TMP/reimport.db" init --name X >/dev/null &&
	"$BIN" --db "$TMP/reimport.db" import members "$TMP/members.csv" >/dev/null 2>"$TMP/err"
check export-with-head-imports test $? = 0
rel_finish
