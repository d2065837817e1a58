/* scr_receipts.c: the money received: a list with its distributions'
 * state, the selected receipt's details, forms to record one and to edit
 * one (an approved distribution freezes its figures: the form says so),
 * and Enter or n to divide it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "tui_internal.h"

struct receipts {
	struct receipt *v;
	size_t n;
	enum receipt_state *state;   /* per receipt */
	struct tlist list;
	int64_t select_id;     /* select this receipt after the next load */
	int kind_max, ref_max; /* the widest kind label and reference, in columns */
};

static const enum action receipt_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_DISTRIBUTE, ACT_OPEN, ACT_UNDO, ACT_REDO, ACT_IMPORT_FILE, ACT_NONE
};

static const char *state_text(enum receipt_state state)
{
	switch (state) {
	case RECEIPT_APPROVED: return _("approved");
	case RECEIPT_DRAFT: return _("draft");
	default: return _("to divide");
	}
}

static bool receipt_match(void *ctx, size_t i, const char *needle)
{
	struct receipts *r = ctx;
	const struct receipt *x = &r->v[i];
	return tlist_contains(x->reference, needle) || tlist_contains(x->source, needle) ||
	       tlist_contains(x->kind, needle) || tlist_contains(x->exercise, needle) ||
	       tlist_contains(x->note, needle) || tlist_contains(state_text(r->state[i]), needle);
}

static void clear_data(struct receipts *r)
{
	receipt_list_free(r->v, r->n);
	free(r->state);
	r->v = NULL;
	r->state = NULL;
	r->n = 0;
}

static void receipts_fini(void *st)
{
	struct receipts *r = st;
	clear_data(r);
}

static enum status receipts_load(struct tui *t, void *st, struct err *e)
{
	struct receipts *r = st;
	clear_data(r);
	enum status rc = app_receipts(t->app, &r->v, &r->n, e);
	if (rc == ST_OK)
		rc = app_receipt_states(t->app, r->v, r->n, &r->state, e);
	if (rc != ST_OK)
		clear_data(r);
	tlist_reset(&r->list, r->n);
	for (size_t i = 0; r->select_id && i < r->n; i++)
		if (r->v[i].id == r->select_id)
			tlist_select(&r->list, i);
	r->select_id = 0;
	r->kind_max = text_width(_("Kind"));
	r->ref_max = text_width(_("Reference"));
	for (size_t i = 0; i < r->n; i++) {
		int k = text_width(tui_label(&t->cfg->receipt_kinds, r->v[i].kind));
		int f = text_width(r->v[i].reference ? r->v[i].reference : "-");
		r->kind_max = k > r->kind_max ? k : r->kind_max;
		r->ref_max = f > r->ref_max ? f : r->ref_max;
	}
	return rc;
}

/* Columns: > received source kind exercise amount reference state. The
 * kind (its label) and the reference are as wide as their widest; when
 * both do not fit, the kind goes (the detail below names it), so that
 * neither is ever cut. */
struct cols {
	int kind_w, ref_w;   /* kind_w 0: no kind column */
	int ex, am, ref;     /* where the exercise, the amount, the reference start */
};

enum { X_SOURCE = 13, X_KIND = 20 };

static struct cols columns(const struct receipts *r)
{
	struct cols c;
	c.kind_w = r->kind_max;
	if (COLS - 10 - 1 - (X_KIND + c.kind_w + 1 + 9 + 14) < r->ref_max)
		c.kind_w = 0;
	c.ex = X_KIND + (c.kind_w ? c.kind_w + 1 : 0);
	c.am = c.ex + 9;
	c.ref = c.am + 14;
	c.ref_w = COLS - 10 - 1 - c.ref;
	return c;
}

