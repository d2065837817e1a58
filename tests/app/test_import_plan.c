/* test_import_plan.c: app_import_plan says what an import would do (rows
 * added, updated, refused, the first refusal as FILE:LINE) and changes
 * nothing; the import then does what it said. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_views.h"

#include "support.h"

static void setup(void)
{
	support_setup("import-plan");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(import_plan, .init = setup, .fini = teardown);

static char *spit(const char *name, const char *text)
{
	char *path = support_path(name);
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	cr_assert_eq(fclose(f), 0);
	return path;
}

static struct app *practice(void)
{
	char *p = support_path("p.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	cr_assert_eq(app_init(a, "Test", &e), ST_OK, "app_init: %s", err_text(&e));
	free(p);
	return a;
}

static size_t members(struct app *a)
{
	struct member *m = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_members(a, &m, &n, &e), ST_OK, "%s", err_text(&e));
	member_list_free(m, n);
	return n;
}

#define HEAD "code;name;profession;status;joined;fte\n"

Test(import_plan, counts_without_writing)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	char *first = spit("first.csv", HEAD "GP1;Dr One;gp;associate;2024-01-01;1\n");
	size_t n = 0;
	cr_assert_eq(app_import(a, TABLE_MEMBERS, first, &n, &e), ST_OK, "%s", err_text(&e));
	char *path = spit("m.csv", HEAD "GP1;Dr One;gp;associate;2024-01-01;0,8\n"
	                           "GP2;Dr Two;gp;associate;2024-01-01;1\n"
	                           "GP3;Dr Three;gp;associate;2024-01-01;1\n");
	struct app_import_plan p;
	cr_assert_eq(app_import_plan(a, TABLE_MEMBERS, path, &p, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(p.rows, 3);
	cr_assert_eq(p.added, 2);
	cr_assert_eq(p.updated, 1);
	cr_assert_eq(p.refused, 0);
	cr_assert_null(p.first);
	cr_assert_eq(members(a), 1, "the plan wrote something");
	app_import_plan_fini(&p);
	cr_assert_eq(app_import(a, TABLE_MEMBERS, path, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(members(a), 3);
	free(first);
	free(path);
	app_close(a);
}

Test(import_plan, every_refused_row_counted)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	char *path = spit("bad.csv", HEAD "GP1;Dr One;gp;associate;2024-01-01;1\n"
	                             "GP2;Dr Two;plumber;associate;2024-01-01;1\n"
	                             "GP3;Dr Three;gp;associate;not a date;1\n"
	                             "GP4;Dr Four;gp;associate;2024-01-01;1\n");
	struct app_import_plan p;
	cr_assert_eq(app_import_plan(a, TABLE_MEMBERS, path, &p, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(p.rows, 4);
	cr_assert_eq(p.added, 2);
	cr_assert_eq(p.updated, 0);
	cr_assert_eq(p.refused, 2);
	cr_assert_not_null(p.first);
	cr_assert(strstr(p.first, "bad.csv:3: ") && strstr(p.first, "plumber"), "first: %s", p.first);
	app_import_plan_fini(&p);
	cr_assert_eq(members(a), 0);
	size_t n = 0;
	cr_assert_neq(app_import(a, TABLE_MEMBERS, path, &n, &e), ST_OK);
	cr_assert(strstr(err_text(&e), "bad.csv:3: "), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(members(a), 0);
	free(path);
	app_close(a);
}

Test(import_plan, a_wrong_header_is_the_status)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	char *path = spit("h.csv", "code;nom\nGP1;x\n");
	struct app_import_plan p;
	cr_assert_eq(app_import_plan(a, TABLE_MEMBERS, path, &p, &e), ST_INVALID);
	cr_assert(strstr(err_text(&e), "h.csv:1: "), "%s", err_text(&e));
	cr_assert_null(p.first);
	err_fini(&e);
	free(path);
	app_close(a);
}
