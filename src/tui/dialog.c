/* dialog.c: modal dialogs over the screen: forms whose fields are checked
 * as they are typed, yes/no confirmations, and pickers with a filter. A
 * dialog's submit does the work; a refusal keeps it open with the reason. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"
#include "quotepart/text.h"
#include "tui_internal.h"

/* A dialog titled by fmt; NULL, ctx freed, without memory. */
static struct dialog *dlg_vnew(enum dlg_kind kind, dlg_submit submit, void *ctx,
                               void (*ctx_free)(void *), const char *fmt, va_list ap)
{
	struct dialog *d = calloc(1, sizeof *d);
	char *title = d ? str_vprintf(fmt, ap) : NULL;
	if (!title) {
		free(d);
		if (ctx_free)
			ctx_free(ctx);
		return NULL;
	}
	d->kind = kind;
	d->title = title;
	d->submit = submit;
	d->ctx = ctx;
	d->ctx_free = ctx_free;
	tlist_init(&d->list, NULL, d);
	return d;
}

static struct dialog *dlg_new(enum dlg_kind kind, dlg_submit submit, void *ctx,
                              void (*ctx_free)(void *), const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static struct dialog *dlg_new(enum dlg_kind kind, dlg_submit submit, void *ctx,
                              void (*ctx_free)(void *), const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dialog *d = dlg_vnew(kind, submit, ctx, ctx_free, fmt, ap);
	va_end(ap);
	return d;
}

struct dialog *dlg_form(const char *title, dlg_submit submit, void *ctx,
                        void (*ctx_free)(void *))
{
	return dlg_new(DLG_FORM, submit, ctx, ctx_free, "%s", title ? title : "");
}

struct dialog *dlg_form_fmt(dlg_submit submit, void *ctx, void (*ctx_free)(void *),
                            const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct dialog *d = dlg_vnew(DLG_FORM, submit, ctx, ctx_free, fmt, ap);
	va_end(ap);
	return d;
}

struct dialog *dlg_confirm(const char *title, const char *question,
                           dlg_submit submit, void *ctx, void (*ctx_free)(void *))
{
	struct dialog *d = dlg_new(DLG_CONFIRM, submit, ctx, ctx_free, "%s", title ? title : "");
	if (d)
		d->text = strdup(question ? question : "");
	return d;
}

struct dialog *dlg_confirm_fmt(const char *title, dlg_submit submit, void *ctx,
                               void (*ctx_free)(void *), const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *question = str_vprintf(fmt, ap);
	va_end(ap);
	if (!question) {
		if (ctx_free)
			ctx_free(ctx);
		return NULL;
	}
	struct dialog *d = dlg_confirm(title, question, submit, ctx, ctx_free);
	free(question);
	return d;
}

static bool pick_match(void *ctx, size_t i, const char *needle)
{
	struct dialog *d = ctx;
	return tlist_contains(d->items[i], needle);
}

struct dialog *dlg_pick(const char *title, char *const *items, size_t n,
                        dlg_submit submit, void *ctx, void (*ctx_free)(void *))
{
	struct dialog *d = dlg_new(DLG_PICK, submit, ctx, ctx_free, "%s", title ? title : "");
	if (!d)
		return NULL;
	d->items = calloc(n ? n : 1, sizeof *d->items);
	for (size_t i = 0; d->items && i < n; i++)
		d->items[i] = strdup(items[i] ? items[i] : "");
	tlist_init(&d->list, pick_match, d);
	tlist_reset(&d->list, d->items ? n : 0);
	return d;
}

struct field *dlg_field(struct dialog *d, const char *label, enum app_field check,
                        bool checked, const char *initial)
{
	if (!array_grow(&d->f, NULL, d->n + 1, sizeof *d->f))
		return NULL;
	struct field *f = &d->f[d->n++];
	memset(f, 0, sizeof *f);
	f->label = strdup(label);
	f->check = check;
	f->checked = checked;
	f->buf = strdup(initial ? initial : "");
	f->cur = f->buf ? strlen(f->buf) : 0;
	f->fresh = true;
	return f;
}

void field_opts(struct field *f, char *const *v, size_t n)
{
	f->opts = calloc(n ? n : 1, sizeof *f->opts);
	if (!f->opts)
		return;
	for (size_t i = 0; i < n; i++)
		f->opts[i] = strdup(v[i]);
	f->n_opts = n;
}

void field_codes(struct field *f, const struct codelist *l, bool labels)
{
	f->codes = l;
	f->opts = calloc(l->n ? l->n : 1, sizeof *f->opts);
	if (!f->opts)
		return;
	for (size_t i = 0; i < l->n; i++)
		f->opts[i] = strdup(labels ? config_label(&l->v[i]) : l->v[i].code);
	f->n_opts = l->n;
	/* A code given as the initial text is shown by its label too. */
	const struct cfg_item *it = labels && f->buf ? config_find(l, f->buf) : NULL;
	char *shown = it ? strdup(config_label(it)) : NULL;
	if (shown) {
		free(f->buf);
		f->buf = shown;
		f->cur = strlen(shown);
	}
}

void field_hint(struct field *f, const char *hint)
{
	free(f->hint);
	f->hint = hint ? strdup(hint) : NULL;
}

const char *dlg_value(struct dialog *d, size_t i)
{
	if (i >= d->n || !d->f[i].buf)
		return "";
	text_trim(d->f[i].buf);
	if (d->f[i].cur > strlen(d->f[i].buf))
		d->f[i].cur = strlen(d->f[i].buf);
	/* A field of codes gives the code of what was typed or chosen: a
	 * label in either language names it as well. */
	const struct cfg_item *it = d->f[i].codes ? config_find_text(d->f[i].codes, d->f[i].buf) : NULL;
	return it ? it->code : d->f[i].buf;
}

size_t dlg_picked(const struct dialog *d)
{
	return tlist_item(&d->list);
}

static void field_fini(struct field *f)
{
	free(f->label);
	free(f->buf);
	free(f->err);
	free(f->hint);
	for (size_t i = 0; i < f->n_opts; i++)
		free(f->opts[i]);
	free(f->opts);
}

void dlg_free(struct dialog *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		field_fini(&d->f[i]);
	free(d->f);
	for (size_t i = 0; d->items && i < d->list.n_all; i++)
		free(d->items[i]);
	free(d->items);
	tlist_fini(&d->list);
	free(d->title);
	free(d->text);
	free(d->error);
	if (d->ctx_free)
		d->ctx_free(d->ctx);
	free(d);
}

void tui_open(struct tui *t, struct dialog *d)
{
	if (!d)
		return;
	if (t->dlg) {
		dlg_free(t->dlg_next);
		t->dlg_next = d;
	} else {
		t->dlg = d;
	}
}

/* ---- checking ---- */

static void field_check(struct tui *t, struct field *f)
{
	free(f->err);
	f->err = NULL;
	if (!f->checked)
		return;
	struct err e = ERR_INIT;
	if (app_field_check(t->app, f->check, f->buf ? f->buf : "", &e) != ST_OK)
		f->err = strdup(err_text(&e));
	err_fini(&e);
}

void dlg_check_all(struct tui *t, struct dialog *d)
{
	for (size_t i = 0; i < d->n; i++)
		field_check(t, &d->f[i]);
}

/* ---- submitting ---- */

const char *tui_saving_note(void)
{
	return _("Saving... If another program is writing to the database, this waits for it (up to 10 seconds).");
}

char *tui_busy_text(const char *what)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s %s", _("Error:"),
	          _("the database is in use by another program, still writing after 10 seconds:"), what);
	return sb_take(&b);
}

