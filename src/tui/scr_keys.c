/* scr_keys.c: the distribution keys: a list with what each one does
 * (reservations, then pools with their basis and filters), the key file's
 * text on Enter, editing it through forms (keys_edit.c) or its file in
 * $VISUAL/$EDITOR (either way a new version), a new key, import of a key
 * file by its path, export to a file. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "keys.h"

static const enum action list_bindings[] = {
	ACT_OPEN, ACT_EDIT_KEY, ACT_NEW_KEY, ACT_DISTRIBUTE, ACT_IMPORT, ACT_EXPORT, ACT_EDIT_FILE,
	ACT_UNDO, ACT_REDO, ACT_NONE
};
/* Every binding of the screen, in both modes, for ? and the man page. */
static const enum action all_bindings[] = {
	ACT_OPEN, ACT_EDIT_KEY, ACT_NEW_KEY, ACT_DISTRIBUTE, ACT_IMPORT, ACT_EXPORT, ACT_EDIT_FILE,
	ACT_UNDO, ACT_REDO, ACT_ADD_POOL, ACT_ADD_RES, ACT_EDIT, ACT_DELETE, ACT_SAVE_KEY, ACT_BACK, ACT_NONE
};

static void key_edit_free(void *p);

static bool key_match(void *ctx, size_t i, const char *needle)
{
	struct keys *k = ctx;
	return tlist_contains(k->v[i].name, needle) ||
	       (k->parsed[i] && tlist_contains(k->parsed[i]->description, needle));
}

static void clear_data(struct keys *k)
{
	for (size_t i = 0; k->parsed && i < k->n; i++)
		key_free(k->parsed[i]);
	free(k->parsed);
	key_info_list_free(k->v, k->n);
	k->parsed = NULL;
	k->v = NULL;
	k->n = 0;
}

static void keys_fini(void *st)
{
	struct keys *k = st;
	clear_data(k);
	keys_edit_close(k);
	free(k->select);
	key_edit_free(k->file_edit);
	free(k->file_text);
}

static const char *key_name_at(void *ctx, size_t i)
{
	return ((struct keys *)ctx)->v[i].name;
}

static enum status keys_load(struct tui *t, void *st, struct err *e)
{
	struct keys *k = st;
	clear_data(k);
	enum status rc = app_keys(t->app, &k->v, &k->n, e);
	if (rc == ST_OK && !(k->parsed = calloc(k->n ? k->n : 1, sizeof *k->parsed)))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < k->n; i++) {
		struct err tmp = ERR_INIT;
		app_key_get(t->app, k->v[i].name, &k->parsed[i], NULL, &tmp);
		err_fini(&tmp);
	}
	if (rc != ST_OK)
		clear_data(k);
	tlist_reset(&k->list, k->n);
	tlist_select_named(&k->list, &k->select, key_name_at);
	return rc;
}

static void draw_list(struct tui *t, struct keys *k, int top, int rows, int w)
{
	struct tlist *l = &k->list;
	draw_header(t, top, 0, w, "");
	draw_text(top, 2, w - 14, _("Key"), false);
	draw_text(top, w - 12, 5, _("Vers."), true);
	draw_text(top, w - 6, 5, _("Used"), true);
	tlist_scroll(l, rows - 1);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		const struct key_info *x = &k->v[l->idx[row]];
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_text(top + 1 + r, 0, 2, sel ? ">" : "", false);
		draw_text(top + 1 + r, 2, w - 15, x->name, false);
		draw_fmt(top + 1 + r, w - 12, 5, true, "%d", x->versions);
		draw_fmt(top + 1 + r, w - 6, 5, true, "%lld", (long long)x->uses);
		if (sel)
			draw_select(t, false);
	}
	if (!l->n)
		draw_wrap(top + 1, 2, w - 3, rows - 1, k->n ? _("(nothing matches the filter)") : _("No key: press a to create one, or i to import a key file."));
}

const char *keys_word(const struct codelist *l, const char *code)
{
	return tui_label(l, code);
}

void keys_words_add(struct sbuf *b, const struct codelist *l, const struct strlist *codes)
{
	for (size_t j = 0; j < codes->n; j++)
		sb_printf(b, "%s%s", j ? ", " : "", keys_word(l, codes->v[j]));
}

static void filter_part(struct sbuf *b, const char *what, const struct codelist *l, const struct strlist *codes)
{
	if (!codes->n)
		return;
	sb_printf(b, "%s%s ", b->len ? "; " : "", what);
	keys_words_add(b, l, codes);
}

