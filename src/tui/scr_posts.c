/* scr_posts.c: the salaried posts: what each costs in a year, which
 * sources fund it and how much, the gap between the two, and what the
 * approved distributions set aside for it; add and edit through forms;
 * f lists a post's funding shares (source, share, period) to add, edit
 * and delete them, each change saved at once and undoable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "tui_internal.h"

struct posts {
	struct post *v;
	size_t n;
	struct post_funding *f;
	size_t nf;
	int64_t *reserved;     /* per post: set aside by approved distributions */
	int year;
	struct tlist list;
	struct member *members;  /* for the holder's name and choices */
	size_t n_members;
	/* f: the funding of one post (fpost), its shares as rows of flist
	 * (indexes into f) */
	char *fpost;
	size_t *fidx;
	size_t nfidx;
	struct tlist flist;
};

static const enum action post_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_FUNDING, ACT_UNDO, ACT_REDO, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_IMPORT_FILE, ACT_NONE
};
static const enum action funding_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_UNDO, ACT_REDO, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_NONE
};
/* Every binding of the screen, in both modes, for ? and the man page. */
static const enum action all_bindings[] = {
	ACT_ADD, ACT_EDIT, ACT_FUNDING, ACT_DELETE, ACT_UNDO, ACT_REDO, ACT_PREV_YEAR, ACT_NEXT_YEAR,
	ACT_IMPORT_FILE, ACT_BACK, ACT_NONE
};

static bool post_match(void *ctx, size_t i, const char *needle)
{
	struct posts *p = ctx;
	return tlist_contains(p->v[i].code, needle) || tlist_contains(p->v[i].label, needle) ||
	       tlist_contains(p->v[i].holder, needle);
}

static bool share_match(void *ctx, size_t i, const char *needle)
{
	struct posts *p = ctx;
	return tlist_contains(p->f[p->fidx[i]].source, needle);
}

static void posts_init(void *st)
{
	struct posts *p = st;
	tlist_init(&p->flist, share_match, p);
}

static void clear_data(struct posts *p)
{
	post_list_free(p->v, p->n);
	funding_list_free(p->f, p->nf);
	member_list_free(p->members, p->n_members);
	free(p->reserved);
	free(p->fidx);
	p->v = NULL;
	p->f = NULL;
	p->members = NULL;
	p->reserved = NULL;
	p->fidx = NULL;
	p->n = p->nf = p->n_members = p->nfidx = 0;
}

static void posts_fini(void *st)
{
	struct posts *p = st;
	clear_data(p);
	tlist_fini(&p->flist);
	free(p->fpost);
}

/* Σ reservation lines to "post:CODE" in approved distributions of
 * receipts received in the year. */
static enum status load_reserved(struct tui *t, struct posts *p, struct err *e)
{
	return app_post_reserved(t->app, p->v, p->n, p->year, &p->reserved, e);
}

static enum status posts_load(struct tui *t, void *st, struct err *e)
{
	struct posts *p = st;
	clear_data(p);
	if (!p->year)
		p->year = t->year;
	enum status rc = app_posts(t->app, &p->v, &p->n, e);
	if (rc == ST_OK)
		rc = app_fundings(t->app, &p->f, &p->nf, e);
	if (rc == ST_OK)
		rc = app_members(t->app, &p->members, &p->n_members, e);
	if (rc == ST_OK)
		rc = load_reserved(t, p, e);
	tlist_reset(&p->list, p->n);
	/* The shares of the post whose funding is shown. */
	if (rc == ST_OK && p->fpost && !(p->fidx = calloc(p->nf ? p->nf : 1, sizeof *p->fidx)))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; p->fidx && i < p->nf; i++)
		if (strcmp(p->f[i].post, p->fpost) == 0)
			p->fidx[p->nfidx++] = i;
	tlist_reset(&p->flist, p->nfidx);
	return rc;
}

/* Days of [a, b] ∩ [c, d] ∩ [e, f] (ends may be DATE_NONE: open). */
static int64_t days3(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f)
{
	int32_t s = a > c ? a : c, t = b < d ? b : d;
	s = s > e ? s : e;
	t = t < f ? t : f;
	return t >= s ? (int64_t)t - s + 1 : 0;
}

/* The post's cost over the year: yearly cost x days held / days in year,
 * rounded down (integers only). */
