/* test_history.c: undo and redo of several changes, per kind of record
 * (app_undo_in, app_redo): changes undone in reverse order and made
 * again; one kind's undo never touching another's; redo forgotten by a
 * new change of its kind; both refused, with nothing changed, when a
 * second connection to the same file changed the record since; records
 * removed and stored again (new row ids) still found by the next step;
 * an audit entry for each undo and redo. */
#include <criterion/criterion.h>
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
#include "support_sqlite.h"

static struct app *a;
static char *path;
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

static int64_t shell_int(const char *sql)
{
	sqlite3 *h = raw_open(path);
	int64_t v = raw_int(h, sql);
	sqlite3_close(h);
	return v;
}

/* The audit entries of that action. */
static int64_t audited(const char *action)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE action = '%s';", action);
	return shell_int(sql);
}

/* rc must be `want` with `words` in the message, and no audit entry more
 * than at the last mark(): nothing committed. */
static int64_t audit_before;
static void mark(void)
{
	audit_before = shell_int("SELECT count(*) FROM audit;");
}
static void refused(enum status rc, enum status want, const char *words)
{
	cr_assert_eq(rc, want, "status %d, want %d: %s", (int)rc, (int)want, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	cr_assert_eq(shell_int("SELECT count(*) FROM audit;"), audit_before, "a refusal wrote something");
	err_fini(&e);
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
	support_setup("history");
	path = support_path("t.db");
	ok(app_open(path, NULL, DB_CREATE, &a, &e), "open");
	ok(app_init(a, "Test practice", &e), "init");
	struct member m = {
		.code = "GP1", .name = "Name 0", .profession = "gp", .status = "associate",
		.joined = day("2020-01-01"), .left = DATE_NONE, .fte = 100,
	};
	ok(app_member_add(a, &m, &e), "GP1");
	m.code = "GP2";
	ok(app_member_add(a, &m, &e), "GP2");
	struct receipt r = receipt("R1", 100000);
	ok(app_receipt_add(a, &r, NULL, &e), "R1");
}

static void teardown(void)
{
	app_close(a);
	a = NULL;
	free(path);
	path = NULL;
	err_fini(&e);
	support_teardown();
}

TestSuite(history, .init = setup, .fini = teardown);

static struct member stored_member(struct app *x, const char *code)
{
	struct member m;
	ok(db_member_get(app_db(x), code, &m, &e), code);
	return m;
}

/* Rename member code, through session x, as a form would. */
static void rename_member(struct app *x, const char *code, const char *name)
{
	struct member before = stored_member(x, code);
	struct member after = before;
	after.name = (char *)name;
	ok(app_member_update(x, &before, &after, &e), name);
	member_fini(&before);
}

static void member_named(const char *code, const char *name)
{
	struct member m = stored_member(a, code);
	cr_assert_str_eq(m.name, name, "%s is \"%s\", want \"%s\"", code, m.name, name);
	member_fini(&m);
}

static void what_is(char *what, const char *want)
{
	cr_assert_not_null(what, "nothing, want \"%s\"", want);
	cr_assert_str_eq(what, want);
	free(what);
}

/* Receipt ref edited from the interface: its amount (0: kept) or note. */
static void edit_receipt(const char *ref, int64_t cents, const char *note)
{
	struct receipt before;
	ok(db_receipt_find(app_db(a), ref, &before, &e), ref);
	struct receipt after = before;
	if (cents)
		after.amount = cents;
	if (note)
		after.note = (char *)note;
	ok(app_receipt_update(a, &before, &after, NULL, &e), "receipt edit");
	receipt_fini(&before);
}

static int64_t receipt_amount(const char *ref)
{
	char sql[120];
	snprintf(sql, sizeof sql, "SELECT amount FROM receipts WHERE reference = '%s';", ref);
	return shell_int(sql);
}

Test(history, three_edits_undone_in_reverse_order_and_redone)
{
	rename_member(a, "GP1", "Name 1");
	rename_member(a, "GP2", "Other 1");
	rename_member(a, "GP1", "Name 2");
	what_is(app_undo_what_in(a, APP_UNDO_MEMBER), "the change of member GP1");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo 1");
	member_named("GP1", "Name 1");
	member_named("GP2", "Other 1");
	what_is(app_undo_what_in(a, APP_UNDO_MEMBER), "the change of member GP2");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo 2");
	member_named("GP2", "Name 0");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo 3");
	member_named("GP1", "Name 0");
	/* The adds before cannot be undone, and were not the latest. */
	cr_assert_null(app_undo_what_in(a, APP_UNDO_MEMBER));
	mark();
	refused(app_undo_in(a, APP_UNDO_MEMBER, &e), ST_NOTFOUND, "nothing to undo");
	cr_assert(app_can_redo(a, APP_UNDO_MEMBER));

	/* Redone in the order made. */
	what_is(app_redo_what(a, APP_UNDO_MEMBER), "the change of member GP1");
	ok(app_redo(a, APP_UNDO_MEMBER, &e), "redo 1");
	member_named("GP1", "Name 1");
	ok(app_redo(a, APP_UNDO_MEMBER, &e), "redo 2");
	member_named("GP2", "Other 1");
	ok(app_redo(a, APP_UNDO_MEMBER, &e), "redo 3");
	member_named("GP1", "Name 2");
	cr_assert_not(app_can_redo(a, APP_UNDO_MEMBER));
	mark();
	refused(app_redo(a, APP_UNDO_MEMBER, &e), ST_NOTFOUND, "nothing to redo");
	/* What was redone is undone again. */
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo after redo");
	member_named("GP1", "Name 1");

	cr_assert_eq(audited("member edit"), 3);
	cr_assert_eq(audited("undo member edit"), 4);
	cr_assert_eq(audited("redo member edit"), 3);
}

Test(history, each_kind_undoes_its_own)
{
	rename_member(a, "GP1", "Name 1");
	edit_receipt("R1", 200000, NULL);

	/* The members' undo takes the member, though the receipt came later. */
	what_is(app_undo_what_in(a, APP_UNDO_MEMBER), "the change of member GP1");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo on members");
	member_named("GP1", "Name 0");
	cr_assert_eq(receipt_amount("R1"), 200000, "the receipt was touched");
	cr_assert_null(app_undo_what_in(a, APP_UNDO_MEMBER));
	cr_assert_null(app_redo_what(a, APP_UNDO_RECEIPT));
	cr_assert_not(app_can_undo(a, APP_UNDO_POST | APP_UNDO_FUNDING));

	what_is(app_undo_what_in(a, APP_UNDO_RECEIPT), "the change of receipt R1");
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo on receipts");
	cr_assert_eq(receipt_amount("R1"), 100000);
	member_named("GP1", "Name 0");
	/* Redo likewise. */
	ok(app_redo(a, APP_UNDO_MEMBER, &e), "redo on members");
	cr_assert_eq(receipt_amount("R1"), 100000, "the receipt was touched");
	member_named("GP1", "Name 1");
	ok(app_redo(a, APP_UNDO_RECEIPT, &e), "redo on receipts");
	cr_assert_eq(receipt_amount("R1"), 200000);
	cr_assert_eq(audited("undo receipt edit"), 1);
	cr_assert_eq(audited("redo receipt edit"), 1);
}

Test(history, a_new_change_forgets_the_redo_of_its_kind)
{
	rename_member(a, "GP1", "Name 1");
	edit_receipt("R1", 0, "noted");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo member");
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo receipt");
	cr_assert(app_can_redo(a, APP_UNDO_MEMBER));

	rename_member(a, "GP2", "Other 1");
	cr_assert_not(app_can_redo(a, APP_UNDO_MEMBER));
	cr_assert_null(app_redo_what(a, APP_UNDO_MEMBER));
	mark();
	refused(app_redo(a, APP_UNDO_MEMBER, &e), ST_NOTFOUND, "nothing to redo");
	member_named("GP1", "Name 0");
	/* Another kind's redo stays. */
	what_is(app_redo_what(a, APP_UNDO_RECEIPT), "the change of receipt R1");
	ok(app_redo(a, APP_UNDO_RECEIPT, &e), "redo receipt");
}

Test(history, refused_when_a_second_connection_changed_the_record)
{
	rename_member(a, "GP1", "Mine");
	struct app *other = NULL;
	ok(app_open(path, NULL, DB_OPEN, &other, &e), "the second connection");
	rename_member(other, "GP1", "Theirs");
	mark();
	refused(app_undo_in(a, APP_UNDO_MEMBER, &e), ST_REFUSED,
	        "member GP1 was changed by another program since your change; nothing was undone");
	member_named("GP1", "Theirs");
	/* The change stays to undo: once the other puts it back, it can. */
	cr_assert(app_can_undo(a, APP_UNDO_MEMBER));
	ok(app_undo_in(other, APP_UNDO_MEMBER, &e), "the other undoes theirs");
	ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "now mine");
	member_named("GP1", "Name 0");

	/* A redo likewise: the other changes the member after the undo. */
	rename_member(other, "GP1", "Theirs again");
	mark();
	refused(app_redo(a, APP_UNDO_MEMBER, &e), ST_REFUSED,
	        "member GP1 was changed by another program since your undo; nothing was redone");
	member_named("GP1", "Theirs again");
	cr_assert(app_can_redo(a, APP_UNDO_MEMBER));
	app_close(other);
}

