/* peps.c: the PEPS grid imported and exported, the estimate from it and
 * the patients, its what-ifs and the expected instalments it saves
 * (app_forecast.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "reports_internal.h"
#include "quotepart/app_forecast.h"
#include "quotepart/db_forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/peps_file.h"

void app_peps_fini(struct app_peps *x)
{
	peps_estimate_fini(&x->est);
	peps_grid_fini(&x->grid);
	free(x->body);
	free(x->practice);
	memset(x, 0, sizeof *x);
}

enum status app_peps_import(struct app *a, const char *path, int *exercise, struct err *e)
{
	struct peps_grid g;
	struct sbuf b;
	enum status rc = app_read_check(a, path, e);
	if (rc != ST_OK || (rc = peps_grid_load(path, &g, e)) != ST_OK)
		return rc;
	*exercise = g.exercise;
	sb_init(&b);
	peps_grid_write(&g, &b);
	rc = app_forecast_store(a, "peps", g.exercise, NULL, &b, NULL, path, e);
	sb_fini(&b);
	peps_grid_fini(&g);
	return rc;
}

enum status app_peps_export(struct app *a, int exercise, struct sbuf *out, struct err *e)
{
	return app_forecast_export(a, "peps", exercise, out, e);
}

/* One what-if: local=1.05 (a coefficient, four decimals), loyalty=95 or
 * bonus=5 (percentages, two decimals). */
static enum status apply_set(struct peps_grid *g, const char *set, struct err *e)
{
	const char *eq = strchr(set, '=');
	size_t len = eq ? (size_t)(eq - set) : 0;
	bool local = len == 5 && strncmp(set, "local", 5) == 0;
	bool loyalty = len == 7 && strncmp(set, "loyalty", 7) == 0;
	bool bonus = len == 5 && strncmp(set, "bonus", 5) == 0;
	int64_t v;
	if (!local && !loyalty && !bonus)
		return err_set(e, ST_USAGE, _("--set %s: use NAME=VALUE: local, loyalty or bonus"), set);
	if (local) {
		if (decimal_parse(eq + 1, 4, &v) != ST_OK || v < 0 || v > PEPS_LOCAL_MAX)
			return err_set(e, ST_USAGE, _("--set %s: a coefficient between 0 and 10, at most four decimals"), set);
		g->local = v;
		return ST_OK;
	}
	if (decimal_parse(eq + 1, 2, &v) != ST_OK || v < 0 || v > 10000)
		return err_set(e, ST_USAGE, _("--set %s: a percentage between 0 and 100, at most two decimals"), set);
	if (loyalty) {
		g->loyalty = (int32_t)v;
	} else {
		g->has_bonus = true;
		g->bonus = (int32_t)v;
	}
	return ST_OK;
}

static enum status count_one(void *count, const struct peps_patient *p, struct err *e)
{
	return peps_count_add(count, p, e);
}

/* The estimate of the grid in x against the patients enrolled in N,
 * counted as the store reads them, with the practice's name and the
 * audit head for the report. */
static enum status run(struct app *a, int exercise, struct app_peps *x, struct err *e)
{
	struct peps_count c;
	enum status rc = peps_count_begin(&c, &x->grid, exercise, &x->est, e);
	if (rc == ST_OK)
		rc = db_peps_each(a->db, exercise, count_one, &c, e);
	rc = peps_count_end(&c, rc, e);
	return rc == ST_OK ? reports_head(a, &x->practice, &x->audit, e) : rc;
}

enum status app_peps_estimate(struct app *a, int exercise, struct app_peps *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	enum status rc = app_forecast_body(a, "peps", exercise, &out->body, e);
	if (rc == ST_OK) {
		char where[64];
		snprintf(where, sizeof where, "peps %d", exercise);
		rc = peps_grid_parse(out->body, where, &out->grid, e);
	}
	if (rc == ST_OK)
		rc = run(a, exercise, out, e);
	if (rc != ST_OK)
		app_peps_fini(out);
	return rc;
}

