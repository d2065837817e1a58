/* test_money.c: money and decimal parsing/formatting, table-driven, plus a
 * seeded round-trip property (QP_SEED replays a run). */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quotepart/money.h"

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define MINUS "\xe2\x88\x92"
#define EURO  "\xe2\x82\xac"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* A value no test expects, to see that *out is left alone on errors. */
#define SENTINEL ((int64_t)0x5a5a5a5a5a5a5a5a)

/* ---- money_parse: accepted ---------------------------------------- */

struct accept_row {
	const char *in;
	int64_t cents;
};

static const struct accept_row accept_rows[] = {
	{ "1 234,56 €", 123456 },
	{ "1234,56", 123456 },
	{ "1 234,56 EUR", 123456 },
	{ "-12,50", -1250 },
	{ "1234.56", 123456 },
	{ "12", 1200 },
	{ "12,5", 1250 },
	{ "+3", 300 },
	{ "1" NBSP "234,56", 123456 },
	{ "1" NNBSP "234,56", 123456 },
	{ MINUS "12,50", -1250 },
	{ "0", 0 },
	{ "-0", 0 },
	{ "0,01", 1 },
	{ "-0,01", -1 },
	{ "0.05", 5 },
	{ "  12,50  ", 1250 },
	{ "\t12\t", 1200 },
	{ NBSP "12" NNBSP, 1200 },
	{ "12€", 1200 },
	{ "€12", 1200 },
	{ "€ 12,50", 1250 },
	{ "-€1234.56", -123456 },
	{ "-€ 1 234.56", -123456 },
	{ "12 eur", 1200 },
	{ "12 euros", 1200 },
	{ "12 EUROS", 1200 },
	{ "12 euro", 1200 },
	{ "12EUR", 1200 },
	{ "EUR 12", 1200 },
	{ "-12,50 €", -1250 },
	{ "+0,10", 10 },
	{ "007", 700 },
	{ "1 000", 100000 },
	{ "123 456", 12345600 },
	{ "1 234 567,89", 123456789 },
	{ "1 234,56" NBSP "€", 123456 },
	{ MINUS "1" NNBSP "234,56" NBSP "€", -123456 },
	{ "92233720368547758.07", INT64_MAX },
	{ "-92233720368547758.08", INT64_MIN },
	{ "92 233 720 368 547 758,07 €", INT64_MAX },
	{ "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP "€",
	  INT64_MIN },
	{ "0000000000000000000000001", 100 },
};

Test(money_parse, accepts)
{
	for (size_t i = 0; i < COUNT(accept_rows); i++) {
		int64_t v = SENTINEL;
		enum status st = money_parse(accept_rows[i].in, &v);
		cr_assert_eq(st, ST_OK, "row %zu \"%s\": status %d", i, accept_rows[i].in, st);
		cr_assert_eq(v, accept_rows[i].cents, "row %zu \"%s\": %" PRId64 " != %" PRId64,
		             i, accept_rows[i].in, v, accept_rows[i].cents);
	}
	cr_assert_geq(COUNT(accept_rows), 30);
}

/* What the English screens and forms show ("€49,236.00") reads back:
 * commas group by three when a point marks the decimals. Without the
 * point "1,234" stays three decimals, refused: nothing is guessed. */
static const struct accept_row english_rows[] = {
	{ EURO "49,236.00", 4923600 },
	{ "-" EURO "1,234.56", -123456 },
	{ "1,234.56", 123456 },
	{ "1,234,567.8", 123456780 },
	{ EURO " 1,000.00", 100000 },
	{ "12,345.67 EUR", 1234567 },
	{ EURO "92,233,720,368,547,758.07", INT64_MAX },
	{ "-" EURO "92,233,720,368,547,758.08", INT64_MIN },
};

static const char *const english_refused[] = {
	"1,234", "1,234,567", "1,23.45", "12,3456.00", "1,234.567", "1 234,567.89",
	"1,234 567.00", ",123.45", "1,,234.00", "1,234.", "1.234,56", EURO "1,2345.00",
};