Test(history, a_receipt_deleted_restored_and_deleted_again)
{
	struct receipt shown;
	ok(db_receipt_find(app_db(a), "R1", &shown, &e), "R1");
	struct receipt after = shown;
	after.note = "first";
	ok(app_receipt_update(a, &shown, &after, NULL, &e), "edit");
	receipt_fini(&shown);
	ok(db_receipt_find(app_db(a), "R1", &shown, &e), "R1 edited");
	ok(app_receipt_delete(a, &shown, &e), "delete");
	receipt_fini(&shown);
	/* Undo brings it back under a new row id; the edit before still
	 * finds it, both ways. */
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo the deletion");
	cr_assert_eq(shell_int("SELECT count(*) FROM receipts WHERE note = 'first';"), 1);
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo the edit");
	cr_assert_eq(shell_int("SELECT count(*) FROM receipts WHERE reference = 'R1' AND note IS NULL;"), 1);
	ok(app_redo(a, APP_UNDO_RECEIPT, &e), "redo the edit");
	ok(app_redo(a, APP_UNDO_RECEIPT, &e), "redo the deletion");
	cr_assert_eq(shell_int("SELECT count(*) FROM receipts;"), 0);
	/* And the add of setup, made before: undone after the deletion is
	 * undone once more. */
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo the deletion again");
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo the edit again");
	ok(app_undo_in(a, APP_UNDO_RECEIPT, &e), "undo the add");
	cr_assert_eq(shell_int("SELECT count(*) FROM receipts;"), 0);
	ok(app_redo(a, APP_UNDO_RECEIPT, &e), "redo the add");
	cr_assert_eq(receipt_amount("R1"), 100000);
	cr_assert_eq(audited("undo receipt delete"), 2);
	cr_assert_eq(audited("redo receipt delete"), 1);
	cr_assert_eq(audited("undo receipt add"), 1);
	cr_assert_eq(audited("redo receipt add"), 1);
}

