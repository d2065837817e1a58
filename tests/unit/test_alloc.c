/* test_alloc.c: the allocation engine: worked examples computed by hand,
 * every refusal of ALLOCATION.md, seeded property tests and an
 * independent O(n^2) reference implementation compared line by line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/alloc.h"
#include "quotepart/date.h"

/* ------------------------------------------------------------------ */
/* Helpers: dates, keys, members                                       */
/* ------------------------------------------------------------------ */

/* Day number of y-m-d since 1970-01-01 (H. Hinnant's days_from_civil),
 * so the test does not depend on date.c. */
static int32_t civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	cr_assert(p);
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	cr_assert(p);
	return p;
}

static struct key *tkey_new(void)
{
	struct key *k = calloc(1, sizeof *k);
	cr_assert(k);
	k->name = xstrdup("test");
	return k;
}

static void tres(struct key *k, const char *label, const char *account,
                 bool is_rate, int64_t v)
{
	k->res = xrealloc(k->res, (k->n_res + 1) * sizeof *k->res);
	struct key_reservation *r = &k->res[k->n_res++];
	memset(r, 0, sizeof *r);
	r->label = xstrdup(label);
	r->account = xstrdup(account);
	r->is_rate = is_rate;
	if (is_rate)
		r->rate_bp = (int32_t)v;
	else
		r->amount = v;
}

/* The returned pointer is valid until the next tpool() on that key. */
static struct key_pool *tpool(struct key *k, const char *label, int32_t rate_bp,
                              enum basis b)
{
	k->pools = xrealloc(k->pools, (k->n_pools + 1) * sizeof *k->pools);
	struct key_pool *p = &k->pools[k->n_pools++];
	memset(p, 0, sizeof *p);
	p->label = xstrdup(label);
	p->rate_bp = rate_bp;
	p->basis = b;
	return p;
}

