/* test_views.c: what the interfaces read (app_views.h), each figure
 * checked against the same figure computed by SQL on the raw database:
 * the home screen's totals and waiting list, the receipts' states, the
 * current exercise, the patients per GP, and the posts' reservations. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_views.h"
#include "quotepart/date.h"

#include "support.h"
#include "support_sqlite.h"

static void setup(void)
{
	support_setup("views");
	setenv("QUOTEPART_TODAY", "2026-06-30", 1);
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(views, .init = setup, .fini = teardown);

static int32_t day(const char *iso)
{
	int32_t v = 0;
	cr_assert_eq(date_parse(iso, &v), ST_OK, "%s", iso);
	return v;
}

static struct app *demo(void)
{
	char *p = support_path("demo.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	size_t n = 0;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	cr_assert_eq(app_demo(a, &e), ST_OK, "app_demo: %s", err_text(&e));
	cr_assert_eq(app_key_examples(a, &n, &e), ST_OK, "keys: %s", err_text(&e));
	free(p);
	return a;
}

/* One number from the raw database, as the sqlite3 shell would read it. */
static int64_t sql_int(const char *text)
{
	char *p = support_path("demo.db");
	sqlite3 *h = raw_open(p);
	int64_t v = raw_int(h, text);
	sqlite3_close(h);
	free(p);
	return v;
}

static void ok(enum status rc, struct err *e, const char *what)
{
	cr_assert_eq(rc, ST_OK, "%s: %s", what, err_text(e));
}

static int64_t draft_of(struct app *a, const char *receipt, const char *key)
{
	struct app_dist_request rq = { .receipt = receipt, .key = key };
	struct distribution d;
	struct err e = ERR_INIT;
	ok(app_distribute(a, &rq, &d, &e), &e, receipt);
	int64_t id = d.id;
	distribution_fini(&d);
	return id;
}

static void check_home(struct app *a, int year)
{
	struct home_view h;
	struct err e = ERR_INIT;
	ok(app_home(a, year, day("2026-06-30"), &h, &e), &e, "app_home");
	char q[512];
	snprintf(q, sizeof q, "SELECT coalesce(sum(amount), 0) FROM receipts WHERE exercise = '%d'", year);
	cr_assert_eq(h.received, sql_int(q), "received in %d", year);
	snprintf(q, sizeof q, "SELECT count(*) FROM receipts WHERE exercise = '%d'", year);
	cr_assert_eq((int64_t)h.n_receipts, sql_int(q));
	int64_t by_source = 0;
	for (size_t i = 0; i < h.n_src; i++) {
		snprintf(q, sizeof q, "SELECT coalesce(sum(amount), 0) FROM receipts WHERE exercise = '%d' AND source = '%s'",
		         year, h.src[i].source);
		cr_assert_eq(h.src[i].amount, sql_int(q), "%s", h.src[i].source);
		by_source += h.src[i].amount;
	}
	cr_assert_eq(by_source, h.received, "every receipt's source is a configured one");
	snprintf(q, sizeof q, "SELECT coalesce(sum(d.amount), 0) FROM distributions d JOIN receipts r ON r.id = d.receipt_id "
	                      "WHERE r.exercise = '%d' AND d.status = 'approved'", year);
	cr_assert_eq(h.approved, sql_int(q));
	snprintf(q, sizeof q, "SELECT coalesce(sum(d.amount), 0) FROM distributions d JOIN receipts r ON r.id = d.receipt_id "
	                      "WHERE r.exercise = '%d' AND d.status = 'draft'", year);
	cr_assert_eq(h.drafted, sql_int(q));
	snprintf(q, sizeof q, "SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN distribution_lines l ON l.id = p.line_id "
	                      "JOIN distributions d ON d.id = l.distribution_id JOIN receipts r ON r.id = d.receipt_id "
	                      "WHERE r.exercise = '%d' AND d.status = 'approved'", year);
	cr_assert_eq(h.paid, sql_int(q));
	cr_assert_eq(h.paid + h.unpaid, h.approved);
	/* What waits: every draft and every approved distribution with lines
	 * not paid that no approved reversal undid, then every receipt with
	 * no distribution. */
	int64_t drafts = sql_int("SELECT count(*) FROM distributions WHERE status = 'draft'");
	int64_t to_pay = sql_int("SELECT count(*) FROM distributions d WHERE d.status = 'approved' "
	                         "AND d.mode != 'reversal' AND EXISTS (SELECT 1 FROM distribution_lines l "
	                         "WHERE l.distribution_id = d.id AND l.cents != 0 AND NOT EXISTS "
	                         "(SELECT 1 FROM payments p WHERE p.line_id = l.id)) AND NOT EXISTS "
	                         "(SELECT 1 FROM distributions v WHERE v.receipt_id = d.receipt_id "
	                         "AND v.mode = 'reversal' AND v.status = 'approved' AND v.id > d.id)");
	int64_t undivided = sql_int("SELECT count(*) FROM receipts r WHERE NOT EXISTS "
	                            "(SELECT 1 FROM distributions d WHERE d.receipt_id = r.id)");
	cr_assert_eq((int64_t)h.n_wait, drafts + to_pay + undivided);
	size_t n_draft = 0, n_pay = 0;
	for (size_t i = 0; i < h.n_wait; i++) {
		const struct home_wait *w = &h.wait[i];
		cr_assert_eq(!!w->draft + !!w->unpaid + !!w->receipt, 1, "wait %zu: one thing", i);
		cr_assert((i < (size_t)(drafts + to_pay)) == (w->receipt == NULL), "wait %zu: distributions come first", i);
		n_draft += w->draft != NULL;
		if (w->unpaid) {
			cr_assert_eq(w->unpaid->status, DIST_APPROVED);
			cr_assert_neq(w->unpaid->unpaid, 0);
			n_pay++;
		}
	}
	cr_assert_eq((int64_t)n_draft, drafts);
	cr_assert_eq((int64_t)n_pay, to_pay);
	cr_assert_eq(h.members, sql_int("SELECT count(*) FROM members"));
	cr_assert_eq(h.active, sql_int("SELECT count(*) FROM members WHERE joined <= '2026-06-30' "
	                               "AND (left_on IS NULL OR left_on >= '2026-06-30')"));
	cr_assert_eq(h.patients, sql_int("SELECT count(*) FROM patients"));
	home_view_fini(&h);
}