Test(money_parse, reads_what_english_screens_show)
{
	for (size_t i = 0; i < COUNT(english_rows); i++) {
		int64_t v = SENTINEL;
		cr_assert_eq(money_parse(english_rows[i].in, &v), ST_OK, "\"%s\" refused", english_rows[i].in);
		cr_assert_eq(v, english_rows[i].cents, "\"%s\" read as %" PRId64, english_rows[i].in, v);
	}
	for (size_t i = 0; i < COUNT(english_refused); i++) {
		int64_t v = SENTINEL;
		cr_assert_eq(money_parse(english_refused[i], &v), ST_INVALID, "\"%s\" accepted", english_refused[i]);
		cr_assert_eq(v, SENTINEL);
	}
	/* decimal_parse (working time, hours, rates) never groups. */
	int64_t v = SENTINEL;
	cr_assert_eq(decimal_parse("1,234.56", 2, &v), ST_INVALID);
}

/* The styles for terminals whose character set has neither the euro
 * sign nor the narrow no-break space: ASCII, no wider than the others. */
Test(money_format, ascii_styles)
{
	static const struct { int64_t c; enum money_style st; const char *out; } rows[] = {
		{ 4923600, MONEY_FR_ASCII, "49 236,00" },
		{ -123456, MONEY_FR_ASCII, "-1 234,56" },
		{ 5, MONEY_FR_ASCII, "0,05" },
		{ 4923600, MONEY_EN_ASCII, "49,236.00" },
		{ -100000000, MONEY_EN_ASCII, "-1,000,000.00" },
		{ INT64_MIN, MONEY_EN_ASCII, "-92,233,720,368,547,758.08" },
	};
	char buf[MONEY_BUFSZ];
	for (size_t i = 0; i < COUNT(rows); i++)
		cr_assert_str_eq(money_format(rows[i].c, rows[i].st, buf, sizeof buf), rows[i].out);
}

/* ---- money_parse: refused ----------------------------------------- */

struct refuse_row {
	const char *in;
	enum status st;
};

static const struct refuse_row refuse_rows[] = {
	{ "1,234", ST_INVALID },          /* three decimals, not grouping */
	{ "12,345", ST_INVALID },
	{ "0,001", ST_INVALID },
	{ "12,3,4", ST_INVALID },         /* two marks */
	{ "1.234.56", ST_INVALID },
	{ "1,2.3", ST_INVALID },
	{ "1e3", ST_INVALID },
	{ "1E3", ST_INVALID },
	{ "", ST_INVALID },
	{ "   ", ST_INVALID },
	{ "\t" NBSP, ST_INVALID },
	{ "1 23,00", ST_INVALID },        /* bad grouping */
	{ "12 34", ST_INVALID },
	{ "1234 567", ST_INVALID },
	{ "1 2345", ST_INVALID },
	{ "1  234", ST_INVALID },
	{ "1" NBSP NBSP "234", ST_INVALID },
	{ "1 234 ,56", ST_INVALID },
	{ "1 234,5 6", ST_INVALID },
	{ "1\t234", ST_INVALID },         /* a tab is not a separator */
	{ "--1", ST_INVALID },
	{ "-+1", ST_INVALID },
	{ "- 12", ST_INVALID },
	{ MINUS "-1", ST_INVALID },
	{ "12-", ST_INVALID },
	{ "€", ST_INVALID },
	{ "EUR", ST_INVALID },
	{ " euros ", ST_INVALID },
	{ "-€", ST_INVALID },
	{ "€12€", ST_INVALID },
	{ "12 € €", ST_INVALID },
	{ "-€-1", ST_INVALID },
	{ "12 neur", ST_INVALID },
	{ "0x10", ST_INVALID },
	{ "12,", ST_INVALID },
	{ "12.", ST_INVALID },
	{ ",5", ST_INVALID },
	{ ".5", ST_INVALID },
	{ "abc", ST_INVALID },
	{ "12abc", ST_INVALID },
	{ "NaN", ST_INVALID },
	{ "inf", ST_INVALID },
	{ "1_234", ST_INVALID },
	{ "12 $", ST_INVALID },
	{ "92233720368547758.08", ST_OVERFLOW },   /* INT64_MAX + 1 cent */
	{ "-92233720368547758.09", ST_OVERFLOW },  /* INT64_MIN - 1 cent */
	{ "184467440737095516.16", ST_OVERFLOW },  /* 2^64 cents: would wrap to 0 */
	{ "99999999999999999999999999", ST_OVERFLOW },
	{ "-1 000 000 000 000 000 000 €", ST_OVERFLOW },
};

