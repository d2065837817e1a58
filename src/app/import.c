/* import.c: CSV files in, all or nothing (export.c writes them out).
 *
 * A file is read whole (and a patients file searched for NIRs) before
 * anything is written; then, in one transaction, each row is parsed,
 * checked against the configuration and written at once, so memory does
 * not grow with the rows. The first bad line is reported as "FILE:LINE:
 * what" and the transaction rolled back: nothing is written. */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "quotepart/array.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

/* A file without an iban (or bic) column leaves the stored one as it is,
 * as a file without funding leaves a post's: m takes it before the
 * upsert. An empty cell of a column the file has clears it. */
static enum status keep_bank(struct app *a, const struct reader *r, struct member *m,
                             struct err *e)
{
	bool iban = import_has_column(r, "iban"), bic = import_has_column(r, "bic");
	if (iban && bic)
		return ST_OK;
	struct member now;
	enum status rc = db_member_get(a->db, m->code, &now, e);
	if (rc == ST_NOTFOUND) {
		err_fini(e);
		return ST_OK;
	}
	if (rc != ST_OK)
		return rc;
	if (!iban) {
		m->iban = now.iban;
		now.iban = NULL;
	}
	if (!bic) {
		m->bic = now.bic;
		now.bic = NULL;
	}
	member_fini(&now);
	return ST_OK;
}

static enum status write_record(struct app *a, enum table t, union record *rec,
                                struct parsed_post_fundings *pf, struct err *e)
{
	enum status rc = ST_OK;
	switch (t) {
	case TABLE_MEMBERS:
		return db_member_put(a->db, &rec->m, NULL, e);
	case TABLE_POSTS:
		rc = db_post_put(a->db, &rec->p, NULL, e);
		/* The funding cell is the post's whole funding; without the
		 * column, the funding stored stays. */
		if (rc == ST_OK && pf->given)
			rc = db_funding_clear(a->db, rec->p.code, e);
		for (size_t i = 0; rc == ST_OK && i < pf->n; i++)
			rc = db_funding_add(a->db, &pf->v[i], e);
		return rc;
	case TABLE_PATIENTS:
		return db_patient_put(a->db, &rec->pa, e);
	case TABLE_RECEIPTS:
		return db_receipt_put(a->db, &rec->r, NULL, e);
	case TABLE_ACTIVITIES:
		return db_activity_add(a->db, &rec->a, e);
	default:
		return err_set(e, ST_INTERNAL, "bad table");
	}
}

static int member_cmp(const void *x, const void *y)
{
	return strcmp(((const struct member *)x)->code, ((const struct member *)y)->code);
}

/* The members, read once for a file of patients or activities: a row's
 * GP or member is then found without a query. */
static enum status load_members(struct app *a, struct reader *r, struct err *e)
{
	enum status rc = db_members(a->db, &r->members, &r->n_members, e);
	if (rc == ST_OK)
		qsort(r->members, r->n_members, sizeof *r->members, member_cmp);
	return rc;
}

/* The contract's rules between people, as the forms check them: a
 * patient's GP is a GP and a member while the patient is enrolled, an
 * activity's member a member on its day, and a member's new dates or
 * profession leave no stored record outside them. An unknown member is
 * left to the store, which names it. */
static enum status check_people(struct app *a, const struct reader *r, enum table t,
                                const union record *rec, struct err *e)
{
	if (t == TABLE_MEMBERS)
		return app_member_conflicts(a, &rec->m, e);
	if (t != TABLE_PATIENTS && t != TABLE_ACTIVITIES)
		return ST_OK;
	struct member key = { .code = t == TABLE_PATIENTS ? rec->pa.gp : rec->a.member };
	const struct member *m = bsearch(&key, r->members, r->n_members, sizeof key, member_cmp);
	if (!m)
		return ST_OK;
	return t == TABLE_PATIENTS ? patient_gp_validate(&rec->pa, m, e)
	                           : activity_member_validate(&rec->a, m, e);
}

/* Activities are added, not updated: a row already stored before this
 * import means the file (or part of it) was imported before, and taking it
 * again would double the hours. Repeats inside one file are kept. */
static enum status refuse_seen_activity(struct app *a, const struct reader *r,
                                        const struct activity *x, struct err *e)
{
	int64_t seen = 0;
	enum status rc = db_activity_count_like(a->db, x, 0, r->last_activity, &seen, e);
	if (rc == ST_OK && seen) {
		char d[DATE_BUFSZ];
		rc = err_set(e, ST_INVALID, _("%s on %s, %s: this activity is already recorded "
		                              "(was the file imported before?)"),
		             x->member, date_format(x->date, d, sizeof d), x->kind);
	}
	return rc;
}

