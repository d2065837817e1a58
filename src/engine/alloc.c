/* alloc.c: the allocation engine, the contract of ALLOCATION.md:
 * reservations, pools by rate, eligible members, exact weights, then the
 * largest-remainder rule. Pure: integers in, integers out, no I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"
#include "quotepart/alloc.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/text.h"

/* Why the arithmetic looks the way it does:
 *
 * - Cents are int64; every product of a cent amount and a weight is taken
 *   in 128 bits with a checked multiply. An amount (< 2^63) times a weight
 *   numerator fits unless the weights themselves pass 2^64, and then we
 *   say ST_OVERFLOW rather than hand out a wrapped, wrong number.
 * - Floor, not rounding: floor(P w_i / W) never gives more than the exact
 *   share, so Σ floor <= P and what is left over is a whole number of
 *   cents L = P - Σ floor, with 0 <= L < n because each of the n
 *   fractional parts is below one cent. Handing those L cents one each to
 *   the largest remainders (Hamilton) keeps every line at the floor or the
 *   ceiling of its exact share and makes the lines add up to P exactly.
 * - Ties between equal remainders go to the smaller rank: the member code
 *   first in byte order (strcmp), the pool listed first. A total order, so
 *   the result never depends on the order the members came in. */

#define BP_ALL 10000   /* 100 % in basis points */

/* ---- small text helpers (messages only) ---- */

/* Sign, the 40 digits of an i128, '.', 2 decimals, NUL, with room. */
#define CENTS_BUFSZ 64

/* "1234.56" / "-0.05": plain text, independent of the money module. Never
 * called with I128_MIN (callers pass sums of int64 values). */
static char *cents_text(i128 c, char *buf, size_t size)
{
	char ip[48];
	i128 m = c < 0 ? -c : c;
	i128_format(m / 100, ip, sizeof ip);
	snprintf(buf, size, "%s%s.%02d", c < 0 ? "-" : "", ip, (int)(m % 100));
	return buf;
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- apportionment ---- */

struct cand {
	i128 rem;       /* P w_i mod W: the fractional part, times W */
	int64_t floor;  /* floor(P w_i / W) */
	size_t rank;
	size_t idx;
};

/* Largest remainder first; equal remainders: smaller rank, then smaller
 * index (so the order is total even if ranks repeat). */
static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;
	if (a->rem != b->rem)
		return a->rem > b->rem ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->idx != b->idx)
		return a->idx < b->idx ? -1 : 1;
	return 0;
}

/* The Hamilton rule with a reason on failure: ST_INVALID (p < 0, n = 0, a
 * negative weight, Σw = 0), ST_OVERFLOW, ST_NOMEM. out/leftover are
 * written only on success; *total gets W. */
static enum status apportion(int64_t p, const i128 *w, const size_t *rank,
                             size_t n, int64_t *out, bool *leftover,
                             i128 *total)
{
	i128 sum = 0, given = 0;
	if (p < 0 || n == 0)
		return ST_INVALID;
	for (size_t i = 0; i < n; i++) {
		if (w[i] < 0)
			return ST_INVALID;
		if (!i128_add(sum, w[i], &sum))
			return ST_OVERFLOW;
	}
	if (sum == 0)
		return ST_INVALID;
	if (n > SIZE_MAX / sizeof(struct cand))
		return ST_NOMEM;
	struct cand *c = malloc(n * sizeof *c);
	if (!c)
		return ST_NOMEM;
	for (size_t i = 0; i < n; i++) {
		i128 prod;
		if (!i128_mul(p, w[i], &prod)) {
			free(c);
			return ST_OVERFLOW;
		}
		/* prod >= 0 and sum > 0, so C's truncating division is the
		 * floor; the quotient is <= p and fits int64. */
		c[i].floor = (int64_t)(prod / sum);
		c[i].rem = prod % sum;
		c[i].rank = rank ? rank[i] : i;
		c[i].idx = i;
		given += c[i].floor;
	}
	/* 0 <= left < n (see the top of this file). */
	size_t left = (size_t)(p - given);
	qsort(c, n, sizeof *c, cand_cmp);
	for (size_t k = 0; k < n; k++) {
		out[c[k].idx] = c[k].floor + (k < left ? 1 : 0);
		if (leftover)
			leftover[c[k].idx] = k < left;
	}
	free(c);
	if (total)
		*total = sum;
	return ST_OK;
}

