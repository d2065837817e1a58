/* db_report.h: the read-only queries behind the reports (statements,
 * attestations, the journal, expected versus received). Same conventions
 * as db.h: a status and a struct err, never a print; arrays allocated and
 * freed by the caller with the helpers below. */
#ifndef QUOTEPART_DB_REPORT_H
#define QUOTEPART_DB_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/db.h"

/* Ids of the approved distributions whose receipt was received in
 * [from, to] (inclusive), ordered by receipt date, receipt id, then
 * distribution id. *ids is allocated (free(); NULL when *n is 0). */
enum status db_report_dist_ids(struct db *db, int32_t from, int32_t to,
                               int64_t **ids, size_t *n, struct err *e);

/* Ids of the distributions approved in [from, to], ordered by approval
 * date then id (the FEC journal's allocations). */
enum status db_report_approved_ids(struct db *db, int32_t from, int32_t to,
                                   int64_t **ids, size_t *n, struct err *e);

/* Payments with paid_on in [from, to], ordered by date, distribution and
 * line. Free with payment_record_list_free. */
enum status db_report_payments(struct db *db, int32_t from, int32_t to,
                               struct payment_record **out, size_t *n,
                               struct err *e);

/* Per receipt: how many approved distributions it has and the sum of
 * their lines' cents. Every receipt has a row (0 and 0 when none),
 * ordered by receipt id. *out is allocated (free()). */
struct db_receipt_dist {
	int64_t receipt_id;
	int64_t approved;      /* number of approved distributions */
	int64_t cents;         /* Σ cents of their lines */
};
enum status db_report_receipt_dists(struct db *db, struct db_receipt_dist **out,
                                    size_t *n, struct err *e);

#endif
