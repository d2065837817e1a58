/* chooser.c: the file chooser, a dialog over the screen (and over a form
 * that opened it): the folders and the files of one kind in a folder,
 * starting in the current one, folders first, each sorted by name, hidden
 * ones left out. Enter opens a folder or picks a file, Backspace (or the
 * ../ line) goes up; what is typed filters the list and may be a name or
 * a path, relative to the folder shown or absolute. Names are drawn
 * escaped, as everywhere (draw_text). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"
#include "quotepart/text.h"
#include "tui_internal.h"

struct entry {
	char *name;
	bool dir;
};

struct chooser {
	char *title;
	enum chooser_mode mode;
	char *ext;             /* ".csv": the files shown; NULL: every file */
	char *cwd;             /* the current folder, to name what is below it */
	char *dir;             /* the folder shown, absolute */
	struct entry *v;       /* "..", in SAVE mode "./", then the folder's */
	size_t n;
	struct tlist list;     /* selection; its filter is what is typed */
	char *error;
	chooser_done done;
	void *ctx;
	void (*ctx_free)(void *);
};

static void entries_free(struct chooser *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

void chooser_free(struct chooser *c)
{
	if (!c)
		return;
	entries_free(c);
	tlist_fini(&c->list);
	free(c->title);
	free(c->ext);
	free(c->cwd);
	free(c->dir);
	free(c->error);
	if (c->ctx_free)
		c->ctx_free(c->ctx);
	free(c);
}

static bool entry_match(void *ctx, size_t i, const char *needle)
{
	struct chooser *c = ctx;
	return tlist_contains(c->v[i].name, needle);
}

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	if (a->dir != b->dir)
		return a->dir ? -1 : 1;
	return strcmp(a->name, b->name);
}

static bool has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), k = ext ? strlen(ext) : 0;
	return !ext || (n > k && strcasecmp(name + n - k, ext) == 0);
}

/* dir/name, without a doubled slash (a new string). */
static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	return str_printf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
}

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool add_entry(struct chooser *c, size_t *cap, const char *name, bool dir)
{
	if (!array_grow(&c->v, cap, c->n + 1, sizeof *c->v))
		return false;
	if (!(c->v[c->n].name = strdup(name)))
		return false;
	c->v[c->n++].dir = dir;
	return true;
}

/* Read the folder c->dir: false (c->error set) when it cannot be read. */
static bool read_folder(struct chooser *c)
{
	DIR *d = opendir(c->dir);
	if (!d)
		return false;
	entries_free(c);
	size_t cap = 0, fixed = 0;
	bool ok = true;
	if (strcmp(c->dir, "/") != 0)
		ok = add_entry(c, &cap, "..", true) && ++fixed;
	if (ok && c->mode == CHOOSE_SAVE)
		ok = add_entry(c, &cap, ".", true) && ++fixed;
	for (struct dirent *de; ok && (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		bool dir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
			char *p = join(c->dir, de->d_name);
			dir = p && is_dir(p);
			free(p);
		}
		if (dir || has_ext(de->d_name, c->ext))
			ok = add_entry(c, &cap, de->d_name, dir);
	}
	closedir(d);
	if (ok)
		qsort(c->v + fixed, c->n - fixed, sizeof *c->v, entry_cmp);
	free(c->list.filter);
	c->list.filter = NULL;
	/* The first name of the folder is selected, not its ../ line. */
	c->list.sel = c->n > fixed && c->mode == CHOOSE_OPEN ? fixed : 0;
	c->list.top = 0;
	tlist_reset(&c->list, c->n);
	return ok;
}

/* Go to folder path (absolute, taken); false, staying where it was with
 * the reason shown, when it cannot be read. */
static bool go_to(struct chooser *c, char *path)
{
	char *old = c->dir;
	c->dir = path;
	free(c->error);
	c->error = NULL;
	if (read_folder(c)) {
		free(old);
		return true;
	}
	c->error = str_printf(_("%s: this folder cannot be read"), path);
	free(path);
	c->dir = old;
	read_folder(c);
	return false;
}

/* The folder above c->dir. */
static char *parent(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return strdup("/");
	return strndup(dir, (size_t)(slash - dir));
}

