/* test_edit.c: the use cases of the edit forms (app_edit.h): each change
 * as a form makes it, its refusals (bad values, a record changed in
 * another session, a receipt frozen by an approved distribution), undo of
 * the last change, and keys edited part by part and saved as versions.
 * Every refusal is checked to leave the database as it was (the audit log
 * counts the transactions that committed). */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/db_edit.h"

#include "support.h"

static struct app *a;
static struct err e = ERR_INIT;

static int32_t day(const char *iso)
{
	int32_t d;
	cr_assert_eq(date_parse(iso, &d), ST_OK, "%s", iso);
	return d;
}

static void ok(enum status rc, const char *what)
{
	cr_assert_eq(rc, ST_OK, "%s: status %d: %s", what, (int)rc, err_text(&e));
	err_fini(&e);
}

static int64_t count(const char *table)
{
	int64_t n = -1;
	struct err tmp = ERR_INIT;
	cr_assert_eq(db_count(app_db(a), table, &n, &tmp), ST_OK, "%s", err_text(&tmp));
	return n;
}

/* rc must be `want` with `words` in the message, and nothing written. */
static int64_t audit_before;
static void mark(void)
{
	audit_before = count("audit");
}
static void refused(enum status rc, enum status want, const char *words)
{
	cr_assert_eq(rc, want, "status %d, want %d: %s", (int)rc, (int)want, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	cr_assert_eq(count("audit"), audit_before, "a refusal wrote something");
	err_fini(&e);
}

static const char key_text[] =
	"key: { name = \"Shares\"; description = \"Test key\";\n"
	"  reservations = ( { label = \"Coordination\"; account = \"post:COORD\"; amount = \"100.00\"; } );\n"
	"  pools = ( { label = \"Equal\"; rate = 100.0; basis = \"equal\"; statuses = [ \"associate\" ]; } );\n"
	"};\n";

static void add_member(const char *code, const char *profession, const char *status)
{
	struct member m = {
		.code = (char *)code, .name = (char *)code, .profession = (char *)profession,
		.status = (char *)status, .joined = day("2020-01-01"), .left = DATE_NONE, .fte = 100,
	};
	ok(app_member_add(a, &m, &e), code);
}

static struct receipt receipt(const char *ref, int64_t cents)
{
	struct receipt r = {
		.source = "ACI", .kind = "advance", .exercise = "2025",
		.start = day("2025-01-01"), .end = day("2025-12-31"), .received = day("2025-04-30"),
		.amount = cents, .reference = (char *)ref, .note = NULL,
	};
	return r;
}

static void setup(void)
{
	support_setup("edit");
	char *p = support_path("t.db");
	ok(app_open(p, NULL, DB_CREATE, &a, &e), "open");
	free(p);
	ok(app_init(a, "Test practice", &e), "init");
	add_member("GP1", "gp", "associate");
	add_member("GP2", "gp", "associate");
	add_member("IDE1", "nurse", "associate");
	struct post post = {
		.code = "COORD", .label = "Coordination", .holder = NULL, .fte = 80,
		.yearly_cost = 4200000, .start = day("2024-01-01"), .end = DATE_NONE,
	};
	ok(app_post_add(a, &post, &e), "post");
	ok(app_key_save_text(a, key_text, "test", NULL, NULL, NULL, &e), "key");
}

static void teardown(void)
{
	app_close(a);
	a = NULL;
	err_fini(&e);
	support_teardown();
}

TestSuite(edit, .init = setup, .fini = teardown);

/* ---- field checks ---- */

static void field_ok(enum app_field f, const char *text)
{
	cr_assert_eq(app_field_check(a, f, text, &e), ST_OK, "\"%s\": %s", text, err_text(&e));
	err_fini(&e);
}

static void field_bad(enum app_field f, const char *text, const char *words)
{
	cr_assert_eq(app_field_check(a, f, text, &e), ST_INVALID, "\"%s\" accepted", text);
	cr_assert(strstr(err_text(&e), words), "\"%s\": message \"%s\" lacks \"%s\"", text, err_text(&e), words);
	err_fini(&e);
}

Test(edit, field_checks_of_the_new_forms)
{
	field_ok(FIELD_PERCENT, "30");
	field_ok(FIELD_PERCENT, "12,5");
	field_bad(FIELD_PERCENT, "0", "above 0");
	field_bad(FIELD_PERCENT, "100,01", "at most 100");
	field_bad(FIELD_PERCENT, "1,234", "two decimals");

	field_ok(FIELD_RES_VALUE, "18 000,00");
	field_ok(FIELD_RES_VALUE, "12,5 %");
	field_bad(FIELD_RES_VALUE, "0", "more than zero");
	field_bad(FIELD_RES_VALUE, "120 %", "at most 100");
	field_bad(FIELD_RES_VALUE, "ten", "an amount");

	field_ok(FIELD_ACCOUNT, "operating");
	field_ok(FIELD_ACCOUNT, "post:COORD");
	field_ok(FIELD_ACCOUNT, "member:GP1");
	field_bad(FIELD_ACCOUNT, "post:NOPE", "no post \"NOPE\"");
	field_bad(FIELD_ACCOUNT, "member:NOPE", "no member \"NOPE\"");
	field_bad(FIELD_ACCOUNT, "bank", "operating, post:CODE or member:CODE");

	field_ok(FIELD_BASIS, "hours");
	field_bad(FIELD_BASIS, "income", "equal, fte, patients, hours, points");
	field_ok(FIELD_AT, "end");
	field_bad(FIELD_AT, "start", "average");
	field_ok(FIELD_YESNO, "yes");
	field_ok(FIELD_YESNO, "NO");
	field_bad(FIELD_YESNO, "maybe", "yes or no");

	field_ok(FIELD_STATUSES, "");
	field_ok(FIELD_STATUSES, "associate, salaried");
	field_bad(FIELD_STATUSES, "associate, boss", "unknown status \"boss\"");
	field_bad(FIELD_PROFESSIONS, "gp gp", "listed twice");
	field_ok(FIELD_GROUPS, "medical paramedical");
	field_bad(FIELD_GROUPS, "surgery", "unknown group");
	field_ok(FIELD_KINDS, "RCP, protocol");
	field_bad(FIELD_KINDS, "golf", "unknown activity kind");
	field_ok(FIELD_MEMBERS, "GP1, IDE1");
	field_bad(FIELD_MEMBERS, "GP1, NOBODY", "no member \"NOBODY\"");

	field_ok(FIELD_RATES, "gp = 80; nurse = 50,5");
	field_ok(FIELD_RATES, "gp: 80");
	field_bad(FIELD_RATES, "gp = 80, nurse = 50", "not a number");
	field_bad(FIELD_RATES, "pilot = 80", "unknown profession");
	field_bad(FIELD_RATES, "gp = -1", "at least 0");
	field_bad(FIELD_RATES, "gp", "CODE = NUMBER");
	field_ok(FIELD_POINTS, "GP1 = 3; IDE1 = 1,5");
	field_bad(FIELD_POINTS, "GP1 = 3; GP1 = 2", "listed twice");
	field_bad(FIELD_POINTS, "ZZ = 1", "no member");

	field_ok(FIELD_PATIENT_CODE, "P0001");
	field_bad(FIELD_PATIENT_CODE, "185057800608491", "social-security");
	field_bad(FIELD_PATIENT_CODE, "P 1", "letters, digits");
	field_ok(FIELD_YEAR, "1950");
	field_bad(FIELD_YEAR, "1850", "between 1900 and 2200");
	field_ok(FIELD_SEX, "F");
	field_bad(FIELD_SEX, "X", "F or M");
	field_ok(FIELD_ALD, "");
	field_ok(FIELD_ALD, "diabetes, cardio");
	field_bad(FIELD_ALD, "diabetes|flu", "unknown ALD category \"flu\"");
}

/* ---- members and posts ---- */

static struct member stored_member(const char *code)
{
	struct member m;
	ok(db_member_get(app_db(a), code, &m, &e), code);
	return m;
}

Test(edit, member_edit_undone)
{
	struct member before = stored_member("GP1");
	struct member after = before;
	after.name = "Docteur Un";
	ok(app_member_update(a, &before, &after, &e), "update");
	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the change of member GP1");
	free(what);
	ok(app_undo_check(a, &e), "can undo");
	ok(app_undo(a, &e), "undo");
	struct member now = stored_member("GP1");
	cr_assert_str_eq(now.name, "GP1");
	member_fini(&now);
	/* Nothing more: an undo is not itself undone. */
	cr_assert_null(app_undo_what(a));
	mark();
	refused(app_undo_check(a, &e), ST_NOTFOUND, "nothing to undo");
	refused(app_undo(a, &e), ST_NOTFOUND, "nothing to undo");
	member_fini(&before);
}

Test(edit, member_edit_on_a_stale_copy_refused)
{
	struct member shown = stored_member("GP1");
	struct member other = shown;
	other.name = "Changed elsewhere";
	ok(app_member_update(a, &shown, &other, &e), "the other session");
	struct member mine = shown;
	mine.fte = 50;
	mark();
	refused(app_member_update(a, &shown, &mine, &e), ST_REFUSED, "changed in another session");
	struct member now = stored_member("GP1");
	cr_assert_str_eq(now.name, "Changed elsewhere");
	cr_assert_eq(now.fte, 100);
	member_fini(&now);
	member_fini(&shown);
}

Test(edit, undo_of_a_change_made_stale_refused)
{
	struct member before = stored_member("GP1");
	struct member after = before;
	after.name = "Mine";
	ok(app_member_update(a, &before, &after, &e), "update");
	/* Another session edits the member after us (a CSV import). */
	struct member theirs = after;
	theirs.name = "Theirs";
	ok(db_begin(app_db(a), &e), "begin");
	ok(db_member_put(app_db(a), &theirs, NULL, &e), "put");
	ok(db_commit(app_db(a), &e), "commit");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "changed by another program since your change; nothing was undone");
	struct member now = stored_member("GP1");
	cr_assert_str_eq(now.name, "Theirs");
	member_fini(&now);
	member_fini(&before);
}

