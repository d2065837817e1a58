/* test_forecast.c: the ACI estimate against hand-computed cases
 * (FORECAST.md: the 14 650-point example, a missed prerequisite, a new
 * structure under the floors, a contract signed in November), a property
 * test against an independent computation (printed seed), and the rule
 * set and declaration files: every refusal at its line. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/aci_file.h"
#include "quotepart/date.h"
#include "quotepart/forecast.h"

static struct aci_rules *rules;

static void load(void)
{
	struct err e = ERR_INIT;
	cr_assert_eq(aci_rules_load(NULL, &rules, &e), ST_OK, "%s", err_text(&e));
}

static void unload(void)
{
	aci_rules_free(rules);
}

TestSuite(forecast, .init = load, .fini = unload);

static int32_t day(const char *s)
{
	int32_t d;
	cr_assert_eq(date_parse(s, &d), ST_OK, "%s", s);
	return d;
}

/* A declaration read from the body of an aci group. */
static void decl(const char *body, struct aci_decl *d)
{
	char text[4096];
	snprintf(text, sizeof text, "aci: { %s };\n", body);
	struct err e = ERR_INIT;
	cr_assert_eq(aci_decl_parse(text, "t.cfg", rules, d, &e), ST_OK, "%s", err_text(&e));
}

static void estimate(const char *body, int64_t P, int64_t n, struct aci_estimate *o)
{
	struct aci_decl d;
	struct err e = ERR_INIT;
	decl(body, &d);
	cr_assert_eq(aci_estimate(rules, &d, P, n, o, &e), ST_OK, "%s", err_text(&e));
	aci_decl_fini(&d);
}

#define ALL_BUT_IPA \
	"opening = true; crisis = true; coordination = true; si_standard = true; " \
	"protocols = 8; rcp = true; diversity = 2; second_line = 2; cstm = true; " \
	"missions = 2; users = true; sas = 2; trainees = 4; external = true; " \
	"quality = 3; cooperation = 6; heart_failure = true; child_obesity = true; " \
	"si_advanced = true;"

/* FORECAST.md: P = 4 000, n = 16, everything met without IPA gives
 * 14 650 points (6 800 fixed, 4 650 variable, 3 200 for SI), 102 550 EUR.
 * A100: prerequisites and core at their maximum, IPA items included:
 * 2 400 + 800 + 320 fixed, 3 250 variable, 3 200 SI = 9 970 points,
 * 69 790 EUR; 60 % = 41 874 EUR. */
Test(forecast, the_contract_example)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2019-06-12\"; indicators = { " ALL_BUT_IPA " };", 4000, 16, &o);
	cr_assert(o.gate);
	cr_assert_eq(o.fixed, 6800);
	cr_assert_eq(o.variable, 4650);
	cr_assert_eq(o.si, 3200);
	cr_assert(o.points.num == 14650 && o.points.den == 1);
	cr_assert_eq(o.total, 10255000);
	cr_assert(o.a100_points.num == 9970 && o.a100_points.den == 1);
	cr_assert_eq(o.advance, 4187400);
	cr_assert_eq(o.balance, 10255000 - 4187400);
	cr_assert_eq(o.advance_due, day("2025-04-30"));
	cr_assert_eq(o.balance_due, day("2026-04-30"));
	aci_estimate_fini(&o);
}

/* A missed prerequisite: the total is 0, the advance as computed (A100
 * does not depend on what was declared), the balance owed back. */
Test(forecast, a_missed_prerequisite_owes_the_advance_back)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2019-06-12\"; indicators = { crisis = true; "
	         "coordination = true; si_standard = true; protocols = 8; rcp = true; };", 4000, 16, &o);
	cr_assert(!o.gate);
	cr_assert_eq(o.total, 0);
	cr_assert_eq(o.advance, 4187400);
	cr_assert_eq(o.balance, -4187400);
	aci_estimate_fini(&o);
}

