/* test_date.c: day numbers, the ISO and French spellings, every day of
 * the supported range against an independent calendar walk, overlaps. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/date.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
#define SENTINEL ((int32_t)0x5a5a5a5a)

static int32_t make(int y, int m, int d)
{
	int32_t v = SENTINEL;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK, "%04d-%02d-%02d", y, m, d);
	return v;
}

/* Known day numbers (checked against Python's datetime). */
Test(date, known_days)
{
	cr_assert_eq(make(1970, 1, 1), 0);
	cr_assert_eq(make(1969, 12, 31), -1);
	cr_assert_eq(make(1900, 1, 1), -25567);
	cr_assert_eq(make(2000, 3, 1), 11017);
	cr_assert_eq(make(2024, 2, 29), 19782);
	cr_assert_eq(make(2025, 1, 1), 20089);
	cr_assert_eq(make(2025, 12, 31), 20453);
	cr_assert_eq(make(2200, 12, 31), 84370);
	cr_assert_eq(date_year_start(2025), 20089);
	cr_assert_eq(date_year_end(2025), 20453);
	cr_assert_eq(date_year_start(1970), 0);
	cr_assert_eq(date_year_end(1969), -1);
}

Test(date, leap_years)
{
	int32_t v = SENTINEL;
	cr_assert_eq(date_make(1900, 2, 29, &v), ST_INVALID);   /* century */
	cr_assert_eq(date_make(2100, 2, 29, &v), ST_INVALID);
	cr_assert_eq(date_make(2023, 2, 29, &v), ST_INVALID);
	cr_assert_eq(date_make(2025, 2, 29, &v), ST_INVALID);
	cr_assert_eq(v, SENTINEL);
	cr_assert_eq(date_make(2000, 2, 29, &v), ST_OK);        /* 400th year */
	cr_assert_eq(date_make(2024, 2, 29, &v), ST_OK);
	cr_assert_eq(date_make(2200, 2, 29, &v), ST_INVALID);

	static const struct { int year, days; } len[] = {
		{ 1900, 365 }, { 1904, 366 }, { 2000, 366 }, { 2023, 365 },
		{ 2024, 366 }, { 2025, 365 }, { 2100, 365 }, { 2200, 365 },
	};
	for (size_t i = 0; i < COUNT(len); i++)
		cr_assert_eq(date_year_end(len[i].year) - date_year_start(len[i].year) + 1,
		             len[i].days, "year %d", len[i].year);
}

Test(date, make_refuses)
{
	static const int bad[][3] = {
		{ 1899, 12, 31 }, { 2201, 1, 1 }, { 2024, 0, 10 }, { 2024, 13, 1 },
		{ 2024, 1, 0 }, { 2024, 1, 32 }, { 2024, 4, 31 }, { 2024, 6, 31 },
		{ 2024, 9, 31 }, { 2024, 11, 31 }, { 2024, -1, 1 }, { 2024, 1, -1 },
	};
	for (size_t i = 0; i < COUNT(bad); i++) {
		int32_t v = SENTINEL;
		cr_assert_eq(date_make(bad[i][0], bad[i][1], bad[i][2], &v), ST_INVALID,
		             "%d-%d-%d", bad[i][0], bad[i][1], bad[i][2]);
		cr_assert_eq(v, SENTINEL);
	}
}

struct parse_row {
	const char *in;
	int y, m, d;
};

static const struct parse_row parse_rows[] = {
	{ "2025-03-14", 2025, 3, 14 },
	{ " 2025-03-14 ", 2025, 3, 14 },
	{ "\t2025-03-14\r\n", 2025, 3, 14 },
	{ "2024-02-29", 2024, 2, 29 },
	{ "1900-01-01", 1900, 1, 1 },
	{ "2200-12-31", 2200, 12, 31 },
	{ "14/03/2025", 2025, 3, 14 },
	{ "1/4/2025", 2025, 4, 1 },
	{ "01/04/2025", 2025, 4, 1 },
	{ "1/04/2025", 2025, 4, 1 },
	{ "01/4/2025", 2025, 4, 1 },
	{ "29/02/2024", 2024, 2, 29 },
	{ " 31/12/2200\t", 2200, 12, 31 },
};

Test(date_parse, accepts)
{
	for (size_t i = 0; i < COUNT(parse_rows); i++) {
		const struct parse_row *r = &parse_rows[i];
		int32_t v = SENTINEL;
		cr_assert_eq(date_parse(r->in, &v), ST_OK, "row %zu \"%s\"", i, r->in);
		cr_assert_eq(v, make(r->y, r->m, r->d), "row %zu \"%s\"", i, r->in);
	}
}

