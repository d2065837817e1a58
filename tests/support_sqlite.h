/* support_sqlite.h: raw SQLite for the store tests, as the sqlite3 shell
 * would do it (bypassing quotepart): open, run, read one number. Each
 * failure fails the test with SQLite's message. Header-only, like
 * support.h. */
#ifndef QUOTEPART_TEST_SUPPORT_SQLITE_H
#define QUOTEPART_TEST_SUPPORT_SQLITE_H

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdint.h>

static inline sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;
	int r = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	cr_assert_eq(r, SQLITE_OK, "%s: %s", path, h ? sqlite3_errmsg(h) : "?");
	return h;
}

static inline void raw_exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;
	int r = sqlite3_exec(h, sql, NULL, NULL, &msg);
	cr_assert_eq(r, SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

static inline int64_t raw_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s: %s", sql,
	             sqlite3_errmsg(h));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg(h));
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

#endif