/* Majoration: C2S 12.5 against 8.1 and AME 0.4 against 0.6: 4.40 %;
 * P = 4 215: points 2 400 + 2 050 x 4 215 / 4 000 + 200 x 14 =
 * 7 360.1875 (117 763 / 16); total 700 x 7 360.1875 x 1.044 =
 * 5 378 825.025 cents, rounded once: 53 788,25 EUR. */
Test(forecast, majoration_and_one_rounding)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2019-06-12\"; c2s = { practice = 12.5; national = 8.1; }; "
	         "ame = { practice = 0.4; national = 0.6; }; indicators = { opening = true; crisis = true; "
	         "coordination = true; si_standard = true; };", 4215, 14, &o);
	cr_assert_eq(o.majoration, 440);
	cr_assert(o.points.num == 117763 && o.points.den == 16, "%lld/%lld",
	          (long long)o.points.num, (long long)o.points.den);
	cr_assert_eq(o.total, 5378825, "%lld", (long long)o.total);
	aci_estimate_fini(&o);
}

/* The cap: 30 points of C2S over the national rate is capped at 25 %. */
Test(forecast, majoration_is_capped)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2019-06-12\"; c2s = { practice = 40; national = 10; }; "
	         "indicators = { opening = true; crisis = true; coordination = true; si_standard = true; };",
	         4000, 0, &o);
	cr_assert_eq(o.majoration, 2500);
	/* (2 400 + 2 050) x 700 x 1.25 */
	cr_assert_eq(o.total, 4450 * 700 * 5 / 4);
	aci_estimate_fini(&o);
}

/* A new structure signed on 15 November 2025, one associate, 100
 * patients: 2 400 + 2 050 / 40 + 200 = 2 651.25 points, 18 558,75 EUR,
 * floored to 20 000. A100 = 3 520 + 3 250 / 40 + 200 = 3 801.25 points;
 * 60 % x 26 608,75 x 47 / 365 = 2 055,80 EUR (205 579.93 cents), floored
 * to 12 000 after the prorata. Due three months after signing. */
Test(forecast, a_new_structure_under_the_floors)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2025-11-15\"; new_structure = true; indicators = { "
	         "opening = true; crisis = true; coordination = true; si_standard = true; };", 100, 1, &o);
	cr_assert_eq(o.computed, 1855875);
	cr_assert_eq(o.total, 2000000);
	cr_assert(o.total_floored);
	cr_assert_eq(o.advance_days, 47);
	cr_assert_eq(o.year_days, 365);
	cr_assert_eq(o.advance, 1200000);
	cr_assert(o.advance_floored);
	cr_assert_eq(o.advance_due, day("2026-02-15"));
	aci_estimate_fini(&o);
	/* The year after is still within the two years; the third is not. */
	estimate("exercise = 2026; signed = \"2025-11-15\"; new_structure = true; indicators = { "
	         "opening = true; crisis = true; coordination = true; si_standard = true; };", 100, 1, &o);
	cr_assert(o.total_floored);
	cr_assert_eq(o.advance_days, 365);
	aci_estimate_fini(&o);
	estimate("exercise = 2027; signed = \"2025-11-15\"; new_structure = true; indicators = { "
	         "opening = true; crisis = true; coordination = true; si_standard = true; };", 100, 1, &o);
	cr_assert(!o.total_floored && !o.advance_floored);
	cr_assert_eq(o.total, 1855875);
	aci_estimate_fini(&o);
}

/* The floor of the total needs the gate. */
Test(forecast, no_floor_without_the_gate)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2025-01-10\"; new_structure = true; indicators = { "
	         "crisis = true; coordination = true; si_standard = true; };", 100, 1, &o);
	cr_assert_eq(o.total, 0);
	cr_assert(!o.total_floored);
	cr_assert(o.advance >= 1200000);
	aci_estimate_fini(&o);
}

/* Signed on 30 November: d counts the signing day (32 days of 365), and
 * the advance is due on the last day of February. In a leap year, the
 * 29th. */
