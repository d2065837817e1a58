/* dist.c: storing, loading, approving and paying distributions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"

enum status db_dist_draft_of(struct db *db, int64_t receipt_id, int64_t *id,
                             struct err *e)
{
	return db_query_id(db, "SELECT id FROM distributions WHERE receipt_id = ? AND status = 'draft';",
	                   receipt_id, _("reading distributions"), id, e);
}

/* The distribution's own row; d->id is set. */
static enum status insert_header(struct db *db, struct distribution *d, struct err *e)
{
	char created[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);

	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"INSERT INTO distributions (receipt_id, key_version_id, mode, amount, base, reserved,"
		" period_start, period_end, created, reverses, source, exercise)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, d->receipt_id);
	sqlite3_bind_int64(st, 2, d->key_version_id);
	db_bind_text(st, 3, db_dist_mode_to_text(d->mode));
	sqlite3_bind_int64(st, 4, d->amount);
	sqlite3_bind_int64(st, 5, d->base);
	sqlite3_bind_int64(st, 6, d->reserved);
	db_bind_date(st, 7, d->start);
	db_bind_date(st, 8, d->end);
	db_bind_text(st, 9, created);
	if (d->reverses)
		sqlite3_bind_int64(st, 10, d->reverses);
	else
		sqlite3_bind_null(st, 10);
	db_bind_text(st, 11, d->source);
	db_bind_text(st, 12, d->exercise);
	return db_step_returning(db, st, _("writing distributions"), false, &d->id, e);
}

enum status db_dist_save(struct db *db, struct distribution *d, struct err *e)
{
	/* A new run replaces the draft, never an approved distribution (the
	 * triggers would refuse anyway). */
	enum status rc = db_dist_drop_draft(db, d->receipt_id, NULL, e);
	if (rc != ST_OK)
		return rc;

	rc = insert_header(db, d, e);
	if (rc != ST_OK)
		return rc;

	sqlite3_stmt *st;
	rc = db_prepare(db,
		"INSERT INTO distribution_parts (distribution_id, kind, idx, label, account, basis, rate_bp, fixed, amount)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);", &st, e);
	for (size_t i = 0; rc == ST_OK && i < d->n_parts; i++) {
		const struct dist_part *p = &d->parts[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, d->id);
		db_bind_text(st, 2, db_line_kind_to_text(p->kind));
		sqlite3_bind_int(st, 3, p->idx);
		db_bind_text(st, 4, p->label);
		db_bind_text(st, 5, p->account);
		db_bind_text(st, 6, p->basis);
		sqlite3_bind_int(st, 7, p->rate_bp);
		sqlite3_bind_int64(st, 8, p->fixed);
		sqlite3_bind_int64(st, 9, p->amount);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(db, e, _("writing distributions"));
	}
	if (rc == ST_OK || st)
		sqlite3_finalize(st);
	if (rc != ST_OK)
		return rc;