static void tlist(struct strlist *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

static void trate(struct key_pool *p, const char *prof, int64_t rate)
{
	p->rates = xrealloc(p->rates, (p->n_rates + 1) * sizeof *p->rates);
	p->rates[p->n_rates].profession = xstrdup(prof);
	p->rates[p->n_rates++].rate = rate;
}

static void tpoints(struct key_pool *p, const char *code, int64_t pts)
{
	p->points = xrealloc(p->points, (p->n_points + 1) * sizeof *p->points);
	p->points[p->n_points].member = xstrdup(code);
	p->points[p->n_points++].points = pts;
}

static struct alloc_member tmem(const char *code, const char *prof,
                                const char *status, int32_t joined,
                                int32_t left)
{
	struct alloc_member m;
	memset(&m, 0, sizeof m);
	m.code = code;
	m.profession = prof;
	m.group = strcmp(prof, "gp") == 0 ? "medical" : "paramedical";
	m.status = status;
	m.joined = joined;
	m.left = left;
	m.fte = 100;
	return m;
}

static int32_t Y2025_START, Y2025_END;

static void init_dates(void)
{
	Y2025_START = civil(2025, 1, 1);
	Y2025_END = civil(2025, 12, 31);
}

static enum status trun(const struct key *k, int64_t amount, int32_t start,
                        int32_t end, const struct alloc_member *m, size_t n,
                        struct alloc_result *out, struct err *e)
{
	struct alloc_input in = { amount, start, end, k, m, n };
	return alloc_run(&in, out, e);
}

static const struct alloc_line *find_line(const struct alloc_result *r,
                                          size_t pool, const char *code)
{
	for (size_t i = 0; i < r->n_lines; i++)
		if (r->lines[i].kind == LINE_POOL && r->lines[i].index == pool &&
		    strcmp(r->lines[i].recipient, code) == 0)
			return &r->lines[i];
	cr_assert_fail("no line for %s in pool %zu", code, pool);
	return NULL;
}

static bool rat_is(struct rat r, i128 num, i128 den)
{
	return r.num == num && r.den == den;
}

static const char *ratstr(struct rat r)
{
	static char buf[4][RAT_BUFSZ];
	static int k;
	k = (k + 1) % 4;
	return rat_format(r, buf[k], sizeof buf[k]);
}

static bool result_is_empty(const struct alloc_result *r)
{
	return r->amount == 0 && r->reserved == 0 && r->remainder == 0 &&
	       r->pool_amounts == NULL && r->n_pools == 0 && r->lines == NULL &&
	       r->n_lines == 0;
}

TestSuite(alloc, .init = init_dates);

/* ------------------------------------------------------------------ */
/* Worked examples                                                     */
/* ------------------------------------------------------------------ */

/* 1 EUR (100 cents) split equally between B, A, C (given in that order).
 * Exact share 100/3 = 33.33...: floors 33 + 33 + 33 = 99, one cent left.
 * Remainders 100 * 1 mod 3 = 1 for all three: a tie, broken by code in
 * byte order, so A gets it: A 34, B 33, C 33. Lines come in code order. */
Test(alloc, equal_split_leftover_to_smallest_code)
{
	struct key *k = tkey_new();
	tpool(k, "Equal share", 10000, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("B", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("A", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("C", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 3);
	cr_assert_str_eq(r.lines[0].recipient, "A");
	cr_assert_str_eq(r.lines[1].recipient, "B");
	cr_assert_str_eq(r.lines[2].recipient, "C");
	cr_assert_eq(r.lines[0].member, 1);
	cr_assert_eq(r.lines[0].cents, 34);
	cr_assert(r.lines[0].leftover);
	cr_assert_eq(r.lines[1].cents, 33);
	cr_assert_not(r.lines[1].leftover);
	cr_assert_eq(r.lines[2].cents, 33);
	for (int i = 0; i < 3; i++) {
		cr_assert(rat_is(r.lines[i].exact, 100, 3), "%s", ratstr(r.lines[i].exact));
		cr_assert(rat_is(r.lines[i].weight, 1, 1));
		cr_assert(rat_is(r.lines[i].value, 1, 1));
		cr_assert(rat_is(r.lines[i].presence, 1, 1));
		cr_assert_eq(r.lines[i].kind, LINE_POOL);
		cr_assert_eq(r.lines[i].basis, BASIS_EQUAL);
	}
	cr_assert_eq(r.amount, 100);
	cr_assert_eq(r.reserved, 0);
	cr_assert_eq(r.remainder, 100);
	cr_assert_eq(r.n_pools, 1);
	cr_assert_eq(r.pool_amounts[0], 100);
	alloc_result_fini(&r);
	cr_assert(result_is_empty(&r));
	key_free(k);
}

/* A = 1000.01 EUR = 100001 cents.
 * Reservation 1: fixed 200.00 = 20000 cents.
 * Reservation 2: 12.50 % = 1250 bp: 100001 * 1250 / 10000 = 12500.125,
 *   rounded down to 12500 (the 0.125 cent stays for the pools).
 * R = 100001 - 20000 - 12500 = 67501, one equal pool of two members:
 *   67501 / 2 = 33750.5 each: floors 33750 + 33750, one cent left, equal
 *   remainders: to the smaller code "GP1" (before "IDE1"). */
Test(alloc, reservations_fixed_and_rate_floor)
{
	struct key *k = tkey_new();
	tres(k, "Coordinator post", "post:COORD", false, 20000);
	tres(k, "Operating costs", "operating", true, 1250);
	tpool(k, "Equal share", 10000, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("IDE1", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 100001, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	cr_assert_eq(r.reserved, 32500);
	cr_assert_eq(r.remainder, 67501);
	cr_assert_eq(r.n_lines, 4);
	cr_assert_eq(r.lines[0].kind, LINE_RESERVATION);
	cr_assert_str_eq(r.lines[0].recipient, "post:COORD");
	cr_assert_eq(r.lines[0].cents, 20000);
	cr_assert_eq(r.lines[0].member, SIZE_MAX);
	cr_assert_eq(r.lines[0].index, 0);
	cr_assert(rat_is(r.lines[0].exact, 20000, 1));
	cr_assert(rat_is(r.lines[0].weight, 1, 1));
	cr_assert_eq(r.lines[1].kind, LINE_RESERVATION);
	cr_assert_str_eq(r.lines[1].recipient, "operating");
	cr_assert_eq(r.lines[1].cents, 12500);
	cr_assert_eq(r.lines[1].index, 1);
	cr_assert_str_eq(r.lines[2].recipient, "GP1");
	cr_assert_eq(r.lines[2].cents, 33751);
	cr_assert(r.lines[2].leftover);
	cr_assert(rat_is(r.lines[2].exact, 67501, 2));
	cr_assert_str_eq(r.lines[3].recipient, "IDE1");
	cr_assert_eq(r.lines[3].cents, 33750);
	alloc_result_fini(&r);
	key_free(k);
}

/* Two pools at 50 % each and R = 101 cents: 50.5 each, floors 50 + 50,
 * one cent left with equal remainders (101 * 5000 mod 10000 = 5000 for
 * both): the pool listed first gets it, even though its label sorts
 * after the other's: "Zeta" 51, "Alpha" 50.
 * Then three pools 33.33 / 33.33 / 33.34 % of R = 100: exact 33.33,
 * 33.33, 33.34; floors 33 + 33 + 33 = 99; remainders 3300, 3300, 3400
 * (x 1/10000): the third pool has the largest and gets the cent. */
Test(alloc, pools_tie_to_first_listed)
{
	struct key *k = tkey_new();
	tpool(k, "Zeta", 5000, BASIS_EQUAL);
	tpool(k, "Alpha", 5000, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 101, Y2025_START, Y2025_END, m, 1, &r, &e), ST_OK);
	cr_assert_eq(r.pool_amounts[0], 51);
	cr_assert_eq(r.pool_amounts[1], 50);
	cr_assert_eq(r.n_lines, 2);
	cr_assert_eq(r.lines[0].index, 0);
	cr_assert_eq(r.lines[0].cents, 51);
	cr_assert_eq(r.lines[1].index, 1);
	cr_assert_eq(r.lines[1].cents, 50);
	alloc_result_fini(&r);
	key_free(k);

	k = tkey_new();
	tpool(k, "P1", 3333, BASIS_EQUAL);
	tpool(k, "P2", 3333, BASIS_EQUAL);
	tpool(k, "P3", 3334, BASIS_EQUAL);
	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_END, m, 1, &r, &e), ST_OK);
	cr_assert_eq(r.pool_amounts[0], 33);
	cr_assert_eq(r.pool_amounts[1], 33);
	cr_assert_eq(r.pool_amounts[2], 34);
	alloc_result_fini(&r);
	key_free(k);
}

/* Period: calendar 2025, 365 days. GP1 joined in 2020 (365 days inside),
 * IDE1 joined on 1 July 2025: July 31 + August 31 + September 30 +
 * October 31 + November 30 + December 31 = 184 days inside.
 * Presence 365/365 = 1 and 184/365. Weights 1 and 184/365, i.e. 365 and
 * 184 over 365: W = 549 / 365. A = 549.00 EUR = 54900 cents:
 * GP1 54900 * 365 / 549 = 36500, IDE1 54900 * 184 / 549 = 18400, exact.
 * A third member, who left on 31 December 2024, is not eligible. */
Test(alloc, prorata_joined_first_of_july)
{
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "Equal share", 10000, BASIS_EQUAL);
	p->prorata = true;
	struct alloc_member m[] = {
		tmem("IDE1", "nurse", "associate", civil(2025, 7, 1), DATE_NONE),
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("OLD", "gp", "associate", civil(2020, 1, 1), civil(2024, 12, 31)),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 54900, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 2, "OLD is not eligible");
	const struct alloc_line *gp = find_line(&r, 0, "GP1");
	const struct alloc_line *ide = find_line(&r, 0, "IDE1");
	cr_assert(rat_is(gp->presence, 1, 1), "%s", ratstr(gp->presence));
	cr_assert(rat_is(ide->presence, 184, 365), "%s", ratstr(ide->presence));
	cr_assert(rat_is(ide->weight, 184, 365));
	cr_assert(rat_is(gp->weight, 1, 1));
	cr_assert_eq(gp->cents, 36500);
	cr_assert_eq(ide->cents, 18400);
	cr_assert(rat_is(ide->exact, 18400, 1));
	cr_assert_not(ide->leftover);
	alloc_result_fini(&r);

	/* Left on 30 June 2025 (inclusive): 31+28+31+30+31+30 = 181 days. */
	m[0] = tmem("IDE1", "nurse", "associate", civil(2020, 7, 1), civil(2025, 6, 30));
	cr_assert_eq(trun(k, 54600, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	ide = find_line(&r, 0, "IDE1");
	cr_assert(rat_is(ide->presence, 181, 365));
	/* 54600 * 181 / 546 = 18100; GP1 54600 * 365 / 546 = 36500. */
	cr_assert_eq(ide->cents, 18100);
	cr_assert_eq(find_line(&r, 0, "GP1")->cents, 36500);
	alloc_result_fini(&r);
	key_free(k);
}

/* Hours of kinds RCP and protocol, rates gp 80.00, nurse 50.00; physio
 * not listed. GP1 (gp): 10 h RCP + 5 h "meeting" (not counted) = 10 h x
 * 80 = 800. IDE1 (nurse): 4 h RCP + 2 h protocol = 6 h x 50 = 300. KINE1
 * (physio): 20 h RCP x 0 = 0, still a line, 0 cents. A = 1100.00 EUR:
 * GP1 110000 * 800 / 1100 = 80000, IDE1 30000, KINE1 0.
 * Without rates (second run), weights are the hours: 10, 6, 20 (W = 36),
 * A = 360.00: 100.00, 60.00, 200.00. */
Test(alloc, hours_with_rates)
{
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "Involvement", 10000, BASIS_HOURS);
	tlist(&p->kinds, "RCP");
	tlist(&p->kinds, "protocol");
	trate(p, "gp", 8000);
	trate(p, "nurse", 5000);
	struct alloc_hours hg[] = { { "RCP", 1000 }, { "meeting", 500 } };
	struct alloc_hours hi[] = { { "RCP", 400 }, { "protocol", 200 } };
	struct alloc_hours hk[] = { { "RCP", 2000 } };
	struct alloc_member m[] = {
		tmem("KINE1", "physio", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("IDE1", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	m[0].hours = hk, m[0].n_hours = 1;
	m[1].hours = hi, m[1].n_hours = 2;
	m[2].hours = hg, m[2].n_hours = 2;
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 110000, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	const struct alloc_line *gp = find_line(&r, 0, "GP1");
	const struct alloc_line *ide = find_line(&r, 0, "IDE1");
	const struct alloc_line *kine = find_line(&r, 0, "KINE1");
	cr_assert(rat_is(gp->value, 10, 1), "%s", ratstr(gp->value));
	cr_assert_eq(gp->factor, 8000);
	cr_assert(rat_is(gp->weight, 800, 1), "%s", ratstr(gp->weight));
	cr_assert(rat_is(ide->value, 6, 1));
	cr_assert_eq(ide->factor, 5000);
	cr_assert(rat_is(ide->weight, 300, 1));
	cr_assert(rat_is(kine->value, 20, 1));
	cr_assert_eq(kine->factor, 0);
	cr_assert(rat_is(kine->weight, 0, 1));
	cr_assert_eq(gp->cents, 80000);
	cr_assert_eq(ide->cents, 30000);
	cr_assert_eq(kine->cents, 0);
	cr_assert(rat_is(kine->exact, 0, 1));
	alloc_result_fini(&r);

	/* No rates: factor 0 (not used), weight = hours. */
	for (size_t i = 0; i < k->pools[0].n_rates; i++)
		free(k->pools[0].rates[i].profession);
	free(k->pools[0].rates);
	k->pools[0].rates = NULL;
	k->pools[0].n_rates = 0;
	cr_assert_eq(trun(k, 36000, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	gp = find_line(&r, 0, "GP1");
	cr_assert_eq(gp->factor, 0);
	cr_assert(rat_is(gp->weight, 10, 1));
	cr_assert_eq(gp->cents, 10000);
	cr_assert_eq(find_line(&r, 0, "IDE1")->cents, 6000);
	cr_assert_eq(find_line(&r, 0, "KINE1")->cents, 20000);
	alloc_result_fini(&r);

	/* An empty kinds list counts every kind: GP1 15 h, IDE1 6, KINE1 20
	 * (W = 41); A = 41.00: 15.00, 6.00, 20.00. */
	strlist_fini(&k->pools[0].kinds);
	cr_assert_eq(trun(k, 4100, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert_eq(find_line(&r, 0, "GP1")->cents, 1500);
	cr_assert(rat_is(find_line(&r, 0, "GP1")->value, 15, 1));
	alloc_result_fini(&r);
	key_free(k);
}

/* Patients over 2025 (365 days). GP1: 36500 patient-days (average 100),
 * 50 patients on 31 December; GP2: 18251 patient-days (average 18251/365,
 * just over 50), 150 at the end. A = 300.00 EUR = 30000 cents.
 * Average: weights 36500 and 18251 over 365, W = 54751/365.
 *   GP1 30000 * 36500 / 54751 = 1095000000/54751 = 19999 rem 34751
 *   GP2 30000 * 18251 / 54751 =  547530000/54751 = 10000 rem 20000
 *   floors 29999, the cent to GP1 (34751 > 20000): 20000 and 10000.
 * At the end: 50 vs 150: 7500 and 22500. */
Test(alloc, patients_average_and_at_end)
{
	struct key *k = tkey_new();
	tpool(k, "Patients", 10000, BASIS_PATIENTS);
	struct alloc_member m[] = {
		tmem("GP2", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	m[0].patient_days = 18251, m[0].patients_end = 150;
	m[1].patient_days = 36500, m[1].patients_end = 50;
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 30000, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	const struct alloc_line *g1 = find_line(&r, 0, "GP1");
	const struct alloc_line *g2 = find_line(&r, 0, "GP2");
	cr_assert(rat_is(g1->value, 100, 1), "%s", ratstr(g1->value));
	cr_assert(rat_is(g2->value, 18251, 365), "%s", ratstr(g2->value));
	cr_assert(rat_is(g1->exact, 1095000000, 54751), "%s", ratstr(g1->exact));
	cr_assert(rat_is(g2->exact, 547530000, 54751), "%s", ratstr(g2->exact));
	cr_assert_eq(g1->cents, 20000);
	cr_assert(g1->leftover);
	cr_assert_eq(g2->cents, 10000);
	cr_assert_not(g2->leftover);
	alloc_result_fini(&r);

	k->pools[0].at_end = true;
	cr_assert_eq(trun(k, 30000, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	g1 = find_line(&r, 0, "GP1");
	g2 = find_line(&r, 0, "GP2");
	cr_assert(rat_is(g1->value, 50, 1));
	cr_assert(rat_is(g2->value, 150, 1));
	cr_assert_eq(g1->cents, 7500);
	cr_assert_eq(g2->cents, 22500);
	alloc_result_fini(&r);
	key_free(k);
}

/* Points GP1 = 3.00, IDE2 = 1.50; SEC3 is not listed: 0 points, a line
 * with 0 cents. A = 90.00: GP1 9000 * 300 / 450 = 6000, IDE2 3000. */
Test(alloc, points_unlisted_member_gets_zero)
{
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "Responsibilities", 10000, BASIS_POINTS);
	tpoints(p, "GP1", 300);
	tpoints(p, "IDE2", 150);
	struct alloc_member m[] = {
		tmem("SEC3", "secretary", "salaried", civil(2020, 1, 1), DATE_NONE),
		tmem("IDE2", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 9000, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 3);
	cr_assert(rat_is(find_line(&r, 0, "GP1")->value, 3, 1));
	cr_assert(rat_is(find_line(&r, 0, "IDE2")->value, 3, 2));
	cr_assert_eq(find_line(&r, 0, "GP1")->cents, 6000);
	cr_assert_eq(find_line(&r, 0, "IDE2")->cents, 3000);
	const struct alloc_line *sec = find_line(&r, 0, "SEC3");
	cr_assert_eq(sec->cents, 0);
	cr_assert(rat_is(sec->weight, 0, 1));
	cr_assert_not(sec->leftover);
	alloc_result_fini(&r);
	key_free(k);
}

/* FTE 100, 80, 50 (hundredths): values 1, 4/5, 1/2; W = 2.3.
 * A = 230.00: 10000, 8000, 5000. Then A = 1.00 EUR = 100 cents:
 * exact 100/2.3 = 43.47..., 34.78..., 21.73...: floors 43 + 34 + 21 = 98,
 * remainders (x 230): 100*100 mod 230 = 110, 100*80 mod 230 = 180,
 * 100*50 mod 230 = 170: the two cents go to B (180) and C (170):
 * A 43, B 35, C 22. */
Test(alloc, fte)
{
	struct key *k = tkey_new();
	tpool(k, "Working time", 10000, BASIS_FTE);
	struct alloc_member m[] = {
		tmem("A", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("B", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("C", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	m[1].fte = 80;
	m[2].fte = 50;
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 23000, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert(rat_is(find_line(&r, 0, "B")->value, 4, 5));
	cr_assert(rat_is(find_line(&r, 0, "C")->weight, 1, 2));
	cr_assert_eq(find_line(&r, 0, "A")->cents, 10000);
	cr_assert_eq(find_line(&r, 0, "B")->cents, 8000);
	cr_assert_eq(find_line(&r, 0, "C")->cents, 5000);
	alloc_result_fini(&r);

	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_END, m, 3, &r, &e), ST_OK);
	cr_assert_eq(find_line(&r, 0, "A")->cents, 43);
	cr_assert_not(find_line(&r, 0, "A")->leftover);
	cr_assert_eq(find_line(&r, 0, "B")->cents, 35);
	cr_assert(find_line(&r, 0, "B")->leftover);
	cr_assert_eq(find_line(&r, 0, "C")->cents, 22);
	cr_assert(rat_is(find_line(&r, 0, "A")->exact, 1000, 23));
	alloc_result_fini(&r);
	key_free(k);
}

/* Filters: statuses, professions, groups, members, all must match. */
Test(alloc, filters)
{
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("GP2", "gp", "salaried", civil(2020, 1, 1), DATE_NONE),
		tmem("IDE1", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("SEC1", "secretary", "salaried", civil(2020, 1, 1), DATE_NONE),
	};
	m[3].group = "admin";
	struct { const char *what, *value, *expect; } cases[] = {
		{ "statuses", "associate", "GP1,IDE1," },
		{ "professions", "gp", "GP1,GP2," },
		{ "groups", "paramedical", "IDE1," },
		{ "members", "SEC1", "SEC1," },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct key *k = tkey_new();
		struct key_pool *p = tpool(k, "F", 10000, BASIS_EQUAL);
		struct strlist *l = strcmp(cases[c].what, "statuses") == 0 ? &p->statuses :
		                    strcmp(cases[c].what, "professions") == 0 ? &p->professions :
		                    strcmp(cases[c].what, "groups") == 0 ? &p->groups : &p->members;
		tlist(l, cases[c].value);
		struct alloc_result r;
		struct err e = ERR_INIT;
		cr_assert_eq(trun(k, 1000, Y2025_START, Y2025_END, m, 4, &r, &e), ST_OK);
		char got[64] = "";
		for (size_t i = 0; i < r.n_lines; i++) {
			strcat(got, r.lines[i].recipient);
			strcat(got, ",");
		}
		cr_assert_str_eq(got, cases[c].expect, "filter %s", cases[c].what);
		alloc_result_fini(&r);
		key_free(k);
	}
	/* Two filters at once: associate AND gp. */
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "F", 10000, BASIS_EQUAL);
	tlist(&p->statuses, "associate");
	tlist(&p->professions, "gp");
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 1000, Y2025_START, Y2025_END, m, 4, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 1);
	cr_assert_str_eq(r.lines[0].recipient, "GP1");
	cr_assert_eq(r.lines[0].cents, 1000);
	alloc_result_fini(&r);
	key_free(k);
}

/* One day of presence counts: joined on the period's last day. */
Test(alloc, one_day_is_active)
{
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "Equal", 10000, BASIS_EQUAL);
	p->prorata = true;
	struct alloc_member m[] = {
		tmem("A", "gp", "associate", civil(2025, 12, 31), DATE_NONE),
		tmem("B", "gp", "associate", civil(2024, 1, 1), civil(2025, 1, 1)),
	};
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 1000, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 2);
	cr_assert(rat_is(r.lines[0].presence, 1, 365));
	cr_assert(rat_is(r.lines[1].presence, 1, 365));
	cr_assert_eq(r.lines[0].cents, 500);
	alloc_result_fini(&r);
	key_free(k);
}

/* 1 cent over 100 equal members: exactly one gets it, the smallest code
 * in byte order, whatever the input order ("M000" < "M001" < ...;
 * uppercase before lowercase in byte order, so "Z" < "a"). */
Test(alloc, one_cent_hundred_members)
{
	struct key *k = tkey_new();
	tpool(k, "Equal", 10000, BASIS_EQUAL);
	char codes[100][8];
	struct alloc_member m[100];
	for (int i = 0; i < 100; i++) {
		/* Input order scrambled: 37 is coprime with 100. */
		int c = (i * 37 + 11) % 100;
		snprintf(codes[i], sizeof codes[i], "%c%03d", c < 50 ? 'a' : 'Z', c);
		m[i] = tmem(codes[i], "gp", "associate", civil(2020, 1, 1), DATE_NONE);
	}
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 1, Y2025_START, Y2025_END, m, 100, &r, &e), ST_OK);
	cr_assert_eq(r.n_lines, 100);
	int winners = 0;
	for (size_t i = 0; i < r.n_lines; i++) {
		if (i > 0)
			cr_assert(strcmp(r.lines[i - 1].recipient, r.lines[i].recipient) < 0);
		if (r.lines[i].cents == 1) {
			winners++;
			cr_assert_str_eq(r.lines[i].recipient, "Z050");
			cr_assert(r.lines[i].leftover);
		} else {
			cr_assert_eq(r.lines[i].cents, 0);
		}
		cr_assert(rat_is(r.lines[i].exact, 1, 100));
	}
	cr_assert_eq(winners, 1);
	alloc_result_fini(&r);
	key_free(k);
}

/* alloc_apportion directly. */
Test(alloc, apportion_direct)
{
	/* 10 cents over 1:1:1 -> 4,3,3 (tie to rank 0 by index). */
	i128 w[] = { 1, 1, 1 };
	int64_t out[3] = { -1, -1, -1 };
	bool lo[3];
	cr_assert(alloc_apportion(10, w, NULL, 3, out, lo));
	cr_assert(out[0] == 4 && out[1] == 3 && out[2] == 3);
	cr_assert(lo[0] && !lo[1] && !lo[2]);
	/* With ranks: the one of rank 0 is index 2. */
	size_t rank[] = { 2, 1, 0 };
	cr_assert(alloc_apportion(10, w, rank, 3, out, NULL));
	cr_assert(out[0] == 3 && out[1] == 3 && out[2] == 4);
	/* 2 cents over 1:1:1 -> two winners, ranks 0 and 1. */
	cr_assert(alloc_apportion(2, w, rank, 3, out, lo));
	cr_assert(out[0] == 0 && out[1] == 1 && out[2] == 1);
	/* Largest remainder beats rank: 7 over 2:5 -> 2, 5 exact; 8 over 1:2:4:
	 * 8/7, 16/7, 32/7 -> 1, 2, 4 (floors 7); rems 1, 2, 4 -> the cent to
	 * the last, though it has the largest index. */
	i128 w2[] = { 1, 2, 4 };
	cr_assert(alloc_apportion(8, w2, NULL, 3, out, lo));
	cr_assert(out[0] == 1 && out[1] == 2 && out[2] == 5);
	cr_assert(!lo[0] && !lo[1] && lo[2]);
	/* Refusals write nothing. */
	int64_t keep[3] = { 7, 7, 7 };
	i128 z[] = { 0, 0, 0 };
	cr_assert_not(alloc_apportion(10, z, NULL, 3, keep, NULL));
	i128 big[] = { I128_MAX / 2, 3 };
	cr_assert_not(alloc_apportion(INT64_MAX, big, NULL, 2, keep, NULL));
	i128 neg[] = { 5, -1 };
	cr_assert_not(alloc_apportion(10, neg, NULL, 2, keep, NULL));
	cr_assert_not(alloc_apportion(-1, w, NULL, 3, keep, NULL));
	cr_assert_not(alloc_apportion(10, w, NULL, 0, keep, NULL));
	cr_assert(keep[0] == 7 && keep[1] == 7 && keep[2] == 7);
	/* Zero weights among others get 0. */
	i128 w3[] = { 0, 3, 0 };
	cr_assert(alloc_apportion(INT64_MAX, w3, NULL, 3, out, NULL));
	cr_assert(out[0] == 0 && out[1] == INT64_MAX && out[2] == 0);
}

/* ------------------------------------------------------------------ */
/* Refusals                                                            */
/* ------------------------------------------------------------------ */

static void expect_refusal(const struct key *k, int64_t amount,
                           const struct alloc_member *m, size_t n,
                           enum status st, const char *const *needles)
{
	struct alloc_result r;
	memset(&r, 0xab, sizeof r);   /* must come back zeroed */
	struct err e = ERR_INIT;
	enum status got = trun(k, amount, Y2025_START, Y2025_END, m, n, &r, &e);
	cr_assert_eq(got, st, "status %d, message: %s", got, e.msg ? e.msg : "(none)");
	cr_assert_eq(e.status, st);
	cr_assert(e.msg);
	for (size_t i = 0; needles[i]; i++)
		cr_assert(strstr(e.msg, needles[i]), "\"%s\" not in: %s", needles[i], e.msg);
	cr_assert(result_is_empty(&r));
	err_fini(&e);
}

/* A = 100.00; Coordinator post 80.00 fixed + Operating costs 30 % =
 * 30.00: 110.00 reserved, 10.00 short. */
Test(alloc, refuse_reservations_exceed)
{
	struct key *k = tkey_new();
	tres(k, "Coordinator post", "post:COORD", false, 8000);
	tres(k, "Operating costs", "operating", true, 3000);
	tpool(k, "Equal share", 10000, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	const char *needles[] = { "\"Coordinator post\" 80.00", "\"Operating costs\" 30.00",
	                          "110.00", "100.00", "10.00 short", NULL };
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	/* 8000 + floor(11427 x 0.3 = 3428.1) = 11428: one cent short. */
	const char *n2[] = { "\"Operating costs\" 34.28", "0.01 short", NULL };
	expect_refusal(k, 11427, m, 1, ST_REFUSED, n2);
	/* 8000 + floor(11428 x 0.3 = 3428.4) = 11428: exactly the amount is
	 * fine, R = 0 and the line gets 0. */
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 11428, Y2025_START, Y2025_END, m, 1, &r, &e), ST_OK);
	cr_assert_eq(r.remainder, 0);
	cr_assert_eq(r.n_lines, 3);
	cr_assert_eq(r.lines[2].cents, 0);
	alloc_result_fini(&r);
	/* 8000 + floor(11429 x 0.3 = 3428.7) = 11428: R = 1. */
	cr_assert_eq(trun(k, 11429, Y2025_START, Y2025_END, m, 1, &r, &e), ST_OK);
	cr_assert_eq(r.reserved, 11428);
	cr_assert_eq(r.lines[2].cents, 1);
	alloc_result_fini(&r);
	key_free(k);
}

Test(alloc, refuse_rates_not_100)
{
	struct key *k = tkey_new();
	tpool(k, "Equal share", 3000, BASIS_EQUAL);
	tpool(k, "Involvement", 6500, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	const char *needles[] = { "pool rates add up to 95.00 %, not 100 %", NULL };
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	k->pools[1].rate_bp = 7001;
	const char *n2[] = { "100.01 %", NULL };
	expect_refusal(k, 10000, m, 1, ST_REFUSED, n2);
	/* No pool at all: 0 %. */
	struct key *k0 = tkey_new();
	const char *n3[] = { "0.00 %", NULL };
	expect_refusal(k0, 10000, m, 1, ST_REFUSED, n3);
	/* A negative rate, even if the total is 100. */
	k->pools[0].rate_bp = -1000;
	k->pools[1].rate_bp = 11000;
	const char *n4[] = { "\"Equal share\"", "negative", NULL };
	expect_refusal(k, 10000, m, 1, ST_REFUSED, n4);
	key_free(k0);
	key_free(k);
}

Test(alloc, refuse_no_eligible_member)
{
	struct key *k = tkey_new();
	tpool(k, "Equal share", 3000, BASIS_EQUAL);
	struct key_pool *p = tpool(k, "Involvement", 7000, BASIS_EQUAL);
	tlist(&p->statuses, "associate");
	struct alloc_member m[] = {
		tmem("SEC1", "secretary", "salaried", civil(2020, 1, 1), DATE_NONE),
		/* An associate who left before the period. */
		tmem("GP9", "gp", "associate", civil(2020, 1, 1), civil(2024, 12, 31)),
		/* And one who joins after it. */
		tmem("GP8", "gp", "associate", civil(2026, 1, 1), DATE_NONE),
	};
	const char *needles[] = { "pool \"Involvement\": no eligible member in the period", NULL };
	expect_refusal(k, 10000, m, 3, ST_REFUSED, needles);
	/* No members at all: the first pool is named. */
	const char *n2[] = { "pool \"Equal share\": no eligible member", NULL };
	expect_refusal(k, 10000, m, 0, ST_REFUSED, n2);
	key_free(k);
}

Test(alloc, refuse_zero_weight)
{
	struct key *k = tkey_new();
	tpool(k, "Equal share", 3000, BASIS_EQUAL);
	struct key_pool *p = tpool(k, "Involvement", 7000, BASIS_POINTS);
	tpoints(p, "NOBODY", 100);
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	const char *needles[] = { "pool \"Involvement\": the weights add up to zero", NULL };
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	/* Hours: nobody logged any. */
	k->pools[1].basis = BASIS_HOURS;
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	/* Hours with rates, only for a profession nobody has. */
	trate(&k->pools[1], "dentist", 8000);
	struct alloc_hours h[] = { { "RCP", 100 } };
	m[0].hours = h;
	m[0].n_hours = 1;
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	/* fte 0 */
	k->pools[1].basis = BASIS_FTE;
	m[0].fte = 0;
	expect_refusal(k, 10000, m, 1, ST_REFUSED, needles);
	key_free(k);
}

Test(alloc, refuse_negative_amount_and_bad_period)
{
	struct key *k = tkey_new();
	tpool(k, "Equal share", 10000, BASIS_EQUAL);
	struct alloc_member m[] = {
		tmem("GP1", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	const char *needles[] = { "-0.01", "negative", NULL };
	expect_refusal(k, -1, m, 1, ST_REFUSED, needles);
	const char *n2[] = { "-92233720368547758.08", NULL };
	expect_refusal(k, INT64_MIN, m, 1, ST_REFUSED, n2);

	struct alloc_result r;
	memset(&r, 0xab, sizeof r);
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, 100, Y2025_END, Y2025_START, m, 1, &r, &e), ST_INVALID);
	cr_assert(strstr(e.msg, "empty"), "%s", e.msg);
	cr_assert(result_is_empty(&r));
	err_fini(&e);
	cr_assert_eq(trun(k, 100, Y2025_START, DATE_NONE, m, 1, &r, &e), ST_INVALID);
	err_fini(&e);
	/* One-day period is fine. */
	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_START, m, 1, &r, &e), ST_OK);
	alloc_result_fini(&r);
	/* Duplicate codes would make the tie rule ambiguous. */
	struct alloc_member d[] = { m[0], m[0] };
	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_END, d, 2, &r, &e), ST_INVALID);
	cr_assert(strstr(e.msg, "\"GP1\" appears twice"), "%s", e.msg);
	err_fini(&e);
	/* Negative basis values. */
	k->pools[0].basis = BASIS_FTE;
	m[0].fte = -5;
	cr_assert_eq(trun(k, 100, Y2025_START, Y2025_END, m, 1, &r, &e), ST_INVALID);
	cr_assert(strstr(e.msg, "GP1"), "%s", e.msg);
	err_fini(&e);
	key_free(k);
}

/* Amount INT64_MAX and hours near INT64_MAX with rates 80 and 50: weights
 * about 2^63 x 8000 and 2^63 x 5000 with gcd 1, and P x w ~ 2^139 does not
 * fit 128 bits: refused, never wrapped. The same amount over equal
 * weights works exactly: (2^63 - 1) / 2 = 4611686018427387903.5, the odd
 * cent to A. */
Test(alloc, refuse_overflow_near_int64_max)
{
	struct key *k = tkey_new();
	struct key_pool *p = tpool(k, "Involvement", 10000, BASIS_HOURS);
	trate(p, "gp", 8000);
	trate(p, "nurse", 5000);
	struct alloc_hours h1[] = { { "RCP", INT64_MAX } };
	struct alloc_hours h2[] = { { "RCP", INT64_MAX - 2 } };
	struct alloc_member m[] = {
		tmem("A", "gp", "associate", civil(2020, 1, 1), DATE_NONE),
		tmem("B", "nurse", "associate", civil(2020, 1, 1), DATE_NONE),
	};
	m[0].hours = h1, m[0].n_hours = 1;
	m[1].hours = h2, m[1].n_hours = 1;
	const char *needles[] = { "\"Involvement\"", "too large", NULL };
	expect_refusal(k, INT64_MAX, m, 2, ST_OVERFLOW, needles);

	k->pools[0].basis = BASIS_EQUAL;
	struct alloc_result r;
	struct err e = ERR_INIT;
	cr_assert_eq(trun(k, INT64_MAX, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	cr_assert_eq(r.lines[0].cents, INT64_MAX / 2 + 1);
	cr_assert_eq(r.lines[1].cents, INT64_MAX / 2);
	cr_assert(rat_is(r.lines[0].exact, INT64_MAX, 2));
	alloc_result_fini(&r);

	/* Prorata fte at INT64_MAX: weights 100 x 365 and 50 x 184, fine. */
	k->pools[0].basis = BASIS_FTE;
	k->pools[0].prorata = true;
	m[1].fte = 50;
	m[1].joined = civil(2025, 7, 1);
	cr_assert_eq(trun(k, INT64_MAX, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	/* W = 36500 + 9200 = 45700; A: (2^63-1) x 36500 / 45700. */
	i128 num = (i128)INT64_MAX * 36500;
	cr_assert_eq(r.lines[0].cents + r.lines[1].cents, INT64_MAX);
	cr_assert(r.lines[0].cents == (int64_t)(num / 45700) ||
	          r.lines[0].cents == (int64_t)(num / 45700) + 1);
	cr_assert(rat_is(r.lines[0].exact, rat_make(num, 45700).num, rat_make(num, 45700).den));
	alloc_result_fini(&r);

	/* A reservation rate at INT64_MAX: floor((2^63-1) x 1250 / 10000). */
	tres(k, "Operating", "operating", true, 1250);
	cr_assert_eq(trun(k, INT64_MAX, Y2025_START, Y2025_END, m, 2, &r, &e), ST_OK);
	cr_assert_eq(r.lines[0].cents, (int64_t)((i128)INT64_MAX * 1250 / 10000));
	cr_assert_eq(r.lines[0].cents, 1152921504606846975);
	alloc_result_fini(&r);
	key_free(k);
}

Test(alloc, key_free_null_and_basis_names)
{
	key_free(NULL);
	alloc_result_fini(NULL);
	enum basis b;
	const char *names[] = { "equal", "fte", "patients", "hours", "points" };
	for (int i = 0; i < 5; i++) {
		cr_assert_str_eq(basis_name((enum basis)i), names[i]);
		cr_assert(basis_parse(names[i], &b) && b == (enum basis)i);
	}
	cr_assert_not(basis_parse("Equal", &b));
	cr_assert_not(basis_parse("", &b));
	cr_assert_not(basis_parse(NULL, &b));
	struct strlist l = { 0 };
	cr_assert_not(strlist_has(&l, "x"));
	tlist(&l, "RCP");
	tlist(&l, "protocol");
	cr_assert(strlist_has(&l, "protocol"));
	cr_assert_not(strlist_has(&l, "rcp"));
	cr_assert_not(strlist_has(&l, NULL));
	strlist_fini(&l);
	cr_assert(l.n == 0 && l.v == NULL);
	strlist_fini(&l);
}

/* ------------------------------------------------------------------ */
/* Property tests                                                      */
/* ------------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for tests (n > 0). */
static uint64_t rnd(uint64_t *s, uint64_t n)
{
	return splitmix64(s) % n;
}

static uint64_t master_seed(void)
{
	static uint64_t seed;
	static bool done;
	if (!done) {
		const char *env = getenv("QP_SEED");
		seed = env && *env ? strtoull(env, NULL, 0)
		                   : (uint64_t)time(NULL) * 2654435761u;
		done = true;
	}
	return seed;
}

static const char *const STATUSES[] = { "associate", "salaried", "external" };
static const char *const PROFS[] = { "gp", "nurse", "physio", "secretary", "midwife" };
static const char *const GROUPS[] = { "medical", "paramedical", "admin" };
static const char *const KINDS[] = { "RCP", "protocol", "coord", "meeting" };
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct pcase {
	struct key *key;
	struct alloc_member *m;
	size_t n;
	char **codes;
	struct alloc_hours **hours;
	int64_t amount;
	int32_t start, end;
};

static void pcase_free(struct pcase *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->codes[i]);
		free(c->hours[i]);
	}
	free(c->codes);
	free(c->hours);
	free(c->m);
	key_free(c->key);
	memset(c, 0, sizeof *c);
}

/* big: amounts near INT64_MAX and some huge basis values. */
static void pcase_gen(struct pcase *c, uint64_t *s, bool big)
{
	memset(c, 0, sizeof *c);
	/* Period: a calendar year, or any 1..400 days. */
	int y = 2020 + (int)rnd(s, 8);
	if (rnd(s, 3) == 0) {
		c->start = civil(y, 1, 1);
		c->end = civil(y, 12, 31);
	} else {
		c->start = civil(y, 1, 1) + (int32_t)rnd(s, 365);
		c->end = c->start + (int32_t)rnd(s, 400);
	}
	int32_t days = c->end - c->start + 1;

	/* Members, unique codes of 1-4 letters from a small alphabet so that
	 * prefixes and case differences meet ("A" < "AB" < "a"). */
	c->n = 1 + rnd(s, 100);
	c->m = calloc(c->n, sizeof *c->m);
	c->codes = calloc(c->n, sizeof *c->codes);
	c->hours = calloc(c->n, sizeof *c->hours);
	cr_assert(c->m && c->codes && c->hours);
	for (size_t i = 0; i < c->n; i++) {
		char code[32];
		bool dup;
		do {
			size_t len = 1 + rnd(s, 4);
			for (size_t j = 0; j < len; j++)
				code[j] = "ABab"[rnd(s, 4)];
			code[len] = '\0';
			dup = false;
			for (size_t j = 0; j < i; j++)
				if (strcmp(c->codes[j], code) == 0)
					dup = true;
			if (dup && rnd(s, 2) == 0) {
				snprintf(code, sizeof code, "Z%zu", i);
				dup = false;
			}
		} while (dup);
		c->codes[i] = xstrdup(code);
		struct alloc_member *m = &c->m[i];
		m->code = c->codes[i];
		size_t pi = rnd(s, NELEM(PROFS));
		m->profession = PROFS[pi];
		m->group = pi == 0 ? GROUPS[0] : pi == 3 ? GROUPS[2] : GROUPS[1];
		m->status = STATUSES[rnd(s, NELEM(STATUSES))];
		m->joined = c->start - 400 + (int32_t)rnd(s, (uint64_t)days + 430);
		m->left = rnd(s, 2) ? DATE_NONE : m->joined + (int32_t)rnd(s, 800);
		m->fte = (int32_t)rnd(s, 101);
		m->patient_days = (int64_t)rnd(s, 1500 * (uint64_t)days + 1);
		m->patients_end = (int64_t)rnd(s, 1500);
		if (rnd(s, 8) == 0)
			m->patient_days = m->patients_end = 0;
		size_t nh = rnd(s, 5);
		c->hours[i] = calloc(nh ? nh : 1, sizeof **c->hours);
		cr_assert(c->hours[i]);
		for (size_t j = 0; j < nh; j++) {
			c->hours[i][j].kind = KINDS[rnd(s, NELEM(KINDS))];
			c->hours[i][j].hours = (int64_t)rnd(s, 20001);
			if (big && rnd(s, 4) == 0)
				c->hours[i][j].hours = (int64_t)(splitmix64(s) >> 2);
		}
		m->hours = c->hours[i];
		m->n_hours = nh;
	}

	c->key = tkey_new();
	struct key *k = c->key;
	c->amount = big ? INT64_MAX - (int64_t)rnd(s, 1 << 20)
	                : (int64_t)rnd(s, rnd(s, 4) == 0 ? 1000 : 10000000000);
	size_t nres = rnd(s, 4);
	for (size_t i = 0; i < nres; i++) {
		char label[32];
		snprintf(label, sizeof label, "Res %zu", i);
		if (rnd(s, 2))
			tres(k, label, "operating", true, (int64_t)rnd(s, 3001));
		else
			tres(k, label, "post:X", false,
			     (int64_t)rnd(s, (uint64_t)(c->amount / 3 + 2)));
	}
	size_t np = 1 + rnd(s, 5);
	int32_t left_bp = 10000;
	for (size_t i = 0; i < np; i++) {
		char label[32];
		snprintf(label, sizeof label, "Pool %zu", i);
		int32_t bp = i + 1 == np ? left_bp : (int32_t)rnd(s, (uint64_t)left_bp + 1);
		left_bp -= bp;
		struct key_pool *p = tpool(k, label, bp, (enum basis)rnd(s, 5));
		p->prorata = rnd(s, 2);
		p->at_end = rnd(s, 2);
		/* Filters: mostly none, so that most cases succeed. */
		if (rnd(s, 4) == 0)
			for (size_t j = 0; j < NELEM(STATUSES); j++)
				if (rnd(s, 2))
					tlist(&p->statuses, STATUSES[j]);
		if (rnd(s, 6) == 0)
			for (size_t j = 0; j < NELEM(PROFS); j++)
				if (rnd(s, 2))
					tlist(&p->professions, PROFS[j]);
		if (rnd(s, 6) == 0)
			for (size_t j = 0; j < NELEM(GROUPS); j++)
				if (rnd(s, 2))
					tlist(&p->groups, GROUPS[j]);
		if (rnd(s, 8) == 0)
			for (size_t j = 0; j < c->n; j++)
				if (rnd(s, 2))
					tlist(&p->members, c->codes[j]);
		if (p->basis == BASIS_HOURS) {
			for (size_t j = 0; j < NELEM(KINDS); j++)
				if (rnd(s, 2))
					tlist(&p->kinds, KINDS[j]);
			if (rnd(s, 2))
				for (size_t j = 0; j < NELEM(PROFS); j++)
					if (rnd(s, 3))
						trate(p, PROFS[j], (int64_t)rnd(s, 20001));
		}
		if (p->basis == BASIS_POINTS)
			for (size_t j = 0; j < c->n; j++)
				if (rnd(s, 3))
					tpoints(p, c->codes[j], (int64_t)rnd(s, 1001));
	}
	/* Now and then a rate total that is not 100 %. */
	if (rnd(s, 40) == 0) {
		size_t which = rnd(s, np);
		k->pools[which].rate_bp += (int32_t)rnd(s, 3) - 1;
	}
}

/* ---- the reference: written separately, slow and simple ---- */

static bool ref_radd(struct rat a, struct rat b, struct rat *out)
{
	i128 x, y, d;
	if (!i128_mul(a.num, b.den, &x) || !i128_mul(b.num, a.den, &y) ||
	    !i128_add(x, y, &x) || !i128_mul(a.den, b.den, &d))
		return false;
	*out = rat_make(x, d);
	return true;
}

static bool ref_rmul(struct rat a, struct rat b, struct rat *out)
{
	i128 x, d;
	if (!i128_mul(a.num, b.num, &x) || !i128_mul(a.den, b.den, &d))
		return false;
	*out = rat_make(x, d);
	return true;
}

/* Compare a/b with c/d (all >= 0, b, d > 0) without any product, by
 * continued fractions: -1, 0, 1. */
static int ref_cmp(u128 a, u128 b, u128 c, u128 d)
{
	for (;;) {
		u128 qa = a / b, qc = c / d;
		if (qa != qc)
			return qa < qc ? -1 : 1;
		a %= b;
		c %= d;
		if (a == 0 || c == 0)
			return (a == 0 && c == 0) ? 0 : a == 0 ? -1 : 1;
		/* Both fractional now: a/b < c/d  <=>  b/a > d/c  <=>
		 * d/c < b/a, the same sign with larger integer parts. */
		u128 ta = a, tb = b;
		a = d;
		b = c;
		c = tb;
		d = ta;
	}
}

struct ref_line {
	size_t member;         /* index in the case's members */
	struct rat value, presence, weight, exact;
	int64_t factor, cents;
	bool leftover;
};

/* Hamilton with rationals: exact_i = P w_i / W; winners of the leftover
 * cents by counting, for each line, the lines that beat it (O(n^2)).
 * Lines must be in tie order already. */
static bool ref_hamilton(int64_t p, struct ref_line *l, size_t n)
{
	struct rat w = { 0, 1 };
	for (size_t i = 0; i < n; i++)
		if (!ref_radd(w, l[i].weight, &w))
			return false;
	if (w.num == 0)
		return false;
	int64_t given = 0;
	for (size_t i = 0; i < n; i++) {
		struct rat share;
		if (!ref_rmul(l[i].weight, rat_make(p, 1), &share) ||
		    !ref_rmul(share, rat_make(w.den, w.num), &l[i].exact))
			return false;
		l[i].cents = (int64_t)(l[i].exact.num / l[i].exact.den);
		given += l[i].cents;
	}
	int64_t left = p - given;
	for (size_t i = 0; i < n; i++) {
		u128 ri = (u128)(l[i].exact.num % l[i].exact.den), di = (u128)l[i].exact.den;
		int64_t beaten = 0;
		for (size_t j = 0; j < n; j++) {
			if (j == i)
				continue;
			u128 rj = (u128)(l[j].exact.num % l[j].exact.den), dj = (u128)l[j].exact.den;
			int c = ref_cmp(rj, dj, ri, di);
			if (c > 0 || (c == 0 && j < i))
				beaten++;
		}
		l[i].leftover = beaten < left;
		l[i].cents += l[i].leftover;
	}
	return true;
}

static int64_t ref_overlap(int32_t a0, int32_t a1, int32_t b0, int32_t b1)
{
	int64_t lo = a0 < b0 ? b0 : a0;
	int64_t hi = a1 == DATE_NONE ? b1 : (a1 < b1 ? a1 : b1);
	return hi < lo ? 0 : hi - lo + 1;
}

static bool ref_in(const struct strlist *l, const char *s)
{
	if (l->n == 0)
		return true;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

struct ref_pool {
	struct ref_line *l;
	size_t n;
};

struct ref {
	enum status st;
	size_t failed_pool;     /* the pool refused, or SIZE_MAX */
	int64_t *res;
	int64_t reserved;
	int64_t *pools;
	struct ref_pool *p;
	size_t np;
	bool computed;          /* false: the reference itself overflowed */
};

static void ref_free(struct ref *r)
{
	for (size_t i = 0; i < r->np; i++)
		free(r->p[i].l);
	free(r->p);
	free(r->res);
	free(r->pools);
	memset(r, 0, sizeof *r);
}

static bool ref_weight(const struct pcase *c, const struct key_pool *p,
                       const struct alloc_member *m, struct ref_line *l)
{
	int64_t days = (int64_t)c->end - c->start + 1;
	int64_t active = ref_overlap(m->joined, m->left, c->start, c->end);
	l->presence = p->prorata ? rat_make(active, days) : rat_make(1, 1);
	l->factor = 0;
	struct rat f = rat_make(1, 1);
	switch (p->basis) {
	case BASIS_EQUAL:
		l->value = rat_make(1, 1);
		break;
	case BASIS_FTE:
		l->value = rat_make(m->fte, 100);
		break;
	case BASIS_PATIENTS:
		l->value = p->at_end ? rat_make(m->patients_end, 1)
		                     : rat_make(m->patient_days, days);
		break;
	case BASIS_HOURS: {
		i128 h = 0;
		for (size_t i = 0; i < m->n_hours; i++)
			if (ref_in(&p->kinds, m->hours[i].kind) &&
			    !i128_add(h, m->hours[i].hours, &h))
				return false;
		l->value = rat_make(h, 100);
		if (p->n_rates > 0) {
			for (size_t i = 0; i < p->n_rates; i++)
				if (strcmp(p->rates[i].profession, m->profession) == 0) {
					l->factor = p->rates[i].rate;
					break;
				}
			f = rat_make(l->factor, 100);
		}
		break;
	}
	case BASIS_POINTS:
		l->value = rat_make(0, 1);
		for (size_t i = 0; i < p->n_points; i++)
			if (strcmp(p->points[i].member, m->code) == 0) {
				l->value = rat_make(p->points[i].points, 100);
				break;
			}
		break;
	}
	struct rat vf;
	return ref_rmul(l->value, f, &vf) && ref_rmul(vf, l->presence, &l->weight);
}

/* The whole contract, step by step, independently of the engine. */
static void ref_run(const struct pcase *c, struct ref *r)
{
	const struct key *k = c->key;
	memset(r, 0, sizeof *r);
	r->computed = true;
	r->failed_pool = SIZE_MAX;
	int64_t bp = 0;
	for (size_t i = 0; i < k->n_pools; i++) {
		if (k->pools[i].rate_bp < 0) {
			r->st = ST_REFUSED;
			return;
		}
		bp += k->pools[i].rate_bp;
	}
	if (bp != 10000) {
		r->st = ST_REFUSED;
		return;
	}
	r->res = calloc(k->n_res + 1, sizeof *r->res);
	cr_assert(r->res);
	i128 sum = 0;
	for (size_t i = 0; i < k->n_res; i++) {
		const struct key_reservation *kr = &k->res[i];
		i128 v = kr->is_rate ? (i128)c->amount * kr->rate_bp / 10000 : kr->amount;
		sum += v;
		r->res[i] = (int64_t)v;
	}
	if (sum > c->amount) {
		r->st = ST_REFUSED;
		return;
	}
	r->reserved = (int64_t)sum;
	int64_t rem = c->amount - r->reserved;
	r->np = k->n_pools;
	r->pools = calloc(r->np, sizeof *r->pools);
	r->p = calloc(r->np, sizeof *r->p);
	cr_assert(r->pools && r->p);
	struct ref_line *pl = calloc(r->np, sizeof *pl);
	cr_assert(pl);
	for (size_t i = 0; i < r->np; i++)
		pl[i].weight = rat_make(k->pools[i].rate_bp, 1);
	cr_assert(ref_hamilton(rem, pl, r->np));
	for (size_t i = 0; i < r->np; i++)
		r->pools[i] = pl[i].cents;
	free(pl);

	/* Members in code order: selection sort, O(n^2) on purpose. */
	size_t *ord = calloc(c->n, sizeof *ord);
	cr_assert(ord);
	for (size_t i = 0; i < c->n; i++)
		ord[i] = i;
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = i + 1; j < c->n; j++)
			if (strcmp(c->m[ord[j]].code, c->m[ord[i]].code) < 0) {
				size_t t = ord[i];
				ord[i] = ord[j];
				ord[j] = t;
			}
	for (size_t pi = 0; pi < r->np; pi++) {
		const struct key_pool *p = &k->pools[pi];
		struct ref_pool *rp = &r->p[pi];
		rp->l = calloc(c->n, sizeof *rp->l);
		cr_assert(rp->l);
		bool any = false;
		for (size_t oi = 0; oi < c->n; oi++) {
			const struct alloc_member *m = &c->m[ord[oi]];
			if (!ref_in(&p->statuses, m->status) ||
			    !ref_in(&p->professions, m->profession) ||
			    !ref_in(&p->groups, m->group) || !ref_in(&p->members, m->code) ||
			    ref_overlap(m->joined, m->left, c->start, c->end) == 0)
				continue;
			struct ref_line *l = &rp->l[rp->n++];
			l->member = ord[oi];
			if (!ref_weight(c, p, m, l)) {
				r->computed = false;
				any = true;   /* too large to be zero */
			}
			if (l->weight.num != 0)
				any = true;
		}
		if (rp->n == 0 || !any) {
			r->st = ST_REFUSED;
			r->failed_pool = pi;
			break;
		}
		if (r->computed && !ref_hamilton(r->pools[pi], rp->l, rp->n))
			r->computed = false;
	}
	free(ord);
}

#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond))                                                 \
			cr_assert_fail(__VA_ARGS__);                         \
	} while (0)

static bool rat_eq(struct rat a, struct rat b)
{
	return a.num == b.num && a.den == b.den;
}

/* The invariants every successful result must hold. */
static void check_invariants(const struct pcase *c, const struct alloc_result *r,
                             const char *where)
{
	i128 total = 0, res = 0;
	CHECK(r->amount == c->amount, "%s: amount", where);
	CHECK(r->n_pools == c->key->n_pools, "%s: n_pools", where);
	size_t i = 0;
	for (; i < r->n_lines && r->lines[i].kind == LINE_RESERVATION; i++) {
		CHECK(r->lines[i].index == i && r->lines[i].member == SIZE_MAX, "%s", where);
		CHECK(r->lines[i].cents >= 0, "%s", where);
		res += r->lines[i].cents;
	}
	CHECK(i == c->key->n_res, "%s: reservation lines first, all of them", where);
	CHECK(res == r->reserved && r->reserved + r->remainder == c->amount,
	      "%s: reserved %lld + remainder %lld", where, (long long)r->reserved,
	      (long long)r->remainder);
	i128 pools = 0;
	for (size_t p = 0; p < r->n_pools; p++)
		pools += r->pool_amounts[p];
	CHECK(pools == r->remainder, "%s: pools add up to R", where);
	total = res;
	for (size_t p = 0; p < r->n_pools; p++) {
		i128 psum = 0;
		size_t nl = 0, nleft = 0;
		for (; i < r->n_lines && r->lines[i].index == p; i++, nl++) {
			const struct alloc_line *l = &r->lines[i];
			CHECK(l->kind == LINE_POOL, "%s", where);
			CHECK(l->member < c->n && strcmp(c->m[l->member].code, l->recipient) == 0,
			      "%s: member index", where);
			if (nl > 0)
				CHECK(strcmp(l[-1].recipient, l->recipient) < 0,
				      "%s: lines in code order", where);
			CHECK(l->exact.den > 0 && l->exact.num >= 0, "%s", where);
			i128 fl = l->exact.num / l->exact.den;
			bool integral = l->exact.num % l->exact.den == 0;
			/* floor or ceiling, and floor + leftover */
			CHECK(l->cents == fl + (l->leftover ? 1 : 0),
			      "%s: %s cents %lld, exact %s, leftover %d", where, l->recipient,
			      (long long)l->cents, ratstr(l->exact), l->leftover);
			CHECK(!(l->leftover && integral), "%s: leftover on an exact share", where);
			if (l->weight.num == 0)
				CHECK(l->cents == 0 && !l->leftover, "%s: zero weight, zero cents", where);
			CHECK(l->weight.num >= 0 && l->weight.den > 0, "%s", where);
			nleft += l->leftover;
			psum += l->cents;
		}
		CHECK(nl > 0, "%s: pool %zu has lines", where, p);
		CHECK(nleft < nl, "%s: leftover %zu < lines %zu", where, nleft, nl);
		CHECK(psum == r->pool_amounts[p], "%s: pool %zu lines add up", where, p);
		total += psum;
	}
	CHECK(i == r->n_lines, "%s: all lines accounted for", where);
	CHECK(total == c->amount, "%s: reservations + lines = A", where);
}

/* Same cents, leftovers, exact shares and recipients, line by line. */
static void check_same(const struct alloc_result *a, const struct alloc_result *b,
                       bool same_weights, const char *where)
{
	CHECK(a->n_lines == b->n_lines, "%s: %zu vs %zu lines", where, a->n_lines,
	      b->n_lines);
	for (size_t i = 0; i < a->n_lines; i++) {
		const struct alloc_line *x = &a->lines[i], *y = &b->lines[i];
		CHECK(x->kind == y->kind && x->index == y->index &&
		      strcmp(x->recipient, y->recipient) == 0, "%s: line %zu", where, i);
		CHECK(x->cents == y->cents && x->leftover == y->leftover &&
		      rat_eq(x->exact, y->exact),
		      "%s: line %zu (%s): %lld vs %lld cents", where, i, x->recipient,
		      (long long)x->cents, (long long)y->cents);
		if (same_weights)
			CHECK(rat_eq(x->weight, y->weight) && rat_eq(x->value, y->value) &&
			      rat_eq(x->presence, y->presence), "%s: line %zu", where, i);
	}
}

static void compare_ref(const struct pcase *c, const struct alloc_result *r,
                        const struct ref *ref, const char *where)
{
	size_t i = 0;
	for (; i < c->key->n_res; i++)
		CHECK(r->lines[i].cents == ref->res[i], "%s: reservation %zu", where, i);
	CHECK(r->reserved == ref->reserved, "%s", where);
	for (size_t p = 0; p < ref->np; p++) {
		CHECK(r->pool_amounts[p] == ref->pools[p], "%s: pool %zu amount %lld vs %lld",
		      where, p, (long long)r->pool_amounts[p], (long long)ref->pools[p]);
		for (size_t j = 0; j < ref->p[p].n; j++, i++) {
			const struct ref_line *x = &ref->p[p].l[j];
			CHECK(i < r->n_lines, "%s: missing lines", where);
			const struct alloc_line *l = &r->lines[i];
			CHECK(l->index == p && l->member == x->member,
			      "%s: pool %zu line %zu: member %zu vs %zu", where, p, j,
			      l->member, x->member);
			CHECK(rat_eq(l->value, x->value), "%s: %s value %s vs %s", where,
			      l->recipient, ratstr(l->value), ratstr(x->value));
			CHECK(rat_eq(l->presence, x->presence), "%s: %s presence", where, l->recipient);
			CHECK(l->factor == x->factor, "%s: %s factor", where, l->recipient);
			CHECK(rat_eq(l->weight, x->weight), "%s: %s weight %s vs %s", where,
			      l->recipient, ratstr(l->weight), ratstr(x->weight));
			CHECK(rat_eq(l->exact, x->exact), "%s: %s exact %s vs %s", where,
			      l->recipient, ratstr(l->exact), ratstr(x->exact));
			CHECK(l->cents == x->cents && l->leftover == x->leftover,
			      "%s: %s cents %lld vs reference %lld", where, l->recipient,
			      (long long)l->cents, (long long)x->cents);
		}
	}
	CHECK(i == r->n_lines, "%s: extra lines", where);
}

/* Every basis value scaled by the same factor within a pool: fte x 2,
 * hours x 3, patients x 2, points x 3, hourly rates x 2. */
static void pcase_scale(struct pcase *c)
{
	for (size_t i = 0; i < c->n; i++) {
		c->m[i].fte *= 2;
		c->m[i].patient_days *= 2;
		c->m[i].patients_end *= 2;
		for (size_t j = 0; j < c->m[i].n_hours; j++)
			c->hours[i][j].hours *= 3;
	}
	for (size_t p = 0; p < c->key->n_pools; p++) {
		struct key_pool *kp = &c->key->pools[p];
		for (size_t j = 0; j < kp->n_points; j++)
			kp->points[j].points *= 3;
		for (size_t j = 0; j < kp->n_rates; j++)
			kp->rates[j].rate *= 2;
	}
}

static enum status prun(const struct pcase *c, const struct alloc_member *m,
                        struct alloc_result *out, struct err *e)
{
	struct alloc_input in = { c->amount, c->start, c->end, c->key, m, c->n };
	return alloc_run(&in, out, e);
}

#define N_CASES 10000

Test(alloc, property_random_keys, .timeout = 600)
{
	uint64_t seed = master_seed();
	fprintf(stderr, "test_alloc property seed: QP_SEED=%llu\n", (unsigned long long)seed);
	uint64_t s = seed;
	int n_ok = 0, n_refused = 0, n_lines = 0, n_leftover = 0, n_zero = 0;
	for (int ci = 0; ci < N_CASES; ci++) {
		char where[96];
		snprintf(where, sizeof where, "case %d (QP_SEED=%llu)", ci,
		         (unsigned long long)seed);
		struct pcase c;
		pcase_gen(&c, &s, false);
		struct ref ref;
		ref_run(&c, &ref);
		struct alloc_result r;
		struct err e = ERR_INIT;
		enum status st = prun(&c, c.m, &r, &e);
		CHECK(st == ref.st, "%s: status %d, reference %d (%s)", where, st, ref.st,
		      e.msg ? e.msg : "");
		if (st != ST_OK) {
			CHECK(result_is_empty(&r), "%s: result not empty on error", where);
			if (ref.failed_pool != SIZE_MAX) {
				char name[40];
				snprintf(name, sizeof name, "pool \"Pool %zu\"", ref.failed_pool);
				CHECK(strstr(e.msg, name), "%s: %s lacks %s", where, e.msg, name);
			}
			n_refused++;
			err_fini(&e);
			ref_free(&ref);
			pcase_free(&c);
			continue;
		}
		n_ok++;
		check_invariants(&c, &r, where);
		CHECK(ref.computed, "%s: the reference overflowed", where);
		compare_ref(&c, &r, &ref, where);
		for (size_t i = 0; i < r.n_lines; i++) {
			n_lines++;
			n_leftover += r.lines[i].leftover;
			n_zero += r.lines[i].kind == LINE_POOL && r.lines[i].weight.num == 0;
		}

		/* Shuffled input order: same lines. */
		struct alloc_member *sh = malloc(c.n * sizeof *sh);
		cr_assert(sh);
		memcpy(sh, c.m, c.n * sizeof *sh);
		for (size_t i = c.n; i > 1; i--) {
			size_t j = rnd(&s, i);
			struct alloc_member t = sh[i - 1];
			sh[i - 1] = sh[j];
			sh[j] = t;
		}
		struct alloc_result r2;
		CHECK(prun(&c, sh, &r2, &e) == ST_OK, "%s: shuffled refused", where);
		check_same(&r, &r2, true, where);
		for (size_t i = 0; i < r2.n_lines; i++)
			if (r2.lines[i].kind == LINE_POOL)
				CHECK(strcmp(sh[r2.lines[i].member].code, r2.lines[i].recipient) == 0,
				      "%s: shuffled member index", where);
		alloc_result_fini(&r2);
		free(sh);

		/* Every weight scaled: same cents. */
		pcase_scale(&c);
		CHECK(prun(&c, c.m, &r2, &e) == ST_OK, "%s: scaled refused: %s", where,
		      e.msg ? e.msg : "");
		check_same(&r, &r2, false, where);
		check_invariants(&c, &r2, where);
		alloc_result_fini(&r2);

		alloc_result_fini(&r);
		ref_free(&ref);
		pcase_free(&c);
	}
	fprintf(stderr, "test_alloc: %d cases: %d divided (%d lines, %d leftover cents, "
	        "%d zero weights), %d refused\n", N_CASES, n_ok, n_lines, n_leftover,
	        n_zero, n_refused);
	/* The generator must exercise what it claims to. */
	cr_assert_gt(n_ok, N_CASES / 2);
	cr_assert_gt(n_refused, N_CASES / 50);
	cr_assert_gt(n_leftover, N_CASES);
	cr_assert_gt(n_zero, N_CASES / 10);
}

#define N_BIG 3000

/* Amounts within 2^20 of INT64_MAX, some hours near 2^62: every result
 * is exact (checked against the reference whenever the reference itself
 * fits in 128 bits) or refused with ST_OVERFLOW; never wrong. Keys with
 * only equal/fte/patients/points bases never overflow. */
Test(alloc, property_near_int64_max, .timeout = 600)
{
	uint64_t seed = master_seed() ^ 0xb16b16b16u;
	fprintf(stderr, "test_alloc near-INT64_MAX seed: QP_SEED=%llu\n",
	        (unsigned long long)master_seed());
	uint64_t s = seed;
	int n_ok = 0, n_over = 0, n_ref = 0;
	for (int ci = 0; ci < N_BIG; ci++) {
		char where[96];
		snprintf(where, sizeof where, "big case %d (QP_SEED=%llu)", ci,
		         (unsigned long long)master_seed());
		struct pcase c;
		pcase_gen(&c, &s, true);
		struct ref ref;
		ref_run(&c, &ref);
		struct alloc_result r;
		struct err e = ERR_INIT;
		enum status st = prun(&c, c.m, &r, &e);
		bool hours = false;
		for (size_t p = 0; p < c.key->n_pools; p++)
			hours |= c.key->pools[p].basis == BASIS_HOURS;
		if (st == ST_OVERFLOW) {
			CHECK(hours, "%s: overflow without a huge basis: %s", where, e.msg);
			CHECK(result_is_empty(&r), "%s", where);
			CHECK(strstr(e.msg, "too large"), "%s: %s", where, e.msg);
			n_over++;
		} else if (st == ST_OK) {
			CHECK(ref.st == ST_OK || !ref.computed, "%s: reference says %d", where, ref.st);
			check_invariants(&c, &r, where);
			if (ref.computed) {
				compare_ref(&c, &r, &ref, where);
				n_ref++;
			}
			n_ok++;
		} else {
			CHECK(st == ref.st, "%s: status %d vs reference %d: %s", where, st,
			      ref.st, e.msg ? e.msg : "");
		}
		alloc_result_fini(&r);
		err_fini(&e);
		ref_free(&ref);
		pcase_free(&c);
	}
	fprintf(stderr, "test_alloc: %d big cases: %d divided (%d checked against the "
	        "reference), %d refused as overflow\n", N_BIG, n_ok, n_ref, n_over);
	cr_assert_gt(n_ok, N_BIG / 3);
	cr_assert_gt(n_ref, N_BIG / 4);
	cr_assert_gt(n_over, 0);
}