Test(money_parse, refuses)
{
	for (size_t i = 0; i < COUNT(refuse_rows); i++) {
		int64_t v = SENTINEL;
		enum status st = money_parse(refuse_rows[i].in, &v);
		cr_assert_eq(st, refuse_rows[i].st, "row %zu \"%s\": status %d, want %d",
		             i, refuse_rows[i].in, st, refuse_rows[i].st);
		cr_assert_eq(v, SENTINEL, "row %zu \"%s\": *out was written", i, refuse_rows[i].in);
	}
	cr_assert_geq(COUNT(refuse_rows), 30);
}

Test(money_parse, null)
{
	int64_t v = SENTINEL;
	cr_assert_eq(money_parse(NULL, &v), ST_INVALID);
	cr_assert_eq(v, SENTINEL);
	cr_assert_eq(decimal_parse(NULL, 2, &v), ST_INVALID);
	cr_assert_eq(v, SENTINEL);
}

/* ---- decimal_parse ------------------------------------------------- */

struct decimal_row {
	const char *in;
	int places;
	enum status st;
	int64_t v;
};

static const struct decimal_row decimal_rows[] = {
	{ "0,8", 2, ST_OK, 80 },           /* FTE */
	{ "0.80", 2, ST_OK, 80 },
	{ "1", 2, ST_OK, 100 },
	{ "1,5", 2, ST_OK, 150 },          /* hours */
	{ "12.5", 2, ST_OK, 1250 },        /* rate, basis points */
	{ "12", 2, ST_OK, 1200 },
	{ " 1 234,5 ", 1, ST_OK, 12345 },
	{ "1,234", 3, ST_OK, 1234 },       /* a mark, never a grouping */
	{ "1 234", 0, ST_OK, 1234 },
	{ "7", 0, ST_OK, 7 },
	{ "-0,5", 1, ST_OK, -5 },
	{ MINUS "0,5", 1, ST_OK, -5 },
	{ "+0,5", 1, ST_OK, 5 },
	{ "0,123456", 6, ST_OK, 123456 },
	{ "0,1", 6, ST_OK, 100000 },
	{ "9223372036854.775807", 6, ST_OK, INT64_MAX },
	{ "-9223372036854.775808", 6, ST_OK, INT64_MIN },
	{ "9223372036854775807", 0, ST_OK, INT64_MAX },
	{ "-9223372036854775808", 0, ST_OK, INT64_MIN },
	{ "9223372036854.775808", 6, ST_OVERFLOW, 0 },
	{ "9223372036854775808", 0, ST_OVERFLOW, 0 },
	{ "9223372036854776", 3, ST_OVERFLOW, 0 },
	{ "1.5", 0, ST_INVALID, 0 },
	{ "1.0", 0, ST_INVALID, 0 },       /* never round, even exactly */
	{ "0,1234567", 6, ST_INVALID, 0 },
	{ "1,505", 2, ST_INVALID, 0 },
	{ "12 €", 2, ST_INVALID, 0 },      /* no currency here */
	{ "€12", 2, ST_INVALID, 0 },
	{ "1", 7, ST_INVALID, 0 },
	{ "1", -1, ST_INVALID, 0 },
	{ "", 2, ST_INVALID, 0 },
	{ "1e2", 2, ST_INVALID, 0 },
	{ "0,8,", 2, ST_INVALID, 0 },
};

Test(decimal_parse, table)
{
	for (size_t i = 0; i < COUNT(decimal_rows); i++) {
		const struct decimal_row *r = &decimal_rows[i];
		int64_t v = SENTINEL;
		enum status st = decimal_parse(r->in, r->places, &v);
		cr_assert_eq(st, r->st, "row %zu \"%s\"/%d: status %d, want %d",
		             i, r->in, r->places, st, r->st);
		int64_t want = r->st == ST_OK ? r->v : SENTINEL;
		cr_assert_eq(v, want, "row %zu \"%s\"/%d: %" PRId64 " != %" PRId64,
		             i, r->in, r->places, v, want);
	}
}

/* ---- money_format -------------------------------------------------- */

struct format_row {
	int64_t cents;
	enum money_style style;
	const char *out;
};

