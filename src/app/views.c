/* views.c: what the interfaces read (app_views.h): the store's reads, and
 * what the screens show computed from them, once, here. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app_internal.h"
#include "quotepart/array.h"
#include "quotepart/alloc.h"
#include "quotepart/app_views.h"
#include "quotepart/date.h"
#include "quotepart/rat.h"
#include "quotepart/db_edit.h"

/* ---- the database file ---- */

const char *app_path(const struct app *a) { return db_path(a->db); }
bool app_readonly(const struct app *a) { return db_readonly(a->db); }
unsigned app_exposed_mode(const struct app *a) { return db_exposed_mode(a->db); }
int64_t app_data_version(struct app *a) { return db_data_version(a->db); }
enum status app_quick_check(struct app *a, struct err *e) { return db_quick_check(a->db, e); }

/* ---- records, as stored ---- */

enum status app_members(struct app *a, struct member **out, size_t *n, struct err *e)
{
	return db_members(a->db, out, n, e);
}

enum status app_posts(struct app *a, struct post **out, size_t *n, struct err *e)
{
	return db_posts(a->db, out, n, e);
}

enum status app_fundings(struct app *a, struct post_funding **out, size_t *n, struct err *e)
{
	return db_fundings(a->db, out, n, e);
}

enum status app_receipts(struct app *a, struct receipt **out, size_t *n, struct err *e)
{
	return db_receipts(a->db, out, n, e);
}

enum status app_receipt_get(struct app *a, int64_t id, struct receipt *out, struct err *e)
{
	return db_receipt_get(a->db, id, out, e);
}

enum status app_activities(struct app *a, struct activity **out, size_t *n, struct err *e)
{
	return db_activities(a->db, out, n, e);
}

enum status app_keys(struct app *a, struct key_info **out, size_t *n, struct err *e)
{
	return db_keys(a->db, out, n, e);
}

/* How well key k fits receipts of `source`: 2 when a distribution of such
 * a receipt used it, 1 when its name contains the source's code. */
static int fit(const struct key_info *k, const char *source, const struct dist_summary *d, size_t nd)
{
	for (size_t i = 0; i < nd; i++)
		if (d[i].source && strcmp(d[i].source, source) == 0 && strcmp(d[i].key_name, k->name) == 0)
			return 2;
	size_t n = strlen(source);
	for (const char *p = k->name; n && *p; p++)
		if (strncasecmp(p, source, n) == 0)
			return 1;
	return 0;
}

