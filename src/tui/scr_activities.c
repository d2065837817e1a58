/* scr_activities.c: the activity log (meetings, RCP, protocols...) that
 * feeds the `hours` basis: a filterable list with its total, and forms to
 * log hours, correct or delete an entry (u undoes it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "tui_internal.h"

struct activities {
	struct activity *v;
	size_t n;
	struct tlist list;
	char **codes;          /* member codes, for the form's choices */
	size_t n_codes;
	char *select_member;   /* after an add: select its line */
	int32_t select_date;
	size_t drawn_top;      /* the first row and the selection as drawn */
	size_t drawn_sel;
};

static const enum action activity_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_UNDO, ACT_REDO, ACT_IMPORT_FILE, ACT_NONE
};

static bool activity_match(void *ctx, size_t i, const char *needle)
{
	struct activities *s = ctx;
	const struct activity *x = &s->v[i];
	char d[DATE_BUFSZ];
	return tlist_contains(x->member, needle) || tlist_contains(x->kind, needle) ||
	       tlist_contains(x->note, needle) || tlist_contains(fmt_date(x->date, d), needle);
}

static void clear_data(struct activities *s)
{
	activity_list_free(s->v, s->n);
	for (size_t i = 0; i < s->n_codes; i++)
		free(s->codes[i]);
	free(s->codes);
	s->v = NULL;
	s->codes = NULL;
	s->n = s->n_codes = 0;
}

static void activities_fini(void *st)
{
	struct activities *s = st;
	clear_data(s);
	free(s->select_member);
}

static enum status activities_load(struct tui *t, void *st, struct err *e)
{
	struct activities *s = st;
	clear_data(s);
	struct member *m = NULL;
	size_t nm = 0;
	enum status rc = app_activities(t->app, &s->v, &s->n, e);
	if (rc == ST_OK)
		rc = app_members(t->app, &m, &nm, e);
	if (rc == ST_OK && (s->codes = calloc(nm ? nm : 1, sizeof *s->codes))) {
		for (size_t i = 0; i < nm; i++) {
			s->codes[i] = m[i].code;   /* taken over */
			m[i].code = NULL;
		}
		s->n_codes = nm;
	}
	member_list_free(m, nm);
	size_t was = s->list.n_all;
	tlist_reset(&s->list, s->n);
	/* The newest entries are at the end: start there. */
	if (!was && s->list.n)
		s->list.sel = s->list.n - 1;
	/* The line just logged (the last of that member on that day). */
	for (size_t i = 0; s->select_member && i < s->n; i++)
		if (s->v[i].date == s->select_date && strcmp(s->v[i].member, s->select_member) == 0)
			tlist_select(&s->list, i);
	free(s->select_member);
	s->select_member = NULL;
	return rc;
}

/* A kind as the list shows it: the configuration's label in the reader's
 * language, or its code when the label ends with it in brackets
 * ("Réunion de concertation pluriprofessionnelle (RCP)" is RCP). */
static const char *kind_word(const struct config *c, const char *code)
{
	const char *label = tui_label(&c->activity_kinds, code);
	size_t n = strlen(label), m = strlen(code);
	if (n > m + 2 && label[n - 1] == ')' && label[n - m - 2] == '(' && strncmp(label + n - m - 1, code, m) == 0)
		return code;
	return label;
}

/* The kind column: as wide as the widest kind, 12 at least, 28 at most. */
static int kind_width(const struct config *c)
{
	int w = 12;
	for (size_t i = 0; i < c->activity_kinds.n; i++) {
		int k = text_width(kind_word(c, c->activity_kinds.v[i].code));
		w = k > w ? k : w;
	}
	return w > 28 ? 28 : w;
}

/* What draws one row of the list (for tlist_repaint too). */
struct row_ctx {
	struct tui *t;
	struct activities *s;
	int kindw, notew;
};

