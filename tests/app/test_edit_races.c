/* test_edit_races.c: the edit forms' use cases when another program
 * writes the same database in between (a `quotepart import`, another
 * session, the sqlite3 shell). Undo of the last change refuses, saying
 * so, when the record was changed, removed or made again since; an add
 * is a pure insert, refused when the code was stored meanwhile. Every
 * refusal leaves the database exactly as the other program left it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"
#include "quotepart/app_forecast.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/db_edit.h"

#include "support.h"
#include "support_sqlite.h"

static struct app *a;       /* this session */
static struct app *other;   /* another program on the same file */
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

/* The whole database as text: the tables the edits touch, row by row,
 * and the audit log's length. A refusal must leave it as it was. */
static char *snapshot(void)
{
	struct sbuf b;
	sb_init(&b);
	static const char *const tables[] = {
		"members", "posts", "post_funding", "patients", "receipts", "activities",
		"key_versions", "distributions", "forecast_files", "audit",
	};
	sqlite3 *h = raw_open(path);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1;", tables[i]);
		sqlite3_stmt *st;
		cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
		sb_printf(&b, "[%s]\n", tables[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				sb_printf(&b, "%s|", v ? (const char *)v : "NULL");
			}
			sb_add(&b, "\n");
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return sb_take(&b);
}

/* rc must be `want` with `words` in the message, and the database as it
 * was at the last mark(). */
static char *marked;
static void mark(void)
{
	free(marked);
	marked = snapshot();
}
static void refused(enum status rc, enum status want, const char *words)
{
	cr_assert_eq(rc, want, "status %d, want %d: %s", (int)rc, (int)want, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	char *now = snapshot();
	cr_assert_str_eq(now, marked, "a refusal changed the database");
	free(now);
	err_fini(&e);
}

/* Raw SQL, as the sqlite3 shell would run it. */
static void shell(const char *sql)
{
	sqlite3 *h = raw_open(path);
	raw_exec(h, "PRAGMA foreign_keys = ON;");
	raw_exec(h, sql);
	sqlite3_close(h);
}

static int64_t shell_int(const char *sql)
{
	sqlite3 *h = raw_open(path);
	int64_t v = raw_int(h, sql);
	sqlite3_close(h);
	return v;
}

/* `quotepart import TABLE` of this CSV text, by the other program. */
static void import(enum table t, const char *csv)
{
	char *file = support_path("import.csv");
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs(csv, f);
	fclose(f);
	size_t n = 0;
	ok(app_import(other, t, file, &n, &e), csv);
	free(file);
}

static void add_member(const char *code)
{
	struct member m = {
		.code = (char *)code, .name = (char *)code, .profession = "gp", .status = "associate",
		.joined = day("2020-01-01"), .left = DATE_NONE, .fte = 100,
	};
	ok(app_member_add(a, &m, &e), code);
}

static void setup(void)
{
	support_setup("races");
	path = support_path("t.db");
	ok(app_open(path, NULL, DB_CREATE, &a, &e), "open");
	ok(app_init(a, "Test practice", &e), "init");
	add_member("GP1");
	add_member("GP2");
	add_member("GP3");
	struct post post = {
		.code = "COORD", .label = "Coordination", .holder = NULL, .fte = 80,
		.yearly_cost = 4200000, .start = day("2024-01-01"), .end = DATE_NONE,
	};
	ok(app_post_add(a, &post, &e), "post");
	ok(app_key_save_text(a, "key: { name = \"K\"; pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };",
	                     "test", NULL, NULL, NULL, &e), "key");
	ok(app_open(path, NULL, DB_OPEN, &other, &e), "the other program");
}

static void teardown(void)
{
	app_close(other);
	app_close(a);
	other = a = NULL;
	free(marked);
	marked = NULL;
	free(path);
	path = NULL;
	err_fini(&e);
	support_teardown();
}

TestSuite(races, .init = setup, .fini = teardown);

static struct member stored_member(const char *code)
{
	struct member m;
	ok(db_member_get(app_db(a), code, &m, &e), code);
	return m;
}

/* This session renames a member; what undo would put back. */
static void rename_member(const char *code, const char *name)
{
	struct member before = stored_member(code);
	struct member after = before;
	after.name = (char *)name;
	ok(app_member_update(a, &before, &after, &e), "update");
	member_fini(&before);
}

/* ---- undo: members ---- */

Test(races, undo_of_a_member_edit_changed_by_an_import)
{
	rename_member("GP1", "Mine");
	import(TABLE_MEMBERS, "code;name;profession;status;joined;left;fte;rpps\n"
	                      "GP1;Theirs;gp;associate;2020-01-01;;1;\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "member GP1 was changed by another program since your change; nothing was undone");
}

Test(races, undo_of_a_member_edit_removed_elsewhere)
{
	rename_member("GP2", "Mine");
	shell("DELETE FROM members WHERE code = 'GP2';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "member GP2 was removed by another program since your change");
}

Test(races, undo_of_a_member_edit_made_again_elsewhere)
{
	/* Removed and made again with the very values of the change, as a
	 * new row: another record, which undo must not overwrite. */
	rename_member("GP2", "Mine");
	shell("DELETE FROM members WHERE code = 'GP2'; "
	      "INSERT INTO members (id, code, name, profession, status, joined, fte) "
	      "VALUES (100, 'GP2', 'Mine', 'gp', 'associate', '2020-01-01', 100);");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "member GP2 was changed by another program");
}

/* ---- undo: posts and their funding ---- */

static struct post stored_post(const char *code)
{
	struct post *v;
	size_t n;
	ok(db_posts(app_db(a), &v, &n, &e), "posts");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].code, code) == 0) {
			struct post p = v[i];
			memset(&v[i], 0, sizeof v[i]);
			post_list_free(v, n);
			return p;
		}
	}
	cr_assert_fail("no post %s", code);
	return (struct post){ 0 };
}