enum status app_keys_for(struct app *a, const char *source, struct key_info **out, size_t *n,
                         struct err *e)
{
	struct dist_summary *d = NULL;
	size_t nd = 0;
	enum status rc = db_keys(a->db, out, n, e);
	if (rc == ST_OK && source)
		rc = db_dist_summaries(a->db, &d, &nd, e);
	if (rc == ST_OK && source) {
		int *score = calloc(*n ? *n : 1, sizeof *score);
		struct key_info *v = calloc(*n ? *n : 1, sizeof *v);
		if (!score || !v) {
			rc = err_set(e, ST_NOMEM, NULL);
		} else {
			/* A stable order: the best fits first, each group as stored. */
			size_t k = 0;
			for (size_t i = 0; i < *n; i++)
				score[i] = fit(&(*out)[i], source, d, nd);
			for (int want = 2; want >= 0; want--)
				for (size_t i = 0; i < *n; i++)
					if (score[i] == want)
						v[k++] = (*out)[i];
			memcpy(*out, v, *n * sizeof *v);
		}
		free(score);
		free(v);
	}
	dist_summary_list_free(d, nd);
	if (rc != ST_OK) {
		key_info_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

enum status app_true_up_advised(struct app *a, const struct receipt *r, bool *advised, struct err *e)
{
	*advised = false;
	if (!r->kind || strcmp(r->kind, "balance") != 0)
		return ST_OK;
	/* Another receipt of the same source and exercise, divided by an
	 * approved distribution that is not a reversal. */
	struct dist_summary *d = NULL;
	size_t nd = 0;
	enum status rc = db_dist_summaries(a->db, &d, &nd, e);
	struct receipt *v = NULL;
	size_t nv = 0;
	if (rc == ST_OK)
		rc = db_receipts(a->db, &v, &nv, e);
	for (size_t i = 0; rc == ST_OK && !*advised && i < nd; i++) {
		if (d[i].status != DIST_APPROVED || d[i].mode == DIST_REVERSAL || d[i].receipt_id == r->id)
			continue;
		for (size_t j = 0; j < nv && !*advised; j++)
			*advised = v[j].id == d[i].receipt_id && strcmp(v[j].source, r->source) == 0 &&
			           strcmp(v[j].exercise, r->exercise) == 0;
	}
	receipt_list_free(v, nv);
	dist_summary_list_free(d, nd);
	return rc;
}

enum status app_dist_summaries(struct app *a, struct dist_summary **out, size_t *n, struct err *e)
{
	return db_dist_summaries(a->db, out, n, e);
}

enum status app_dist_get(struct app *a, int64_t id, struct distribution *out, struct err *e)
{
	return db_dist_get(a->db, id, out, e);
}

enum status app_dist_ids(struct app *a, int64_t receipt_id, int64_t **ids, size_t *n, struct err *e)
{
	return db_dist_ids(a->db, receipt_id, ids, n, e);
}

enum status app_patients_page(struct app *a, const char *search, int64_t offset, int limit,
                              struct patient **out, size_t *n, int64_t *total, struct err *e)
{
	return db_patients_page(a->db, search, offset, limit, out, n, total, e);
}

enum status app_patients_seek(struct app *a, const char *search, const char *after, bool backward,
                              int limit, struct patient **out, size_t *n, struct err *e)
{
	return db_patients_seek(a->db, search, after, backward, limit, out, n, e);
}

enum status app_patients_count(struct app *a, const char *search, int64_t *total, struct err *e)
{
	return db_patients_count(a->db, search, total, e);
}

/* ---- what the screens compute ---- */

/* The year an exercise names ("2025"), or 0. */
static int exercise_year(const char *exercise)
{
	char *end = NULL;
	long y = exercise ? strtol(exercise, &end, 10) : 0;
	return exercise && end != exercise && y > 0 && y < 10000 ? (int)y : 0;
}

int app_current_exercise(struct app *a, int32_t today)
{
	int now, best = 0;
	date_split(today, &now, NULL, NULL);
	struct receipt *r = NULL;
	size_t n = 0;
	if (db_receipts(a->db, &r, &n, NULL) == ST_OK) {
		for (size_t i = 0; i < n; i++) {
			int y = exercise_year(r[i].exercise);
			if (y > best && y <= now)
				best = y;
		}
	}
	receipt_list_free(r, n);
	return best ? best : now;
}

static bool is_approved(const struct dist_summary *s)
{
	return s->status == DIST_APPROVED;
}

enum status app_receipt_states(struct app *a, const struct receipt *v, size_t n,
                               enum receipt_state **out, struct err *e)
{
	*out = calloc(n ? n : 1, sizeof **out);
	if (!*out)
		return err_set(e, ST_NOMEM, NULL);
	struct dist_summary *s = NULL;
	size_t ns = 0;
	enum status rc = db_dist_summaries(a->db, &s, &ns, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		enum receipt_state st = RECEIPT_UNDIVIDED;
		for (size_t j = 0; j < ns; j++)
			if (s[j].receipt_id == v[i].id && st != RECEIPT_APPROVED)
				st = is_approved(&s[j]) ? RECEIPT_APPROVED : RECEIPT_DRAFT;
		(*out)[i] = st;
	}
	dist_summary_list_free(s, ns);
	if (rc != ST_OK) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

enum status app_receipt_divided(struct app *a, int64_t receipt_id, bool *yes, struct err *e)
{
	return db_dist_has_approved(a->db, receipt_id, yes, e);
}

void gp_count_list_free(struct gp_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].code);
	free(v);
}

enum status app_gp_counts(struct app *a, int32_t at, int32_t start, int32_t end,
                          struct gp_count **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	struct db_alloc_members then, per;
	enum status rc = db_alloc_members(a->db, at, at, &then, e);
	if (rc != ST_OK)
		return rc;
	rc = db_alloc_members(a->db, start, end, &per, e);
	if (rc != ST_OK) {
		db_alloc_members_fini(&then);
		return rc;
	}
	struct gp_count *v = calloc(per.n ? per.n : 1, sizeof *v);
	size_t len = 0;
	int64_t days = (int64_t)end - start + 1;
	for (size_t i = 0; v && i < per.n; i++) {
		int64_t now = 0;
		for (size_t j = 0; j < then.n; j++)
			if (strcmp(then.v[j].code, per.v[i].code) == 0)
				now = then.v[j].patients_end;
		if (!now && !per.v[i].patient_days)
			continue;
		struct gp_count *g = &v[len++];
		g->code = strdup(per.v[i].code);
		g->at_date = now;
		/* Rounded as the distribution rounds (halves away from zero), so
		 * that the screen shows the count a key divides by. */
		if (days <= 0 || !rat_round(rat_make((i128)per.v[i].patient_days * 100, days), &g->avg))
			g->avg = 0;
		if (!g->code) {
			gp_count_list_free(v, len);
			v = NULL;
		}
	}
	db_alloc_members_fini(&then);
	db_alloc_members_fini(&per);
	if (!v)
		return err_set(e, ST_NOMEM, NULL);
	*out = v;
	*n = len;
	return ST_OK;
}

static int year_of(int32_t d)
{
	int y;
	date_split(d, &y, NULL, NULL);
	return y;
}

enum status app_post_reserved(struct app *a, const struct post *v, size_t n, int year,
                              int64_t **out, struct err *e)
{
	*out = calloc(n ? n : 1, sizeof **out);
	if (!*out)
		return err_set(e, ST_NOMEM, NULL);
	struct dist_summary *s = NULL;
	size_t ns = 0;
	enum status rc = db_dist_summaries(a->db, &s, &ns, e);
	for (size_t i = 0; rc == ST_OK && i < ns; i++) {
		if (!is_approved(&s[i]) || year_of(s[i].received) != year)
			continue;
		struct distribution d;
		if ((rc = db_dist_get(a->db, s[i].id, &d, e)) != ST_OK)
			break;
		for (size_t l = 0; l < d.n_lines; l++) {
			const char *r = d.lines[l].recipient;
			if (d.lines[l].kind != LINE_RESERVATION || strncmp(r, "post:", 5) != 0)
				continue;
			for (size_t k = 0; k < n; k++)
				if (strcmp(v[k].code, r + 5) == 0)
					(*out)[k] += d.lines[l].cents;
		}
		distribution_fini(&d);
	}
	dist_summary_list_free(s, ns);
	if (rc != ST_OK) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* ---- the home screen ---- */

void home_view_fini(struct home_view *h)
{
	free(h->src);
	free(h->wait);
	receipt_list_free(h->receipts, h->n_all_receipts);
	dist_summary_list_free(h->dists, h->n_dists);
	memset(h, 0, sizeof *h);
}

static bool add_wait(struct home_view *h, const struct receipt *r, const struct dist_summary *d,
                     const struct dist_summary *unpaid)
{
	if (!array_grow(&h->wait, NULL, h->n_wait + 1, sizeof *h->wait))
		return false;
	h->wait[h->n_wait++] = (struct home_wait){ r, d, unpaid };
	return true;
}

/* Whether an approved reversal of the same receipt came after s: then
 * what s left unpaid is not owed any more. */
static bool reversed(const struct dist_summary *v, size_t n, const struct dist_summary *s)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].receipt_id == s->receipt_id && v[i].mode == DIST_REVERSAL && is_approved(&v[i]) &&
		    v[i].id > s->id)
			return true;
	return false;
}