/* The stored receipt that db_receipt_put will update with x: the one
 * with x's reference, or without a reference, the one with x's id that
 * has none. *found false: x is a new receipt. */
static enum status stored_receipt(struct app *a, const struct receipt *x, struct receipt *old,
                                  bool *found, struct err *e)
{
	struct err tmp = ERR_INIT;
	enum status rc = ST_NOTFOUND;
	*found = false;
	if (x->reference)
		rc = db_receipt_find(a->db, x->reference, old, &tmp);
	else if (x->id > 0)
		rc = db_receipt_get(a->db, x->id, old, &tmp);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		err_set(e, rc, "%s", err_text(&tmp));
	err_fini(&tmp);
	if (rc != ST_OK)
		return rc == ST_NOTFOUND ? ST_OK : rc;
	*found = x->reference ? old->reference && strcmp(old->reference, x->reference) == 0 : !old->reference;
	if (!*found)
		receipt_fini(old);
	return ST_OK;
}

/* A receipt imported again with other figures is treated as the receipt
 * form treats it (app_receipt_refigure); a draft removed is listed. */
static enum status refigure_receipt(struct app *a, const struct reader *r,
                                    const struct receipt *x, struct err *e)
{
	struct receipt old;
	bool found;
	enum status rc = stored_receipt(a, x, &old, &found, e);
	if (rc != ST_OK || !found)
		return rc;
	int64_t dropped = 0;
	unsigned changed = 0;
	rc = app_receipt_refigure(a, &old, x, &dropped, &changed, e);
	struct drops *d = r->drops;
	if (rc == ST_OK && dropped) {
		if (!array_grow(&d->v, NULL, d->n + 1, sizeof *d->v)) {
			rc = err_set(e, ST_NOMEM, NULL);
		} else {
			d->v[d->n++] = (struct app_dropped){ dropped, old.id, old.reference, changed };
			old.reference = NULL;   /* taken */
		}
	}
	receipt_fini(&old);
	return rc;
}

void app_dropped_list_free(struct app_dropped *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].receipt_ref);
	free(v);
}

/* Whether a refusal is about the row (a plan goes on to the next one),
 * not about the database or the machine. */
static bool row_problem(enum status rc)
{
	return rc == ST_INVALID || rc == ST_REFUSED || rc == ST_FROZEN || rc == ST_NOTFOUND ||
	       rc == ST_OVERFLOW;
}

/* A row refused while planning: counted, the first one's message kept. */
static enum status plan_refused(struct app_import_plan *plan, struct err *e)
{
	if (!plan->refused++ && !(plan->first = strdup(err_text(e))))
		return err_set(e, ST_NOMEM, NULL);
	err_fini(e);
	return ST_OK;
}

/* Each row parsed, checked and written, then forgotten: the caller's
 * transaction makes it all or nothing. A plan (r->plan) goes past a row
 * refused, to count them all. */
static enum status import_rows(struct app *a, struct reader *r, enum table t,
                               struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < r->csv->nrows; i++) {
		union record rec;
		struct parsed_post_fundings pf = { NULL, 0, false };
		memset(&rec, 0, sizeof rec);
		r->row = &r->csv->rows[i];
		rc = import_read_record(r, t, &rec, &pf, e);
		if (rc == ST_OK)
			rc = check_people(a, r, t, &rec, e);
		if (rc == ST_OK && t == TABLE_ACTIVITIES)
			rc = refuse_seen_activity(a, r, &rec.a, e);
		if (rc == ST_OK && t == TABLE_MEMBERS)
			rc = keep_bank(a, r, &rec.m, e);
		if (rc == ST_OK && t == TABLE_RECEIPTS)
			rc = refigure_receipt(a, r, &rec.r, e);
		if (rc == ST_OK)
			rc = write_record(a, t, &rec, &pf, e);
		if (rc != ST_OK)
			err_prefix(e, "%s:%d", r->csv->name, r->row->line);
		if (rc != ST_OK && r->plan && row_problem(rc))
			rc = plan_refused(r->plan, e);
		import_record_fini(t, &rec);
		for (size_t j = 0; j < pf.n; j++)
			post_funding_fini(&pf.v[j]);
		free(pf.v);
	}
	return rc;
}

/* "members: 3 rows from FILE", and the drafts removed, for the audit. */
static char *import_detail(enum table t, size_t rows, const char *path, const struct drops *d)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: %zu rows from %s", table_name(t), rows, path);
	for (size_t i = 0; i < d->n; i++)
		sb_printf(&b, "%sD%lld", i ? ", " : "; drafts removed: ", (long long)d->v[i].dist);
	return sb_take(&b);
}

