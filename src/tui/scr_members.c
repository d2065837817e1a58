/* scr_members.c: the team: a list with a detail pane; add, edit and end
 * (a member who leaves gets a left date, never a deletion) through forms
 * checked as typed; u undoes the last edit of this session. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/money.h"
#include "tui_internal.h"

struct members {
	struct member *v;
	size_t n;
	struct tlist list;
	int code_max, prof_max;   /* the widest code and profession label */
	int name_max;             /* and name */
};

static const enum action member_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_END_MEMBER, ACT_UNDO, ACT_REDO, ACT_STATEMENT, ACT_ACCOUNT, ACT_BANK, ACT_IMPORT_FILE, ACT_NONE
};

static bool member_match(void *ctx, size_t i, const char *needle)
{
	struct members *m = ctx;
	const struct member *x = &m->v[i];
	return tlist_contains(x->code, needle) || tlist_contains(x->name, needle) ||
	       tlist_contains(x->profession, needle) || tlist_contains(x->status, needle);
}

static void members_fini(void *st)
{
	struct members *m = st;
	member_list_free(m->v, m->n);
}

static enum status members_load(struct tui *t, void *st, struct err *e)
{
	struct members *m = st;
	member_list_free(m->v, m->n);
	m->v = NULL;
	m->n = 0;
	enum status rc = app_members(t->app, &m->v, &m->n, e);
	tlist_reset(&m->list, m->n);
	m->code_max = text_width(_("Code"));
	m->prof_max = text_width(_("Profession"));
	m->name_max = 16;
	for (size_t i = 0; i < m->n; i++) {
		int c = text_width(m->v[i].code), w = text_width(m->v[i].name);
		m->name_max = w > m->name_max ? w : m->name_max;
		int p = text_width(tui_label(&t->cfg->professions, m->v[i].profession));
		m->code_max = c > m->code_max ? c : m->code_max;
		m->prof_max = p > m->prof_max ? p : m->prof_max;
	}
	return rc;
}

static bool active_on(const struct member *x, int32_t day)
{
	return x->joined <= day && (x->left == DATE_NONE || x->left >= day);
}

/* ---- drawing ---- */

/* Columns: marker 2, code, name, profession (its label), state 6. The
 * code and the profession are as wide as their widest; the name takes
 * what is left, at least 16 columns, or the profession column goes (the
 * detail pane names it), so that none is cut. */
struct cols {
	int code_w, name_w, prof_w;   /* prof_w 0: no profession column */
};

static struct cols columns(const struct members *m, int w)
{
	struct cols c = { m->code_max, 0, m->prof_max };
	c.name_w = w - 2 - (c.code_w + 1) - (c.prof_w + 1) - 6;
	if (c.name_w < 16) {
		c.prof_w = 0;
		c.name_w = w - 2 - (c.code_w + 1) - 6;
	}
	return c;
}

static void draw_row(struct tui *t, const struct cols *c, const struct member *x, int y, int w, bool sel)
{
	if (sel)
		draw_select(t, true);
	int xn = 2 + c->code_w + 1;
	draw_text(y, 0, 2, sel ? ">" : "", false);
	draw_text(y, 2, c->code_w, x->code, false);
	draw_text(y, xn, c->name_w, x->name, false);
	if (c->prof_w)
		draw_text(y, xn + c->name_w + 1, c->prof_w, tui_label(&t->cfg->professions, x->profession), false);
	draw_text(y, w - 6, 6, active_on(x, t->today) ? "" : x->left != DATE_NONE && x->left < t->today ? _("left") : _("later"), false);
	if (sel)
		draw_select(t, false);
}

static void detail_row(int y, int x, int w, const char *label, const char *value)
{
	draw_text(y, x, 14, label, false);
	draw_text(y, x + 14, w - 14, value ? value : "", false);
}

