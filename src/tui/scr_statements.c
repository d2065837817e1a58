/* scr_statements.c: a member's statement for a period, from the approved
 * distributions as stored: each line says what, from which receipt, with
 * which key and basis, and the cents; Enter opens it whole, with every
 * line explained, and E produces it (or another document) as a file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

struct statements {
	struct member *m;
	size_t n;
	struct tlist list;
	int32_t start, end;
	struct app_statement st;
	char *loaded_for;      /* the member whose statement st is */
	char *select;          /* select this member after the next load */
};

static const enum action statement_bindings[] = {
	ACT_OPEN, ACT_DOCUMENTS, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_PERIOD, ACT_NONE
};

static bool member_match(void *ctx, size_t i, const char *needle)
{
	struct statements *s = ctx;
	return tlist_contains(s->m[i].code, needle) || tlist_contains(s->m[i].name, needle);
}

static void statements_init(void *st)
{
	struct statements *s = st;
	s->start = s->end = DATE_NONE;
}

static void statements_fini(void *st)
{
	struct statements *s = st;
	member_list_free(s->m, s->n);
	app_statement_fini(&s->st);
	free(s->loaded_for);
	free(s->select);
}

/* The statement of the selected member, read when it is not the one held. */
static enum status load_statement(struct tui *t, struct statements *s, bool force, struct err *e)
{
	size_t i = tlist_item(&s->list);
	if (i == SIZE_MAX) {
		app_statement_fini(&s->st);
		return ST_OK;
	}
	if (!force && s->loaded_for && strcmp(s->loaded_for, s->m[i].code) == 0)
		return ST_OK;
	app_statement_fini(&s->st);
	free(s->loaded_for);
	s->loaded_for = strdup(s->m[i].code);
	return app_statement(t->app, s->m[i].code, s->start, s->end, &s->st, e);
}

static const char *member_code_at(void *ctx, size_t i)
{
	return ((struct statements *)ctx)->m[i].code;
}

static enum status statements_load(struct tui *t, void *st, struct err *e)
{
	struct statements *s = st;
	if (s->start == DATE_NONE) {
		s->start = date_year_start(t->year);
		s->end = date_year_end(t->year);
	}
	member_list_free(s->m, s->n);
	s->m = NULL;
	s->n = 0;
	enum status rc = app_members(t->app, &s->m, &s->n, e);
	tlist_reset(&s->list, s->n);
	tlist_select_named(&s->list, &s->select, member_code_at);
	if (rc == ST_OK)
		rc = load_statement(t, s, true, e);
	return rc;
}

void statements_show(struct tui *t, const char *member)
{
	struct statements *s = tui_state(t, SCR_STATEMENTS);
	free(s->select);
	s->select = strdup(member);
	t->stale[SCR_STATEMENTS] = true;
	tui_goto(t, SCR_STATEMENTS);
}

/* ---- drawing ---- */

static void draw_members(struct tui *t, struct statements *s, int top, int rows, int w)
{
	struct tlist *l = &s->list;
	draw_header(t, top, 0, w, _("Member"));
	tlist_scroll(l, rows - 1);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_fmt(top + 1 + r, 0, w, false, "%s%s", sel ? ">" : " ", s->m[l->idx[row]].code);
		if (sel)
			draw_select(t, false);
	}
}

static void draw_line(const struct app_statement_line *l, int y, int x, int w)
{
	char d[DATE_BUFSZ];
	int part = w - 10 - 14 - 9 - 13 - 2 - 4;
	draw_text(y, x, 10, fmt_date(l->received, d), false);
	draw_text(y, x + 11, 13, l->receipt, false);
	draw_text(y, x + 25, 8, l->key_name, false);
	draw_text(y, x + 34, part, l->label, false);
	draw_money(y, x + 35 + part, 12, l->cents);
	draw_text(y, x + 48 + part, 2, l->paid_on != DATE_NONE ? "✔" : "", false);
}

/* The keys below a statement, and the command that exports it, wrapped
 * into w columns from row y, never cut; the rows they take (y < 0: only
 * counted). */
