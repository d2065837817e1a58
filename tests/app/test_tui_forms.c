/* test_tui_forms.c: every form of the terminal interface accepts what it
 * shows. Each form is opened the way its key opens it, on every record
 * of the demo practice (patients: a page of them), in English, in
 * French and with LC_ALL=C (a terminal without UTF-8): no pre-filled
 * field may be marked wrong, and an edit form saved as it was opened
 * (Enter on every field) must be accepted and change nothing. The
 * screens run without a terminal: forms and submits need none. */
#include <criterion/criterion.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/db.h"

#include "../../src/tui/dists.h"
#include "support.h"
#include "support_sqlite.h"

static struct app *a;
static char *path;
static struct err e = ERR_INIT;
static struct tui t;
static const char *lang;   /* the locale under test, for messages */

static void ok(enum status rc, const char *what)
{
	cr_assert_eq(rc, ST_OK, "%s: %s: status %d: %s", lang, what, (int)rc, err_text(&e));
	err_fini(&e);
}

/* The records, row by row (not the audit log: a save of the same values
 * is still a change made, and logged; nor the ids of a post's shares,
 * which a save writes anew). */
static char *snapshot(void)
{
	static const char *const queries[] = {
		"SELECT * FROM members ORDER BY 1;",
		"SELECT * FROM posts ORDER BY 1;",
		"SELECT post_id, source, share_bp, start_on, end_on FROM post_funding ORDER BY 1, 2, 3, 4, 5;",
		"SELECT * FROM patients ORDER BY 1;",
		"SELECT * FROM receipts ORDER BY 1;",
		"SELECT * FROM activities ORDER BY 1;",
		"SELECT * FROM key_versions ORDER BY 1;",
		"SELECT * FROM distributions ORDER BY 1;",
		"SELECT * FROM distribution_lines ORDER BY 1;",
		"SELECT * FROM payments ORDER BY 1;",
	};
	struct sbuf b;
	sb_init(&b);
	sqlite3 *h = raw_open(path);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		const char *sql = queries[i];
		sqlite3_stmt *st;
		cr_assert_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(h));
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

/* The locale first (as cli_main sets it up), then a demo practice and
 * the interface's state over it, without a terminal. */
static void start(const char *name, const char *lc_all, const char *language)
{
	lang = name;
	setenv("LC_ALL", lc_all, 1);
	if (language)
		setenv("LANGUAGE", language, 1);
	else
		unsetenv("LANGUAGE");
	setenv("QUOTEPART_TODAY", "2026-03-02", 1);
	cr_assert_not_null(setlocale(LC_ALL, ""), "%s: no locale %s", name, lc_all);
	bindtextdomain("quotepart", "build/locale");
	bind_textdomain_codeset("quotepart", "UTF-8");
	textdomain("quotepart");
	draw_charset_init();
	/* The screens size their pages by the terminal's. */
	LINES = 24;
	COLS = 80;
	support_setup("forms");
	path = support_path("demo.db");
	ok(app_open(path, NULL, DB_CREATE, &a, &e), "open");
	size_t nkeys = 0;
	ok(app_demo(a, &e), "demo");
	ok(app_key_examples(a, &nkeys, &e), "the example keys");
	memset(&t, 0, sizeof t);
	t.app = a;
	t.cfg = app_config(a);
	t.today = date_today();
	t.year = 2025;
	t.rows_screen = -1;
	for (int i = 0; i < SCR__COUNT; i++)
		cr_assert_not_null(t.st[i] = tui_state_new((enum screen_id)i));
}

static void stop(void)
{
	for (int i = 0; i < SCR__COUNT; i++)
		tui_state_free((enum screen_id)i, t.st[i]);
	dlg_free(t.dlg);
	dlg_free(t.dlg_next);
	free(t.msg);
	app_close(a);
	free(path);
	err_fini(&e);
	support_teardown();
}