static void draw_detail(struct tui *t, const struct member *x, int y, int px, int w)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	const struct cfg_item *prof = config_find(&t->cfg->professions, x->profession);
	const struct cfg_item *status = config_find(&t->cfg->statuses, x->status);
	const struct cfg_item *grp = prof && prof->group ? config_find(&t->cfg->groups, prof->group) : NULL;
	char *fte = fmt_hundredths(x->fte);
	draw_header(t, y, px, w, x->name);
	detail_row(y + 1, px, w, _("Code"), x->code);
	detail_row(y + 2, px, w, _("Profession"), prof ? config_label(prof) : x->profession);
	detail_row(y + 3, px, w, _("Group"), grp ? config_label(grp) : prof && prof->group ? prof->group : "");
	detail_row(y + 4, px, w, _("Status"), status ? config_label(status) : x->status);
	detail_row(y + 5, px, w, _("Joined"), fmt_date(x->joined, d1));
	detail_row(y + 6, px, w, _("Left"), x->left == DATE_NONE ? _("(still here)") : fmt_date(x->left, d2));
	detail_row(y + 7, px, w, _("Working time"), fte);
	detail_row(y + 8, px, w, _("RPPS"), x->rpps ? x->rpps : "-");
	char iban[IBAN_SHOWN_MAX];
	if (x->iban) {
		ident_iban_masked(x->iban, iban);
		/* A narrow pane keeps what tells accounts apart: the country,
		 * the check digits and the last four characters. */
		size_t n = strlen(x->iban);
		if (text_width(iban) > w - 14 && n > 8)
			snprintf(iban, sizeof iban, "%.4s ... %s", x->iban, x->iban + n - 4);
	}
	detail_row(y + 9, px, w, _("IBAN"), x->iban ? iban : "-");
	detail_row(y + 10, px, w, _("BIC"), x->bic ? x->bic : "-");
	free(fte);
	draw_attr(t, C_DIM, true);
	draw_wrap(y + 12, px, w, 4, _("e edit · x leaves (a date, nothing deleted) · s statement · c account over the years · b bank account"));
	draw_attr(t, C_DIM, false);
}

static void members_draw(struct tui *t, void *st, int top, int rows)
{
	struct members *m = st;
	/* The list as wide as it needs (with the professions when they fit
	 * in 62 columns of a hundred), the rest for the detail pane, whose
	 * labels are long in French. */
	int most = COLS * 62 / 100, bare = 2 + m->code_max + 1 + m->name_max + 1 + 6;
	int lw = bare + m->prof_max + 1 <= most ? bare + m->prof_max + 1 : bare < most ? bare : most;
	struct tlist *l = &m->list;
	struct cols c = columns(m, lw);
	int xn = 2 + c.code_w + 1;
	draw_header(t, top, 0, lw, "");
	draw_text(top, 2, c.code_w, _("Code"), false);
	draw_text(top, xn, c.name_w, _("Name"), false);
	if (c.prof_w)
		draw_text(top, xn + c.name_w + 1, c.prof_w, _("Profession"), false);
	draw_fmt(top, lw - 8, 8, true, "%zu/%zu", l->n, l->n_all);
	tlist_scroll(l, rows - 1);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_row(t, &c, &m->v[l->idx[row]], top + 1 + r, lw, row == l->sel);
	}
	if (!l->n)
		draw_wrap(top + 1, 2, lw - 3, rows - 1, m->n ? _("(nothing matches the filter)") : _("No member yet: press a to add one."));
	draw_vline(top, lw, rows);
	size_t i = tlist_item(l);
	if (i != SIZE_MAX)
		draw_detail(t, &m->v[i], top, lw + 2, COLS - lw - 3);
}

/* ---- forms ---- */

enum { F_CODE, F_NAME, F_PROF, F_STATUS, F_JOINED, F_LEFT, F_FTE, F_RPPS };

/* An IBAN or a BIC as typed, normalised as the store keeps it (the form
 * checked it); NULL when empty. *failed when out of memory. */
static char *bank_value(const char *typed, bool iban, bool *failed)
{
	char norm[IBAN_MAX];
	const char *why = NULL;
	if (!*typed)
		return NULL;
	bool ok = iban ? ident_iban(typed, norm, &why) : ident_bic(typed, norm, &why);
	char *s = strdup(ok ? norm : typed);
	*failed = *failed || !s;
	return s;
}