static const struct format_row format_rows[] = {
	{ 0, MONEY_FR, "0,00" NBSP EURO },
	{ 1, MONEY_FR, "0,01" NBSP EURO },
	{ -1, MONEY_FR, "-0,01" NBSP EURO },
	{ 99999, MONEY_FR, "999,99" NBSP EURO },
	{ 100000, MONEY_FR, "1" NNBSP "000,00" NBSP EURO },
	{ 123456, MONEY_FR, "1" NNBSP "234,56" NBSP EURO },
	{ -123456, MONEY_FR, "-1" NNBSP "234,56" NBSP EURO },
	{ 12345678901, MONEY_FR, "123" NNBSP "456" NNBSP "789,01" NBSP EURO },
	{ INT64_MAX, MONEY_FR, "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547"
	  NNBSP "758,07" NBSP EURO },
	{ INT64_MIN, MONEY_FR, "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547"
	  NNBSP "758,08" NBSP EURO },

	{ 0, MONEY_EN, EURO "0.00" },
	{ 1, MONEY_EN, EURO "0.01" },
	{ -1, MONEY_EN, "-" EURO "0.01" },
	{ 99999, MONEY_EN, EURO "999.99" },
	{ 123456, MONEY_EN, EURO "1,234.56" },
	{ -123456, MONEY_EN, "-" EURO "1,234.56" },
	{ 100000000, MONEY_EN, EURO "1,000,000.00" },
	{ INT64_MAX, MONEY_EN, EURO "92,233,720,368,547,758.07" },
	{ INT64_MIN, MONEY_EN, "-" EURO "92,233,720,368,547,758.08" },

	{ 0, MONEY_CSV, "0,00" },
	{ 1, MONEY_CSV, "0,01" },
	{ -1, MONEY_CSV, "-0,01" },
	{ -5, MONEY_CSV, "-0,05" },
	{ 123456, MONEY_CSV, "1234,56" },
	{ -123456, MONEY_CSV, "-1234,56" },
	{ 1800000, MONEY_CSV, "18000,00" },
	{ INT64_MAX, MONEY_CSV, "92233720368547758,07" },
	{ INT64_MIN, MONEY_CSV, "-92233720368547758,08" },

	{ 0, MONEY_PLAIN, "0.00" },
	{ 1, MONEY_PLAIN, "0.01" },
	{ -1, MONEY_PLAIN, "-0.01" },
	{ 10, MONEY_PLAIN, "0.10" },
	{ 123456, MONEY_PLAIN, "1234.56" },
	{ -123456, MONEY_PLAIN, "-1234.56" },
	{ INT64_MAX, MONEY_PLAIN, "92233720368547758.07" },
	{ INT64_MIN, MONEY_PLAIN, "-92233720368547758.08" },
};

Test(money_format, table)
{
	for (size_t i = 0; i < COUNT(format_rows); i++) {
		char buf[MONEY_BUFSZ];
		memset(buf, 'x', sizeof buf);
		char *r = money_format(format_rows[i].cents, format_rows[i].style, buf, sizeof buf);
		cr_assert_eq(r, buf);
		cr_assert_str_eq(buf, format_rows[i].out, "row %zu: \"%s\" != \"%s\"",
		                 i, buf, format_rows[i].out);
	}
}

/* A short buffer is truncated, NUL-terminated, and never cut inside a
 * UTF-8 character. */
Test(money_format, truncates)
{
	char buf[8];
	memset(buf, 'x', sizeof buf);
	money_format(123456, MONEY_FR, buf, 4);   /* "1" NNBSP does not fit */
	cr_assert_str_eq(buf, "1");
	cr_assert_eq(buf[4], 'x');
	money_format(123456, MONEY_PLAIN, buf, 5);
	cr_assert_str_eq(buf, "1234");
	money_format(123456, MONEY_EN, buf, 3);   /* "€" is 3 bytes */
	cr_assert_str_eq(buf, "");
	buf[0] = 'q';
	money_format(1, MONEY_PLAIN, buf, 0);
	cr_assert_eq(buf[0], 'q');
}

Test(money_format, text_style)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setenv("LANGUAGE", "fr", 1);
	cr_assert_eq(money_text_style(), MONEY_FR);
	setenv("LANGUAGE", "en", 1);
	cr_assert_eq(money_text_style(), MONEY_EN);
	unsetenv("LANGUAGE");
	setenv("LANG", "fr_FR.UTF-8", 1);
	cr_assert_eq(money_text_style(), MONEY_FR);
	setenv("LANG", "C.UTF-8", 1);
	cr_assert_eq(money_text_style(), MONEY_EN);
}

/* ---- decimal_format ------------------------------------------------ */

struct dformat_row {
	int64_t v;
	int places;
	char mark;
	const char *out;
};