Test(edit, adding_a_member_cannot_be_undone)
{
	add_member("NEW", "physio", "associate");
	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the new member NEW");
	free(what);
	mark();
	refused(app_undo_check(a, &e), ST_REFUSED, "the new member NEW cannot be undone: members are never deleted");
	refused(app_undo(a, &e), ST_REFUSED, "members are never deleted");
	struct member m = stored_member("NEW");
	member_fini(&m);
}

Test(edit, member_end_undone)
{
	struct member before = stored_member("IDE1");
	mark();
	refused(app_member_end(a, &before, DATE_NONE, &e), ST_INVALID, "give the date the member left");
	refused(app_member_end(a, &before, day("2019-12-31"), &e), ST_INVALID, "before the start");
	ok(app_member_end(a, &before, day("2025-06-30"), &e), "end");
	struct member now = stored_member("IDE1");
	cr_assert_eq(now.left, day("2025-06-30"));
	member_fini(&now);
	ok(app_undo(a, &e), "undo");
	now = stored_member("IDE1");
	cr_assert_eq(now.left, DATE_NONE);
	member_fini(&now);
	member_fini(&before);
}

Test(edit, nothing_to_undo_at_first_and_adding_a_post_is_final)
{
	/* A new session (the setup's changes were made by another struct
	 * app for all this one knows): nothing to undo. */
	char *p = support_path("t.db");
	struct app *other = NULL;
	ok(app_open(p, NULL, DB_OPEN, &other, &e), "open");
	free(p);
	cr_assert_null(app_undo_what(other));
	cr_assert_eq(app_undo(other, &e), ST_NOTFOUND);
	err_fini(&e);
	struct post post = {
		.code = "SECR", .label = "Secretariat", .holder = "IDE1", .fte = 100,
		.yearly_cost = 3000000, .start = day("2025-01-01"), .end = DATE_NONE,
	};
	ok(app_post_add(other, &post, &e), "post");
	mark();
	refused(app_post_add(other, &post, &e), ST_REFUSED, "post SECR already exists (added by another program?): nothing was saved");
	refused(app_undo(other, &e), ST_REFUSED, "posts are never deleted");
	app_close(other);
}