	rc = db_prepare(db,
		"INSERT INTO distribution_lines (distribution_id, seq, kind, idx, recipient, member_id, label, basis,"
		" value, factor, presence, weight, exact, share, before, cents, leftover)"
		" VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM members WHERE code = ?5 AND ?3 = 'pool'), ?6, ?7,"
		" ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id;", &st, e);
	for (size_t i = 0; rc == ST_OK && i < d->n_lines; i++) {
		struct dist_line *l = &d->lines[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, d->id);
		sqlite3_bind_int64(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, db_line_kind_to_text(l->kind));
		sqlite3_bind_int(st, 4, l->idx);
		db_bind_text(st, 5, l->recipient);
		db_bind_text(st, 6, l->label);
		db_bind_text(st, 7, l->basis);
		db_bind_text(st, 8, l->value);
		sqlite3_bind_int64(st, 9, l->factor);
		db_bind_text(st, 10, l->presence);
		db_bind_text(st, 11, l->weight);
		db_bind_text(st, 12, l->exact);
		sqlite3_bind_int64(st, 13, l->share);
		sqlite3_bind_int64(st, 14, l->before);
		sqlite3_bind_int64(st, 15, l->cents);
		sqlite3_bind_int(st, 16, l->leftover);
		if (sqlite3_step(st) == SQLITE_ROW) {
			l->id = sqlite3_column_int64(st, 0);
			sqlite3_step(st);
		} else {
			rc = db_fail(db, e, _("writing distributions"));
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* The lines of an approved d that nothing is left to pay on: all its
 * unpaid ones when an approved reversal cancels it; for a reversal, those
 * whose original line (same place: a reversal copies its lines in order)
 * was never paid. */
static enum status mark_cancelled(struct db *db, struct distribution *d, struct err *e)
{
	int64_t by = 0;
	if (d->status != DIST_APPROVED)
		return ST_OK;
	enum status rc = db_dist_approved_reversal_of(db, d->id, &by, e);
	if (rc != ST_OK || (!by && !d->reverses))
		return rc;
	for (size_t i = 0; i < d->n_lines; i++)
		d->lines[i].cancelled = d->lines[i].paid_on == DATE_NONE && d->lines[i].cents != 0;
	if (by)
		return ST_OK;
	sqlite3_stmt *st;
	rc = db_prepare(db, "SELECT l.seq FROM distribution_lines l JOIN payments p ON p.line_id = l.id "
	                    "WHERE l.distribution_id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, d->reverses);
	int r;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0);
		if (seq >= 1 && (uint64_t)seq <= d->n_lines)
			d->lines[seq - 1].cancelled = false;
	}
	if (r != SQLITE_DONE)
		rc = db_fail(db, e, _("reading distributions"));
	sqlite3_finalize(st);
	return rc;
}

/* The distribution's own row into d. */
static enum status read_header(struct db *db, int64_t id, struct distribution *d, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"SELECT d.id, d.receipt_id, r.reference, d.key_version_id, k.name, v.version, d.mode, d.status,"
		" d.amount, d.base, d.reserved, d.period_start, d.period_end, d.created, d.approved_on,"
		" d.approved_note, coalesce(d.reverses, 0) "
		"FROM distributions d JOIN receipts r ON r.id = d.receipt_id"
		" JOIN key_versions v ON v.id = d.key_version_id JOIN keys k ON k.id = v.key_id "
		"WHERE d.id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		d->id = sqlite3_column_int64(st, 0);
		d->receipt_id = sqlite3_column_int64(st, 1);
		d->receipt_ref = db_col_text(st, 2);
		d->key_version_id = sqlite3_column_int64(st, 3);
		d->key_name = db_col_text(st, 4);
		d->key_version = sqlite3_column_int(st, 5);
		d->amount = sqlite3_column_int64(st, 8);
		d->base = sqlite3_column_int64(st, 9);
		d->reserved = sqlite3_column_int64(st, 10);
		d->start = db_col_date(st, 11);
		d->end = db_col_date(st, 12);
		d->created = db_col_text(st, 13);
		d->approved_on = db_col_date(st, 14);
		d->approved_note = db_col_text(st, 15);
		d->reverses = sqlite3_column_int64(st, 16);
		if ((rc = db_dist_mode_from_text((const char *)sqlite3_column_text(st, 6), &d->mode, e)) == ST_OK)
			rc = db_dist_status_from_text((const char *)sqlite3_column_text(st, 7), &d->status, e);
	} else if (r == SQLITE_DONE) {
		rc = err_set(e, ST_NOTFOUND, _("no distribution %lld"), (long long)id);
	} else {
		rc = db_fail(db, e, _("reading distributions"));
	}
	sqlite3_finalize(st);
	return rc;
}

static enum status read_part(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct dist_part *p = elem;
	p->idx = sqlite3_column_int(st, 1);
	p->label = db_col_text(st, 2);
	p->account = db_col_text(st, 3);
	p->basis = db_col_text(st, 4);
	p->rate_bp = sqlite3_column_int(st, 5);
	p->fixed = sqlite3_column_int64(st, 6);
	p->amount = sqlite3_column_int64(st, 7);
	if (!p->label)
		return db_copied(false, e);
	return db_line_kind_from_text((const char *)sqlite3_column_text(st, 0), &p->kind, e);
}

static enum status read_line(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct dist_line *l = elem;
	l->id = sqlite3_column_int64(st, 0);
	l->idx = sqlite3_column_int(st, 2);
	l->recipient = db_col_text(st, 3);
	l->label = db_col_text(st, 4);
	l->basis = db_col_text(st, 5);
	l->value = db_col_text(st, 6);
	l->factor = sqlite3_column_int64(st, 7);
	l->presence = db_col_text(st, 8);
	l->weight = db_col_text(st, 9);
	l->exact = db_col_text(st, 10);
	l->share = sqlite3_column_int64(st, 11);
	l->before = sqlite3_column_int64(st, 12);
	l->cents = sqlite3_column_int64(st, 13);
	l->leftover = sqlite3_column_int(st, 14) != 0;
	l->paid_on = db_col_date(st, 15);
	l->means = db_col_text(st, 16);
	l->cancelled = false;   /* mark_cancelled says */
	if (!(l->recipient && l->label && l->value && l->presence && l->weight && l->exact))
		return db_copied(false, e);
	return db_line_kind_from_text((const char *)sqlite3_column_text(st, 1), &l->kind, e);
}

static void part_fini_v(void *elem) { dist_part_fini(elem); }
static void line_fini_v(void *elem) { dist_line_fini(elem); }

/* Every row of sql, its one parameter bound to id, into *out and *n (as
 * db_read_rows: out is the address of the array pointer). */
static enum status rows_of(struct db *db, const char *sql, int64_t id, size_t elem_size,
                           db_row_reader row, db_elem_fini fini, void *out, size_t *n,
                           struct err *e)
{
	sqlite3_stmt *st;
	*(void **)out = NULL;
	*n = 0;
	enum status rc = db_prepare_id(db, sql, id, &st, e);
	return rc != ST_OK ? rc : db_read_rows(db, st, elem_size, row, fini, _("reading distributions"), out, n, e);
}

enum status db_dist_get(struct db *db, int64_t id, struct distribution *d,
                        struct err *e)
{
	memset(d, 0, sizeof *d);
	enum status rc = read_header(db, id, d, e);
	if (rc == ST_OK)
		rc = rows_of(db,
			"SELECT kind, idx, label, account, basis, rate_bp, fixed, amount FROM distribution_parts "
			"WHERE distribution_id = ? ORDER BY kind DESC, idx;",
			id, sizeof *d->parts, read_part, part_fini_v, &d->parts, &d->n_parts, e);
	if (rc == ST_OK)
		rc = rows_of(db,
			"SELECT l.id, l.kind, l.idx, l.recipient, l.label, l.basis, l.value, l.factor, l.presence,"
			" l.weight, l.exact, l.share, l.before, l.cents, l.leftover, p.paid_on, p.means "
			"FROM distribution_lines l LEFT JOIN payments p ON p.line_id = l.id "
			"WHERE l.distribution_id = ? ORDER BY l.seq;",
			id, sizeof *d->lines, read_line, line_fini_v, &d->lines, &d->n_lines, e);
	if (rc == ST_OK)
		rc = mark_cancelled(db, d, e);
	if (rc != ST_OK)
		distribution_fini(d);
	return rc;
}

/* db_dist_origin's row. */
struct origin {
	char *source, *exercise;
};

static enum status read_origin(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct origin *o = elem;
	o->source = db_col_text(st, 0);
	o->exercise = db_col_text(st, 1);
	(void)e;
	return ST_OK;
}

enum status db_dist_origin(struct db *db, int64_t id, char **source,
                           char **exercise, struct err *e)
{
	sqlite3_stmt *st;
	struct origin o = { NULL, NULL };
	bool found = false;
	enum status rc = db_prepare_id(db, "SELECT source, exercise FROM distributions WHERE id = ?;", id, &st, e);
	if (rc == ST_OK)
		rc = db_step_one(db, st, read_origin, &o, _("reading distributions"), &found, e);
	if (rc == ST_OK && !found)
		rc = err_set(e, ST_NOTFOUND, _("no distribution %lld"), (long long)id);
	*source = o.source;
	*exercise = o.exercise;
	return rc;
}

enum status db_dist_ids(struct db *db, int64_t receipt_id, int64_t **ids,
                        size_t *n, struct err *e)
{
	return rows_of(db, "SELECT id FROM distributions WHERE ?1 = 0 OR receipt_id = ?1 ORDER BY id DESC;",
	               receipt_id, sizeof **ids, db_read_id, NULL, ids, n, e);
}

enum status db_dist_earlier_ids(struct db *db, int64_t id, int64_t **ids, size_t *n,
                                struct err *e)
{
	return rows_of(db,
		"SELECT d.id FROM distributions t JOIN receipts tr ON tr.id = t.receipt_id "
		"JOIN receipts r ON r.source = tr.source AND r.exercise = tr.exercise AND r.id <> tr.id "
		"JOIN distributions d ON d.receipt_id = r.id AND d.status = 'approved' AND d.id < t.id "
		"WHERE t.id = ? ORDER BY d.id;", id, sizeof **ids, db_read_id, NULL, ids, n, e);
}

enum status db_dist_approve(struct db *db, int64_t id, int32_t on,
                            const char *note, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"UPDATE distributions SET status = 'approved', approved_on = ?, approved_note = ? "
		"WHERE id = ? AND status = 'draft';", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, on);
	db_bind_text(st, 2, note);
	sqlite3_bind_int64(st, 3, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("approving"));
	else if (sqlite3_changes(db->h) == 0)
		rc = err_set(e, ST_FROZEN, _("D%lld is already approved"), (long long)id);
	sqlite3_finalize(st);
	return rc;
}