static void *show(enum screen_id id)
{
	tui_goto(&t, id);
	ok(tui_screen(id)->load(&t, t.st[id], &e), "load");
	t.stale[id] = false;
	return t.st[id];
}

static struct tlist *list_of(enum screen_id id)
{
	return tui_screen_list(tui_screen(id), t.st[id]);
}

/* What the loop does after the next frame: a save announced. */
static void settle(void)
{
	while (t.deferred) {
		unsigned (*fn)(struct tui *) = t.deferred;
		t.deferred = NULL;
		fn(&t);
	}
}

static void act(enum action x)
{
	tui_screen(t.cur)->act(&t, t.st[t.cur], x);
	settle();
	/* A screen marks itself stale to read its rows again. */
	if (t.stale[t.cur])
		show(t.cur);
}

/* The form just opened: every field with text in it is accepted as it
 * is (an empty one is simply not typed yet). */
static struct dialog *opened(const char *what)
{
	struct dialog *d = t.dlg;
	cr_assert_not_null(d, "%s: %s: no form opened (%s)", lang, what, t.msg ? t.msg : "");
	cr_assert_eq(d->kind, DLG_FORM, "%s: %s: not a form", lang, what);
	dlg_check_all(&t, d);
	for (size_t i = 0; i < d->n; i++) {
		const struct field *f = &d->f[i];
		cr_assert(!f->err || !*f->buf, "%s: %s: field %s shows \"%s\" and refuses it: %s",
		          lang, what, f->label, f->buf, f->err);
		/* A terminal without UTF-8 shows amounts in ASCII: a euro sign
		 * there would be drawn as another letter. */
		bool money = f->check == FIELD_AMOUNT || f->check == FIELD_COST || f->check == FIELD_RES_VALUE;
		for (const char *c = f->buf; money && draw_ascii() && *c; c++)
			cr_assert((unsigned char)*c < 0x80, "%s: %s: field %s shows \"%s\", not ASCII",
			          lang, what, f->label, f->buf);
	}
	return d;
}

/* Enter on every field, as the user would: the form saves and closes. */
static void save_unchanged(const char *what)
{
	struct dialog *d = opened(what);
	size_t n = d->n;
	for (size_t i = 0; i <= n && t.dlg == d; i++) {
		dlg_input(&t, '\n');
		settle();
	}
	cr_assert(t.dlg != d, "%s: %s: saving it as shown was refused: %s", lang, what,
	          d->error ? d->error : "(the form stayed open)");
}

static void close_form(void)
{
	dlg_free(t.dlg);
	t.dlg = NULL;
}

/* Open with key x on every row of the screen's list (at most `max`),
 * save unchanged. */
static void rows_upto(enum screen_id id, enum action x, const char *what, size_t max)
{
	struct tlist *l = list_of(id);
	size_t n = l->n < max ? l->n : max;
	cr_assert_gt(n, 0, "%s: %s: nothing to open", lang, what);
	char *before = snapshot();
	for (size_t row = 0; row < n; row++) {
		l = list_of(id);
		l->sel = row;
		act(x);
		char name[96];
		snprintf(name, sizeof name, "%s, row %zu", what, row);
		save_unchanged(name);
		show(id);
	}
	char *after = snapshot();
	cr_assert_str_eq(after, before, "%s: %s saved as shown changed the data", lang, what);
	free(before);
	free(after);
}

static void every_row(enum screen_id id, enum action x, const char *what)
{
	rows_upto(id, x, what, SIZE_MAX);
}

/* An add form (or one whose save would change things): only what it
 * shows is checked. */
static void check_only(enum action x, const char *what)
{
	act(x);
	opened(what);
	close_form();
}

