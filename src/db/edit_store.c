/* edit_store.c: db_edit.h: patients by page and search, distribution
 * summaries (aggregates, no lines loaded), and the single records the
 * edit forms read, change and remove. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"

/* instr() on upper-cased text: no LIKE, so '%' and '_' in a search are
 * plain characters. Codes are ASCII, for which upper() is enough. */
#define PATIENT_MATCH "(?1 IS NULL OR ?1 = '' OR instr(upper(p.code), upper(?1)) > 0)"

enum status db_patients_count(struct db *db, const char *search, int64_t *total,
                              struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	*total = 0;
	/* Without a search, SQLite counts the entries of the smallest index
	 * and evaluates nothing per row. */
	if (!search || !*search)
		rc = db_prepare(db, "SELECT count(*) FROM patients;", &st, e);
	else
		rc = db_prepare(db, "SELECT count(*) FROM patients p WHERE " PATIENT_MATCH ";", &st, e);
	if (rc != ST_OK)
		return rc;
	if (search && *search)
		db_bind_text(st, 1, search);
	if (sqlite3_step(st) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(db, e, _("reading patients"));
	sqlite3_finalize(st);
	return rc;
}

static enum status read_patient(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct patient *p = elem;
	const unsigned char *sex = sqlite3_column_text(st, 5);
	p->code = db_col_text(st, 0);
	p->gp = db_col_text(st, 1);
	p->enrolled = db_col_date(st, 2);
	p->left = db_col_date(st, 3);
	p->birth_year = sqlite3_column_int(st, 4);
	p->sex = sex ? (char)sex[0] : '?';
	p->ald = db_col_text(st, 6);
	p->c2s = sqlite3_column_int(st, 7) != 0;
	p->id = sqlite3_column_int64(st, 8);
	return db_copied(p->code && p->gp && p->ald, e);
}

/* Up to `limit` rows of a prepared patients query into a new array; with
 * `reverse`, the rows came highest code first and are put back in order. */
static enum status read_patients(struct db *db, sqlite3_stmt *st, int limit, bool reverse,
                                 struct patient **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	struct patient *v = calloc((size_t)limit, sizeof *v);
	if (!v)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = ST_OK;
	int r = SQLITE_DONE;
	size_t len = 0;
	while (len < (size_t)limit && (r = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = read_patient(st, &v[len++], e)) != ST_OK)
			break;
	if (rc == ST_OK && len < (size_t)limit && r != SQLITE_DONE)
		rc = db_fail(db, e, _("reading patients"));
	if (rc != ST_OK) {
		patient_list_free(v, len);
		return rc;
	}
	for (size_t i = 0; reverse && i < len / 2; i++) {
		struct patient x = v[i];
		v[i] = v[len - 1 - i];
		v[len - 1 - i] = x;
	}
	*out = v;
	*n = len;
	return ST_OK;
}

enum status db_patients_page(struct db *db, const char *search, int64_t offset,
                             int limit, struct patient **out, size_t *n,
                             int64_t *total, struct err *e)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if (limit <= 0)
		limit = 1;
	enum status rc = db_patients_count(db, search, total, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st;
	rc = db_prepare(db,
		"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
		"FROM patients p JOIN members m ON m.id = p.gp_id WHERE " PATIENT_MATCH
		" ORDER BY p.code LIMIT ?2 OFFSET ?3;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, search);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
	rc = read_patients(db, st, limit, false, out, n, e);
	sqlite3_finalize(st);
	return rc;
}

/* Four statements rather than one with "?2 IS NULL OR": an OR keeps
 * SQLite from entering the code index at the key. */
enum status db_patients_seek(struct db *db, const char *search, const char *after,
                             bool backward, int limit, struct patient **out,
                             size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	if (limit <= 0)
		limit = 1;
	sqlite3_stmt *st;
	enum status rc;
	if (!backward && !after)
		rc = db_prepare(db,
			"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
			"FROM patients p JOIN members m ON m.id = p.gp_id WHERE " PATIENT_MATCH
			" ORDER BY p.code LIMIT ?3;", &st, e);
	else if (!backward)
		rc = db_prepare(db,
			"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
			"FROM patients p JOIN members m ON m.id = p.gp_id WHERE p.code > ?2 AND " PATIENT_MATCH
			" ORDER BY p.code LIMIT ?3;", &st, e);
	else if (!after)
		rc = db_prepare(db,
			"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
			"FROM patients p JOIN members m ON m.id = p.gp_id WHERE " PATIENT_MATCH
			" ORDER BY p.code DESC LIMIT ?3;", &st, e);
	else
		rc = db_prepare(db,
			"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
			"FROM patients p JOIN members m ON m.id = p.gp_id WHERE p.code < ?2 AND " PATIENT_MATCH
			" ORDER BY p.code DESC LIMIT ?3;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, search);
	if (after)
		db_bind_text(st, 2, after);
	sqlite3_bind_int(st, 3, limit);
	rc = read_patients(db, st, limit, backward, out, n, e);
	sqlite3_finalize(st);
	return rc;
}

static void summary_fini_v(void *elem) { dist_summary_fini(elem); }

static enum status read_summary(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct dist_summary *s = elem;
	s->id = sqlite3_column_int64(st, 0);
	s->receipt_id = sqlite3_column_int64(st, 1);
	s->receipt_ref = db_col_text(st, 2);
	s->source = db_col_text(st, 3);
	s->received = db_col_date(st, 4);
	s->key_name = db_col_text(st, 5);
	s->key_version = sqlite3_column_int(st, 6);
	s->amount = sqlite3_column_int64(st, 9);
	s->approved_on = db_col_date(st, 10);
	s->paid = sqlite3_column_int64(st, 11);
	s->unpaid = sqlite3_column_int64(st, 12);
	enum status rc = db_copied(s->source && s->key_name, e);
	if (rc == ST_OK && (rc = db_dist_mode_from_text((const char *)sqlite3_column_text(st, 7), &s->mode, e)) == ST_OK)
		rc = db_dist_status_from_text((const char *)sqlite3_column_text(st, 8), &s->status, e);
	return rc;
}

enum status db_dist_summaries(struct db *db, struct dist_summary **out,
                              size_t *n, struct err *e)
{
	/* The cost is that of the distributions and the payments, never of
	 * all the lines stored (the home screen reads this at every start):
	 * what is paid comes from the payments, each finding its line by
	 * rowid (CROSS JOIN: SQLite keeps that order, instead of walking every
	 * line to probe the payments), and what is not is the rest of the amount, since the lines
	 * add up to it (checked before a distribution is stored, and by
	 * `check`); lines of 0 cents change neither sum. */
	return db_query_rows(db,
		"SELECT d.id, d.receipt_id, r.reference, r.source, r.received, k.name, v.version,"
		" d.mode, d.status, d.amount, d.approved_on,"
		" coalesce(pd.paid, 0), d.amount - coalesce(pd.paid, 0) "
		"FROM distributions d JOIN receipts r ON r.id = d.receipt_id"
		" JOIN key_versions v ON v.id = d.key_version_id JOIN keys k ON k.id = v.key_id"
		" LEFT JOIN (SELECT l.distribution_id AS id, sum(l.cents) AS paid"
		"   FROM payments p CROSS JOIN distribution_lines l ON l.id = p.line_id"
		"   GROUP BY l.distribution_id) pd ON pd.id = d.id "
		"ORDER BY d.id DESC;",
		sizeof **out, read_summary, summary_fini_v, _("reading distributions"), out, n, e);
}

/* ---- single records, for the edit forms ---- */

/* Run a prepared write and finalize it; ST_NOTFOUND when it changed no
 * row, e left for the caller to word (db_fail never gives that status). */
static enum status write_one(struct db *db, sqlite3_stmt *st, const char *what, struct err *e)
{
	enum status rc = db_step_done(db, st, what, e);
	if (rc == ST_OK && sqlite3_changes(db->h) == 0)
		rc = ST_NOTFOUND;
	return rc;
}

enum status db_patient_get(struct db *db, const char *code, struct patient *out,
                           struct err *e)
{
	sqlite3_stmt *st;
	bool found = false;
	memset(out, 0, sizeof *out);
	enum status rc = db_prepare_text(db,
		"SELECT p.code, m.code, p.enrolled, p.left_on, p.birth_year, p.sex, p.ald, p.c2s, p.id "
		"FROM patients p JOIN members m ON m.id = p.gp_id WHERE p.code = ?;", code, &st, e);
	if (rc == ST_OK)
		rc = db_step_one(db, st, read_patient, out, _("reading patients"), &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("no patient \"%s\""), code);
	else if (rc != ST_OK)
		patient_fini(out);
	return rc;
}

enum status db_patient_delete(struct db *db, const char *code, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "DELETE FROM patients WHERE code = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, code);
	rc = write_one(db, st, _("writing patients"), e);
	return rc == ST_NOTFOUND ? err_set(e, rc, _("no patient \"%s\""), code) : rc;
}

enum status db_receipt_update(struct db *db, const struct receipt *r,
                              struct err *e)
{
	bool changed;
	enum status rc = db_receipt_set(db, r, false, &changed, e);
	if (rc == ST_OK && !changed)
		rc = err_set(e, ST_NOTFOUND, _("no receipt %lld"), (long long)r->id);
	return rc;
}

enum status db_receipt_dists(struct db *db, int64_t receipt_id, int64_t *approved,
                             int64_t *draft, struct err *e)
{
	const char *what = _("reading distributions");
	enum status rc = db_query_id(db, "SELECT count(*) FROM distributions WHERE receipt_id = ? AND status = 'approved';",
	                             receipt_id, what, approved, e);
	if (rc == ST_OK)
		rc = db_query_id(db, "SELECT coalesce(max(id), 0) FROM distributions WHERE receipt_id = ? AND status = 'draft';",
		                 receipt_id, what, draft, e);
	return rc;
}

enum status db_receipt_delete(struct db *db, int64_t id, struct err *e)
{
	int64_t n = 0;
	enum status rc = db_query_id(db, "SELECT count(*) FROM distributions WHERE receipt_id = ?;", id,
	                             _("reading distributions"), &n, e);
	if (rc != ST_OK)
		return rc;
	if (n)
		return err_set(e, ST_REFUSED, _("receipt %lld has distributions: it can no longer be removed"),
		               (long long)id);
	sqlite3_stmt *st;
	if ((rc = db_prepare(db, "DELETE FROM receipts WHERE id = ?;", &st, e)) != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = write_one(db, st, _("writing receipts"), e);
	return rc == ST_NOTFOUND ? err_set(e, rc, _("no receipt %lld"), (long long)id) : rc;
}

enum status db_activity_get(struct db *db, int64_t id, struct activity *out,
                            struct err *e)
{
	sqlite3_stmt *st;
	bool found = false;
	memset(out, 0, sizeof *out);
	enum status rc = db_prepare_id(db,
		"SELECT m.code, a.day, a.kind, a.hours, a.note, a.id FROM activities a "
		"JOIN members m ON m.id = a.member_id WHERE a.id = ?;", id, &st, e);
	if (rc == ST_OK)
		rc = db_step_one(db, st, db_read_activity, out, _("reading activities"), &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("no activity %lld"), (long long)id);
	else if (rc != ST_OK)
		activity_fini(out);
	return rc;
}

enum status db_activity_put(struct db *db, const struct activity *a, int64_t *id,
                            struct err *e)
{
	sqlite3_stmt *st;
	enum status rc;
	if (a->id > 0)
		rc = db_prepare(db,
			"UPDATE activities SET member_id = (SELECT id FROM members WHERE code = ?5), "
			"day = ?1, kind = ?2, hours = ?3, note = ?4 "
			"WHERE id = ?6 AND EXISTS (SELECT 1 FROM members WHERE code = ?5) RETURNING id;", &st, e);
	else
		rc = db_prepare(db,
			"INSERT INTO activities (member_id, day, kind, hours, note) "
			"SELECT id, ?1, ?2, ?3, ?4 FROM members WHERE code = ?5 RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, a->date);
	db_bind_text(st, 2, a->kind);
	sqlite3_bind_int64(st, 3, a->hours);
	db_bind_text(st, 4, a->note);
	db_bind_text(st, 5, a->member);
	if (a->id > 0)
		sqlite3_bind_int64(st, 6, a->id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_step(st);
	} else if (r == SQLITE_DONE) {
		/* No row: the member is unknown, or the activity is gone. */
		struct member m;
		struct err tmp = ERR_INIT;
		if (db_member_get(db, a->member, &m, &tmp) == ST_OK) {
			member_fini(&m);
			rc = err_set(e, ST_NOTFOUND, _("no activity %lld"), (long long)a->id);
		} else {
			rc = err_set(e, ST_NOTFOUND, _("unknown member \"%s\""), a->member);
		}
		err_fini(&tmp);
	} else {
		rc = db_fail(db, e, _("writing activities"));
	}
	sqlite3_finalize(st);
	return rc;
}

enum status db_activity_delete(struct db *db, int64_t id, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db, "DELETE FROM activities WHERE id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = write_one(db, st, _("writing activities"), e);
	return rc == ST_NOTFOUND ? err_set(e, rc, _("no activity %lld"), (long long)id) : rc;
}
