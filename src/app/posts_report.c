/* posts_report.c: the report of the posts' funding: each post's cost in
 * a year, what its funding shares pay, and what each source has left. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports_internal.h"
#include "quotepart/app_reports.h"
#include "quotepart/app_store.h"
#include "quotepart/date.h"
#include "quotepart/money.h"

/* ---- funding per post ---- */

/* floor(a x b x c / d) for non-negative a, b, c and d > 0 without
 * overflow: the product fits in 128 bits for any int64 a and the small b,
 * c used here (basis points, days). */
static int64_t prorate(int64_t a, int64_t b, int64_t c, int64_t d)
{
	i128 p = (i128)a * b * c;
	return (int64_t)(p / d);
}

static int32_t max3(int32_t a, int32_t b, int32_t c)
{
	int32_t m = a > b ? a : b;
	return m > c ? m : c;
}

static int32_t min3(int32_t a, int32_t b, int32_t c)
{
	int32_t m = a < b ? a : b;
	return m < c ? m : c;
}

static struct rep_source_left *source_row(struct rep_posts *p, const char *source)
{
	for (size_t i = 0; i < p->n_sources; i++)
		if (strcmp(p->sources[i].source, source) == 0)
			return &p->sources[i];
	return NULL;
}

/* One post's row of the year [ys, ye] (its `days` in it): its cost,
 * each funding share that runs in the year, and what is left unfunded;
 * each source met added to src. */
static void post_row(struct rep_post *q, const struct post *p, int64_t days,
                     const struct post_funding *funds, size_t nf, int32_t ys, int32_t ye,
                     int64_t year_days, struct codes *src, bool *failed, enum status *ov)
{
	q->code = reports_dup(p->code, failed);
	q->label = reports_dup(p->label, failed);
	q->holder = reports_dup(p->holder, failed);
	q->fte = p->fte;
	q->yearly_cost = p->yearly_cost;
	q->days = days;
	q->cost = prorate(p->yearly_cost, days, 1, year_days);
	if (!(q->fundings = calloc(nf ? nf : 1, sizeof *q->fundings)))
		*failed = true;
	for (size_t k = 0; !*failed && k < nf; k++) {
		const struct post_funding *f = &funds[k];
		if (strcmp(f->post, p->code) != 0)
			continue;
		/* The share applies while the funding, the post and the
		 * year all run. */
		int32_t lo = max3(f->start, p->start, ys);
		int32_t hi = min3(f->end, p->end, ye);   /* DATE_NONE is the largest */
		if (hi < lo)
			continue;
		struct rep_funding *rf = &q->fundings[q->n_fundings++];
		rf->source = reports_dup(f->source, failed);
		rf->share_bp = f->share_bp;
		rf->start = f->start;
		rf->end = f->end;
		rf->days = (int64_t)hi - lo + 1;
		rf->cents = prorate(p->yearly_cost, f->share_bp, rf->days, 10000 * year_days);
		reports_add(&q->funded, rf->cents, ov);
		*failed |= !codes_add(src, f->source);
	}
	q->gap = q->cost - q->funded;
}

/* What each source received in the year, gave to posts, members and
 * accounts, and what is left. */