Test(views, home_agrees_with_the_database)
{
	struct app *a = demo();
	check_home(a, 2025);
	int64_t d1 = draft_of(a, "ACI-2025-AV", "ACI");
	draft_of(a, "PEPS-2025-T1", "PEPS");
	check_home(a, 2025);
	struct err e = ERR_INIT;
	ok(app_approve(a, d1, day("2025-05-10"), NULL, &e), &e, "approve");
	/* Approved, not paid: it waits. */
	check_home(a, 2025);
	size_t paid = 0;
	ok(app_pay(a, d1, NULL, day("2025-05-20"), "virement", &paid, &e), &e, "pay");
	cr_assert_gt(paid, 0);
	check_home(a, 2025);
	check_home(a, 2024);
	check_home(a, 1999);
	app_close(a);
}

Test(views, home_lists_what_is_approved_and_not_paid_until_reversed)
{
	struct app *a = demo();
	struct err e = ERR_INIT;
	int64_t d = draft_of(a, "IPEP-2025-AMORCAGE", "ACI");
	ok(app_approve(a, d, day("2025-06-20"), NULL, &e), &e, "approve");
	struct home_view h;
	ok(app_home(a, 2025, day("2026-06-30"), &h, &e), &e, "app_home");
	cr_assert_not_null(h.wait[0].unpaid, "the approved distribution waits first");
	cr_assert_eq(h.wait[0].unpaid->id, d);
	home_view_fini(&h);
	check_home(a, 2025);
	int64_t r = 0;
	ok(app_reverse(a, d, &r, &e), &e, "reverse");
	ok(app_approve(a, r, day("2025-06-21"), NULL, &e), &e, "approve the reversal");
	ok(app_home(a, 2025, day("2026-06-30"), &h, &e), &e, "app_home");
	for (size_t i = 0; i < h.n_wait; i++)
		cr_assert(!h.wait[i].unpaid, "a reversed distribution is not owed any more");
	home_view_fini(&h);
	check_home(a, 2025);
	app_close(a);
}

