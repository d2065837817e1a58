/* db_edit.h: reads and writes the terminal interface needs beyond db.h:
 * patients a page at a time, one summary row per distribution (no lines),
 * and single records read, changed or removed by id or code for the edit
 * forms. Like db.h: statuses and struct err, never printing; writes run
 * inside a transaction opened by the caller. */
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

enum status db_dist_summaries(struct db *db, struct dist_summary **out,
                              size_t *n, struct err *e);

/* ---- single records, for the edit forms ---- */

/* Pure inserts for the add forms, unlike the *_put upserts of imports:
 * a record whose code (a receipt: its reference) another program stored
 * meanwhile is ST_REFUSED ("already exists"), never updated. *id (may be
 * NULL) gets the new row id. */
enum status db_member_insert(struct db *db, const struct member *m, int64_t *id,
                             struct err *e);
enum status db_post_insert(struct db *db, const struct post *p, int64_t *id,
                           struct err *e);
enum status db_patient_insert(struct db *db, const struct patient *p, int64_t *id,
                              struct err *e);
enum status db_receipt_insert(struct db *db, const struct receipt *r, int64_t *id,
                              struct err *e);

/* One patient by code (ST_NOTFOUND when none); *out as patient_fini. */
enum status db_patient_get(struct db *db, const char *code, struct patient *out,
                           struct err *e);
/* Remove a patient (ST_NOTFOUND when none). */
enum status db_patient_delete(struct db *db, const char *code, struct err *e);

/* Every field of receipt r->id replaced by r's, reference included
 * (ST_NOTFOUND when no such receipt). The schema refuses, as ST_FROZEN, a
 * change of source, exercise, period or amount of a receipt that an
 * approved distribution divides. */
enum status db_receipt_update(struct db *db, const struct receipt *r,
                              struct err *e);
/* Remove a receipt that no distribution names (ST_REFUSED otherwise). */
enum status db_receipt_delete(struct db *db, int64_t id, struct err *e);
/* How many approved distributions (reversals included) divide a receipt,
 * and the id of its draft (0 when none). */
enum status db_receipt_dists(struct db *db, int64_t receipt_id, int64_t *approved,
                             int64_t *draft, struct err *e);

/* One activity by id (ST_NOTFOUND when none); *out as activity_fini. */
enum status db_activity_get(struct db *db, int64_t id, struct activity *out,
                            struct err *e);
/* a->id > 0: replace that activity's fields (ST_NOTFOUND when none);
 * else insert it. *id (may be NULL) gets the row id. An unknown member is
 * ST_NOTFOUND. */
enum status db_activity_put(struct db *db, const struct activity *a, int64_t *id,
                            struct err *e);
/* Remove an activity (ST_NOTFOUND when none). */
enum status db_activity_delete(struct db *db, int64_t id, struct err *e);

#endif
