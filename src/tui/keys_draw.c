/* keys_draw.c: the key editor drawn: a row per part (the key, its
 * reservations, its pools) with what each takes and for whom, the
 * totals (on two lines when one would cut them), the selected part in
 * full, and a title that keeps whole what it shows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "keys.h"

enum part_kind keys_part_kind(const struct key *k, size_t row, size_t *i)
{
	if (row == 0) {
		*i = 0;
		return PART_KEY;
	}
	if (row <= k->n_res) {
		*i = row - 1;
		return PART_RES;
	}
	*i = row - 1 - k->n_res;
	return PART_POOL;
}

/* ---- the text of a part ---- */

/* What a reservation takes, as the form reads it: a rate, or an amount
 * as the screens show amounts (ASCII on a terminal without UTF-8). */
char *keys_res_value_text(const struct key_reservation *r)
{
	return r->is_rate ? app_res_value_text(r) : fmt_money(r->amount);
}

static void list_part(struct sbuf *b, const char *what, const struct codelist *l, const struct strlist *codes)
{
	if (!codes->n)
		return;
	sb_printf(b, " · ");
	sb_printf(b, _("%s: %s"), what, "");
	keys_words_add(b, l, codes);
}

/* Who a pool is for and how it weighs them, in one line. */
static char *pool_how(const struct config *c, const struct key_pool *p)
{
	static const struct codelist none = { NULL, 0 };
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, app_basis_text(p->basis));
	if (p->prorata)
		sb_add(&b, _(", prorata"));
	if (p->basis == BASIS_PATIENTS)
		sb_printf(&b, ", %s", p->at_end ? _("at the period's end") : _("average over the period"));
	list_part(&b, _("statuses"), &c->statuses, &p->statuses);
	list_part(&b, _("professions"), &c->professions, &p->professions);
	list_part(&b, _("groups"), &c->groups, &p->groups);
	list_part(&b, _("members"), &none, &p->members);
	list_part(&b, _("kinds"), &c->activity_kinds, &p->kinds);
	if (!p->statuses.n && !p->professions.n && !p->groups.n && !p->members.n)
		sb_printf(&b, " · %s", _("everyone"));
	if (p->n_rates) {
		char *r = app_rates_text(p->rates, p->n_rates);
		sb_add(&b, " · ");
		sb_printf(&b, _("%s: %s"), _("hourly rates"), r ? r : "");
		free(r);
	}
	if (p->n_points) {
		char *r = app_points_text(p->points, p->n_points);
		sb_add(&b, " · ");
		sb_printf(&b, _("%s: %s"), _("points"), r ? r : "");
		free(r);
	}
	return sb_take(&b);
}

/* ---- drawing ---- */

struct cols {
	int kind, label, takes, how;   /* x of each column */
	int wk, wl, wt, wh;            /* their widths */
};

static struct cols columns(void)
{
	struct cols c;
	c.kind = 2;
	c.wk = 12;
	c.label = c.kind + c.wk + 1;
	c.wl = COLS * 26 / 100;
	c.takes = c.label + c.wl + 1;
	c.wt = 13;
	c.how = c.takes + c.wt + 2;
	c.wh = COLS - c.how;
	return c;
}

static void draw_part_row(struct tui *t, struct keys *k, size_t row, int y, bool sel)
{
	const struct key *key = k->edit;
	struct cols c = columns();
	char buf[MONEY_BUFSZ];
	size_t i;
	if (sel)
		draw_select(t, true);
	draw_text(y, 0, 2, sel ? ">" : "", false);
	switch (keys_part_kind(key, row, &i)) {
	case PART_KEY:
		draw_text(y, c.kind, c.wk, _("key"), false);
		draw_text(y, c.label, c.wl, key->name, false);
		draw_text(y, c.takes, c.wt, "", true);
		draw_text(y, c.how, c.wh, key->description ? key->description : "", false);
		break;
	case PART_RES: {
		const struct key_reservation *r = &key->res[i];
		char *takes = keys_res_value_text(r);
		draw_text(y, c.kind, c.wk, _("reservation"), false);
		draw_text(y, c.label, c.wl, r->label, false);
		draw_text(y, c.takes, c.wt, takes ? takes : "", true);
		draw_fmt(y, c.how, c.wh, false, "→ %s", r->account);
		free(takes);
		break;
	}
	case PART_POOL: {
		const struct key_pool *p = &key->pools[i];
		char *how = pool_how(t->cfg, p);
		fmt_rate(p->rate_bp, buf);
		draw_text(y, c.kind, c.wk, _("pool"), false);
		draw_text(y, c.label, c.wl, p->label, false);
		draw_fmt(y, c.takes, c.wt, true, "%s %%", buf);
		draw_text(y, c.how, c.wh, how ? how : "", false);
		free(how);
		break;
	}
	}
	if (sel)
		draw_select(t, false);
}

/* What the totals say: pools must make 100 %, reservation rates at most
 * 100 %; shown before s so that nothing comes as a surprise. Set *good
 * when they are right. Two parts: what is taken first, then the pools. */
