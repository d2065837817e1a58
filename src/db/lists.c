/* lists.c: reading the practice's records: every one of a table, one by
 * its code or id, the patients one at a time, and counts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"

/* Every row of sql (its first parameter bound to bind1 unless NULL)
 * into an array, as db_read_rows. */
static enum status read_all(struct db *db, const char *sql, const char *bind1,
                            size_t elem_size, db_row_reader row, db_elem_fini fini,
                            void **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare(db, sql, &st, e);
	if (rc != ST_OK)
		return rc;
	if (bind1)
		db_bind_text(st, 1, bind1);
	return db_read_rows(db, st, elem_size, row, fini, _("reading the database"), out, n, e);
}

static void member_fini_v(void *p) { member_fini(p); }
static void post_fini_v(void *p) { post_fini(p); }
static void funding_fini_v(void *p) { post_funding_fini(p); }
static void receipt_fini_v(void *p) { receipt_fini(p); }
static void activity_fini_v(void *p) { activity_fini(p); }

#define MEMBER_COLS "m.code, m.name, m.profession, m.status, m.joined, m.left_on, m.fte, m.rpps, m.id"
/* The bank columns came with version 5: a reader of an older file (opened
 * as it is) reads none. */
#define MEMBER_BANK_COLS ", m.iban, m.bic"
#define MEMBER_NO_BANK_COLS ", NULL, NULL"

static enum status read_member(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct member *m = elem;
	m->code = db_col_text(st, 0);
	m->name = db_col_text(st, 1);
	m->profession = db_col_text(st, 2);
	m->status = db_col_text(st, 3);
	m->joined = db_col_date(st, 4);
	m->left = db_col_date(st, 5);
	m->fte = sqlite3_column_int(st, 6);
	m->rpps = db_col_text(st, 7);
	m->id = sqlite3_column_int64(st, 8);
	m->iban = db_col_text(st, 9);
	m->bic = db_col_text(st, 10);
	return db_copied(m->code && m->name && m->profession && m->status &&
	                 (m->iban || sqlite3_column_type(st, 9) == SQLITE_NULL) &&
	                 (m->bic || sqlite3_column_type(st, 10) == SQLITE_NULL), e);
}

enum status db_members(struct db *db, struct member **out, size_t *n,
                       struct err *e)
{
	void *v;
	enum status rc;
	if (db->schema >= 5)
		rc = read_all(db, "SELECT " MEMBER_COLS MEMBER_BANK_COLS " FROM members m ORDER BY m.code;",
		              NULL, sizeof **out, read_member, member_fini_v, &v, n, e);
	else
		rc = read_all(db, "SELECT " MEMBER_COLS MEMBER_NO_BANK_COLS " FROM members m ORDER BY m.code;",
		              NULL, sizeof **out, read_member, member_fini_v, &v, n, e);
	*out = v;
	return rc;
}

enum status db_member_get(struct db *db, const char *code, struct member *out,
                          struct err *e)
{
	void *v;
	size_t n;
	enum status rc;
	if (db->schema >= 5)
		rc = read_all(db, "SELECT " MEMBER_COLS MEMBER_BANK_COLS " FROM members m WHERE m.code = ?;",
		              code, sizeof *out, read_member, member_fini_v, &v, &n, e);
	else
		rc = read_all(db, "SELECT " MEMBER_COLS MEMBER_NO_BANK_COLS " FROM members m WHERE m.code = ?;",
		              code, sizeof *out, read_member, member_fini_v, &v, &n, e);
	struct member *m = v;
	if (rc == ST_OK && n == 0)
		rc = err_set(e, ST_NOTFOUND, _("unknown member \"%s\""), code);
	if (rc == ST_OK) {
		*out = m[0];
		free(m);
	} else {
		member_list_free(m, n);
	}
	return rc;
}

static enum status read_post(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct post *p = elem;
	p->code = db_col_text(st, 0);
	p->label = db_col_text(st, 1);
	p->holder = db_col_text(st, 2);
	p->fte = sqlite3_column_int(st, 3);
	p->yearly_cost = sqlite3_column_int64(st, 4);
	p->start = db_col_date(st, 5);
	p->end = db_col_date(st, 6);
	p->id = sqlite3_column_int64(st, 7);
	return db_copied(p->code && p->label, e);
}

enum status db_posts(struct db *db, struct post **out, size_t *n, struct err *e)
{
	void *v;
	enum status rc = read_all(db,
		"SELECT p.code, p.label, m.code, p.fte, p.yearly_cost, p.start_on, p.end_on, p.id "
		"FROM posts p LEFT JOIN members m ON m.id = p.holder_id ORDER BY p.code;",
		NULL, sizeof **out, read_post, post_fini_v, &v, n, e);
	*out = v;
	return rc;
}

static enum status read_funding(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct post_funding *f = elem;
	f->post = db_col_text(st, 0);
	f->source = db_col_text(st, 1);
	f->share_bp = sqlite3_column_int(st, 2);
	f->start = db_col_date(st, 3);
	f->end = db_col_date(st, 4);
	f->id = sqlite3_column_int64(st, 5);
	return db_copied(f->post && f->source, e);
}

enum status db_fundings(struct db *db, struct post_funding **out, size_t *n,
                        struct err *e)
{
	void *v;
	enum status rc = read_all(db,
		"SELECT p.code, f.source, f.share_bp, f.start_on, f.end_on, f.id "
		"FROM post_funding f JOIN posts p ON p.id = f.post_id ORDER BY p.code, f.start_on, f.source;",
		NULL, sizeof **out, read_funding, funding_fini_v, &v, n, e);
	*out = v;
	return rc;
}