/* Whom a pool is for, in words (members by their codes). */
static char *filters_text(const struct config *c, const struct key_pool *p)
{
	static const struct codelist none = { NULL, 0 };
	struct sbuf b;
	sb_init(&b);
	filter_part(&b, _("statuses"), &c->statuses, &p->statuses);
	filter_part(&b, _("professions"), &c->professions, &p->professions);
	filter_part(&b, _("groups"), &c->groups, &p->groups);
	filter_part(&b, _("members"), &none, &p->members);
	filter_part(&b, _("kinds"), &c->activity_kinds, &p->kinds);
	if (!b.len)
		sb_add(&b, _("everyone"));
	return sb_take(&b);
}

static int draw_pools(struct tui *t, const struct key *k, int y, int x, int w, int last)
{
	char buf[MONEY_BUFSZ];
	for (size_t i = 0; i < k->n_pools && y < last; i++) {
		const struct key_pool *p = &k->pools[i];
		char *f = filters_text(t->cfg, p);
		char *who = str_printf("%s %s", _("for"), f ? f : "");
		char *how = str_printf(_("%s: %s %%, %s%s"), p->label, fmt_rate(p->rate_bp, buf),
		                       app_basis_text(p->basis), p->prorata ? _(", prorata") : "");
		y += draw_wrap(y, x + 2, w - 2, last - y, how ? how : "");
		free(how);
		if (y < last)
			y += draw_wrap(y, x + 4, w - 4, last - y, who ? who : "");
		free(who);
		free(f);
	}
	return y;
}

static int draw_parts(struct tui *t, const struct key *k, int y, int x, int w, int last)
{
	char buf[MONEY_BUFSZ];
	draw_header(t, y++, x, w, _("Taken first"));
	for (size_t i = 0; i < k->n_res && y < last; i++) {
		const struct key_reservation *r = &k->res[i];
		char *amount = r->is_rate ? NULL : fmt_money(r->amount);
		if (r->is_rate)
			draw_fmt(y++, x, w, false, _("  %s → %s: %s %%"), r->label, r->account, fmt_rate(r->rate_bp, buf));
		else
			draw_fmt(y++, x, w, false, _("  %s → %s: %s"), r->label, r->account, amount ? amount : "");
		free(amount);
	}
	if (!k->n_res && y < last)
		draw_text(y++, x, w, _("  nothing"), false);
	if (y < last)
		draw_header(t, y++, x, w, _("Then shared"));
	return draw_pools(t, k, y, x, w, last);
}

static void draw_detail(struct tui *t, struct keys *k, size_t i, int y, int x, int w, int last)
{
	const struct key_info *info = &k->v[i];
	const struct key *key = k->parsed[i];
	char when[STAMP_BUFSZ];
	draw_header(t, y, x, w, info->name);
	draw_fmt(y + 1, x, w, false, _("version %d, saved %s"), info->versions, fmt_stamp(info->created, when, sizeof when));
	if (!key) {
		draw_wrap(y + 3, x, w, 3, _("This key no longer reads with the current configuration: press Enter to see its text."));
		return;
	}
	int used = key->description ? draw_wrap(y + 2, x, w, 2, key->description) : 0;
	draw_parts(t, key, y + 3 + used, x, w, last);
}

static void keys_draw(struct tui *t, void *st, int top, int rows)
{
	struct keys *k = st;
	if (k->edit) {
		keys_edit_draw(t, k, top, rows);
		return;
	}
	int lw = COLS * 40 / 100;
	draw_list(t, k, top, rows, lw);
	draw_vline(top, lw, rows);
	size_t i = tlist_item(&k->list);
	if (i != SIZE_MAX)
		draw_detail(t, k, i, top, lw + 2, COLS - lw - 3, top + rows);
}

/* ---- actions ---- */

static unsigned view_key_text(struct tui *t, const char *name)
{
	struct sbuf b;
	struct err e = ERR_INIT;
	sb_init(&b);
	if (app_key_export(t->app, name, &b, &e) != ST_OK) {
		tui_error(t, &e);
	} else {
		char *title = str_printf(_("Key %s (the file as exported)"), name);
		tui_view_text(t, title ? title : name, b.s ? b.s : "");
		free(title);
	}
	sb_fini(&b);
	err_fini(&e);
	return R_REDRAW;
}

static enum status submit_import(struct tui *t, struct dialog *d, struct err *e)
{
	char *name = NULL;
	int version = 0;
	bool is_new = false;
	enum status rc = app_key_import(t->app, dlg_value(d, 0), &name, &version, &is_new, e);
	if (rc == ST_OK) {
		if (is_new)
			tui_msg(t, _("Key %s saved as version %d."), name, version);
		else
			tui_msg(t, _("Key %s: same as version %d, nothing new saved."), name, version);
	}
	free(name);
	return rc;
}