static void draw_row_at(void *ctx, size_t row, int y)
{
	struct row_ctx *c = ctx;
	struct tlist *l = &c->s->list;
	const struct activity *x = &c->s->v[l->idx[row]];
	bool sel = row == l->sel;
	char d[DATE_BUFSZ];
	char *h = fmt_hundredths(x->hours);
	if (sel)
		draw_select(c->t, true);
	draw_text(y, 0, 2, sel ? ">" : "", false);
	draw_text(y, 2, 10, fmt_date(x->date, d), false);
	draw_text(y, 13, 11, x->member, false);
	draw_text(y, 25, c->kindw, kind_word(c->t->cfg, x->kind), false);
	draw_text(y, 26 + c->kindw, 6, h ? h : "", true);
	/* A note too long for its column shows its first words whole. */
	const char *note = x->note ? x->note : "";
	size_t n = c->notew > 0 ? text_wrap_at(note, c->notew) : 0;
	char *shown = strndup(note, n);
	draw_text(y, 34 + c->kindw, c->notew, shown ? shown : "", false);
	free(shown);
	if (sel)
		draw_select(c->t, false);
	free(h);
}

static int note_width(int kindw)
{
	return COLS - 34 - kindw;
}

static void activities_draw(struct tui *t, void *st, int top, int rows)
{
	struct activities *s = st;
	struct tlist *l = &s->list;
	int kindw = kind_width(t->cfg), notew = note_width(kindw);
	draw_header(t, top, 0, COLS, "");
	draw_text(top, 2, 10, _("Date"), false);
	draw_text(top, 13, 11, _("Member"), false);
	draw_text(top, 25, kindw, _("Kind"), false);
	draw_text(top, 26 + kindw, 6, _("Hours"), true);
	draw_text(top, 34 + kindw, notew, _("Note"), false);
	int n = rows - 2;
	tlist_scroll(l, n);
	int64_t total = 0;
	for (size_t r = 0; r < l->n; r++)
		total += s->v[l->idx[r]].hours;
	struct row_ctx c = { t, s, kindw, notew };
	for (int i = 0; i < n && l->top + (size_t)i < l->n; i++)
		draw_row_at(&c, l->top + (size_t)i, top + 1 + i);
	if (!l->n)
		draw_text(top + 1, 2, COLS - 2, s->n ? _("(nothing matches the filter)") : _("No activity yet: press a to log hours."), false);
	char *h = fmt_hundredths(total);
	attron(A_BOLD);
	draw_fmt(top + rows - 1, 2, COLS - 2, false, _("%zu line(s), %s hours%s%s"), l->n, h ? h : "",
	         l->filter ? _(" matching ") : "", l->filter ? l->filter : "");
	attroff(A_BOLD);
	free(h);
	s->drawn_top = l->top;
	s->drawn_sel = l->sel;
}

/* After a move: only the rows that changed (the total is the same). */
static void activities_draw_rows(struct tui *t, void *st, int top, int rows)
{
	struct activities *s = st;
	struct tlist *l = &s->list;
	int n = rows - 2;
	if (n != l->rows || n < 1) {
		activities_draw(t, st, top, rows);
		return;
	}
	tlist_scroll(l, n);
	int kindw = kind_width(t->cfg);
	struct row_ctx c = { t, s, kindw, note_width(kindw) };
	tlist_repaint(l, top + 1, n, COLS, &s->drawn_top, &s->drawn_sel, draw_row_at, &c);
}

enum { F_MEMBER, F_DATE, F_KIND, F_HOURS, F_NOTE };

static void activity_ctx_free(void *x)
{
	if (x)
		activity_fini(x);
	free(x);
}

static struct activity *activity_dup(const struct activity *x)
{
	struct activity *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	*c = *x;
	c->member = strdup(x->member);
	c->kind = strdup(x->kind);
	c->note = x->note ? strdup(x->note) : NULL;
	if (!c->member || !c->kind || (x->note && !c->note)) {
		activity_ctx_free(c);
		return NULL;
	}
	return c;
}

/* Select the line of that member on that day after the next load. */
static void select_after(struct tui *t, const struct activity *a)
{
	struct activities *s = tui_state(t, SCR_ACTIVITIES);
	free(s->select_member);
	s->select_member = strdup(a->member);
	s->select_date = a->date;
}