static enum receipt_state state_of(struct app *a, const char *reference)
{
	struct receipt *v = NULL;
	enum receipt_state *st = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	ok(app_receipts(a, &v, &n, &e), &e, "receipts");
	ok(app_receipt_states(a, v, n, &st, &e), &e, "states");
	enum receipt_state s = RECEIPT_UNDIVIDED;
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		if (v[i].reference && strcmp(v[i].reference, reference) == 0) {
			s = st[i];
			found = true;
		}
	}
	cr_assert(found, "%s", reference);
	free(st);
	receipt_list_free(v, n);
	return s;
}

Test(views, receipt_states_follow_the_distributions)
{
	struct app *a = demo();
	cr_assert_eq(state_of(a, "ACI-2025-AV"), RECEIPT_UNDIVIDED);
	int64_t d = draft_of(a, "ACI-2025-AV", "ACI");
	cr_assert_eq(state_of(a, "ACI-2025-AV"), RECEIPT_DRAFT);
	cr_assert_eq(state_of(a, "PEPS-2025-T1"), RECEIPT_UNDIVIDED);
	struct err e = ERR_INIT;
	ok(app_approve(a, d, day("2025-05-10"), NULL, &e), &e, "approve");
	cr_assert_eq(state_of(a, "ACI-2025-AV"), RECEIPT_APPROVED);
	bool yes = false;
	ok(app_receipt_divided(a, sql_int("SELECT id FROM receipts WHERE reference = 'ACI-2025-AV'"), &yes, &e), &e, "divided");
	cr_assert(yes);
	app_close(a);
}

Test(views, current_exercise_is_the_latest_not_after_today)
{
	struct app *a = demo();
	cr_assert_eq(app_current_exercise(a, day("2026-06-30")),
	             (int)sql_int("SELECT max(CAST(exercise AS INTEGER)) FROM receipts WHERE CAST(exercise AS INTEGER) <= 2026"));
	cr_assert_eq(app_current_exercise(a, day("2024-12-31")), 2024);
	/* No receipt of that year or before: the year itself. */
	cr_assert_eq(app_current_exercise(a, day("2020-03-01")), 2020);
	app_close(a);
}

Test(views, patients_per_gp_agree_with_the_database)
{
	struct app *a = demo();
	struct gp_count *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	ok(app_gp_counts(a, day("2025-12-31"), day("2025-01-01"), day("2025-12-31"), &v, &n, &e), &e, "gp counts");
	cr_assert_gt(n, 0);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		char q[400];
		snprintf(q, sizeof q, "SELECT count(*) FROM patients p JOIN members m ON m.id = p.gp_id WHERE m.code = '%s' "
		                      "AND p.enrolled <= '2025-12-31' AND (p.left_on IS NULL OR p.left_on >= '2025-12-31')",
		         v[i].code);
		cr_assert_eq(v[i].at_date, sql_int(q), "%s", v[i].code);
		/* The average over the year is at most the patients ever enrolled. */
		snprintf(q, sizeof q, "SELECT count(*) * 100 FROM patients p JOIN members m ON m.id = p.gp_id WHERE m.code = '%s'",
		         v[i].code);
		cr_assert_leq(v[i].avg, sql_int(q), "%s", v[i].code);
		/* Exactly: patient-days x 100 / 365, rounded half up (the distribution's
		 * count; it used to be cut, 1244,18 for 1244,19). */
		snprintf(q, sizeof q, "SELECT (coalesce(sum(julianday(min(coalesce(p.left_on, '2025-12-31'), '2025-12-31')) "
		                      "- julianday(max(p.enrolled, '2025-01-01')) + 1), 0) * 200 + 365) / 730 "
		                      "FROM patients p JOIN members m ON m.id = p.gp_id WHERE m.code = '%s' "
		                      "AND p.enrolled <= '2025-12-31' AND (p.left_on IS NULL OR p.left_on >= '2025-01-01')",
		         v[i].code);
		cr_assert_eq(v[i].avg, sql_int(q), "%s: average %lld", v[i].code, (long long)v[i].avg);
		total += v[i].at_date;
	}
	cr_assert_eq(total, sql_int("SELECT count(*) FROM patients WHERE enrolled <= '2025-12-31' "
	                            "AND (left_on IS NULL OR left_on >= '2025-12-31')"));
	gp_count_list_free(v, n);
	app_close(a);
}