/* "Error: ..." so that a refusal never depends on colour; a form's says
 * that what was typed is still there when another program caused it. */
static char *refusal_text(const struct dialog *d, enum status rc, const struct err *e)
{
	bool form = d->kind == DLG_FORM;
	if (rc == ST_BUSY)
		return tui_busy_text(form ? _("nothing was saved. Your form is kept as you typed it: press Enter to try again.")
		                          : _("nothing was changed. Press y to try again, n to give up."));
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s", _("Error:"), err_text(e));
	if (form && rc == ST_REFUSED)
		sb_printf(&b, _("; your form is kept"));
	return sb_take(&b);
}

static unsigned close_dialog(struct tui *t)
{
	dlg_free(t->dlg);
	t->dlg = t->dlg_next;
	t->dlg_next = NULL;
	curs_set(0);
	return R_REDRAW;
}

static unsigned do_submit(struct tui *t, struct dialog *d)
{
	if (d->kind == DLG_PICK && tlist_item(&d->list) == SIZE_MAX)
		return R_NONE;
	struct err e = ERR_INIT;
	enum status rc = d->submit ? d->submit(t, d, &e) : ST_OK;
	if (rc == ST_OK) {
		err_fini(&e);
		return close_dialog(t) | R_RELOAD;
	}
	free(d->error);
	d->error = refusal_text(d, rc, &e);
	err_fini(&e);
	dlg_free(t->dlg_next);
	t->dlg_next = NULL;
	/* A question kept open when only another program's lock refused it:
	 * y tries again. */
	if (d->kind == DLG_CONFIRM && rc != ST_BUSY) {
		/* Nothing to fix in a yes/no: the refusal goes to the message
		 * line and the question closes. */
		tui_msg(t, "%s", d->error);
		t->msg_error = true;
		return close_dialog(t) | R_RELOAD;
	}
	return R_REDRAW;
}