enum status app_peps_grid_copy(const struct peps_grid *from, struct peps_grid *to, struct err *e)
{
	struct sbuf b;
	sb_init(&b);
	peps_grid_write(from, &b);
	enum status rc = b.failed ? err_set(e, ST_NOMEM, NULL) : peps_grid_parse(b.s, "peps", to, e);
	sb_fini(&b);
	return rc;
}

/* Whether two cells match the same patients (their amounts aside). */
static bool same_conditions(const struct peps_cell *x, const struct peps_cell *y)
{
	if (x->sex != y->sex || x->has_age != y->has_age || x->ald != y->ald || x->c2s != y->c2s ||
	    x->n_alds != y->n_alds)
		return false;
	if (x->has_age && (x->age_lo != y->age_lo || x->age_hi != y->age_hi))
		return false;
	for (size_t i = 0; i < x->n_alds; i++)
		if (strcmp(x->alds[i], y->alds[i]) != 0)
			return false;
	return true;
}

enum status app_peps_whatif(const struct app_peps *base, const struct peps_grid *grid,
                            struct peps_estimate *est, struct err *e)
{
	memset(est, 0, sizeof *est);
	bool same = grid->n == base->grid.n && grid->exercise == base->grid.exercise &&
	            grid->n_gps == base->grid.n_gps;
	for (size_t i = 0; same && i < grid->n; i++)
		same = same_conditions(&grid->cells[i], &base->grid.cells[i]);
	for (size_t i = 0; same && i < grid->n_gps; i++)
		same = strcmp(grid->gps[i], base->grid.gps[i]) == 0;
	if (!same)
		return err_set(e, ST_INVALID, _("the what-if's grid does not have the cells its patients were counted in"));
	return peps_estimate_from(grid, &base->est, est, e);
}

enum status app_peps_whatif_sets(const struct app_peps *base, const char *const *sets, size_t n_sets,
                                 struct app_peps *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->audit = base->audit;
	enum status rc = base->practice && !(out->practice = strdup(base->practice))
	                 ? err_set(e, ST_NOMEM, NULL) : app_peps_grid_copy(&base->grid, &out->grid, e);
	for (size_t i = 0; rc == ST_OK && i < n_sets; i++)
		rc = apply_set(&out->grid, sets[i], e);
	if (rc == ST_OK)
		rc = app_peps_whatif(base, &out->grid, &out->est, e);
	if (rc != ST_OK)
		app_peps_fini(out);
	return rc;
}

enum status app_peps_keep(struct app *a, const struct app_peps *was, const struct peps_grid *grid,
                          struct err *e)
{
	enum status rc = peps_grid_check(grid, NULL, e);
	if (rc != ST_OK)
		return rc;
	if (!was->body || was->est.exercise != grid->exercise)
		return err_set(e, ST_INVALID, _("the what-if's grid is not one read from the database for its exercise"));
	struct sbuf b;
	sb_init(&b);
	peps_grid_write(grid, &b);
	rc = app_forecast_store(a, "peps", grid->exercise, NULL, &b, was->body, "the interface", e);
	sb_fini(&b);
	return rc;
}

enum status app_peps_save(struct app *a, const struct app_peps *x, struct err *e)
{
	static char *const notes[] = { "Q1", "Q2", "Q3", "Q4", NULL };
	struct expected v[PEPS_PERIODS];
	for (int k = 0; k < PEPS_PERIODS; k++) {
		bool balance = k == PEPS_YEAR;
		v[k] = (struct expected){ 0, (char *)"peps", (char *)"PEPS", NULL,
		                          (char *)(balance ? "balance" : "quarterly"), x->est.due[k],
		                          balance ? x->est.balance : x->est.expected[k], notes[k] };
	}
	char detail[160];
	snprintf(detail, sizeof detail, "Q1 %lld, Q2 %lld, Q3 %lld, Q4 %lld, balance %lld",
	         (long long)x->est.expected[0], (long long)x->est.expected[1], (long long)x->est.expected[2],
	         (long long)x->est.expected[3], (long long)x->est.balance);
	/* A balance of 0 is nothing to wait for. */
	size_t n = x->est.balance ? PEPS_PERIODS : PEPS_PERIODS - 1;
	return app_forecast_save(a, "peps", "PEPS", x->est.exercise, v, n, detail, e);
}
