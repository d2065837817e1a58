/* cfg_number.c: numbers of libconfig files read as they are written.
 *
 * libconfig 1.5 reads a plain integer with atoi(): 4294967297 comes back as
 * 1, 2147483648 as a negative number, 0x100000001 as 1, and an integer
 * with an L suffix saturates at 2^63-1; floats come back rounded to a
 * double. So the text is scanned first, as libconfig's own scanner would
 * scan it, and every numeric literal is set aside and replaced by its index
 * as a 64-bit literal (" 3L "), which libconfig reads exactly. A setting's
 * number is then its literal, read here exactly or refused: never wrapped,
 * never rounded. Nothing but the literals changes and no line moves, so the
 * lines libconfig reports are the file's. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"

#include "cfg_internal.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

static bool name_char(char c)
{
	return name_start(c) || is_digit(c) || c == '-' || c == '_';
}

/* Length of an optional "L" or "LL" suffix at p. */
static size_t long_suffix(const char *p)
{
	return p[0] != 'L' ? 0 : p[1] == 'L' ? 2 : 1;
}

/* Length of an exponent [eE][-+]?[0-9]+ at p, or 0. */
static size_t exponent(const char *p)
{
	if (*p != 'e' && *p != 'E')
		return 0;
	size_t n = 1 + (p[1] == '-' || p[1] == '+');
	size_t d = strspn(p + n, "0123456789");
	return d ? n + d : 0;
}

/* Length of the numeric literal at p as libconfig 1.5's scanner takes it
 * (the longest of its integer, integer64, hex, hex64 and float rules), or
 * 0 when p starts none. */
static size_t literal_length(const char *p)
{
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2])) {
		size_t n = 2;
		while (is_hex(p[n]))
			n++;
		return n + long_suffix(p + n);
	}
	size_t n = (*p == '-' || *p == '+');
	size_t d = strspn(p + n, "0123456789");
	n += d;
	if (p[n] == '.') {
		n++;
		n += strspn(p + n, "0123456789");
		return n + exponent(p + n);
	}
	if (!d)
		return 0;
	size_t x = exponent(p + n);
	return x ? n + x : n + long_suffix(p + n);
}

/* Length of the string literal, comment or name at p that must be copied
 * whole (a digit inside one is not a number), or 0. */
static size_t opaque_length(const char *p)
{
	size_t n = 0;
	if (*p == '"') {
		for (n = 1; p[n] && p[n] != '"'; n++)
			if (p[n] == '\\' && p[n + 1])
				n++;
		return p[n] ? n + 1 : n;
	}
	if (*p == '#' || (p[0] == '/' && p[1] == '/'))
		return strcspn(p, "\n");
	if (p[0] == '/' && p[1] == '*') {
		const char *end = strstr(p + 2, "*/");
		return end ? (size_t)(end - p) + 2 : strlen(p);
	}
	if (name_start(*p)) {
		while (name_char(p[n]))
			n++;
		return n;
	}
	return 0;
}

static bool keep_literal(struct cfg_numbers *nums, const char *p, size_t len)
{
	if (nums->n % 16 == 0) {
		if (!array_grow(&nums->v, NULL, nums->n + 16, sizeof *nums->v))
			return false;
	}
	char *lit = strndup(p, len);
	if (!lit)
		return false;
	nums->v[nums->n++] = lit;
	return true;
}

enum status cfg_numbers_prepare(const char *text, char **out, struct cfg_numbers *nums)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	nums->v = NULL;
	nums->n = 0;
	bool ok = true;
	for (const char *p = text; *p && ok;) {
		size_t n = opaque_length(p);
		if (n) {
			sb_addn(&b, p, n);
		} else if ((n = literal_length(p)) != 0) {
			/* Spaced, so that it cannot run into what is next to it
			 * ("1.5L" is a float then a name; "1LL" would be one
			 * number): the literal was a token of its own. */
			sb_printf(&b, " %zuL ", nums->n);
			ok = keep_literal(nums, p, n);
		} else {
			sb_addn(&b, p, n = 1);
		}
		p += n;
	}
	*out = sb_take(&b);
	if (!ok || !*out) {
		free(*out);
		*out = NULL;
		cfg_numbers_fini(nums);
		return ST_NOMEM;
	}
	return ST_OK;
}