bool alloc_apportion(int64_t p, const i128 *w, const size_t *rank, size_t n,
                     int64_t *out, bool *leftover)
{
	if (!w || !out)
		return false;
	return apportion(p, w, rank, n, out, leftover, NULL) == ST_OK;
}

/* ---- one run ---- */

struct run {
	const struct alloc_input *in;
	const struct key *key;
	struct err *e;
	int64_t days;              /* days in the period, >= 1 */
	size_t *order;             /* member indices in code order */
	struct alloc_line *lines;
	size_t n_lines, cap_lines;
	int64_t *pool_amounts;
	/* Scratch for one pool, n_members long (at least 1). */
	size_t *elig;
	i128 *num;
	int64_t *cents;
	bool *left;
};

/* Days of [joined, left] inside [start, end], all inclusive; left may be
 * DATE_NONE (still active). Done in int64 so no sum can wrap. */
static int64_t days_active(int32_t joined, int32_t left, int32_t start,
                           int32_t end)
{
	int64_t lo = joined > start ? joined : start;
	int64_t hi = (left != DATE_NONE && left < end) ? left : end;
	return hi >= lo ? hi - lo + 1 : 0;
}

static struct alloc_line *line_push(struct run *r)
{
	if (!array_grow(&r->lines, &r->cap_lines, r->n_lines + 1, sizeof *r->lines))
		return NULL;
	struct alloc_line *l = &r->lines[r->n_lines++];
	memset(l, 0, sizeof *l);
	return l;
}

static enum status nomem(struct run *r)
{
	return err_set(r->e, ST_NOMEM, _("out of memory while dividing"));
}

struct code_idx {
	const char *code;
	size_t idx;
};

static int code_cmp(const void *pa, const void *pb)
{
	const struct code_idx *a = pa, *b = pb;
	int c = strcmp(a->code, b->code);
	if (c != 0)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The input as a whole: what no key can make sense of. */
static enum status check_input(const struct alloc_input *in, struct err *e)
{
	if (!in->key)
		return err_set(e, ST_INVALID, _("no key to divide with"));
	if (in->n_members > 0 && !in->members)
		return err_set(e, ST_INVALID, _("no member list"));
	if (in->amount < 0) {
		char a[CENTS_BUFSZ];
		return err_set(e, ST_REFUSED,
		               _("the amount %s is negative: only money received can be divided"),
		               cents_text(in->amount, a, sizeof a));
	}
	if (in->start == DATE_NONE || in->end == DATE_NONE)
		return err_set(e, ST_INVALID, _("the period needs a start and an end date"));
	if (in->end < in->start)
		return err_set(e, ST_INVALID, _("the period is empty: it ends before it starts"));
	for (size_t i = 0; i < in->n_members; i++)
		if (!in->members[i].code)
			return err_set(e, ST_INVALID, _("a member has no code"));
	return ST_OK;
}

/* Member indices in code order (the tie-break order); codes must be
 * unique or the tie rule would not be a rule. */
static enum status sort_members(struct run *r)
{
	size_t n = r->in->n_members;
	struct code_idx *ci = malloc((n ? n : 1) * sizeof *ci);
	if (!ci)
		return nomem(r);
	for (size_t i = 0; i < n; i++) {
		ci[i].code = r->in->members[i].code;
		ci[i].idx = i;
	}
	qsort(ci, n, sizeof *ci, code_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(ci[i - 1].code, ci[i].code) == 0) {
			enum status st = err_set(r->e, ST_INVALID,
			                         _("member code \"%s\" appears twice"),
			                         ci[i].code);
			free(ci);
			return st;
		}
		r->order[i] = ci[i].idx;
	}
	free(ci);
	return ST_OK;
}

/* Pool rates: each >= 0 and all together exactly 100 %. Checked before
 * the reservations: a wrong key is wrong whatever the amount. */