Test(edit, post_edit_undone_and_stale_refused)
{
	struct post *v;
	size_t n;
	ok(db_posts(app_db(a), &v, &n, &e), "posts");
	cr_assert_eq(n, 1);
	struct post after = v[0];
	after.yearly_cost = 4500000;
	after.holder = "IDE1";
	ok(app_post_update(a, &v[0], &after, &e), "update");
	mark();
	refused(app_post_update(a, &v[0], &after, &e), ST_REFUSED, "post COORD was changed in another session");
	ok(app_undo(a, &e), "undo");
	struct post *w;
	size_t nw;
	ok(db_posts(app_db(a), &w, &nw, &e), "posts");
	cr_assert_eq(w[0].yearly_cost, 4200000);
	cr_assert_null(w[0].holder);
	post_list_free(w, nw);
	post_list_free(v, n);
}

/* ---- funding ---- */

static struct post_funding share(const char *source, int32_t bp, const char *start, const char *end)
{
	struct post_funding f = {
		.post = "COORD", .source = (char *)source, .share_bp = bp,
		.start = day(start), .end = end ? day(end) : DATE_NONE,
	};
	return f;
}

/* The post's shares as "SOURCE:BP:START:END;..." in the store's order. */
static char *fundings(void)
{
	struct post_funding *v;
	size_t n;
	ok(db_fundings(app_db(a), &v, &n, &e), "fundings");
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < n; i++) {
		char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
		sb_printf(&b, "%s:%d:%s:%s;", v[i].source, (int)v[i].share_bp, date_format(v[i].start, d1, sizeof d1),
		          date_format(v[i].end, d2, sizeof d2));
	}
	funding_list_free(v, n);
	return sb_take(&b);
}

Test(edit, funding_set_checked_and_undone)
{
	struct post_funding first[] = { share("ACI", 7000, "2024-01-01", NULL), share("FIR", 3000, "2024-01-01", NULL) };
	ok(app_funding_set(a, "COORD", NULL, 0, first, 2, &e), "first funding");
	char *s = fundings();
	cr_assert_str_eq(s, "ACI:7000:2024-01-01:;FIR:3000:2024-01-01:;");
	free(s);

	/* FIR takes over half of the post from July 2025: 70 + 30 + 20 is
	 * more than 100 % from that day. */
	struct post_funding over[] = { first[0], first[1], share("FIR", 2000, "2025-07-01", NULL) };
	mark();
	refused(app_funding_set(a, "COORD", first, 2, over, 3, &e), ST_INVALID,
	        "on 2025-07-01 the shares add up to 120 %, more than 100 %");
	/* Ending ACI 70 % then makes room: the same shares by period. */
	struct post_funding later[] = {
		share("ACI", 7000, "2024-01-01", "2025-06-30"), first[1], share("ACI", 5000, "2025-07-01", NULL),
	};
	later[2].share_bp = 7000;
	ok(app_funding_set(a, "COORD", first, 2, later, 3, &e), "by period");

	struct post_funding bad[] = { share("BANK", 1000, "2024-01-01", NULL) };
	mark();
	refused(app_funding_set(a, "COORD", later, 3, bad, 1, &e), ST_INVALID, "unknown source \"BANK\"");
	struct post_funding backwards[] = { share("ACI", 1000, "2025-01-01", "2024-01-01") };
	refused(app_funding_set(a, "COORD", later, 3, backwards, 1, &e), ST_INVALID, "end is before the start");
	refused(app_funding_set(a, "NOPE", NULL, 0, first, 2, &e), ST_NOTFOUND, "no post \"NOPE\"");
	/* A copy from before the last change: refused. */
	refused(app_funding_set(a, "COORD", first, 2, first, 1, &e), ST_REFUSED, "changed in another session");

	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the change of the funding of post COORD");
	free(what);
	ok(app_undo(a, &e), "undo");
	s = fundings();
	cr_assert_str_eq(s, "ACI:7000:2024-01-01:;FIR:3000:2024-01-01:;");
	free(s);
}

