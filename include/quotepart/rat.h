/* rat.h: exact rationals on 128-bit integers, for weights and shares.
 *
 * The engine never uses floating point. Weights and exact shares are
 * fractions num/den with den > 0; products are checked for overflow and
 * reported, never wrapped. */
#ifndef QUOTEPART_RAT_H
#define QUOTEPART_RAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

#define I128_MAX ((i128)(~(u128)0 >> 1))

/* Enough for any i128 in decimal, a '/', another, and NUL. */
#define RAT_BUFSZ 96

struct rat {
	i128 num;
	i128 den;   /* > 0 */
};

/* Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
i128 rat_gcd(i128 a, i128 b);

/* num/den reduced to lowest terms with den > 0. den must not be 0. */
struct rat rat_make(i128 num, i128 den);

/* Checked multiply/add of i128: false on overflow (*out untouched). */
bool i128_mul(i128 a, i128 b, i128 *out);
bool i128_add(i128 a, i128 b, i128 *out);

/* Decimal text of an i128; returns buf (at least 42 bytes). */
char *i128_format(i128 v, char *buf, size_t size);

/* Parse a decimal i128 (optional '-'); false on anything else/overflow. */
bool i128_parse(const char *s, i128 *out);

/* "n/d" of the reduced fraction, or just "n" when d is 1. */
char *rat_format(struct rat r, char *buf, size_t size);

/* Exact decimal when the reduced denominator divides 10^k for some
 * k <= max_places ("0.8", "182.5"), else "n/d". */
char *rat_format_exact(struct rat r, int max_places, char *buf, size_t size);

/* Decimal rounded half away from zero to `places` decimals, for people
 * (the text statement): "1000.34". Integer arithmetic only. */
char *rat_format_round(struct rat r, int places, char *buf, size_t size);

/* r rounded to the nearest integer, halves away from zero; false when
 * it does not fit an int64_t. */
bool rat_round(struct rat r, int64_t *out);

/* Parse "n/d" or "n"; false on anything else, overflow or d <= 0. */
bool rat_parse(const char *s, struct rat *out);

#endif
