/* db_edit.h: reads the terminal interface needs beyond db.h: patients a
 * page at a time, and one summary row per distribution (no lines).
 * Like db.h: statuses and struct err, never printing. */
#ifndef QUOTEPART_DB_EDIT_H
#define QUOTEPART_DB_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/db.h"
#include "quotepart/domain.h"
#include "quotepart/err.h"

/* At most `limit` patients from `offset`, in code order, whose code
 * contains `search` (case-insensitive; NULL or "" for all). *total counts
 * every match, so a screen can scroll without loading them all. *out is
 * allocated (patient_list_free). */
enum status db_patients_page(struct db *db, const char *search, int64_t offset,
                             int limit, struct patient **out, size_t *n,
                             int64_t *total, struct err *e);
/* How many patients' codes contain `search` (NULL or "": all of them). */
enum status db_patients_count(struct db *db, const char *search, int64_t *total,
                              struct err *e);
/* Paging by key, for a screen that scrolls: the same patients as
 * db_patients_page, in code order, at most `limit` of them: the first ones
 * after the code `after` (NULL: from the first), or with `backward` the
 * last ones before it (NULL: up to the last), still in code order. The
 * cost is that of the rows read, wherever they are in the list (an offset
 * reads every row before it). *out as db_patients_page's. */
enum status db_patients_seek(struct db *db, const char *search, const char *after,
                             bool backward, int limit, struct patient **out,
                             size_t *n, struct err *e);
void patient_list_free(struct patient *v, size_t n);

/* One line per stored distribution, newest first. Strings owned by the
 * element (db_dist_summary_free). */
struct db_dist_summary {
	int64_t id;
	int64_t receipt_id;
	char *receipt_ref;     /* NULL when the receipt has no reference */
	char *source;          /* the receipt's source */
	int32_t received;      /* the receipt's date received */
	char *key_name;
	int key_version;
	char *mode;            /* "normal", "true-up", "reversal" */
	char *status;          /* "draft", "approved" */
	int64_t amount;        /* cents */
	int32_t approved_on;   /* DATE_NONE while draft */
	int64_t paid;          /* cents of the lines marked paid */
	int64_t unpaid;        /* cents of the non-zero lines not paid */
};
enum status db_dist_summaries(struct db *db, struct db_dist_summary **out,
                              size_t *n, struct err *e);
void db_dist_summary_free(struct db_dist_summary *v, size_t n);

#endif