/* ---- receipts ---- */

static struct receipt stored_receipt(int64_t id)
{
	struct receipt r;
	ok(db_receipt_get(app_db(a), id, &r, &e), "receipt");
	return r;
}

Test(edit, receipt_add_then_undo_removes_it)
{
	struct receipt r = receipt("R1", 1000000);
	int64_t id = 0;
	ok(app_receipt_add(a, &r, &id, &e), "add");
	cr_assert_gt(id, 0);
	cr_assert_eq(count("receipts"), 1);
	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the new receipt R1");
	free(what);
	ok(app_undo(a, &e), "undo");
	cr_assert_eq(count("receipts"), 0);
	/* The reference is free again, and a second one refused. */
	ok(app_receipt_add(a, &r, &id, &e), "add again");
	mark();
	refused(app_receipt_add(a, &r, NULL, &e), ST_REFUSED, "receipt R1 already exists (added by another program?)");
}

Test(edit, receipt_edit_undone_and_stale_refused)
{
	struct receipt r = receipt("R1", 1000000);
	int64_t id = 0;
	ok(app_receipt_add(a, &r, &id, &e), "add");
	struct receipt shown = stored_receipt(id);
	struct receipt after = shown;
	after.amount = 1200000;
	after.kind = "balance";
	after.note = "corrected";
	int64_t dropped = -1;
	ok(app_receipt_update(a, &shown, &after, &dropped, &e), "update");
	cr_assert_eq(dropped, 0);
	struct receipt now = stored_receipt(id);
	cr_assert_eq(now.amount, 1200000);
	cr_assert_str_eq(now.kind, "balance");
	cr_assert_str_eq(now.note, "corrected");
	receipt_fini(&now);
	mark();
	refused(app_receipt_update(a, &shown, &after, NULL, &e), ST_REFUSED, "receipt R1 was changed in another session");
	struct receipt bad = after;
	bad.kind = "gift";
	refused(app_receipt_update(a, &shown, &bad, NULL, &e), ST_INVALID, "unknown receipt kind \"gift\"");

	struct receipt other = receipt("R2", 500000);
	ok(app_receipt_add(a, &other, NULL, &e), "second");
	struct receipt current = stored_receipt(id);
	struct receipt taken = current;
	taken.reference = "R2";
	mark();
	refused(app_receipt_update(a, &current, &taken, NULL, &e), ST_REFUSED, "reference R2 already exists");
	receipt_fini(&current);

	/* The last change is the second receipt: undo removes it. */
	ok(app_undo(a, &e), "undo the add");
	cr_assert_eq(count("receipts"), 1);
	receipt_fini(&shown);
}

Test(edit, receipt_deleted_when_undivided_and_undone)
{
	struct receipt r = receipt("R0", 0);
	int64_t id = 0;
	ok(app_receipt_add(a, &r, &id, &e), "add a receipt of 0");
	struct receipt shown = stored_receipt(id);
	ok(app_receipt_delete(a, &shown, &e), "delete");
	cr_assert_eq(count("receipts"), 0);
	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the deletion of receipt R0");
	free(what);
	ok(app_undo(a, &e), "undo the deletion");
	cr_assert_eq(count("receipts"), 1);
	receipt_fini(&shown);

	/* Divided (a draft is enough): refused, nothing written. */
	struct receipt r2 = receipt("R2", 1000000);
	ok(app_receipt_add(a, &r2, &id, &e), "add R2");
	struct app_dist_request rq = { .receipt = "R2", .key = "Shares" };
	struct distribution d;
	ok(app_distribute(a, &rq, &d, &e), "distribute");
	distribution_fini(&d);
	shown = stored_receipt(id);
	mark();
	refused(app_receipt_delete(a, &shown, &e), ST_REFUSED, "receipt R2 has been divided (1 distribution(s))");
	cr_assert_eq(count("receipts"), 2);
	receipt_fini(&shown);
	/* Changed since it was shown (another program, another pane): refused. */
	struct receipt r3 = receipt("R3", 500);
	ok(app_receipt_add(a, &r3, &id, &e), "add R3");
	shown = stored_receipt(id);
	struct receipt after = shown;
	after.amount = 600;
	ok(app_receipt_update(a, &shown, &after, NULL, &e), "update R3");
	mark();
	enum status rc = app_receipt_delete(a, &shown, &e);
	cr_assert_eq(rc, ST_REFUSED, "a stale copy deleted: %s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(count("receipts"), 3);
	cr_assert_eq(count("audit"), audit_before);
	receipt_fini(&shown);
}

Test(edit, receipt_frozen_by_an_approved_distribution)
{
	struct receipt r = receipt("R1", 1000000);
	int64_t id = 0;
	ok(app_receipt_add(a, &r, &id, &e), "add");
	struct app_dist_request rq = { .receipt = "R1", .key = "Shares" };
	struct distribution d;
	ok(app_distribute(a, &rq, &d, &e), "distribute");
	int64_t draft = d.id;
	distribution_fini(&d);

	/* With a draft only: the amount may change, and the draft computed
	 * on the old amount goes. */
	struct receipt shown = stored_receipt(id);
	struct receipt after = shown;
	after.amount = 1100000;
	int64_t dropped = 0;
	ok(app_receipt_update(a, &shown, &after, &dropped, &e), "update with a draft");
	cr_assert_eq(dropped, draft);
	cr_assert_eq(count("distributions"), 0);
	receipt_fini(&shown);

	ok(app_distribute(a, &rq, &d, &e), "distribute again");
	ok(app_approve(a, d.id, day("2025-05-10"), "AG", &e), "approve");
	distribution_fini(&d);

	shown = stored_receipt(id);
	after = shown;
	after.amount = 1000000;
	mark();
	refused(app_receipt_update(a, &shown, &after, NULL, &e), ST_FROZEN,
	        "divided by an approved distribution: its source, exercise, period and amount can no longer change");
	after = shown;
	after.exercise = "2026";
	refused(app_receipt_update(a, &shown, &after, NULL, &e), ST_FROZEN, "approved distribution");
	struct receipt now = stored_receipt(id);
	cr_assert_eq(now.amount, 1100000);
	receipt_fini(&now);
	/* What does not change the division still may. */
	after = shown;
	after.note = "bank statement 12";
	after.received = day("2025-05-02");
	ok(app_receipt_update(a, &shown, &after, NULL, &e), "note");
	receipt_fini(&shown);
	/* A receipt that was divided is never removed, even by undo. */
	struct receipt second = receipt("R2", 1000000);
	ok(app_receipt_add(a, &second, &id, &e), "second");
	rq.receipt = "R2";
	ok(app_distribute(a, &rq, &d, &e), "distribute R2");
	distribution_fini(&d);
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "has distributions");
	cr_assert_eq(count("receipts"), 2);
}

