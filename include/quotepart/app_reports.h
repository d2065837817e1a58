/* app_reports.h: the report use cases: read the database and the
 * configuration into the structs of reports.h, for the command line and
 * the TUI to lay out with the rep_* functions. Read-only; nothing prints.
 * Each filled struct is freed with its rep_*_fini. */
#ifndef QUOTEPART_APP_REPORTS_H
#define QUOTEPART_APP_REPORTS_H

#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/reports.h"

/* The audit ending (rep_audit_footer) with the current head, appended to
 * out: `show` as text ends with it, as the text reports do; nothing for
 * CSV. */
enum status app_audit_footer(struct app *a, enum rep_format f, struct sbuf *out,
                             struct err *e);

/* A report's year: "2025" -> 2025, within DATE_YEAR_MIN..DATE_YEAR_MAX;
 * ST_USAGE with a message otherwise. */
enum status app_report_year(const char *s, int *year, struct err *e);

/* A report's period from --year, --from and --to (any may be NULL):
 * from defaults to the year's first day, to to its last; without a year
 * both from and to are needed. ST_USAGE when a date is not a date, the
 * period is empty or a date lies outside the given year. */
enum status app_report_period(const char *year, const char *from,
                              const char *to, int32_t *pfrom, int32_t *pto,
                              struct err *e);

/* Statements for the period: the approved distributions whose receipt was
 * received in [from, to]. member: one member's code (ST_NOTFOUND when
 * unknown; a member with nothing in the period still gets a statement);
 * NULL: every member with at least one line in those distributions. */
enum status app_statements(struct app *a, const char *member, int32_t from,
                           int32_t to, struct rep_statements *out,
                           struct err *e);

/* Payments recorded in a calendar year, for attestations: member as
 * above (NULL: every member paid something in the year). */
enum status app_attestations(struct app *a, const char *member, int year,
                             struct rep_payments *out, struct err *e);

/* Payments recorded in a calendar year, for the accountant's journal
 * (out->members is empty). */
enum status app_journal(struct app *a, int year, struct rep_payments *out,
                        struct err *e);

/* The FEC journal of a calendar year (reports.h): the practice's SIREN
 * ("" when none), then in date order an entry per receipt received, per
 * distribution approved and per day's payments of a distribution to
 * members, on the accounts of the configuration's "accounts" group.
 * out->n is 0 when the year has nothing to write. */
enum status app_fec(struct app *a, int year, struct rep_fec *out, struct err *e);

/* The team-meeting summary of a year: approved distributions of the
 * receipts received in the year, by recipient, source and group. */
enum status app_summary(struct app *a, int year, struct rep_summary *out,
                        struct err *e);

/* Funding per post for a year, and what is left per source. */
enum status app_posts_report(struct app *a, int year, struct rep_posts *out,
                             struct err *e);

/* Expected versus received: every (source, exercise) whose exercise is the
 * year itself or that has a receipt received in the year. */
enum status app_expected(struct app *a, int year, struct rep_expected *out,
                         struct err *e);

#endif
