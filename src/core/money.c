/* money.c: int64 cents and fixed-point decimals: strict parsing (never
 * rounds, never wraps), formatting in the four house styles, and
 * overflow-checked arithmetic. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "quotepart/money.h"

#define DECIMAL_PLACES_MAX 6

/* UTF-8 spellings of the non-ASCII characters we read and write. */
#define U_NBSP   "\xc2\xa0"       /* U+00A0 no-break space */
#define U_NNBSP  "\xe2\x80\xaf"   /* U+202F narrow no-break space */
#define U_MINUS  "\xe2\x88\x92"   /* U+2212 minus sign */
#define U_EURO   "\xe2\x82\xac"   /* U+20AC euro sign */

/* A span [p, end) of the input; the input is never copied. */
struct span {
	const char *p;
	const char *end;
};

/* Length of `lit` if the span starts with it, else 0. */
static size_t span_starts(const struct span *s, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(s->end - s->p) >= n && memcmp(s->p, lit, n) == 0)
		return n;
	return 0;
}

static size_t span_ends(const struct span *s, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(s->end - s->p) >= n && memcmp(s->end - n, lit, n) == 0)
		return n;
	return 0;
}

/* A thousands separator: the ASCII space and the two no-break spaces
 * French typography (and our own MONEY_FR output) puts between groups. */
static size_t sep_len(const struct span *s)
{
	if (s->p < s->end && *s->p == ' ')
		return 1;
	size_t n = span_starts(s, U_NBSP);
	return n ? n : span_starts(s, U_NNBSP);
}

static bool is_ascii_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* A blank around the number: ASCII white space plus the separators, so
 * that a pasted "  1 234,56\u00a0€\t" still reads. */
static size_t blank_len(const struct span *s)
{
	if (s->p < s->end && is_ascii_blank(*s->p))
		return 1;
	return sep_len(s);
}

static size_t blank_len_back(const struct span *s)
{
	if (s->p < s->end && is_ascii_blank(s->end[-1]))
		return 1;
	size_t n = span_ends(s, U_NBSP);
	return n ? n : span_ends(s, U_NNBSP);
}