static unsigned open_import(struct tui *t)
{
	struct dialog *d = dlg_form(_("Import a key file"), submit_import, NULL, NULL);
	if (!d)
		return R_NONE;
	d->text = strdup(_("A key file in the libconfig format of quotepart.cfg(5), e.g. one shared by another practice. "
	                   "A key already known gets a new version; distributions made keep theirs."));
	field_hint(dlg_field(d, _("File"), FIELD_NAME, true, NULL), _("The path, e.g. /home/me/keys/aci.cfg"));
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_export(struct tui *t, struct dialog *d, struct err *e)
{
	struct sbuf b;
	sb_init(&b);
	const char *name = d->ctx;
	enum status rc = app_key_export(t->app, name, &b, e);
	if (rc == ST_OK && b.failed)
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = app_write_file(t->app, dlg_value(d, 0), b.s ? b.s : "", b.len, e);
	if (rc == ST_OK)
		tui_msg(t, _("Key %s written to %s."), name, dlg_value(d, 0));
	sb_fini(&b);
	return rc;
}

/* "ACI 2025" -> "ACI-2025.cfg": a file name people can type. */
static char *file_name_for(const char *key)
{
	struct sbuf b;
	sb_init(&b);
	for (const char *p = key; *p; p++)
		sb_addn(&b, (*p == ' ' || *p == '/') ? "-" : p, 1);
	sb_add(&b, ".cfg");
	return sb_take(&b);
}

static unsigned open_export(struct tui *t, const char *name)
{
	char *ctx = strdup(name);
	if (!ctx)
		return R_NONE;
	struct dialog *d = dlg_form_fmt(submit_export, ctx, free, _("Export key %s"), name);
	if (!d)
		return R_NONE;
	char *file = file_name_for(name);
	field_hint(dlg_field(d, _("File"), FIELD_NAME, true, file), _("Written whole or not at all; an existing file is replaced"));
	free(file);
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- editing in the user's editor ---- */

/* Run $VISUAL, $EDITOR or vi on path with the terminal handed over; our
 * SIGINT is ignored meanwhile, so that ^C belongs to the editor. */
static enum status run_editor(const char *path, struct err *e)
{
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		ed = "vi";
	struct sigaction ign, old;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ign, &old);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		/* sh splits "$EDITOR" as people expect ("code -w"). */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old, NULL);
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(e, ST_IO, _("the editor (%s) did not finish normally; nothing was saved"), ed);
	return ST_OK;
}

/* A key being edited: its name and the file the editor works on. */
struct key_edit {
	char *name;
	char *path;
};

static void key_edit_free(void *p)
{
	struct key_edit *k = p;
	if (!k)
		return;
	free(k->name);
	free(k->path);
	free(k);
}

static void edit_file(struct tui *t, struct key_edit *k);

static enum status submit_edit_again(struct tui *t, struct dialog *d, struct err *e)
{
	(void)e;
	struct key_edit *k = d->ctx;
	d->ctx = NULL;   /* handed on */
	edit_file(t, k);
	return ST_OK;
}

/* Save the text the editor left (announced by the frame before, as
 * every save is: it may wait for another program). Refused, the text is
 * kept in its file and offered for another edit. */
static unsigned save_edited(struct tui *t)
{
	struct keys *ks = tui_state(t, SCR_KEYS);
	struct key_edit *k = ks->file_edit;
	char *text = ks->file_text, *saved = NULL;
	ks->file_edit = NULL;
	ks->file_text = NULL;
	if (!k)
		return R_NONE;
	struct err e = ERR_INIT;
	int version = 0;
	bool is_new = false;
	enum status rc = app_key_save_text(t->app, text, k->name, &saved, &version, &is_new, &e);
	if (rc == ST_OK && is_new)
		tui_msg(t, _("Key %s saved as version %d; distributions made keep theirs."), saved, version);
	else if (rc == ST_OK)
		tui_msg(t, _("Key %s unchanged."), saved);
	if (rc != ST_OK) {
		struct sbuf q;
		sb_init(&q);
		sb_printf(&q, _("%s\n\nNothing was saved; your text is kept in %s. Edit it again?"), err_text(&e), k->path);
		char *question = sb_take(&q);
		tui_open(t, dlg_confirm(rc == ST_BUSY ? _("The database is in use") : _("The key does not read"),
		                        question ? question : "", submit_edit_again, k, key_edit_free));
		free(question);
		k = NULL;
	}
	if (k) {
		unlink(k->path);
		key_edit_free(k);
	}
	free(text);
	free(saved);
	err_fini(&e);
	return R_RELOAD | R_REDRAW;
}