static int64_t cost_in_year(const struct post *x, int year)
{
	int32_t ys = date_year_start(year), ye = date_year_end(year);
	int64_t days = days3(x->start, x->end, ys, ye, ys, ye);
	return x->yearly_cost * days / ((int64_t)ye - ys + 1);
}

static int64_t funding_in_year(const struct post *x, const struct post_funding *f, int year)
{
	int32_t ys = date_year_start(year), ye = date_year_end(year);
	int64_t days = days3(x->start, x->end, f->start, f->end, ys, ye);
	return x->yearly_cost * f->share_bp * days / (10000 * ((int64_t)ye - ys + 1));
}

static const char *holder_name(struct posts *p, const char *code)
{
	for (size_t i = 0; code && i < p->n_members; i++)
		if (strcmp(p->members[i].code, code) == 0)
			return p->members[i].name;
	return code ? code : _("(vacant)");
}

static void draw_list(struct tui *t, struct posts *p, int top, int rows, int w)
{
	struct tlist *l = &p->list;
	int lw = w - 2 - 9 - 15;
	draw_header(t, top, 0, w, "");
	draw_text(top, 2, 8, _("Code"), false);
	draw_text(top, 11, lw, _("Post"), false);
	draw_text(top, w - 15, 14, _("Yearly cost"), true);
	tlist_scroll(l, rows - 1);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		const struct post *x = &p->v[l->idx[row]];
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_text(top + 1 + r, 0, 2, sel ? ">" : "", false);
		draw_text(top + 1 + r, 2, 8, x->code, false);
		draw_text(top + 1 + r, 11, lw, x->label, false);
		draw_money(top + 1 + r, w - 15, 14, x->yearly_cost);
		if (sel)
			draw_select(t, false);
	}
	if (!l->n)
		draw_wrap(top + 1, 2, w - 3, rows - 1, p->n ? _("(nothing matches the filter)") : _("No post yet: press a to add one."));
}

static int draw_funding(struct tui *t, struct posts *p, size_t k, int y, int x, int w)
{
	const struct post *post = &p->v[k];
	int64_t cost = cost_in_year(post, p->year), funded = 0;
	char *title = str_printf(_("In %d"), p->year);
	draw_header(t, y++, x, w, title ? title : "");
	free(title);
	draw_text(y, x, w - 15, _("Cost"), false);
	draw_money(y++, x + w - 15, 15, cost);
	for (size_t i = 0; i < p->nf; i++) {
		if (strcmp(p->f[i].post, post->code) != 0)
			continue;
		int64_t amount = funding_in_year(post, &p->f[i], p->year);
		if (!amount)
			continue;
		char pct[MONEY_BUFSZ];
		decimal_format(p->f[i].share_bp, 2, ',', pct, sizeof pct);
		draw_fmt(y, x, w - 15, false, "  %s %s %%", p->f[i].source, pct);
		draw_money(y++, x + w - 15, 15, amount);
		funded += amount;
	}
	draw_text(y, x, w - 15, _("Funded"), false);
	draw_money(y++, x + w - 15, 15, funded);
	attron(A_BOLD);
	draw_text(y, x, w - 15, cost > funded ? _("Gap (not funded)") : _("Gap"), false);
	draw_money(y++, x + w - 15, 15, cost - funded);
	attroff(A_BOLD);
	draw_text(y, x, w - 15, _("Set aside, approved"), false);
	draw_money(y++, x + w - 15, 15, p->reserved ? p->reserved[k] : 0);
	return y;
}

static void draw_detail(struct tui *t, struct posts *p, size_t k, int y, int x, int w)
{
	const struct post *post = &p->v[k];
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	char *fte = fmt_hundredths(post->fte);
	draw_header(t, y, x, w, post->label);
	/* "Label: value", as the language writes it ("Titulaire : ..."). */
	draw_fmt(y + 1, x, w, false, _("%s: %s"), _("Holder"), holder_name(p, post->holder));
	draw_fmt(y + 2, x, w, false, _("%s: %s"), _("Working time"), fte ? fte : "");
	draw_fmt(y + 3, x, w, false, _("%s: %s → %s"), _("Period"), fmt_date(post->start, d1),
	         post->end == DATE_NONE ? _("(open)") : fmt_date(post->end, d2));
	free(fte);
	draw_funding(t, p, k, y + 5, x, w);
}

