/* test_import_stream.c: imports write each row as soon as it is read,
 * inside one transaction: the first bad line of the file is the one
 * reported, whether it fails reading or writing, and then nothing at all
 * is written, even after thousands of good rows; a patients file is still
 * searched for NIRs whole before any row; a code imported again updates
 * its row. A patients file larger than the table has the index on GPs
 * dropped and built again in the same transaction: it is there after the
 * import, and still there after one that failed. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/db_edit.h"
#include "quotepart/text.h"

#include "support.h"

static struct app *a;

static void spit(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, strlen(data), f), strlen(data));
	cr_assert_eq(fclose(f), 0);
}

/* A file in the test's folder holding text (a new path). */
static char *file(const char *name, const char *text)
{
	char *p = support_path(name);
	spit(p, text);
	return p;
}

/* The first value `query` gives, read by a connection of its own (NULL
 * when there is none; the caller frees). */
static char *ask(const char *query)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;
	cr_assert_eq(sqlite3_open_v2(db_path(app_db(a)), &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(h, query, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The definition of the index patients_gp, NULL when there is none. */
static char *gp_index(void)
{
	return ask("SELECT sql FROM sqlite_schema WHERE name = 'patients_gp';");
}

static void setup(void)
{
	support_setup("import-stream");
	char *p = support_path("p.db");
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	cr_assert_eq(app_init(a, "Test", &e), ST_OK, "app_init: %s", err_text(&e));
	free(p);
	char *m = file("members.csv",
		"code;name;profession;status;joined;fte\n"
		"DUPONT;Dupont;gp;associate;2020-01-01;1\n"
		"MARTIN;Martin;gp;associate;2020-01-01;1\n");
	size_t n = 0;
	cr_assert_eq(app_import(a, TABLE_MEMBERS, m, &n, &e), ST_OK, "members: %s", err_text(&e));
	cr_assert_eq(n, 2);
	free(m);
}

static void teardown(void)
{
	app_close(a);
	a = NULL;
	support_teardown();
}

TestSuite(import_stream, .init = setup, .fini = teardown);

static int64_t patients(void)
{
	int64_t n = -1;
	struct err e = ERR_INIT;
	cr_assert_eq(db_count(app_db(a), "patients", &n, &e), ST_OK, "%s", err_text(&e));
	return n;
}

/* The import of path must fail with `want` and a message starting with
 * `start`, and leave no patient. */
static void refused(const char *path, enum status want, const char *start)
{
	size_t n = 999;
	struct err e = ERR_INIT;
	enum status rc = app_import(a, TABLE_PATIENTS, path, &n, &e);
	cr_assert_eq(rc, want, "status %d: %s", (int)rc, err_text(&e));
	cr_assert_eq(n, 0);
	cr_assert(strncmp(err_text(&e), start, strlen(start)) == 0, "message \"%s\", want \"%s...\"",
	          err_text(&e), start);
	err_fini(&e);
	cr_assert_eq(patients(), 0, "rows were written");
}

#define HEAD "code;gp;enrolled;birth_year;sex\n"

/* Line 3 fails when written (no such GP), line 4 when read (a bad
 * date): line 3 is reported. */
Test(import_stream, first_bad_line_in_file_order)
{
	char *p = file("pa.csv", HEAD
		"P1;DUPONT;2024-01-01;1950;F\n"
		"P2;NOBODY;2024-01-01;1950;F\n"
		"P3;DUPONT;2024-13-01;1950;F\n");
	struct sbuf want;
	sb_init(&want);
	sb_printf(&want, "%s:3: unknown GP \"NOBODY\"", p);
	refused(p, ST_NOTFOUND, want.s);
	sb_fini(&want);
	free(p);

	p = file("pb.csv", HEAD
		"P1;DUPONT;2024-01-01;1950;F\n"
		"P2;DUPONT;2024-13-01;1950;F\n"
		"P3;NOBODY;2024-01-01;1950;F\n");
	sb_init(&want);
	sb_printf(&want, "%s:3: enrolled \"2024-13-01\" is not a date", p);
	refused(p, ST_INVALID, want.s);
	sb_fini(&want);
	free(p);
}

/* A NIR on the last line refuses the file before the unknown GP of its
 * first row is even looked at. */
Test(import_stream, nir_searched_before_any_row)
{
	char *p = file("nir.csv", HEAD
		"P1;NOBODY;2024-01-01;1950;F\n"
		"P2;DUPONT;2024-01-01;1950;F\n"
		"255081416802538;DUPONT;2024-01-01;1950;F\n");
	struct sbuf want;
	sb_init(&want);
	sb_printf(&want, "%s:4: column \"code\" holds a French social-security number", p);
	refused(p, ST_REFUSED, want.s);
	sb_fini(&want);
	free(p);
}

/* 5,000 good rows written, then the last one fails: none of them stays. */
Test(import_stream, all_or_nothing_after_many_rows)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, HEAD);
	for (int i = 1; i <= 5000; i++)
		sb_printf(&b, "P%05d;%s;2024-01-01;%d;%c\n", i, i % 2 ? "DUPONT" : "MARTIN",
		          1920 + i % 90, i % 3 ? 'F' : 'M');
	sb_add(&b, "P99999;DUPONT;2024-01-01;1950;X\n");
	char *p = file("many.csv", b.s);
	sb_fini(&b);
	struct sbuf want;
	sb_init(&want);
	sb_printf(&want, "%s:5002: sex \"X\": write F or M", p);
	char *before = gp_index();
	cr_assert_not_null(before);
	refused(p, ST_INVALID, want.s);
	sb_fini(&want);
	free(p);
	char *after = gp_index();
	cr_assert_not_null(after, "the index dropped for the import was not restored");
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
}

/* More rows than the table holds: the index is built again, the same;
 * fewer: it is kept as it is; a failure restores it. Either way it holds
 * every row. */
Test(import_stream, index_rebuilt_after_large_import)
{
	char *before = gp_index();
	cr_assert_not_null(before);
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, HEAD);
	for (int i = 1; i <= 3000; i++)
		sb_printf(&b, "P%05d;%s;2024-01-%02d;1950;F\n", i, i % 2 ? "DUPONT" : "MARTIN", 1 + i % 28);
	char *p = file("big.csv", b.s);
	sb_fini(&b);
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_import(a, TABLE_PATIENTS, p, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 3000);
	free(p);
	char *after = gp_index();
	cr_assert_not_null(after);
	cr_assert_str_eq(after, before);
	free(after);
	/* A larger file whose first row fails: rolled back, index included,
	 * before any GP was looked up. */
	sb_init(&b);
	sb_add(&b, HEAD "P00001;DUPONT;2024-02-30;1950;F\n");
	for (int i = 2; i <= 4000; i++)
		sb_printf(&b, "P%05d;DUPONT;2024-01-01;1950;F\n", i);
	p = file("bad.csv", b.s);
	sb_fini(&b);
	cr_assert_eq(app_import(a, TABLE_PATIENTS, p, &n, &e), ST_INVALID, "%s", err_text(&e));
	err_fini(&e);
	free(p);
	after = gp_index();
	cr_assert_str_eq(after, before);
	free(after);
	p = file("small.csv", HEAD "P99999;MARTIN;2024-03-01;1960;M\n");
	cr_assert_eq(app_import(a, TABLE_PATIENTS, p, &n, &e), ST_OK, "%s", err_text(&e));
	free(p);
	after = gp_index();
	cr_assert_str_eq(after, before);
	free(after);
	free(before);
	cr_assert_eq(patients(), 3001);
	char *ok = ask("PRAGMA integrity_check;");
	cr_assert_str_eq(ok, "ok");
	free(ok);
}