#define RECEIPT_COLS "source, kind, exercise, period_start, period_end, received, amount, reference, note, id"

static enum status read_receipt(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct receipt *r = elem;
	r->source = db_col_text(st, 0);
	r->kind = db_col_text(st, 1);
	r->exercise = db_col_text(st, 2);
	r->start = db_col_date(st, 3);
	r->end = db_col_date(st, 4);
	r->received = db_col_date(st, 5);
	r->amount = sqlite3_column_int64(st, 6);
	r->reference = db_col_text(st, 7);
	r->note = db_col_text(st, 8);
	r->id = sqlite3_column_int64(st, 9);
	return db_copied(r->source && r->kind && r->exercise, e);
}

enum status db_receipts(struct db *db, struct receipt **out, size_t *n,
                        struct err *e)
{
	void *v;
	enum status rc = read_all(db, "SELECT " RECEIPT_COLS " FROM receipts ORDER BY received, id;",
	                          NULL, sizeof **out, read_receipt, receipt_fini_v, &v, n, e);
	*out = v;
	return rc;
}

/* The first receipt that sql (bound to key) finds into *out; *found false
 * when none. */
static enum status read_one_receipt(struct db *db, const char *sql, const char *key,
                                    struct receipt *out, bool *found, struct err *e)
{
	void *v;
	size_t n;
	*found = false;
	enum status rc = read_all(db, sql, key, sizeof *out, read_receipt, receipt_fini_v, &v, &n, e);
	struct receipt *r = v;
	if (rc == ST_OK && n > 0) {
		*out = r[0];
		*found = true;
		for (size_t i = 1; i < n; i++)
			receipt_fini(&r[i]);
		free(r);
		return ST_OK;
	}
	receipt_list_free(r, n);
	return rc;
}

enum status db_receipt_find(struct db *db, const char *key, struct receipt *out,
                            struct err *e)
{
	bool found;
	/* An id is all digits; a reference may be anything, and wins when a
	 * reference happens to equal another receipt's id. */
	enum status rc = read_one_receipt(db,
		"SELECT " RECEIPT_COLS " FROM receipts WHERE reference = ?1 "
		"UNION ALL SELECT " RECEIPT_COLS " FROM receipts WHERE ?1 NOT GLOB '*[^0-9]*' AND id = CAST(?1 AS INTEGER) "
		"AND NOT EXISTS (SELECT 1 FROM receipts WHERE reference = ?1);",
		key, out, &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("no receipt with id or reference \"%s\""), key);
	return rc;
}

enum status db_receipt_get(struct db *db, int64_t id, struct receipt *out,
                           struct err *e)
{
	char key[32];
	bool found;
	snprintf(key, sizeof key, "%lld", (long long)id);
	enum status rc = read_one_receipt(db, "SELECT " RECEIPT_COLS " FROM receipts WHERE id = CAST(? AS INTEGER);",
	                                  key, out, &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("no receipt %lld"), (long long)id);
	return rc;
}

enum status db_read_activity(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct activity *a = elem;
	a->member = db_col_text(st, 0);
	a->date = db_col_date(st, 1);
	a->kind = db_col_text(st, 2);
	a->hours = sqlite3_column_int64(st, 3);
	a->note = db_col_text(st, 4);
	a->id = sqlite3_column_int64(st, 5);
	return db_copied(a->member && a->kind, e);
}

enum status db_activities(struct db *db, struct activity **out, size_t *n,
                          struct err *e)
{
	void *v;
	enum status rc = read_all(db,
		"SELECT m.code, a.day, a.kind, a.hours, a.note, a.id FROM activities a "
		"JOIN members m ON m.id = a.member_id ORDER BY a.day, m.code, a.id;",
		NULL, sizeof **out, db_read_activity, activity_fini_v, &v, n, e);
	*out = v;
	return rc;
}

enum status db_patients_each(struct db *db, db_patient_cb cb, void *ctx,
                             struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
		"FROM patients p JOIN members m ON m.id = p.gp_id ORDER BY p.code;", &st, e);
	if (rc != ST_OK)
		return rc;
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		/* Borrowed column text: valid until the next step. */
		const char *sex = (const char *)sqlite3_column_text(st, 5);
		struct patient p = {
			.code = (char *)sqlite3_column_text(st, 0),
			.gp = (char *)sqlite3_column_text(st, 1),
			.enrolled = db_col_date(st, 2),
			.left = db_col_date(st, 3),
			.birth_year = sqlite3_column_int(st, 4),
			.sex = sex ? sex[0] : '?',
			.ald = (char *)sqlite3_column_text(st, 6),
			.c2s = sqlite3_column_int(st, 7) != 0,
			.id = sqlite3_column_int64(st, 8),
		};
		if ((rc = cb(&p, ctx)) != ST_OK)
			break;
	}
	if (rc == ST_OK && r != SQLITE_DONE)
		rc = db_fail(db, e, _("reading patients"));
	sqlite3_finalize(st);
	return rc;
}

enum status db_count(struct db *db, const char *table, int64_t *n, struct err *e)
{
	/* Table names cannot be bound: only known names are accepted. */
	static const char *const tables[] = { "members", "posts", "post_funding", "patients",
		"receipts", "activities", "keys", "distributions", "audit" };
	size_t i;
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (strcmp(tables[i], table) == 0)
			break;
	if (i == sizeof tables / sizeof tables[0])
		return err_set(e, ST_INTERNAL, "db_count: unknown table %s", table);
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s;", tables[i]);
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, sql, &st, e);
	if (rc != ST_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, e, _("reading the database"));
	sqlite3_finalize(st);
	return rc;
}