/* ---- the funding of one post ---- */

static size_t find_post(const struct posts *p, const char *code)
{
	for (size_t i = 0; code && i < p->n; i++)
		if (strcmp(p->v[i].code, code) == 0)
			return i;
	return SIZE_MAX;
}

/* Columns: > source label share from to amount-in-year. */
static void draw_share(struct tui *t, struct posts *p, const struct post *post,
                       const struct post_funding *f, int y, bool sel)
{
	char pct[MONEY_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	const struct cfg_item *src = config_find(&t->cfg->sources, f->source);
	int lw = COLS - 2 - 7 - 9 - 11 - 11 - 15 - 1;
	fmt_rate(f->share_bp, pct);
	if (sel)
		draw_select(t, true);
	draw_text(y, 0, 2, sel ? ">" : "", false);
	draw_text(y, 2, 6, f->source, false);
	draw_text(y, 9, lw, src ? config_label(src) : "", false);
	draw_fmt(y, 9 + lw + 1, 8, true, "%s %%", pct);
	draw_text(y, 9 + lw + 10, 10, fmt_date(f->start, d1), false);
	draw_text(y, 9 + lw + 21, 10, f->end == DATE_NONE ? _("(open)") : fmt_date(f->end, d2), false);
	draw_money(y, COLS - 15, 15, funding_in_year(post, f, p->year));
	if (sel)
		draw_select(t, false);
}

static void draw_fundings(struct tui *t, struct posts *p, int top, int rows)
{
	size_t k = find_post(p, p->fpost);
	if (k == SIZE_MAX)
		return;
	const struct post *post = &p->v[k];
	char *cost = fmt_money(post->yearly_cost);
	int lw = COLS - 2 - 7 - 9 - 11 - 11 - 15 - 1;
	draw_attr(t, C_HEADER, true);
	draw_fmt(top, 0, COLS, false, _("Funding of post %s · %s · %s a year · Esc goes back"), post->code,
	         post->label, cost ? cost : "");
	draw_attr(t, C_HEADER, false);
	free(cost);
	draw_header(t, top + 1, 0, COLS, "");
	draw_text(top + 1, 2, 6, _("Source"), false);
	draw_text(top + 1, 9 + lw + 1, 8, _("Share"), true);
	draw_text(top + 1, 9 + lw + 10, 10, _("From"), false);
	draw_text(top + 1, 9 + lw + 21, 10, _("To"), false);
	draw_fmt(top + 1, COLS - 15, 15, true, _("In %d"), p->year);
	struct tlist *l = &p->flist;
	int n = rows - 6;
	tlist_scroll(l, n);
	int64_t funded = 0;
	for (size_t i = 0; i < p->nfidx; i++)
		funded += funding_in_year(post, &p->f[p->fidx[i]], p->year);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_share(t, p, post, &p->f[p->fidx[l->idx[row]]], top + 2 + r, row == l->sel);
	}
	if (!l->n)
		draw_text(top + 2, 2, COLS - 2, p->nfidx ? _("(nothing matches the filter)") :
		          _("No source funds this post yet: press a to add a share."), false);
	int64_t c = cost_in_year(post, p->year);
	char *a = fmt_money(c), *b = fmt_money(funded), *g = fmt_money(c - funded);
	attron(A_BOLD);
	draw_fmt(top + rows - 3, 0, COLS, false, _("In %d: cost %s · funded %s · gap %s"), p->year,
	         a ? a : "", b ? b : "", g ? g : "");
	attroff(A_BOLD);
	free(a);
	free(b);
	free(g);
	draw_attr(t, C_DIM, true);
	draw_wrap(top + rows - 2, 0, COLS, 2,
	          _("A share is a percentage of the post's cost that a source pays over a period; "
	            "on no day may the shares make more than 100 %. < > another year."));
	draw_attr(t, C_DIM, false);
}

static void posts_draw(struct tui *t, void *st, int top, int rows)
{
	struct posts *p = st;
	if (p->fpost) {
		draw_fundings(t, p, top, rows);
		return;
	}
	int lw = COLS * 52 / 100;
	draw_list(t, p, top, rows, lw);
	draw_vline(top, lw, rows);
	size_t i = tlist_item(&p->list);
	if (i != SIZE_MAX)
		draw_detail(t, p, i, top, lw + 2, COLS - lw - 3);
	draw_attr(t, C_DIM, true);
	draw_text(top + rows - 1, lw + 2, COLS - lw - 3, _("< > another year"), false);
	draw_attr(t, C_DIM, false);
}