static void totals_text(const struct key *k, char **first, char **then, bool *good)
{
	int64_t pools = 0, rates = 0, fixed = 0;
	for (size_t i = 0; i < k->n_pools; i++)
		pools += k->pools[i].rate_bp;
	for (size_t i = 0; i < k->n_res; i++) {
		if (k->res[i].is_rate)
			rates += k->res[i].rate_bp;
		else
			fixed += k->res[i].amount;
	}
	char p[MONEY_BUFSZ], r[MONEY_BUFSZ];
	char *f = fmt_money(fixed);
	fmt_rate((int32_t)pools, p);
	fmt_rate((int32_t)rates, r);
	*good = pools == 10000 && rates <= 10000;
	struct sbuf b;
	sb_init(&b);
	if (!k->n_res)
		sb_add(&b, _("Nothing taken first"));
	else if (!rates)
		sb_printf(&b, _("Taken first: %s"), f ? f : "");
	else if (!fixed)
		sb_printf(&b, _("Taken first: %s %% of the receipt"), r);
	else
		sb_printf(&b, _("Taken first: %s and %s %% of the receipt"), f ? f : "", r);
	*first = sb_take(&b);
	sb_printf(&b, _("pools: %s %% of the rest"), p);
	if (pools != 10000)
		sb_printf(&b, " %s", _("(they must make 100 %)"));
	*then = sb_take(&b);
	free(f);
}

/* The totals at y, on one line when they fit, else the pools on a line
 * of their own (each part wrapped, never cut); with y < 0 nothing is
 * drawn. Returns the lines used. */
static int draw_totals(struct tui *t, const struct key *k, int y)
{
	char *first = NULL, *then = NULL;
	bool good;
	totals_text(k, &first, &then, &good);
	char *one = str_printf("%s · %s", first ? first : "", then ? then : "");
	int n;
	if (y >= 0) {
		attron(A_BOLD);
		if (!good)
			draw_attr(t, C_WARN, true);
	}
	if (one && text_width(one) <= COLS) {
		n = draw_wrap(y, 0, COLS, 1, one);
	} else {
		n = draw_wrap(y, 0, COLS, 2, first ? first : "");
		n += draw_wrap(y < 0 ? y : y + n, 0, COLS, 2, then ? then : "");
	}
	if (y >= 0) {
		if (!good)
			draw_attr(t, C_WARN, false);
		attroff(A_BOLD);
	}
	free(one);
	free(first);
	free(then);
	return n;
}

/* The selected part in full, under the list. */
static void draw_selected(struct tui *t, struct keys *k, int y, int lines)
{
	size_t row = tlist_item(&k->parts), i;
	if (row == SIZE_MAX)
		return;
	struct sbuf b;
	sb_init(&b);
	switch (keys_part_kind(k->edit, row, &i)) {
	case PART_KEY:
		sb_printf(&b, _("%s: %s"), k->edit->name, k->edit->description ? k->edit->description : _("(no description)"));
		break;
	case PART_RES: {
		char *takes = keys_res_value_text(&k->edit->res[i]);
		sb_printf(&b, _("%s: takes %s for %s, before the pools share the rest."), k->edit->res[i].label,
		          takes ? takes : "", k->edit->res[i].account);
		free(takes);
		break;
	}
	case PART_POOL: {
		char *how = pool_how(t->cfg, &k->edit->pools[i]);
		sb_printf(&b, _("%s: %s"), k->edit->pools[i].label, how ? how : "");
		free(how);
		break;
	}
	}
	char *s = sb_take(&b);
	draw_wrap(y, 1, COLS - 2, lines, s ? s : "");
	free(s);
}

/* The editor's title: what is edited, then how to save and leave as far
 * as each fits whole. */
static void draw_title(struct tui *t, struct keys *k, int y)
{
	struct sbuf b;
	sb_init(&b);
	if (k->edit_base)
		sb_printf(&b, _("Editing key %s (from version %d)%s"), k->edit->name, k->edit_base,
		          k->edit_dirty ? _(", changed") : "");
	else
		sb_printf(&b, _("New key %s, not saved yet"), k->edit->name);
	const char *more[] = { k->edit_base ? _("s saves a new version") : _("s saves it"), _("Esc leaves") };
	for (size_t i = 0; i < 2 && b.s; i++) {
		size_t len = b.len;
		sb_printf(&b, " · %s", more[i]);
		if (b.s && text_width(b.s) > COLS) {
			b.s[len] = '\0';
			b.len = len;
			break;
		}
	}
	draw_attr(t, C_HEADER, true);
	draw_text(y, 0, COLS, b.s ? b.s : "", false);
	draw_attr(t, C_HEADER, false);
	sb_fini(&b);
}

void keys_edit_draw(struct tui *t, struct keys *k, int top, int rows)
{
	struct cols c = columns();
	draw_title(t, k, top);
	draw_header(t, top + 1, 0, COLS, "");
	draw_text(top + 1, c.kind, c.wk, _("Part"), false);
	draw_text(top + 1, c.label, c.wl, _("Label"), false);
	draw_text(top + 1, c.takes, c.wt, _("Takes"), true);
	draw_text(top + 1, c.how, c.wh, _("For whom, how"), false);
	struct tlist *l = &k->parts;
	int totals = draw_totals(t, k->edit, -1);
	int n = rows - 5 - totals;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_part_row(t, k, l->idx[row], top + 2 + r, row == l->sel);
	}
	if (!k->edit->n_pools)
		draw_text(top + 2 + (int)l->n, 2, COLS - 2, _("No pool yet: press a to add one (r adds a reservation)."), false);
	draw_totals(t, k->edit, top + rows - 3 - totals);
	draw_selected(t, k, top + rows - 3, 3);
}