static const struct dformat_row dformat_rows[] = {
	{ 80, 2, '.', "0.80" },
	{ 80, 2, ',', "0,80" },
	{ 5, 2, ',', "0,05" },
	{ -5, 2, '.', "-0.05" },
	{ 0, 2, '.', "0.00" },
	{ 1234, 0, '.', "1234" },
	{ -7, 0, ',', "-7" },
	{ 1, 6, ',', "0,000001" },
	{ 150, 2, ',', "1,50" },
	{ INT64_MAX, 6, '.', "9223372036854.775807" },
	{ INT64_MIN, 6, '.', "-9223372036854.775808" },
	{ INT64_MIN, 0, '.', "-9223372036854775808" },
	{ INT64_MIN, 18, '.', "-9.223372036854775808" },
	{ 1, 19, '.', "" },
	{ 1, -1, '.', "" },
};

Test(decimal_format, table)
{
	for (size_t i = 0; i < COUNT(dformat_rows); i++) {
		const struct dformat_row *r = &dformat_rows[i];
		char buf[MONEY_BUFSZ];
		cr_assert_eq(decimal_format(r->v, r->places, r->mark, buf, sizeof buf), buf);
		cr_assert_str_eq(buf, r->out, "row %zu: \"%s\" != \"%s\"", i, buf, r->out);
	}
}

/* ---- arithmetic ---------------------------------------------------- */

Test(money_arith, add_sub_mul)
{
	int64_t v;
	cr_assert_eq(money_add(1, 2, &v), ST_OK);
	cr_assert_eq(v, 3);
	cr_assert_eq(money_add(INT64_MAX, -1, &v), ST_OK);
	cr_assert_eq(v, INT64_MAX - 1);
	cr_assert_eq(money_add(INT64_MIN, INT64_MAX, &v), ST_OK);
	cr_assert_eq(v, -1);
	cr_assert_eq(money_sub(5, 7, &v), ST_OK);
	cr_assert_eq(v, -2);
	cr_assert_eq(money_sub(INT64_MIN + 1, 1, &v), ST_OK);
	cr_assert_eq(v, INT64_MIN);
	cr_assert_eq(money_mul(-1250, 12, &v), ST_OK);
	cr_assert_eq(v, -15000);
	cr_assert_eq(money_mul(INT64_MIN, 1, &v), ST_OK);
	cr_assert_eq(v, INT64_MIN);

	v = SENTINEL;
	cr_assert_eq(money_add(INT64_MAX, 1, &v), ST_OVERFLOW);
	cr_assert_eq(money_add(INT64_MIN, -1, &v), ST_OVERFLOW);
	cr_assert_eq(money_sub(INT64_MIN, 1, &v), ST_OVERFLOW);
	cr_assert_eq(money_sub(0, INT64_MIN, &v), ST_OVERFLOW);
	cr_assert_eq(money_mul(INT64_MIN, -1, &v), ST_OVERFLOW);
	cr_assert_eq(money_mul(INT64_MAX / 2 + 1, 2, &v), ST_OVERFLOW);
	cr_assert_eq(money_mul((int64_t)1 << 32, (int64_t)1 << 31, &v), ST_OVERFLOW);
	cr_assert_eq(v, SENTINEL, "*out written on overflow");
}

/* ---- round-trip property ------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t test_seed(void)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed;
	if (env && *env)
		seed = strtoull(env, NULL, 0);
	else
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	fprintf(stderr, "test_money: seed %" PRIu64 " (set QP_SEED=%" PRIu64 " to replay)\n",
	        seed, seed);
	return seed;
}

/* Values of every magnitude: a random 64-bit word shifted right by a
 * random amount, so small amounts are as frequent as huge ones. */
static int64_t random_cents(uint64_t *state)
{
	uint64_t u = splitmix64(state);
	u >>= splitmix64(state) % 64;
	int64_t v = (int64_t)u;   /* shift 0 covers the negative half */
	if ((splitmix64(state) & 1) && v != INT64_MIN)
		v = -v;
	return v;
}

/* MONEY_EN's shape too: "[-]€d{1,3}(,ddd)*.dd", and without '€' and ','
 * it is PLAIN. */
