/* test_peps.c: the PEPS estimate against hand-computed cases (a patient a
 * whole year, one enrolled mid-quarter, a leap year, the coefficients, a
 * half cent, the first cell that matches, ALD lists, a patient no cell
 * matches), property tests against an independent computation and
 * against matching cell by cell (printed seeds), and the grid files: every refusal at its line, and a grid
 * written reads back the same. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/date.h"
#include "quotepart/forecast.h"
#include "quotepart/peps_file.h"

static int32_t day(const char *s)
{
	int32_t d;
	cr_assert_eq(date_parse(s, &d), ST_OK, "%s", s);
	return d;
}

/* A grid read from the body of a peps group. */
static void grid(const char *body, struct peps_grid *g)
{
	char text[4096];
	snprintf(text, sizeof text, "peps: { %s };\n", body);
	struct err e = ERR_INIT;
	cr_assert_eq(peps_grid_parse(text, "t.cfg", g, &e), ST_OK, "%s", err_text(&e));
}

/* A patient of an associated GP, enrolled from `from` (never left). */
static struct peps_patient patient(const char *code, char sex, int born, const char *ald, bool c2s,
                                   const char *from)
{
	return (struct peps_patient){ code, "MG", true, sex, born, ald, c2s, day(from), DATE_NONE, 0 };
}

static void estimate(const char *body, const struct peps_patient *p, size_t n, int exercise,
                     struct peps_estimate *o)
{
	struct peps_grid g;
	struct err e = ERR_INIT;
	grid(body, &g);
	cr_assert_eq(peps_estimate(&g, p, n, exercise, o, &e), ST_OK, "%s", err_text(&e));
	peps_grid_fini(&g);
}

#define PLAIN "exercise = 2025; local = 1; loyalty = 100; "

/* 64,79 a year, every day of 2025: the quarters are 90, 91, 92 and 92
 * days of 365, each rounded (1 597,56 -> 1 598; 1 615,31 -> 1 615;
 * 1 633,06 -> 1 633 twice), the year 6 479, the balance 0. */
Test(peps, a_patient_the_whole_year)
{
	struct peps_patient p = patient("P1", 'M', 1980, "", false, "2020-01-01");
	struct peps_estimate o;
	estimate(PLAIN "cells = ( { amount = \"64,79\"; } );", &p, 1, 2025, &o);
	cr_assert_eq(o.patients, 1);
	cr_assert_eq(o.year_days, 365);
	const int64_t want[] = { 1598, 1615, 1633, 1633, 6479 };
	const int64_t days[] = { 90, 91, 92, 92, 365 };
	for (int k = 0; k < PEPS_PERIODS; k++) {
		cr_assert_eq(o.expected[k], want[k], "period %d: %lld", k, (long long)o.expected[k]);
		cr_assert_eq(o.cells[0].days[k], days[k]);
	}
	cr_assert_eq(o.balance, 0);
	cr_assert_eq(o.cells[0].year_cents, 6479);
	cr_assert_eq(o.due[0], day("2025-04-01"));
	cr_assert_eq(o.due[3], day("2026-01-01"));
	cr_assert_eq(o.due[PEPS_YEAR], day("2026-04-30"));
	peps_estimate_fini(&o);
}

/* Enrolled on 15 February: 45 days of Q1 (6 479 x 45 / 365 = 798,78),
 * 320 of the year (5 680,11). */
Test(peps, a_patient_enrolled_mid_quarter)
{
	struct peps_patient p = patient("P1", 'F', 1980, "", false, "2025-02-15");
	struct peps_estimate o;
	estimate(PLAIN "cells = ( { amount = \"64,79\"; } );", &p, 1, 2025, &o);
	cr_assert_eq(o.cells[0].days[0], 45);
	cr_assert_eq(o.expected[0], 799);
	cr_assert_eq(o.expected[PEPS_YEAR], 5680);
	cr_assert_eq(o.balance, 5680 - 799 - 1615 - 1633 - 1633);
	peps_estimate_fini(&o);
}