Test(forecast, a_contract_signed_in_november)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2025-11-30\"; indicators = { " ALL_BUT_IPA " };", 4000, 16, &o);
	cr_assert_eq(o.advance_days, 32);
	/* 60 % x 69 790 EUR x 32 / 365 = 367 114.52... cents */
	cr_assert_eq(o.advance, 367115);
	cr_assert_eq(o.advance_due, day("2026-02-28"));
	aci_estimate_fini(&o);
	estimate("exercise = 2023; signed = \"2023-11-30\"; indicators = { " ALL_BUT_IPA " };", 4000, 16, &o);
	cr_assert_eq(o.advance_due, day("2024-02-29"));
	aci_estimate_fini(&o);
}

/* IPA protocols are among the protocols: 6 of which 1 with an IPA give
 * 600 + 40 fixed points. */
Test(forecast, ipa_protocols_are_among_the_protocols)
{
	struct aci_estimate o;
	estimate("exercise = 2025; signed = \"2019-06-12\"; indicators = { opening = true; crisis = true; "
	         "coordination = true; si_standard = true; protocols = 6; protocols_ipa = 1; };", 4000, 0, &o);
	cr_assert_eq(o.fixed, 2400 + 640);
	aci_estimate_fini(&o);
}

/* ---- property: the estimate against an independent computation ---- */

static uint64_t rng_state;
static uint32_t rng(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

/* round(a / b) for a >= 0, b > 0, halves up: (2a + b) / 2b. */
static int64_t round_div(i128 a, i128 b)
{
	return (int64_t)((2 * a + b) / (2 * b));
}

Test(forecast, matches_an_independent_computation)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
	fprintf(stderr, "forecast.matches_an_independent_computation: seed %llu (set QP_SEED to replay)\n",
	        (unsigned long long)seed);
	rng_state = seed * 2862933555777941757ULL + 3037000493ULL;
	if (!rng_state)
		rng_state = 1;
	for (int round = 0; round < 500; round++) {
		struct aci_decl d = { 0 };
		d.exercise = 2022 + (int)rng(8);
		cr_assert_eq(date_make(d.exercise - (int)rng(3), 1 + (int)rng(12), 1 + (int)rng(28), &d.signed_on), ST_OK);
		d.c2s_practice = (int32_t)rng(3000);
		d.c2s_national = (int32_t)rng(3000);
		d.ame_practice = (int32_t)rng(500);
		d.ame_national = (int32_t)rng(500);
		d.values = calloc(rules->n, sizeof *d.values);
		for (size_t i = 0; i < rules->n; i++)
			d.values[i] = (int)rng((uint32_t)rules->v[i].max + 1);
		for (size_t i = 0; i < rules->n; i++) {
			const struct aci_indicator *it = &rules->v[i];
			if (it->within >= 0 && d.values[i] > d.values[it->within])
				d.values[i] = d.values[it->within];
			if (it->needs >= 0 && d.values[it->needs] < it->needs_value)
				d.values[i] = 0;
		}
		int64_t P = rng(20000), n = rng(40);
		struct aci_estimate o;
		struct err e = ERR_INIT;
		cr_assert_eq(aci_estimate(rules, &d, P, n, &o, &e), ST_OK, "seed %llu: %s",
		             (unsigned long long)seed, err_text(&e));
		/* Independently: sums over the table, SI, M, one division. */
		i128 F = 0, V = 0;
		bool gate = true, si = false;
		for (size_t i = 0; i < rules->n; i++) {
			F += rules->v[i].fixed[d.values[i]];
			V += rules->v[i].variable[d.values[i]];
			gate &= rules->v[i].cls != ACI_PREREQUISITE || d.values[i] > 0;
			si |= rules->v[i].si && d.values[i] > 0;
		}
		i128 SI = si ? 200 * (n < 16 ? n : 16) + 150 * (n > 16 ? n - 16 : 0) : 0;
		int32_t c = d.c2s_practice - d.c2s_national, a = d.ame_practice - d.ame_national;
		int32_t M = (c > 0 ? c : 0) + (a > 0 ? a : 0);
		if (M > 2500)
			M = 2500;
		int64_t want = round_div(700 * ((F + SI) * 4000 + V * P) * (10000 + M), (i128)4000 * 10000);
		cr_assert_eq(o.computed, want, "seed %llu round %d: %lld, wanted %lld",
		             (unsigned long long)seed, round, (long long)o.computed, (long long)want);
		cr_assert_eq(o.gate, gate, "seed %llu round %d", (unsigned long long)seed, round);
		if (!gate)
			cr_assert_eq(o.total, 0);
		cr_assert_eq(o.balance, o.total - o.advance);
		cr_assert(o.advance_days >= 1 && o.advance_days <= o.year_days);
		aci_estimate_fini(&o);
		aci_decl_fini(&d);
	}
}

