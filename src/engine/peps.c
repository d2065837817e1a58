/* peps.c: the PEPS estimate (FORECAST.md "PEPS: the estimate from a
 * grid"). Each patient is counted into its cell, days enrolled per period
 * summed per cell; a period's amount is then one fraction, sum amount x
 * days x local x loyalty x (1 + bonus) / (D x 10^12), rounded once, halves
 * away from zero. Sums are 128-bit and checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

void peps_estimate_fini(struct peps_estimate *e)
{
	free(e->cells);
	e->cells = NULL;
}

/* Whether the patient's GP is one whose patients count. */
static bool counted(const struct peps_grid *g, const struct peps_patient *p)
{
	if (!g->gps)
		return p->gp_associate;
	for (size_t i = 0; i < g->n_gps; i++)
		if (strcmp(g->gps[i], p->gp) == 0)
			return true;
	return false;
}

/* round(amount_days x local x loyalty x (1 + bonus) / D), where
 * amount_days is a sum of cents x days: one fraction, one rounding. */
static bool period_amount(const struct peps_grid *g, i128 amount_days, int64_t D, int64_t *out)
{
	i128 num = amount_days, den = D;
	if (!i128_mul(num, g->local, &num) || !i128_mul(num, g->loyalty, &num) ||
	    !i128_mul(num, 10000 + (int64_t)g->bonus, &num) || !i128_mul(den, 10000LL * 10000 * 10000, &den))
		return false;
	return rat_round(rat_make(num, den), out);
}

/* The quarters and the year of N, and when each is due: the day after
 * a quarter's end; the balance on 30 April N+1, as the ACI's. */
static void periods(int exercise, struct peps_estimate *o)
{
	static const int first[] = { 1, 4, 7, 10 };
	static const int last_day[] = { 31, 30, 30, 31 };
	for (int q = 0; q < 4; q++) {
		date_make(exercise, first[q], 1, &o->start[q]);
		date_make(exercise, first[q] + 2, last_day[q], &o->end[q]);
		o->due[q] = o->end[q] + 1;
	}
	o->start[PEPS_YEAR] = date_year_start(exercise);
	o->end[PEPS_YEAR] = date_year_end(exercise);
	date_make(exercise + 1, 4, 30, &o->due[PEPS_YEAR]);
	o->year_days = o->end[PEPS_YEAR] - o->start[PEPS_YEAR] + 1;
}

static enum status no_cell(const struct peps_patient *p, int age, struct err *e)
{
	return err_set(e, ST_INVALID, _("patient %s: no cell of the grid matches (sex %c, age %d, ALD \"%s\", C2S %d)"),
	               p->code, p->sex, age, p->ald, (int)p->c2s);
}

/* A patient's cell depends only on its sex, age, C2S and ALD, and a
 * practice's patients have few ALD spellings: the first MEMO_ALDS met
 * each get a table of the cell of every sex, C2S and age, filled as
 * patients are met. Others are matched cell by cell. */
#define MEMO_ALDS 16
struct peps_memo {
	char *ald[MEMO_ALDS];
	size_t n_ald;
	int16_t cell[MEMO_ALDS][2][2][PEPS_AGE_MAX + 1];   /* cell + 1; 0 not yet known */
};

static void memo_free(struct peps_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_ald; i++)
		free(m->ald[i]);
	free(m);
}

/* The first cell matching p, or g->n when none does. */
static size_t match(const struct peps_grid *g, const struct peps_patient *p, int age)
{
	size_t c = 0;
	while (c < g->n && !peps_cell_matches(&g->cells[c], p, age))
		c++;
	return c;
}

/* The entry of p's kind in the memo, or NULL when it has none. */
static int16_t *memo_slot(struct peps_memo *m, const struct peps_patient *p, int age)
{
	if (!m || (p->sex != 'F' && p->sex != 'M') || age < 0 || age > PEPS_AGE_MAX)
		return NULL;
	size_t a = 0;
	while (a < m->n_ald && strcmp(m->ald[a], p->ald) != 0)
		a++;
	if (a == m->n_ald) {
		if (a == MEMO_ALDS || !(m->ald[a] = strdup(p->ald)))
			return NULL;   /* matched cell by cell: slower, never wrong */
		m->n_ald++;
	}
	return &m->cell[a][p->sex == 'M'][p->c2s ? 1 : 0][age];
}

static size_t cell_of(struct peps_count *c, const struct peps_patient *p, int age)
{
	int16_t *slot = memo_slot(c->memo, p, age);
	if (slot && *slot)
		return (size_t)(*slot - 1);
	size_t cell = match(c->grid, p, age);
	if (slot && cell < c->grid->n)
		*slot = (int16_t)(cell + 1);
	return cell;
}

