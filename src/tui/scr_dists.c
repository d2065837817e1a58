/* scr_dists.c: distributions: the list; a receipt divided with a key, as
 * a preview or stored, every line with its basis, value, presence, weight
 * and exact share; two keys compared side by side with bars. The dialogs
 * that lead there and on (approval, payments) are in dists_flow.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/rat.h"
#include "quotepart/report.h"
#include "dists.h"

static const enum action list_bindings[] = { ACT_OPEN, ACT_DISTRIBUTE, ACT_NONE };
static const enum action preview_bindings[] = {
	ACT_SAVE_DRAFT, ACT_APPROVE, ACT_COMPARE, ACT_TRUE_UP, ACT_OPEN, ACT_BACK, ACT_NONE
};
static const enum action draft_bindings[] = { ACT_APPROVE, ACT_COMPARE, ACT_OPEN, ACT_BACK, ACT_NONE };
static const enum action approved_bindings[] = {
	ACT_PAY, ACT_TRANSFERS, ACT_REVERSE, ACT_COMPARE, ACT_OPEN, ACT_BACK, ACT_NONE
};
static const enum action compare_bindings[] = { ACT_BACK, ACT_NONE };
static const enum action all_bindings[] = {
	ACT_OPEN, ACT_DISTRIBUTE, ACT_SAVE_DRAFT, ACT_APPROVE, ACT_COMPARE, ACT_TRUE_UP,
	ACT_PAY, ACT_TRANSFERS, ACT_REVERSE, ACT_BACK, ACT_NONE
};

/* ---- state ---- */

static bool summary_match(void *ctx, size_t i, const char *needle)
{
	struct dists *s = ctx;
	const struct dist_summary *x = &s->v[i];
	char id[32];
	snprintf(id, sizeof id, "D%lld", (long long)x->id);
	return tlist_contains(id, needle) || tlist_contains(x->receipt_ref, needle) ||
	       tlist_contains(x->key_name, needle) || tlist_contains(dist_status_name(x->status), needle) ||
	       tlist_contains(x->source, needle);
}

static bool line_match(void *ctx, size_t i, const char *needle)
{
	struct dists *s = ctx;
	return tlist_contains(s->d.lines[i].recipient, needle) || tlist_contains(s->d.lines[i].label, needle);
}

static bool cmp_match(void *ctx, size_t i, const char *needle)
{
	struct dists *s = ctx;
	return tlist_contains(s->cmp[i].recipient, needle);
}

static void dists_init(void *st)
{
	struct dists *s = st;
	tlist_init(&s->lines, line_match, s);
	tlist_init(&s->cmp_list, cmp_match, s);
}

static void drop_compare(struct dists *s)
{
	for (size_t i = 0; i < s->n_cmp; i++)
		free(s->cmp[i].recipient);
	free(s->cmp);
	s->cmp = NULL;
	s->n_cmp = 0;
	if (s->have_b)
		distribution_fini(&s->b);
	s->have_b = false;
	free(s->key_b);
	s->key_b = NULL;
}

static void drop_detail(struct dists *s)
{
	drop_compare(s);
	if (s->have_d)
		distribution_fini(&s->d);
	s->have_d = s->preview = false;
	receipt_fini(&s->r);
	free(s->key);
	s->key = NULL;
}

static void dists_fini(void *st)
{
	struct dists *s = st;
	drop_detail(s);
	dist_summary_list_free(s->v, s->n);
	tlist_fini(&s->lines);
	tlist_fini(&s->cmp_list);
}

enum status dists_run(struct tui *t, const struct receipt *r, const char *key,
                      bool true_up, bool dry, const struct distribution *expect,
                      struct distribution *out, int64_t *replaced, struct err *e)
{
	/* By id: a name could be ambiguous, the id the screen holds is not. */
	struct app_dist_request req = { .receipt_id = r->id, .key = key, .dry_run = dry, .true_up = true_up,
	                                .expect = expect, .replaced = replaced };
	return app_distribute(t->app, &req, out, e);
}