/* ---- forms ---- */

enum { F_CODE, F_LABEL, F_HOLDER, F_FTE, F_COST, F_START, F_END };

static void post_ctx_free(void *x)
{
	if (x)
		post_fini(x);
	free(x);
}

static enum status post_from_form(struct dialog *d, const char *code, struct post *out,
                                  struct err *e)
{
	size_t o = code ? 1 : 0;
	memset(out, 0, sizeof *out);
	const char *holder = dlg_value(d, F_HOLDER - o), *end = dlg_value(d, F_END - o);
	int64_t fte = 0;
	out->code = strdup(code ? code : dlg_value(d, F_CODE));
	out->label = strdup(dlg_value(d, F_LABEL - o));
	out->holder = *holder ? strdup(holder) : NULL;
	out->end = DATE_NONE;
	if (!out->code || !out->label || (*holder && !out->holder))
		return err_set(e, ST_NOMEM, NULL);
	if (decimal_parse(dlg_value(d, F_FTE - o), 2, &fte) != ST_OK ||
	    money_parse(dlg_value(d, F_COST - o), &out->yearly_cost) != ST_OK ||
	    date_parse(dlg_value(d, F_START - o), &out->start) != ST_OK ||
	    (*end && date_parse(end, &out->end) != ST_OK))
		return err_set(e, ST_INVALID, _("a field is not right"));
	out->fte = (int32_t)fte;
	return ST_OK;
}

static enum status submit_post(struct tui *t, struct dialog *d, struct err *e)
{
	const struct post *before = d->ctx;
	struct post x;
	enum status rc = post_from_form(d, before ? before->code : NULL, &x, e);
	if (rc == ST_OK)
		rc = before ? app_post_update(t->app, before, &x, e) : app_post_add(t->app, &x, e);
	if (rc == ST_OK)
		tui_msg(t, before ? _("Post %s saved (u undoes it).") : _("Post %s saved."), x.code);
	post_fini(&x);
	return rc;
}

static void post_fields(struct tui *t, struct posts *p, struct dialog *d, const struct post *x)
{
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	char *fte = x ? fmt_hundredths(x->fte) : NULL;
	char *cost = x ? fmt_money(x->yearly_cost) : NULL;   /* as the list shows it */
	if (!x)
		field_hint(dlg_field(d, _("Code"), FIELD_CODE, true, NULL), _("A short unique code, e.g. COORD"));
	dlg_field(d, _("Label"), FIELD_NAME, true, x ? x->label : NULL);
	struct field *h = dlg_field(d, _("Holder"), FIELD_MEMBER_OPT, true, x ? x->holder : NULL);
	if (h) {
		char **codes = calloc(p->n_members ? p->n_members : 1, sizeof *codes);
		for (size_t i = 0; codes && i < p->n_members; i++)
			codes[i] = p->members[i].code;
		if (codes)
			field_opts(h, codes, p->n_members);
		free(codes);
		field_hint(h, _("A member's code; empty when vacant"));
	}
	dlg_field(d, _("Working time"), FIELD_FTE, true, fte ? fte : "1");
	field_hint(dlg_field(d, _("Yearly cost"), FIELD_COST, true, cost),
	           _("Employer cost for a full year, e.g. 42 000,00"));
	dlg_field(d, _("Start"), FIELD_DATE, true, fmt_date(x ? x->start : t->today, d1));
	field_hint(dlg_field(d, _("End"), FIELD_DATE_OPT, true, x ? fmt_date(x->end, d2) : NULL),
	           _("Empty while the post goes on"));
	free(fte);
	free(cost);
}

static struct post *post_copy(const struct post *x)
{
	struct post *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	*c = *x;
	c->code = strdup(x->code);
	c->label = strdup(x->label);
	c->holder = x->holder ? strdup(x->holder) : NULL;
	if (!c->code || !c->label || (x->holder && !c->holder)) {
		post_ctx_free(c);
		return NULL;
	}
	return c;
}

