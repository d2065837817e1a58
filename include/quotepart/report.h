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
#include <stddef.h>
#include <stdint.h>

#include "quotepart/domain.h"
#include "quotepart/err.h"
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

/* A SEPA credit transfer file (ISO 20022 pain.001.001.03, the version
 * French banks take): one payment from the debtor's account, one
 * transaction per creditor. Texts are given as stored (UTF-8) and written
 * in SEPA's Latin set (text_sepa), cut at the lengths of the scheme:
 * names 70, identifiers 35, remittance 140. */
struct sepa_transfer {
	const char *end_to_end;   /* unique in the file */
	const char *name;
	const char *iban;         /* normalised (ident_iban) */
	const char *bic;          /* NULL: the bank finds it from the IBAN */
	int64_t cents;            /* > 0 */
	const char *remittance;   /* unstructured */
};
struct sepa_batch {
	const char *msg_id;       /* unique per file sent */
	const char *created;      /* ISO date and time, "2026-06-30T10:00:00" */
	const char *payment_id;
	int32_t execution;        /* requested execution date */
	const char *debtor_name;
	const char *debtor_iban;
	const char *debtor_bic;
	const struct sepa_transfer *v;
	size_t n;
};
/* The document appended to out. NbOfTxs and CtrlSum (of the group and
 * of the payment) are counted here from v. ST_INVALID for an empty
 * batch, an amount <= 0 or a total that overflows; ST_NOMEM; ST_INTERNAL
 * when the XML writer fails. */
enum status report_sepa(const struct sepa_batch *b, struct sbuf *out, struct err *e);

#endif