void dists_show_fresh(struct tui *t, struct dists *s, struct distribution *fresh, const struct err *e)
{
	drop_compare(s);
	distribution_fini(&s->d);
	s->d = *fresh;
	memset(fresh, 0, sizeof *fresh);
	s->preview = true;
	s->mode = DM_DETAIL;
	tlist_reset(&s->lines, s->d.n_lines);
	dists_measure_lines(s);
	tui_error(t, e);
}

/* Compute a preview of receipt_id with key into the detail. */
enum status dists_make_preview(struct tui *t, struct dists *s, int64_t receipt_id,
                                const char *key, bool true_up, struct err *e)
{
	struct receipt r;
	enum status rc = app_receipt_get(t->app, receipt_id, &r, e);
	if (rc != ST_OK)
		return rc;
	struct distribution d;
	rc = dists_run(t, &r, key, true_up, true, NULL, &d, NULL, e);
	char *k = rc == ST_OK ? strdup(key) : NULL;
	if (rc == ST_OK && !k) {
		distribution_fini(&d);
		rc = err_set(e, ST_NOMEM, NULL);
	}
	if (rc != ST_OK) {
		receipt_fini(&r);
		return rc;
	}
	drop_detail(s);
	s->d = d;
	s->r = r;
	s->key = k;
	s->have_d = s->preview = true;
	s->true_up = true_up;
	s->receipt_id = receipt_id;
	s->mode = DM_DETAIL;
	tlist_reset(&s->lines, s->d.n_lines);
	dists_measure_lines(s);
	return ST_OK;
}