/* Run the editor on k's file; what comes back is saved after the next
 * frame. Takes k. */
static void edit_file(struct tui *t, struct key_edit *k)
{
	struct err e = ERR_INIT;
	char *text = NULL;
	enum status rc = run_editor(k->path, &e);
	if (rc == ST_OK)
		rc = app_key_file_read(k->path, &text, &e);
	if (rc == ST_OK) {
		struct keys *ks = tui_state(t, SCR_KEYS);
		ks->file_edit = k;
		ks->file_text = text;
		tui_msg(t, "%s", tui_saving_note());
		t->deferred = save_edited;
	} else {
		tui_error(t, &e);
		unlink(k->path);
		key_edit_free(k);
	}
	err_fini(&e);
	clearok(curscr, TRUE);
}

/* Write the key's file to a private temporary file, then edit it. */
static unsigned edit_key(struct tui *t, const char *name)
{
	struct err e = ERR_INIT;
	const char *dir = getenv("TMPDIR");
	struct key_edit *k = calloc(1, sizeof *k);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/quotepart-key-XXXXXX", dir && *dir ? dir : "/tmp");
	if (!k || !(k->path = sb_take(&b)) || !(k->name = strdup(name))) {
		key_edit_free(k);
		return R_NONE;
	}
	int fd = -1;
	enum status rc = app_key_export(t->app, name, &b, &e);
	if (rc == ST_OK && (fd = mkstemp(k->path)) < 0)
		rc = err_set(&e, ST_IO, "%s: %s", k->path, strerror(errno));
	if (rc == ST_OK) {
		FILE *f = fdopen(fd, "w");
		if (!f)
			close(fd);
		if (!f || fwrite(b.s ? b.s : "", 1, b.len, f) != b.len || fclose(f) != 0)
			rc = err_set(&e, ST_IO, "%s: %s", k->path, strerror(errno));
	}
	sb_fini(&b);
	if (rc == ST_OK) {
		edit_file(t, k);
	} else {
		tui_error(t, &e);
		if (fd >= 0)
			unlink(k->path);
		key_edit_free(k);
	}
	err_fini(&e);
	return R_RELOAD | R_REDRAW;
}

static const enum action *keys_actions(void *st)
{
	struct keys *k = st;
	return k->edit ? keys_edit_bindings : list_bindings;
}

static unsigned keys_act(struct tui *t, void *st, enum action a)
{
	struct keys *k = st;
	if (k->edit)
		return keys_edit_act(t, k, a);
	size_t i = tlist_item(&k->list);
	switch (a) {
	case ACT_OPEN: return i == SIZE_MAX ? R_NONE : view_key_text(t, k->v[i].name);
	case ACT_EDIT_KEY: return i == SIZE_MAX ? R_NONE : keys_edit_open(t, k, i);
	case ACT_EDIT_FILE: return i == SIZE_MAX ? R_NONE : edit_key(t, k->v[i].name);
	case ACT_NEW_KEY: return keys_edit_new(t, k);
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT: return open_import(t);
	case ACT_EXPORT: return i == SIZE_MAX ? R_NONE : open_export(t, k->v[i].name);
	case ACT_DISTRIBUTE: dists_start(t, 0); return R_REDRAW;
	default: return R_PASS;
	}
}

static struct tlist *keys_list(void *st)
{
	struct keys *k = st;
	return k->edit ? &k->parts : &k->list;
}

static const char *keys_unsaved(void *st)
{
	struct keys *k = st;
	return k->edit && k->edit_dirty ? N_("A key being edited is not saved: it will be lost. Quit anyway?") : NULL;
}

/* A key being edited, as a key file: `quotepart key import` takes it. */
static void keys_keep(void *st, struct sbuf *b)
{
	struct keys *k = st;
	if (!k->edit || !k->edit_dirty)
		return;
	sb_printf(b, "#\n# ");
	if (k->edit_base)
		sb_printf(b, _("The key \"%s\", edited from version %d: quotepart key import FILE saves it as a new version."),
		          k->edit->name, k->edit_base);
	else
		sb_printf(b, _("The new key \"%s\": quotepart key import FILE saves it."), k->edit->name);
	sb_add(b, "\n");
	keyfile_write(k->edit, b);
}

const struct screen_ops scr_keys = {
	.name = N_("Keys"),
	.bindings = all_bindings,
	TUI_STATE(struct keys, list, key_match),
	.fini = keys_fini,
	.load = keys_load,
	.draw = keys_draw,
	.actions = keys_actions,
	.act = keys_act,
	.list = keys_list,
	.unsaved = keys_unsaved,
	.keep = keys_keep,
};
