/* stmt.c: the statement helpers every store file uses: SQLite's errors
 * as statuses, prepare, bind and read texts and dates, grow an array. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

enum status db_fail(struct db *db, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(db->h);
	const char *msg = sqlite3_errmsg(db->h);
	enum status st;
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st = ST_BUSY;
		return err_set(e, st, _("%s: the database is in use by another program; try again"), what);
	case SQLITE_READONLY:
		st = ST_READONLY;
		return err_set(e, st, _("%s: the database is read-only"), what);
	case SQLITE_FULL:
		return err_set(e, ST_FULL, _("%s: the disk is full; nothing was changed"), what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return err_set(e, ST_IO, _("%s: input/output error (%s)"), what, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return err_set(e, ST_NOTDB, _("%s: not a quotepart database, or damaged (%s)"), what, msg);
	case SQLITE_CONSTRAINT:
		if (strstr(msg, "approved") || strstr(msg, "never change") || strstr(msg, "append-only"))
			return err_set(e, ST_FROZEN, "%s: %s", what, msg);
		return err_set(e, ST_INVALID, "%s: %s", what, msg);
	case SQLITE_NOMEM:
		return err_set(e, ST_NOMEM, NULL);
	default:
		return err_set(e, ST_DB, "%s: %s", what, msg);
	}
}

bool db_grow(void *v, size_t *cap, size_t len, size_t elem_size)
{
	void **pv = v;
	if (len < *cap)
		return true;
	size_t nc = *cap ? *cap * 2 : 16;
	void *nv = realloc(*pv, nc * elem_size);
	if (!nv)
		return false;
	*pv = nv;
	*cap = nc;
	return true;
}

enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st,
                       struct err *e)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(db, e, _("database query"));
	return ST_OK;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_date(sqlite3_stmt *st, int i, int32_t date)
{
	if (date == DATE_NONE) {
		sqlite3_bind_null(st, i);
	} else {
		char buf[DATE_BUFSZ];
		sqlite3_bind_text(st, i, date_format(date, buf, sizeof buf), -1, SQLITE_TRANSIENT);
	}
}

char *db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? strdup((const char *)s) : NULL;
}

int32_t db_col_date(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	int32_t d;
	if (!s || date_parse((const char *)s, &d) != ST_OK)
		return DATE_NONE;
	return d;
}

enum status db_copied(bool ok, struct err *e)
{
	return ok ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

enum status db_read_rows(struct db *db, sqlite3_stmt *st, size_t elem_size, db_row_reader row,
                         db_elem_fini fini, const char *what, void **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	enum status rc = ST_OK;
	char *v = NULL;
	size_t cap = 0, len = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (!db_grow(&v, &cap, len, elem_size)) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		memset(v + len * elem_size, 0, elem_size);
		len++;   /* partly filled or not, released below on failure */
		if ((rc = row(st, v + (len - 1) * elem_size, e)) != ST_OK)
			break;
	}
	if (rc == ST_OK && r != SQLITE_DONE)
		rc = db_fail(db, e, what);
	sqlite3_finalize(st);
	if (rc != ST_OK) {
		for (size_t i = 0; fini && i < len; i++)
			fini(v + i * elem_size);
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return ST_OK;
}
