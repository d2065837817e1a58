/* test_check_snapshot.c: `check` reads one consistent snapshot. While it
 * runs, another connection keeps saving drafts (each replaces the
 * receipt's previous draft and appends to the audit log) and approves
 * one; check must still find nothing wrong. The other writer is driven
 * from an SQLite progress handler on check's own connection, so that its
 * commits land between check's statements, at many points of the run,
 * deterministically. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/date.h"

#include "support.h"

static char *dbpath;

static void setup(void)
{
	support_setup("snapshot");
	dbpath = support_path("snap.db");
}

static void teardown(void)
{
	support_teardown();
	free(dbpath);
}

TestSuite(check_snapshot, .init = setup, .fini = teardown);

static struct app *open_app(enum db_mode mode)
{
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(dbpath, NULL, mode, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	return a;
}

static int64_t draft(struct app *a, const char *receipt, const char *key)
{
	struct app_dist_request rq = { .receipt = receipt, .key = key };
	struct distribution d;
	struct err e = ERR_INIT;
	cr_assert_eq(app_distribute(a, &rq, &d, &e), ST_OK, "%s: %s", receipt, err_text(&e));
	int64_t id = d.id;
	distribution_fini(&d);
	return id;
}

/* The connection app_open opens next, caught by an auto extension (the
 * test's only way to reach the handle behind struct app). */
static sqlite3 *caught;

static int catch_connection(sqlite3 *h, const char **msg, const void *api)
{
	(void)msg;
	(void)api;
	caught = h;
	return SQLITE_OK;
}

/* The other program: every call of the progress handler saves a new
 * draft of one of two receipts, until `budget` changes are made; halfway,
 * it approves the draft `to_approve` (then there is none to approve). */
static struct app *writer;
static int budget, made;
static int64_t to_approve;

static unsigned every, started;

static int meddle(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	(void)p;
	(void)x;
	if (started++ % every != 0 || made >= budget)
		return 0;
	made++;
	draft(writer, made % 2 ? "IPEP-2025-AMORCAGE" : "PEPS-2025-T1", made % 2 ? "Hourly rates" : "PEPS");
	if (made == budget / 2 && to_approve) {
		struct err e = ERR_INIT;
		int32_t on;
		cr_assert_eq(date_make(2025, 5, 10, &on), ST_OK);
		cr_assert_eq(app_approve(writer, to_approve, on, "AG", &e), ST_OK, "%s", err_text(&e));
		to_approve = 0;
	}
	return 0;
}

/* Check with the other writer committing before every `n`th statement of
 * check: ST_OK and an empty report. */
static void check_while_writing(unsigned n)
{
	caught = NULL;
	cr_assert_eq(sqlite3_auto_extension((void (*)(void))catch_connection), SQLITE_OK);
	struct app *a = open_app(DB_READONLY);
	sqlite3_cancel_auto_extension((void (*)(void))catch_connection);
	cr_assert_not_null(caught);
	budget = 40;
	made = 0;
	every = n;
	started = 0;
	sqlite3_trace_v2(caught, SQLITE_TRACE_STMT, meddle, NULL);
	struct sbuf rep;
	sb_init(&rep);
	struct app_check_stats st;
	struct err e = ERR_INIT;
	enum status rc = app_check(a, &rep, &st, &e);
	sqlite3_trace_v2(caught, 0, NULL, NULL);
	/* Fewer changes than the budget: the writer kept up till the end. */
	cr_expect_lt(made, budget, "every %u: %d changes, all before the end", n, made);
	cr_expect_gt(made, 1, "every %u: the other writer hardly ran", n);
	cr_expect_eq(rc, ST_OK, "a change before every %u statement(s), %d meanwhile: %s\n%s", n, made,
	             err_text(&e), rep.s ? rep.s : "");
	err_fini(&e);
	free(st.audit_head);
	sb_fini(&rep);
	app_close(a);
}

Test(check_snapshot, drafts_and_approvals_meanwhile)
{
	struct app *w = open_app(DB_CREATE);
	struct err e = ERR_INIT;
	size_t keys;
	cr_assert_eq(app_demo(w, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_key_examples(w, &keys, &e), ST_OK, "%s", err_text(&e));
	to_approve = draft(w, "ACI-2025-AV", "ACI");
	draft(w, "PEPS-2025-T1", "PEPS");
	draft(w, "IPEP-2025-AMORCAGE", "Hourly rates");
	writer = w;
	/* Before every statement, then every other one, and so on: the
	 * changes land at each step of check (the audit chain, the list of
	 * distributions, each distribution's parts and lines). */
	for (unsigned n = 1; n <= 5; n++)
		check_while_writing(n);
	writer = NULL;
	app_close(w);
}