static void draw_row(struct tui *t, const struct cols *c, const struct receipt *x,
                     enum receipt_state state, int y, bool sel)
{
	char d[DATE_BUFSZ];
	if (sel)
		draw_select(t, true);
	draw_text(y, 0, 2, sel ? ">" : "", false);
	draw_text(y, 2, 10, fmt_date(x->received, d), false);
	draw_text(y, X_SOURCE, 6, x->source, false);
	if (c->kind_w)
		draw_text(y, X_KIND, c->kind_w, tui_label(&t->cfg->receipt_kinds, x->kind), false);
	draw_text(y, c->ex, 8, x->exercise, false);
	draw_money(y, c->am, 13, x->amount);
	draw_text(y, c->ref, c->ref_w, x->reference ? x->reference : "-", false);
	draw_text(y, COLS - 10, 10, state_text(state), false);
	if (sel)
		draw_select(t, false);
}

static void draw_detail(struct tui *t, const struct receipt *x, int y)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	mvhline(y, 0, ACS_HLINE, COLS);
	const struct cfg_item *src = config_find(&t->cfg->sources, x->source);
	const struct cfg_item *kind = config_find(&t->cfg->receipt_kinds, x->kind);
	char *text = str_printf("#%lld · %s · %s · %s %s · %s %s → %s%s%s", (long long)x->id,
	                        src ? config_label(src) : x->source, kind ? config_label(kind) : x->kind,
	                        _("exercise"), x->exercise, _("Period"), fmt_date(x->start, d1),
	                        fmt_date(x->end, d2), x->note ? " · " : "", x->note ? x->note : "");
	draw_wrap(y + 1, 1, COLS - 2, 3, text ? text : "");
	free(text);
}

static void receipts_draw(struct tui *t, void *st, int top, int rows)
{
	struct receipts *r = st;
	struct tlist *l = &r->list;
	struct cols c = columns(r);
	draw_header(t, top, 0, COLS, "");
	draw_text(top, 2, 10, _("Received"), false);
	draw_text(top, X_SOURCE, 6, _("Source"), false);
	if (c.kind_w)
		draw_text(top, X_KIND, c.kind_w, _("Kind"), false);
	draw_text(top, c.ex, 8, _("Exercise"), false);
	draw_text(top, c.am, 13, _("Amount"), true);
	draw_text(top, c.ref, c.ref_w, _("Reference"), false);
	draw_text(top, COLS - 10, 10, _("State"), false);
	int n = rows - 5;
	tlist_scroll(l, n);
	for (int i = 0; i < n && l->top + (size_t)i < l->n; i++) {
		size_t row = l->top + (size_t)i;
		draw_row(t, &c, &r->v[l->idx[row]], r->state[l->idx[row]], top + 1 + i, row == l->sel);
	}
	if (!l->n)
		draw_text(top + 1, 2, COLS - 2, r->n ? _("(nothing matches the filter)") : _("No receipt yet: press a to record one."), false);
	size_t i = tlist_item(l);
	if (i != SIZE_MAX)
		draw_detail(t, &r->v[i], top + rows - 4);
}

/* ---- the forms ---- */

enum { F_SOURCE, F_KIND, F_EXERCISE, F_START, F_END, F_RECEIVED, F_AMOUNT, F_REF, F_NOTE };

static char *dup_opt(const char *s)
{
	return *s ? strdup(s) : NULL;
}

/* The receipt typed in the form (receipt_fini, also on failure). */
static enum status receipt_from_form(struct dialog *d, struct receipt *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	r->source = strdup(dlg_value(d, F_SOURCE));
	r->kind = strdup(dlg_value(d, F_KIND));
	r->exercise = strdup(dlg_value(d, F_EXERCISE));
	r->reference = dup_opt(dlg_value(d, F_REF));
	r->note = dup_opt(dlg_value(d, F_NOTE));
	if (!r->source || !r->kind || !r->exercise)
		return err_set(e, ST_NOMEM, NULL);
	if (date_parse(dlg_value(d, F_START), &r->start) != ST_OK ||
	    date_parse(dlg_value(d, F_END), &r->end) != ST_OK ||
	    date_parse(dlg_value(d, F_RECEIVED), &r->received) != ST_OK ||
	    money_parse(dlg_value(d, F_AMOUNT), &r->amount) != ST_OK)
		return err_set(e, ST_INVALID, _("a field is not right"));
	return ST_OK;
}