static unsigned submit_deferred(struct tui *t)
{
	struct dialog *d = t->dlg;
	if (!d || !d->saving)
		return R_NONE;
	d->saving = false;
	return do_submit(t, d);
}

/* A form or a question saves after a frame that says "Saving...": the
 * save may wait for another program, and the screen must not look
 * frozen meanwhile. A form with a field marked wrong does not save. */
static unsigned submit_after_frame(struct tui *t, struct dialog *d)
{
	if (d->kind == DLG_FORM) {
		dlg_check_all(t, d);
		for (size_t i = 0; i < d->n; i++) {
			if (d->f[i].err) {
				d->focus = i;
				free(d->error);
				d->error = strdup(_("Some fields are not right (marked !): fix them, then save."));
				return R_REDRAW;
			}
		}
	}
	free(d->error);
	d->error = NULL;
	d->saving = true;
	t->deferred = submit_deferred;
	return R_REDRAW;
}

static unsigned form_input(struct tui *t, struct dialog *d, int ch)
{
	if (d->asking_discard) {
		d->asking_discard = false;
		return ch == 'y' || ch == 'Y' || ch == 'o' || ch == 'O' ? close_dialog(t) : R_REDRAW;
	}
	if (ch == TK_ESC) {
		if (!d->dirty)
			return close_dialog(t);
		d->asking_discard = true;
		return R_REDRAW;
	}
	unsigned own = d->key ? d->key(t, d, ch) : R_PASS;
	if (!(own & R_PASS))
		return own;
	if (d->n == 0)
		return ch == '\n' || ch == '\r' ? submit_after_frame(t, d) : R_NONE;
	switch (ch) {
	case '\t': case TK_FN(KEY_DOWN):
		d->focus = (d->focus + 1) % d->n;
		d->f[d->focus].fresh = true;
		return R_REDRAW;
	case TK_FN(KEY_BTAB): case TK_FN(KEY_UP):
		d->focus = (d->focus + d->n - 1) % d->n;
		d->f[d->focus].fresh = true;
		return R_REDRAW;
	case '\n': case '\r': case TK_FN(KEY_ENTER):
		if (d->focus + 1 < d->n) {
			d->focus++;
			d->f[d->focus].fresh = true;
			return R_REDRAW;
		}
		return submit_after_frame(t, d);
	default:
		break;
	}
	bool handled;
	struct field *f = &d->f[d->focus];
	if (tui_field_input(f, ch, &handled)) {
		d->dirty = true;
		free(d->error);
		d->error = NULL;
		field_check(t, f);
		if (d->changed)
			d->changed(t, d, d->focus);
	}
	return handled ? R_REDRAW : R_NONE;
}

static unsigned confirm_input(struct tui *t, struct dialog *d, int ch)
{
	if (ch == 'y' || ch == 'Y' || ch == 'o' || ch == 'O')
		return submit_after_frame(t, d);
	if (ch == 'n' || ch == 'N' || ch == TK_ESC || ch == 'q')
		return close_dialog(t);
	return R_NONE;
}

static unsigned pick_input(struct tui *t, struct dialog *d, int ch)
{
	struct tlist *l = &d->list;
	enum action a = tui_action_for(ch, NULL);
	bool nav = ch >= TK_FN(0) || ch == TK_CTRL('b') || ch == TK_CTRL('f');
	if (nav && tlist_nav(l, a))
		return R_REDRAW;
	if (ch == '\n' || ch == '\r' || ch == TK_FN(KEY_ENTER))
		return do_submit(t, d);
	if (ch == TK_ESC) {
		if (l->filter && *l->filter) {
			l->filter[0] = '\0';
			tlist_refilter(l);
			return R_REDRAW;
		}
		return close_dialog(t);
	}
	size_t cur = l->filter ? strlen(l->filter) : 0;
	if (ch == '/' && !cur)
		return R_NONE;   /* out of habit: typing already filters */
	if (ch == TK_FN(KEY_BACKSPACE) || ch == 0x7F || ch == 0x08) {
		if (!cur)
			return R_NONE;
		l->filter[tui_utf8_prev(l->filter, cur)] = '\0';
	} else if (tui_printable(ch)) {
		if (!tui_text_insert(&l->filter, &cur, ch))
			return R_NONE;
	} else {
		return R_NONE;
	}
	tlist_refilter(l);
	return R_REDRAW;
}

