/* store.c: writing the practice's records (lists.c reads them). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"

/* id of a member by code; ST_NOTFOUND with a message when unknown. */
static enum status member_id(struct db *db, const char *code, int64_t *id,
                             struct err *e)
{
	sqlite3_stmt *st;
	bool found = false;
	enum status rc = db_prepare_text(db, "SELECT id FROM members WHERE code = ?;", code, &st, e);
	if (rc == ST_OK)
		rc = db_step_one(db, st, db_read_id, id, _("reading members"), &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("unknown member \"%s\""), code);
	return rc;
}

enum status db_profession_put(struct db *db, const char *code,
                              const char *group, struct err *e)
{
	return db_exec_texts(db, "INSERT INTO professions (code, grp) VALUES (?, ?) "
	                         "ON CONFLICT (code) DO UPDATE SET grp = excluded.grp;",
	                     code, group, _("writing professions"), e);
}

/* Insert a member; upsert: or update the one of that code. */
static enum status member_write(struct db *db, const struct member *m, bool upsert,
                                int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	if (upsert)
		rc = db_prepare(db,
			"INSERT INTO members (code, name, profession, status, joined, left_on, fte, rpps, iban, bic) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
			"ON CONFLICT (code) DO UPDATE SET name = excluded.name, profession = excluded.profession, "
			"status = excluded.status, joined = excluded.joined, left_on = excluded.left_on, "
			"fte = excluded.fte, rpps = excluded.rpps, iban = excluded.iban, bic = excluded.bic "
			"RETURNING id;", &st, e);
	else
		rc = db_prepare(db,
			"INSERT INTO members (code, name, profession, status, joined, left_on, fte, rpps, iban, bic) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, m->code);
	db_bind_text(st, 2, m->name);
	db_bind_text(st, 3, m->profession);
	db_bind_text(st, 4, m->status);
	db_bind_date(st, 5, m->joined);
	db_bind_date(st, 6, m->left);
	sqlite3_bind_int(st, 7, m->fte);
	db_bind_text(st, 8, m->rpps);
	db_bind_text(st, 9, m->iban && *m->iban ? m->iban : NULL);
	db_bind_text(st, 10, m->bic && *m->bic ? m->bic : NULL);
	rc = db_step_returning(db, st, _("writing members"), !upsert, id, e);
	return rc == ST_REFUSED ? err_set(e, rc, _("member %s already exists (added by another program?): nothing was saved"),
	                                  m->code) : rc;
}

enum status db_member_put(struct db *db, const struct member *m, int64_t *id,
                          struct err *e)
{
	return member_write(db, m, true, id, e);
}

enum status db_member_insert(struct db *db, const struct member *m, int64_t *id,
                             struct err *e)
{
	return member_write(db, m, false, id, e);
}

static enum status post_write(struct db *db, const struct post *p, bool upsert,
                              int64_t *id, struct err *e)
{
	int64_t holder = 0;
	enum status rc;
	if (p->holder && (rc = member_id(db, p->holder, &holder, e)) != ST_OK)
		return rc;
	sqlite3_stmt *st;
	if (upsert)
		rc = db_prepare(db,
			"INSERT INTO posts (code, label, holder_id, fte, yearly_cost, start_on, end_on) "
			"VALUES (?, ?, ?, ?, ?, ?, ?) "
			"ON CONFLICT (code) DO UPDATE SET label = excluded.label, holder_id = excluded.holder_id, "
			"fte = excluded.fte, yearly_cost = excluded.yearly_cost, start_on = excluded.start_on, "
			"end_on = excluded.end_on RETURNING id;", &st, e);
	else
		rc = db_prepare(db,
			"INSERT INTO posts (code, label, holder_id, fte, yearly_cost, start_on, end_on) "
			"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, p->code);
	db_bind_text(st, 2, p->label);
	if (p->holder)
		sqlite3_bind_int64(st, 3, holder);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, p->fte);
	sqlite3_bind_int64(st, 5, p->yearly_cost);
	db_bind_date(st, 6, p->start);
	db_bind_date(st, 7, p->end);
	rc = db_step_returning(db, st, _("writing posts"), !upsert, id, e);
	return rc == ST_REFUSED ? err_set(e, rc, _("post %s already exists (added by another program?): nothing was saved"),
	                                  p->code) : rc;
}

enum status db_post_put(struct db *db, const struct post *p, int64_t *id,
                        struct err *e)
{
	return post_write(db, p, true, id, e);
}

enum status db_post_insert(struct db *db, const struct post *p, int64_t *id,
                           struct err *e)
{
	return post_write(db, p, false, id, e);
}

enum status db_funding_clear(struct db *db, const char *post, struct err *e)
{
	return db_exec_texts(db, "DELETE FROM post_funding WHERE post_id = (SELECT id FROM posts WHERE code = ?);", post,
	                     NULL, _("writing post funding"), e);
}

enum status db_funding_add(struct db *db, const struct post_funding *f,
                           struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"INSERT INTO post_funding (post_id, source, share_bp, start_on, end_on) "
		"SELECT id, ?, ?, ?, ? FROM posts WHERE code = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, f->source);
	sqlite3_bind_int(st, 2, f->share_bp);
	db_bind_date(st, 3, f->start);
	db_bind_date(st, 4, f->end);
	db_bind_text(st, 5, f->post);
	rc = db_step_done(db, st, _("writing post funding"), e);
	if (rc == ST_OK && sqlite3_changes(db->h) == 0)
		rc = err_set(e, ST_NOTFOUND, _("unknown post \"%s\""), f->post);
	return rc;
}

/* GP ids by code for the rows of one import: a patients file names a few
 * hundred GPs tens of thousands of times. Open addressing on a hash of the
 * code, filled to half at most: past that, a GP not cached yet is looked
 * up every time (a direct-mapped table of 256 slots missed for more than
 * half of the rows of a file naming 400 GPs). Dropped at every BEGIN, so
 * an id never outlives the transaction that read it (members are never
 * deleted, but a member inserted by a transaction rolled back since would
 * be). */
#define GP_CACHE_SLOTS 4096

struct db_gp_cache {
	char *code[GP_CACHE_SLOTS];   /* NULL: empty slot */
	int64_t id[GP_CACHE_SLOTS];
	size_t used;                  /* slots holding a code */
};

void db_store_forget(struct db *db)
{
	db->gp_index_dropped = false;
	struct db_gp_cache *c = db->gp_cache;
	if (!c)
		return;
	for (size_t i = 0; i < GP_CACHE_SLOTS; i++) {
		free(c->code[i]);
		c->code[i] = NULL;
	}
	c->used = 0;
}

void db_store_close(struct db *db)
{
	db_store_forget(db);
	free(db->gp_cache);
	db->gp_cache = NULL;
	sqlite3_finalize(db->patient_put);
	sqlite3_finalize(db->patient_upd);
	sqlite3_finalize(db->gp_lookup);
	db->patient_put = db->patient_upd = db->gp_lookup = NULL;
}

static size_t gp_slot(const char *code)
{
	uint32_t h = 2166136261u;   /* FNV-1a */
	for (const unsigned char *c = (const unsigned char *)code; *c; c++)
		h = (h ^ *c) * 16777619u;
	return h % GP_CACHE_SLOTS;
}

/* The id of the GP `code`: ST_NOTFOUND ("unknown GP") when no member has
 * that code. */
static enum status gp_id(struct db *db, const char *code, int64_t *id, struct err *e)
{
	if (!db->gp_cache && !(db->gp_cache = calloc(1, sizeof *db->gp_cache)))
		return err_set(e, ST_NOMEM, NULL);
	struct db_gp_cache *c = db->gp_cache;
	size_t k = gp_slot(code);
	for (; c->code[k]; k = (k + 1) % GP_CACHE_SLOTS) {
		if (strcmp(c->code[k], code) == 0) {
			*id = c->id[k];
			return ST_OK;
		}
	}
	enum status rc;
	if (!db->gp_lookup &&
	    (rc = db_prepare(db, "SELECT id FROM members WHERE code = ?;", &db->gp_lookup, e)) != ST_OK)
		return rc;
	sqlite3_stmt *st = db->gp_lookup;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = r == SQLITE_ROW ? ST_OK
	   : r == SQLITE_DONE ? err_set(e, ST_NOTFOUND, _("unknown GP \"%s\""), code)
	   : db_fail(db, e, _("reading members"));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != ST_OK)
		return rc;
	/* k is the empty slot the probe ended on. Out of memory: no caching,
	 * no harm. */
	if (c->used < GP_CACHE_SLOTS / 2 && (c->code[k] = strdup(code))) {
		c->id[k] = *id;
		c->used++;
	}
	return ST_OK;
}