/* 2024 has 366 days: Q1 is 91 of them (6 479 x 91 / 366 = 1 610,92). */
Test(peps, a_leap_year)
{
	struct peps_patient p = patient("P1", 'F', 1980, "", false, "2020-01-01");
	struct peps_estimate o;
	estimate("exercise = 2024; local = 1; loyalty = 100; cells = ( { amount = \"64,79\"; } );", &p, 1, 2024, &o);
	cr_assert_eq(o.year_days, 366);
	cr_assert_eq(o.cells[0].days[0], 91);
	cr_assert_eq(o.expected[0], 1611);
	cr_assert_eq(o.expected[1], 1611);
	cr_assert_eq(o.expected[2], 1629);
	cr_assert_eq(o.expected[PEPS_YEAR], 6479);
	cr_assert_eq(o.balance, 6479 - 1611 - 1611 - 1629 - 1629);
	peps_estimate_fini(&o);
}

/* 6 479 x 1,0312 x 92,5 % x 1,05 = 6 489,17: the year 6 489, the quarters
 * 1 600, 1 618, 1 636, 1 636 (6 490): the balance is -1, the year never
 * the sum of the rounded quarters. */
Test(peps, the_coefficients_and_a_negative_balance)
{
	struct peps_patient p = patient("P1", 'F', 1980, "", false, "2020-01-01");
	struct peps_estimate o;
	estimate("exercise = 2025; local = 1.0312; loyalty = 92.5; bonus = 5; cells = ( { amount = \"64,79\"; } );",
	         &p, 1, 2025, &o);
	cr_assert_eq(o.expected[0], 1600);
	cr_assert_eq(o.expected[1], 1618);
	cr_assert_eq(o.expected[2], 1636);
	cr_assert_eq(o.expected[3], 1636);
	cr_assert_eq(o.expected[PEPS_YEAR], 6489);
	cr_assert_eq(o.balance, -1);
	peps_estimate_fini(&o);
}

/* 3 cents at 50 %: 1,5 cents rounds to 2; 1 cent at 50 %: 0,5 to 1. */
Test(peps, halves_away_from_zero)
{
	struct peps_patient p = patient("P1", 'F', 1980, "", false, "2020-01-01");
	struct peps_estimate o;
	estimate("exercise = 2025; local = 1; loyalty = 50; cells = ( { amount = \"0,03\"; } );", &p, 1, 2025, &o);
	cr_assert_eq(o.expected[PEPS_YEAR], 2);
	peps_estimate_fini(&o);
	estimate("exercise = 2025; local = 1; loyalty = 50; cells = ( { amount = \"0,01\"; } );", &p, 1, 2025, &o);
	cr_assert_eq(o.expected[PEPS_YEAR], 1);
	peps_estimate_fini(&o);
}

/* The first cell that matches is the patient's, not the most precise. */
Test(peps, the_first_matching_cell)
{
	struct peps_patient p[] = {
		patient("M45", 'M', 1980, "", false, "2020-01-01"),
		patient("F45", 'F', 1980, "", true, "2020-01-01"),
		patient("M20", 'M', 2005, "", false, "2020-01-01"),
	};
	struct peps_estimate o;
	estimate(PLAIN "cells = ( { age = [ 40, 49 ]; amount = \"100,00\"; },"
	         " { sex = \"M\"; age = [ 40, 49 ]; c2s = 0; amount = \"64,79\"; },"
	         " { sex = \"M\"; amount = \"10,00\"; } );", p, 3, 2025, &o);
	cr_assert_eq(o.cells[0].patients, 2);
	cr_assert_eq(o.cells[1].patients, 0);
	cr_assert_eq(o.cells[2].patients, 1);
	cr_assert_eq(o.expected[PEPS_YEAR], 21000);
	peps_estimate_fini(&o);
}

/* A list matches a patient with at least one of its categories; "none"
 * only those without; "any" everyone. */