static void relabel_post(const char *label)
{
	struct post before = stored_post("COORD");
	struct post after = before;
	after.label = (char *)label;
	ok(app_post_update(a, &before, &after, &e), "post edit");
	post_fini(&before);
}

Test(races, undo_of_a_post_edit_changed_removed_or_made_again)
{
	relabel_post("Mine");
	import(TABLE_POSTS, "code;label;holder;fte;cost;start;end\nCOORD;Theirs;;0,8;42000;2024-01-01;\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "post COORD was changed by another program since your change");

	relabel_post("Mine again");
	shell("DELETE FROM posts WHERE code = 'COORD'; "
	      "INSERT INTO posts (id, code, label, fte, yearly_cost, start_on) "
	      "VALUES (100, 'COORD', 'Mine again', 80, 4200000, '2024-01-01');");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "post COORD was changed by another program");

	relabel_post("Once more");
	shell("DELETE FROM posts WHERE code = 'COORD';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "post COORD was removed by another program since your change");
}

static struct post_funding share(const char *source, int32_t bp)
{
	return (struct post_funding){ .post = "COORD", .source = (char *)source, .share_bp = bp,
	                              .start = day("2024-01-01"), .end = DATE_NONE };
}

/* The funding of COORD as the form reads it (funding_list_free). */
static struct post_funding *coord_funding(size_t *n)
{
	struct post_funding *all;
	size_t na, k = 0;
	ok(db_fundings(app_db(a), &all, &na, &e), "fundings");
	for (size_t i = 0; i < na; i++) {
		if (strcmp(all[i].post, "COORD") == 0)
			all[k++] = all[i];
		else
			post_funding_fini(&all[i]);
	}
	*n = k;
	return all;
}

Test(races, undo_of_a_funding_edit_changed_or_written_again)
{
	struct post_funding mine[] = { share("ACI", 7000), share("FIR", 3000) };
	ok(app_funding_set(a, "COORD", NULL, 0, mine, 2, &e), "funding");
	import(TABLE_POSTS, "code;label;holder;fte;cost;start;end;funding\n"
	                    "COORD;Coordination;;0,8;42000;2024-01-01;;ACI:60|FIR:30\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "the funding of post COORD was changed by another program since your change");

	/* The same shares written anew as other rows (the sqlite3 shell):
	 * no longer the ones this session wrote. */
	size_t n;
	struct post_funding *shown = coord_funding(&n);
	ok(app_funding_set(a, "COORD", shown, n, mine, 2, &e), "funding again");
	funding_list_free(shown, n);
	shell("DELETE FROM post_funding; "
	      "INSERT INTO post_funding (id, post_id, source, share_bp, start_on) "
	      "SELECT 100, id, 'ACI', 7000, '2024-01-01' FROM posts WHERE code = 'COORD'; "
	      "INSERT INTO post_funding (id, post_id, source, share_bp, start_on) "
	      "SELECT 101, id, 'FIR', 3000, '2024-01-01' FROM posts WHERE code = 'COORD';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "the funding of post COORD was changed by another program");
}

/* ---- undo: patients ---- */

static struct patient patient(const char *code)
{
	return (struct patient){ .code = (char *)code, .gp = "GP1", .enrolled = day("2024-01-01"),
	                         .left = DATE_NONE, .birth_year = 1960, .sex = 'F', .ald = "", .c2s = false };
}

Test(races, undo_of_a_patient_add_when_made_again_elsewhere)
{
	struct patient p = patient("P1");
	ok(app_patient_add(a, &p, &e), "add");
	shell("DELETE FROM patients WHERE code = 'P1'; "
	      "INSERT INTO patients (id, code, gp_id, enrolled, birth_year, sex, ald, c2s) "
	      "SELECT 100, 'P1', id, '2024-01-01', 1960, 'F', '', 0 FROM members WHERE code = 'GP1';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "patient P1 was changed by another program since your change");
}

Test(races, undo_of_a_patient_edit_changed_or_removed)
{
	struct patient p = patient("P2");
	ok(app_patient_add(a, &p, &e), "add");
	struct patient shown;
	ok(db_patient_get(app_db(a), "P2", &shown, &e), "get");
	struct patient after = shown;
	after.birth_year = 1961;
	ok(app_patient_update(a, &shown, &after, &e), "edit");
	import(TABLE_PATIENTS, "code,gp,enrolled,left,birth_year,sex,ald,c2s\nP2,GP1,2024-01-01,,1962,F,,0\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "patient P2 was changed by another program since your change");

	struct patient again;
	ok(db_patient_get(app_db(a), "P2", &again, &e), "get");
	after = again;
	after.birth_year = 1963;
	ok(app_patient_update(a, &again, &after, &e), "edit again");
	shell("DELETE FROM patients WHERE code = 'P2';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "patient P2 was removed by another program since your change");
	patient_fini(&again);
	patient_fini(&shown);
}

/* ---- undo: receipts ---- */

static struct receipt receipt(const char *ref, int64_t cents)
{
	return (struct receipt){ .source = "ACI", .kind = "advance", .exercise = "2025",
	                         .start = day("2025-01-01"), .end = day("2025-12-31"),
	                         .received = day("2025-04-30"), .amount = cents, .reference = (char *)ref };
}

Test(races, undo_of_a_receipt_add_changed_or_removed)
{
	struct receipt r = receipt("R1", 100000);
	ok(app_receipt_add(a, &r, NULL, &e), "add");
	import(TABLE_RECEIPTS, "source;kind;exercise;period_start;period_end;received;amount;reference;note\n"
	                       "ACI;advance;2025;2025-01-01;2025-12-31;2025-04-30;2000,00;R1;theirs\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "receipt R1 was changed by another program since your change");

	struct receipt r2 = receipt("R2", 100000);
	ok(app_receipt_add(a, &r2, NULL, &e), "add");
	shell("DELETE FROM receipts WHERE reference = 'R2';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "receipt R2 was removed by another program since your change");
}

Test(races, undo_of_a_receipt_edit_never_drops_a_draft_made_since)
{
	struct receipt r = receipt("R1", 100000);
	int64_t id = 0;
	ok(app_receipt_add(a, &r, &id, &e), "add");
	struct receipt shown;
	ok(db_receipt_get(app_db(a), id, &shown, &e), "get");
	struct receipt after = shown;
	after.amount = 120000;
	ok(app_receipt_update(a, &shown, &after, NULL, &e), "edit");
	/* Another program divides it, on the new amount. */
	struct distribution d;
	struct app_dist_request req = { .receipt = "R1", .key = "K" };
	ok(app_distribute(other, &req, &d, &e), "distribute");
	distribution_fini(&d);
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "would remove that draft; nothing was undone");
	cr_assert_eq(shell_int("SELECT count(*) FROM distributions WHERE status = 'draft';"), 1);

	/* And a note changed elsewhere. */
	struct receipt now;
	ok(db_receipt_get(app_db(a), id, &now, &e), "get");
	after = now;
	after.note = "mine";
	ok(app_receipt_update(a, &now, &after, NULL, &e), "note");
	shell("UPDATE receipts SET note = 'theirs';");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "receipt R1 was changed by another program since your change");
	receipt_fini(&now);
	receipt_fini(&shown);
}

/* ---- undo: activities ---- */

static struct activity hours(const char *note)
{
	return (struct activity){ .member = "GP1", .date = day("2025-03-14"), .kind = "RCP", .hours = 150,
	                          .note = (char *)note };
}

static struct activity stored_activity(void)
{
	int64_t id = shell_int("SELECT max(id) FROM activities;");
	struct activity x;
	ok(db_activity_get(app_db(a), id, &x, &e), "activity");
	return x;
}

Test(races, undo_of_an_activity_add_or_edit_changed_or_removed)
{
	struct activity x = hours("RCP diabetes");
	ok(app_activity_add(a, &x, &e), "add");
	shell("UPDATE activities SET hours = 200;");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "the activity entry of GP1 on 2025-03-14 was changed by another program");

	struct activity shown = stored_activity();
	struct activity after = shown;
	after.hours = 300;
	ok(app_activity_update(a, &shown, &after, &e), "edit");
	shell("DELETE FROM activities;");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "the activity entry of GP1 on 2025-03-14 was removed by another program");
	activity_fini(&shown);
}

Test(races, undo_of_an_activity_removal_entered_again_elsewhere)
{
	struct activity x = hours("RCP diabetes");
	ok(app_activity_add(a, &x, &e), "add");
	struct activity shown = stored_activity();
	ok(app_activity_delete(a, &shown, &e), "delete");
	/* The same hours imported again: undoing would count them twice. */
	import(TABLE_ACTIVITIES, "member;date;kind;hours;note\nGP1;2025-03-14;RCP;1,5;RCP diabetes\n");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "the hours of GP1 on 2025-03-14 were entered again by another program");
	cr_assert_eq(shell_int("SELECT count(*) FROM activities;"), 1);
	activity_fini(&shown);
}

/* ---- undo: keys ---- */

Test(races, undo_of_a_key_edit_after_an_import_of_that_key)
{
	struct key *k = NULL;
	ok(app_key_get(a, "K", &k, NULL, &e), "key");
	free(k->description);
	k->description = strdup("mine");
	ok(app_key_save(a, k, 1, NULL, NULL, &e), "save");
	key_free(k);
	ok(app_key_save_text(other, "key: { name = \"K\"; description = \"theirs\"; "
	                            "pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };",
	                     "theirs.cfg", NULL, NULL, NULL, &e), "import");
	mark();
	refused(app_undo(a, &e), ST_REFUSED, "key \"K\" was changed in another session");
}

/* ---- adds: a pure insert ---- */

Test(races, adding_a_member_another_program_created_is_refused)
{
	import(TABLE_MEMBERS, "code;name;profession;status;joined;left;fte;rpps\n"
	                      "NEWX;From elsewhere;nurse;associate;2021-01-01;;0,5;\n");
	struct member m = {
		.code = "NEWX", .name = "Mine", .profession = "gp", .status = "associate",
		.joined = day("2026-01-01"), .left = DATE_NONE, .fte = 100,
	};
	mark();
	refused(app_member_add(a, &m, &e), ST_REFUSED,
	        "member NEWX already exists (added by another program?): nothing was saved");
}

Test(races, adding_a_post_patient_or_receipt_another_program_created_is_refused)
{
	import(TABLE_POSTS, "code;label;holder;fte;cost;start;end\nSECR;Theirs;;1;30000;2024-01-01;\n");
	import(TABLE_PATIENTS, "code,gp,enrolled,left,birth_year,sex,ald,c2s\nP9,GP2,2023-01-01,,1970,M,,1\n");
	import(TABLE_RECEIPTS, "source;kind;exercise;period_start;period_end;received;amount;reference;note\n"
	                       "IPEP;seed;2025;2025-01-01;2025-12-31;2025-03-01;5000,00;IPEP-1;theirs\n");
	struct post post = {
		.code = "SECR", .label = "Mine", .fte = 50, .yearly_cost = 100, .start = day("2025-01-01"), .end = DATE_NONE,
	};
	struct patient p = patient("P9");
	struct receipt r = receipt("IPEP-1", 100);
	mark();
	refused(app_post_add(a, &post, &e), ST_REFUSED, "post SECR already exists (added by another program?): nothing was saved");
	refused(app_patient_add(a, &p, &e), ST_REFUSED, "patient P9 already exists (added by another program?): nothing was saved");
	refused(app_receipt_add(a, &r, NULL, &e), ST_REFUSED,
	        "receipt IPEP-1 already exists (added by another program?): nothing was saved");
}

Test(races, adding_a_share_or_a_key_another_program_added_is_refused)
{
	/* The form showed no share; an import gave the post one since. */
	import(TABLE_POSTS, "code;label;holder;fte;cost;start;end;funding\n"
	                    "COORD;Coordination;;0,8;42000;2024-01-01;;FIR:30\n");
	struct post_funding mine[] = { share("ACI", 7000) };
	mark();
	refused(app_funding_set(a, "COORD", NULL, 0, mine, 1, &e), ST_REFUSED,
	        "the funding of post COORD was changed in another session");
	/* A new key whose name another program took meanwhile. */
	ok(app_key_save_text(other, "key: { name = \"New\"; pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };",
	                     "theirs.cfg", NULL, NULL, NULL, &e), "import");
	struct key *k = NULL;
	ok(app_key_get(a, "K", &k, NULL, &e), "key");
	free(k->name);
	k->name = strdup("New");
	mark();
	refused(app_key_save(a, k, 0, NULL, NULL, &e), ST_REFUSED, "a key named \"New\" already exists; nothing was saved");
	key_free(k);
}

/* The forecast's PEPS what-if is saved over the grid it was read from,
 * never over one another program imported meanwhile. */
Test(races, keeping_a_peps_what_if_over_a_grid_imported_since_is_refused)
{
	int exercise = 0;
	ok(app_peps_import(a, "tests/fixtures/forecast/peps-2025.cfg", &exercise, &e), "import");
	struct app_peps mine, again;
	ok(app_peps_estimate(a, 2025, &mine, &e), "estimate");
	struct peps_grid what_if;
	ok(app_peps_grid_copy(&mine.grid, &what_if, &e), "copy");
	what_if.local = 10500;
	/* Another program imports the same grid but for one amount. */
	char *file = support_path("theirs.cfg");
	FILE *f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs("peps: { exercise = 2025; local = 1.0312; loyalty = 92.5;\n"
	      " cells = ( { amount = \"97,00\"; } ); };\n", f);
	fclose(f);
	ok(app_peps_import(other, file, &exercise, &e), "their import");
	mark();
	refused(app_peps_keep(a, &mine, &what_if, &e), ST_REFUSED,
	        "the PEPS grid of 2025 changed since it was read (another program saved one); nothing was saved");
	/* Read again, the same change is saved. */
	ok(app_peps_estimate(a, 2025, &again, &e), "again");
	peps_grid_fini(&what_if);
	ok(app_peps_grid_copy(&again.grid, &what_if, &e), "copy again");
	what_if.local = 10500;
	ok(app_peps_keep(a, &again, &what_if, &e), "keep");
	cr_assert_eq(shell_int("SELECT count(*) FROM forecast_files WHERE kind = 'peps' AND body LIKE '%local = 1.0500;%97.00%';"), 1);
	peps_grid_fini(&what_if);
	app_peps_fini(&again);
	app_peps_fini(&mine);
	free(file);
}
