#!/bin/sh
# SQL only through bound parameters (issue 6): tests/reliability/sqlcheck.pl
# reads src/ and refuses any SQL not written as a string literal, any
# printf-like format holding SQL and any sqlite3_mprintf, but for the
# exceptions it lists with their reason (db_count's table whitelist, the
# migrations and PRAGMA user_version). First it proves it can fail, on a
# file of bad examples.
. tests/cli/lib.sh
. tests/reliability/lib.sh
mkdir -p "$TMP/src/db"
cat >"$TMP/src/db/bad.c" <<'BAD'
#define GOOD "SELECT 1"
enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st, struct err *e)
{
	return sqlite3_prepare_v2(db->h, sql, -1, st, NULL);
}
enum status bad(struct db *db, const char *name, struct err *e)
{
	char buf[64];
	snprintf(buf, sizeof buf, "SELECT * FROM t WHERE n = '%s'", name);
	db_prepare(db, buf, &st, e);
	db_prepare(db, GOOD " WHERE x = ?", &st, e);
	sqlite3_exec(db->h, cond ? "A" : "B", NULL, NULL, NULL);
	char *q = sqlite3_mprintf("DELETE FROM %q", name);
	sb_printf(&b, "INSERT INTO t VALUES (%s)", name);
	return db_prepare(db, "SELECT 1" /* db_prepare(db, x) */, &st, e);
}
BAD
(cd "$TMP" && perl "$REL/sqlcheck.pl" src) >"$TMP/self" 2>&1
rc=$?
check self-test-fails test $rc = 1
check self-test-finds-all test "$(grep -c '^src/db/bad.c:' "$TMP/self")" = 6
check self-test-literal-macro-ok sh -c "! grep -q 'bad.c:11:' '$TMP/self'"
check self-test-comment-ignored sh -c "! grep -q 'bad.c:15:' '$TMP/self'"
perl "$REL/sqlcheck.pl" src >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
check no-sql-built-from-strings test $rc = 0
rel_finish