/* The member typed in a form (code from `code` when the form has none). */
static enum status member_from_form(struct dialog *d, bool has_code, const char *code,
                                    struct member *m, struct err *e)
{
	size_t o = has_code ? 0 : 1;   /* fields shift when there is no code */
	memset(m, 0, sizeof *m);
	int64_t fte = 0;
	const char *left = dlg_value(d, F_LEFT - o);
	const char *rpps = dlg_value(d, F_RPPS - o);
	m->code = strdup(has_code ? dlg_value(d, F_CODE) : code);
	m->name = strdup(dlg_value(d, F_NAME - o));
	m->profession = strdup(dlg_value(d, F_PROF - o));
	m->status = strdup(dlg_value(d, F_STATUS - o));
	m->rpps = *rpps ? strdup(rpps) : NULL;
	m->left = DATE_NONE;
	if (!m->code || !m->name || !m->profession || !m->status || (*rpps && !m->rpps))
		return err_set(e, ST_NOMEM, NULL);
	if (date_parse(dlg_value(d, F_JOINED - o), &m->joined) != ST_OK ||
	    (*left && date_parse(left, &m->left) != ST_OK) ||
	    decimal_parse(dlg_value(d, F_FTE - o), 2, &fte) != ST_OK)
		return err_set(e, ST_INVALID, _("a field is not right"));
	m->fte = (int32_t)fte;
	return ST_OK;
}

static void member_ctx_free(void *p)
{
	if (p)
		member_fini(p);
	free(p);
}

static enum status submit_add(struct tui *t, struct dialog *d, struct err *e)
{
	struct member m;
	enum status rc = member_from_form(d, true, NULL, &m, e);
	if (rc == ST_OK)
		rc = app_member_add(t->app, &m, e);
	if (rc == ST_OK)
		tui_msg(t, _("Member %s added."), m.code);
	member_fini(&m);
	return rc;
}

static enum status submit_edit(struct tui *t, struct dialog *d, struct err *e)
{
	const struct member *before = d->ctx;
	struct member m;
	enum status rc = member_from_form(d, false, before->code, &m, e);
	/* The bank account has its own form (b): this one keeps it. */
	if (rc == ST_OK && ((before->iban && !(m.iban = strdup(before->iban))) ||
	                    (before->bic && !(m.bic = strdup(before->bic)))))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = app_member_update(t->app, before, &m, e);
	if (rc == ST_OK)
		tui_msg(t, _("Member %s saved (u undoes it)."), m.code);
	member_fini(&m);
	return rc;
}

static void member_fields(struct tui *t, struct dialog *d, const struct member *x, bool with_code)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	char *fte = x ? fmt_hundredths(x->fte) : NULL;
	if (with_code)
		field_hint(dlg_field(d, _("Code"), FIELD_CODE, true, x ? x->code : NULL),
		           _("A short unique code, e.g. DUPONT or IDE2"));
	dlg_field(d, _("Name"), FIELD_NAME, true, x ? x->name : NULL);
	field_codes(dlg_field(d, _("Profession"), FIELD_PROFESSION, true, x ? x->profession : "gp"),
	            &t->cfg->professions, true);
	field_codes(dlg_field(d, _("Status"), FIELD_STATUS, true, x ? x->status : "associate"),
	            &t->cfg->statuses, true);
	field_hint(dlg_field(d, _("Joined"), FIELD_DATE, true, fmt_date(x ? x->joined : t->today, d1)),
	           _("YYYY-MM-DD or DD/MM/YYYY"));
	field_hint(dlg_field(d, _("Left"), FIELD_DATE_OPT, true, x ? fmt_date(x->left, d2) : NULL),
	           _("Empty while the member is still here"));
	field_hint(dlg_field(d, _("Working time"), FIELD_FTE, true, fte ? fte : "1"),
	           _("1 is full time; 0,8 is four days a week"));
	field_hint(dlg_field(d, _("RPPS"), FIELD_RPPS, true, x ? x->rpps : NULL),
	           _("Optional: 11 digits"));
	free(fte);
}

static unsigned open_add(struct tui *t)
{
	struct dialog *d = dlg_form(_("New member"), submit_add, NULL, NULL);
	if (!d)
		return R_NONE;
	member_fields(t, d, NULL, true);
	tui_open(t, d);
	return R_REDRAW;
}

static struct member *copy_of(const struct member *x)
{
	struct member *c = calloc(1, sizeof *c);
	if (c && !member_copy(c, x)) {
		member_ctx_free(c);
		return NULL;
	}
	return c;
}

/* A form titled `title` whose context is a copy of x as shown (freed
 * with the form); NULL without memory. */