static void forms_of_records(void)
{
	show(SCR_MEMBERS);
	every_row(SCR_MEMBERS, ACT_EDIT, "member");
	check_only(ACT_ADD, "new member");
	check_only(ACT_END_MEMBER, "member leaves");

	show(SCR_POSTS);
	every_row(SCR_POSTS, ACT_EDIT, "post");
	check_only(ACT_ADD, "new post");
	for (size_t i = 0; i < list_of(SCR_POSTS)->n; i++) {
		show(SCR_POSTS);
		list_of(SCR_POSTS)->sel = i;
		act(ACT_FUNDING);
		if (list_of(SCR_POSTS)->n)
			every_row(SCR_POSTS, ACT_EDIT, "share of a post's funding");
		check_only(ACT_ADD, "new share");
		act(ACT_BACK);
	}

	show(SCR_PATIENTS);
	/* The rows of the first page: the list reads one page at a time. */
	rows_upto(SCR_PATIENTS, ACT_EDIT, "patient", (size_t)LINES - 7);
	check_only(ACT_ADD, "new patient");
	act(ACT_PERIOD);
	save_unchanged("counts of patients");

	show(SCR_RECEIPTS);
	every_row(SCR_RECEIPTS, ACT_EDIT, "receipt");
	check_only(ACT_ADD, "new receipt");

	show(SCR_ACTIVITIES);
	every_row(SCR_ACTIVITIES, ACT_EDIT, "hours of activity");
	check_only(ACT_ADD, "new hours");

	show(SCR_STATEMENTS);
	act(ACT_PERIOD);
	save_unchanged("period of a statement");
}

/* Every part of every key through its form, saved as shown into the
 * working copy: the key must come out as it went in. */
static void forms_of_keys(void)
{
	show(SCR_KEYS);
	struct tlist *keys = list_of(SCR_KEYS);
	size_t nk = keys->n;
	cr_assert_gt(nk, 0, "%s: no key to edit", lang);
	for (size_t i = 0; i < nk; i++) {
		show(SCR_KEYS);
		list_of(SCR_KEYS)->sel = i;
		check_only(ACT_EXPORT, "export of a key");
		act(ACT_EDIT_KEY);
		struct tlist *parts = list_of(SCR_KEYS);
		size_t np = parts->n;
		for (size_t row = 0; row < np; row++) {
			list_of(SCR_KEYS)->sel = row;
			act(ACT_EDIT);
			char name[96];
			snprintf(name, sizeof name, "key %zu, part %zu", i, row);
			save_unchanged(name);
		}
		/* Saved: unchanged, so no new version. */
		char *before = snapshot();
		act(ACT_SAVE_KEY);
		cr_assert_null(t.dlg);
		char *after = snapshot();
		cr_assert_str_eq(after, before, "%s: key %zu: its parts saved as shown made a new version", lang, i);
		free(before);
		free(after);
	}
	show(SCR_KEYS);
	check_only(ACT_NEW_KEY, "new key");
	check_only(ACT_IMPORT, "import of a key");
}

/* Approve and pay: their forms over a stored distribution. */
static void forms_of_distributions(void)
{
	struct distribution d;
	struct app_dist_request r = { .receipt = "ACI-2025-AV", .key = "ACI" };
	ok(app_distribute(a, &r, &d, &e), "distribute");
	int64_t id = d.id;
	distribution_fini(&d);
	dists_start(&t, -id);
	struct dists *s = t.st[SCR_DISTS];
	dists_open_approve(&t, s);
	opened("approve");
	close_form();
	ok(app_approve(a, id, t.today, "AG", &e), "approve");
	dists_start(&t, -id);
	dists_open_pay(&t, s);
	opened("pay");
	close_form();
}

static void every_form(const char *name, const char *lc_all, const char *language)
{
	start(name, lc_all, language);
	forms_of_records();
	forms_of_keys();
	forms_of_distributions();
	stop();
}

Test(tui_forms, english)
{
	every_form("English", "C.UTF-8", NULL);
}

Test(tui_forms, french)
{
	every_form("French", "C.UTF-8", "fr");
}

Test(tui_forms, ascii_terminal)
{
	every_form("LC_ALL=C", "C", NULL);
	cr_assert(draw_ascii(), "LC_ALL=C is not taken for a terminal without UTF-8");
}