static enum status submit_receipt(struct tui *t, struct dialog *d, struct err *e)
{
	struct receipt r;
	enum status rc = receipt_from_form(d, &r, e);
	int64_t id = 0;
	if (rc == ST_OK)
		rc = app_receipt_add(t->app, &r, &id, e);
	if (rc == ST_OK) {
		struct receipts *s = tui_state(t, SCR_RECEIPTS);
		s->select_id = id;
		tui_msg(t, _("Receipt recorded (#%lld): press n to divide it with a key."), (long long)id);
	}
	receipt_fini(&r);
	return rc;
}

/* The fields, filled from x (NULL: a new receipt of this year). */
static void receipt_fields(struct tui *t, struct dialog *d, const struct receipt *x)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ], year[16];
	int y;
	date_split(t->today, &y, NULL, NULL);
	snprintf(year, sizeof year, "%d", y);
	field_codes(dlg_field(d, _("Source"), FIELD_SOURCE, true, x ? x->source : "ACI"), &t->cfg->sources, false);
	field_codes(dlg_field(d, _("Kind"), FIELD_RECEIPT_KIND, true, x ? x->kind : "advance"), &t->cfg->receipt_kinds, true);
	field_hint(dlg_field(d, _("Exercise"), FIELD_NAME, true, x ? x->exercise : year), _("The year (or period) it pays for"));
	field_hint(dlg_field(d, _("Period start"), FIELD_DATE, true, fmt_date(x ? x->start : date_year_start(y), d1)),
	           _("The period it covers, used for presence and patients"));
	dlg_field(d, _("Period end"), FIELD_DATE, true, fmt_date(x ? x->end : date_year_end(y), d2));
	dlg_field(d, _("Received on"), FIELD_DATE, true, fmt_date(x ? x->received : t->today, d3));
	/* As the list shows it (ASCII on a terminal without UTF-8). */
	char *amount = x ? fmt_money(x->amount) : NULL;
	field_hint(dlg_field(d, _("Amount"), FIELD_AMOUNT, true, amount),
	           _("e.g. 49 236,00 (negative for a balance owed back)"));
	free(amount);
	field_hint(dlg_field(d, _("Reference"), FIELD_TEXT, true, x ? x->reference : NULL),
	           _("The payer's reference; optional, unique"));
	dlg_field(d, _("Note"), FIELD_TEXT, true, x ? x->note : NULL);
}

static unsigned open_add(struct tui *t)
{
	struct dialog *d = dlg_form(_("Record a receipt"), submit_receipt, NULL, NULL);
	if (!d)
		return R_NONE;
	receipt_fields(t, d, NULL);
	tui_open(t, d);
	return R_REDRAW;
}

static void receipt_ctx_free(void *x)
{
	if (x)
		receipt_fini(x);
	free(x);
}

static enum status submit_edit(struct tui *t, struct dialog *d, struct err *e)
{
	const struct receipt *before = d->ctx;
	struct receipt r;
	enum status rc = receipt_from_form(d, &r, e);
	int64_t dropped = 0;
	if (rc == ST_OK)
		rc = app_receipt_update(t->app, before, &r, &dropped, e);
	if (rc == ST_OK) {
		char name[64];
		snprintf(name, sizeof name, "#%lld", (long long)before->id);
		const char *ref = r.reference ? r.reference : name;
		if (dropped)
			tui_msg(t, _("Receipt %s saved; its draft D%lld, made with the old figures, was removed: "
			             "divide it again with n (u undoes the change)."), ref, (long long)dropped);
		else
			tui_msg(t, _("Receipt %s saved (u undoes it)."), ref);
	}
	receipt_fini(&r);
	return rc;
}