enum status peps_count_begin(struct peps_count *c, const struct peps_grid *g, int exercise,
                             struct peps_estimate *o, struct err *e)
{
	memset(o, 0, sizeof *o);
	*c = (struct peps_count){ g, o, NULL };
	enum status rc = peps_grid_check(g, NULL, e);
	if (rc != ST_OK)
		return rc;
	if (exercise < DATE_YEAR_MIN || exercise >= DATE_YEAR_MAX)
		return err_set(e, ST_INVALID, _("the exercise %d is beyond the calendar"), exercise);
	o->exercise = exercise;
	periods(exercise, o);
	if (!(o->cells = calloc(g->n, sizeof *o->cells)))
		return err_set(e, ST_NOMEM, NULL);
	/* Without a memo each patient is matched cell by cell. */
	c->memo = g->n < INT16_MAX ? calloc(1, sizeof *c->memo) : NULL;
	return ST_OK;
}

/* Count the patient into its cell when its GP counts and it is
 * enrolled at least one day of N. */
enum status peps_count_add(struct peps_count *c, const struct peps_patient *p, struct err *e)
{
	struct peps_estimate *o = c->out;
	if (!counted(c->grid, p))
		return ST_OK;
	int64_t year = date_overlap(p->enrolled, p->left, o->start[PEPS_YEAR], o->end[PEPS_YEAR]);
	if (year == 0)
		return ST_OK;
	int age = o->exercise - p->birth_year;
	size_t cell = cell_of(c, p, age);
	if (cell == c->grid->n)
		return no_cell(p, age, e);
	struct peps_cell_sum *s = &o->cells[cell];
	s->patients++;
	s->days[PEPS_YEAR] += year;
	for (int q = 0; q < 4; q++)
		s->days[q] += date_overlap(p->enrolled, p->left, o->start[q], o->end[q]);
	o->patients++;
	return ST_OK;
}

/* Each period's amount from the cells' days, and each cell's year. */
static bool amounts(const struct peps_grid *g, struct peps_estimate *o)
{
	for (int k = 0; k < PEPS_PERIODS; k++) {
		i128 sum = 0, term;
		for (size_t c = 0; c < g->n; c++)
			if (!i128_mul(g->cells[c].amount, o->cells[c].days[k], &term) || !i128_add(sum, term, &sum))
				return false;
		if (!period_amount(g, sum, o->year_days, &o->expected[k]))
			return false;
	}
	for (size_t c = 0; c < g->n; c++) {
		i128 term;
		if (!i128_mul(g->cells[c].amount, o->cells[c].days[PEPS_YEAR], &term) ||
		    !period_amount(g, term, o->year_days, &o->cells[c].year_cents))
			return false;
	}
	int64_t quarters = 0;
	for (int q = 0; q < 4; q++)
		if (money_add(quarters, o->expected[q], &quarters) != ST_OK)
			return false;
	return money_sub(o->expected[PEPS_YEAR], quarters, &o->balance) == ST_OK;
}

enum status peps_count_end(struct peps_count *c, enum status rc, struct err *e)
{
	memo_free(c->memo);
	c->memo = NULL;
	if (rc == ST_OK && !amounts(c->grid, c->out))
		rc = err_set(e, ST_OVERFLOW, _("the estimate is beyond what can be computed exactly"));
	if (rc != ST_OK)
		peps_estimate_fini(c->out);
	return rc;
}

enum status peps_estimate(const struct peps_grid *g, const struct peps_patient *p, size_t n,
                          int exercise, struct peps_estimate *o, struct err *e)
{
	struct peps_count c;
	enum status rc = peps_count_begin(&c, g, exercise, o, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		rc = peps_count_add(&c, &p[i], e);
	return peps_count_end(&c, rc, e);
}

enum status peps_estimate_from(const struct peps_grid *g, const struct peps_estimate *counted,
                               struct peps_estimate *o, struct err *e)
{
	memset(o, 0, sizeof *o);
	enum status rc = peps_grid_check(g, NULL, e);
	if (rc != ST_OK)
		return rc;
	if (!counted->cells && g->n)
		return err_set(e, ST_INVALID, _("the grid's cells are not those the patients were counted in"));
	*o = *counted;
	o->cells = NULL;
	if (!(o->cells = calloc(g->n ? g->n : 1, sizeof *o->cells)))
		return err_set(e, ST_NOMEM, NULL);
	memcpy(o->cells, counted->cells, g->n * sizeof *o->cells);
	if (!amounts(g, o)) {
		peps_estimate_fini(o);
		return err_set(e, ST_OVERFLOW, _("the estimate is beyond what can be computed exactly"));
	}
	return ST_OK;
}