static enum status check_pool_rates(struct run *r)
{
	const struct key *k = r->key;
	int64_t sum = 0;
	for (size_t i = 0; i < k->n_pools; i++) {
		if (k->pools[i].rate_bp < 0)
			return err_set(r->e, ST_REFUSED, _("pool \"%s\": the rate is negative"),
			               str_or_empty(k->pools[i].label));
		sum += k->pools[i].rate_bp;   /* int32 terms: no int64 overflow */
	}
	if (sum != BP_ALL) {
		char pct[CENTS_BUFSZ];
		return err_set(r->e, ST_REFUSED, _("pool rates add up to %s %%, not 100 %%"),
		               cents_text(sum, pct, sizeof pct));
	}
	return ST_OK;
}

/* The reservations' cents, in key order, into res[] (n_res long); refuses
 * when they take more than the amount, naming them and the shortfall. */
static enum status reserve(struct run *r, int64_t *res, int64_t *reserved)
{
	const struct key *k = r->key;
	int64_t a = r->in->amount;
	i128 sum = 0;
	for (size_t i = 0; i < k->n_res; i++) {
		const struct key_reservation *kr = &k->res[i];
		i128 c;
		if (kr->is_rate ? kr->rate_bp < 0 : kr->amount < 0)
			return err_set(r->e, ST_INVALID, _("reservation \"%s\" is negative"),
			               str_or_empty(kr->label));
		if (kr->is_rate) {
			/* Rounded down: a rate never takes a fraction of a
			 * cent it was not given; the fraction stays in R for
			 * the pools. a < 2^63 and bp < 2^31: no overflow. */
			c = (i128)a * kr->rate_bp / BP_ALL;
		} else {
			c = kr->amount;
		}
		sum += c;   /* at most n_res terms below 2^94 */
		if (c <= INT64_MAX)
			res[i] = (int64_t)c;
	}
	if (sum <= a) {
		*reserved = (int64_t)sum;
		return ST_OK;
	}
	/* Refused: list every reservation with its cents. */
	struct sbuf list;
	sb_init(&list);
	char t1[CENTS_BUFSZ], t2[CENTS_BUFSZ], t3[CENTS_BUFSZ];
	for (size_t i = 0; i < k->n_res; i++) {
		const struct key_reservation *kr = &k->res[i];
		i128 c = kr->is_rate ? (i128)a * kr->rate_bp / BP_ALL : kr->amount;
		sb_printf(&list, "%s\"%s\" %s", i ? ", " : "", str_or_empty(kr->label),
		          cents_text(c, t1, sizeof t1));
	}
	if (list.failed) {
		sb_fini(&list);
		return nomem(r);
	}
	enum status st = err_set(r->e, ST_REFUSED,
		_("the reservations (%s) add up to %s, more than the amount %s: %s short"),
		list.s ? list.s : "", cents_text(sum, t1, sizeof t1),
		cents_text(a, t2, sizeof t2), cents_text(sum - a, t3, sizeof t3));
	sb_fini(&list);
	return st;
}

static bool filter_ok(const struct strlist *l, const char *v)
{
	return l->n == 0 || strlist_has(l, v);
}

static bool eligible(const struct key_pool *p, const struct alloc_member *m)
{
	return filter_ok(&p->statuses, m->status) &&
	       filter_ok(&p->professions, m->profession) &&
	       filter_ok(&p->groups, m->group) &&
	       filter_ok(&p->members, m->code);
}

static int64_t rate_of(const struct key_pool *p, const char *profession)
{
	for (size_t i = 0; i < p->n_rates; i++)
		if (profession && p->rates[i].profession &&
		    strcmp(p->rates[i].profession, profession) == 0)
			return p->rates[i].rate;
	return 0;   /* not listed: its hours count 0 (ALLOCATION.md) */
}

static int64_t points_of(const struct key_pool *p, const char *code)
{
	for (size_t i = 0; i < p->n_points; i++)
		if (p->points[i].member && strcmp(p->points[i].member, code) == 0)
			return p->points[i].points;
	return 0;
}

/* Σ hours (hundredths) of the pool's kinds; false on overflow. */
static bool hours_of(const struct key_pool *p, const struct alloc_member *m,
                     i128 *out)
{
	i128 sum = 0;
	for (size_t i = 0; i < m->n_hours; i++) {
		const struct alloc_hours *h = &m->hours[i];
		if (p->kinds.n > 0 && !strlist_has(&p->kinds, h->kind))
			continue;
		if (!i128_add(sum, h->hours, &sum))
			return false;
	}
	*out = sum;
	return true;
}

