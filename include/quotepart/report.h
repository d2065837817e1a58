/* report.h: what leaves the program for people: distributions laid out as
 * text or CSV, comparisons of two keys.
 *
 * Reports append to a struct sbuf; they never print and never touch the
 * database. Amounts are formatted for the current language in text, and
 * for French spreadsheets in CSV. */
#ifndef QUOTEPART_REPORT_H
#define QUOTEPART_REPORT_H

#include <stdbool.h>

#include "quotepart/domain.h"
#include "quotepart/text.h"

enum report_format { FORMAT_TEXT, FORMAT_CSV };

/* "text"/"csv" -> format; false for anything else. */
bool report_format_parse(const char *s, enum report_format *out);

/* A stored rational ("n/d") for people: exact when it has at most two
 * decimals, else "≈" and two decimals; the language's decimal mark. */
void report_rat_text(const char *stored, char *buf, size_t size);
/* A stored exact share in cents ("n/d") in euros, rounded to four
 * decimals (1/100 of a cent) for reading; the language's decimal mark. */
void report_exact_euros(const char *stored, char *buf, size_t size);

/* One distribution: a row per line with recipient, pool, basis, value,
 * presence, weight, exact share, amount and cents (ALLOCATION.md,
 * "Distribution output"). `receipt` describes the receipt (may be NULL). */
void report_distribution(const struct distribution *d, const struct receipt *receipt,
                         enum report_format f, struct sbuf *out);

/* The audit chain's head (db_audit_head) that ends what is handed out
 * (`show`, the exports): in text a sentence after a blank line, in CSV a
 * last one-cell record starting with "#", which the importer skips. */
void report_audit(const char *head, int64_t entries, enum report_format f,
                  struct sbuf *out);

/* Two distributions of the same receipt with two keys: a row per
 * recipient with both amounts and the difference. */
void report_compare(const struct distribution *a, const struct distribution *b,
                    enum report_format f, struct sbuf *out);

#endif