/* ---- files: every refusal at its line ---- */

static void refused(const char *text, const char *want)
{
	struct aci_decl d;
	struct err e = ERR_INIT;
	cr_assert_neq(aci_decl_parse(text, "decl.cfg", rules, &d, &e), ST_OK, "accepted: %s", text);
	cr_assert(strstr(err_text(&e), want), "\"%s\", wanted \"%s\"", err_text(&e), want);
	err_fini(&e);
}

Test(forecast, declarations_refused_at_their_line)
{
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = {\n  opening = true;\n  frobs = 3;\n };\n};\n",
	        "decl.cfg:6: unknown indicator \"frobs\"");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = {\n  protocols = 9;\n };\n};\n",
	        "decl.cfg:5: protocols = 9 is over its maximum, 8");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = {\n  protocols = 2;\n  protocols_ipa = 3;\n };\n};\n",
	        "decl.cfg:6: protocols_ipa: 3 is more than protocols (2)");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = {\n  rcp_ipa = true;\n };\n};\n",
	        "decl.cfg:5: rcp_ipa needs rcp to be met");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = { opening = 1; };\n};\n",
	        "decl.cfg:4: \"opening\" must be true or false");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n indicators = { protocols = true; };\n};\n",
	        "decl.cfg:4: \"protocols\" must be a whole number");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n patients = 4294967297;\n};\n",
	        "decl.cfg:4: patients = 4294967297: it must be between 0 and 2147483647");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n colour = 3;\n};\n",
	        "decl.cfg:4: unknown setting \"colour\"");
	refused("aci: {\n exercise = 2025;\n signed = \"2019-06-12\";\n c2s = { practice = 12.555; national = 8; };\n};\n",
	        "decl.cfg:4: practice 12.555 has more than two decimals");
	refused("aci: {\n exercise = 2041;\n signed = \"2019-06-12\";\n};\n",
	        "applies to the exercises 2022 to 2030, not 2041");
	refused("aci: {\n exercise = 2025;\n signed = \"2026-01-02\";\n};\n",
	        "the contract is signed after the exercise 2025");
	refused("@include \"/etc/passwd\"\naci: { exercise = 2025; };\n", "decl.cfg:1: @include is not allowed");
	refused("aci: { exercise = 2025; signed = \"12/06/2019x\"; };\n", "decl.cfg:1: signed \"12/06/2019x\" is not a date");
}

Test(forecast, a_declaration_written_reads_back_the_same)
{
	struct aci_decl d, back;
	decl("exercise = 2025; signed = \"2019-06-12\"; new_structure = false; patients = 4215; associates = 14; "
	     "c2s = { practice = 12.5; national = 8.1; }; ame = { practice = 0.4; national = 0.6; }; "
	     "indicators = { opening = true; crisis = true; coordination = true; si_standard = true; "
	     "protocols = 6; protocols_ipa = 1; rcp = true; diversity = 2; missions = 1; trainees = 3; };", &d);
	struct sbuf b;
	sb_init(&b);
	aci_decl_write(rules, &d, &b);
	struct err e = ERR_INIT;
	cr_assert_eq(aci_decl_parse(b.s, "written", rules, &back, &e), ST_OK, "%s\n%s", err_text(&e), b.s);
	cr_assert_eq(back.exercise, d.exercise);
	cr_assert_eq(back.signed_on, d.signed_on);
	cr_assert_eq(back.patients, 4215);
	cr_assert_eq(back.associates, 14);
	cr_assert_eq(back.c2s_practice, 1250);
	cr_assert_eq(back.c2s_national, 810);
	cr_assert_eq(back.ame_practice, 40);
	cr_assert_eq(back.ame_national, 60);
	cr_assert_eq(memcmp(back.values, d.values, rules->n * sizeof *d.values), 0);
	sb_fini(&b);
	aci_decl_fini(&d);
	aci_decl_fini(&back);
}