/* Load a stored distribution into the detail. */
enum status dists_open_stored(struct tui *t, struct dists *s, int64_t id, struct err *e)
{
	struct distribution d;
	enum status rc = app_dist_get(t->app, id, &d, e);
	if (rc != ST_OK)
		return rc;
	struct receipt r;
	if ((rc = app_receipt_get(t->app, d.receipt_id, &r, e)) != ST_OK) {
		distribution_fini(&d);
		return rc;
	}
	bool same = s->have_d && !s->preview && s->d.id == id;
	size_t keep = same ? s->lines.sel : 0;
	drop_detail(s);
	s->d = d;
	s->r = r;
	s->key = strdup(d.key_name);
	s->have_d = true;
	s->true_up = d.mode == DIST_TRUE_UP;
	s->receipt_id = d.receipt_id;
	s->mode = DM_DETAIL;
	tlist_reset(&s->lines, s->d.n_lines);
	dists_measure_lines(s);
	s->lines.sel = keep < s->lines.n ? keep : 0;
	return s->key ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* Σ cents per recipient of a and b, in recipient order. */
static enum status build_compare(struct dists *s, struct err *e)
{
	size_t cap = s->d.n_lines + s->b.n_lines + 1;
	s->cmp = calloc(cap, sizeof *s->cmp);
	if (!s->cmp)
		return err_set(e, ST_NOMEM, NULL);
	const struct distribution *both[2] = { &s->d, &s->b };
	for (int w = 0; w < 2; w++) {
		for (size_t i = 0; i < both[w]->n_lines; i++) {
			const struct dist_line *l = &both[w]->lines[i];
			size_t k = 0;
			while (k < s->n_cmp && strcmp(s->cmp[k].recipient, l->recipient) != 0)
				k++;
			if (k == s->n_cmp) {
				/* keep the rows sorted by recipient */
				while (k > 0 && strcmp(s->cmp[k - 1].recipient, l->recipient) > 0)
					k--;
				memmove(&s->cmp[k + 1], &s->cmp[k], (s->n_cmp - k) * sizeof *s->cmp);
				memset(&s->cmp[k], 0, sizeof s->cmp[k]);
				if (!(s->cmp[k].recipient = strdup(l->recipient)))
					return err_set(e, ST_NOMEM, NULL);
				s->n_cmp++;
			}
			if (w == 0)
				s->cmp[k].a += l->cents;
			else
				s->cmp[k].b += l->cents;
		}
	}
	tlist_reset(&s->cmp_list, s->n_cmp);
	return ST_OK;
}

enum status dists_make_compare(struct tui *t, struct dists *s, const char *key, struct err *e)
{
	struct distribution b;
	enum status rc = dists_run(t, &s->r, key, s->true_up, true, NULL, &b, NULL, e);
	if (rc != ST_OK)
		return rc;
	char *k = strdup(key);
	drop_compare(s);
	s->b = b;
	s->have_b = true;
	s->key_b = k;
	if (!k)
		return err_set(e, ST_NOMEM, NULL);
	rc = build_compare(s, e);
	if (rc == ST_OK)
		s->mode = DM_COMPARE;
	return rc;
}

/* After the data moved: the stored distribution is read again, the
 * preview and the comparison computed again. */
static enum status refresh_detail(struct tui *t, struct dists *s, struct err *e)
{
	if (!s->have_d || s->mode == DM_LIST)
		return ST_OK;
	char *key_b = s->key_b ? strdup(s->key_b) : NULL;
	enum dmode mode = s->mode;
	enum status rc;
	if (s->preview) {
		char *key = strdup(s->key);
		rc = key ? dists_make_preview(t, s, s->receipt_id, key, s->true_up, e) : err_set(e, ST_NOMEM, NULL);
		free(key);
	} else {
		rc = dists_open_stored(t, s, s->d.id, e);
	}
	if (rc == ST_OK && mode == DM_COMPARE && key_b)
		rc = dists_make_compare(t, s, key_b, e);
	free(key_b);
	if (rc != ST_OK) {
		drop_detail(s);
		s->mode = DM_LIST;
	}
	return rc;
}

static enum status dists_load(struct tui *t, void *st, struct err *e)
{
	struct dists *s = st;
	dist_summary_list_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
	enum status rc = app_dist_summaries(t->app, &s->v, &s->n, e);
	tlist_reset(&s->list, s->n);
	dists_measure_summaries(s);
	if (rc == ST_OK)
		rc = refresh_detail(t, s, e);
	return rc;
}

/* ---- drawing ---- */

/* The mode in the reader's words, for the detail's title (the list's
 * column, 8 wide, keeps the codes). */
static const char *mode_text(enum dist_mode mode)
{
	return i18n_ctx(mode == DIST_TRUE_UP    ? NC_("distribution mode", "true-up")
	                : mode == DIST_REVERSAL ? NC_("distribution mode", "reversal")
	                                        : NC_("distribution mode", "normal"));
}

static void draw_list(struct tui *t, struct dists *s, int top, int rows)
{
	struct tlist *l = &s->list;
	struct sum_cols c = dists_sum_columns(&s->sw);
	/* Headers by display width, in the rows' columns: translations may
	 * hold accented letters. */
	draw_header(t, top, 0, COLS, "");
	draw_text(top, 1, c.state - 1, _("No."), false);
	draw_text(top, c.state, c.mode - c.state - 1, _("State"), false);
	draw_text(top, c.mode, c.mode_w, _("Mode"), false);
	draw_text(top, c.ref, c.key - c.ref - 1, _("Receipt"), false);
	draw_text(top, c.key, c.key_w, _("Key"), false);
	draw_text(top, c.amount, c.amount_w, _("Amount"), true);
	draw_text(top, c.paid, COLS - c.paid, _("Paid"), false);
	tlist_scroll(l, rows - 1);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		const struct dist_summary *x = &s->v[l->idx[row]];
		bool sel = row == l->sel;
		int y = top + 1 + r;
		if (sel)
			draw_select(t, true);
		draw_text(y, 0, COLS, "", false);
		draw_fmt(y, 0, c.state - 1, false, "%sD%lld", sel ? ">" : " ", (long long)x->id);
		draw_text(y, c.state, c.mode - c.state - 1, dists_status_text(x->status), false);
		draw_text(y, c.mode, c.mode_w, dist_mode_name(x->mode), false);
		draw_text(y, c.ref, c.key - c.ref - 1, x->receipt_ref ? x->receipt_ref : "-", false);
		draw_fmt(y, c.key, c.key_w, false, "%s v%d", x->key_name, x->key_version);
		draw_money(y, c.amount, c.amount_w, x->amount);
		draw_text(y, c.paid, COLS - c.paid, dists_paid_text(x), false);
		if (sel)
			draw_select(t, false);
	}
	if (!l->n)
		draw_text(top + 1, 2, COLS - 2, s->n ? _("(nothing matches the filter)") :
		          _("No distribution yet: press n to divide a receipt with a key."), false);
}