static const char *const refuse_rows[] = {
	"2025-02-29", "2024-13-01", "2024-00-10", "2024-1-5", "2024-01-5",
	"", "   ", "2024-01-01x", "x2024-01-01", "1899-12-31", "2201-01-01",
	"2024-01-32", "2024-04-31", "32/01/2024", "1/13/2024", "0/1/2024",
	"1/0/2024", "29/02/2023", "001/01/2024", "1/001/2024", "1/1/24",
	"1/1/02024", "2024/01/01", "20240101", "2024-01-01T00:00",
	"2024 - 01 - 01", "2024-01 -01", "+2024-01-01", "-2024-01-01",
	"2024-01-01 2024-01-02", "01-01-2024", "1//2024", "2024--01-01",
	"1.1.2024", "x", "31/12/1899",
};

Test(date_parse, refuses)
{
	for (size_t i = 0; i < COUNT(refuse_rows); i++) {
		int32_t v = SENTINEL;
		cr_assert_eq(date_parse(refuse_rows[i], &v), ST_INVALID, "\"%s\"", refuse_rows[i]);
		cr_assert_eq(v, SENTINEL, "\"%s\": *out written", refuse_rows[i]);
	}
	cr_assert_eq(date_parse(NULL, NULL), ST_INVALID);
}

Test(date_format, values)
{
	char buf[DATE_BUFSZ];
	memset(buf, 'x', sizeof buf);
	cr_assert_eq(date_format(DATE_NONE, buf, sizeof buf), buf);
	cr_assert_str_eq(buf, "");
	cr_assert_str_eq(date_format(0, buf, sizeof buf), "1970-01-01");
	cr_assert_str_eq(date_format(-1, buf, sizeof buf), "1969-12-31");
	cr_assert_str_eq(date_format(19782, buf, sizeof buf), "2024-02-29");
	cr_assert_str_eq(date_format(-25567, buf, sizeof buf), "1900-01-01");
	cr_assert_str_eq(date_format(84370, buf, sizeof buf), "2200-12-31");
	/* Far outside the parser's range still formats, within DATE_BUFSZ. */
	cr_assert_str_eq(date_format(INT32_MIN, buf, sizeof buf), "-5877641-06-23");
	cr_assert_str_eq(date_format(INT32_MAX - 1, buf, sizeof buf), "5881580-07-10");

	int y = -1, m = -1, d = -1;
	date_split(DATE_NONE, &y, &m, &d);
	cr_assert(y == 0 && m == 0 && d == 0);
	date_split(19782, &y, NULL, NULL);
	cr_assert_eq(y, 2024);
	date_split(19782, NULL, &m, &d);
	cr_assert(m == 2 && d == 29);
}

/* The reference calendar the test walks by, written independently of
 * date.c's arithmetic. */
static int ref_month_len(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : len[m - 1];
}

/* Every day from 1900-01-01 to 2200-12-31: consecutive calendar days are
 * consecutive numbers, and make, split, format and parse (both forms)
 * agree on each. */