Test(peps, ald_lists)
{
	struct peps_patient p[] = {
		patient("A", 'F', 1950, "cancer|diabetes", false, "2020-01-01"),
		patient("B", 'F', 1950, "cancer", false, "2020-01-01"),
		patient("C", 'F', 1950, "", false, "2020-01-01"),
		patient("D", 'F', 1950, "cardio", false, "2020-01-01"),
	};
	struct peps_estimate o;
	estimate(PLAIN "cells = ( { ald = [ \"diabetes\", \"cardio\" ]; amount = \"400,00\"; },"
	         " { ald = \"none\"; amount = \"50,00\"; }, { ald = \"any\"; amount = \"200,00\"; } );",
	         p, 4, 2025, &o);
	cr_assert_eq(o.cells[0].patients, 2);
	cr_assert_eq(o.cells[1].patients, 1);
	cr_assert_eq(o.cells[2].patients, 1);
	peps_estimate_fini(&o);
}

/* A counted patient no cell matches is named; one of another GP, or not
 * enrolled in N, is not looked at. */
Test(peps, a_patient_no_cell_matches)
{
	struct peps_patient p[] = {
		patient("OLD", 'M', 1900, "", false, "2026-01-01"),
		patient("P-17", 'F', 1980, "", false, "2020-01-01"),
	};
	struct peps_grid g;
	struct peps_estimate o;
	struct err e = ERR_INIT;
	grid(PLAIN "cells = ( { sex = \"M\"; amount = \"64,79\"; } );", &g);
	cr_assert_eq(peps_estimate(&g, p, 2, 2025, &o, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "P-17") != NULL, "%s", err_text(&e));
	err_fini(&e);
	p[1].gp_associate = false;
	cr_assert_eq(peps_estimate(&g, p, 2, 2025, &o, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(o.patients, 0);
	cr_assert_eq(o.expected[PEPS_YEAR], 0);
	peps_estimate_fini(&o);
	peps_grid_fini(&g);
}

/* With a list of GPs, theirs count whatever their status. */
Test(peps, the_gps_of_the_grid)
{
	struct peps_patient p[] = {
		patient("A", 'F', 1980, "", false, "2020-01-01"),
		patient("B", 'F', 1980, "", false, "2020-01-01"),
	};
	p[0].gp = "MG-DUR";
	p[0].gp_associate = false;
	struct peps_estimate o;
	estimate(PLAIN "gps = [ \"MG-DUR\" ]; cells = ( { amount = \"64,79\"; } );", p, 2, 2025, &o);
	cr_assert_eq(o.patients, 1);
	cr_assert_eq(o.expected[PEPS_YEAR], 6479);
	peps_estimate_fini(&o);
}

/* ---- property: against an independent computation ---- */

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* round(num / den), den > 0, halves away from zero, independently of
 * rat_round. */
static int64_t round_half_away(i128 num, i128 den)
{
	i128 a = num < 0 ? -num : num;
	i128 q = (2 * a + den) / (2 * den);
	return (int64_t)(num < 0 ? -q : q);
}

/* Per patient rather than per cell: sum of amount x days over patients,
 * times the coefficients, one rounding. */
static int64_t by_patient(const struct peps_grid *g, const struct peps_patient *p, size_t n,
                          const int *cell, int32_t a, int32_t b, int64_t D)
{
	i128 sum = 0;
	for (size_t i = 0; i < n; i++)
		if (cell[i] >= 0)
			sum += (i128)g->cells[cell[i]].amount * date_overlap(p[i].enrolled, p[i].left, a, b);
	return round_half_away(sum * g->local * g->loyalty * (10000 + g->bonus),
	                       (i128)D * 1000000000000LL);
}

Test(peps, matches_an_independent_computation)
{
	uint64_t seed = (uint64_t)time(NULL) | 1;
	const char *env = getenv("QP_SEED");
	if (env && *env)
		seed = strtoull(env, NULL, 0) | 1;
	fprintf(stderr, "test_peps property seed: QP_SEED=%llu\n", (unsigned long long)seed);
	uint64_t s = seed;
	enum { N = 300 };
	static struct peps_patient p[N];
	static int cell[N];
	for (int round = 0; round < 200; round++) {
		int exercise = 2020 + (int)(next(&s) % 8);
		char body[512];
		snprintf(body, sizeof body, "exercise = %d; local = %d.%04d; loyalty = %d.%02d; bonus = %d.%02d; "
		         "cells = ( { sex = \"M\"; age = [ 0, 40 ]; amount = \"%d,%02d\"; }, "
		         "{ ald = [ \"diabetes\" ]; amount = \"%d,%02d\"; }, { amount = \"%d,%02d\"; } );",
		         exercise, (int)(next(&s) % 3), (int)(next(&s) % 10000), (int)(next(&s) % 100),
		         (int)(next(&s) % 100), (int)(next(&s) % 30), (int)(next(&s) % 100),
		         (int)(next(&s) % 500), (int)(next(&s) % 100), (int)(next(&s) % 900),
		         (int)(next(&s) % 100), (int)(next(&s) % 200), (int)(next(&s) % 100));
		struct peps_grid g;
		grid(body, &g);
		int32_t y0 = date_year_start(exercise), y1 = date_year_end(exercise);
		for (int i = 0; i < N; i++) {
			int32_t from = y0 - 400 + (int32_t)(next(&s) % 900);
			int32_t to = next(&s) % 3 ? DATE_NONE : from + (int32_t)(next(&s) % 500);
			p[i] = (struct peps_patient){ "P", "MG", next(&s) % 4 != 0, next(&s) % 2 ? 'M' : 'F',
			                              exercise - (int32_t)(next(&s) % 90),
			                              next(&s) % 3 ? "" : "cancer|diabetes", next(&s) % 2, from, to, 0 };
			int age = exercise - p[i].birth_year;
			bool in = p[i].gp_associate && date_overlap(from, to, y0, y1) > 0;
			cell[i] = !in ? -1 : p[i].sex == 'M' && age <= 40 ? 0 : p[i].ald[0] ? 1 : 2;
		}
		struct peps_estimate o;
		struct err e = ERR_INIT;
		cr_assert_eq(peps_estimate(&g, p, N, exercise, &o, &e), ST_OK, "seed %llu: %s",
		             (unsigned long long)seed, err_text(&e));
		int64_t quarters = 0;
		for (int k = 0; k < PEPS_PERIODS; k++) {
			int64_t want = by_patient(&g, p, N, cell, o.start[k], o.end[k], y1 - y0 + 1);
			cr_assert_eq(o.expected[k], want, "seed %llu, round %d, period %d: %lld, not %lld",
			             (unsigned long long)seed, round, k, (long long)o.expected[k], (long long)want);
			if (k < 4)
				quarters += o.expected[k];
		}
		cr_assert_eq(o.balance, o.expected[PEPS_YEAR] - quarters, "seed %llu", (unsigned long long)seed);
		/* A what-if from the cells already counted (the interface's)
		 * equals the estimate counted again with the new figures. */
		g.local = (int64_t)(next(&s) % 30000);
		g.loyalty = (int32_t)(next(&s) % 10001);
		g.has_bonus = next(&s) % 2;
		g.bonus = g.has_bonus ? (int32_t)(next(&s) % 3000) : 0;
		for (size_t c = 0; c < g.n; c++)
			g.cells[c].amount = (int64_t)(next(&s) % 100000);
		struct peps_estimate from, again;
		cr_assert_eq(peps_estimate_from(&g, &o, &from, &e), ST_OK, "seed %llu: %s",
		             (unsigned long long)seed, err_text(&e));
		cr_assert_eq(peps_estimate(&g, p, N, exercise, &again, &e), ST_OK);
		for (int k = 0; k < PEPS_PERIODS; k++)
			cr_assert_eq(from.expected[k], again.expected[k], "seed %llu, round %d, period %d: %lld, not %lld",
			             (unsigned long long)seed, round, k, (long long)from.expected[k],
			             (long long)again.expected[k]);
		cr_assert_eq(from.balance, again.balance, "seed %llu", (unsigned long long)seed);
		for (size_t c = 0; c < g.n; c++)
			cr_assert_eq(from.cells[c].year_cents, again.cells[c].year_cents, "seed %llu",
			             (unsigned long long)seed);
		peps_estimate_fini(&from);
		peps_estimate_fini(&again);
		peps_estimate_fini(&o);
		peps_grid_fini(&g);
	}
}

/* The count remembers the cell of each kind of patient (sex, age, C2S,
 * ALD) for the first 16 ALD spellings it meets: with 40 spellings, ages
 * beyond 0..150 and random grids, each cell holds exactly the patients
 * and days that matching each patient cell by cell gives, and a patient
 * no cell matches is the first one named. */
Test(peps, the_cells_remembered_are_the_cells_matched)
{
	uint64_t seed = (uint64_t)time(NULL) | 1;
	const char *env = getenv("QP_SEED");
	if (env && *env)
		seed = strtoull(env, NULL, 0) | 1;
	fprintf(stderr, "test_peps memo seed: QP_SEED=%llu\n", (unsigned long long)seed);
	uint64_t s = seed;
	static const char *const cat[] = { "cancer", "diabetes", "cardio", "neuro", "psy", "other" };
	static char alds[40][64];
	for (int a = 0; a < 40; a++) {
		alds[a][0] = '\0';
		for (int k = 0, first = 1; k < 6; k++)
			if ((a * 7 + 3) >> k & 1 && a) {
				strcat(alds[a], first ? "" : "|");
				strcat(alds[a], cat[(k + a) % 6]);
				first = 0;
			}
	}
	enum { N = 400 };
	static struct peps_patient p[N];
	for (int round = 0; round < 100; round++) {
		int exercise = 2020 + (int)(next(&s) % 8);
		char body[2048];
		int at = snprintf(body, sizeof body, "exercise = %d; local = 1; loyalty = 100; cells = (", exercise);
		int cells = 1 + (int)(next(&s) % 6);
		for (int c = 0; c < cells; c++) {
			char age[32] = "";
			int lo = (int)(next(&s) % 100), hi = lo + (int)(next(&s) % 60);
			if (next(&s) % 2)
				snprintf(age, sizeof age, "age = [ %d, %d ]; ", lo, hi < PEPS_AGE_MAX ? hi : PEPS_AGE_MAX);
			at += snprintf(body + at, sizeof body - (size_t)at, "%s{ %s%s%s%samount = \"%d,00\"; }",
			               c ? ", " : "", next(&s) % 2 ? "" : next(&s) % 2 ? "sex = \"F\"; " : "sex = \"M\"; ",
			               next(&s) % 2 ? "" : "c2s = 1; ",
			               next(&s) % 3 ? "" : next(&s) % 2 ? "ald = \"none\"; " : "ald = [ \"cardio\", \"psy\" ]; ",
			               age, 10 + c);
		}
		bool catch_all = next(&s) % 4 != 0;
		snprintf(body + at, sizeof body - (size_t)at, "%s );", catch_all ? ", { amount = \"1,00\"; }" : "");
		struct peps_grid g;
		grid(body, &g);
		int32_t y0 = date_year_start(exercise), y1 = date_year_end(exercise);
		struct peps_cell_sum want[8] = { 0 };
		int first_unmatched = -1;
		for (int i = 0; i < N; i++) {
			int32_t from = y0 - 400 + (int32_t)(next(&s) % 900);
			int32_t to = next(&s) % 3 ? DATE_NONE : from + (int32_t)(next(&s) % 500);
			p[i] = (struct peps_patient){ "P", "MG", next(&s) % 5 != 0, next(&s) % 2 ? 'M' : 'F',
			                              exercise + 5 - (int32_t)(next(&s) % 170),
			                              alds[next(&s) % 40], next(&s) % 2, from, to, 0 };
			int age = exercise - p[i].birth_year;
			if (!p[i].gp_associate || date_overlap(from, to, y0, y1) == 0 || first_unmatched >= 0)
				continue;
			size_t c = 0;
			while (c < g.n && !peps_cell_matches(&g.cells[c], &p[i], age))
				c++;
			if (c == g.n) {
				first_unmatched = i;
				continue;
			}
			want[c].patients++;
			want[c].days[PEPS_YEAR] += date_overlap(from, to, y0, y1);
		}
		for (int i = 0; i < N; i++) {
			static char codes[N][16];
			snprintf(codes[i], sizeof codes[i], "P%d", i);
			p[i].code = codes[i];
		}
		struct peps_estimate o;
		struct err e = ERR_INIT;
		enum status rc = peps_estimate(&g, p, N, exercise, &o, &e);
		if (first_unmatched >= 0) {
			char code[32];
			snprintf(code, sizeof code, "patient P%d:", first_unmatched);
			cr_assert_eq(rc, ST_INVALID, "seed %llu, round %d", (unsigned long long)seed, round);
			cr_assert(strstr(err_text(&e), code), "seed %llu, round %d: %s, not %s",
			          (unsigned long long)seed, round, err_text(&e), code);
			err_fini(&e);
		} else {
			cr_assert_eq(rc, ST_OK, "seed %llu: %s", (unsigned long long)seed, err_text(&e));
			for (size_t c = 0; c < g.n; c++) {
				cr_assert_eq(o.cells[c].patients, want[c].patients, "seed %llu, round %d, cell %zu",
				             (unsigned long long)seed, round, c);
				cr_assert_eq(o.cells[c].days[PEPS_YEAR], want[c].days[PEPS_YEAR],
				             "seed %llu, round %d, cell %zu", (unsigned long long)seed, round, c);
			}
			peps_estimate_fini(&o);
		}
		peps_grid_fini(&g);
	}
}

/* 60 000 patients at the largest amounts a cell may hold in practice
 * (10 000,00 a year) stay exact. */
Test(peps, sixty_thousand_patients_do_not_overflow)
{
	enum { N = 60000 };
	struct peps_patient *p = calloc(N, sizeof *p);
	cr_assert_not_null(p);
	for (int i = 0; i < N; i++)
		p[i] = patient("P", 'F', 1980, "", false, "2020-01-01");
	struct peps_estimate o;
	estimate("exercise = 2025; local = 9.9999; loyalty = 100; bonus = 100; cells = ( { amount = \"10000,00\"; } );",
	         p, N, 2025, &o);
	cr_assert_eq(o.expected[PEPS_YEAR], (int64_t)N * 1000000 * 99999 * 2 / 10000);
	peps_estimate_fini(&o);
	free(p);
}

/* ---- files ---- */

static void refused(const char *text, const char *want)
{
	struct peps_grid g;
	struct err e = ERR_INIT;
	cr_assert_neq(peps_grid_parse(text, "g.cfg", &g, &e), ST_OK, "accepted: %s", text);
	cr_assert(strstr(err_text(&e), want) != NULL, "%s: got \"%s\", wanted \"%s\"", text, err_text(&e), want);
	err_fini(&e);
}

Test(peps, grids_refused_at_their_line)
{
	refused("peps: {\n exercise = 2025; local = 1; loyalty = 100;\n frob = 1;\n cells = ( { amount = \"1,00\"; } ); };",
	        "g.cfg:3: unknown setting \"frob\"");
	refused("peps: {\n exercise = 2025; local = 1;\n loyalty = 92.555;\n cells = ( { amount = \"1,00\"; } ); };",
	        "g.cfg:3: loyalty 92.555 has more than two decimals");
	refused("peps: {\n exercise = 2025;\n local = 1.03125; loyalty = 92;\n cells = ( { amount = \"1,00\"; } ); };",
	        "g.cfg:3: local 1.03125 has more than four decimals");
	refused("peps: {\n exercise = 4294967297; local = 1; loyalty = 92;\n cells = ( { amount = \"1,00\"; } ); };",
	        "g.cfg:2: exercise = 4294967297: it must be between 1900 and 9999");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { amount = \"1,00\"; },\n"
	        " { age = [ 2147483648, 3 ]; amount = \"1,00\"; } ); };",
	        "g.cfg:3: age = 2147483648: it must be between 0 and 150");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { age = [ 1, 3.5 ]; amount = \"1,00\"; } ); };",
	        "g.cfg:2: \"age\" must be a whole number");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n\n { amount = \"64€79\"; } ); };",
	        "g.cfg:3: invalid amount \"64€79\"");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { amount = 64.79; } ); };",
	        "g.cfg:2: amount must be a string");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { amount = \"-1,00\"; } ); };",
	        "g.cfg:2: amount \"-1,00\" cannot be negative");
	refused("peps: { exercise = 2025; local = 1; loyalty = 192; cells = (\n { amount = \"1,00\"; } ); };",
	        "g.cfg:1: loyalty = 192: a percentage between 0 and 100");
	refused("peps: { exercise = 2025; local = 11; loyalty = 92; cells = (\n { amount = \"1,00\"; } ); };",
	        "g.cfg:1: local = 11: a coefficient between 0 and 10");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n\n { age = [ 50, 40 ]; amount = \"1,00\"; } ); };",
	        "g.cfg:3: an age band is [ FROM, TO ]");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { sex = \"X\"; amount = \"1,00\"; } ); };",
	        "g.cfg:2: sex is \"F\", \"M\" or \"any\"");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { c2s = 2; amount = \"1,00\"; } ); };",
	        "g.cfg:2: c2s = 2: it must be between 0 and 1");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; cells = (\n { ald = \"some\"; amount = \"1,00\"; } ); };",
	        "g.cfg:2: ald is \"none\", \"any\" or a list of categories");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92;\n cells = ( { sex = \"F\"; } ); };",
	        "g.cfg:2: missing setting \"amount\"");
	refused("peps: { exercise = 2025; local = 1; loyalty = 92; };", "g.cfg:1: missing setting \"cells\"");
	refused("aci: { exercise = 2025; };", "g.cfg:1: unknown setting \"aci\"");
	refused("@include \"/etc/passwd\"\n", "g.cfg:1: @include is not allowed");
}

/* What the file says, written and read again, is the same grid. */
Test(peps, a_grid_written_reads_back_the_same)
{
	struct peps_grid g, h;
	grid("exercise = 2025; local = 1.0312; loyalty = 92.5; bonus = 5.0; gps = [ \"MG-DUR\", \"MG-BEN\" ];"
	     "cells = ( { sex = \"M\"; age = [ 40, 49 ]; ald = \"none\"; c2s = 0; amount = \"64,79\"; },"
	     " { ald = [ \"diabetes\", \"cardio\" ]; amount = \"412,00\"; }, { c2s = \"any\"; amount = \"0,00\"; } );", &g);
	struct sbuf b, b2;
	sb_init(&b);
	sb_init(&b2);
	peps_grid_write(&g, &b);
	struct err e = ERR_INIT;
	cr_assert_eq(peps_grid_parse(b.s, "w.cfg", &h, &e), ST_OK, "%s\n%s", err_text(&e), b.s);
	peps_grid_write(&h, &b2);
	cr_assert_str_eq(b.s, b2.s);
	cr_assert_eq(h.local, 10312);
	cr_assert_eq(h.loyalty, 9250);
	cr_assert(h.has_bonus && h.bonus == 500);
	cr_assert_eq(h.n_gps, 2);
	cr_assert_eq(h.n, 3);
	cr_assert_eq(h.cells[0].sex, 'M');
	cr_assert(h.cells[0].has_age && h.cells[0].age_lo == 40 && h.cells[0].age_hi == 49);
	cr_assert_eq(h.cells[0].ald, PEPS_ALD_NONE);
	cr_assert_eq(h.cells[0].c2s, 0);
	cr_assert_eq(h.cells[1].ald, PEPS_ALD_LIST);
	cr_assert_str_eq(h.cells[1].alds[1], "cardio");
	cr_assert_eq(h.cells[2].c2s, -1);
	cr_assert_eq(h.cells[2].amount, 0);
	sb_fini(&b);
	sb_fini(&b2);
	peps_grid_fini(&g);
	peps_grid_fini(&h);
}
