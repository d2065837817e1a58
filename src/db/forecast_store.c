/* forecast_store.c: the forecast's declarations, expected instalments and
 * the counts an estimate takes from the records (db_forecast.h). */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_forecast.h"
#include "quotepart/i18n.h"

enum status db_forecast_file_get(struct db *db, const char *kind, int exercise, char **rules,
                                 char **body, struct err *e)
{
	sqlite3_stmt *st;
	*rules = *body = NULL;
	enum status rc = db_prepare(db, "SELECT rules, body FROM forecast_files WHERE kind = ? AND exercise = ?;",
	                            &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, kind);
	sqlite3_bind_int(st, 2, exercise);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*rules = db_col_text(st, 0);
		*body = db_col_text(st, 1);
		if (!*body)
			rc = err_set(e, ST_NOMEM, NULL);
	} else if (r == SQLITE_DONE) {
		rc = ST_NOTFOUND;
	} else {
		rc = db_fail(db, e, _("reading the forecast"));
	}
	sqlite3_finalize(st);
	if (rc != ST_OK) {
		free(*rules);
		free(*body);
		*rules = *body = NULL;
	}
	return rc;
}

enum status db_forecast_file_put(struct db *db, const char *kind, int exercise,
                                 const char *rules, const char *body, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "INSERT INTO forecast_files (kind, exercise, rules, body, saved) "
	                                "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
	                                "ON CONFLICT (kind, exercise) DO UPDATE SET rules = excluded.rules, "
	                                "body = excluded.body, saved = excluded.saved;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, kind);
	sqlite3_bind_int(st, 2, exercise);
	db_bind_text(st, 3, rules);
	db_bind_text(st, 4, body);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("writing the forecast"));
	sqlite3_finalize(st);
	return rc;
}

static bool read_int(sqlite3_stmt *st, void *elem)
{
	*(int *)elem = sqlite3_column_int(st, 0);
	return true;
}

enum status db_forecast_exercises(struct db *db, const char *kind, int **out, size_t *n,
                                  struct err *e)
{
	sqlite3_stmt *st;
	void *v = NULL;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare(db, "SELECT exercise FROM forecast_files WHERE kind = ? ORDER BY exercise;",
	                            &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, kind);
	rc = db_read_rows(db, st, sizeof **out, read_int, NULL, _("reading the forecast"), &v, n, e);
	*out = v;
	return rc;
}

static enum status insert(struct db *db, const struct expected *x, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "INSERT INTO expected (origin, source, exercise, kind, due, amount, note) "
	                                "VALUES (?, ?, ?, ?, ?, ?, ?);", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, x->origin);
	db_bind_text(st, 2, x->source);
	db_bind_text(st, 3, x->exercise);
	db_bind_text(st, 4, x->kind);
	db_bind_date(st, 5, x->due);
	sqlite3_bind_int64(st, 6, x->amount);
	db_bind_text(st, 7, x->note);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("writing the expected instalments"));
	else if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	sqlite3_finalize(st);
	return rc;
}

enum status db_expected_replace(struct db *db, const char *origin, const char *source,
                                const char *exercise, const struct expected *v, size_t n,
                                struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "DELETE FROM expected WHERE origin = ? AND source = ? AND exercise = ?;",
	                            &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, origin);
	db_bind_text(st, 2, source);
	db_bind_text(st, 3, exercise);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("writing the expected instalments"));
	sqlite3_finalize(st);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		rc = insert(db, &v[i], NULL, e);
	return rc;
}

enum status db_expected_add(struct db *db, const struct expected *x, int64_t *id, struct err *e)
{
	return insert(db, x, id, e);
}

enum status db_expected_delete(struct db *db, int64_t id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "DELETE FROM expected WHERE id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("writing the expected instalments"));
	else if (sqlite3_changes(db->h) == 0)
		rc = err_set(e, ST_NOTFOUND, _("no expected instalment %lld"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

static bool read_expected(sqlite3_stmt *st, void *elem)
{
	struct expected *x = elem;
	x->id = sqlite3_column_int64(st, 0);
	x->origin = db_col_text(st, 1);
	x->source = db_col_text(st, 2);
	x->exercise = db_col_text(st, 3);
	x->kind = db_col_text(st, 4);
	x->due = db_col_date(st, 5);
	x->amount = sqlite3_column_int64(st, 6);
	x->note = db_col_text(st, 7);
	return x->origin && x->source && x->exercise && x->kind;
}

static void expected_fini_v(void *p) { expected_fini(p); }

enum status db_expected_list(struct db *db, const char *exercise, struct expected **out,
                             size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	void *v = NULL;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare(db, "SELECT id, origin, source, exercise, kind, due, amount, note "
	                                "FROM expected WHERE ?1 IS NULL OR exercise = ?1 "
	                                "ORDER BY due, source, kind, id;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, exercise);
	rc = db_read_rows(db, st, sizeof **out, read_expected, expected_fini_v,
	                  _("reading the expected instalments"), &v, n, e);
	*out = v;
	return rc;
}

enum status db_forecast_counts(struct db *db, int32_t day, int64_t *patients,
                               int64_t *associates, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"SELECT (SELECT count(*) FROM patients p JOIN members m ON m.id = p.gp_id"
		"        WHERE m.profession = 'gp' AND m.status = 'associate'"
		"          AND m.joined <= ?1 AND (m.left_on IS NULL OR m.left_on >= ?1)"
		"          AND p.enrolled <= ?1 AND (p.left_on IS NULL OR p.left_on >= ?1)),"
		"       (SELECT count(*) FROM members m WHERE m.status = 'associate'"
		"          AND m.joined <= ?1 AND (m.left_on IS NULL OR m.left_on >= ?1));", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, day);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*patients = sqlite3_column_int64(st, 0);
		*associates = sqlite3_column_int64(st, 1);
	} else {
		rc = db_fail(db, e, _("counting the patients"));
	}
	sqlite3_finalize(st);
	return rc;
}