Test(forecast, the_rule_set_shipped_is_the_contract_table)
{
	cr_assert_str_eq(rules->name, "avenant 1");
	cr_assert_eq(rules->n, 22);
	cr_assert_eq(rules->point_cents, 700);
	cr_assert_eq(rules->first, 2022);
	cr_assert(rules->caveat && strstr(rules->caveat, "simulator"));
	int t = aci_rules_find(rules, "trainees");
	cr_assert(t >= 0 && rules->v[t].max == 4 && rules->v[t].fixed[2] == 450 && rules->v[t].fixed[4] == 900);
	int q = aci_rules_find(rules, "quality");
	cr_assert(q >= 0 && rules->v[q].fixed[1] == 100 && rules->v[q].variable[3] == 300);
}

static void rules_refused(const char *text, const char *want)
{
	struct aci_rules *r = NULL;
	struct err e = ERR_INIT;
	cr_assert_neq(aci_rules_parse(text, "rules.cfg", &r, &e), ST_OK, "accepted: %s", text);
	cr_assert_null(r);
	cr_assert(strstr(err_text(&e), want), "\"%s\", wanted \"%s\"", err_text(&e), want);
	err_fini(&e);
}

#define RULES_HEAD "rules: {\n name = \"x\";\n exercises = [ 2022, 2030 ];\n patients_reference = 4000;\n" \
                   " majoration_cap = 25.0;\n advance = 60.0;\n"

Test(forecast, rule_sets_refused_at_their_line)
{
	rules_refused(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"core\"; value = \"count\"; max = 2; fixed = [ 0, 1 ]; }\n );\n};\n",
	              "rules.cfg:8: \"fixed\" needs 3 values");
	rules_refused(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"must\"; value = \"yes/no\"; }\n );\n};\n",
	              "rules.cfg:8: unknown class \"must\"");
	rules_refused(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"core\"; value = \"yes/no\"; needs = \"b\"; }\n );\n};\n",
	              "rules.cfg:8: unknown indicator \"b\"");
	rules_refused(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"core\"; value = \"yes/no\"; },\n { id = \"a\"; class = \"core\"; value = \"yes/no\"; }\n );\n};\n",
	              "rules.cfg:9: indicator \"a\" is listed twice");
	/* Without "point", the worths are amounts. */
	rules_refused(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"core\"; value = \"yes/no\"; fixed = 300; }\n );\n};\n",
	              "rules.cfg:8: a rule set without \"point\" gives amounts");
}

/* A rule set without points (as a future avenant could be): amounts. */
Test(forecast, a_rule_set_without_points)
{
	struct aci_rules *r = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(aci_rules_parse(RULES_HEAD " indicators = (\n { id = \"a\"; class = \"prerequisite\"; value = \"yes/no\"; fixed = \"1 000,50\"; }\n );\n};\n",
	                             "rules.cfg", &r, &e), ST_OK, "%s", err_text(&e));
	struct aci_decl d = { .exercise = 2025, .values = (int[]){ 1 } };
	cr_assert_eq(date_make(2020, 1, 1, &d.signed_on), ST_OK);
	struct aci_estimate o;
	cr_assert_eq(aci_estimate(r, &d, 4000, 0, &o, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(o.total, 100050);
	cr_assert_eq(o.advance, 60030);
	aci_estimate_fini(&o);
	aci_rules_free(r);
}
