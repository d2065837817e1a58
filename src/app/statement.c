/* statement.c: a member's statement: their lines in the approved
 * distributions of the receipts of a period, with the total and what was
 * paid. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "edit_internal.h"
#include "reports_internal.h"
#include "quotepart/array.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"

/* ---- where the lines of a member statement come from ---- */

/* The approved distributions the true-up x subtracts, each whole with
 * its receipt, into x->earlier. */
static enum status load_earlier(struct db *db, struct rep_dist *x, struct err *e)
{
	int64_t *ids;
	size_t n;
	enum status rc = db_dist_earlier_ids(db, x->d.id, &ids, &n, e);
	if (rc != ST_OK || n == 0) {
		free(ids);
		return rc;
	}
	if (!(x->earlier = calloc(n, sizeof *x->earlier))) {
		free(ids);
		return err_set(e, ST_NOMEM, NULL);
	}
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		struct rep_dist *y = &x->earlier[i];
		y->reversed_on = DATE_NONE;
		if ((rc = db_dist_get(db, ids[i], &y->d, e)) != ST_OK)
			break;
		x->n_earlier++;
		rc = db_receipt_get(db, y->d.receipt_id, &y->r, e);
	}
	free(ids);
	return rc;
}

enum status reports_origins(struct db *db, struct rep_dist *v, size_t n, struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		struct rep_dist *x = &v[i];
		x->reversed_on = DATE_NONE;
		if (x->d.mode == DIST_TRUE_UP) {
			rc = load_earlier(db, x, e);
		} else if (x->d.mode == DIST_REVERSAL && x->d.reverses) {
			struct distribution o;
			if ((rc = db_dist_get(db, x->d.reverses, &o, e)) == ST_OK)
				x->reversed_on = o.approved_on;
			distribution_fini(&o);
		}
	}
	return rc;
}

/* ---- statements ---- */

void app_statement_fini(struct app_statement *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct app_statement_line *l = &s->v[i];
		free(l->receipt);
		free(l->source);
		free(l->kind);
		free(l->exercise);
		free(l->key_name);
		free(l->label);
		free(l->basis);
		free(l->value);
		free(l->presence);
		free(l->weight);
		free(l->exact);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static enum status add_line(struct app_statement *s, size_t *cap,
                            const struct distribution *d, const struct receipt *r,
                            const struct dist_line *l, struct err *e)
{
	if (!array_grow(&s->v, cap, s->n + 1, sizeof *s->v))
		return err_set(e, ST_NOMEM, NULL);
	struct app_statement_line *o = &s->v[s->n++];
	memset(o, 0, sizeof *o);
	char id[32];
	snprintf(id, sizeof id, "#%lld", (long long)r->id);
	o->dist_id = d->id;
	o->receipt_id = r->id;
	o->receipt = strdup(r->reference ? r->reference : id);
	o->source = strdup(r->source);
	o->kind = strdup(r->kind ? r->kind : "");
	o->exercise = strdup(r->exercise ? r->exercise : "");
	o->received = r->received;
	o->approved_on = d->approved_on;
	o->reverses = d->reverses;
	o->cancelled = l->cancelled;
	o->key_name = strdup(d->key_name);
	o->key_version = d->key_version;
	o->mode = d->mode;
	o->label = strdup(l->label);
	o->basis = dup_or_null(l->basis);
	o->value = strdup(l->value);
	o->presence = strdup(l->presence);
	o->weight = strdup(l->weight);
	o->exact = strdup(l->exact);
	o->share = l->share;
	o->before = l->before;
	o->cents = l->cents;
	o->paid_on = l->paid_on;
	s->total += l->cents;
	if (l->paid_on != DATE_NONE)
		s->paid += l->cents;
	bool ok = o->receipt && o->source && o->kind && o->exercise && o->key_name && o->label &&
	          (o->basis || !l->basis) && o->value && o->presence && o->weight && o->exact;
	return ok ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* The lines of one distribution that go to the member: pool lines with
 * their code, and reservations to the account "member:CODE". */
static enum status statement_of(struct app *a, int64_t id, const char *member,
                                int32_t start, int32_t end, struct app_statement *s,
                                size_t *cap, struct err *e)
{
	struct distribution d;
	enum status rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK)
		return rc;
	struct receipt r;
	memset(&r, 0, sizeof r);
	if (d.status == DIST_APPROVED)
		rc = db_receipt_get(a->db, d.receipt_id, &r, e);
	bool inside = rc == ST_OK && r.source && r.received >= start && r.received <= end;
	for (size_t i = 0; inside && rc == ST_OK && i < d.n_lines; i++) {
		const struct dist_line *l = &d.lines[i];
		bool mine = strcmp(l->recipient, member) == 0 ||
		            (strncmp(l->recipient, "member:", 7) == 0 && strcmp(l->recipient + 7, member) == 0);
		if (mine)
			rc = add_line(s, cap, &d, &r, l, e);
	}
	receipt_fini(&r);
	distribution_fini(&d);
	return rc;
}

/* A stable insertion sort by (date received, distribution): the lines of
 * one distribution keep their stored order. Statements are short. */
static void sort_lines(struct app_statement_line *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct app_statement_line x = v[i];
		size_t j = i;
		while (j > 0 && (v[j - 1].received > x.received ||
		                 (v[j - 1].received == x.received && v[j - 1].dist_id > x.dist_id))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

enum status app_statement(struct app *a, const char *member, int32_t start,
                          int32_t end, struct app_statement *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	enum status rc = db_dist_ids(a->db, 0, &ids, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		rc = statement_of(a, ids[i], member, start, end, out, &cap, e);
	free(ids);
	if (rc != ST_OK) {
		app_statement_fini(out);
		return rc;
	}
	sort_lines(out->v, out->n);
	return ST_OK;
}