static unsigned open_form(struct tui *t, struct posts *p, const struct post *x)
{
	struct post *before = x ? post_copy(x) : NULL;
	if (x && !before)
		return R_NONE;
	struct dialog *d = x ? dlg_form_fmt(submit_post, before, post_ctx_free, _("Edit post %s"), x->code)
	                     : dlg_form(_("New post"), submit_post, before, post_ctx_free);
	if (!d)
		return R_NONE;
	post_fields(t, p, d, x);
	if (x)
		dlg_check_all(t, d);
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- funding shares ---- */

/* A change of the funding, as the form was opened: the post's shares
 * then (so that a change made meanwhile elsewhere is refused, not
 * overwritten) and the one edited (SIZE_MAX: a new one). */
struct funding_form {
	char *post;
	struct post_funding *before;
	size_t n;
	size_t row;
};

static void funding_form_free(void *x)
{
	struct funding_form *f = x;
	if (!f)
		return;
	free(f->post);
	funding_list_free(f->before, f->n);
	free(f);
}

static struct funding_form *funding_form_new(struct posts *p, size_t row)
{
	struct funding_form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->row = row;
	f->post = strdup(p->fpost);
	f->before = calloc(p->nfidx ? p->nfidx : 1, sizeof *f->before);
	bool ok = f->post && f->before;
	for (size_t i = 0; ok && i < p->nfidx; i++) {
		const struct post_funding *x = &p->f[p->fidx[i]];
		f->before[i] = *x;
		f->before[i].post = strdup(x->post);
		f->before[i].source = strdup(x->source);
		f->n = i + 1;
		ok = f->before[i].post && f->before[i].source;
	}
	if (!ok) {
		funding_form_free(f);
		return NULL;
	}
	return f;
}

/* The shares after the change: `before` without row `drop` (SIZE_MAX:
 * none), plus `add` when not NULL (at the place of the dropped one).
 * Shallow: the strings stay the form's. */
static enum status save_shares(struct tui *t, struct funding_form *f, size_t drop,
                               const struct post_funding *add, struct err *e)
{
	struct post_funding *after = calloc(f->n + 1, sizeof *after);
	if (!after)
		return err_set(e, ST_NOMEM, NULL);
	size_t na = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (i == drop) {
			if (add)
				after[na++] = *add;
		} else {
			after[na++] = f->before[i];
		}
	}
	if (add && drop == SIZE_MAX)
		after[na++] = *add;
	enum status rc = app_funding_set(t->app, f->post, f->before, f->n, after, na, e);
	free(after);
	if (rc == ST_OK)
		tui_msg(t, _("Funding of post %s saved (u undoes it)."), f->post);
	return rc;
}

enum { S_SOURCE, S_SHARE, S_START, S_END };

static enum status submit_share(struct tui *t, struct dialog *d, struct err *e)
{
	struct funding_form *f = d->ctx;
	struct post_funding x;
	memset(&x, 0, sizeof x);
	int64_t bp = 0;
	const char *end = dlg_value(d, S_END);
	x.post = f->post;
	x.source = (char *)dlg_value(d, S_SOURCE);
	x.end = DATE_NONE;
	if (decimal_parse(dlg_value(d, S_SHARE), 2, &bp) != ST_OK ||
	    date_parse(dlg_value(d, S_START), &x.start) != ST_OK ||
	    (*end && date_parse(end, &x.end) != ST_OK))
		return err_set(e, ST_INVALID, _("a field is not right"));
	x.share_bp = (int32_t)bp;
	return save_shares(t, f, f->row, &x, e);
}

