/* test_check.c: `check` passes on the demo after distributions of every kind,
 * and names the distribution, audit entry or row that raw SQL (as from the
 * sqlite3 shell) changed behind the program's back. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/text.h"

#include "support.h"

static char *dbpath;

static void setup(void)
{
	support_setup("check");
	dbpath = support_path("check.db");
}

static void teardown(void)
{
	support_teardown();
	free(dbpath);
}

TestSuite(check, .init = setup, .fini = teardown);

static int32_t day(int y, int m, int d)
{
	int32_t v = 0;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK);
	return v;
}

static struct app *open_app(enum db_mode mode)
{
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(dbpath, NULL, mode, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	return a;
}

static int64_t dist(struct app *a, const char *receipt, const char *key, bool true_up)
{
	struct app_dist_request rq = { .receipt = receipt, .key = key, .true_up = true_up };
	struct distribution d;
	struct err e = ERR_INIT;
	cr_assert_eq(app_distribute(a, &rq, &d, &e), ST_OK, "%s with %s: %s", receipt, key, err_text(&e));
	int64_t id = d.id;
	distribution_fini(&d);
	return id;
}

static void approve(struct app *a, int64_t id)
{
	struct err e = ERR_INIT;
	cr_assert_eq(app_approve(a, id, day(2025, 5, 10), "AG", &e), ST_OK, "%s", err_text(&e));
}

/* The demo with a few distributions: the advance approved and partly
 * paid, its balance trued up (draft), a PEPS quarter approved, an IPEP
 * draft. The database is closed; ids of the drafts are returned. */
struct fixture {
	int64_t advance, balance, peps, ipep;
};

