/* report_instalments.h: expected versus received per instalment
 * (FORECAST.md "Expected instalments, expected versus received"), as
 * text or CSV. */
#ifndef QUOTEPART_REPORT_INSTALMENTS_H
#define QUOTEPART_REPORT_INSTALMENTS_H

#include "quotepart/expected.h"
#include "quotepart/reports.h"

struct rep_instalments {
	const char *practice;
	struct rep_audit audit;
	const char *exercise;            /* NULL: every exercise */
	int32_t today;                   /* what "late" is measured against */
	const struct instalment *rows;   /* by due date */
	size_t n;
};

/* Text: a row per instalment (its number, due, source, exercise, kind, expected,
 * received, difference, state), the totals and what is late. CSV: a
 * header row, then one row per instalment with the columns id, due, source,
 * exercise, kind, origin, expected, received, difference, received_on,
 * state, note (state: received, late, coming, unexpected). ST_USAGE for
 * PDF and XLSX. */
#define REP_INSTALMENTS_FORMATS (REP_CAN_TEXT | REP_CAN_CSV)
enum status rep_instalments(const struct rep_instalments *x, enum rep_format f,
                            struct sbuf *out, struct err *e);

#endif
