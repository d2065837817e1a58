/* approvetwice.c: one receipt divided by two distributions in force, by
 * two programs racing. A saves a draft of the receipt; B starts dividing
 * the same receipt and, at the moment it opens its write transaction
 * (reached here by a trace callback on B's connection), A approves its
 * draft; B then saves its own draft, and approves it. Once A's approval
 * is in, B's draft or its approval must be refused: the receipt's money
 * would be handed out twice. Usage: approvetwice DB (a demo database).
 * Exit 0 when B is refused, 1 when both are approved (with check's
 * verdict), 2 when the race could not be set up. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/date.h"

static const char *database;
static const char *receipt = "ACI-2025-AV";

static struct app *open_app(void)
{
	struct app *a = NULL;
	struct err e = ERR_INIT;
	if (app_open(database, "/dev/null", DB_OPEN, &a, &e) != ST_OK) {
		fprintf(stderr, "approvetwice: %s\n", err_text(&e));
		return NULL;
	}
	return a;
}

static sqlite3 *caught;

static int catch_connection(sqlite3 *h, const char **msg, const void *api)
{
	(void)msg;
	(void)api;
	caught = h;
	return SQLITE_OK;
}

static struct app *first;
static int64_t first_draft;
static int32_t on;
static enum status approved_first = ST_INTERNAL;

/* As B begins its write transaction: A approves its draft. */
static int meddle(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	const char *sql = sqlite3_sql(p);
	(void)x;
	if (approved_first != ST_INTERNAL || !sql || strncmp(sql, "BEGIN IMMEDIATE", 15) != 0)
		return 0;
	struct err e = ERR_INIT;
	approved_first = app_approve(first, first_draft, on, "A", &e);
	if (approved_first != ST_OK)
		fprintf(stderr, "approvetwice: A's approval: %s\n", err_text(&e));
	err_fini(&e);
	return 0;
}

static enum status draft(struct app *a, int64_t *id, struct err *e)
{
	struct app_dist_request rq = { .receipt = receipt, .key = "ACI" };
	struct distribution d;
	enum status rc = app_distribute(a, &rq, &d, e);
	if (rc == ST_OK) {
		*id = d.id;
		distribution_fini(&d);
	}
	return rc;
}

/* B divides the receipt as A approves, then approves its draft: the
 * exit status of main. */
static int race(struct app *second)
{
	struct err e = ERR_INIT;
	sqlite3_trace_v2(caught, SQLITE_TRACE_STMT, meddle, NULL);
	int64_t second_draft = 0;
	enum status rc = draft(second, &second_draft, &e);
	sqlite3_trace_v2(caught, 0, NULL, NULL);
	if (approved_first != ST_OK) {
		err_fini(&e);
		return 2;
	}
	if (rc == ST_OK)
		rc = app_approve(second, second_draft, on, "B", &e);
	if (rc != ST_OK) {
		printf("approvetwice: B refused once A had approved: %s\n", err_text(&e));
		err_fini(&e);
		return 0;
	}
	struct sbuf report;
	sb_init(&report);
	struct app_check_stats st;
	enum status checked = app_check(second, &report, &st, &e);
	printf("approvetwice: D%lld and D%lld of %s both approved; check: %s %s", (long long)first_draft,
	       (long long)second_draft, receipt, checked == ST_OK ? "passes" : "fails:",
	       report.s ? report.s : "\n");
	free(st.audit_head);
	sb_fini(&report);
	err_fini(&e);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: approvetwice DB\n");
		return 2;
	}
	database = argv[1];
	struct err e = ERR_INIT;
	int code = 2;
	if (date_make(2025, 5, 10, &on) != ST_OK || !(first = open_app()))
		return 2;
	if (draft(first, &first_draft, &e) != ST_OK) {
		fprintf(stderr, "approvetwice: A's draft: %s\n", err_text(&e));
		err_fini(&e);
		app_close(first);
		return 2;
	}
	sqlite3_auto_extension((void (*)(void))catch_connection);
	struct app *second = open_app();
	sqlite3_cancel_auto_extension((void (*)(void))catch_connection);
	if (second && caught)
		code = race(second);
	app_close(second);
	app_close(first);
	return code;
}