static struct fixture demo_with_distributions(void)
{
	struct app *a = open_app(DB_CREATE);
	struct err e = ERR_INIT;
	size_t n;
	cr_assert_eq(app_demo(a, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_key_examples(a, &n, &e), ST_OK, "%s", err_text(&e));
	struct fixture f;
	f.advance = dist(a, "ACI-2025-AV", "ACI", false);
	approve(a, f.advance);
	cr_assert_eq(app_pay(a, f.advance, "MARTIN", day(2025, 5, 20), "virement", &n, &e), ST_OK, "%s",
	             err_text(&e));
	f.balance = dist(a, "ACI-2025-SOLDE", "ACI", true);
	f.peps = dist(a, "PEPS-2025-T1", "PEPS", false);
	approve(a, f.peps);
	f.ipep = dist(a, "IPEP-2025-AMORCAGE", "Hourly rates", false);
	app_close(a);
	return f;
}

struct result {
	enum status rc;
	char *report;
	char *msg;
	struct app_check_stats st;
};

static struct result run_check(void)
{
	struct app *a = open_app(DB_OPEN);
	struct result r;
	struct sbuf rep;
	sb_init(&rep);
	struct err e = ERR_INIT;
	r.rc = app_check(a, &rep, &r.st, &e);
	r.report = sb_take(&rep);
	if (!r.report)
		r.report = strdup("");
	r.msg = strdup(err_text(&e));
	err_fini(&e);
	app_close(a);
	return r;
}

static void result_free(struct result *r)
{
	free(r->report);
	free(r->msg);
	free(r->st.audit_head);
}

static void raw_exec(const char *sql)
{
	sqlite3 *h = NULL;
	cr_assert_eq(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
	cr_assert_eq(sqlite3_close(h), SQLITE_OK);
}

/* check must fail with ST_CORRUPT and its report hold `words`. */
static void corrupt(const char *words)
{
	struct result r = run_check();
	cr_assert_eq(r.rc, ST_CORRUPT, "check: status %d (%s), report:\n%s", (int)r.rc, r.msg, r.report);
	cr_assert(strstr(r.report, words), "report lacks \"%s\":\n%s", words, r.report);
	cr_assert(strstr(r.msg, "problem"), "%s", r.msg);
	result_free(&r);
}

/* ------------------------------------------------------------------ */

Test(check, passes_on_the_demo_with_distributions)
{
	demo_with_distributions();
	struct result r = run_check();
	cr_assert_eq(r.rc, ST_OK, "check: %s\n%s", r.msg, r.report);
	cr_assert_str_eq(r.report, "");
	cr_assert_eq(r.st.distributions, 4);
	cr_assert_gt(r.st.lines, 40);
	cr_assert_not_null(r.st.audit_head);
	cr_assert_eq(strlen(r.st.audit_head), 64);
	/* demo + 4 key imports + 4 distributions + 2 approvals + 1 payment */
	cr_assert_eq(r.st.audit_entries, 12, "%" PRId64 " audit entries", r.st.audit_entries);
	result_free(&r);
}

Test(check, passes_on_a_new_practice)
{
	struct app *a = open_app(DB_CREATE);
	struct err e = ERR_INIT;
	cr_assert_eq(app_init(a, "Nouvelle MSP", &e), ST_OK, "%s", err_text(&e));
	app_close(a);
	struct result r = run_check();
	cr_assert_eq(r.rc, ST_OK, "%s\n%s", r.msg, r.report);
	cr_assert_eq(r.st.distributions, 0);
	cr_assert_eq(r.st.audit_entries, 1);
	result_free(&r);
}

/* Raw SQL on a draft is allowed by the triggers: one line given a cent
 * more, share and cents together so the row's own CHECK holds. */
Test(check, tampered_draft_line_named)
{
	struct fixture f = demo_with_distributions();
	char sql[256];
	snprintf(sql, sizeof sql,
	         "UPDATE distribution_lines SET share = share + 1, cents = cents + 1 "
	         "WHERE id = (SELECT min(id) FROM distribution_lines WHERE distribution_id = %" PRId64
	         " AND kind = 'pool');", f.ipep);
	raw_exec(sql);
	char want[32];
	snprintf(want, sizeof want, "D%" PRId64 ":", f.ipep);
	corrupt(want);
}

/* One cent moved between two members: the total still matches the
 * receipt, but the stored weights no longer give those cents. */
Test(check, cent_moved_between_members_named)
{
	struct fixture f = demo_with_distributions();
	char sql[512];
	snprintf(sql, sizeof sql,
	         "UPDATE distribution_lines SET share = share + 1, cents = cents + 1 WHERE id = "
	         "(SELECT min(id) FROM distribution_lines WHERE distribution_id = %" PRId64 " AND kind = 'pool');"
	         "UPDATE distribution_lines SET share = share - 1, cents = cents - 1 WHERE id = "
	         "(SELECT max(id) FROM distribution_lines WHERE distribution_id = %" PRId64 " AND kind = 'pool');",
	         f.ipep, f.ipep);
	raw_exec(sql);
	char want[32];
	snprintf(want, sizeof want, "D%" PRId64 " pool", f.ipep);
	corrupt(want);
}

/* A true-up line whose `before` no longer matches: the balance still adds
 * up only if share moves with it; here cents and before change together
 * so the line's CHECK holds but the lines no longer add up. */
Test(check, tampered_true_up_line_named)
{
	struct fixture f = demo_with_distributions();
	char sql[256];
	snprintf(sql, sizeof sql,
	         "UPDATE distribution_lines SET before = before + 100, cents = cents - 100 "
	         "WHERE id = (SELECT max(id) FROM distribution_lines WHERE distribution_id = %" PRId64 ");",
	         f.balance);
	raw_exec(sql);
	char want[32];
	snprintf(want, sizeof want, "D%" PRId64 ":", f.balance);
	corrupt(want);
}

Test(check, tampered_reservation_part_named)
{
	struct fixture f = demo_with_distributions();
	char sql[256];
	snprintf(sql, sizeof sql,
	         "UPDATE distribution_parts SET amount = amount - 1 WHERE distribution_id = %" PRId64
	         " AND kind = 'reservation' AND idx = 1;", f.balance);
	raw_exec(sql);
	char want[32];
	snprintf(want, sizeof want, "D%" PRId64 ":", f.balance);
	corrupt(want);
}

/* Someone who knows to drop the triggers first can change an approved
 * distribution; check still sees it. */
Test(check, tampered_approved_distribution_named)
{
	struct fixture f = demo_with_distributions();
	char sql[512];
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER distribution_lines_frozen_u;"
	         "UPDATE distribution_lines SET weight = '7' WHERE id = "
	         "(SELECT min(id) FROM distribution_lines WHERE distribution_id = %" PRId64 " AND kind = 'pool');",
	         f.peps);
	raw_exec(sql);
	char want[32];
	snprintf(want, sizeof want, "D%" PRId64 " pool", f.peps);
	corrupt(want);
}

Test(check, tampered_audit_entry_named)
{
	demo_with_distributions();
	raw_exec("DROP TRIGGER audit_append_only_u;"
	         "UPDATE audit SET who = 'mallory' WHERE id = 3;");
	corrupt("entry 3 ");
}

Test(check, foreign_key_problem_named)
{
	demo_with_distributions();
	/* A connection without foreign_keys, as the sqlite3 shell opens. */
	raw_exec("INSERT INTO activities (member_id, day, kind, hours) VALUES (9999, '2025-03-03', 'RCP', 100);");
	corrupt("activities");
}

/* A read-only database can be checked. */
Test(check, read_only_database)
{
	demo_with_distributions();
	struct app *a = open_app(DB_READONLY);
	struct sbuf rep;
	sb_init(&rep);
	struct app_check_stats st;
	struct err e = ERR_INIT;
	cr_assert_eq(app_check(a, &rep, &st, &e), ST_OK, "%s\n%s", err_text(&e), rep.s ? rep.s : "");
	cr_assert_eq(st.distributions, 4);
	free(st.audit_head);
	sb_fini(&rep);
	app_close(a);
}

/* Two approved distributions of one receipt pay it twice, each adding up
 * on its own. Made here by hand, the way the sqlite3 shell allows: a copy
 * inserted as a draft, then approved. */
Test(check, receipt_approved_twice_named)
{
	struct fixture f = demo_with_distributions();
	char sql[2048];
	snprintf(sql, sizeof sql,
	         "INSERT INTO distributions (receipt_id, key_version_id, mode, amount, base, reserved,"
	         " period_start, period_end, created)"
	         " SELECT receipt_id, key_version_id, mode, amount, base, reserved, period_start, period_end, created"
	         " FROM distributions WHERE id = %" PRId64 ";"
	         "INSERT INTO distribution_parts SELECT (SELECT max(id) FROM distributions), kind, idx, label, account, basis,"
	         " rate_bp, fixed, amount FROM distribution_parts WHERE distribution_id = %" PRId64 ";"
	         "INSERT INTO distribution_lines (distribution_id, seq, kind, idx, recipient, member_id, label,"
	         " basis, value, factor, presence, weight, exact, share, before, cents, leftover)"
	         " SELECT (SELECT max(id) FROM distributions), seq, kind, idx, recipient, member_id, label, basis,"
	         " value, factor, presence, weight, exact, share, before, cents, leftover"
	         " FROM distribution_lines WHERE distribution_id = %" PRId64 ";"
	         "UPDATE distributions SET status = 'approved', approved_on = '2025-06-01'"
	         " WHERE id = (SELECT max(id) FROM distributions);",
	         f.peps, f.peps, f.peps);
	raw_exec(sql);
	struct result r = run_check();
	cr_assert_eq(r.rc, ST_CORRUPT, "a receipt approved twice: status %d (%s), report:\n%s", (int)r.rc,
	             r.msg, r.report);
	/* Named by its reference or by the first distribution. */
	char dn[32];
	snprintf(dn, sizeof dn, "D%" PRId64, f.peps);
	cr_assert(strstr(r.report, "PEPS-2025-T1") || strstr(r.report, dn), "%s", r.report);
	result_free(&r);
}

/* A receipt's amount changed with raw SQL under its draft: the draft still
 * adds up to what it stored, but no longer to the receipt it divides. */
Test(check, receipt_changed_under_a_draft_named)
{
	struct fixture f = demo_with_distributions();
	raw_exec("UPDATE receipts SET amount = amount + 100 WHERE reference = 'IPEP-2025-AMORCAGE';");
	char want[128];
	snprintf(want, sizeof want, "D%" PRId64 ": reservations and lines add up to 2000000 cents, its receipt "
	         "IPEP-2025-AMORCAGE (id 2) is 2000100", f.ipep);
	corrupt(want);
	snprintf(want, sizeof want, "D%" PRId64 ": its amount, 2000000 cents, is not its receipt's", f.ipep);
	corrupt(want);
}

/* The lines, the stored amount and the receipt all moved but one: a
 * distribution consistent with itself that divides another amount. */
Test(check, stored_amount_other_than_the_receipt_named)
{
	struct fixture f = demo_with_distributions();
	char sql[512];
	snprintf(sql, sizeof sql,
	         "UPDATE distributions SET amount = amount + 1, base = base + 1 WHERE id = %" PRId64 ";"
	         "UPDATE distribution_lines SET share = share + 1, cents = cents + 1 WHERE id = "
	         "(SELECT min(id) FROM distribution_lines WHERE distribution_id = %" PRId64 " AND kind = 'pool');"
	         "UPDATE distribution_parts SET amount = amount + 1 WHERE distribution_id = %" PRId64
	         " AND kind = 'pool' AND idx = 0;", f.ipep, f.ipep, f.ipep);
	raw_exec(sql);
	char want[128];
	snprintf(want, sizeof want, "D%" PRId64 ": its amount, 2000001 cents, is not its receipt's", f.ipep);
	corrupt(want);
}

/* A true-up's lines add up to the balance receipt, not the exercise. */
Test(check, balance_changed_under_its_true_up_named)
{
	struct fixture f = demo_with_distributions();
	raw_exec("UPDATE receipts SET amount = amount - 1 WHERE reference = 'ACI-2025-SOLDE';");
	char want[128];
	snprintf(want, sizeof want, "D%" PRId64 ": reservations and lines add up to 3317747 cents, its receipt "
	         "ACI-2025-SOLDE (id 9) is 3317746", f.balance);
	corrupt(want);
}