/* The three texts above the table: what is divided (and its state), with
 * which key and how much, then the approval or what to do next. */
static void detail_head(struct tui *t, struct dists *s, char *head[3])
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ];
	const struct distribution *d = &s->d;
	char *amount = fmt_money(d->amount), *base = fmt_money(d->base), *res = fmt_money(d->reserved);
	if (s->preview)
		head[0] = str_printf("%s%s · %s · %s %s %s · %s %s", _("PREVIEW (not saved)"),
		                     s->true_up ? _(" · true-up") : "", s->r.reference ? s->r.reference : "-",
		                     s->r.source, tui_label(&t->cfg->receipt_kinds, s->r.kind), s->r.exercise,
		                     _("received"), fmt_date(s->r.received, d1));
	else
		head[0] = str_printf("D%lld · %s · %s · %s · %s %s %s · %s %s", (long long)d->id,
		                     dists_status_text(d->status), mode_text(d->mode), s->r.reference ? s->r.reference : "-",
		                     s->r.source, tui_label(&t->cfg->receipt_kinds, s->r.kind), s->r.exercise,
		                     _("received"), fmt_date(s->r.received, d1));
	/* The amounts before the period: when the text wraps, the dates are
	 * what goes on. */
	head[1] = str_printf("%s %s v%d · %s %s%s%s · %s %s · %s %s → %s", _("Key"), d->key_name, d->key_version,
	                     _("amount"), amount ? amount : "", s->true_up ? _(", exercise total ") : "",
	                     s->true_up && base ? base : "", _("reserved"), res ? res : "", _("period"),
	                     fmt_date(d->start, d2), fmt_date(d->end, d3));
	if (!s->preview && d->status == DIST_APPROVED)
		head[2] = str_printf("%s %s%s%s", _("Approved on"), fmt_date(d->approved_on, d1),
		                     d->approved_note ? " · " : "", d->approved_note ? d->approved_note : "");
	else
		head[2] = strdup(s->preview ? _("s saves it as the receipt's draft; A approves it; c compares with another key.")
		                            : _("A draft: A approves it (it never changes afterwards); c compares it with another key."));
	free(amount);
	free(base);
	free(res);
}

/* Columns of a line: recipient, part, value, presence, weight, exact
 * share (euros), cents, marks (three columns, so that a line with a
 * leftover cent still shows ✔: "+1✔"). The selected line's details go
 * below. */
static void draw_line(struct tui *t, const struct line_cols *c, const struct dist_line *l, int y, bool sel)
{
	char v[RAT_BUFSZ + 4], p[RAT_BUFSZ + 4], w[RAT_BUFSZ + 4], x[RAT_BUFSZ];
	report_rat_text(l->value, v, sizeof v);
	report_rat_text(l->presence, p, sizeof p);
	report_rat_text(l->weight, w, sizeof w);
	report_exact_euros(l->exact, x, sizeof x);
	if (sel)
		draw_select(t, true);
	draw_text(y, 0, COLS, sel ? ">" : "", false);
	draw_text(y, 1, c->part - 2, l->recipient, false);
	draw_text(y, c->part, c->part_w, l->label, false);
	draw_text(y, c->value, c->value_w, l->basis ? v : "", true);
	draw_text(y, c->presence, c->presence_w, l->basis ? p : "", true);
	draw_text(y, c->weight, c->weight_w, l->basis ? w : "", true);
	draw_text(y, c->exact, c->exact_w, x, true);
	draw_money(y, c->amount, c->amount_w, l->cents);
	draw_fmt(y, c->marks, COLS - c->marks, false, "%s%s", l->leftover ? "+1" : "",
	         l->paid_on != DATE_NONE ? "✔" : "");
	if (sel)
		draw_select(t, false);
}