static unsigned open_share(struct tui *t, struct posts *p, size_t row)
{
	size_t k = find_post(p, p->fpost);
	if (k == SIZE_MAX)
		return R_NONE;
	struct funding_form *f = funding_form_new(p, row);
	if (!f)
		return R_NONE;
	const struct post_funding *x = row == SIZE_MAX ? NULL : &f->before[row];
	const struct post *post = &p->v[k];
	char pct[MONEY_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct dialog *d = x ? dlg_form_fmt(submit_share, f, funding_form_free, _("Share of %s in post %s"),
	                                    x->source, post->code)
	                     : dlg_form_fmt(submit_share, f, funding_form_free, _("New share of post %s"), post->code);
	if (!d)
		return R_NONE;
	if (x)
		fmt_rate(x->share_bp, pct);
	/* A new share starts with the year shown, not before the post. */
	int32_t from = date_year_start(p->year);
	if (from < post->start)
		from = post->start;
	field_codes(dlg_field(d, _("Source"), FIELD_SOURCE, true, x ? x->source : "ACI"), &t->cfg->sources, false);
	field_hint(dlg_field(d, _("Share %"), FIELD_PERCENT, true, x ? pct : NULL),
	           _("The part of the post's cost this source pays, e.g. 70"));
	field_hint(dlg_field(d, _("From"), FIELD_DATE, true, fmt_date(x ? x->start : from, d1)),
	           _("YYYY-MM-DD or DD/MM/YYYY"));
	field_hint(dlg_field(d, _("To"), FIELD_DATE_OPT, true, x ? fmt_date(x->end, d2) : NULL),
	           _("Empty while it goes on"));
	dlg_check_all(t, d);
	if (!x && d->n > S_SHARE) {
		free(d->f[S_SHARE].err);   /* not typed yet: no reproach */
		d->f[S_SHARE].err = NULL;
	}
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_drop(struct tui *t, struct dialog *d, struct err *e)
{
	struct funding_form *f = d->ctx;
	return save_shares(t, f, f->row, NULL, e);
}

static unsigned open_drop(struct tui *t, struct posts *p, size_t row)
{
	struct funding_form *f = funding_form_new(p, row);
	if (!f)
		return R_NONE;
	char pct[MONEY_BUFSZ];
	fmt_rate(f->before[row].share_bp, pct);
	tui_open(t, dlg_confirm_fmt(_("Delete"), submit_drop, f, funding_form_free,
	                            _("Remove the share of %s (%s %%) from the funding of post %s?"),
	                            f->before[row].source, pct, f->post));
	return R_REDRAW;
}

static unsigned funding_act(struct tui *t, struct posts *p, enum action a)
{
	size_t i = tlist_item(&p->flist);
	switch (a) {
	case ACT_ADD: return open_share(t, p, SIZE_MAX);
	case ACT_EDIT: case ACT_OPEN: return i == SIZE_MAX ? R_NONE : open_share(t, p, i);
	case ACT_DELETE: return i == SIZE_MAX ? R_NONE : open_drop(t, p, i);
	case ACT_BACK:
		if (p->flist.filter)
			return R_PASS;
		free(p->fpost);
		p->fpost = NULL;
		t->stale[SCR_POSTS] = true;
		return R_REDRAW;
	default: return R_PASS;
	}
}

static const enum action *posts_actions(void *st)
{
	struct posts *p = st;
	return p->fpost ? funding_bindings : post_bindings;
}

static unsigned posts_act(struct tui *t, void *st, enum action a)
{
	struct posts *p = st;
	size_t i = tlist_item(&p->list);
	switch (a) {
	case ACT_PREV_YEAR: p->year--; t->stale[SCR_POSTS] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: p->year++; t->stale[SCR_POSTS] = true; return R_REDRAW;
	case ACT_UNDO: return tui_undo(t);
	case ACT_REDO: return tui_redo(t);
	case ACT_IMPORT_FILE: return tui_import(t, TABLE_POSTS);
	default: break;
	}
	if (p->fpost)
		return funding_act(t, p, a);
	switch (a) {
	case ACT_ADD: return open_form(t, p, NULL);
	case ACT_EDIT: case ACT_OPEN: return i == SIZE_MAX ? R_NONE : open_form(t, p, &p->v[i]);
	case ACT_FUNDING:
		if (i == SIZE_MAX)
			return R_NONE;
		free(p->fpost);
		p->fpost = strdup(p->v[i].code);
		tlist_fini(&p->flist);
		tlist_init(&p->flist, share_match, p);
		t->stale[SCR_POSTS] = true;
		return R_REDRAW;
	default: return R_PASS;
	}
}

static struct tlist *posts_list(void *st)
{
	struct posts *p = st;
	return p->fpost ? &p->flist : &p->list;
}

const struct screen_ops scr_posts = {
	.name = N_("Posts"),
	.bindings = all_bindings,
	TUI_STATE(struct posts, list, post_match),
	.init = posts_init,
	.fini = posts_fini,
	.load = posts_load,
	.draw = posts_draw,
	.actions = posts_actions,
	.act = posts_act,
	.list = posts_list,
	.unsaved = NULL,
};
