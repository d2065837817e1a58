/* leave.c: leaving the interface without losing work. q and ^C ask
 * first whenever something is not saved (a form with changes typed, a
 * key being edited, a preview), whatever the terminal's size; SIGTERM
 * and SIGHUP cannot ask, so what would be lost goes to a file beside the
 * database, named then and at the next start. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quotepart/i18n.h"
#include "tui_internal.h"

#define UNSAVED_GLOB "quotepart-unsaved-*.txt"

static bool form_changed(const struct tui *t)
{
	return t->dlg && t->dlg->kind == DLG_FORM && t->dlg->dirty;
}

const char *tui_unsaved(struct tui *t)
{
	if (form_changed(t))
		return _("What you typed in the form is not saved: it will be lost. Quit anyway?");
	for (int i = 0; i < SCR__COUNT; i++) {
		const struct screen_ops *s = tui_screen((enum screen_id)i);
		const char *q = s->unsaved ? s->unsaved(t->st[i]) : NULL;
		if (q)
			return _(q);
	}
	return NULL;
}

unsigned tui_ask_quit(struct tui *t)
{
	const char *question = tui_unsaved(t);
	if (!question)
		return R_QUIT;
	dlg_free(t->quit_dlg);
	t->quit_dlg = dlg_confirm(_("Quit"), question, NULL, NULL, NULL);
	return R_REDRAW;
}

unsigned tui_quit_input(struct tui *t, int ch)
{
	dlg_free(t->quit_dlg);
	t->quit_dlg = NULL;
	return ch == 'y' || ch == 'Y' || ch == 'o' || ch == 'O' ? R_QUIT : R_REDRAW;
}

/* ---- kept in a file ---- */

/* The folder of the database ("." when its path has none). */
static char *database_folder(struct tui *t)
{
	const char *p = app_path(t->app);
	const char *slash = strrchr(p, '/');
	if (!slash)
		return strdup(".");
	return slash == p ? strdup("/") : strndup(p, (size_t)(slash - p));
}

/* What is not saved, as a key file would hold it: comments (#) for a
 * form's fields, then a screen's own (a key being edited: the key
 * itself, so that `quotepart key import` takes the file). */
static char *unsaved_text(struct tui *t, const char *why)
{
	struct sbuf b;
	sb_init(&b);
	char when[32];
	time_t now = time(NULL);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&now));
	sb_printf(&b, "# %s\n# %s %s\n# %s %s\n", _("quotepart: what was not saved when the interface ended"),
	          why, when, _("Database:"), app_path(t->app));
	size_t head = b.len;
	if (form_changed(t)) {
		const struct dialog *d = t->dlg;
		sb_printf(&b, "#\n# %s \"%s\":\n", _("The form"), d->title);
		for (size_t i = 0; i < d->n; i++)
			sb_printf(&b, "#   %s: %s\n", d->f[i].label, d->f[i].buf ? d->f[i].buf : "");
	}
	for (int i = 0; i < SCR__COUNT; i++) {
		const struct screen_ops *s = tui_screen((enum screen_id)i);
		if (s->keep)
			s->keep(t->st[i], &b);
	}
	if (b.len == head) {
		sb_fini(&b);
		return NULL;
	}
	return sb_take(&b);
}

/* Write text into a new file of folder dir; its path, or NULL. */
static char *write_in(struct app *a, const char *dir, const char *text)
{
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	struct sbuf p;
	sb_init(&p);
	sb_printf(&p, "%s/quotepart-unsaved-%s-%ld.txt", dir, stamp, (long)getpid());
	char *path = sb_take(&p);
	struct err e = ERR_INIT;
	if (path && app_write_file(a, path, text, strlen(text), &e) != ST_OK) {
		free(path);
		path = NULL;
	}
	err_fini(&e);
	return path;
}

char *tui_keep_unsaved(struct tui *t, const char *why, bool *failed)
{
	*failed = false;
	char *text = unsaved_text(t, why);
	if (!text)
		return NULL;
	char *dir = database_folder(t);
	char *path = dir ? write_in(t->app, dir, text) : NULL;
	if (!path) {
		/* A folder we may not write (a read-only database's). */
		const char *tmp = getenv("TMPDIR");
		path = write_in(t->app, tmp && *tmp ? tmp : "/tmp", text);
	}
	*failed = !path;
	free(dir);
	free(text);
	return path;
}

char *tui_unsaved_file(struct tui *t)
{
	char *dir = database_folder(t);
	if (!dir)
		return NULL;
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/%s", dir, UNSAVED_GLOB);
	char *pattern = sb_take(&b);
	free(dir);
	glob_t g;
	char *found = NULL;
	/* Named by date and time: the last in order is the newest. */
	if (pattern && glob(pattern, 0, NULL, &g) == 0) {
		if (g.gl_pathc)
			found = strdup(g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
	}
	free(pattern);
	return found;
}
