/* reports_internal.h: what the reports of src/app share (reports.c
 * defines it; posts_report.c and summary.c use it too). */
#ifndef QUOTEPART_REPORTS_INTERNAL_H
#define QUOTEPART_REPORTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "quotepart/app_reports.h"
#include "quotepart/app_store.h"
#include "quotepart/config.h"

/* A set of codes, kept in the order added until codes_sort. */
struct codes {
	char **v;
	size_t n, cap;
};

void reports_add(int64_t *a, int64_t b, enum status *rc);
enum status reports_overflow(struct err *e);
char *reports_dup(const char *s, bool *failed);
enum status reports_load_dists(struct db *db, int32_t from, int32_t to, struct rep_dist **out,
                              size_t *n, struct err *e);
/* Free what reports_load_dists gave. */
void reports_free_dists(struct rep_dist *v, size_t n);
enum status reports_head(struct app *a, char **practice, struct rep_audit *audit,
                               struct err *e);
/* The practice's address and SIRET, as the attestation and the
 * statements print them (new strings, "" when not set). */
enum status reports_identity(struct app *a, char **address, char **siret, struct err *e);
/* What the statements say of the origin of each of v's distributions
 * (struct rep_dist): a true-up's earlier distributions, a reversal's
 * original's approval day (statement.c). */
enum status reports_origins(struct db *db, struct rep_dist *v, size_t n, struct err *e);
bool codes_add(struct codes *c, const char *s);
void codes_fini(struct codes *c);
void codes_sort(struct codes *c, const struct codelist *l);
/* The position of code in l, -1 when it is not there. */
long codes_rank(const struct codelist *l, const char *code);

#endif