void tui_choose(struct tui *t, const char *title, enum chooser_mode mode, const char *ext,
                chooser_done done, void *ctx, void (*ctx_free)(void *))
{
	struct chooser *c = calloc(1, sizeof *c);
	char *cwd = c ? getcwd(NULL, 0) : NULL;
	if (!c || !cwd || !(c->title = strdup(title)) || (ext && !(c->ext = strdup(ext)))) {
		free(cwd);
		if (c)
			c->ctx_free = ctx_free, c->ctx = ctx;
		chooser_free(c);
		if (!c && ctx_free)
			ctx_free(ctx);
		return;
	}
	c->mode = mode;
	c->cwd = cwd;
	c->done = done;
	c->ctx = ctx;
	c->ctx_free = ctx_free;
	tlist_init(&c->list, entry_match, c);
	c->dir = strdup(cwd);
	if (!c->dir || !read_folder(c)) {
		chooser_free(c);
		tui_msg(t, "%s", _("The current folder cannot be read."));
		t->msg_error = true;
		return;
	}
	chooser_free(t->chooser);
	t->chooser = c;
}

/* ---- input ---- */

static unsigned close_chooser(struct tui *t)
{
	chooser_free(t->chooser);
	t->chooser = NULL;
	curs_set(0);
	return R_REDRAW;
}

/* Done: path (absolute; a new string, taken) given to the caller as it
 * reads best, relative to the current folder when it is below it. */
static unsigned pick(struct tui *t, struct chooser *c, char *path)
{
	size_t n = strlen(c->cwd);
	const char *shown = path;
	if (strncmp(path, c->cwd, n) == 0 && path[n] == '/' && path[n + 1])
		shown = path + n + 1;
	else if (strcmp(path, c->cwd) == 0 || (strncmp(path, c->cwd, n) == 0 && strcmp(path + n, "/") == 0))
		shown = "./";
	chooser_done done = c->done;
	void *ctx = c->ctx;
	void (*ctx_free)(void *) = c->ctx_free;
	c->ctx_free = NULL;   /* the caller's until it returns */
	char *keep = strdup(shown);
	free(path);
	close_chooser(t);
	unsigned r = keep ? done(t, keep, ctx) : R_REDRAW;
	free(keep);
	if (ctx_free)
		ctx_free(ctx);
	return r | R_REDRAW;
}

/* What is typed, as a path: absolute, or below the folder shown. */
static char *typed_path(const struct chooser *c, const char *typed)
{
	return typed[0] == '/' ? strdup(typed) : join(c->dir, typed);
}

static unsigned open_entry(struct tui *t, struct chooser *c, size_t i)
{
	const struct entry *x = &c->v[i];
	if (strcmp(x->name, "..") == 0) {
		char *up = parent(c->dir);
		if (up)
			go_to(c, up);
		return R_REDRAW;
	}
	if (strcmp(x->name, ".") == 0) {
		char *p = join(c->dir, "");
		return p ? pick(t, c, p) : R_REDRAW;
	}
	char *p = join(c->dir, x->name);
	if (!p)
		return R_REDRAW;
	if (x->dir) {
		go_to(c, p);
		return R_REDRAW;
	}
	return pick(t, c, p);
}

/* Enter: a typed folder opens, a typed file (or, to save, a new name) is
 * picked; else the selected line acts. */
static unsigned enter(struct tui *t, struct chooser *c)
{
	const char *typed = c->list.filter && *c->list.filter ? c->list.filter : NULL;
	if (typed) {
		char *p = typed_path(c, typed);
		struct stat sb;
		bool there = p && stat(p, &sb) == 0;
		if (there && S_ISDIR(sb.st_mode)) {
			go_to(c, p);
			return R_REDRAW;
		}
		/* A file typed is taken as it is; to save, a new name too. */
		if (p && ((there && S_ISREG(sb.st_mode)) || (!there && c->mode == CHOOSE_SAVE)))
			return pick(t, c, p);
		free(p);
	}
	size_t i = tlist_item(&c->list);
	if (i == SIZE_MAX) {
		free(c->error);
		c->error = str_printf(_("No such file or folder: %s"), typed ? typed : "");
		return R_REDRAW;
	}
	return open_entry(t, c, i);
}