Test(views, post_reservations_agree_with_the_database)
{
	struct app *a = demo();
	struct err e = ERR_INIT;
	int64_t d = draft_of(a, "ACI-2025-AV", "ACI");
	ok(app_approve(a, d, day("2025-05-10"), NULL, &e), &e, "approve");
	struct post *p = NULL;
	size_t n = 0;
	ok(app_posts(a, &p, &n, &e), &e, "posts");
	int64_t *res = NULL;
	ok(app_post_reserved(a, p, n, 2025, &res, &e), &e, "reserved");
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		char q[400];
		snprintf(q, sizeof q, "SELECT coalesce(sum(l.cents), 0) FROM distribution_lines l JOIN distributions d "
		                      "ON d.id = l.distribution_id JOIN receipts r ON r.id = d.receipt_id WHERE d.status = 'approved' "
		                      "AND l.kind = 'reservation' AND l.recipient = 'post:%s' AND r.received LIKE '2025-%%'",
		         p[i].code);
		cr_assert_eq(res[i], sql_int(q), "%s", p[i].code);
		sum += res[i];
	}
	cr_assert_gt(sum, 0, "the ACI key reserves money for a post");
	free(res);
	ok(app_post_reserved(a, p, n, 2024, &res, &e), &e, "reserved 2024");
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(res[i], 0);
	free(res);
	post_list_free(p, n);
	app_close(a);
}

static const char *first_key(struct app *a, const char *source, char *buf, size_t size)
{
	struct key_info *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	ok(app_keys_for(a, source, &v, &n, &e), &e, "app_keys_for");
	cr_assert_gt(n, 1);
	snprintf(buf, size, "%s", v[0].name);
	key_info_list_free(v, n);
	return buf;
}

static struct receipt receipt_of(struct app *a, const char *reference)
{
	struct receipt *v = NULL, r;
	size_t n = 0;
	struct err e = ERR_INIT;
	ok(app_receipts(a, &v, &n, &e), &e, "receipts");
	for (size_t i = 0; i < n; i++)
		if (v[i].reference && strcmp(v[i].reference, reference) == 0) {
			r = v[i];
			memset(&v[i], 0, sizeof v[i]);
			receipt_list_free(v, n);
			return r;
		}
	cr_assert_fail("no receipt %s", reference);
	return (struct receipt){ 0 };
}

static bool advised(struct app *a, const char *reference)
{
	struct receipt r = receipt_of(a, reference);
	struct err e = ERR_INIT;
	bool yes = false;
	ok(app_true_up_advised(a, &r, &yes, &e), &e, "app_true_up_advised");
	receipt_fini(&r);
	return yes;
}

Test(views, keys_fit_the_receipts_source_and_a_balance_after_an_advance_is_trued_up)
{
	struct app *a = demo();
	char k[64];
	/* By name first: the PEPS key for a PEPS receipt, not ACI, the first stored. */
	cr_assert_str_eq(first_key(a, "PEPS", k, sizeof k), "PEPS");
	cr_assert_str_eq(first_key(a, "ACI", k, sizeof k), "ACI");
	/* Then by use: a key that divided receipts of that source before. */
	struct err e = ERR_INIT;
	int64_t d = draft_of(a, "IPEP-2025-AMORCAGE", "Equal shares");
	ok(app_approve(a, d, day("2025-04-02"), NULL, &e), &e, "approve");
	cr_assert_str_eq(first_key(a, "IPEP", k, sizeof k), "Equal shares");
	/* True-up: for a balance once the exercise's advance is approved. */
	cr_assert_not(advised(a, "ACI-2025-SOLDE"), "nothing of ACI 2025 approved yet");
	int64_t adv = draft_of(a, "ACI-2025-AV", "ACI");
	cr_assert_not(advised(a, "ACI-2025-SOLDE"), "a draft is not approved");
	ok(app_approve(a, adv, day("2025-05-02"), NULL, &e), &e, "approve the advance");
	cr_assert(advised(a, "ACI-2025-SOLDE"));
	cr_assert_not(advised(a, "ACI-2024-SOLDE"), "another exercise");
	cr_assert_not(advised(a, "PEPS-2025-T2"), "not a balance");
	app_close(a);
}