static bool en_shape_ok(const char *s, const char *plain)
{
	char stripped[MONEY_BUFSZ];
	size_t n = 0;
	const char *p = s;
	if (*p == '-')
		stripped[n++] = *p++;
	if (strncmp(p, EURO, 3) != 0)
		return false;
	p += 3;
	int group = 0, groups = 0;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			if ((groups == 0 && (group < 1 || group > 3)) || (groups > 0 && group != 3))
				return false;
			groups++;
			group = 0;
		} else if (*p >= '0' && *p <= '9') {
			group++;
			stripped[n++] = *p;
		} else {
			return false;
		}
	}
	if (group == 0 || group > 3 || (groups > 0 && group != 3))
		return false;
	if (p[0] != '.' || !(p[1] >= '0' && p[1] <= '9') || !(p[2] >= '0' && p[2] <= '9') || p[3])
		return false;
	memcpy(stripped + n, p, 4);
	return strcmp(stripped, plain) == 0;
}

static void check_round_trip(int64_t v, uint64_t seed)
{
	static const enum money_style back[] = { MONEY_FR, MONEY_CSV, MONEY_PLAIN, MONEY_EN,
	                                         MONEY_FR_ASCII, MONEY_EN_ASCII };
	char buf[MONEY_BUFSZ], plain[MONEY_BUFSZ];
	for (size_t k = 0; k < COUNT(back); k++) {
		int64_t got = SENTINEL;
		money_format(v, back[k], buf, sizeof buf);
		enum status st = money_parse(buf, &got);
		if (st != ST_OK || got != v)
			cr_assert_fail("seed %" PRIu64 ": %" PRId64 " style %d -> \"%s\" -> status %d, %" PRId64,
			               seed, v, (int)back[k], buf, st, got);
	}
	money_format(v, MONEY_PLAIN, plain, sizeof plain);
	money_format(v, MONEY_EN, buf, sizeof buf);
	if (!en_shape_ok(buf, plain))
		cr_assert_fail("seed %" PRIu64 ": %" PRId64 " MONEY_EN \"%s\" has a bad shape", seed, v, buf);

	/* decimal_format and decimal_parse are inverses at every places. */
	for (int places = 0; places <= 6; places++) {
		int64_t got = SENTINEL;
		char mark = (v & 1) ? ',' : '.';
		decimal_format(v, places, mark, buf, sizeof buf);
		enum status st = decimal_parse(buf, places, &got);
		if (st != ST_OK || got != v)
			cr_assert_fail("seed %" PRIu64 ": %" PRId64 " places %d -> \"%s\" -> status %d, %" PRId64,
			               seed, v, places, buf, st, got);
	}
}

#define ROUND_TRIP_CASES 100000

Test(money_property, round_trip)
{
	static const int64_t edges[] = {
		0, 1, -1, 99, -99, 100, -100, 999999, 100000, -100000,
		INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
	};
	uint64_t seed = test_seed();
	uint64_t state = seed;
	for (size_t i = 0; i < COUNT(edges); i++)
		check_round_trip(edges[i], seed);
	for (int i = 0; i < ROUND_TRIP_CASES; i++)
		check_round_trip(random_cents(&state), seed);
}

/* Hours as people write them: decimals, or hours and minutes. */
Test(hours_parse, hours_and_minutes)
{
	static const struct { const char *in; int64_t want; } ok[] = {
		{ "1,5", 150 }, { "1.25", 125 }, { "2", 200 }, { "1h30", 150 }, { "1H30", 150 },
		{ "1 h 30", 150 }, { "2h", 200 }, { "0h45", 75 }, { "1:30", 150 }, { "0:03", 5 },
		{ "45min", 75 }, { "1h15min", 125 }, { " 1h30 ", 150 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t v = -1;
		cr_assert_eq(hours_parse(ok[i].in, &v), ST_OK, "\"%s\"", ok[i].in);
		cr_assert_eq(v, ok[i].want, "\"%s\": %lld", ok[i].in, (long long)v);
	}
	static const char *const bad[] = {
		"", "h", "1h60", "1h20", "1:", ":30", "1h3x", "1,5h", "h30", "1h30h", "-1h", "1e2", "min", NULL,
	};
	for (size_t i = 0; bad[i]; i++) {
		int64_t v = 42;
		cr_assert_neq(hours_parse(bad[i], &v), ST_OK, "\"%s\" accepted", bad[i]);
		cr_assert_eq(v, 42, "\"%s\": *out changed", bad[i]);
	}
	int64_t v = 42;
	cr_assert_neq(hours_parse(NULL, &v), ST_OK);
}