Test(history, hours_added_undone_redone_and_changed)
{
	struct activity x = { .member = "GP1", .date = day("2025-03-14"), .kind = "RCP", .hours = 150 };
	ok(app_activity_add(a, &x, &e), "add");
	ok(app_undo_in(a, APP_UNDO_ACTIVITY, &e), "undo the add");
	cr_assert_eq(shell_int("SELECT count(*) FROM activities;"), 0);
	ok(app_redo(a, APP_UNDO_ACTIVITY, &e), "redo the add");
	struct activity *v;
	size_t n;
	ok(db_activities(app_db(a), &v, &n, &e), "activities");
	cr_assert_eq(n, 1);
	struct activity after = v[0];
	after.hours = 200;
	ok(app_activity_update(a, &v[0], &after, &e), "edit the entry stored again");
	activity_list_free(v, n);
	ok(app_undo_in(a, APP_UNDO_ACTIVITY, &e), "undo the edit");
	cr_assert_eq(shell_int("SELECT hours FROM activities;"), 150);
	ok(app_undo_in(a, APP_UNDO_ACTIVITY, &e), "undo the add once more");
	cr_assert_eq(shell_int("SELECT count(*) FROM activities;"), 0);

	/* Entered again by another program meanwhile: redo refused. */
	sqlite3 *h = raw_open(path);
	raw_exec(h, "INSERT INTO activities (member_id, day, kind, hours) "
	            "SELECT id, '2025-03-14', 'RCP', 150 FROM members WHERE code = 'GP1';");
	sqlite3_close(h);
	mark();
	refused(app_redo(a, APP_UNDO_ACTIVITY, &e), ST_REFUSED,
	        "were entered again by another program since your undo; nothing was redone");
	cr_assert_eq(shell_int("SELECT count(*) FROM activities;"), 1);
}

