/* rat.c: exact rationals on 128-bit integers (weights, exact shares).
 *
 * Integer arithmetic only. Magnitudes are handled as unsigned 128-bit so
 * that I128_MIN never meets a signed negation (undefined behaviour). */
#include <string.h>

#include "quotepart/rat.h"

#define U128_MAX (~(u128)0)

/* |v| as unsigned: well defined for every v, I128_MIN included. */
static u128 mag(i128 v)
{
	return v < 0 ? (u128)0 - (u128)v : (u128)v;
}

static u128 ugcd(u128 a, u128 b)
{
	while (b != 0) {
		u128 t = a % b;
		a = b;
		b = t;
	}
	return a;
}

i128 rat_gcd(i128 a, i128 b)
{
	/* gcd(I128_MIN, 0) = 2^127 does not fit; it wraps to I128_MIN by the
	 * conversion, which no caller of ours can produce (den > 0). */
	return (i128)ugcd(mag(a), mag(b));
}

struct rat rat_make(i128 num, i128 den)
{
	struct rat r;
	bool neg = (num < 0) != (den < 0);
	u128 n = mag(num), d = mag(den);
	u128 g = ugcd(n, d);
	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n == 0)
		d = 1;
	/* Back to signed through unsigned arithmetic (two's complement). */
	r.num = neg ? (i128)((u128)0 - n) : (i128)n;
	r.den = (i128)d;
	return r;
}

