/* money.h: amounts as int64_t euro cents, and fixed-point decimals.
 *
 * No float ever touches money. Arithmetic is overflow-checked: every
 * operation returns ST_OVERFLOW instead of wrapping. Parsing never rounds:
 * an input with more decimals than allowed is refused. */
#ifndef QUOTEPART_MONEY_H
#define QUOTEPART_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/status.h"

/* Enough for any int64 formatted in any style, with separators, sign,
 * currency and NUL. */
#define MONEY_BUFSZ 64

enum money_style {
	MONEY_FR,     /* "1 234,56 €": U+202F thousands, comma, U+00A0 € */
	MONEY_EN,     /* "€1,234.56" (negative: "-€1,234.56") */
	MONEY_CSV,    /* "1234,56": no grouping, decimal comma (spreadsheets) */
	MONEY_PLAIN,  /* "1234.56": no grouping, decimal point (key files) */
	/* For a terminal whose character set has neither U+202F nor the euro
	 * sign (LC_ALL=C): ASCII, never wider than MONEY_FR or MONEY_EN. */
	MONEY_FR_ASCII, /* "1 234,56": ASCII spaces, decimal comma, no sign */
	MONEY_EN_ASCII  /* "1,234.56" (negative: "-1,234.56") */
};

/* Parse a fixed-point decimal with at most `places` decimals (0..6) into
 * an integer scaled by 10^places: "0,8" with 2 places -> 80, "1.5" -> 150,
 * "12" -> 1200. Accepts: optional sign ('-', '+', U+2212 minus), digits
 * with optional thousands separators (space, U+00A0, U+202F; grouping of
 * 3 enforced when used), one decimal mark ('.' or ','), leading/trailing
 * blanks. Refuses: empty/blank, more decimals than `places`, two marks,
 * exponents, anything else, overflow. Returns ST_OK, ST_INVALID or
 * ST_OVERFLOW; *out untouched on error. */
enum status decimal_parse(const char *s, int places, int64_t *out);

/* Parse a duration into hundredths of an hour: a decimal of hours
 * ("1,5", "1.25") or hours and minutes ("1h30", "1 h 30", "0h45", "2h",
 * "1:30", "45min"). Minutes are below 60 and must make whole hundredths
 * of an hour (a multiple of 3 minutes: "1h20" is 1,333... and refused
 * rather than rounded). ST_INVALID or ST_OVERFLOW; *out untouched then. */
enum status hours_parse(const char *s, int64_t *out);

/* Parse an amount into cents: decimal_parse with 2 places, also accepting
 * a currency mark before or after the number: "€", "EUR", "euros" (any
 * case), separated by optional blanks; and the English grouping of every
 * style's output, commas between groups of 3 when a point marks the
 * decimals ("€49,236.00", "-1,234.5"). "1 234,56 €", "1234.56",
 * "-12,50", "1 234,56 EUR" are accepted; "1,234", "1e3", "12,3,4" refused
 * (more than 2 decimals / two marks / exponent). So money_format's output
 * in any style parses back to the same cents. */
enum status money_parse(const char *s, int64_t *cents);

/* Format cents in a style into buf (MONEY_BUFSZ bytes is always enough);
 * returns buf. */
char *money_format(int64_t cents, enum money_style style, char *buf, size_t size);

/* The style for text shown to people in the current language
 * (MONEY_FR when i18n_is_french(), else MONEY_EN). */
enum money_style money_text_style(void);

/* Format a scaled integer with `places` decimals, point or comma, no
 * grouping, trailing zero decimals kept: (80, 2, '.') -> "0.80". */
char *decimal_format(int64_t v, int places, char mark, char *buf, size_t size);

/* Overflow-checked arithmetic: ST_OK and *out set, or ST_OVERFLOW and
 * *out untouched. */
enum status money_add(int64_t a, int64_t b, int64_t *out);
enum status money_sub(int64_t a, int64_t b, int64_t *out);
enum status money_mul(int64_t a, int64_t b, int64_t *out);

#endif