static int draw_hints(const struct statements *s, const struct member *m, int y, int x, int w)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	int y1, y2, m1, m2, day1, day2;
	date_split(s->start, &y1, &m1, &day1);
	date_split(s->end, &y2, &m2, &day2);
	char *cmd = y1 == y2 && m1 == 1 && day1 == 1 && m2 == 12 && day2 == 31
		? str_printf("quotepart statement --member %s --year %d", m->code, y1)
		: str_printf("quotepart statement --member %s --from %s --to %s", m->code,
		             fmt_date(s->start, d1), fmt_date(s->end, d2));
	const char *text[] = {
		_("Enter: the whole statement, every line explained · < > d: period"),
		_("E: this statement or another document, as a file"),
		_("To export it:"), cmd ? cmd : "",
	};
	int used = 0;
	for (size_t k = 0; k < sizeof text / sizeof text[0]; k++)
		used += draw_wrap(y < 0 ? -1 : y + used, x, w, 3, text[k]);
	free(cmd);
	return used;
}

static void draw_statement(struct tui *t, struct statements *s, int top, int rows, int x, int w)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	size_t i = tlist_item(&s->list);
	if (i == SIZE_MAX) {
		draw_text(top + 1, x, w, _("No member."), false);
		return;
	}
	const struct member *m = &s->m[i];
	draw_attr(t, C_HEADER, true);
	draw_fmt(top, x, w, false, "%s (%s) · %s → %s", m->name, m->code, fmt_date(s->start, d1), fmt_date(s->end, d2));
	draw_attr(t, C_HEADER, false);
	int part = w - 10 - 14 - 9 - 13 - 2 - 4;
	draw_text(top + 1, x, 10, _("Received"), false);
	draw_text(top + 1, x + 11, 13, _("Receipt"), false);
	draw_text(top + 1, x + 25, 8, _("Key"), false);
	draw_text(top + 1, x + 34, part, _("Part"), false);
	draw_text(top + 1, x + 35 + part, 12, _("Amount"), true);
	int hints = draw_hints(s, m, -1, x, w);
	int n = rows - 3 - hints;
	for (int r = 0; r < n && (size_t)r < s->st.n; r++)
		draw_line(&s->st.v[r], top + 2 + r, x, w);
	if (!s->st.n)
		draw_wrap(top + 2, x, w, 3, _("Nothing in approved distributions of receipts received in this period."));
	else if (s->st.n > (size_t)n)
		draw_fmt(top + 2 + n - 1, x, w, false, _("… %zu more line(s): Enter opens the whole statement"), s->st.n - (size_t)n + 1);
	char *total = fmt_money(s->st.total), *paid = fmt_money(s->st.paid);
	attron(A_BOLD);
	draw_fmt(top + rows - 1 - hints, x, w, false, "%s %s · %s %s (✔)", _("Total"), total ? total : "",
	         _("of which paid"), paid ? paid : "");
	attroff(A_BOLD);
	free(total);
	free(paid);
	draw_attr(t, C_DIM, true);
	draw_hints(s, m, top + rows - hints, x, w);
	draw_attr(t, C_DIM, false);
}

static void statements_draw(struct tui *t, void *st, int top, int rows)
{
	struct statements *s = st;
	int lw = 15;
	size_t i = tlist_item(&s->list);
	/* The filter moved the selection: read that member's statement. */
	if (i != SIZE_MAX && (!s->loaded_for || strcmp(s->loaded_for, s->m[i].code) != 0))
		t->stale[SCR_STATEMENTS] = true;
	draw_members(t, s, top, rows, lw);
	draw_vline(top, lw, rows);
	draw_statement(t, s, top, rows, lw + 2, COLS - lw - 2);
}

/* ---- the whole statement as text ---- */

