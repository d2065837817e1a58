/* key.c: distribution keys as plain values: basis names and the words
 * shown for them, string lists, and releasing everything a key owns. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"
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

const char *basis_label(enum basis b)
{
	static const char *const labels[] = {
		[BASIS_EQUAL] = N_("equal shares"),
		[BASIS_FTE] = N_("working time"),
		[BASIS_PATIENTS] = N_("enrolled patients"),
		[BASIS_HOURS] = N_("hours of activity"),
		[BASIS_POINTS] = N_("points"),
	};
	if ((unsigned)b >= sizeof labels / sizeof labels[0])
		return "?";
	return _(labels[b]);
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

void key_pool_fini(struct key_pool *p)
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
	memset(p, 0, sizeof *p);
}

void key_reservation_fini(struct key_reservation *r)
{
	free(r->label);
	free(r->account);
	memset(r, 0, sizeof *r);
}

/* The key itself is heap-allocated (keyfile_parse, the key store), so
 * key_free releases the struct too, as every x_free does. */
void key_free(struct key *k)
{
	if (!k)
		return;
	free(k->name);
	free(k->description);
	for (size_t i = 0; i < k->n_res; i++)
		key_reservation_fini(&k->res[i]);
	free(k->res);
	for (size_t i = 0; i < k->n_pools; i++)
		key_pool_fini(&k->pools[i]);
	free(k->pools);
	free(k);
}

/* ---- copies ---- */

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

bool strlist_copy(struct strlist *out, const struct strlist *in)
{
	memset(out, 0, sizeof *out);
	if (!in->n)
		return true;
	if (!(out->v = calloc(in->n, sizeof *out->v)))
		return false;
	for (size_t i = 0; i < in->n; i++) {
		if (!(out->v[i] = strdup(in->v[i] ? in->v[i] : ""))) {
			out->n = i;
			strlist_fini(out);
			return false;
		}
	}
	out->n = in->n;
	return true;
}

bool key_reservation_copy(struct key_reservation *out, const struct key_reservation *r)
{
	*out = *r;
	out->label = dup_or_null(r->label);
	out->account = dup_or_null(r->account);
	if ((r->label && !out->label) || (r->account && !out->account)) {
		key_reservation_fini(out);
		return false;
	}
	return true;
}

bool key_pool_copy(struct key_pool *out, const struct key_pool *p)
{
	memset(out, 0, sizeof *out);
	out->rate_bp = p->rate_bp;
	out->basis = p->basis;
	out->prorata = p->prorata;
	out->at_end = p->at_end;
	out->line = p->line;
	bool ok = (out->label = dup_or_null(p->label)) != NULL || !p->label;
	ok = ok && strlist_copy(&out->statuses, &p->statuses) &&
	     strlist_copy(&out->professions, &p->professions) &&
	     strlist_copy(&out->groups, &p->groups) &&
	     strlist_copy(&out->members, &p->members) &&
	     strlist_copy(&out->kinds, &p->kinds);
	if (ok && p->n_rates) {
		ok = (out->rates = calloc(p->n_rates, sizeof *out->rates)) != NULL;
		for (size_t i = 0; ok && i < p->n_rates; i++) {
			out->rates[i].rate = p->rates[i].rate;
			ok = (out->rates[i].profession = strdup(p->rates[i].profession)) != NULL;
			out->n_rates = i + 1;
		}
	}
	if (ok && p->n_points) {
		ok = (out->points = calloc(p->n_points, sizeof *out->points)) != NULL;
		for (size_t i = 0; ok && i < p->n_points; i++) {
			out->points[i].points = p->points[i].points;
			ok = (out->points[i].member = strdup(p->points[i].member)) != NULL;
			out->n_points = i + 1;
		}
	}
	if (!ok)
		key_pool_fini(out);
	return ok;
}

struct key *key_dup(const struct key *k)
{
	struct key *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->version = k->version;
	bool ok = (c->name = dup_or_null(k->name)) != NULL || !k->name;
	ok = ok && ((c->description = dup_or_null(k->description)) != NULL || !k->description);
	if (ok && k->n_res) {
		ok = (c->res = calloc(k->n_res, sizeof *c->res)) != NULL;
		for (size_t i = 0; ok && i < k->n_res; i++) {
			ok = key_reservation_copy(&c->res[i], &k->res[i]);
			c->n_res = ok ? i + 1 : i;
		}
	}
	if (ok && k->n_pools) {
		ok = (c->pools = calloc(k->n_pools, sizeof *c->pools)) != NULL;
		for (size_t i = 0; ok && i < k->n_pools; i++) {
			ok = key_pool_copy(&c->pools[i], &k->pools[i]);
			c->n_pools = ok ? i + 1 : i;
		}
	}
	if (!ok) {
		key_free(c);
		return NULL;
	}
	return c;
}

/* ---- parts added and removed ---- */

/* Open a gap at `at` in an array of *n elements of `size` bytes. */
static bool open_gap(void *arr, size_t *n, size_t size, size_t at)
{
	if (!array_grow(arr, NULL, *n + 1, size))
		return false;
	char *nv;
	memcpy(&nv, arr, sizeof nv);
	if (at > *n)
		at = *n;
	memmove(nv + (at + 1) * size, nv + at * size, (*n - at) * size);
	(*n)++;
	return true;
}

bool key_insert_reservation(struct key *k, size_t at, struct key_reservation *part)
{
	if (at > k->n_res)
		at = k->n_res;
	if (!open_gap(&k->res, &k->n_res, sizeof *k->res, at))
		return false;
	k->res[at] = *part;
	memset(part, 0, sizeof *part);
	return true;
}

bool key_insert_pool(struct key *k, size_t at, struct key_pool *part)
{
	if (at > k->n_pools)
		at = k->n_pools;
	if (!open_gap(&k->pools, &k->n_pools, sizeof *k->pools, at))
		return false;
	k->pools[at] = *part;
	memset(part, 0, sizeof *part);
	return true;
}

void key_remove_reservation(struct key *k, size_t i)
{
	if (i >= k->n_res)
		return;
	key_reservation_fini(&k->res[i]);
	memmove(&k->res[i], &k->res[i + 1], (k->n_res - i - 1) * sizeof *k->res);
	k->n_res--;
}

void key_remove_pool(struct key *k, size_t i)
{
	if (i >= k->n_pools)
		return;
	key_pool_fini(&k->pools[i]);
	memmove(&k->pools[i], &k->pools[i + 1], (k->n_pools - i - 1) * sizeof *k->pools);
	k->n_pools--;
}