static struct dialog *form_on_copy(const struct member *x, dlg_submit submit, char *title)
{
	struct member *before = title ? copy_of(x) : NULL;
	struct dialog *d = before ? dlg_form(title, submit, before, member_ctx_free) : NULL;
	free(title);
	return d;
}

static unsigned open_edit(struct tui *t, const struct member *x)
{
	struct dialog *d = form_on_copy(x, submit_edit, str_printf(_("Edit member %s"), x->code));
	if (!d)
		return R_NONE;
	member_fields(t, d, x, false);
	dlg_check_all(t, d);
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_end(struct tui *t, struct dialog *d, struct err *e)
{
	const struct member *before = d->ctx;
	int32_t left;
	if (date_parse(dlg_value(d, 0), &left) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date"));
	enum status rc = app_member_end(t->app, before, left, e);
	if (rc == ST_OK)
		tui_msg(t, _("%s leaves on the date given; nothing was deleted (u undoes it)."), before->code);
	return rc;
}

static unsigned open_end(struct tui *t, const struct member *x)
{
	struct member *before = copy_of(x);
	if (!before)
		return R_NONE;
	char d1[DATE_BUFSZ];
	struct dialog *d = dlg_form_fmt(submit_end, before, member_ctx_free, _("%s leaves"), x->name);
	if (!d)
		return R_NONE;
	d->text = strdup(_("Nothing is deleted: the member stays in the history and in the distributions made; "
	                   "after this date they no longer count in new ones."));
	int32_t when = x->left != DATE_NONE ? x->left : t->today;
	field_hint(dlg_field(d, _("Last day"), FIELD_DATE, true, fmt_date(when, d1)), _("YYYY-MM-DD or DD/MM/YYYY"));
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- the bank account: IBAN and BIC, for the SEPA transfer file ---- */

static enum status submit_bank(struct tui *t, struct dialog *d, struct err *e)
{
	const struct member *before = d->ctx;
	struct member m;
	bool failed = !member_copy(&m, before);
	free(m.iban);
	free(m.bic);
	m.iban = bank_value(dlg_value(d, 0), true, &failed);
	m.bic = bank_value(dlg_value(d, 1), false, &failed);
	enum status rc = failed ? err_set(e, ST_NOMEM, NULL) : app_member_update(t->app, before, &m, e);
	if (rc == ST_OK)
		tui_msg(t, _("Member %s saved (u undoes it)."), m.code);
	member_fini(&m);
	return rc;
}

static unsigned open_bank(struct tui *t, const struct member *x)
{
	struct dialog *d = form_on_copy(x, submit_bank, str_printf(_("Bank account of %s"), x->name));
	if (!d)
		return R_NONE;
	field_hint(dlg_field(d, _("IBAN"), FIELD_IBAN, true, x->iban),
	           _("Optional: where the SEPA transfer file sends the member's shares"));
	field_hint(dlg_field(d, _("BIC"), FIELD_BIC, true, x->bic), _("Optional: 8 or 11 characters"));
	dlg_check_all(t, d);
	tui_open(t, d);
	return R_REDRAW;
}

static unsigned members_act(struct tui *t, void *st, enum action a)
{
	struct members *m = st;
	size_t i = tlist_item(&m->list);
	const struct member *x = i == SIZE_MAX ? NULL : &m->v[i];
	switch (a) {
	case ACT_ADD: return open_add(t);
	case ACT_EDIT: case ACT_OPEN: return x ? open_edit(t, x) : R_NONE;
	case ACT_END_MEMBER: return x ? open_end(t, x) : R_NONE;
	case ACT_BANK: return x ? open_bank(t, x) : R_NONE;
	case ACT_ACCOUNT:
		if (x)
			account_show(t, x);
		return R_REDRAW;
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT_FILE: return tui_import(t, TABLE_MEMBERS);
	case ACT_STATEMENT:
		if (x)
			statements_show(t, x->code);
		return R_REDRAW;
	default: return R_PASS;
	}
}

const struct screen_ops scr_members = {
	.name = N_("Members"),
	.bindings = member_bindings,
	TUI_STATE(struct members, list, member_match),
	.fini = members_fini,
	.load = members_load,
	.draw = members_draw,
	.act = members_act,
	.unsaved = NULL,
};