/* Below the table: what a line's columns cannot hold. */
static char *line_note(const struct dist_line *l)
{
	char d[DATE_BUFSZ];
	char *before = l->before ? fmt_money(l->before) : NULL;
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: ", l->recipient);
	if (l->basis)
		sb_printf(&b, "%s %s", _("basis"), l->basis);
	else
		sb_add(&b, _("reservation"));
	if (l->leftover)
		sb_printf(&b, " · %s", _("got a leftover cent"));
	if (before)
		sb_printf(&b, " · %s %s", _("given before"), before);
	if (l->paid_on != DATE_NONE)
		sb_printf(&b, " · %s %s %s %s", _("paid on"), fmt_date(l->paid_on, d), _("by"), l->means ? l->means : "");
	else if (l->cancelled)
		sb_printf(&b, " · %s", _("cancelled: nothing to pay"));
	else
		sb_printf(&b, " · %s", _("not paid"));
	sb_printf(&b, " · %s", _("Enter explains it"));
	free(before);
	return sb_take(&b);
}

/* The rows the notes take at this width: the most any line's needs, so
 * that the table does not move when the selection does. */
static int note_rows(const struct dists *s)
{
	int most = 0;
	for (size_t i = 0; i < s->d.n_lines; i++) {
		char *text = line_note(&s->d.lines[i]);
		int n = text ? draw_wrap(-1, 0, COLS, 2, text) : 1;
		most = n > most ? n : most;
		free(text);
	}
	return most;
}

static char *totals_text(const struct dists *s)
{
	char *total = fmt_money(s->d.amount), *res = fmt_money(s->d.reserved);
	char *members = fmt_money(s->d.amount - s->d.reserved);
	char *text = str_printf("%s %s = %s %s + %s %s · %zu %s", _("Total"), total ? total : "", _("reserved"),
	                        res ? res : "", _("members"), members ? members : "", s->d.n_lines,
	                        _("lines · +1 leftover cent · ✔ paid"));
	free(total);
	free(res);
	free(members);
	return text;
}

static void draw_table_header(struct tui *t, const struct line_cols *c, int y)
{
	draw_header(t, y, 0, COLS, "");
	draw_text(y, 1, c->part - 2, _("Recipient"), false);
	draw_text(y, c->part, c->part_w, _("Part"), false);
	draw_text(y, c->value, c->value_w, _("Value"), true);
	draw_text(y, c->presence, c->presence_w, _("Pres."), true);
	draw_text(y, c->weight, c->weight_w, _("Weight"), true);
	draw_text(y, c->exact, c->exact_w, _("Exact €"), true);
	draw_text(y, c->amount, c->amount_w, _("Amount"), true);
}

/* The texts above and below the table wrap at the width, never cut;
 * the table has the rows left, and when it would have fewer than three
 * the hint above it (the status bar names the same keys) is left out. */
static void draw_detail(struct tui *t, struct dists *s, int top, int rows)
{
	char *head[3], *totals = totals_text(s);
	detail_head(t, s, head);
	int hh[3], th = draw_wrap(-1, 0, COLS, 2, totals ? totals : ""), nh = note_rows(s);
	for (int i = 0; i < 3; i++)
		hh[i] = draw_wrap(-1, 0, COLS, 3, head[i] ? head[i] : "");
	int n = rows - hh[0] - hh[1] - hh[2] - 1 - th - nh;
	if (n < 3 && (s->preview || s->d.status != DIST_APPROVED)) {
		n += hh[2];
		hh[2] = 0;
	}
	if (n < 1)
		n = 1;
	int y = top;
	draw_attr(t, C_HEADER, true);
	y += draw_wrap(y, 0, COLS, hh[0], head[0] ? head[0] : "");
	draw_attr(t, C_HEADER, false);
	y += draw_wrap(y, 0, COLS, hh[1], head[1] ? head[1] : "");
	y += draw_wrap(y, 0, COLS, hh[2], head[2] ? head[2] : "");
	struct line_cols c = dists_line_columns(&s->lw);
	draw_table_header(t, &c, y++);
	struct tlist *l = &s->lines;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_line(t, &c, &s->d.lines[l->idx[row]], y + r, row == l->sel);
	}
	attron(A_BOLD);
	draw_wrap(top + rows - nh - th, 0, COLS, th, totals ? totals : "");
	attroff(A_BOLD);
	size_t i = tlist_item(l);
	char *note = i != SIZE_MAX ? line_note(&s->d.lines[i]) : NULL;
	if (note)
		draw_wrap(top + rows - nh, 0, COLS, nh, note);
	free(note);
	free(totals);
	for (int k = 0; k < 3; k++)
		free(head[k]);
}