static void line_text(struct sbuf *b, const struct app_statement_line *l)
{
	char d[DATE_BUFSZ], p[DATE_BUFSZ];
	char *cents = fmt_money(l->cents);
	sb_printf(b, "%s  D%lld  %s (%s)  %s v%d", fmt_date(l->received, d), (long long)l->dist_id,
	          l->receipt, l->source, l->key_name, l->key_version);
	if (l->reverses)
		sb_printf(b, "  %s D%lld", _("reversal of"), (long long)l->reverses);
	else if (l->mode != DIST_NORMAL)
		sb_printf(b, "  %s", _("true-up: less what the earlier distributions gave"));
	sb_add(b, "\n");
	sb_printf(b, "    %s", l->label);
	if (l->basis)
		sb_printf(b, ": %s %s, %s %s, %s %s, %s %s, %s %s", _("basis"), l->basis, _("value"), l->value,
		          _("presence"), l->presence, _("weight"), l->weight, _("exact share (cents)"), l->exact);
	sb_printf(b, "\n    %s %s", _("amount"), cents ? cents : "");
	if (l->before) {
		char *before = fmt_money(l->before);
		sb_printf(b, " (%s %s)", _("after what was given before:"), before ? before : "");
		free(before);
	}
	if (l->paid_on != DATE_NONE)
		sb_printf(b, " · %s %s", _("paid on"), fmt_date(l->paid_on, p));
	sb_add(b, "\n");
	free(cents);
}

static unsigned open_whole(struct tui *t, struct statements *s)
{
	size_t i = tlist_item(&s->list);
	if (i == SIZE_MAX)
		return R_NONE;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	for (size_t k = 0; k < s->st.n; k++)
		line_text(&b, &s->st.v[k]);
	char *total = fmt_money(s->st.total);
	sb_printf(&b, "\n%s %s\n\n%s\n", _("Total"), total ? total : "",
	          _("Each line is the exact share rounded down; the cents left over go one each to the largest "
	            "remainders, ties to the member code first in byte order."));
	free(total);
	char *title = str_printf(_("Statement of %s, %s to %s"), s->m[i].name,
	                         fmt_date(s->start, d1), fmt_date(s->end, d2));
	char *text = sb_take(&b);
	tui_view_text(t, title ? title : s->m[i].name, text ? text : "");
	free(text);
	free(title);
	return R_REDRAW;
}

static enum status submit_period(struct tui *t, struct dialog *d, struct err *e)
{
	struct statements *s = tui_state(t, SCR_STATEMENTS);
	int32_t a, b;
	if (date_parse(dlg_value(d, 0), &a) != ST_OK || date_parse(dlg_value(d, 1), &b) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date"));
	if (b < a)
		return err_set(e, ST_INVALID, _("the period ends before it starts"));
	s->start = a;
	s->end = b;
	return ST_OK;
}

static unsigned open_period(struct tui *t, struct statements *s)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct dialog *d = dlg_form(_("Period of the statement"), submit_period, NULL, NULL);
	if (!d)
		return R_NONE;
	d->text = strdup(_("Lines of receipts received in this period."));
	dlg_field(d, _("From"), FIELD_DATE, true, fmt_date(s->start, d1));
	dlg_field(d, _("To"), FIELD_DATE, true, fmt_date(s->end, d2));
	tui_open(t, d);
	return R_REDRAW;
}

static void shift_year(struct statements *s, int by)
{
	int y;
	date_split(s->start, &y, NULL, NULL);
	s->start = date_year_start(y + by);
	s->end = date_year_end(y + by);
}

static unsigned statements_act(struct tui *t, void *st, enum action a)
{
	struct statements *s = st;
	struct err e = ERR_INIT;
	switch (a) {
	case ACT_OPEN: return open_whole(t, s);
	case ACT_PERIOD: return open_period(t, s);
	case ACT_DOCUMENTS: {
		size_t i = tlist_item(&s->list);
		return tui_documents(t, i == SIZE_MAX ? NULL : s->m[i].code, s->start, s->end);
	}
	case ACT_PREV_YEAR: shift_year(s, -1); t->stale[SCR_STATEMENTS] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: shift_year(s, 1); t->stale[SCR_STATEMENTS] = true; return R_REDRAW;
	default:
		if (!tlist_nav(&s->list, a))
			return R_PASS;
		/* Another member: their statement (a few queries). */
		if (load_statement(t, s, false, &e) != ST_OK)
			tui_error(t, &e);
		err_fini(&e);
		return R_REDRAW;
	}
}

const struct screen_ops scr_statements = {
	.name = N_("Statements"),
	.bindings = statement_bindings,
	TUI_STATE(struct statements, list, member_match),
	.init = statements_init,
	.fini = statements_fini,
	.load = statements_load,
	.draw = statements_draw,
	.act = statements_act,
	.unsaved = NULL,
};
