/* expected.c: expected instalments (expected.h). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/expected.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

void expected_fini(struct expected *x)
{
	free(x->origin);
	free(x->source);
	free(x->exercise);
	free(x->kind);
	free(x->note);
	x->origin = x->source = x->exercise = x->kind = x->note = NULL;
}

void expected_list_free(struct expected *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expected_fini(&v[i]);
	free(v);
}

enum status expected_validate(const struct expected *x, struct err *e)
{
	enum status rc;
	if ((rc = record_check_text("source", x->source, true, e)) != ST_OK ||
	    (rc = record_check_text("exercise", x->exercise, true, e)) != ST_OK ||
	    (rc = record_check_text("kind", x->kind, true, e)) != ST_OK ||
	    (rc = record_check_text("note", x->note, false, e)) != ST_OK)
		return rc;
	if (x->due == DATE_NONE)
		return err_set(e, ST_INVALID, "%s", _("an expected instalment needs its due date"));
	return ST_OK;
}

/* Instalments and receipts in the order they pair: by source, exercise
 * and kind, then by date and id. */
static int group_cmp(const char *s1, const char *e1, const char *k1, const char *s2,
                     const char *e2, const char *k2)
{
	int c = strcmp(s1, s2);
	if (c == 0)
		c = strcmp(e1, e2);
	return c ? c : strcmp(k1, k2);
}

static int by_due(const void *pa, const void *pb)
{
	const struct expected *a = *(const struct expected *const *)pa;
	const struct expected *b = *(const struct expected *const *)pb;
	int c = group_cmp(a->source, a->exercise, a->kind, b->source, b->exercise, b->kind);
	if (c == 0)
		c = (a->due > b->due) - (a->due < b->due);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int by_received(const void *pa, const void *pb)
{
	const struct receipt *a = *(const struct receipt *const *)pa;
	const struct receipt *b = *(const struct receipt *const *)pb;
	int c = group_cmp(a->source, a->exercise, a->kind, b->source, b->exercise, b->kind);
	if (c == 0)
		c = (a->received > b->received) - (a->received < b->received);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* The date a row is listed at: its due date, or the day a receipt
 * nobody expected arrived. */
static int32_t row_day(const struct instalment *v)
{
	return v->x ? v->x->due : v->r->received;
}

static int by_day(const void *pa, const void *pb)
{
	const struct instalment *a = pa, *b = pb;
	int32_t da = row_day(a), db = row_day(b);
	if (da != db)
		return (da > db) - (da < db);
	const char *sa = a->x ? a->x->source : a->r->source, *sb = b->x ? b->x->source : b->r->source;
	int c = strcmp(sa, sb);
	if (c)
		return c;
	int64_t ia = a->x ? a->x->id : a->r->id, ib = b->x ? b->x->id : b->r->id;
	return (ia > ib) - (ia < ib);
}

static enum status row_of(const struct expected *x, const struct receipt *r, int32_t today,
                          struct instalment *row)
{
	row->x = x;
	row->r = r;
	row->expected = x ? x->amount : 0;
	row->received = r ? r->amount : 0;
	if (money_sub(row->received, row->expected, &row->difference) != ST_OK)
		return ST_INVALID;
	row->state = !x ? INSTALMENT_UNEXPECTED : r ? INSTALMENT_RECEIVED
	           : x->due < today ? INSTALMENT_LATE : INSTALMENT_COMING;
	return ST_OK;
}

/* Walk both sorted lists group by group: the i-th instalment of a group
 * with its i-th receipt; receipts of groups nothing is expected in are
 * left out. */
static enum status pair(const struct expected **xs, size_t nx, const struct receipt **rs, size_t nr,
                        int32_t today, struct instalment *v, size_t *n)
{
	size_t i = 0, j = 0;
	*n = 0;
	while (i < nx) {
		const struct expected *x = xs[i];
		while (j < nr && group_cmp(rs[j]->source, rs[j]->exercise, rs[j]->kind, x->source, x->exercise,
		                           x->kind) < 0)
			j++;
		/* This group: instalments i.., receipts j.. */
		while (i < nx && group_cmp(xs[i]->source, xs[i]->exercise, xs[i]->kind, x->source, x->exercise,
		                           x->kind) == 0) {
			bool have = j < nr && group_cmp(rs[j]->source, rs[j]->exercise, rs[j]->kind, x->source,
			                                x->exercise, x->kind) == 0;
			if (row_of(xs[i], have ? rs[j] : NULL, today, &v[(*n)++]) != ST_OK)
				return ST_INVALID;
			i++;
			j += have;
		}
		while (j < nr && group_cmp(rs[j]->source, rs[j]->exercise, rs[j]->kind, x->source, x->exercise,
		                           x->kind) == 0)
			if (row_of(NULL, rs[j++], today, &v[(*n)++]) != ST_OK)
				return ST_INVALID;
	}
	return ST_OK;
}

enum status instalments_match(const struct expected *x, size_t nx, const struct receipt *r,
                              size_t nr, int32_t today, struct instalment **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const struct expected **xs = malloc((nx ? nx : 1) * sizeof *xs);
	const struct receipt **rs = malloc((nr ? nr : 1) * sizeof *rs);
	struct instalment *v = calloc(nx + nr ? nx + nr : 1, sizeof *v);
	enum status rc = xs && rs && v ? ST_OK : ST_NOMEM;
	if (rc == ST_OK) {
		for (size_t i = 0; i < nx; i++)
			xs[i] = &x[i];
		for (size_t i = 0; i < nr; i++)
			rs[i] = &r[i];
		qsort(xs, nx, sizeof *xs, by_due);
		qsort(rs, nr, sizeof *rs, by_received);
		rc = pair(xs, nx, rs, nr, today, v, n);
	}
	free(xs);
	free(rs);
	if (rc != ST_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	qsort(v, *n, sizeof *v, by_day);
	*out = v;
	return ST_OK;
}