/* Totals of the distributions of the exercise's receipts, and what waits
 * in any exercise. */
static bool sum_distributions(struct home_view *h)
{
	const struct receipt *r = h->receipts;
	const struct dist_summary *s = h->dists;
	size_t nr = h->n_all_receipts, ns = h->n_dists;
	bool ok = true;
	for (size_t i = 0; i < ns; i++) {
		bool mine = false;
		for (size_t j = 0; j < nr && !mine; j++)
			mine = r[j].id == s[i].receipt_id && exercise_year(r[j].exercise) == h->year;
		if (mine && is_approved(&s[i])) {
			h->approved += s[i].amount;
			h->paid += s[i].paid;
			h->unpaid += s[i].unpaid;
		} else if (mine) {
			h->drafted += s[i].amount;
		}
		if (!is_approved(&s[i]))
			ok = ok && add_wait(h, NULL, &s[i], NULL);
		else if (s[i].unpaid != 0 && s[i].mode != DIST_REVERSAL && !reversed(s, ns, &s[i]))
			ok = ok && add_wait(h, NULL, NULL, &s[i]);
	}
	for (size_t i = 0; i < nr; i++) {
		bool any = false;
		for (size_t j = 0; j < ns && !any; j++)
			any = s[j].receipt_id == r[i].id;
		if (!any)
			ok = ok && add_wait(h, &r[i], NULL, NULL);
	}
	return ok;
}

static void count_team(struct app *a, struct home_view *h, int32_t today)
{
	struct member *m = NULL;
	size_t n = 0;
	if (db_members(a->db, &m, &n, NULL) == ST_OK) {
		h->members = (int64_t)n;
		for (size_t i = 0; i < n; i++)
			h->active += m[i].joined <= today && (m[i].left == DATE_NONE || m[i].left >= today);
		member_list_free(m, n);
	}
	db_count(a->db, "posts", &h->posts, NULL);
	db_count(a->db, "patients", &h->patients, NULL);
	db_count(a->db, "keys", &h->keys, NULL);
}

enum status app_home(struct app *a, int year, int32_t today, struct home_view *out, struct err *e)
{
	struct home_view *h = out;
	memset(h, 0, sizeof *h);
	h->year = year;
	enum status rc = db_receipts(a->db, &h->receipts, &h->n_all_receipts, e);
	if (rc == ST_OK)
		rc = db_dist_summaries(a->db, &h->dists, &h->n_dists, e);
	const struct codelist *sources = &a->cfg->sources;
	if (rc == ST_OK && !(h->src = calloc(sources->n ? sources->n : 1, sizeof *h->src)))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < sources->n; i++)
		h->src[h->n_src++].source = sources->v[i].code;
	for (size_t i = 0; rc == ST_OK && i < h->n_all_receipts; i++) {
		const struct receipt *r = &h->receipts[i];
		if (exercise_year(r->exercise) != year)
			continue;
		h->received += r->amount;
		h->n_receipts++;
		for (size_t k = 0; k < h->n_src; k++) {
			if (strcmp(h->src[k].source, r->source) == 0) {
				h->src[k].amount += r->amount;
				h->src[k].n++;
				break;
			}
		}
	}
	if (rc == ST_OK && !sum_distributions(h))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		count_team(a, h, today);
	if (rc != ST_OK)
		home_view_fini(h);
	return rc;
}
