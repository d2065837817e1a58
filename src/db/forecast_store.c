/* forecast_store.c: the forecast's declarations, expected instalments and
 * the counts an estimate takes from the records (db_forecast.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_forecast.h"
#include "quotepart/i18n.h"

struct file_row {
	char *rules; /* NULL: the built-in rules */
	char *body;
};

static enum status read_file_row(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct file_row *f = elem;
	f->rules = db_col_text(st, 0);
	f->body = db_col_text(st, 1);
	return db_copied(f->body && (f->rules || sqlite3_column_type(st, 0) == SQLITE_NULL), e);
}

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
	struct file_row f = { NULL, NULL };
	bool found;
	rc = db_step_one(db, st, read_file_row, &f, _("reading the forecast"), &found, e);
	*rules = f.rules;
	*body = f.body;
	if (rc == ST_OK && !found)
		rc = ST_NOTFOUND;
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
	return db_step_done(db, st, _("writing the forecast"), e);
}

static enum status read_int(sqlite3_stmt *st, void *elem, struct err *e)
{
	(void)e;
	*(int *)elem = sqlite3_column_int(st, 0);
	return ST_OK;
}

enum status db_forecast_exercises(struct db *db, const char *kind, int **out, size_t *n,
                                  struct err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare_text(db, "SELECT exercise FROM forecast_files WHERE kind = ? ORDER BY exercise;",
	                                 kind, &st, e);
	return rc != ST_OK ? rc : db_read_rows(db, st, sizeof **out, read_int, NULL, _("reading the forecast"), out, n, e);
}

static enum status insert(struct db *db, const struct expected *x, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "INSERT INTO expected (origin, source, exercise, kind, due, amount, note) "
	                                "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, x->origin);
	db_bind_text(st, 2, x->source);
	db_bind_text(st, 3, x->exercise);
	db_bind_text(st, 4, x->kind);
	db_bind_date(st, 5, x->due);
	sqlite3_bind_int64(st, 6, x->amount);
	db_bind_text(st, 7, x->note);
	return db_step_returning(db, st, _("writing the expected instalments"), false, id, e);
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
	rc = db_step_done(db, st, _("writing the expected instalments"), e);
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
	enum status rc = db_exec_id(db, "DELETE FROM expected WHERE id = ?;", id,
	                            _("writing the expected instalments"), e);
	if (rc == ST_OK && sqlite3_changes(db->h) == 0)
		rc = err_set(e, ST_NOTFOUND, _("no expected instalment %lld"), (long long)id);
	return rc;
}

static enum status read_expected(sqlite3_stmt *st, void *elem, struct err *e)
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
	return db_copied(x->origin && x->source && x->exercise && x->kind, e);
}

static void expected_fini_v(void *p) { expected_fini(p); }

enum status db_expected_list(struct db *db, const char *exercise, struct expected **out,
                             size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare_text(db, "SELECT id, origin, source, exercise, kind, due, amount, note "
	                                     "FROM expected WHERE ?1 IS NULL OR exercise = ?1 "
	                                     "ORDER BY due, source, kind, id;", exercise, &st, e);
	return rc != ST_OK ? rc : db_read_rows(db, st, sizeof **out, read_expected, expected_fini_v,
	                                       _("reading the expected instalments"), out, n, e);
}

static enum status read_counts(sqlite3_stmt *st, void *elem, struct err *e)
{
	(void)e;
	int64_t *both = elem;
	both[0] = sqlite3_column_int64(st, 0);
	both[1] = sqlite3_column_int64(st, 1);
	return ST_OK;
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
	int64_t both[2] = { 0, 0 };
	rc = db_step_one(db, st, read_counts, both, _("counting the patients"), NULL, e);
	*patients = both[0];
	*associates = both[1];
	return rc;
}

/* A GP as the grid sees it. */
struct peps_gp {
	int64_t id;
	char *code;
	bool associate;   /* profession gp, status associate */
};

static void peps_gp_fini(void *elem)
{
	free(((struct peps_gp *)elem)->code);
}

static enum status read_peps_gp(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct peps_gp *g = elem;
	const unsigned char *code = sqlite3_column_text(st, 1);
	*g = (struct peps_gp){ sqlite3_column_int64(st, 0), code ? strdup((const char *)code) : NULL,
	                       sqlite3_column_int(st, 2) != 0 };
	return g->code ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

static const struct peps_gp *gp_of(const struct peps_gp *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Read without a join, which would look up the GP of every patient: the
 * members (a few hundred) are read first, in id order, and looked up. No
 * patient is kept: each goes to `visit` with the row's own strings. */
enum status db_peps_each(struct db *db, int exercise, db_peps_visit visit, void *ctx,
                         struct err *e)
{
	struct peps_gp *gps;
	size_t n_gps;
	enum status rc = db_query_rows(db,
		"SELECT id, code, profession = 'gp' AND status = 'associate' FROM members ORDER BY id;",
		sizeof *gps, read_peps_gp, peps_gp_fini, _("reading the members"), &gps, &n_gps, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st;
	char from[16], to[16];
	snprintf(from, sizeof from, "%04d-01-01", exercise);
	snprintf(to, sizeof to, "%04d-12-31", exercise);
	rc = db_prepare(db,
		"SELECT gp_id, code, sex, birth_year, ald, c2s, enrolled, left_on FROM patients"
		" WHERE enrolled <= ?2 AND (left_on IS NULL OR left_on >= ?1) ORDER BY id;", &st, e);
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
		int r = SQLITE_DONE;
		while (rc == ST_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(st, 1);
			const char *sex = (const char *)sqlite3_column_text(st, 2);
			const char *ald = (const char *)sqlite3_column_text(st, 4);
			const struct peps_gp *g = gp_of(gps, n_gps, sqlite3_column_int64(st, 0));
			if (!code || !sex || !ald)
				rc = err_set(e, ST_NOMEM, NULL);
			else if (!g)
				rc = err_set(e, ST_CORRUPT, _("patient %s: its GP is not a member"), code);
			else
				rc = visit(ctx, &(struct peps_patient){
					.code = code, .gp = g->code, .gp_associate = g->associate,
					.sex = sex[0], .birth_year = sqlite3_column_int(st, 3), .ald = ald,
					.c2s = sqlite3_column_int(st, 5) != 0, .enrolled = db_col_date(st, 6),
					.left = db_col_date(st, 7), .gp_id = g->id }, e);
		}
		if (rc == ST_OK && r != SQLITE_DONE)
			rc = db_fail(db, e, _("reading the patients"));
		sqlite3_finalize(st);
	}
	for (size_t i = 0; i < n_gps; i++)
		peps_gp_fini(&gps[i]);
	free(gps);
	return rc;
}