/* ---- activities ---- */

static struct activity hours(const char *member, const char *iso, int64_t h)
{
	struct activity x = { .member = (char *)member, .date = day(iso), .kind = "RCP", .hours = h, .note = NULL };
	return x;
}

static struct activity only_activity(void)
{
	struct activity *v;
	size_t n;
	ok(db_activities(app_db(a), &v, &n, &e), "activities");
	cr_assert_eq(n, 1);
	struct activity x = v[0];
	memset(&v[0], 0, sizeof v[0]);
	activity_list_free(v, n);
	return x;
}

Test(edit, activity_add_edit_delete_and_undo_each)
{
	struct activity x = hours("GP1", "2025-03-14", 150);
	ok(app_activity_add(a, &x, &e), "add");
	struct activity shown = only_activity();
	cr_assert_eq(shown.hours, 150);

	struct activity after = shown;
	after.hours = 200;
	after.member = "IDE1";
	after.note = "RCP diabète";
	ok(app_activity_update(a, &shown, &after, &e), "update");
	struct activity now = only_activity();
	cr_assert_eq(now.hours, 200);
	cr_assert_str_eq(now.member, "IDE1");
	cr_assert_eq(now.id, shown.id);
	mark();
	refused(app_activity_update(a, &shown, &after, &e), ST_REFUSED, "changed in another session");
	struct activity bad = now;
	bad.hours = 2500;
	refused(app_activity_update(a, &now, &bad, &e), ST_INVALID, "more than 24");
	bad = now;
	bad.member = "NOBODY";
	refused(app_activity_update(a, &now, &bad, &e), ST_NOTFOUND, "unknown member \"NOBODY\"");
	refused(app_activity_delete(a, &shown, &e), ST_REFUSED, "changed in another session");

	ok(app_undo(a, &e), "undo the edit");
	activity_fini(&now);
	now = only_activity();
	cr_assert_eq(now.hours, 150);
	cr_assert_str_eq(now.member, "GP1");

	ok(app_activity_delete(a, &now, &e), "delete");
	cr_assert_eq(count("activities"), 0);
	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "the removal of the hours of GP1 on 2025-03-14");
	free(what);
	ok(app_undo(a, &e), "undo the removal");
	activity_fini(&now);
	now = only_activity();
	cr_assert_eq(now.hours, 150);

	ok(app_activity_add(a, &x, &e), "add another");
	cr_assert_eq(count("activities"), 2);
	ok(app_undo(a, &e), "undo the add");
	cr_assert_eq(count("activities"), 1);
	activity_fini(&now);
	activity_fini(&shown);
}

/* ---- patients ---- */

static struct patient patient(const char *code, const char *gp)
{
	struct patient p = {
		.code = (char *)code, .gp = (char *)gp, .enrolled = day("2024-01-01"), .left = DATE_NONE,
		.birth_year = 1950, .sex = 'F', .ald = "", .c2s = false,
	};
	return p;
}

