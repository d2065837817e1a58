/* app_views.h: what the interfaces read. The command line and the screens
 * see the practice through these functions only (never the store), so
 * that what a screen shows is computed once, here, where a test and the
 * command line can reach it.
 *
 * Lists are allocated arrays: free them with the *_list_free beside their
 * type (domain.h), or the function named. */
#ifndef QUOTEPART_APP_VIEWS_H
#define QUOTEPART_APP_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/domain.h"
#include "quotepart/err.h"

/* ---- the database file ---- */
const char *app_path(const struct app *a);
bool app_readonly(const struct app *a);
/* The file's mode bits when users other than its owner may read or write
 * it, else 0. */
unsigned app_exposed_mode(const struct app *a);
/* Changes when another connection commits (PRAGMA data_version): a screen
 * compares it with the value it loaded to know it is stale. */
int64_t app_data_version(struct app *a);
/* The quick_check an open deferred (DB_OPEN_DEFER_CHECK). */
enum status app_quick_check(struct app *a, struct err *e);

/* ---- records, as stored ---- */
enum status app_members(struct app *a, struct member **out, size_t *n, struct err *e);
enum status app_posts(struct app *a, struct post **out, size_t *n, struct err *e);
enum status app_fundings(struct app *a, struct post_funding **out, size_t *n, struct err *e);
enum status app_receipts(struct app *a, struct receipt **out, size_t *n, struct err *e);
enum status app_receipt_get(struct app *a, int64_t id, struct receipt *out, struct err *e);
enum status app_activities(struct app *a, struct activity **out, size_t *n, struct err *e);
enum status app_keys(struct app *a, struct key_info **out, size_t *n, struct err *e);
/* The keys in the order that fits receipts of `source` (NULL: as
 * app_keys): those that divided receipts of that source before, then
 * those whose name contains its code ("PEPS", "Clé PEPS 2025"), then the
 * others, each group in app_keys's order. */
/* Whether r should be divided with true-up: a balance of an exercise of
 * which another receipt of the same source (the advance) was divided
 * and approved; dividing the balance alone would count that one twice
 * or not at all in the year's shares. */
enum status app_true_up_advised(struct app *a, const struct receipt *r, bool *advised, struct err *e);
enum status app_keys_for(struct app *a, const char *source, struct key_info **out, size_t *n,
                         struct err *e);
/* Distributions: one summary each, newest first; one whole; the ids of a
 * receipt's (0: of every receipt), newest first. */
enum status app_dist_summaries(struct app *a, struct dist_summary **out, size_t *n, struct err *e);
enum status app_dist_get(struct app *a, int64_t id, struct distribution *out, struct err *e);
enum status app_dist_ids(struct app *a, int64_t receipt_id, int64_t **ids, size_t *n, struct err *e);

/* Patients, a page at a time (there may be tens of thousands), whose code
 * contains `search` (NULL or "": all): from `offset`, or by key after the
 * code `after` (backward: the last ones before it), at most `limit`. */
enum status app_patients_page(struct app *a, const char *search, int64_t offset, int limit,
                              struct patient **out, size_t *n, int64_t *total, struct err *e);
enum status app_patients_seek(struct app *a, const char *search, const char *after, bool backward,
                              int limit, struct patient **out, size_t *n, struct err *e);
enum status app_patients_count(struct app *a, const char *search, int64_t *total, struct err *e);

/* ---- what the screens compute ---- */

/* The current exercise: the latest year a receipt's exercise names, not
 * after the year of `today`; that year when there is none. */
int app_current_exercise(struct app *a, int32_t today);

/* A receipt's state as the Receipts screen shows it: with an approved
 * distribution (a reversed one too), with a draft only, or with none. */
enum receipt_state { RECEIPT_UNDIVIDED, RECEIPT_DRAFT, RECEIPT_APPROVED };
/* The state of each of the n receipts v (*out: n states, free()). */
enum status app_receipt_states(struct app *a, const struct receipt *v, size_t n,
                               enum receipt_state **out, struct err *e);
/* Whether the receipt has an approved distribution in force. */
enum status app_receipt_divided(struct app *a, int64_t receipt_id, bool *yes, struct err *e);

/* Patients per GP: enrolled at `at` (the engine's end-of-period count on a
 * one-day period) and on average over [start, end], in hundredths
 * (patient-days x 100 / days, rounded halves away from zero, as the
 * distribution shows them). GPs with neither are left out. */
struct gp_count {
	char *code;
	int64_t at_date;
	int64_t avg;
};
enum status app_gp_counts(struct app *a, int32_t at, int32_t start, int32_t end,
                          struct gp_count **out, size_t *n, struct err *e);
void gp_count_list_free(struct gp_count *v, size_t n);

/* Per post of v: the cents its reservation lines ("post:CODE") received
 * in the approved distributions of receipts received in `year` (*out: n
 * sums, free()). */
enum status app_post_reserved(struct app *a, const struct post *v, size_t n, int year,
                              int64_t **out, struct err *e);

/* The home screen: the exercise's money by source, how much of it is
 * drafted, approved, paid and unpaid, what waits (in any exercise:
 * receipts not divided, drafts not approved, approved distributions with
 * lines not paid, unless an approved reversal undid them), and the
 * team's size. */
struct home_source {
	const char *source;    /* borrowed from the configuration */
	int64_t amount;
	size_t n;
};
struct home_wait {
	const struct receipt *receipt;     /* not divided yet, or NULL */
	const struct dist_summary *draft;  /* a draft to approve, or NULL */
	const struct dist_summary *unpaid; /* approved, lines not paid yet, or NULL */
};
struct home_view {
	int year;
	struct home_source *src;   /* one per configured source, in order */
	size_t n_src;
	int64_t received;
	size_t n_receipts;
	int64_t drafted, approved, paid, unpaid;
	struct home_wait *wait;    /* distributions (newest first), then receipts */
	size_t n_wait;
	int64_t members, active, posts, patients, keys;
	/* what wait points into */
	struct receipt *receipts;
	size_t n_all_receipts;
	struct dist_summary *dists;
	size_t n_dists;
};
enum status app_home(struct app *a, int year, int32_t today, struct home_view *out, struct err *e);
void home_view_fini(struct home_view *h);

#endif