unsigned chooser_input(struct tui *t, int ch)
{
	struct chooser *c = t->chooser;
	struct tlist *l = &c->list;
	enum action a = tui_action_for(ch, NULL);
	bool nav = ch >= TK_FN(0) || ch == TK_CTRL('b') || ch == TK_CTRL('f');
	size_t cur = l->filter ? strlen(l->filter) : 0;
	if (nav && ch != TK_FN(KEY_BACKSPACE) && tlist_nav(l, a))
		return R_REDRAW;
	if (ch == '\n' || ch == '\r' || ch == TK_FN(KEY_ENTER))
		return enter(t, c);
	if (ch == TK_ESC) {
		if (!cur)
			return close_chooser(t);
		l->filter[0] = '\0';
		tlist_refilter(l);
		return R_REDRAW;
	}
	free(c->error);
	c->error = NULL;
	if (ch == TK_FN(KEY_BACKSPACE) || ch == 0x7F || ch == 0x08) {
		if (!cur) {
			char *up = strcmp(c->dir, "/") ? parent(c->dir) : NULL;
			if (up)
				go_to(c, up);
			return R_REDRAW;
		}
		l->filter[tui_utf8_prev(l->filter, cur)] = '\0';
	} else if (!tui_printable(ch) || !tui_text_insert(&l->filter, &cur, ch)) {
		return R_NONE;
	}
	tlist_refilter(l);
	return R_REDRAW;
}

/* ---- drawing ---- */

/* The end of s that fits in w columns, "…" before it when cut. */
static void draw_tail(int y, int x, int w, const char *s)
{
	const char *p = s;
	while (*p && text_width(p) > w - 1 && text_width(p) > 0)
		p += tui_utf8_next(p, 0);
	if (p == s)
		draw_text(y, x, w, s, false);
	else
		draw_fmt(y, x, w, false, "…%s", p);
}

void chooser_draw(struct tui *t, struct chooser *c)
{
	int w = COLS - 4 < 76 ? COLS - 4 : 76;
	int h = LINES - 4;
	int y = 2, x = (COLS - w) / 2;
	struct tlist *l = &c->list;
	draw_box(t, y, x, h, w, c->title);
	char *folder = str_printf("%s ", _("Folder:"));
	int fw = folder ? text_width(folder) : 0;
	attron(A_BOLD);
	draw_text(y + 1, x + 2, fw, folder ? folder : "", false);
	attroff(A_BOLD);
	draw_tail(y + 1, x + 2 + fw, w - 4 - fw, c->dir);
	free(folder);
	const char *keys = _("↑↓ choose · Enter open or pick · Backspace up · type a name or a path · Esc cancel");
	int hint = draw_wrap(-1, 0, w - 4, 2, keys);
	int err = c->error ? 1 : 0;
	int rows = h - 5 - hint - err;
	tlist_scroll(l, rows);
	for (int r = 0; r < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		const struct entry *e = &c->v[l->idx[row]];
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		if (strcmp(e->name, ".") == 0)
			draw_fmt(y + 2 + r, x + 1, w - 2, false, "%s./  %s", sel ? ">" : " ", _("(this folder)"));
		else
			draw_fmt(y + 2 + r, x + 1, w - 2, false, "%s%s%s", sel ? ">" : " ", e->name, e->dir ? "/" : "");
		if (sel)
			draw_select(t, false);
	}
	if (l->n == 0)
		draw_text(y + 2, x + 2, w - 4, _("(nothing matches)"), false);
	if (err) {
		draw_attr(t, C_ERROR, true);
		draw_fmt(y + h - 3 - hint, x + 2, w - 4, false, "%s %s", _("Error:"), c->error);
		draw_attr(t, C_ERROR, false);
	}
	const char *label = _("Name or path:");
	int lw = text_width(label);
	draw_text(y + h - 2 - hint, x + 2, lw + 1, label, false);
	const char *typed = l->filter ? l->filter : "";
	draw_tail(y + h - 2 - hint, x + 3 + lw, w - 5 - lw, typed);
	draw_attr(t, C_DIM, true);
	draw_wrap(y + h - 1 - hint, x + 2, w - 4, hint, keys);
	draw_attr(t, C_DIM, false);
	int tw = text_width(typed);
	curs_set(1);
	move(y + h - 2 - hint, x + 3 + lw + (tw < w - 6 - lw ? tw : w - 6 - lw));
}