Test(edit, patient_add_edit_undo_and_refusals)
{
	struct patient p = patient("P1", "GP1");
	p.ald = "diabetes|cardio";
	ok(app_patient_add(a, &p, &e), "add");
	mark();
	refused(app_patient_add(a, &p, &e), ST_REFUSED, "patient P1 already exists (added by another program?)");
	struct patient nir = patient("185057800608491", "GP1");
	refused(app_patient_add(a, &nir, &e), ST_INVALID, "social-security number");
	struct patient flu = patient("P2", "GP1");
	flu.ald = "flu";
	refused(app_patient_add(a, &flu, &e), ST_INVALID, "unknown ALD category \"flu\"");
	struct patient comma = patient("P2", "GP1");
	comma.ald = "diabetes,cardio";
	refused(app_patient_add(a, &comma, &e), ST_INVALID, "separated by |");
	struct patient nogp = patient("P2", "NOBODY");
	refused(app_patient_add(a, &nogp, &e), ST_NOTFOUND, "unknown GP \"NOBODY\"");
	struct patient old = patient("P2", "GP1");
	old.birth_year = 1800;
	refused(app_patient_add(a, &old, &e), ST_INVALID, "birth_year");

	struct patient shown;
	ok(db_patient_get(app_db(a), "P1", &shown, &e), "get");
	struct patient after = shown;
	after.gp = "GP2";
	after.left = day("2025-06-30");
	after.c2s = true;
	ok(app_patient_update(a, &shown, &after, &e), "update");
	mark();
	refused(app_patient_update(a, &shown, &after, &e), ST_REFUSED, "patient P1 was changed in another session");
	struct patient renamed = after;
	renamed.code = "P9";
	refused(app_patient_update(a, &shown, &renamed, &e), ST_INVALID, "code cannot change");

	ok(app_undo(a, &e), "undo the edit");
	struct patient now;
	ok(db_patient_get(app_db(a), "P1", &now, &e), "get");
	cr_assert_str_eq(now.gp, "GP1");
	cr_assert_eq(now.left, DATE_NONE);
	cr_assert(!now.c2s);
	patient_fini(&now);
	patient_fini(&shown);

	struct patient q = patient("P3", "GP2");
	ok(app_patient_add(a, &q, &e), "add P3");
	ok(app_undo(a, &e), "undo the add");
	cr_assert_eq(db_patient_get(app_db(a), "P3", &now, &e), ST_NOTFOUND);
	err_fini(&e);
	cr_assert_eq(count("patients"), 1);
}

/* init on a practice that has a name: the same name changes nothing,
 * another is refused (saying how to rename), app_rename renames. */
Test(edit, init_never_renames_a_practice_silently)
{
	mark();
	ok(app_init(a, "Test practice", &e), "the same name");
	cr_assert_eq(count("audit"), audit_before, "init with the same name wrote something");
	refused(app_init(a, "Other practice", &e), ST_REFUSED,
	        "is already the practice \"Test practice\"; to rename it: quotepart init --rename --name NEW");
	char *name = app_practice_name(a);
	cr_assert_str_eq(name, "Test practice");
	free(name);
	ok(app_rename(a, "Other practice", &e), "rename");
	name = app_practice_name(a);
	cr_assert_str_eq(name, "Other practice");
	free(name);
	cr_assert_eq(count("audit"), audit_before + 1);
	mark();
	refused(app_rename(a, "Bad\x1b[2J", &e), ST_INVALID, "not allowed");
}

/* The contract's rules on people, in the forms as in the imports. The
 * setup's members joined on 2020-01-01; IDE1 is a nurse. */
Test(edit, patients_hours_and_member_dates_follow_the_contract)
{
	mark();
	struct patient p = patient("P1", "IDE1");
	refused(app_patient_add(a, &p, &e), ST_INVALID, "gp IDE1 is not a GP (profession nurse)");
	p = patient("P1", "GP1");
	p.enrolled = day("2010-01-01");
	p.left = day("2019-12-31");
	refused(app_patient_add(a, &p, &e), ST_INVALID,
	        "patient P1 is enrolled 2010-01-01..2019-12-31, when GP GP1 is not a member (member 2020-01-01..)");
	struct activity x = hours("GP1", "2019-12-31", 100);
	refused(app_activity_add(a, &x, &e), ST_INVALID, "GP1 was not a member on 2019-12-31 (member 2020-01-01..)");

	p = patient("P1", "GP1");
	p.enrolled = day("2024-01-01");
	ok(app_patient_add(a, &p, &e), "patient");
	x = hours("GP1", "2025-03-14", 100);
	ok(app_activity_add(a, &x, &e), "hours");
	struct activity y = only_activity();
	x = hours("IDE1", "2025-03-14", 100);
	ok(app_activity_add(a, &x, &e), "hours");
	struct activity moved = y;
	moved.date = day("2019-06-01");
	mark();
	refused(app_activity_update(a, &y, &moved, &e), ST_INVALID, "GP1 was not a member on 2019-06-01");
	activity_fini(&y);

	/* The member's dates or profession would leave records outside. */
	struct member gp1 = stored_member("GP1");
	refused(app_member_end(a, &gp1, day("2025-03-13"), &e), ST_REFUSED,
	        "member GP1 would not be a member on 2025-03-14, when 1.00 hours of RCP are logged for them");
	struct member nurse = gp1;
	nurse.profession = "nurse";
	refused(app_member_update(a, &gp1, &nurse, &e), ST_REFUSED,
	        "member GP1 would no longer be a GP while patient P1 is enrolled with them");
	struct member ide1 = stored_member("IDE1");
	struct member late = ide1;
	late.joined = day("2025-03-15");
	refused(app_member_update(a, &ide1, &late, &e), ST_REFUSED, "member IDE1 would not be a member on 2025-03-14");
	struct member gp2 = stored_member("GP2");
	struct patient q = patient("P2", "GP2");
	q.enrolled = day("2025-06-01");
	ok(app_patient_add(a, &q, &e), "patient of GP2");
	mark();
	refused(app_member_end(a, &gp2, day("2025-05-31"), &e), ST_REFUSED,
	        "patient P2, enrolled with GP2 2025-06-01.., would fall outside that GP's membership");
	/* Records inside the new dates: the change is made. */
	ok(app_member_end(a, &gp1, day("2025-03-14"), &e), "GP1 leaves on the day of their hours");
	member_fini(&gp1);
	member_fini(&ide1);
	member_fini(&gp2);
}

