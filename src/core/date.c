/* date.c: day numbers since 1970-01-01 (proleptic Gregorian), the two
 * date spellings we read (ISO and French), and inclusive period overlap. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

/* Howard Hinnant's days_from_civil (public domain, "chrono-Compatible
 * Low-Level Date Algorithms"). The year is shifted to start on 1 March
 * so that the leap day is the last day of the shifted year; then a
 * 400-year era has a fixed 146097 days, the day of the era follows from
 * the year of the era (365 per year plus the leap rule's /4 - /100), and
 * the day of the shifted year from the month by the linear formula
 * (153 * m + 2) / 5, which reproduces the month lengths 31, 30, 31, 30,
 * 31, 31, 30, 31, 30, 31, 31, 28/29 from March. 719468 is the day number
 * of 0000-03-01 counted from 1970-01-01. int64 so no input overflows. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;          /* floor division */
	int64_t yoe = y - era * 400;                          /* [0, 399] */
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;   /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

/* The inverse, civil_from_days, same source: find the era and the day of
 * the era, then the year of the era by removing the leap days counted so
 * far (doe/1460 for every 4th year, doe/36524 for centuries, doe/146096
 * for the last day of the era), then month and day by inverting the
 * (153 * m + 2) / 5 formula. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                    /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);             /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                  /* [0, 11] */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

enum status date_make(int y, int m, int d, int32_t *out)
{
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 ||
	    d < 1 || d > days_in_month(y, m))
		return ST_INVALID;
	if (out)
		*out = (int32_t)days_from_civil(y, m, d);
	return ST_OK;
}

/* DATE_NONE splits into 0, 0, 0: it is no day at all. */
void date_split(int32_t date, int *y, int *m, int *d)
{
	int64_t yy = 0;
	int mm = 0, dd = 0;
	if (date != DATE_NONE)
		civil_from_days(date, &yy, &mm, &dd);
	if (y)
		*y = (int)yy;
	if (m)
		*m = mm;
	if (d)
		*d = dd;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Read between min and max digits at *p into *v; advance *p. */
static bool read_digits(const char **p, const char *end, int min, int max, int *v)
{
	int n = 0, x = 0;
	while (*p < end && n < max && is_digit(**p)) {
		x = x * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*v = x;
	return n >= min;
}

/* "YYYY-MM-DD" exactly, on [p, end). */
static enum status parse_iso(const char *p, const char *end, int32_t *out)
{
	int y, m, d;
	if (!read_digits(&p, end, 4, 4, &y) || p >= end || *p++ != '-' ||
	    !read_digits(&p, end, 2, 2, &m) || p >= end || *p++ != '-' ||
	    !read_digits(&p, end, 2, 2, &d) || p != end)
		return ST_INVALID;
	return date_make(y, m, d, out);
}

/* "D/M/YYYY" with one or two digits for day and month, as spreadsheets
 * write them once the cell has lost its format. */
static enum status parse_fr(const char *p, const char *end, int32_t *out)
{
	int y, m, d;
	if (!read_digits(&p, end, 1, 2, &d) || p >= end || *p++ != '/' ||
	    !read_digits(&p, end, 1, 2, &m) || p >= end || *p++ != '/' ||
	    !read_digits(&p, end, 4, 4, &y) || p != end)
		return ST_INVALID;
	return date_make(y, m, d, out);
}

/* Both spellings, or ISO only ($QUOTEPART_TODAY), with blanks around. */
static enum status parse_trimmed(const char *s, bool iso_only, int32_t *out)
{
	if (!s)
		return ST_INVALID;
	int32_t v = 0;
	enum status st;
	/* The store's own form, "YYYY-MM-DD" alone, as every row read gives
	 * it: read without a scan (each test stops at the end of s). */
	if (is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) && s[4] == '-' &&
	    is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) && is_digit(s[9]) &&
	    s[10] == '\0') {
		st = date_make((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		               (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'), &v);
		if (st == ST_OK && out)
			*out = v;
		return st;
	}
	const char *end = s + strlen(s);
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	/* The fifth character tells the forms apart: '-' only in ISO. */
	if (end - s > 4 && s[4] == '-')
		st = parse_iso(s, end, &v);
	else
		st = iso_only ? ST_INVALID : parse_fr(s, end, &v);
	if (st == ST_OK && out)
		*out = v;
	return st;
}

enum status date_parse(const char *s, int32_t *out)
{
	return parse_trimmed(s, false, out);
}

char *date_format(int32_t date, char *buf, size_t size)
{
	if (!buf || size == 0)
		return buf;
	if (date == DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int64_t y;
	int m, d;
	civil_from_days(date, &y, &m, &d);
	if (y >= 0 && y <= 9999 && size > 10) {
		/* Digits by hand: imports and exports format a date per cell,
		 * and snprintf costs ten times this. */
		int yy = (int)y;
		buf[0] = (char)('0' + yy / 1000);
		buf[1] = (char)('0' + yy / 100 % 10);
		buf[2] = (char)('0' + yy / 10 % 10);
		buf[3] = (char)('0' + yy % 10);
		buf[4] = '-';
		buf[5] = (char)('0' + m / 10);
		buf[6] = (char)('0' + m % 10);
		buf[7] = '-';
		buf[8] = (char)('0' + d / 10);
		buf[9] = (char)('0' + d % 10);
		buf[10] = '\0';
		return buf;
	}
	snprintf(buf, size, "%04lld-%02d-%02d", (long long)y, m, d);
	return buf;
}

char *date_format_local(int32_t date, char *buf, size_t size)
{
	if (!i18n_is_french() || date == DATE_NONE || !buf || size == 0)
		return date_format(date, buf, size);
	int y, m, d;
	date_split(date, &y, &m, &d);
	snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
	return buf;
}

int32_t date_today(void)
{
	const char *env = getenv("QUOTEPART_TODAY");
	int32_t v = 0;
	if (parse_trimmed(env, true, &v) == ST_OK)
		return v;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (int32_t)(now / 86400);   /* UTC day: better than nothing */
	return (int32_t)days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* A DATE_NONE end is open: it runs to the last representable day, so
 * overlapping two open periods gives a huge count (callers clip with a
 * closed period). A DATE_NONE start is no period at all: 0. */
int64_t date_overlap(int32_t a_start, int32_t a_end, int32_t b_start, int32_t b_end)
{
	if (a_start == DATE_NONE || b_start == DATE_NONE)
		return 0;
	int64_t ae = a_end == DATE_NONE ? (int64_t)DATE_NONE - 1 : a_end;
	int64_t be = b_end == DATE_NONE ? (int64_t)DATE_NONE - 1 : b_end;
	int64_t lo = a_start > b_start ? a_start : b_start;
	int64_t hi = ae < be ? ae : be;
	return hi < lo ? 0 : hi - lo + 1;
}

/* No range check: any year has a first and a last day. */
int32_t date_year_start(int year)
{
	return (int32_t)days_from_civil(year, 1, 1);
}

int32_t date_year_end(int year)
{
	return (int32_t)days_from_civil(year, 12, 31);
}
