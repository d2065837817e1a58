/* peps.c: PEPS grids (peps.h): freeing, matching a patient to a cell, and
 * the checks of a grid. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "quotepart/peps.h"

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void peps_grid_fini(struct peps_grid *g)
{
	for (size_t i = 0; i < g->n; i++)
		free_list(g->cells[i].alds, g->cells[i].n_alds);
	free(g->cells);
	free_list(g->gps, g->n_gps);
	memset(g, 0, sizeof *g);
}

/* Whether the '|'-separated categories of `has` include `one`. */
static bool has_category(const char *has, const char *one)
{
	size_t len = strlen(one);
	for (const char *p = has; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && memcmp(p, one, n) == 0)
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

bool peps_cell_matches(const struct peps_cell *c, const struct peps_patient *p, int age)
{
	if (c->sex && c->sex != p->sex)
		return false;
	if (c->has_age && (age < c->age_lo || age > c->age_hi))
		return false;
	if (c->c2s >= 0 && c->c2s != (int)p->c2s)
		return false;
	if (c->ald == PEPS_ALD_NONE)
		return p->ald[0] == '\0';
	if (c->ald == PEPS_ALD_LIST) {
		for (size_t i = 0; i < c->n_alds; i++)
			if (has_category(p->ald, c->alds[i]))
				return true;
		return false;
	}
	return true;
}

enum status peps_grid_check(const struct peps_grid *g, int *bad, struct err *e)
{
	int none;
	if (!bad)
		bad = &none;
	*bad = -1;
	if (g->local < 0 || g->local > PEPS_LOCAL_MAX)
		return err_set(e, ST_INVALID, _("the local coefficient is between 0 and 10"));
	if (g->loyalty < 0 || g->loyalty > 10000 || g->bonus < 0 || g->bonus > 10000)
		return err_set(e, ST_INVALID, _("a rate is a percentage between 0 and 100"));
	if (g->n == 0)
		return err_set(e, ST_INVALID, _("a PEPS grid needs at least one cell"));
	for (size_t i = 0; i < g->n; i++) {
		const struct peps_cell *c = &g->cells[i];
		*bad = (int)i;
		if (c->sex && c->sex != 'F' && c->sex != 'M')
			return err_set(e, ST_INVALID, _("sex is \"F\", \"M\" or \"any\""));
		if (c->has_age && (c->age_lo < 0 || c->age_lo > c->age_hi || c->age_hi > PEPS_AGE_MAX))
			return err_set(e, ST_INVALID, _("an age band is [ FROM, TO ] with 0 <= FROM <= TO <= %d"),
			               PEPS_AGE_MAX);
		if (c->c2s < -1 || c->c2s > 1)
			return err_set(e, ST_INVALID, _("c2s is 0, 1 or \"any\""));
		if (c->amount < 0)
			return err_set(e, ST_INVALID, _("an amount cannot be negative"));
		if (c->ald == PEPS_ALD_LIST && c->n_alds == 0)
			return err_set(e, ST_INVALID, _("ald is \"none\", \"any\" or a list of categories"));
	}
	*bad = -1;
	return ST_OK;
}