static void span_trim(struct span *s)
{
	size_t n;
	while ((n = blank_len(s)) > 0)
		s->p += n;
	while ((n = blank_len_back(s)) > 0)
		s->end -= n;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Consume an optional sign ('-', '+', U+2212); *neg tells which. Returns
 * whether one was there. */
static bool span_sign(struct span *s, bool *neg)
{
	size_t n;
	if (s->p < s->end && (*s->p == '-' || *s->p == '+')) {
		*neg = *s->p == '-';
		s->p++;
		return true;
	}
	if ((n = span_starts(s, U_MINUS)) > 0) {
		*neg = true;
		s->p += n;
		return true;
	}
	return false;
}

/* The two grammars of a number: the French one (blanks between groups,
 * a point or a comma before the decimals), and the English one of
 * MONEY_EN (commas between groups, a point before the decimals, which
 * must be there: "1,234" alone would be a guess). */
enum grouping { GROUP_BLANKS, GROUP_COMMAS };

/* A group separator of that grammar at s: its length, else 0. */
static size_t group_sep(const struct span *s, enum grouping g)
{
	if (g == GROUP_COMMAS)
		return s->p < s->end && *s->p == ',' ? 1 : 0;
	return sep_len(s);
}

static bool decimal_mark(char c, enum grouping g)
{
	return c == '.' || (g == GROUP_BLANKS && c == ',');
}

/* The unsigned number grammar on a trimmed span:
 *     int    := digits | group1 (SEP group3)+
 *     number := int [ MARK digit{1,places} ]
 * where group1 is 1..3 digits and group3 exactly 3; SEP and MARK are the
 * grouping's. Once a separator is seen, grouping by 3 is enforced, which
 * is what refuses "1 23,00"; a first group longer than 3 ("1234 567") is
 * refused for the same reason. The magnitude, scaled by 10^places, goes
 * to *mag; ST_OVERFLOW when it does not fit in 64 unsigned bits (the
 * caller checks the signed range). */
static enum status span_unsigned(struct span s, int places, enum grouping g, uint64_t *mag)
{
	uint64_t v = 0;
	int group = 0;          /* digits in the current group */
	bool grouped = false;   /* a separator was seen */
	bool overflow = false;

	if (s.p >= s.end || !is_digit(*s.p))
		return ST_INVALID;
	while (s.p < s.end) {
		size_t n;
		if (is_digit(*s.p)) {
			/* Keep validating after an overflow so that malformed
			 * input is ST_INVALID rather than ST_OVERFLOW. */
			if (__builtin_mul_overflow(v, 10u, &v) ||
			    __builtin_add_overflow(v, (uint64_t)(*s.p - '0'), &v))
				overflow = true;
			group++;
			s.p++;
		} else if ((n = group_sep(&s, g)) > 0) {
			if (grouped ? group != 3 : group > 3)
				return ST_INVALID;
			grouped = true;
			group = 0;
			s.p += n;
		} else {
			break;
		}
	}
	if (grouped && group != 3)
		return ST_INVALID;

	int decimals = 0;
	if (s.p < s.end && decimal_mark(*s.p, g)) {
		s.p++;
		while (s.p < s.end && is_digit(*s.p)) {
			if (++decimals > places)
				return ST_INVALID;   /* never round */
			if (__builtin_mul_overflow(v, 10u, &v) ||
			    __builtin_add_overflow(v, (uint64_t)(*s.p - '0'), &v))
				overflow = true;
			s.p++;
		}
		if (decimals == 0)
			return ST_INVALID;   /* "12," or "12.": a stray mark */
	}
	if (s.p != s.end)
		return ST_INVALID;   /* second mark, exponent, letters, ... */
	if (g == GROUP_COMMAS && decimals == 0)
		return ST_INVALID;   /* "1,234": three decimals, or a thousand? */
	/* Scale the missing decimals: "12,5" with 2 places is 1250. */
	for (; decimals < places; decimals++)
		if (__builtin_mul_overflow(v, 10u, &v))
			overflow = true;
	if (overflow)
		return ST_OVERFLOW;
	*mag = v;
	return ST_OK;
}

/* Apply the sign to a magnitude, refusing what int64 cannot hold:
 * 2^63 is only valid negated (INT64_MIN). */
static enum status apply_sign(uint64_t mag, bool neg, int64_t *out)
{
	if (neg) {
		if (mag > (uint64_t)INT64_MAX + 1)
			return ST_OVERFLOW;
		/* -(mag - 1) - 1 stays in range even for mag == 2^63. */
		*out = mag == 0 ? 0 : -(int64_t)(mag - 1) - 1;
	} else {
		if (mag > (uint64_t)INT64_MAX)
			return ST_OVERFLOW;
		*out = (int64_t)mag;
	}
	return ST_OK;
}

/* Sign then unsigned number, on a trimmed span. */
static enum status span_signed(struct span s, int places, enum grouping g, int64_t *out)
{
	bool neg = false;
	uint64_t mag;
	span_sign(&s, &neg);
	enum status st = span_unsigned(s, places, g, &mag);
	if (st != ST_OK)
		return st;
	return apply_sign(mag, neg, out);
}

enum status decimal_parse(const char *s, int places, int64_t *out)
{
	if (!s || !out || places < 0 || places > DECIMAL_PLACES_MAX)
		return ST_INVALID;
	struct span sp = { s, s + strlen(s) };
	span_trim(&sp);
	return span_signed(sp, places, GROUP_BLANKS, out);
}

/* An amount's number, in cents, in either grammar: the two never both
 * accept one text (commas group only when a point follows them; then
 * the French grammar sees two marks). */
static enum status cents_unsigned(struct span s, uint64_t *mag)
{
	enum status st = span_unsigned(s, 2, GROUP_BLANKS, mag);
	return st == ST_INVALID ? span_unsigned(s, 2, GROUP_COMMAS, mag) : st;
}

static enum status cents_signed(struct span s, int64_t *out)
{
	enum status st = span_signed(s, 2, GROUP_BLANKS, out);
	return st == ST_INVALID ? span_signed(s, 2, GROUP_COMMAS, out) : st;
}

static bool ascii_ieq(const char *a, const char *lit, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return false;
	}
	return true;
}

/* The currency marks, longest word first so "euros" is not read as
 * "euro" + "s". "euro" is accepted too: it is what people type. */