/* Add (ctx NULL) or edit (ctx: the entry as shown). */
static enum status submit_activity(struct tui *t, struct dialog *d, struct err *e)
{
	const struct activity *before = d->ctx;
	struct activity a;
	memset(&a, 0, sizeof a);
	const char *note = dlg_value(d, F_NOTE);
	a.member = strdup(dlg_value(d, F_MEMBER));
	a.kind = strdup(dlg_value(d, F_KIND));
	a.note = *note ? strdup(note) : NULL;
	enum status rc = ST_OK;
	if (!a.member || !a.kind)
		rc = err_set(e, ST_NOMEM, NULL);
	else if (date_parse(dlg_value(d, F_DATE), &a.date) != ST_OK ||
	         hours_parse(dlg_value(d, F_HOURS), &a.hours) != ST_OK)
		rc = err_set(e, ST_INVALID, _("a field is not right"));
	if (rc == ST_OK)
		rc = before ? app_activity_update(t->app, before, &a, e) : app_activity_add(t->app, &a, e);
	if (rc == ST_OK) {
		if (before)
			tui_msg(t, _("Hours of %s saved (u undoes it)."), a.member);
		else
			tui_msg(t, _("Hours logged for %s."), a.member);
		select_after(t, &a);
	}
	activity_fini(&a);
	return rc;
}

static unsigned open_form(struct tui *t, struct activities *s, const struct activity *x)
{
	char d1[DATE_BUFSZ];
	struct activity *before = x ? activity_dup(x) : NULL;
	if (x && !before)
		return R_NONE;
	struct dialog *d = dlg_form(x ? _("Edit hours of activity") : _("Log hours of activity"), submit_activity,
	                            before, activity_ctx_free);
	if (!d)
		return R_NONE;
	char *hours = x ? fmt_hundredths(x->hours) : NULL;
	struct field *m = dlg_field(d, _("Member"), FIELD_MEMBER, true,
	                            x ? x->member : s->n_codes ? s->codes[0] : NULL);
	if (m)
		field_opts(m, s->codes, s->n_codes);
	dlg_field(d, _("Date"), FIELD_DATE, true, fmt_date(x ? x->date : t->today, d1));
	field_codes(dlg_field(d, _("Kind"), FIELD_ACTIVITY_KIND, true, x ? x->kind : "RCP"), &t->cfg->activity_kinds, true);
	field_hint(dlg_field(d, _("Hours"), FIELD_HOURS, true, hours), _("e.g. 1,5 or 1h30 for an hour and a half"));
	dlg_field(d, _("Note"), FIELD_TEXT, true, x ? x->note : NULL);
	free(hours);
	dlg_check_all(t, d);
	if (!x && d->n > F_HOURS) {
		free(d->f[F_HOURS].err);   /* not typed yet: no reproach */
		d->f[F_HOURS].err = NULL;
	}
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_delete(struct tui *t, struct dialog *d, struct err *e)
{
	const struct activity *before = d->ctx;
	enum status rc = app_activity_delete(t->app, before, e);
	if (rc == ST_OK)
		tui_msg(t, _("Hours of %s removed (u undoes it)."), before->member);
	return rc;
}

static unsigned open_delete(struct tui *t, const struct activity *x)
{
	struct activity *before = activity_dup(x);
	if (!before)
		return R_NONE;
	char d1[DATE_BUFSZ];
	char *hours = fmt_hundredths(x->hours);
	tui_open(t, dlg_confirm_fmt(_("Delete"), submit_delete, before, activity_ctx_free,
	                            _("Delete the %s hours of %s (%s) on %s?"), hours ? hours : "", x->member,
	                            x->kind, fmt_date(x->date, d1)));
	free(hours);
	return R_REDRAW;
}

static unsigned activities_act(struct tui *t, void *st, enum action a)
{
	struct activities *s = st;
	size_t i = tlist_item(&s->list);
	switch (a) {
	case ACT_ADD: return open_form(t, s, NULL);
	case ACT_EDIT: case ACT_OPEN: return i == SIZE_MAX ? R_NONE : open_form(t, s, &s->v[i]);
	case ACT_DELETE: return i == SIZE_MAX ? R_NONE : open_delete(t, &s->v[i]);
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT_FILE: return tui_import(t, TABLE_ACTIVITIES);
	default: return R_PASS;
	}
}

const struct screen_ops scr_activities = {
	.name = N_("Activities"),
	.bindings = activity_bindings,
	TUI_STATE(struct activities, list, activity_match),
	.fini = activities_fini,
	.load = activities_load,
	.draw = activities_draw,
	.draw_rows = activities_draw_rows,
	.act = activities_act,
	.unsaved = NULL,
};