unsigned dlg_input(struct tui *t, int ch)
{
	struct dialog *d = t->dlg;
	switch (d->kind) {
	case DLG_FORM: return form_input(t, d, ch);
	case DLG_CONFIRM: return confirm_input(t, d, ch);
	case DLG_PICK: return pick_input(t, d, ch);
	}
	return R_NONE;
}

/* ---- drawing ---- */

static int dialog_width(void)
{
	return COLS - 4 < 76 ? COLS - 4 : 76;
}

int dlg_pick_width(void)
{
	return dialog_width() - 3;
}

/* The visible part of a field's text and where its cursor falls. */
static void draw_field_text(int y, int x, int w, const struct field *f, int *cursor_x)
{
	const char *s = f->buf ? f->buf : "";
	size_t start = 0;
	for (;;) {
		char *before = strndup(s + start, f->cur - start);
		int cw = before ? text_width(before) : 0;
		free(before);
		if (cw < w - 1 || start >= f->cur) {
			*cursor_x = x + cw;
			break;
		}
		start = tui_utf8_next(s, start);
	}
	draw_text(y, x, w, s + start, false);
}

static void draw_form_fields(struct tui *t, struct dialog *d, int y, int x, int w,
                             int *cy, int *cx)
{
	int lw = 0;
	for (size_t i = 0; i < d->n; i++) {
		int tw = text_width(d->f[i].label);
		if (tw > lw)
			lw = tw;
	}
	if (lw > w / 3)
		lw = w / 3;
	int fw = w - lw - 6;
	for (size_t i = 0; i < d->n; i++) {
		const struct field *f = &d->f[i];
		bool focus = i == d->focus;
		draw_text(y + (int)i, x, lw, f->label, true);
		draw_text(y + (int)i, x + lw, 2, ":", false);
		if (focus)
			draw_attr(t, C_SELECT, true);
		else
			attron(A_UNDERLINE);
		int cursor = 0;
		draw_field_text(y + (int)i, x + lw + 2, fw, f, &cursor);
		if (focus) {
			draw_attr(t, C_SELECT, false);
			*cy = y + (int)i;
			*cx = cursor;
		} else {
			attroff(A_UNDERLINE);
		}
		if (f->err) {
			draw_attr(t, C_ERROR, true);
			draw_text(y + (int)i, x + lw + 3 + fw, 1, "!", false);
			draw_attr(t, C_ERROR, false);
		} else if (f->n_opts) {
			draw_text(y + (int)i, x + lw + 3 + fw, 1, "~", false);
		}
	}
}

/* The focused field's problem, or its hint and choices. */
static char *focus_note(struct dialog *d)
{
	struct sbuf b;
	sb_init(&b);
	const struct field *f = &d->f[d->focus];
	if (f->err) {
		sb_printf(&b, "! %s: %s", f->label, f->err);
	} else {
		if (f->hint)
			sb_add(&b, f->hint);
		if (f->n_opts) {
			const struct cfg_item *it = f->codes && f->buf ? config_find_text(f->codes, f->buf) : NULL;
			sb_printf(&b, "%s%s", b.len ? "  " : "", _("← → to choose"));
			if (it)
				sb_printf(&b, ": %s", config_label(it));
		}
	}
	return sb_take(&b);
}