static const char *const currency_marks[] = { U_EURO, "euros", "euro", "eur" };

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Strip a currency mark at the end of the span; a word mark must not be
 * the tail of a longer word ("12 neur"). */
static bool strip_mark_back(struct span *s)
{
	size_t len = (size_t)(s->end - s->p);
	for (size_t i = 0; i < sizeof currency_marks / sizeof currency_marks[0]; i++) {
		size_t n = strlen(currency_marks[i]);
		if (len < n || !ascii_ieq(s->end - n, currency_marks[i], n))
			continue;
		if (i > 0 && len > n && is_alpha(s->end[-(ptrdiff_t)n - 1]))
			continue;
		s->end -= n;
		return true;
	}
	return false;
}

static bool strip_mark_front(struct span *s)
{
	size_t len = (size_t)(s->end - s->p);
	for (size_t i = 0; i < sizeof currency_marks / sizeof currency_marks[0]; i++) {
		size_t n = strlen(currency_marks[i]);
		if (len < n || !ascii_ieq(s->p, currency_marks[i], n))
			continue;
		if (i > 0 && len > n && is_alpha(s->p[n]))
			continue;
		s->p += n;
		return true;
	}
	return false;
}

/* Forms accepted, around the decimal_parse grammar N (which carries its
 * own sign): "N", "N €", "€ N", and "-€ N" (the sign before a leading
 * mark, as MONEY_EN writes it). One mark at most. */
enum status money_parse(const char *s, int64_t *cents)
{
	if (!s || !cents)
		return ST_INVALID;
	struct span sp = { s, s + strlen(s) };
	span_trim(&sp);
	if (strip_mark_back(&sp)) {
		span_trim(&sp);
		return cents_signed(sp, cents);
	}
	/* Leading mark, possibly after a sign: "-€12.50", "€ 12,50". */
	struct span rest = sp;
	bool neg = false;
	bool signed_ = span_sign(&rest, &neg);
	if (!strip_mark_front(&rest))
		return cents_signed(sp, cents);
	span_trim(&rest);
	if (!signed_)
		return cents_signed(rest, cents);
	uint64_t mag;
	enum status st = cents_unsigned(rest, &mag);   /* "-€-1" refused */
	if (st != ST_OK)
		return st;
	return apply_sign(mag, neg, cents);
}

/* Magnitude of any int64 without the undefined -INT64_MIN. */
static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* A small append-only writer into a bounded buffer. The texts built here
 * are bounded by the width of int64, so the buffer is fixed-size. */
struct out {
	char buf[MONEY_BUFSZ];
	size_t len;
};

static void out_str(struct out *o, const char *s)
{
	size_t n = strlen(s);
	if (o->len + n < sizeof o->buf) {
		memcpy(o->buf + o->len, s, n);
		o->len += n;
	}
}

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < sizeof o->buf)
		o->buf[o->len++] = c;
}

/* The decimal digits of v, most significant first, grouped by 3 with
 * `sep` when not NULL. */
static void out_digits(struct out *o, uint64_t v, const char *sep)
{
	char d[24];   /* 2^64 has 20 digits */
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (int i = n - 1; i >= 0; i--) {
		out_char(o, d[i]);
		if (sep && i > 0 && i % 3 == 0)
			out_str(o, sep);
	}
}

/* Copy into the caller's buffer, truncating at a character boundary if
 * it is too small (MONEY_BUFSZ never is). */
