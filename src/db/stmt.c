/* stmt.c: the statement helpers every store file uses: SQLite's errors
 * as statuses, prepare, bind and read texts and dates. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/array.h"
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
                         db_elem_fini fini, const char *what, void *out, size_t *n, struct err *e)
{
	void **pout = out;
	*pout = NULL;
	*n = 0;
	enum status rc = ST_OK;
	char *v = NULL;
	size_t cap = 0, len = 0;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (!array_grow(&v, &cap, len + 1, elem_size)) {
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
	*pout = v;
	*n = len;
	return ST_OK;
}

enum status db_query_rows(struct db *db, const char *sql, size_t elem_size, db_row_reader row,
                          db_elem_fini fini, const char *what, void *out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*(void **)out = NULL;
	*n = 0;
	enum status rc = db_prepare(db, sql, &st, e);
	if (rc != ST_OK)
		return rc;
	return db_read_rows(db, st, elem_size, row, fini, what, out, n, e);
}

enum status db_read_id(sqlite3_stmt *st, void *elem, struct err *e)
{
	(void)e;
	*(int64_t *)elem = sqlite3_column_int64(st, 0);
	return ST_OK;
}

enum status db_step_done(struct db *db, sqlite3_stmt *st, const char *what, struct err *e)
{
	enum status rc = ST_OK;
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, what);
	sqlite3_finalize(st);
	return rc;
}

/* A plain INSERT that hit a UNIQUE constraint: the record exists (made
 * by another program since the caller looked, when the caller looked). */
static bool unique_conflict(struct db *db)
{
	int x = sqlite3_extended_errcode(db->h);
	return x == SQLITE_CONSTRAINT_UNIQUE || x == SQLITE_CONSTRAINT_PRIMARYKEY;
}

enum status db_step_returning(struct db *db, sqlite3_stmt *st, const char *what,
                              bool refuse, int64_t *id, struct err *e)
{
	enum status rc = ST_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_step(st);
	} else if (refuse && unique_conflict(db)) {
		rc = ST_REFUSED;
	} else {
		rc = db_fail(db, e, what);
	}
	sqlite3_finalize(st);
	return rc;
}

enum status db_prepare_text(struct db *db, const char *sql, const char *p1, sqlite3_stmt **st,
                            struct err *e)
{
	enum status rc = db_prepare(db, sql, st, e);
	if (rc == ST_OK)
		db_bind_text(*st, 1, p1);
	return rc;
}

enum status db_prepare_id(struct db *db, const char *sql, int64_t p1, sqlite3_stmt **st,
                          struct err *e)
{
	enum status rc = db_prepare(db, sql, st, e);
	if (rc == ST_OK)
		sqlite3_bind_int64(*st, 1, p1);
	return rc;
}

enum status db_step_one(struct db *db, sqlite3_stmt *st, db_row_reader row, void *elem,
                        const char *what, bool *found, struct err *e)
{
	enum status rc = ST_OK;
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = row(st, elem, e);
	else if (r != SQLITE_DONE)
		rc = db_fail(db, e, what);
	if (found)
		*found = r == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc;
}

enum status db_exec_id(struct db *db, const char *sql, int64_t param, const char *what,
                       struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare_id(db, sql, param, &st, e);
	return rc != ST_OK ? rc : db_step_done(db, st, what, e);
}

enum status db_exec_texts(struct db *db, const char *sql, const char *p1, const char *p2,
                          const char *what, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare_text(db, sql, p1, &st, e);
	if (rc != ST_OK)
		return rc;
	if (sqlite3_bind_parameter_count(st) > 1)
		db_bind_text(st, 2, p2);
	return db_step_done(db, st, what, e);
}

enum status db_query_id(struct db *db, const char *sql, int64_t param, const char *what,
                        int64_t *v, struct err *e)
{
	sqlite3_stmt *st;
	*v = 0;
	enum status rc = db_prepare_id(db, sql, param, &st, e);
	return rc != ST_OK ? rc : db_step_one(db, st, db_read_id, v, what, NULL, e);
}
