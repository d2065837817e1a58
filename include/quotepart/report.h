/* report.h: what leaves the program for people: distributions laid out as
 * text or CSV, comparisons of two keys. The formats and the audit ending
 * are those of reports.h.
 *
 * Reports append to a struct sbuf; they never print and never touch the
 * database. Amounts are formatted for the current language in text, and
 * for French spreadsheets in CSV. */
#ifndef QUOTEPART_REPORT_H
#define QUOTEPART_REPORT_H

#include <stdbool.h>

#include "quotepart/domain.h"
#include "quotepart/reports.h"
#include "quotepart/text.h"

/* The formats of a distribution and of a comparison (reports.h). */
#define REPORT_DIST_FORMATS (REP_CAN_TEXT | REP_CAN_CSV)

/* A stored rational ("n/d") for people: exact when it has at most two
 * decimals, else "≈" and two decimals; the language's decimal mark. */
void report_rat_text(const char *stored, char *buf, size_t size);
/* A stored exact share in cents ("n/d") in euros, rounded to four
 * decimals (1/100 of a cent) for reading; the language's decimal mark. */
void report_exact_euros(const char *stored, char *buf, size_t size);

/* One distribution: a row per line with recipient, pool, basis, value,
 * presence, weight, exact share, amount and cents (ALLOCATION.md,
 * "Distribution output"). `receipt` describes the receipt (may be NULL).
 * REP_CSV gives CSV, any other format text. */
void report_distribution(const struct distribution *d, const struct receipt *receipt,
                         enum rep_format f, struct sbuf *out);

/* Two distributions of the same receipt with two keys: a row per
 * recipient with both amounts and the difference. REP_CSV gives CSV, any
 * other format text. */
void report_compare(const struct distribution *a, const struct distribution *b,
                    enum rep_format f, struct sbuf *out);

#endif