/* The basis value of one member as vnum / vden, where vden is the same
 * for the whole pool (1, 100, or the period's days). */
static bool basis_value(const struct run *r, const struct key_pool *p,
                        const struct alloc_member *m, i128 *vnum, i128 *vden)
{
	*vnum = 0;
	*vden = 100;   /* fte, hours and points are hundredths */
	switch (p->basis) {
	case BASIS_EQUAL:
		*vnum = 1;
		*vden = 1;
		break;
	case BASIS_FTE:
		*vnum = m->fte;
		break;
	case BASIS_PATIENTS:
		/* The average over the period's days is Σ patient-days /
		 * days; at the end it is a plain count. */
		*vnum = p->at_end ? m->patients_end : m->patient_days;
		*vden = p->at_end ? 1 : r->days;
		break;
	case BASIS_HOURS:
		return hours_of(p, m, vnum);
	case BASIS_POINTS:
		*vnum = points_of(p, m->code);
		break;
	}
	return true;
}

/* One pool: eligible members in code order, their exact weights as
 * integer numerators over the pool's common denominator, then the
 * largest-remainder rule on those numerators. Scaling every weight by the
 * same positive number changes no share, so apportioning the numerators
 * is apportioning the rational weights. */
static enum status run_pool(struct run *r, size_t pi, int64_t amount)
{
	const struct alloc_input *in = r->in;
	const struct key_pool *p = &r->key->pools[pi];
	const char *label = str_or_empty(p->label);
	bool rated = p->basis == BASIS_HOURS && p->n_rates > 0;
	size_t n = 0;

	for (size_t k = 0; k < in->n_members; k++) {
		const struct alloc_member *m = &in->members[r->order[k]];
		if (eligible(p, m) &&
		    days_active(m->joined, m->left, in->start, in->end) > 0)
			r->elig[n++] = r->order[k];
	}
	if (n == 0)
		return err_set(r->e, ST_REFUSED,
		               _("pool \"%s\": no eligible member in the period"), label);

	size_t first = r->n_lines;
	i128 g = 0;
	for (size_t j = 0; j < n; j++) {
		const struct alloc_member *m = &in->members[r->elig[j]];
		i128 vnum, vden, fnum = 1, fden = 1, pnum = 1, pden = 1, w, den;
		if (!basis_value(r, p, m, &vnum, &vden))
			goto overflow;
		if (rated) {
			fnum = rate_of(p, m->profession);
			fden = 100;
		}
		if (p->prorata) {
			pnum = days_active(m->joined, m->left, in->start, in->end);
			pden = r->days;
		}
		if (vnum < 0 || fnum < 0)
			return err_set(r->e, ST_INVALID,
			               _("pool \"%s\": member %s has a negative %s"),
			               label, m->code, basis_name(p->basis));
		if (!i128_mul(vnum, fnum, &w) || !i128_mul(w, pnum, &w) ||
		    !i128_mul(vden, fden, &den) || !i128_mul(den, pden, &den))
			goto overflow;
		struct alloc_line *l = line_push(r);
		if (!l)
			return nomem(r);
		l->kind = LINE_POOL;
		l->index = pi;
		l->member = r->elig[j];
		l->recipient = m->code;
		l->basis = p->basis;
		l->value = rat_make(vnum, vden);
		l->factor = rated ? (int64_t)fnum : 0;
		l->presence = rat_make(pnum, pden);
		l->weight = rat_make(w, den);
		r->num[j] = w;
		g = rat_gcd(g, w);
	}
	if (g == 0)
		return err_set(r->e, ST_REFUSED,
		               _("pool \"%s\": the weights add up to zero (no basis value for any eligible member)"),
		               label);
	/* Dividing by the common factor changes no share and keeps P w_i
	 * small: equal or fte weights then never overflow, whatever P. */
	for (size_t j = 0; j < n; j++)
		r->num[j] /= g;

	i128 total;
	enum status st = apportion(amount, r->num, NULL, n, r->cents, r->left, &total);
	if (st == ST_OVERFLOW)
		goto overflow;
	if (st == ST_NOMEM)
		return nomem(r);
	if (st != ST_OK)
		return err_set(r->e, ST_INTERNAL, _("pool \"%s\": cannot apportion"), label);
	for (size_t j = 0; j < n; j++) {
		struct alloc_line *l = &r->lines[first + j];
		i128 share;
		if (!i128_mul(amount, r->num[j], &share))
			goto overflow;   /* cannot happen: apportion did it */
		l->exact = rat_make(share, total);
		l->cents = r->cents[j];
		l->leftover = r->left[j];
	}
	return ST_OK;

overflow:
	return err_set(r->e, ST_OVERFLOW,
	               _("pool \"%s\": the amount and the weights are too large to divide exactly"),
	               label);
}