static enum status posts_sources(const struct config *cfg, struct rep_posts *out, struct codes *src,
                                 const struct receipt *recs, size_t nr, const struct rep_dist *dists,
                                 size_t nd, int32_t ys, int32_t ye, enum status *ov, struct err *e)
{
	enum status rc = ST_OK;
	if (rc == ST_OK) {
		codes_sort(src, &cfg->sources);
		if (!(out->sources = calloc(src->n ? src->n : 1, sizeof *out->sources)))
			rc = err_set(e, ST_NOMEM, NULL);
	}
	for (size_t i = 0; rc == ST_OK && i < src->n; i++) {
		struct rep_source_left *s = &out->sources[out->n_sources++];
		const struct cfg_item *it = config_find(&cfg->sources, src->v[i]);
		s->source = strdup(src->v[i]);
		s->label = strdup(it ? config_label(it) : src->v[i]);
		if (!s->source || !s->label)
			rc = err_set(e, ST_NOMEM, NULL);
	}
	for (size_t i = 0; rc == ST_OK && i < nr; i++) {
		struct rep_source_left *s = source_row(out, recs[i].source);
		if (s && recs[i].received >= ys && recs[i].received <= ye)
			reports_add(&s->received, recs[i].amount, ov);
	}
	for (size_t i = 0; rc == ST_OK && i < out->n_posts; i++) {
		const struct rep_post *q = &out->posts[i];
		for (size_t k = 0; k < q->n_fundings; k++) {
			struct rep_source_left *s = source_row(out, q->fundings[k].source);
			if (s)
				reports_add(&s->posts, q->fundings[k].cents, ov);
		}
	}
	for (size_t i = 0; rc == ST_OK && i < nd; i++) {
		struct rep_source_left *s = source_row(out, dists[i].r.source);
		for (size_t k = 0; s && k < dists[i].d.n_lines; k++) {
			const struct dist_line *l = &dists[i].d.lines[k];
			reports_add(rep_line_member(l) ? &s->members : &s->accounts, l->cents, ov);
		}
	}
	for (size_t i = 0; rc == ST_OK && i < out->n_sources; i++) {
		struct rep_source_left *s = &out->sources[i];
		int64_t left = s->received;
		if (money_sub(left, s->posts, &left) != ST_OK || money_sub(left, s->members, &s->left) != ST_OK)
			*ov = ST_OVERFLOW;
		reports_add(&out->total.received, s->received, ov);
		reports_add(&out->total.posts, s->posts, ov);
		reports_add(&out->total.members, s->members, ov);
		reports_add(&out->total.accounts, s->accounts, ov);
		reports_add(&out->total.left, s->left, ov);
	}
	return rc;
}

enum status app_posts_report(struct app *a, int year, struct rep_posts *out,
                             struct err *e)
{
	const struct config *cfg = app_config(a);
	struct db *db = app_db(a);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->issued = date_today();
	const int32_t ys = date_year_start(year), ye = date_year_end(year);
	out->year_days = (int64_t)ye - ys + 1;
	enum status hrc = reports_head(a, &out->practice, &out->audit, e);
	if (hrc != ST_OK)
		return hrc;

	struct post *posts = NULL;
	struct post_funding *funds = NULL;
	struct receipt *recs = NULL;
	struct rep_dist *dists = NULL;
	size_t np = 0, nf = 0, nr = 0, nd = 0;
	struct codes src = { 0 };
	enum status ov = ST_OK;
	bool failed = false;
	enum status rc = db_posts(db, &posts, &np, e);
	if (rc == ST_OK)
		rc = db_fundings(db, &funds, &nf, e);
	if (rc == ST_OK)
		rc = db_receipts(db, &recs, &nr, e);
	if (rc == ST_OK)
		rc = reports_load_dists(db, ys, ye, &dists, &nd, e);
	if (rc == ST_OK && !(out->posts = calloc(np ? np : 1, sizeof *out->posts)))
		rc = err_set(e, ST_NOMEM, NULL);

	for (size_t i = 0; rc == ST_OK && i < np; i++) {
		const struct post *p = &posts[i];
		int64_t days = date_overlap(p->start, p->end, ys, ye);
		if (days == 0)
			continue;   /* the post does not exist in this year */
		struct rep_post *q = &out->posts[out->n_posts++];
		post_row(q, p, days, funds, nf, ys, ye, out->year_days, &src, &failed, &ov);
		reports_add(&out->cost, q->cost, &ov);
		reports_add(&out->funded, q->funded, &ov);
	}
	out->gap = out->cost - out->funded;
	for (size_t i = 0; rc == ST_OK && i < nr; i++)
		if (recs[i].received >= ys && recs[i].received <= ye)
			failed |= !codes_add(&src, recs[i].source);
	if (rc == ST_OK && failed)
		rc = err_set(e, ST_NOMEM, NULL);

	if (rc == ST_OK)
		rc = posts_sources(cfg, out, &src, recs, nr, dists, nd, ys, ye, &ov, e);
	if (rc == ST_OK && ov != ST_OK)
		rc = reports_overflow(e);

	codes_fini(&src);
	post_list_free(posts, np);
	funding_list_free(funds, nf);
	receipt_list_free(recs, nr);
	reports_free_dists(dists, nd);
	if (rc != ST_OK)
		rep_posts_fini(out);
	return rc;
}
