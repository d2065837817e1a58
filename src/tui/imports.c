/* imports.c: I on the screens of records: a CSV file picked with the
 * chooser, what it would do shown (rows added, updated, refused:
 * app_import_plan), then, once confirmed, the same all-or-nothing import
 * as `quotepart import`. A file with a row refused imports nothing: the
 * message names the first one, FILE:LINE and why. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "tui_internal.h"

/* What the question imports: the table and the file. */
struct pending {
	enum table table;
	char *path;
};

static void pending_free(void *p)
{
	struct pending *x = p;
	if (x)
		free(x->path);
	free(x);
}

/* The screen that shows table t's records, by its name in the language. */
static const char *table_words(enum table t)
{
	static const enum screen_id of[TABLE__COUNT] = {
		[TABLE_MEMBERS] = SCR_MEMBERS, [TABLE_POSTS] = SCR_POSTS, [TABLE_PATIENTS] = SCR_PATIENTS,
		[TABLE_RECEIPTS] = SCR_RECEIPTS, [TABLE_ACTIVITIES] = SCR_ACTIVITIES,
	};
	return _(tui_screen(of[t])->name);
}

static enum status submit_import(struct tui *t, struct dialog *d, struct err *e)
{
	struct pending *x = d->ctx;
	size_t n = 0, nd = 0;
	struct app_dropped *dropped = NULL;
	enum status rc = app_import_report(t->app, x->table, x->path, &n, &dropped, &nd, e);
	if (rc != ST_OK)
		return rc;
	if (nd)
		tui_msg(t, _("%s: %zu row(s) imported; %zu draft(s) removed, their receipt's figures changed: divide "
		             "them again."), x->path, n, nd);
	else
		tui_msg(t, _("%s: %zu row(s) imported."), x->path, n);
	app_dropped_list_free(dropped, nd);
	tui_stale_all(t);
	return ST_OK;
}

/* The chooser picked path: the plan, then the question or the refusal. */
static unsigned picked(struct tui *t, const char *path, void *ctx)
{
	enum table table = (enum table)(intptr_t)ctx;
	struct err e = ERR_INIT;
	struct app_import_plan p;
	if (app_import_plan(t->app, table, path, &p, &e) != ST_OK) {
		tui_msg(t, "%s %s %s", _("Error:"), err_text(&e), _("Nothing was imported."));
		t->msg_error = true;
		err_fini(&e);
		return R_REDRAW;
	}
	if (p.refused) {
		tui_msg(t, _("Error: %s: %zu of %zu row(s) refused, so nothing was imported. The first: %s"), path,
		        p.refused, p.rows, p.first ? p.first : "");
		t->msg_error = true;
		app_import_plan_fini(&p);
		return R_REDRAW;
	}
	struct pending *x = calloc(1, sizeof *x);
	if (!x || !(x->path = strdup(path))) {
		pending_free(x);
		app_import_plan_fini(&p);
		return R_REDRAW;
	}
	x->table = table;
	tui_open(t, dlg_confirm_fmt(_("Import"), submit_import, x, pending_free,
	                            _("Import %s into %s? Its %zu row(s): %zu to add, %zu to update, 0 refused. "
	                              "All or nothing: one transaction."),
	                            path, table_words(table), p.rows, p.added, p.updated));
	app_import_plan_fini(&p);
	return R_REDRAW;
}

unsigned tui_import(struct tui *t, enum table table)
{
	char *title = str_printf(_("Import into %s: a CSV file"), table_words(table));
	tui_choose(t, title ? title : "", CHOOSE_OPEN, ".csv", picked, (void *)(intptr_t)table, NULL);
	free(title);
	return R_REDRAW;
}