/* Bind a patient's fields for patient_put and patient_upd (the same
 * parameter numbers). The strings are the caller's and the dates' buffers
 * the caller's too: all outlive the step, so nothing is copied. */
static void bind_patient(sqlite3_stmt *st, const struct patient *p, int64_t gp,
                         const char *sex, char *d1, char *d2)
{
	sqlite3_bind_text(st, 1, p->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, gp);
	sqlite3_bind_text(st, 3, date_format(p->enrolled, d1, DATE_BUFSZ), -1, SQLITE_STATIC);
	if (p->left == DATE_NONE)
		sqlite3_bind_null(st, 4);
	else
		sqlite3_bind_text(st, 4, date_format(p->left, d2, DATE_BUFSZ), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, p->birth_year);
	sqlite3_bind_text(st, 6, sex, 1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->ald ? p->ald : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, p->c2s ? 1 : 0);
}

/* Run a cached write; *r gets SQLite's result. The statement is reset
 * and its bindings cleared (they point into the caller's buffers). */
static int step_cached(sqlite3_stmt *st)
{
	int r = sqlite3_step(st);
	if (r != SQLITE_DONE)
		r = sqlite3_reset(st);   /* the extended code of the failure */
	else
		sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

/* The plain INSERT of a patient (prepared once per connection): SQLite's
 * result, the GP looked up first (ST_NOTFOUND in *rc when unknown; then
 * 0 is returned). */
static int patient_insert(struct db *db, const struct patient *p, enum status *rc,
                          struct err *e)
{
	int64_t gp = 0;
	if ((*rc = gp_id(db, p->gp, &gp, e)) != ST_OK)
		return 0;
	if (!db->patient_put &&
	    (*rc = db_prepare(db,
		"INSERT INTO patients (code, gp_id, enrolled, left_on, birth_year, sex, ald, c2s) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", &db->patient_put, e)) != ST_OK)
		return 0;
	char sex[2] = { p->sex, '\0' };
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	bind_patient(db->patient_put, p, gp, sex, d1, d2);
	return step_cached(db->patient_put);
}

/* Patients come by the tens of thousands: the statements are prepared
 * once per connection. A plain INSERT, then an UPDATE only for a code
 * already there: an upsert, or an INSERT ... SELECT, makes SQLite open a
 * statement journal for every row. */
enum status db_patient_put(struct db *db, const struct patient *p,
                           struct err *e)
{
	enum status rc;
	int r = patient_insert(db, p, &rc, e);
	if (rc != ST_OK || r == SQLITE_DONE)
		return rc;
	if (r != SQLITE_CONSTRAINT_UNIQUE)
		return db_fail(db, e, _("writing patients"));
	/* The code is known (UNIQUE is the only unique constraint, and a bad
	 * value fails a CHECK, not this): update it. */
	if (!db->patient_upd &&
	    (rc = db_prepare(db,
		"UPDATE patients SET gp_id = ?2, enrolled = ?3, left_on = ?4, birth_year = ?5, "
		"sex = ?6, ald = ?7, c2s = ?8 WHERE code = ?1;", &db->patient_upd, e)) != ST_OK)
		return rc;
	int64_t gp = 0;
	if ((rc = gp_id(db, p->gp, &gp, e)) != ST_OK)
		return rc;
	char sex[2] = { p->sex, '\0' };
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	bind_patient(db->patient_upd, p, gp, sex, d1, d2);
	r = step_cached(db->patient_upd);
	return r == SQLITE_DONE ? ST_OK : db_fail(db, e, _("writing patients"));
}

enum status db_patient_insert(struct db *db, const struct patient *p, int64_t *id,
                              struct err *e)
{
	enum status rc;
	int r = patient_insert(db, p, &rc, e);
	if (rc != ST_OK)
		return rc;
	if (r == SQLITE_CONSTRAINT_UNIQUE)
		return err_set(e, ST_REFUSED, _("patient %s already exists (added by another program?): nothing was saved"),
		               p->code);
	if (r != SQLITE_DONE)
		return db_fail(db, e, _("writing patients"));
	if (id)
		*id = sqlite3_last_insert_rowid(db->h);
	return ST_OK;
}

enum status db_patients_bulk_begin(struct db *db, size_t rows, struct err *e)
{
	int64_t have = 0;
	enum status rc = db_count(db, "patients", &have, e);
	if (rc != ST_OK || (int64_t)rows <= have)
		return rc;
	if (sqlite3_exec(db->h, "DROP INDEX patients_gp;", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, _("writing patients"));
	db->gp_index_dropped = true;
	return ST_OK;
}

enum status db_patients_bulk_end(struct db *db, struct err *e)
{
	if (!db->gp_index_dropped)
		return ST_OK;
	db->gp_index_dropped = false;
	/* schema.c's definition, word for word (the tests compare them). */
	if (sqlite3_exec(db->h, "CREATE INDEX patients_gp ON patients(gp_id, enrolled, left_on);",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, _("writing patients"));
	return ST_OK;
}

/* A receipt's fields as parameters 1 to 9 of every receipt write:
 * source, kind, exercise, period start and end, received, amount,
 * reference, note. */
static void bind_receipt(sqlite3_stmt *st, const struct receipt *r)
{
	db_bind_text(st, 1, r->source);
	db_bind_text(st, 2, r->kind);
	db_bind_text(st, 3, r->exercise);
	db_bind_date(st, 4, r->start);
	db_bind_date(st, 5, r->end);
	db_bind_date(st, 6, r->received);
	sqlite3_bind_int64(st, 7, r->amount);
	db_bind_text(st, 8, r->reference);
	db_bind_text(st, 9, r->note);
}

enum status db_receipt_set(struct db *db, const struct receipt *r, bool unreferenced,
                           bool *changed, struct err *e)
{
	sqlite3_stmt *st;
	*changed = false;
	enum status rc = db_prepare(db,
		"UPDATE receipts SET source = ?1, kind = ?2, exercise = ?3, period_start = ?4, period_end = ?5, "
		"received = ?6, amount = ?7, reference = CASE WHEN ?11 THEN reference ELSE ?8 END, note = ?9 "
		"WHERE id = ?10 AND (?11 = 0 OR reference IS NULL);", &st, e);
	if (rc != ST_OK)
		return rc;
	bind_receipt(st, r);
	sqlite3_bind_int64(st, 10, r->id);
	sqlite3_bind_int(st, 11, unreferenced);
	rc = db_step_done(db, st, _("writing receipts"), e);
	*changed = rc == ST_OK && sqlite3_changes(db->h) > 0;
	return rc;
}

/* Insert a receipt; upsert: or update the one of that reference. */
static enum status receipt_insert(struct db *db, const struct receipt *r, bool upsert,
                                  int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	if (upsert)
		rc = db_prepare(db,
			"INSERT INTO receipts (source, kind, exercise, period_start, period_end, received, amount, reference, note) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			"ON CONFLICT (reference) DO UPDATE SET source = excluded.source, kind = excluded.kind, "
			"exercise = excluded.exercise, period_start = excluded.period_start, "
			"period_end = excluded.period_end, received = excluded.received, amount = excluded.amount, "
			"note = excluded.note RETURNING id;", &st, e);
	else
		rc = db_prepare(db,
			"INSERT INTO receipts (source, kind, exercise, period_start, period_end, received, amount, reference, note) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	bind_receipt(st, r);
	rc = db_step_returning(db, st, _("writing receipts"), !upsert, id, e);
	return rc == ST_REFUSED ? err_set(e, rc, _("receipt %s already exists (added by another program?): nothing was saved"),
	                                  r->reference ? r->reference : "") : rc;
}

enum status db_receipt_put(struct db *db, const struct receipt *r, int64_t *id,
                           struct err *e)
{
	if (!r->reference && r->id > 0) {
		bool done;
		enum status rc = db_receipt_set(db, r, true, &done, e);
		if (rc != ST_OK || done) {
			if (id && done)
				*id = r->id;
			return rc;
		}
	}
	return receipt_insert(db, r, true, id, e);
}

enum status db_receipt_insert(struct db *db, const struct receipt *r, int64_t *id,
                              struct err *e)
{
	return receipt_insert(db, r, false, id, e);
}

enum status db_activity_add(struct db *db, const struct activity *a,
                            struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"INSERT INTO activities (member_id, day, kind, hours, note) "
		"SELECT id, ?, ?, ?, ? FROM members WHERE code = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, a->date);
	db_bind_text(st, 2, a->kind);
	sqlite3_bind_int64(st, 3, a->hours);
	db_bind_text(st, 4, a->note);
	db_bind_text(st, 5, a->member);
	rc = db_step_done(db, st, _("writing activities"), e);
	if (rc == ST_OK && sqlite3_changes(db->h) == 0)
		rc = err_set(e, ST_NOTFOUND, _("unknown member \"%s\""), a->member);
	return rc;
}

enum status db_activity_last_id(struct db *db, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	*id = 0;
	enum status rc = db_prepare(db, "SELECT coalesce(max(id), 0) FROM activities;", &st, e);
	if (rc != ST_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, e, _("reading activities"));
	sqlite3_finalize(st);
	return rc;
}

enum status db_activity_count_like(struct db *db, const struct activity *a, int64_t after,
                                   int64_t upto, int64_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	enum status rc = db_prepare(db,
		"SELECT count(*) FROM activities x JOIN members m ON m.id = x.member_id "
		"WHERE m.code = ? AND x.day = ? AND x.kind = ? AND x.hours = ? "
		"AND x.note IS ? AND x.id > ? AND x.id <= ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, a->member);
	db_bind_date(st, 2, a->date);
	db_bind_text(st, 3, a->kind);
	sqlite3_bind_int64(st, 4, a->hours);
	db_bind_text(st, 5, a->note);
	sqlite3_bind_int64(st, 6, after);
	sqlite3_bind_int64(st, 7, upto);
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, e, _("reading activities"));
	sqlite3_finalize(st);
	return rc;
}
