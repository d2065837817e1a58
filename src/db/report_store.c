/* report_store.c: the read-only queries of the reports: approved
 * distributions of a period, payments of a period, what each receipt's
 * approved distributions gave. */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "quotepart/date.h"
#include "quotepart/db_report.h"
#include "quotepart/i18n.h"

/* Every row of sql, its two parameters bound to the period [from, to],
 * as db_read_rows. */
static enum status period_rows(struct db *db, const char *sql, int32_t from, int32_t to,
                               size_t elem_size, db_row_reader row, db_elem_fini fini,
                               const char *what, void *out, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	*(void **)out = NULL;
	*n = 0;
	enum status rc = db_prepare(db, sql, &st, e);
	if (rc != ST_OK)
		return rc;
	db_bind_date(st, 1, from);
	db_bind_date(st, 2, to);
	return db_read_rows(db, st, elem_size, row, fini, what, out, n, e);
}

/* The distribution ids sql selects for the period. */
static enum status dist_ids(struct db *db, const char *sql, int32_t from, int32_t to,
                            int64_t **ids, size_t *n, struct err *e)
{
	return period_rows(db, sql, from, to, sizeof **ids, db_read_id, NULL, _("reading distributions"),
	                   ids, n, e);
}

enum status db_report_dist_ids(struct db *db, int32_t from, int32_t to,
                               int64_t **ids, size_t *n, struct err *e)
{
	return dist_ids(db, "SELECT d.id FROM distributions d JOIN receipts r ON r.id = d.receipt_id "
	                    "WHERE d.status = 'approved' AND r.received BETWEEN ? AND ? "
	                    "ORDER BY r.received, r.id, d.id;", from, to, ids, n, e);
}

enum status db_report_approved_ids(struct db *db, int32_t from, int32_t to,
                                   int64_t **ids, size_t *n, struct err *e)
{
	return dist_ids(db, "SELECT id FROM distributions "
	                    "WHERE status = 'approved' AND approved_on BETWEEN ? AND ? "
	                    "ORDER BY approved_on, id;", from, to, ids, n, e);
}

static enum status read_payment(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct payment_record *p = elem;
	p->id = sqlite3_column_int64(st, 0);
	p->paid_on = db_col_date(st, 1);
	p->means = db_col_text(st, 2);
	p->cents = sqlite3_column_int64(st, 3);
	p->dist_id = sqlite3_column_int64(st, 4);
	p->line_id = sqlite3_column_int64(st, 5);
	p->recipient = db_col_text(st, 7);
	p->member = db_col_text(st, 8);
	p->member_name = db_col_text(st, 9);
	p->label = db_col_text(st, 10);
	p->receipt_id = sqlite3_column_int64(st, 11);
	p->source = db_col_text(st, 12);
	p->receipt_kind = db_col_text(st, 13);
	p->exercise = db_col_text(st, 14);
	p->reference = db_col_text(st, 15);
	if (!(p->means && p->recipient && p->label && p->source && p->receipt_kind && p->exercise))
		return db_copied(false, e);
	return db_line_kind_from_text((const char *)sqlite3_column_text(st, 6), &p->line_kind, e);
}

static void payment_fini_v(void *elem) { payment_record_fini(elem); }

enum status db_report_payments(struct db *db, int32_t from, int32_t to,
                               struct payment_record **out, size_t *n,
                               struct err *e)
{
	/* A member is paid by a pool line (member_id set when it was stored)
	 * or by a reservation to the account "member:CODE". */
	return period_rows(db,
		"SELECT p.id, p.paid_on, p.means, p.amount, d.id, l.id, l.kind, l.recipient, m.code, m.name,"
		" l.label, r.id, r.source, r.kind, r.exercise, r.reference "
		"FROM payments p JOIN distribution_lines l ON l.id = p.line_id"
		" JOIN distributions d ON d.id = l.distribution_id JOIN receipts r ON r.id = d.receipt_id"
		" LEFT JOIN members m ON m.id = coalesce(l.member_id,"
		"   (SELECT id FROM members WHERE l.kind = 'reservation' AND 'member:' || code = l.recipient)) "
		"WHERE p.paid_on BETWEEN ? AND ? "
		"ORDER BY p.paid_on, d.id, l.seq;",
		from, to, sizeof **out, read_payment, payment_fini_v, _("reading payments"), out, n, e);
}

static enum status read_receipt_dist(sqlite3_stmt *st, void *elem, struct err *e)
{
	struct db_receipt_dist *x = elem;
	x->receipt_id = sqlite3_column_int64(st, 0);
	x->approved = sqlite3_column_int64(st, 1);
	x->cents = sqlite3_column_int64(st, 2);
	(void)e;
	return ST_OK;
}

enum status db_report_receipt_dists(struct db *db, struct db_receipt_dist **out,
                                    size_t *n, struct err *e)
{
	return db_query_rows(db,
		"SELECT r.id,"
		" (SELECT count(*) FROM distributions d WHERE d.receipt_id = r.id AND d.status = 'approved'),"
		" (SELECT coalesce(sum(l.cents), 0) FROM distribution_lines l JOIN distributions d"
		"   ON d.id = l.distribution_id WHERE d.receipt_id = r.id AND d.status = 'approved') "
		"FROM receipts r ORDER BY r.id;",
		sizeof **out, read_receipt_dist, NULL, _("reading distributions"), out, n, e);
}