/* A NIR is never a code, whatever separators or Corsican department it
 * is written with: not a patient's, a member's or a post's, in the field
 * checks or in the saves behind them. */
static const char *const nirs[] = {
	"1-85-07-75-123-456-08", "1_85_07_75_123_456_08", "1.85.07.75.123.456.08",
	"185077512345608", "1-85-07-2A-123-456-65", "1_85_07_2b_123_456_92",
};

Test(edit, nir_codes_refused_however_written)
{
	for (size_t i = 0; i < sizeof nirs / sizeof nirs[0]; i++) {
		const char *n = nirs[i];
		field_bad(FIELD_PATIENT_CODE, n, "social-security");
		field_bad(FIELD_CODE, n, "social-security");
		mark();
		struct patient p = patient(n, "GP1");
		refused(app_patient_add(a, &p, &e), ST_INVALID, "social-security number");
		struct member m = {
			.code = (char *)n, .name = "X", .profession = "gp", .status = "associate",
			.joined = day("2020-01-01"), .left = DATE_NONE, .fte = 100,
		};
		refused(app_member_add(a, &m, &e), ST_INVALID, "social-security number");
		struct post post = {
			.code = (char *)n, .label = "X", .fte = 100, .yearly_cost = 100,
			.start = day("2024-01-01"), .end = DATE_NONE,
		};
		refused(app_post_add(a, &post, &e), ST_INVALID, "social-security number");
		cr_assert_eq(count("patients") + count("posts") + count("members"), 0 + 1 + 3);
	}
}

/* ---- keys ---- */

static struct key *latest(const char *name)
{
	struct key *k = NULL;
	ok(app_key_get(a, name, &k, NULL, &e), name);
	return k;
}

/* A key's lists take the configuration's labels in either language, as
 * the member forms do, and keep the codes; a label of several words is
 * one item, codes still go by blanks. */