enum status db_dist_pay(struct db *db, int64_t line_id, int32_t on,
                        const char *means, struct err *e)
{
	sqlite3_stmt *st;
	enum status rc = db_prepare(db,
		"INSERT INTO payments (line_id, paid_on, means, amount) "
		"SELECT l.id, ?, ?, l.cents FROM distribution_lines l JOIN distributions d ON d.id = l.distribution_id "
		"WHERE l.id = ? AND d.status = 'approved' "
		"ON CONFLICT (line_id) DO NOTHING;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, on);
	db_bind_text(st, 2, means);
	sqlite3_bind_int64(st, 3, line_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_fail(db, e, _("recording a payment"));
	sqlite3_finalize(st);
	if (rc != ST_OK || sqlite3_changes(db->h) != 0)
		return rc;
	/* Nothing inserted: say why. */
	rc = db_prepare(db, "SELECT d.status FROM distribution_lines l JOIN distributions d ON d.id = l.distribution_id "
	                    "WHERE l.id = ?;", &st, e);
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(st, 1, line_id);
	int r = sqlite3_step(st);
	const char *text = r == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	enum dist_status status = DIST_DRAFT;
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = db_fail(db, e, _("recording a payment"));
	else if (!text)
		rc = err_set(e, ST_NOTFOUND, _("no distribution line %lld"), (long long)line_id);
	else if ((rc = db_dist_status_from_text(text, &status, e)) == ST_OK)
		rc = status == DIST_APPROVED
		     ? err_set(e, ST_FROZEN, _("line %lld is already paid"), (long long)line_id)
		     : err_set(e, ST_INVALID, _("line %lld belongs to a draft: approve it before recording payments"),
		               (long long)line_id);
	sqlite3_finalize(st);
	return rc;
}

static enum status read_given(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct db_given *g = elem;
	g->recipient = db_col_text(st, 0);
	g->label = db_col_text(st, 1);
	g->idx = sqlite3_column_int(st, 3);
	g->cents = sqlite3_column_int64(st, 4);
	if (!(g->recipient && g->label))
		return db_copied(false, e);
	return db_line_kind_from_text((const char *)sqlite3_column_text(st, 2), &g->kind, e);
}

static void given_fini_v(void *elem)
{
	struct db_given *g = elem;
	free(g->recipient);
	free(g->label);
}

enum status db_dist_given(struct db *db, const char *source, const char *exercise,
                          int64_t except_receipt, struct db_given **out,
                          size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*out = NULL;
	*n = 0;
	enum status rc = db_prepare(db,
		"SELECT l.recipient, l.label, l.kind, min(l.idx), sum(l.cents) FROM distribution_lines l"
		" JOIN distributions d ON d.id = l.distribution_id JOIN receipts r ON r.id = d.receipt_id "
		"WHERE d.status = 'approved' AND r.source = ? AND r.exercise = ? AND r.id <> ? "
		"GROUP BY l.recipient, l.label, l.kind ORDER BY l.kind DESC, min(l.idx), l.recipient;", &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_text(st, 1, source);
	db_bind_text(st, 2, exercise);
	sqlite3_bind_int64(st, 3, except_receipt);
	return db_read_rows(db, st, sizeof **out, read_given, given_fini_v, _("reading distributions"), out, n, e);
}

void db_given_list_free(struct db_given *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		given_fini_v(&v[i]);
	free(v);
}

enum status db_dist_has_approved(struct db *db, int64_t receipt_id,
                                 bool *yes, struct err *e)
{
	int64_t v = 0;
	enum status rc = db_query_id(db,
		"SELECT coalesce(sum(CASE mode WHEN 'reversal' THEN -1 ELSE 1 END), 0) > 0 "
		"FROM distributions WHERE receipt_id = ? AND status = 'approved';",
		receipt_id, _("reading distributions"), &v, e);
	*yes = v != 0;
	return rc;
}

enum status db_dist_in_force(struct db *db, int64_t receipt_id, int64_t *id, struct err *e)
{
	return db_query_id(db,
		"SELECT d.id FROM distributions d WHERE d.receipt_id = ? AND d.status = 'approved' "
		"AND d.mode != 'reversal' AND NOT EXISTS (SELECT 1 FROM distributions v "
		"WHERE v.reverses = d.id AND v.status = 'approved') ORDER BY d.id DESC LIMIT 1;",
		receipt_id, _("reading distributions"), id, e);
}

enum status db_dist_reversal_of(struct db *db, int64_t id, int64_t *by,
                                struct err *e)
{
	return db_query_id(db, "SELECT id FROM distributions WHERE reverses = ? ORDER BY id LIMIT 1;", id,
	                   _("reading distributions"), by, e);
}

enum status db_dist_approved_reversal_of(struct db *db, int64_t id, int64_t *by,
                                         struct err *e)
{
	return db_query_id(db, "SELECT id FROM distributions WHERE reverses = ? AND status = 'approved' ORDER BY id LIMIT 1;",
	                   id, _("reading distributions"), by, e);
}

enum status db_dist_drop_draft(struct db *db, int64_t receipt_id, int64_t *dropped,
                               struct err *e)
{
	int64_t old = 0;
	if (dropped)
		*dropped = 0;
	enum status rc = db_dist_draft_of(db, receipt_id, &old, e);
	if (rc != ST_OK || !old)
		return rc;
	/* Lines and parts first: they reference the distribution. The
	 * triggers refuse this for an approved one; a draft is ours to drop. */
	if ((rc = db_exec_id(db, "DELETE FROM distribution_lines WHERE distribution_id = ?;", old, _("writing distributions"), e)) == ST_OK &&
	    (rc = db_exec_id(db, "DELETE FROM distribution_parts WHERE distribution_id = ?;", old, _("writing distributions"), e)) == ST_OK)
		rc = db_exec_id(db, "DELETE FROM distributions WHERE id = ? AND status = 'draft';", old, _("writing distributions"), e);
	if (rc == ST_OK && dropped)
		*dropped = old;
	return rc;
}