static enum status run_all(struct run *r, struct alloc_result *out)
{
	const struct key *k = r->key;
	size_t nm = r->in->n_members ? r->in->n_members : 1;
	size_t np = k->n_pools ? k->n_pools : 1;
	size_t nr = k->n_res ? k->n_res : 1;
	enum status st;

	r->order = malloc(nm * sizeof *r->order);
	r->elig = malloc(nm * sizeof *r->elig);
	r->num = malloc(nm * sizeof *r->num);
	r->cents = malloc(nm * sizeof *r->cents);
	r->left = malloc(nm * sizeof *r->left);
	r->pool_amounts = malloc(np * sizeof *r->pool_amounts);
	int64_t *res = malloc(nr * sizeof *res);
	i128 *rates = malloc(np * sizeof *rates);
	if (!r->order || !r->elig || !r->num || !r->cents || !r->left ||
	    !r->pool_amounts || !res || !rates) {
		st = nomem(r);
		goto done;
	}
	if ((st = sort_members(r)) != ST_OK || (st = check_pool_rates(r)) != ST_OK)
		goto done;
	int64_t reserved = 0;
	if ((st = reserve(r, res, &reserved)) != ST_OK)
		goto done;

	for (size_t i = 0; i < k->n_res; i++) {
		struct alloc_line *l = line_push(r);
		if (!l) {
			st = nomem(r);
			goto done;
		}
		l->kind = LINE_RESERVATION;
		l->index = i;
		l->member = SIZE_MAX;
		l->recipient = k->res[i].account;
		l->value = l->presence = l->weight = rat_make(1, 1);
		l->exact = rat_make(res[i], 1);
		l->cents = res[i];
	}

	/* R between pools by their rates; ties to the pool listed first
	 * (rank = index). R * 10000 < 2^77: no overflow. */
	int64_t rem = r->in->amount - reserved;
	for (size_t i = 0; i < k->n_pools; i++)
		rates[i] = k->pools[i].rate_bp;
	st = apportion(rem, rates, NULL, k->n_pools, r->pool_amounts, NULL, NULL);
	if (st == ST_NOMEM) {
		st = nomem(r);
		goto done;
	}
	if (st != ST_OK) {
		st = err_set(r->e, ST_INTERNAL, _("cannot divide between the pools"));
		goto done;
	}
	for (size_t i = 0; i < k->n_pools; i++)
		if ((st = run_pool(r, i, r->pool_amounts[i])) != ST_OK)
			goto done;

	out->amount = r->in->amount;
	out->reserved = reserved;
	out->remainder = rem;
	out->pool_amounts = r->pool_amounts;
	out->n_pools = k->n_pools;
	out->lines = r->lines;
	out->n_lines = r->n_lines;
	r->pool_amounts = NULL;
	r->lines = NULL;
done:
	free(r->order);
	free(r->elig);
	free(r->num);
	free(r->cents);
	free(r->left);
	free(r->pool_amounts);
	free(r->lines);
	free(res);
	free(rates);
	return st;
}

enum status alloc_run(const struct alloc_input *in, struct alloc_result *out,
                      struct err *e)
{
	if (!out)
		return err_set(e, ST_INVALID, _("nowhere to put the result"));
	memset(out, 0, sizeof *out);
	if (!in)
		return err_set(e, ST_INVALID, _("nothing to divide"));
	enum status st = check_input(in, e);
	if (st != ST_OK)
		return st;
	struct run r = { .in = in, .key = in->key, .e = e };
	r.days = (int64_t)in->end - in->start + 1;
	st = run_all(&r, out);
	if (st != ST_OK)
		memset(out, 0, sizeof *out);
	return st;
}

void alloc_result_fini(struct alloc_result *r)
{
	if (!r)
		return;
	free(r->pool_amounts);
	free(r->lines);
	memset(r, 0, sizeof *r);
}