Test(date_property, every_day)
{
	int y = DATE_YEAR_MIN, m = 1, d = 1;
	int32_t expect = make(y, m, d);
	long days = 0;
	char buf[DATE_BUFSZ], want[32], fr[32];
	for (;;) {
		int32_t n = SENTINEL, p = SENTINEL, q = SENTINEL;
		int sy, sm, sd;
		if (date_make(y, m, d, &n) != ST_OK || n != expect)
			cr_assert_fail("%04d-%02d-%02d: make gave %d, want %d", y, m, d, n, expect);
		date_split(n, &sy, &sm, &sd);
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		snprintf(fr, sizeof fr, "%d/%d/%04d", d, m, y);
		date_format(n, buf, sizeof buf);
		if (sy != y || sm != m || sd != d || strcmp(buf, want) != 0 ||
		    date_parse(buf, &p) != ST_OK || p != n ||
		    date_parse(fr, &q) != ST_OK || q != n)
			cr_assert_fail("%s: split %d-%d-%d, format \"%s\", parse %d, French %d, want %d",
			               want, sy, sm, sd, buf, p, q, n);
		days++;
		if (y == DATE_YEAR_MAX && m == 12 && d == 31)
			break;
		expect++;
		if (++d > ref_month_len(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	cr_assert_eq(days, 109938L);   /* 301 years, 73 of them leap */
	cr_assert_eq(expect, 84370);
}

static int32_t local_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	cr_assert_not_null(localtime_r(&now, &tm));
	return make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* date_today() falls back to the local date; bracket the call in case a
 * midnight passes while the test runs. */
static void assert_local_today(void)
{
	int32_t before = local_today();
	int32_t got = date_today();
	int32_t after = local_today();
	cr_assert(got == before || got == after, "today %d, local %d..%d", got, before, after);
}

Test(date_today, env_and_local)
{
	setenv("QUOTEPART_TODAY", "2025-06-30", 1);
	cr_assert_eq(date_today(), make(2025, 6, 30));
	setenv("QUOTEPART_TODAY", " 2024-02-29 ", 1);
	cr_assert_eq(date_today(), make(2024, 2, 29));

	/* Invalid or not ISO: ignored, the local date is used. */
	setenv("QUOTEPART_TODAY", "2025-02-30", 1);
	assert_local_today();
	setenv("QUOTEPART_TODAY", "30/06/2025", 1);
	assert_local_today();
	setenv("QUOTEPART_TODAY", "", 1);
	assert_local_today();
	unsetenv("QUOTEPART_TODAY");
	assert_local_today();
}

Test(date_overlap, cases)
{
	int32_t y25s = make(2025, 1, 1), y25e = make(2025, 12, 31);
	int32_t y24s = make(2024, 1, 1), y24e = make(2024, 12, 31);
	int32_t mar1 = make(2025, 3, 1), mar31 = make(2025, 3, 31);
	int32_t jun30 = make(2025, 6, 30);

	cr_assert_eq(date_overlap(y25s, y25e, y25s, y25e), 365);
	cr_assert_eq(date_overlap(y24s, y24e, y24s, y24e), 366);
	cr_assert_eq(date_overlap(y24s, y24e, y25s, y25e), 0);          /* disjoint */
	cr_assert_eq(date_overlap(y25s, y25e, y24s, y24e), 0);
	cr_assert_eq(date_overlap(y24s, y25s, y25s, y25e), 1);          /* touch on one day */
	cr_assert_eq(date_overlap(y25s, y25e, y24s, y25s), 1);
	cr_assert_eq(date_overlap(y24s, y24e - 1, y24e, y25e), 0);      /* adjacent, not touching */
	cr_assert_eq(date_overlap(y25s, y25e, mar1, mar31), 31);        /* contained */
	cr_assert_eq(date_overlap(mar1, mar31, y25s, y25e), 31);
	cr_assert_eq(date_overlap(mar1, jun30, y25s, mar31), 31);       /* partial */
	cr_assert_eq(date_overlap(jun30, jun30, jun30, jun30), 1);

	/* Open ends: a member who has not left. */
	cr_assert_eq(date_overlap(mar1, DATE_NONE, y25s, y25e), 306);   /* Mar 1..Dec 31 */
	cr_assert_eq(date_overlap(y25s, y25e, mar1, DATE_NONE), 306);
	cr_assert_eq(date_overlap(y24s, DATE_NONE, y25s, y25e), 365);
	cr_assert_eq(date_overlap(make(2026, 1, 1), DATE_NONE, y25s, y25e), 0);
	cr_assert_eq(date_overlap(y25e, DATE_NONE, y25s, y25e), 1);
	cr_assert_eq(date_overlap(y25s, DATE_NONE, mar1, DATE_NONE),
	             (int64_t)DATE_NONE - 1 - mar1 + 1);

	/* No period: an inverted one, or a missing start. */
	cr_assert_eq(date_overlap(y25e, y25s, y25s, y25e), 0);
	cr_assert_eq(date_overlap(DATE_NONE, DATE_NONE, y25s, y25e), 0);
	cr_assert_eq(date_overlap(y25s, y25e, DATE_NONE, y25e), 0);
}

/* date_format writes the digits itself for years 0 to 9999: the same text
 * as the snprintf it replaced, every day of 1890-2210, around the edges
 * of the fast path, and when the buffer is too short for it. */
static void same_as_snprintf(int32_t d, size_t size)
{
	char got[32], want[32];
	int y, m, dd;
	date_split(d, &y, &m, &dd);
	memset(got, 'x', sizeof got);
	snprintf(want, size, "%04lld-%02d-%02d", (long long)y, m, dd);
	cr_assert_eq(date_format(d, got, size), got);
	cr_assert_str_eq(got, want, "day %ld, size %zu", (long)d, size);
}

Test(date, format_by_hand_matches_snprintf)
{
	for (int32_t d = date_year_start(1890); d <= date_year_end(2210); d++)
		same_as_snprintf(d, DATE_BUFSZ);
	const int years[] = { 0, 1, 9, 10, 99, 100, 999, 1000, 9998, 9999, 10000, 12345, -1, -10 };
	for (size_t i = 0; i < COUNT(years); i++) {
		int32_t d = date_year_start(years[i]);
		for (int k = 0; k < 400; k += 37)
			same_as_snprintf(d + k, sizeof(char[32]));
	}
	for (size_t size = 1; size <= 12; size++)
		same_as_snprintf(make(2024, 2, 29), size);
	char buf[4] = "abc";
	cr_assert_eq(date_format(make(2024, 2, 29), buf, 0), buf);
	cr_assert_str_eq(buf, "abc", "size 0 wrote");
}