Test(edit, key_lists_take_labels)
{
	struct strlist l = { NULL, 0 };
	ok(app_codes_parse(a, FIELD_STATUSES, "associé, Salaried", &l, &e), "statuses");
	char *s = app_codes_text(&l);
	cr_assert_str_eq(s, "associate, salaried");
	free(s);
	ok(app_codes_parse(a, FIELD_PROFESSIONS, "Médecin généraliste; Nurse | physio midwife", &l, &e), "professions");
	s = app_codes_text(&l);
	cr_assert_str_eq(s, "gp, nurse, physio, midwife");
	free(s);
	ok(app_codes_parse(a, FIELD_GROUPS, "Paramédical", &l, &e), "groups");
	cr_assert_str_eq(l.v[0], "paramedical");
	/* The same status twice, by its label and its code; an unknown word. */
	cr_assert_eq(app_codes_parse(a, FIELD_STATUSES, "Associé associate", &l, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "listed twice"), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(app_codes_parse(a, FIELD_PROFESSIONS, "Médecin plombier", &l, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "\"Médecin\""), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(l.n, 1);
	strlist_fini(&l);
}

Test(edit, key_text_forms_read_back)
{
	struct strlist l = { NULL, 0 };
	ok(app_codes_parse(a, FIELD_STATUSES, " associate ,salaried ", &l, &e), "codes");
	char *s = app_codes_text(&l);
	cr_assert_str_eq(s, "associate, salaried");
	free(s);
	strlist_fini(&l);

	struct key_rate *r = NULL;
	size_t nr = 0;
	ok(app_rates_parse(a, "gp=80; nurse : 50.5;", &r, &nr, &e), "rates");
	cr_assert_eq(nr, 2);
	cr_assert_eq(r[1].rate, 5050);
	s = app_rates_text(r, nr);
	cr_assert_str_eq(s, "gp = 80; nurse = 50.5");
	free(s);
	/* A refusal leaves what was there. */
	cr_assert_eq(app_rates_parse(a, "gp = x", &r, &nr, &e), ST_INVALID);
	err_fini(&e);
	cr_assert_eq(nr, 2);
	for (size_t i = 0; i < nr; i++)
		free(r[i].profession);
	free(r);

	struct key_points *p = NULL;
	size_t np = 0;
	ok(app_points_parse(a, "GP1 = 3; IDE1 = 1,5", &p, &np, &e), "points");
	cr_assert_eq(p[1].points, 150);
	s = app_points_text(p, np);
	cr_assert_str_eq(s, "GP1 = 3; IDE1 = 1.5");
	free(s);
	for (size_t i = 0; i < np; i++)
		free(p[i].member);
	free(p);

	struct key_reservation res;
	memset(&res, 0, sizeof res);
	ok(app_res_value_parse("12,5 %", &res, &e), "rate");
	cr_assert(res.is_rate);
	cr_assert_eq(res.rate_bp, 1250);
	s = app_res_value_text(&res);
	cr_assert_str_eq(s, "12.5 %");
	free(s);
	ok(app_res_value_parse("18 000,00", &res, &e), "amount");
	cr_assert(!res.is_rate);
	cr_assert_eq(res.amount, 1800000);
	cr_assert(app_is_yes("YES"));
	cr_assert(!app_is_yes("no"));
}

Test(edit, key_edited_part_by_part_saved_as_a_new_version_and_undone)
{
	struct key *k = latest("Shares");
	cr_assert_eq(k->version, 1);
	/* Equal 30 % and a new hours pool of 70 % for the doctors, with
	 * hourly rates. */
	k->pools[0].rate_bp = 3000;
	struct key_pool p;
	memset(&p, 0, sizeof p);
	p.label = strdup("Involvement");
	p.rate_bp = 7000;
	p.basis = BASIS_HOURS;
	ok(app_codes_parse(a, FIELD_GROUPS, "medical", &p.groups, &e), "groups");
	ok(app_codes_parse(a, FIELD_KINDS, "RCP", &p.kinds, &e), "kinds");
	ok(app_rates_parse(a, "gp = 80", &p.rates, &p.n_rates, &e), "rates");
	cr_assert(key_insert_pool(k, k->n_pools, &p));
	ok(app_key_part_check(a, k, true, 1, &e), "part");
	int version = 0;
	bool fresh = false;
	ok(app_key_save(a, k, 1, &version, &fresh, &e), "save");
	cr_assert(fresh);
	cr_assert_eq(version, 2);
	struct key *back = latest("Shares");
	cr_assert_eq(back->n_pools, 2);
	cr_assert_str_eq(back->pools[1].label, "Involvement");
	cr_assert_str_eq(back->pools[1].groups.v[0], "medical");
	cr_assert_eq(back->pools[1].rates[0].rate, 8000);
	key_free(back);

	/* The same key again makes no version. */
	ok(app_key_save(a, k, 2, &version, &fresh, &e), "same again");
	cr_assert(!fresh);
	cr_assert_eq(version, 2);
	/* Saved from version 1 when 2 exists: another session's work. */
	mark();
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_REFUSED, "changed in another session");

	char *what = app_undo_what(a);
	cr_assert_str_eq(what, "version 2 of key \"Shares\"");
	free(what);
	ok(app_undo(a, &e), "undo");
	back = latest("Shares");
	cr_assert_eq(back->version, 3, "undo makes a new version: versions never change");
	cr_assert_eq(back->n_pools, 1);
	cr_assert_eq(back->pools[0].rate_bp, 10000);
	key_free(back);
	key_free(k);
}

Test(edit, key_refusals_name_the_part)
{
	struct key *k = latest("Shares");
	k->pools[0].rate_bp = 9000;
	mark();
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_INVALID, "the pools' rates add up to 90 %");
	k->pools[0].rate_bp = 10000;

	struct key_pool p;
	memset(&p, 0, sizeof p);
	p.label = strdup("Equal");
	p.rate_bp = 1000;
	p.basis = BASIS_EQUAL;
	cr_assert(key_insert_pool(k, 1, &p));
	refused(app_key_part_check(a, k, true, 1, &e), ST_INVALID, "pool \"Equal\": another part of the key is already labelled \"Equal\"");
	free(k->pools[1].label);
	k->pools[1].label = strdup("Points");
	ok(app_points_parse(a, "GP1 = 2", &k->pools[1].points, &k->pools[1].n_points, &e), "points");
	refused(app_key_part_check(a, k, true, 1, &e), ST_INVALID, "points apply only to basis \"points\"");
	k->pools[1].basis = BASIS_POINTS;
	ok(app_key_part_check(a, k, true, 1, &e), "points pool");
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_INVALID, "add up to 110 %");
	key_remove_pool(k, 1);

	k->res[0].is_rate = true;
	k->res[0].rate_bp = 0;
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_INVALID, "reservation \"Coordination\": the rate must be above 0");
	k->res[0].rate_bp = 6000;
	struct key_reservation r;
	memset(&r, 0, sizeof r);
	r.label = strdup("Costs");
	r.account = strdup("operating");
	r.is_rate = true;
	r.rate_bp = 5000;
	cr_assert(key_insert_reservation(k, 1, &r));
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_INVALID, "reservations' rates add up to 110 %");
	free(k->res[1].account);
	k->res[1].account = strdup("bank");
	refused(app_key_part_check(a, k, false, 1, &e), ST_INVALID, "reservation \"Costs\": write operating");
	key_remove_reservation(k, 1);
	key_remove_reservation(k, 0);
	key_remove_pool(k, 0);
	refused(app_key_save(a, k, 1, NULL, NULL, &e), ST_INVALID, "at least one pool");
	key_free(k);
	k = latest("Shares");
	cr_assert_eq(k->version, 1, "nothing was saved");
	key_free(k);
}

Test(edit, new_key_saved_once_and_never_undone)
{
	struct key *k = latest("Shares");
	free(k->name);
	k->name = strdup("Copy");
	int version = 0;
	ok(app_key_save(a, k, 0, &version, NULL, &e), "new key");
	cr_assert_eq(version, 1);
	mark();
	refused(app_key_save(a, k, 0, NULL, NULL, &e), ST_REFUSED, "a key named \"Copy\" already exists");
	refused(app_undo(a, &e), ST_REFUSED, "key versions are never deleted");
	key_free(k);
}