void cfg_numbers_fini(struct cfg_numbers *nums)
{
	for (size_t i = 0; i < nums->n; i++)
		free(nums->v[i]);
	free(nums->v);
	nums->v = NULL;
	nums->n = 0;
}

const char *cfg_number_text(const struct cfg_numbers *nums, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_INT64)
		return NULL;
	long long i = config_setting_get_int64(s);
	return i >= 0 && (unsigned long long)i < nums->n ? nums->v[i] : NULL;
}

/* v * 10 + d, false past INT64_MAX. */
static bool push_digit(uint64_t *v, unsigned d, unsigned base)
{
	if (*v > ((uint64_t)INT64_MAX - d) / base)
		return false;
	*v = *v * base + d;
	return true;
}

static enum cfg_num hex_value(const char *p, int places, uint64_t *out)
{
	uint64_t v = 0;
	for (; is_hex(*p); p++) {
		unsigned d = is_digit(*p) ? (unsigned)(*p - '0') : (unsigned)((*p | 0x20) - 'a' + 10);
		if (!push_digit(&v, d, 16))
			return CFG_NUM_RANGE;
	}
	for (int i = 0; i < places; i++)
		if (!push_digit(&v, 0, 10))
			return CFG_NUM_RANGE;
	*out = v;
	return CFG_NUM_OK;
}

/* digits [0-9]*, optionally '.' [0-9]*, optionally an exponent: the value
 * D x 10^(exponent - decimals) scaled by 10^places, exactly. */
static enum cfg_num decimal_value(const char *p, int places, uint64_t *out)
{
	size_t ni = strspn(p, "0123456789");
	const char *frac = p[ni] == '.' ? p + ni + 1 : p + ni;
	size_t nf = p[ni] == '.' ? strspn(frac, "0123456789") : 0;
	if (ni + nf == 0)
		return CFG_NUM_NOT_NUMBER;
	long long shift = places - (long long)nf;
	const char *x = frac + nf;
	if (*x == 'e' || *x == 'E') {
		bool neg = x[1] == '-';
		long long ev = 0;
		for (x += 1 + (x[1] == '-' || x[1] == '+'); is_digit(*x); x++)
			if (ev < 1000000)
				ev = ev * 10 + (*x - '0');
		shift += neg ? -ev : ev;
	}
	/* The digits of D, the integer part then the fraction, without the
	 * leading zeros; its trailing zeros move into the shift. */
	size_t nd = ni + nf, first = 0, last = nd;
#define DIGIT(i) ((i) < ni ? p[i] : frac[(i) - ni])
	while (first < nd && DIGIT(first) == '0')
		first++;
	if (first == nd) {
		*out = 0;
		return CFG_NUM_OK;
	}
	while (DIGIT(last - 1) == '0')
		last--;
	shift += (long long)(nd - last);
	if (shift < 0)
		return CFG_NUM_DECIMALS;
	if ((long long)(last - first) + shift > 19)
		return CFG_NUM_RANGE;
	uint64_t v = 0;
	for (size_t i = first; i < last; i++)
		if (!push_digit(&v, (unsigned)(DIGIT(i) - '0'), 10))
			return CFG_NUM_RANGE;
#undef DIGIT
	for (long long i = 0; i < shift; i++)
		if (!push_digit(&v, 0, 10))
			return CFG_NUM_RANGE;
	*out = v;
	return CFG_NUM_OK;
}

enum cfg_num cfg_literal_value(const char *lit, int places, int64_t *out)
{
	bool neg = *lit == '-';
	const char *p = lit + (*lit == '-' || *lit == '+');
	uint64_t v = 0;
	enum cfg_num r = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') ?
		hex_value(p + 2, places, &v) : decimal_value(p, places, &v);
	if (r == CFG_NUM_RANGE)
		*out = neg ? INT64_MIN : INT64_MAX;
	else if (r == CFG_NUM_OK)
		*out = neg ? -(int64_t)v : (int64_t)v;
	return r;
}
