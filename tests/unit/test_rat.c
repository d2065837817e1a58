/* test_rat.c: exact rationals: reduction, checked i128 arithmetic, text
 * in and out (exact decimals, rounding half away from zero). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/rat.h"

#define I128_MIN (-I128_MAX - 1)

static const char *fmt_i(i128 v)
{
	static char buf[RAT_BUFSZ];
	return i128_format(v, buf, sizeof buf);
}

Test(rat, gcd)
{
	cr_assert(rat_gcd(12, 18) == 6);
	cr_assert(rat_gcd(-12, 18) == 6);
	cr_assert(rat_gcd(12, -18) == 6);
	cr_assert(rat_gcd(0, 7) == 7);
	cr_assert(rat_gcd(7, 0) == 7);
	cr_assert(rat_gcd(0, 0) == 0);
	cr_assert(rat_gcd(17, 5) == 1);
	cr_assert(rat_gcd(I128_MAX, I128_MAX) == I128_MAX);
}

Test(rat, make_reduces_and_normalises_sign)
{
	struct rat r = rat_make(6, 8);
	cr_assert(r.num == 3 && r.den == 4);
	r = rat_make(6, -8);
	cr_assert(r.num == -3 && r.den == 4);
	r = rat_make(-6, -8);
	cr_assert(r.num == 3 && r.den == 4);
	r = rat_make(0, -5);
	cr_assert(r.num == 0 && r.den == 1);
	r = rat_make(I128_MIN, 2);
	cr_assert(r.num == I128_MIN / 2 && r.den == 1);
	r = rat_make(184, 365);
	cr_assert(r.num == 184 && r.den == 365);
}

Test(rat, checked_mul_add)
{
	i128 out = 42;
	cr_assert(i128_mul(I128_MAX / 2, 2, &out) && out == I128_MAX - 1);
	out = 42;
	cr_assert_not(i128_mul(I128_MAX / 2 + 1, 2, &out));
	cr_assert(out == 42, "untouched on overflow");
	cr_assert_not(i128_mul(I128_MIN, -1, &out));
	cr_assert(i128_add(I128_MAX - 1, 1, &out) && out == I128_MAX);
	cr_assert_not(i128_add(I128_MAX, 1, &out));
	cr_assert_not(i128_add(I128_MIN, -1, &out));
	cr_assert(out == I128_MAX);
	cr_assert(i128_mul(-3, 4, &out) && out == -12);
}

Test(rat, i128_format_parse)
{
	cr_assert_str_eq(fmt_i(0), "0");
	cr_assert_str_eq(fmt_i(-7), "-7");
	cr_assert_str_eq(fmt_i(I128_MAX), "170141183460469231731687303715884105727");
	cr_assert_str_eq(fmt_i(I128_MIN), "-170141183460469231731687303715884105728");
	i128 v;
	cr_assert(i128_parse("170141183460469231731687303715884105727", &v) && v == I128_MAX);
	cr_assert(i128_parse("-170141183460469231731687303715884105728", &v) && v == I128_MIN);
	cr_assert_not(i128_parse("170141183460469231731687303715884105728", &v));
	cr_assert_not(i128_parse("-170141183460469231731687303715884105729", &v));
	cr_assert_not(i128_parse("", &v));
	cr_assert_not(i128_parse("-", &v));
	cr_assert_not(i128_parse("+5", &v));
	cr_assert_not(i128_parse(" 5", &v));
	cr_assert_not(i128_parse("5 ", &v));
	cr_assert_not(i128_parse("1e3", &v));
	cr_assert_not(i128_parse(NULL, &v));
	cr_assert(i128_parse("-0", &v) && v == 0);
	cr_assert(i128_parse("00042", &v) && v == 42);
	/* Truncation keeps a NUL. */
	char small[4];
	i128_format(123456, small, sizeof small);
	cr_assert_str_eq(small, "123");
}