bool i128_mul(i128 a, i128 b, i128 *out)
{
	i128 r;
	if (__builtin_mul_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

bool i128_add(i128 a, i128 b, i128 *out)
{
	i128 r;
	if (__builtin_add_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

/* Appends to a caller's buffer, truncating (always NUL-terminated when
 * size > 0), so every formatter below is safe with any size. */
struct sink {
	char *buf;
	size_t size, len;
};

static void sink_putc(struct sink *s, char c)
{
	if (s->size > 0 && s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
	if (s->size > 0)
		s->buf[s->len < s->size ? s->len : s->size - 1] = '\0';
}

static void sink_puts(struct sink *s, const char *str)
{
	while (*str)
		sink_putc(s, *str++);
}

static struct sink sink_open(char *buf, size_t size)
{
	struct sink s = { buf, size, 0 };
	if (size > 0)
		buf[0] = '\0';
	return s;
}

/* Decimal digits of an unsigned magnitude (at most 39 digits + NUL). */
static void sink_u128(struct sink *s, u128 v)
{
	char tmp[48];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	while (n > 0)
		sink_putc(s, tmp[--n]);
}

static void sink_i128(struct sink *s, i128 v)
{
	if (v < 0)
		sink_putc(s, '-');
	sink_u128(s, mag(v));
}

char *i128_format(i128 v, char *buf, size_t size)
{
	struct sink s = sink_open(buf, size);
	sink_i128(&s, v);
	return buf;
}

/* Digits only, nothing before or after; the magnitude may reach 2^127
 * only for a negative number. */
static bool parse_digits(const char *s, size_t len, bool neg, i128 *out)
{
	u128 limit = neg ? (u128)I128_MAX + 1 : (u128)I128_MAX;
	u128 v = 0;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned dgt = (unsigned)(s[i] - '0');
		if (v > (limit - dgt) / 10)
			return false;
		v = v * 10 + dgt;
	}
	*out = neg ? (i128)((u128)0 - v) : (i128)v;
	return true;
}

static bool parse_signed(const char *s, size_t len, i128 *out)
{
	bool neg = len > 0 && s[0] == '-';
	if (neg) {
		s++;
		len--;
	}
	return parse_digits(s, len, neg, out);
}

bool i128_parse(const char *s, i128 *out)
{
	if (!s)
		return false;
	return parse_signed(s, strlen(s), out);
}

char *rat_format(struct rat r, char *buf, size_t size)
{
	struct rat q = rat_make(r.num, r.den);
	struct sink s = sink_open(buf, size);
	sink_i128(&s, q.num);
	if (q.den != 1) {
		sink_putc(&s, '/');
		sink_i128(&s, q.den);
	}
	return buf;
}

/* Writes |v| with `places` decimals (v scaled by 10^places), sign first
 * unless the value is zero. */
static void sink_fixed(struct sink *s, bool neg, u128 v, int places)
{
	u128 p10 = 1;
	for (int i = 0; i < places; i++)
		p10 *= 10;
	if (neg && v != 0)
		sink_putc(s, '-');
	sink_u128(s, v / p10);
	if (places > 0) {
		u128 frac = v % p10;
		char tmp[48];
		for (int i = places - 1; i >= 0; i--) {
			tmp[i] = (char)('0' + (int)(frac % 10));
			frac /= 10;
		}
		tmp[places] = '\0';
		sink_putc(s, '.');
		sink_puts(s, tmp);
	}
}

char *rat_format_exact(struct rat r, int max_places, char *buf, size_t size)
{
	struct rat q = rat_make(r.num, r.den);
	/* The decimal is finite iff den = 2^a 5^b, with max(a, b) places:
	 * num/den = num * (10^k / den) / 10^k. */
	u128 d = (u128)q.den;
	int twos = 0, fives = 0;
	while (d % 2 == 0) {
		d /= 2;
		twos++;
	}
	while (d % 5 == 0) {
		d /= 5;
		fives++;
	}
	int k = twos > fives ? twos : fives;
	if (q.den == 1 || d != 1 || k > max_places || k > 38)
		return rat_format(q, buf, size);
	u128 scale = 1;
	for (int i = 0; i < k; i++)
		scale *= 10;
	u128 factor = scale / (u128)q.den;
	u128 m = mag(q.num);
	if (m > U128_MAX / factor)
		return rat_format(q, buf, size);
	struct sink s = sink_open(buf, size);
	sink_fixed(&s, q.num < 0, m * factor, k);
	return buf;
}

/* One decimal digit of rem/d (rem < d), leaving the new remainder. 10 *
 * rem could pass 2^128 when d is near 2^127, so the digit is found by
 * adding rem ten times and taking d off whenever the sum reaches it (the
 * sum stays below 2 d). */
static int next_digit(u128 *rem, u128 d)
{
	u128 acc = 0;
	int dg = 0;
	for (int j = 0; j < 10; j++) {
		acc += *rem;
		if (acc >= d) {
			acc -= d;
			dg++;
		}
	}
	*rem = acc;
	return dg;
}

char *rat_format_round(struct rat r, int places, char *buf, size_t size)
{
	struct sink s = sink_open(buf, size);
	struct rat q = rat_make(r.num, r.den);
	u128 d = (u128)q.den;
	u128 ip = mag(q.num) / d, rem0 = mag(q.num) % d, rem = rem0;
	if (places < 0)
		places = 0;
	/* First pass, nothing kept: whether to round up, and where a carry
	 * would stop (the last digit that is not 9), so no digit buffer of
	 * any size is needed. */
	int last_non9 = -1;
	bool nonzero = ip != 0;
	for (int i = 0; i < places; i++) {
		int dg = next_digit(&rem, d);
		if (dg != 9)
			last_non9 = i;
		if (dg != 0)
			nonzero = true;
	}
	/* Half away from zero on the magnitude: up when the rest is at least
	 * half of den (rem >= d - rem avoids computing 2 * rem). */
	bool up = rem != 0 && rem >= d - rem;
	if (up) {
		nonzero = true;
		if (last_non9 < 0)
			ip++;
	}
	if (q.num < 0 && nonzero)
		sink_putc(&s, '-');
	sink_u128(&s, ip);
	if (places > 0)
		sink_putc(&s, '.');
	rem = rem0;
	for (int i = 0; i < places; i++) {
		int dg = next_digit(&rem, d);
		if (up && i == last_non9)
			dg++;
		else if (up && i > last_non9)
			dg = 0;   /* the 9s the carry went through */
		sink_putc(&s, (char)('0' + dg));
	}
	return buf;
}

bool rat_parse(const char *s, struct rat *out)
{
	if (!s)
		return false;
	const char *slash = strchr(s, '/');
	i128 n, d = 1;
	if (!slash) {
		if (!parse_signed(s, strlen(s), &n))
			return false;
		*out = rat_make(n, 1);
		return true;
	}
	if (!parse_signed(s, (size_t)(slash - s), &n) ||
	    !parse_signed(slash + 1, strlen(slash + 1), &d) || d <= 0)
		return false;
	*out = rat_make(n, d);
	return true;
}

bool rat_round(struct rat r, int64_t *out)
{
	u128 d = (u128)r.den, m = mag(r.num);
	u128 q = m / d, rem = m % d;
	/* Half away from zero on the magnitude (rem >= d - rem: 2 rem >= d). */
	if (rem != 0 && rem >= d - rem)
		q++;
	if (q > (u128)INT64_MAX)
		return false;
	*out = r.num < 0 ? -(int64_t)q : (int64_t)q;
	return true;
}
