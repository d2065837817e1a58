/* key.c: distribution keys as plain values: basis names, string lists,
 * and releasing everything a key owns. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/key.h"

static const char *const basis_names[] = {
	[BASIS_EQUAL] = "equal",
	[BASIS_FTE] = "fte",
	[BASIS_PATIENTS] = "patients",
	[BASIS_HOURS] = "hours",
	[BASIS_POINTS] = "points",
};

#define N_BASES (sizeof basis_names / sizeof basis_names[0])

const char *basis_name(enum basis b)
{
	if ((unsigned)b >= N_BASES)
		return "?";
	return basis_names[b];
}

bool basis_parse(const char *s, enum basis *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < N_BASES; i++) {
		if (strcmp(s, basis_names[i]) == 0) {
			*out = (enum basis)i;
			return true;
		}
	}
	return false;
}

bool strlist_has(const struct strlist *l, const char *s)
{
	if (!l || !s)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] && strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* Frees the strings and the array; the list is left empty and reusable. */
void strlist_fini(struct strlist *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void pool_fini(struct key_pool *p)
{
	free(p->label);
	strlist_fini(&p->statuses);
	strlist_fini(&p->professions);
	strlist_fini(&p->groups);
	strlist_fini(&p->members);
	strlist_fini(&p->kinds);
	for (size_t i = 0; i < p->n_rates; i++)
		free(p->rates[i].profession);
	free(p->rates);
	for (size_t i = 0; i < p->n_points; i++)
		free(p->points[i].member);
	free(p->points);
}

/* The key itself is heap-allocated (keyfile_parse, the key store), so
 * key_free releases the struct too, as every x_free does. */
void key_free(struct key *k)
{
	if (!k)
		return;
	free(k->name);
	free(k->description);
	for (size_t i = 0; i < k->n_res; i++) {
		free(k->res[i].label);
		free(k->res[i].account);
	}
	free(k->res);
	for (size_t i = 0; i < k->n_pools; i++)
		pool_fini(&k->pools[i]);
	free(k->pools);
	free(k);
}