Test(rat, format)
{
	char b[RAT_BUFSZ];
	cr_assert_str_eq(rat_format(rat_make(184, 365), b, sizeof b), "184/365");
	cr_assert_str_eq(rat_format((struct rat){ 10, 4 }, b, sizeof b), "5/2");
	cr_assert_str_eq(rat_format((struct rat){ 10, 5 }, b, sizeof b), "2");
	cr_assert_str_eq(rat_format((struct rat){ -1, 3 }, b, sizeof b), "-1/3");
	cr_assert_str_eq(rat_format((struct rat){ 0, 9 }, b, sizeof b), "0");
	cr_assert_str_eq(rat_format((struct rat){ I128_MIN, I128_MAX }, b, sizeof b),
	                 "-170141183460469231731687303715884105728/"
	                 "170141183460469231731687303715884105727");
}

Test(rat, format_exact)
{
	char b[RAT_BUFSZ];
	cr_assert_str_eq(rat_format_exact(rat_make(4, 5), 6, b, sizeof b), "0.8");
	cr_assert_str_eq(rat_format_exact(rat_make(365, 2), 6, b, sizeof b), "182.5");
	cr_assert_str_eq(rat_format_exact(rat_make(-1, 4), 6, b, sizeof b), "-0.25");
	cr_assert_str_eq(rat_format_exact(rat_make(1, 3), 6, b, sizeof b), "1/3");
	cr_assert_str_eq(rat_format_exact(rat_make(3, 1), 6, b, sizeof b), "3");
	cr_assert_str_eq(rat_format_exact(rat_make(1, 8), 3, b, sizeof b), "0.125");
	cr_assert_str_eq(rat_format_exact(rat_make(1, 8), 2, b, sizeof b), "1/8");
	cr_assert_str_eq(rat_format_exact(rat_make(7, 100), 2, b, sizeof b), "0.07");
	cr_assert_str_eq(rat_format_exact(rat_make(-1234567, 100), 2, b, sizeof b), "-12345.67");
	cr_assert_str_eq(rat_format_exact(rat_make(184, 365), 10, b, sizeof b), "184/365");
	cr_assert_str_eq(rat_format_exact(rat_make(0, 3), 2, b, sizeof b), "0");
}

Test(rat, format_round)
{
	char b[RAT_BUFSZ];
	cr_assert_str_eq(rat_format_round(rat_make(2, 3), 2, b, sizeof b), "0.67");
	cr_assert_str_eq(rat_format_round(rat_make(-2, 3), 2, b, sizeof b), "-0.67");
	/* Exactly half: away from zero both ways. */
	cr_assert_str_eq(rat_format_round(rat_make(1, 200), 2, b, sizeof b), "0.01");
	cr_assert_str_eq(rat_format_round(rat_make(-1, 200), 2, b, sizeof b), "-0.01");
	cr_assert_str_eq(rat_format_round(rat_make(5, 2), 0, b, sizeof b), "3");
	cr_assert_str_eq(rat_format_round(rat_make(-5, 2), 0, b, sizeof b), "-3");
	/* Below half, and no "-0.00". */
	cr_assert_str_eq(rat_format_round(rat_make(1, 300), 2, b, sizeof b), "0.00");
	cr_assert_str_eq(rat_format_round(rat_make(-1, 300), 2, b, sizeof b), "0.00");
	cr_assert_str_eq(rat_format_round(rat_make(100034, 100), 2, b, sizeof b), "1000.34");
	/* Carry through the 9s into the integer part. */
	cr_assert_str_eq(rat_format_round(rat_make(19999, 20000), 3, b, sizeof b), "1.000");
	cr_assert_str_eq(rat_format_round(rat_make(-199999, 2000), 2, b, sizeof b), "-100.00");
	cr_assert_str_eq(rat_format_round(rat_make(10995, 1000), 2, b, sizeof b), "11.00");
	cr_assert_str_eq(rat_format_round(rat_make(10985, 1000), 2, b, sizeof b), "10.99");
	cr_assert_str_eq(rat_format_round(rat_make(1095000000, 54751), 2, b, sizeof b), "19999.63");
	/* A denominator near 2^127 (10 rem would pass 2^128). */
	cr_assert_str_eq(rat_format_round(rat_make(I128_MAX - 1, I128_MAX), 3, b, sizeof b), "1.000");
	cr_assert_str_eq(rat_format_round(rat_make(I128_MAX / 3, I128_MAX), 4, b, sizeof b), "0.3333");
	cr_assert_str_eq(rat_format_round(rat_make(7, 1), 0, b, sizeof b), "7");
	/* More decimals than any buffer of ours would hold for i128. */
	char big[128];
	rat_format_round(rat_make(1, 3), 100, big, sizeof big);
	cr_assert_eq(strlen(big), 102);
	cr_assert(strncmp(big, "0.3333", 6) == 0 && big[101] == '3');
}

