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

/* A patient's three strings live in one block, at p->code. */
static void peps_patient_fini(void *elem)
{
	free((char *)((struct peps_patient *)elem)->code);
}

void db_peps_patients_free(struct peps_patient *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		peps_patient_fini(&v[i]);
	free(v);
}

static enum status read_peps_patient(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct peps_patient *p = elem;
	static const int cols[] = { 0, 1, 5 };
	const unsigned char *text[3];
	size_t len[3], total = 0;
	for (int i = 0; i < 3; i++) {
		text[i] = sqlite3_column_text(st, cols[i]);
		len[i] = text[i] ? (size_t)sqlite3_column_bytes(st, cols[i]) : 0;
		total += len[i] + 1;
	}
	char *block = text[0] && text[1] && text[2] ? malloc(total) : NULL;
	if (!block)
		return err_set(e, ST_NOMEM, NULL);
	char *at[3];
	for (int i = 0, off = 0; i < 3; off += (int)len[i] + 1, i++) {
		at[i] = block + off;
		memcpy(at[i], text[i], len[i]);
		at[i][len[i]] = '\0';
	}
	const unsigned char *sex = sqlite3_column_text(st, 3);
	*p = (struct peps_patient){ at[0], at[1], sqlite3_column_int(st, 2) != 0, sex ? (char)sex[0] : '?',
	                            sqlite3_column_int(st, 4), at[2], sqlite3_column_int(st, 6) != 0,
	                            db_col_date(st, 7), db_col_date(st, 8) };
	return ST_OK;
}

enum status db_peps_patients(struct db *db, int exercise, struct peps_patient **out, size_t *n,
                             struct err *e)
{
	sqlite3_stmt *st;
	char year[16];
	snprintf(year, sizeof year, "%04d", exercise);
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare_text(db,
		"SELECT p.code, m.code, m.profession = 'gp' AND m.status = 'associate', p.sex, p.birth_year,"
		"       p.ald, p.c2s, p.enrolled, p.left_on"
		"  FROM patients p JOIN members m ON m.id = p.gp_id"
		" WHERE p.enrolled <= ?1 || '-12-31' AND (p.left_on IS NULL OR p.left_on >= ?1 || '-01-01')"
		" ORDER BY p.id;", year, &st, e);
	return rc != ST_OK ? rc : db_read_rows(db, st, sizeof **out, read_peps_patient, peps_patient_fini,
	                                       _("reading the patients"), out, n, e);
}
