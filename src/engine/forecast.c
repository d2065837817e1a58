/* forecast.c: the ACI estimate (FORECAST.md "ACI: the formula"). Points are
 * integers, the patientèle scaling makes them rational, and each amount
 * (total, advance) is one fraction rounded once, halves away from zero:
 * nothing is rounded on the way. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

void aci_estimate_fini(struct aci_estimate *e)
{
	free(e->items);
	e->items = NULL;
}

/* acc *= v, checked. */
static bool mul(i128 *acc, i128 v)
{
	return i128_mul(*acc, v, acc);
}

/* The points F + V P / ref + SI(n) of the values given. */
static bool points(const struct aci_rules *r, const int *values, int64_t P, int64_t n,
                   int64_t *F, int64_t *V, int64_t *si, struct rat *pts)
{
	i128 f = 0, v = 0;
	bool si_met = false;
	for (size_t i = 0; i < r->n; i++) {
		if (!i128_add(f, r->v[i].fixed[values[i]], &f) ||
		    !i128_add(v, r->v[i].variable[values[i]], &v))
			return false;
		if (r->v[i].si && values[i] > 0)
			si_met = true;
	}
	i128 s = 0;
	if (si_met) {
		int64_t upto = n < r->si_upto ? n : r->si_upto, beyond = n > r->si_upto ? n - r->si_upto : 0;
		i128 a = upto, b = beyond;
		if (!mul(&a, r->si_each) || !mul(&b, r->si_beyond) || !i128_add(a, b, &s))
			return false;
	}
	/* ((F + SI) ref + V P) / ref */
	i128 num = f, vp = v;
	if (!i128_add(num, s, &num) || !mul(&num, r->patients_ref) || !mul(&vp, P) ||
	    !i128_add(num, vp, &num) || f > INT64_MAX || v > INT64_MAX || s > INT64_MAX)
		return false;
	*F = (int64_t)f;
	*V = (int64_t)v;
	*si = (int64_t)s;
	*pts = rat_make(num, r->patients_ref);
	return true;
}

/* M = min(cap, max(0, C2S gap) + max(0, AME gap)), basis points. */
static int32_t majoration(const struct aci_rules *r, const struct aci_decl *d)
{
	int32_t c = d->c2s_practice - d->c2s_national, a = d->ame_practice - d->ame_national;
	int32_t m = (c > 0 ? c : 0) + (a > 0 ? a : 0);
	return m < r->majoration_cap ? m : r->majoration_cap;
}

/* round(point x pts x (1 + M) x share / 10000 x d / D): one fraction,
 * one rounding. share is in basis points (10000 for the total). */
static bool amount(const struct aci_rules *r, struct rat pts, int32_t M, int64_t share,
                   int64_t d, int64_t D, int64_t *out)
{
	i128 num = pts.num, den = pts.den;
	if (!mul(&num, r->point_cents) || !mul(&num, 10000 + M) || !mul(&num, share) ||
	    !mul(&num, d) || !mul(&den, 10000) || !mul(&den, 10000) || !mul(&den, D))
		return false;
	return rat_round(rat_make(num, den), out);
}

/* date + months, the day kept or the month's last if it has fewer days
 * ("three months after" 30 November is the last day of February). */
static int32_t add_months(int32_t date, int months)
{
	int y, m, d;
	date_split(date, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	int32_t out;
	while (d > 28 && date_make(y, m, d, &out) != ST_OK)
		d--;
	if (date_make(y, m, d, &out) != ST_OK)
		return date;
	return out;
}

/* The values of A100: every prerequisite and core indicator at its
 * maximum, no optional one. */
static int *a100_values(const struct aci_rules *r)
{
	int *v = calloc(r->n ? r->n : 1, sizeof *v);
	if (v)
		for (size_t i = 0; i < r->n; i++)
			v[i] = r->v[i].cls == ACI_OPTIONAL ? 0 : r->v[i].max;
	return v;
}

/* The advance with its prorata, the due dates, and the new-structure
 * floors (the advance's after the prorata; the total's needs the gate). */
static bool advance_and_floors(const struct aci_rules *r, const struct aci_decl *d, struct aci_estimate *o)
{
	int32_t start = date_year_start(d->exercise), end = date_year_end(d->exercise);
	o->year_days = end - start + 1;
	o->advance_days = d->signed_on < start ? o->year_days : end - d->signed_on + 1;
	if (!amount(r, o->a100_points, o->majoration, r->advance_bp, o->advance_days,
	            o->year_days, &o->advance))
		return false;
	int sy, sm, sd;
	date_split(d->signed_on, &sy, &sm, &sd);
	bool young = d->new_structure && d->exercise <= sy + r->floor_years - 1;
	if (young && o->advance < r->floor_advance) {
		o->advance = r->floor_advance;
		o->advance_floored = true;
	}
	if (date_make(d->exercise, 4, 30, &o->advance_due) != ST_OK ||
	    date_make(d->exercise + 1, 4, 30, &o->balance_due) != ST_OK)
		return false;
	int32_t later = add_months(d->signed_on, 3);
	if (later > o->advance_due)
		o->advance_due = later;
	if (young && o->gate && o->total < r->floor_total) {
		o->total = r->floor_total;
		o->total_floored = true;
	}
	return true;
}

enum status aci_estimate(const struct aci_rules *r, const struct aci_decl *d,
                         int64_t patients, int64_t associates,
                         struct aci_estimate *o, struct err *e)
{
	memset(o, 0, sizeof *o);
	enum status rc = aci_decl_check(r, d, NULL, e);
	if (rc != ST_OK)
		return rc;
	if (patients < 0 || associates < 0)
		return err_set(e, ST_INVALID, _("patients and associates cannot be negative"));
	o->patients = patients;
	o->associates = associates;
	o->items = calloc(r->n ? r->n : 1, sizeof *o->items);
	int *top = a100_values(r);
	if (!o->items || !top) {
		free(top);
		aci_estimate_fini(o);
		return err_set(e, ST_NOMEM, NULL);
	}
	o->gate = true;
	for (size_t i = 0; i < r->n; i++) {
		const struct aci_indicator *it = &r->v[i];
		o->items[i] = (struct aci_item){ d->values[i], it->fixed[d->values[i]],
		                                 it->variable[d->values[i]] };
		if (it->cls == ACI_PREREQUISITE && d->values[i] == 0)
			o->gate = false;
	}
	o->majoration = majoration(r, d);
	int64_t f, v, s;
	bool ok = points(r, d->values, patients, associates, &o->fixed, &o->variable, &o->si,
	                 &o->points) &&
	          points(r, top, patients, associates, &f, &v, &s, &o->a100_points) &&
	          amount(r, o->points, o->majoration, 10000, 1, 1, &o->computed);
	free(top);
	if (ok) {
		o->total = o->gate ? o->computed : 0;
		ok = advance_and_floors(r, d, o);
	}
	if (ok && money_sub(o->total, o->advance, &o->balance) == ST_OK)
		return ST_OK;
	aci_estimate_fini(o);
	return err_set(e, ST_OVERFLOW, _("the estimate is beyond what can be computed exactly"));
}