static char *out_copy(const struct out *o, char *buf, size_t size)
{
	if (!buf || size == 0)
		return buf;
	size_t n = o->len;
	if (n >= size) {
		n = size - 1;
		/* Back off UTF-8 continuation bytes, then the lead byte of
		 * the character they belonged to. */
		while (n > 0 && ((unsigned char)o->buf[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, o->buf, n);
	buf[n] = '\0';
	return buf;
}

char *money_format(int64_t cents, enum money_style style, char *buf, size_t size)
{
	struct out o = { .len = 0 };
	uint64_t mag = magnitude(cents);
	uint64_t units = mag / 100, frac = mag % 100;
	char dec[3] = { (char)('0' + frac / 10), (char)('0' + frac % 10), '\0' };

	if (cents < 0)
		out_char(&o, '-');
	switch (style) {
	case MONEY_FR:
		out_digits(&o, units, U_NNBSP);
		out_char(&o, ',');
		out_str(&o, dec);
		out_str(&o, U_NBSP U_EURO);
		break;
	case MONEY_EN:
		out_str(&o, U_EURO);
		out_digits(&o, units, ",");
		out_char(&o, '.');
		out_str(&o, dec);
		break;
	case MONEY_FR_ASCII:
		out_digits(&o, units, " ");
		out_char(&o, ',');
		out_str(&o, dec);
		break;
	case MONEY_EN_ASCII:
		out_digits(&o, units, ",");
		out_char(&o, '.');
		out_str(&o, dec);
		break;
	case MONEY_CSV:
	case MONEY_PLAIN:
	default:
		out_digits(&o, units, NULL);
		out_char(&o, style == MONEY_CSV ? ',' : '.');
		out_str(&o, dec);
		break;
	}
	o.buf[o.len] = '\0';
	return out_copy(&o, buf, size);
}

enum money_style money_text_style(void)
{
	return i18n_is_french() ? MONEY_FR : MONEY_EN;
}

/* Any places from 0 to 18 (10^18 still fits in uint64); outside that the
 * result is "". */
char *decimal_format(int64_t v, int places, char mark, char *buf, size_t size)
{
	struct out o = { .len = 0 };
	if (places >= 0 && places <= 18) {
		uint64_t scale = 1;
		for (int i = 0; i < places; i++)
			scale *= 10;
		uint64_t mag = magnitude(v);
		if (v < 0)
			out_char(&o, '-');
		out_digits(&o, mag / scale, NULL);
		if (places > 0) {
			out_char(&o, mark);
			/* Leading zeros of the fraction: 5 with 2 places is
			 * ".05", so print digit by digit from the top. */
			uint64_t frac = mag % scale;
			for (uint64_t d = scale / 10; d > 0; d /= 10)
				out_char(&o, (char)('0' + frac / d % 10));
		}
	}
	o.buf[o.len] = '\0';
	return out_copy(&o, buf, size);
}

enum status money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;
	if (__builtin_add_overflow(a, b, &r))
		return ST_OVERFLOW;
	*out = r;
	return ST_OK;
}

enum status money_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;
	if (__builtin_sub_overflow(a, b, &r))
		return ST_OVERFLOW;
	*out = r;
	return ST_OK;
}

enum status money_mul(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;
	if (__builtin_mul_overflow(a, b, &r))
		return ST_OVERFLOW;
	*out = r;
	return ST_OK;
}

/* Digits only, at least one and at most 9: *v. */
static bool whole(const char *s, size_t n, int64_t *v)
{
	if (n == 0 || n > 9)
		return false;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

enum status hours_parse(const char *s, int64_t *out)
{
	if (!s)
		return ST_INVALID;
	/* Without a separator of hours and minutes: a decimal of hours. */
	const char *sep = strpbrk(s, "hH:m");
	if (!sep)
		return decimal_parse(s, 2, out);
	char buf[64];
	size_t n = 0;
	for (const char *p = s; *p && n < sizeof buf - 1; p++)
		if (*p != ' ' && *p != '\t')
			buf[n++] = *p;
	if (strlen(s) >= sizeof buf)
		return ST_INVALID;
	buf[n] = '\0';
	int64_t h = 0, m = 0;
	size_t k = strcspn(buf, "hH:");
	if (buf[k]) {
		/* "1h30", "1h", "1:30" */
		if (!whole(buf, k, &h))
			return ST_INVALID;
		const char *rest = buf + k + 1;
		size_t r = strlen(rest);
		if (r >= 3 && strcmp(rest + r - 3, "min") == 0 && buf[k] != ':')
			r -= 3;
		if (r && !whole(rest, r, &m))
			return ST_INVALID;
		if (!r && buf[k] == ':')
			return ST_INVALID;
	} else if (n > 3 && strcmp(buf + n - 3, "min") == 0) {
		/* "45min" */
		if (!whole(buf, n - 3, &m))
			return ST_INVALID;
	} else {
		return ST_INVALID;
	}
	if (m >= 60 || (m * 100) % 60 != 0)
		return ST_INVALID;
	if (h > INT64_MAX / 100 - 100)
		return ST_OVERFLOW;
	*out = h * 100 + m * 100 / 60;
	return ST_OK;
}
