/* app_instalments.h: the expected instalments beside the receipts
 * (FORECAST.md "Expected instalments, expected versus received"), and the
 * ones entered by hand: IPEP, grants, anything no formula covers. */
#ifndef QUOTEPART_APP_INSTALMENTS_H
#define QUOTEPART_APP_INSTALMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/expected.h"
#include "quotepart/reports.h"

struct app_instalments {
	char *practice;              /* the practice's name, for the report */
	struct rep_audit audit;      /* the audit head when it was read */
	struct expected *x;          /* the instalments expected */
	size_t nx;
	struct receipt *r;           /* the receipts they are matched with */
	size_t nr;
	struct instalment *rows;     /* pointing into x and r, by due date */
	size_t n;
};
void app_instalments_fini(struct app_instalments *v);

/* The expected instalments of the exercise (NULL: all) beside the
 * receipts of the same source, exercise and kind; late is counted on
 * `today`. */
enum status app_instalments_view(struct app *a, const char *exercise, int32_t today,
                                 struct app_instalments *out, struct err *e);

/* Of the instalments due from today on, or past and not received: the
 * ones a treasurer waits for, by due date (Home screen). */
bool app_instalment_waiting(const struct instalment *v, int32_t today, int days);

/* An instalment entered by hand (origin "manual"): source and kind from
 * the configuration, in one transaction with its audit entry; *id (may
 * be NULL) gets its number. */
enum status app_instalment_add(struct app *a, const struct expected *x, int64_t *id,
                               struct err *e);
/* Delete the instalment `id`, whatever its origin (an estimate saved
 * again brings its own back). */
enum status app_instalment_delete(struct app *a, int64_t id, struct err *e);

#endif