enum status app_import(struct app *a, enum table t, const char *path,
                       size_t *count, struct err *e)
{
	return app_import_report(a, t, path, count, NULL, NULL, e);
}

/* The rows of r->csv written in the transaction the caller opened. */
static enum status import_in_transaction(struct app *a, struct reader *r, enum table t,
                                         struct err *e)
{
	enum status rc = ST_OK;
	if (t == TABLE_MEMBERS)
		rc = app_sync_professions(a, e);
	if (rc == ST_OK && t == TABLE_ACTIVITIES)
		rc = db_activity_last_id(a->db, &r->last_activity, e);
	if (rc == ST_OK && (t == TABLE_PATIENTS || t == TABLE_ACTIVITIES))
		rc = load_members(a, r, e);
	if (rc == ST_OK && t == TABLE_PATIENTS)
		rc = db_patients_bulk_begin(a->db, r->csv->nrows, e);
	if (rc == ST_OK)
		rc = import_rows(a, r, t, e);
	if (rc == ST_OK && t == TABLE_PATIENTS)
		rc = db_patients_bulk_end(a->db, e);
	return rc;
}

/* The import, or with r->plan its plan: the same work in a transaction
 * that is always rolled back, the table counted before and after. */
static enum status import_file(struct app *a, struct reader *r, enum table t, const char *path,
                               struct err *e)
{
	enum status rc = ST_OK;
	/* The whole file first: a NIR anywhere refuses it before a row is
	 * looked at, let alone written. */
	if (t == TABLE_PATIENTS)
		rc = import_refuse_nir(r->csv, e);
	if (rc == ST_OK)
		rc = import_map_header(r, t, e);
	if (rc == ST_OK)
		rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	int64_t before = 0, after = 0;
	if (r->plan)
		rc = db_count(a->db, table_name(t), &before, e);
	if (rc == ST_OK)
		rc = import_in_transaction(a, r, t, e);
	if (r->plan) {
		if (rc == ST_OK)
			rc = db_count(a->db, table_name(t), &after, e);
		db_rollback(a->db);
		r->plan->rows = r->csv->nrows;
		r->plan->added = (size_t)(after - before);
		size_t done = r->plan->refused + r->plan->added;
		r->plan->updated = done < r->plan->rows ? r->plan->rows - done : 0;
		return rc;
	}
	char *detail = rc == ST_OK ? import_detail(t, r->csv->nrows, path, r->drops) : NULL;
	if (rc == ST_OK)
		rc = detail ? db_audit(a->db, "import", detail, e) : err_set(e, ST_NOMEM, NULL);
	free(detail);
	if (rc == ST_OK)
		rc = db_commit(a->db, e);
	else
		db_rollback(a->db);
	return rc;
}

/* app_import_report and app_import_plan: plan NULL imports. */
static enum status import_path(struct app *a, enum table t, const char *path,
                               struct app_import_plan *plan, size_t *count,
                               struct app_dropped **dropped, size_t *n_dropped, struct err *e)
{
	struct csv_table *csv = NULL;
	enum status rc = app_read_check(a, path, e);
	if (rc == ST_OK)
		rc = csv_read_file(path, &csv, e);
	if (rc != ST_OK)
		return rc;
	struct drops drops = { NULL, 0 };
	struct reader r = { .csv = csv, .cfg = a->cfg, .drops = &drops, .plan = plan };
	rc = import_file(a, &r, t, path, e);
	if (rc == ST_OK && count)
		*count = csv->nrows;
	member_list_free(r.members, r.n_members);
	csv_table_free(csv);
	if (rc == ST_OK && dropped && n_dropped) {
		*dropped = drops.v;
		*n_dropped = drops.n;
	} else {
		app_dropped_list_free(drops.v, drops.n);
	}
	return rc;
}

enum status app_import_report(struct app *a, enum table t, const char *path,
                              size_t *count, struct app_dropped **dropped,
                              size_t *n_dropped, struct err *e)
{
	*count = 0;
	if (dropped)
		*dropped = NULL;
	if (n_dropped)
		*n_dropped = 0;
	return import_path(a, t, path, NULL, count, dropped, n_dropped, e);
}

enum status app_import_plan(struct app *a, enum table t, const char *path,
                            struct app_import_plan *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	enum status rc = import_path(a, t, path, out, NULL, NULL, NULL, e);
	if (rc != ST_OK)
		app_import_plan_fini(out);
	return rc;
}

void app_import_plan_fini(struct app_import_plan *p)
{
	free(p->first);
	p->first = NULL;
}