/* The same codes again, with other values: updated in place, a new code
 * added, every row counted. */
Test(import_stream, codes_imported_again_are_updated)
{
	char *p = file("first.csv", HEAD
		"P1;DUPONT;2024-01-01;1950;F\n"
		"P2;DUPONT;2024-01-01;1960;M\n");
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_import(a, TABLE_PATIENTS, p, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 2);
	free(p);
	p = file("again.csv", "code;gp;enrolled;left;birth_year;sex;c2s\n"
		" P2 ;MARTIN;01/02/2024;2025-06-30;1961;F;1\n"
		"P3;MARTIN;2024-01-01;;1970;M;0\n");
	cr_assert_eq(app_import(a, TABLE_PATIENTS, p, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 2);
	free(p);
	cr_assert_eq(patients(), 3);

	struct patient *v;
	size_t k;
	cr_assert_eq(db_patients_seek(app_db(a), NULL, NULL, false, 10, &v, &k, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(k, 3);
	cr_assert_str_eq(v[0].code, "P1");
	cr_assert_str_eq(v[0].gp, "DUPONT");
	cr_assert_str_eq(v[1].code, "P2");
	cr_assert_str_eq(v[1].gp, "MARTIN");
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	cr_assert_str_eq(date_format(v[1].enrolled, d1, sizeof d1), "2024-02-01");
	cr_assert_str_eq(date_format(v[1].left, d2, sizeof d2), "2025-06-30");
	cr_assert_eq(v[1].birth_year, 1961);
	cr_assert_eq(v[1].sex, 'F');
	cr_assert(v[1].c2s);
	cr_assert_str_eq(v[2].code, "P3");
	patient_list_free(v, k);
}