/* A copy of x for a dialog's context (receipt_ctx_free), or NULL. */
static struct receipt *receipt_dup(const struct receipt *x)
{
	struct receipt *before = calloc(1, sizeof *before);
	if (!before)
		return NULL;
	*before = *x;
	before->source = strdup(x->source);
	before->kind = strdup(x->kind);
	before->exercise = strdup(x->exercise);
	before->reference = x->reference ? strdup(x->reference) : NULL;
	before->note = x->note ? strdup(x->note) : NULL;
	if (!before->source || !before->kind || !before->exercise || (x->reference && !before->reference) ||
	    (x->note && !before->note)) {
		receipt_ctx_free(before);
		return NULL;
	}
	return before;
}

static enum status submit_delete(struct tui *t, struct dialog *d, struct err *e)
{
	const struct receipt *before = d->ctx;
	enum status rc = app_receipt_delete(t->app, before, e);
	if (rc == ST_OK)
		tui_msg(t, _("Receipt %s deleted (u undoes it)."), before->reference ? before->reference : "-");
	return rc;
}

/* D: a receipt entered by mistake goes, once asked; one that was divided
 * is refused at once, saying why. */
static unsigned open_delete(struct tui *t, const struct receipt *x, enum receipt_state state)
{
	if (state != RECEIPT_UNDIVIDED) {
		tui_msg(t, "%s", _("This receipt has been divided: it is not deleted (an approved distribution is "
		                   "corrected by reversing it, on the Distributions screen)."));
		return R_REDRAW;
	}
	char day[DATE_BUFSZ];
	char *amount = fmt_money(x->amount);
	struct receipt *before = receipt_dup(x);
	if (before)
		tui_open(t, dlg_confirm_fmt(_("Delete"), submit_delete, before, receipt_ctx_free,
		                            _("Delete receipt %s (%s %s, %s, received %s)? Nothing was divided from it."),
		                            x->reference ? x->reference : "-", x->source,
		                            tui_label(&t->cfg->receipt_kinds, x->kind), amount ? amount : "",
		                            fmt_date(x->received, day)));
	free(amount);
	return before ? R_REDRAW : R_NONE;
}

static unsigned open_edit(struct tui *t, const struct receipt *x, enum receipt_state state)
{
	struct receipt *before = receipt_dup(x);
	if (!before)
		return R_NONE;
	char id[32];
	snprintf(id, sizeof id, "#%lld", (long long)x->id);
	struct dialog *d = dlg_form_fmt(submit_edit, before, receipt_ctx_free, _("Edit receipt %s"),
	                                x->reference ? x->reference : id);
	if (!d)
		return R_NONE;
	if (state == RECEIPT_APPROVED)
		d->text = strdup(_("An approved distribution divides this receipt: its source, exercise, period and amount "
		                   "can no longer change; its kind, date received, reference and note can."));
	else if (state == RECEIPT_DRAFT)
		d->text = strdup(_("This receipt has a draft distribution: a change of its source, exercise, period or "
		                   "amount removes the draft, to be divided again."));
	receipt_fields(t, d, x);
	dlg_check_all(t, d);
	tui_open(t, d);
	return R_REDRAW;
}

static unsigned receipts_act(struct tui *t, void *st, enum action a)
{
	struct receipts *r = st;
	size_t i = tlist_item(&r->list);
	switch (a) {
	case ACT_ADD: return open_add(t);
	case ACT_EDIT: return i == SIZE_MAX ? R_NONE : open_edit(t, &r->v[i], r->state[i]);
	case ACT_DELETE: return i == SIZE_MAX ? R_NONE : open_delete(t, &r->v[i], r->state[i]);
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT_FILE: return tui_import(t, TABLE_RECEIPTS);
	case ACT_DISTRIBUTE: case ACT_OPEN:
		dists_start(t, i == SIZE_MAX ? 0 : r->v[i].id);
		return R_REDRAW;
	default: return R_PASS;
	}
}

const struct screen_ops scr_receipts = {
	.name = N_("Receipts"),
	.bindings = receipt_bindings,
	TUI_STATE(struct receipts, list, receipt_match),
	.fini = receipts_fini,
	.load = receipts_load,
	.draw = receipts_draw,
	.act = receipts_act,
	.unsaved = NULL,
};