static const char key_text[] =
	"key: { name = \"K\"; pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };";

Test(history, a_key_version_undone_and_redone)
{
	ok(app_key_save_text(a, key_text, "test", NULL, NULL, NULL, &e), "key");
	struct key *k = NULL;
	ok(app_key_get(a, "K", &k, NULL, &e), "get");
	struct key *edited = key_dup(k);
	cr_assert_not_null(edited);
	cr_assert_eq(k->n_pools, 1);
	edited->pools[0].rate_bp = 6000;
	struct key_pool second;
	cr_assert(key_pool_copy(&second, &edited->pools[0]));
	free(second.label);
	second.label = strdup("Half");
	cr_assert_not_null(second.label);
	second.rate_bp = 4000;
	struct key_pool *pools = realloc(edited->pools, 2 * sizeof *pools);
	cr_assert_not_null(pools);
	edited->pools = pools;
	edited->pools[edited->n_pools++] = second;
	int v = 0;
	bool fresh = false;
	ok(app_key_save(a, edited, k->version, &v, &fresh, &e), "save");
	cr_assert(fresh);
	cr_assert_eq(v, 2);
	ok(app_undo_in(a, APP_UNDO_KEY, &e), "undo: version 3");
	ok(app_redo(a, APP_UNDO_KEY, &e), "redo: version 4");
	struct key *now = NULL;
	ok(app_key_get(a, "K", &now, NULL, &e), "latest");
	cr_assert_eq(now->version, 4);
	cr_assert_eq(now->n_pools, 2);
	key_free(now);
	ok(app_undo_in(a, APP_UNDO_KEY, &e), "undo again: version 5");
	ok(app_key_get(a, "K", &now, NULL, &e), "latest");
	cr_assert_eq(now->version, 5);
	cr_assert_eq(now->n_pools, 1);
	key_free(now);
	cr_assert_eq(audited("undo key edit"), 2);
	cr_assert_eq(audited("redo key edit"), 1);
	key_free(edited);
	key_free(k);
}

Test(history, the_history_keeps_the_last_hundred)
{
	char name[32];
	for (int i = 1; i <= 105; i++) {
		snprintf(name, sizeof name, "Name %d", i);
		rename_member(a, "GP1", name);
	}
	int undone = 0;
	while (app_can_undo(a, APP_UNDO_MEMBER)) {
		ok(app_undo_in(a, APP_UNDO_MEMBER, &e), "undo");
		undone++;
	}
	/* The receipt's add, and the first five edits, are forgotten. */
	cr_assert_eq(undone, 100, "%d undone", undone);
	member_named("GP1", "Name 5");
	cr_assert_not(app_can_undo(a, APP_UNDO_RECEIPT));
}