static void draw_form(struct tui *t, struct dialog *d)
{
	int w = dialog_width();
	int intro = d->text ? draw_wrap(-1, 0, w - 4, 4, d->text) : 0;
	/* A refusal is shown whole (a frozen receipt says what may still
	 * change): the box grows for it. */
	int msg = d->error && !d->asking_discard ? draw_wrap(-1, 0, w - 4, 5, d->error) : 2;
	if (msg < 2)
		msg = 2;
	int h = (int)d->n + intro + (intro ? 1 : 0) + 5 + msg;
	if (h > LINES - 2)
		h = LINES - 2;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	draw_box(t, y, x, h, w, d->title);
	int row = y + 1;
	if (intro) {
		draw_wrap(row, x + 2, w - 4, intro, d->text);
		row += intro + 1;
	}
	int cy = row, cx = x + 2;
	draw_form_fields(t, d, row, x + 2, w - 4, &cy, &cx);
	row += (int)d->n + 1;
	char *note = d->n ? focus_note(d) : NULL;
	if (d->asking_discard) {
		draw_attr(t, C_WARN, true);
		draw_text(row, x + 2, w - 4, _("Discard your changes? y: discard, any other key: keep editing"), false);
		draw_attr(t, C_WARN, false);
	} else if (d->saving) {
		draw_attr(t, C_WARN, true);
		draw_wrap(row, x + 2, w - 4, msg, tui_saving_note());
		draw_attr(t, C_WARN, false);
	} else if (d->error) {
		draw_attr(t, C_ERROR, true);
		draw_wrap(row, x + 2, w - 4, msg, d->error);
		draw_attr(t, C_ERROR, false);
	} else if (note) {
		if (d->f[d->focus].err)
			draw_attr(t, C_ERROR, true);
		draw_wrap(row, x + 2, w - 4, 2, note);
		if (d->f[d->focus].err)
			draw_attr(t, C_ERROR, false);
	}
	free(note);
	draw_attr(t, C_DIM, true);
	draw_text(y + h - 2, x + 2, w - 4, _("Tab/↓ next · ↑ back · Enter next, on the last field save · Esc cancel"), false);
	draw_attr(t, C_DIM, false);
	if (d->n && !d->asking_discard) {
		curs_set(1);
		move(cy, cx);
	}
}

static void draw_confirm(struct tui *t, struct dialog *d)
{
	int w = dialog_width();
	/* While saving, what it waits for; after a refusal kept open, why. */
	const char *note = d->saving ? tui_saving_note() : d->error;
	int lines = draw_wrap(-1, 0, w - 4, LINES - 12, d->text);
	int extra = note ? draw_wrap(-1, 0, w - 4, 4, note) + 1 : 0;
	int h = lines + extra + 5;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	draw_box(t, y, x, h, w, d->title);
	draw_wrap(y + 1, x + 2, w - 4, lines, d->text);
	if (note) {
		draw_attr(t, d->saving ? C_WARN : C_ERROR, true);
		draw_wrap(y + 2 + lines, x + 2, w - 4, extra - 1, note);
		draw_attr(t, d->saving ? C_WARN : C_ERROR, false);
	}
	attron(A_BOLD);
	draw_text(y + h - 2, x + 2, w - 4, _("y: yes    n or Esc: no"), false);
	attroff(A_BOLD);
}

static void draw_pick(struct tui *t, struct dialog *d)
{
	int w = dialog_width();
	struct tlist *l = &d->list;
	int rows = (int)l->n_all < LINES - 10 ? (int)l->n_all : LINES - 10;
	if (rows < 3)
		rows = 3;
	int err_rows = d->error ? draw_wrap(-1, 0, w - 4, 3, d->error) : 0;
	if (rows > LINES - 10 - err_rows)
		rows = LINES - 10 - err_rows;
	int h = rows + 5 + err_rows;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	draw_box(t, y, x, h, w, d->title);
	if (err_rows) {
		/* Why the item picked was refused: pick another, or Esc. */
		draw_attr(t, C_ERROR, true);
		draw_wrap(y + h - 3 - err_rows, x + 2, w - 4, err_rows, d->error);
		draw_attr(t, C_ERROR, false);
	}
	tlist_scroll(l, rows);
	for (int r = 0; r < rows; r++) {
		size_t row = l->top + (size_t)r;
		if (row >= l->n)
			break;
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_fmt(y + 1 + r, x + 1, w - 2, false, "%s%s", sel ? ">" : " ", d->items[l->idx[row]]);
		if (sel)
			draw_select(t, false);
	}
	if (l->n == 0)
		draw_text(y + 1, x + 2, w - 4, _("(nothing matches)"), false);
	draw_fmt(y + h - 3, x + 2, w - 4, false, "%s %s", _("Filter:"), l->filter ? l->filter : "");
	draw_attr(t, C_DIM, true);
	draw_text(y + h - 2, x + 2, w - 4, _("↑↓ choose · Enter pick · type to filter · Esc cancel"), false);
	draw_attr(t, C_DIM, false);
}

void dlg_draw(struct tui *t, struct dialog *d)
{
	switch (d->kind) {
	case DLG_FORM: draw_form(t, d); break;
	case DLG_CONFIRM: draw_confirm(t, d); break;
	case DLG_PICK: draw_pick(t, d); break;
	}
}