static void draw_compare(struct tui *t, struct dists *s, int top, int rows)
{
	char *ta = fmt_money(s->d.amount);
	draw_attr(t, C_HEADER, true);
	draw_fmt(top, 0, COLS, false, "%s %s: A = %s v%d, B = %s v%d, %s %s", _("Receipt"),
	         s->r.reference ? s->r.reference : "-", s->d.key_name, s->d.key_version,
	         s->b.key_name, s->b.key_version, _("same amount"), ta ? ta : "");
	draw_attr(t, C_HEADER, false);
	free(ta);
	int bw = COLS - 56;
	draw_text(top + 1, 1, 12, _("Recipient"), false);
	draw_text(top + 1, 14, 13, "A", true);
	draw_text(top + 1, 28, 13, "B", true);
	draw_text(top + 1, 42, 13, "B - A", true);
	draw_text(top + 1, 56, COLS - 56, _("bars: A █  B ▒"), false);
	int64_t max = 1, sum_a = 0, sum_b = 0;
	for (size_t i = 0; i < s->n_cmp; i++) {
		if (s->cmp[i].a > max)
			max = s->cmp[i].a;
		if (s->cmp[i].b > max)
			max = s->cmp[i].b;
	}
	struct tlist *l = &s->cmp_list;
	/* The totals of what is shown (every row, or those the filter keeps). */
	for (size_t r = 0; r < l->n; r++) {
		sum_a += s->cmp[l->idx[r]].a;
		sum_b += s->cmp[l->idx[r]].b;
	}
	int n = (rows - 4) / 2;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		const struct cmp_row *x = &s->cmp[l->idx[row]];
		int y = top + 2 + 2 * r;
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_fmt(y, 0, 13, false, "%s%s", sel ? ">" : " ", x->recipient);
		draw_money(y, 14, 13, x->a);
		draw_money(y, 28, 13, x->b);
		draw_money(y, 42, 13, x->b - x->a);
		if (sel)
			draw_select(t, false);
		draw_text(y, 56, 2, "A", false);
		draw_attr(t, C_BAR_A, true);
		draw_bar(y, 58, bw - 2, x->a, max, true);
		draw_attr(t, C_BAR_A, false);
		draw_text(y + 1, 56, 2, "B", false);
		draw_attr(t, C_BAR_B, true);
		draw_bar(y + 1, 58, bw - 2, x->b, max, false);
		draw_attr(t, C_BAR_B, false);
	}
	attron(A_BOLD);
	draw_text(top + rows - 2, 1, 12, l->filter ? _("Shown") : _("Total"), false);
	draw_money(top + rows - 2, 14, 13, sum_a);
	draw_money(top + rows - 2, 28, 13, sum_b);
	draw_money(top + rows - 2, 42, 13, sum_b - sum_a);
	attroff(A_BOLD);
	draw_attr(t, C_DIM, true);
	draw_text(top + rows - 1, 0, COLS, _("Both computed now from the same data; Esc goes back."), false);
	draw_attr(t, C_DIM, false);
}

static void dists_draw(struct tui *t, void *st, int top, int rows)
{
	struct dists *s = st;
	if (s->mode == DM_DETAIL && s->have_d)
		draw_detail(t, s, top, rows);
	else if (s->mode == DM_COMPARE && s->have_b)
		draw_compare(t, s, top, rows);
	else
		draw_list(t, s, top, rows);
}