Test(rat, parse)
{
	struct rat r;
	cr_assert(rat_parse("184/365", &r) && r.num == 184 && r.den == 365);
	cr_assert(rat_parse("10/4", &r) && r.num == 5 && r.den == 2);
	cr_assert(rat_parse("-3/6", &r) && r.num == -1 && r.den == 2);
	cr_assert(rat_parse("42", &r) && r.num == 42 && r.den == 1);
	r.num = 99;
	cr_assert_not(rat_parse("1/0", &r));
	cr_assert_not(rat_parse("1/-2", &r));
	cr_assert_not(rat_parse("1/", &r));
	cr_assert_not(rat_parse("/2", &r));
	cr_assert_not(rat_parse("1/2/3", &r));
	cr_assert_not(rat_parse("1.5", &r));
	cr_assert_not(rat_parse("", &r));
	cr_assert_not(rat_parse(" 1/2", &r));
	cr_assert_not(rat_parse("170141183460469231731687303715884105728/1", &r));
	cr_assert(r.num == 99, "untouched on error");
}

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Random fractions: format then parse gives the reduced fraction back;
 * the rounded text is within half a unit of the last place. */
Test(rat, property_roundtrip)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
	fprintf(stderr, "test_rat property seed: QP_SEED=%llu\n", (unsigned long long)seed);
	uint64_t s = seed;
	for (int c = 0; c < 20000; c++) {
		i128 n = (i128)(int64_t)splitmix64(&s) * (i128)(splitmix64(&s) % 1000000 + 1);
		i128 d = (i128)(splitmix64(&s) % 100000000 + 1);
		if (c % 3 == 0)
			n %= 1000;
		struct rat r = rat_make(n, d), back;
		char b[RAT_BUFSZ];
		rat_format(r, b, sizeof b);
		if (!rat_parse(b, &back) || back.num != r.num || back.den != r.den)
			cr_assert_fail("case %d (QP_SEED=%llu): %s did not round-trip", c,
			               (unsigned long long)seed, b);
		/* Rounded to 2 places: |10^2 n/d - v| <= 1/2. */
		rat_format_round(r, 2, b, sizeof b);
		char *dot = strchr(b, '.');
		cr_assert(dot && strlen(dot) == 3);
		memmove(dot, dot + 1, 3);
		i128 v;
		cr_assert(i128_parse(b, &v), "%s", b);
		i128 diff = 100 * r.num - v * r.den;   /* |.| <= den / 2 */
		if (diff < 0)
			diff = -diff;
		if (2 * diff > r.den)
			cr_assert_fail("case %d (QP_SEED=%llu): round gave %s", c,
			               (unsigned long long)seed, b);
		/* Exactly half rounds away from zero. */
		if (2 * diff == r.den && ((r.num > 0 && 100 * r.num > v * r.den) ||
		                          (r.num < 0 && 100 * r.num < v * r.den)))
			cr_assert_fail("case %d: half not away from zero", c);
	}
}