void dists_start(struct tui *t, int64_t receipt_id)
{
	struct dists *s = tui_state(t, SCR_DISTS);
	tui_goto(t, SCR_DISTS);
	if (receipt_id < 0) {
		struct err e = ERR_INIT;
		if (dists_open_stored(t, s, -receipt_id, &e) != ST_OK)
			tui_error(t, &e);
		err_fini(&e);
	} else if (receipt_id > 0) {
		dists_pick_key(t, receipt_id, false);
	} else {
		dists_pick_receipt(t);
	}
}

static const enum action *dists_actions(void *st)
{
	struct dists *s = st;
	if (s->mode == DM_COMPARE)
		return compare_bindings;
	if (s->mode != DM_DETAIL || !s->have_d)
		return list_bindings;
	if (s->preview)
		return preview_bindings;
	return s->d.status == DIST_APPROVED ? approved_bindings : draft_bindings;
}

static unsigned act_list(struct tui *t, struct dists *s, enum action a)
{
	size_t i = tlist_item(&s->list);
	struct err e = ERR_INIT;
	switch (a) {
	case ACT_DISTRIBUTE: dists_start(t, 0); return R_REDRAW;
	case ACT_OPEN:
		if (i == SIZE_MAX)
			return R_NONE;
		if (dists_open_stored(t, s, s->v[i].id, &e) != ST_OK)
			tui_error(t, &e);
		err_fini(&e);
		return R_REDRAW;
	default: return R_PASS;
	}
}

static unsigned act_detail(struct tui *t, struct dists *s, enum action a)
{
	if (tlist_nav(&s->lines, a))
		return R_REDRAW;
	switch (a) {
	case ACT_BACK:
		if (s->lines.filter)
			return R_PASS;
		drop_detail(s);
		s->mode = DM_LIST;
		return R_RELOAD | R_REDRAW;
	case ACT_OPEN: return dists_view_line(t, s);
	case ACT_SAVE_DRAFT: return s->preview ? dists_save_draft(t, s) : R_NONE;
	case ACT_TRUE_UP: return s->preview ? dists_toggle_true_up(t, s) : R_NONE;
	case ACT_APPROVE: return dists_open_approve(t, s);
	case ACT_PAY: return dists_open_pay(t, s);
	case ACT_TRANSFERS: return dists_open_transfers(t, s);
	case ACT_REVERSE: return dists_open_reverse(t, s);
	case ACT_COMPARE: dists_pick_key(t, s->receipt_id, true); return R_REDRAW;
	default: return R_PASS;
	}
}

static unsigned dists_act(struct tui *t, void *st, enum action a)
{
	struct dists *s = st;
	if (s->mode == DM_COMPARE) {
		if (tlist_nav(&s->cmp_list, a))
			return R_REDRAW;
		if (a == ACT_BACK && !s->cmp_list.filter) {
			drop_compare(s);
			s->mode = DM_DETAIL;
			return R_REDRAW;
		}
		return R_PASS;
	}
	if (s->mode == DM_DETAIL && s->have_d)
		return act_detail(t, s, a);
	return act_list(t, s, a);
}

static struct tlist *dists_list(void *st)
{
	struct dists *s = st;
	if (s->mode == DM_COMPARE)
		return &s->cmp_list;
	return s->mode == DM_DETAIL && s->have_d ? &s->lines : &s->list;
}

static const char *dists_unsaved(void *st)
{
	struct dists *s = st;
	return s->have_d && s->preview ? N_("A preview is not saved: it will be lost. Quit anyway?") : NULL;
}

const struct screen_ops scr_dists = {
	.name = N_("Distributions"),
	.bindings = all_bindings,
	TUI_STATE(struct dists, list, summary_match),
	.init = dists_init,
	.fini = dists_fini,
	.load = dists_load,
	.draw = dists_draw,
	.actions = dists_actions,
	.act = dists_act,
	.list = dists_list,
	.unsaved = dists_unsaved,
};

