/* scr_home.c: the home screen: the practice, the money received in a year
 * by source, how much of it is divided, approved and paid, and what waits
 * (receipts not divided, drafts not approved), each one line away. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

struct src_total {
	const char *source;    /* borrowed from the config */
	int64_t amount;
	size_t n;
};

/* A line of "what waits": a receipt to divide or a draft to approve. */
struct waiting {
	char *text;
	int64_t receipt_id;    /* to divide */
	int64_t dist_id;       /* to approve (0: a receipt) */
};

struct home {
	int year;              /* 0 until chosen */
	struct src_total *src;
	size_t n_src;
	int64_t received;
	size_t n_receipts;
	int64_t drafted, approved, paid, unpaid;
	struct waiting *wait;
	size_t n_wait;
	struct tlist list;
	int64_t members, active, posts, patients, keys;
};

static const enum action home_keys[] = {
	ACT_OPEN, ACT_DISTRIBUTE, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_NONE
};

static void clear_data(struct home *h)
{
	free(h->src);
	h->src = NULL;
	h->n_src = 0;
	for (size_t i = 0; i < h->n_wait; i++)
		free(h->wait[i].text);
	free(h->wait);
	h->wait = NULL;
	h->n_wait = 0;
	h->received = h->drafted = h->approved = h->paid = h->unpaid = 0;
	h->n_receipts = 0;
}

static bool wait_match(void *ctx, size_t i, const char *needle)
{
	struct home *h = ctx;
	return tlist_contains(h->wait[i].text, needle);
}

static void *home_create(void)
{
	struct home *h = calloc(1, sizeof *h);
	if (h)
		tlist_init(&h->list, wait_match, h);
	return h;
}

static void home_destroy(void *st)
{
	struct home *h = st;
	clear_data(h);
	tlist_fini(&h->list);
	free(h);
}

/* Whether a receipt pays for the exercise shown ("2025"). */
static bool of_year(const struct receipt *r, int year)
{
	char *end = NULL;
	long y = strtol(r->exercise, &end, 10);
	return end != r->exercise && y == year;
}

static void add_source(struct home *h, const char *source, int64_t amount)
{
	for (size_t i = 0; i < h->n_src; i++) {
		if (strcmp(h->src[i].source, source) == 0) {
			h->src[i].amount += amount;
			h->src[i].n++;
			return;
		}
	}
}

static void add_wait(struct home *h, char *text, int64_t receipt, int64_t dist)
{
	if (!text)
		return;
	struct waiting *nv = realloc(h->wait, (h->n_wait + 1) * sizeof *nv);
	if (!nv) {
		free(text);
		return;
	}
	h->wait = nv;
	h->wait[h->n_wait++] = (struct waiting){ text, receipt, dist };
}

static char *receipt_waiting(const struct config *cfg, const struct receipt *r)
{
	char day[DATE_BUFSZ];
	char *amount = fmt_money(r->amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("Receipt %s (%s %s, %s, received %s): not divided yet"),
	          r->reference ? r->reference : "-", r->source, tui_label(&cfg->receipt_kinds, r->kind),
	          amount ? amount : "",
	          fmt_date(r->received, day));
	free(amount);
	return sb_take(&b);
}

static char *draft_waiting(const struct db_dist_summary *s)
{
	char *amount = fmt_money(s->amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("D%lld, draft of %s with key %s (%s): not approved"), (long long)s->id,
	          s->receipt_ref ? s->receipt_ref : "-", s->key_name, amount ? amount : "");
	free(amount);
	return sb_take(&b);
}

/* Totals of the distributions of the exercise's receipts, and what waits
 * in any exercise. */
static void sum_distributions(const struct config *cfg, struct home *h, const struct receipt *r,
                              size_t nr, const struct db_dist_summary *s, size_t ns)
{
	for (size_t i = 0; i < ns; i++) {
		bool mine = false;
		for (size_t j = 0; j < nr && !mine; j++)
			mine = r[j].id == s[i].receipt_id && of_year(&r[j], h->year);
		if (mine && strcmp(s[i].status, "approved") == 0) {
			h->approved += s[i].amount;
			h->paid += s[i].paid;
			h->unpaid += s[i].unpaid;
		} else if (mine) {
			h->drafted += s[i].amount;
		}
		if (strcmp(s[i].status, "draft") == 0)
			add_wait(h, draft_waiting(&s[i]), s[i].receipt_id, s[i].id);
	}
	for (size_t i = 0; i < nr; i++) {
		bool any = false;
		for (size_t j = 0; j < ns && !any; j++)
			any = s[j].receipt_id == r[i].id;
		if (!any)
			add_wait(h, receipt_waiting(cfg, &r[i]), r[i].id, 0);
	}
}

static void count_team(struct tui *t, struct home *h)
{
	struct member *m = NULL;
	size_t n = 0;
	h->members = h->active = 0;
	if (db_members(t->db, &m, &n, NULL) == ST_OK) {
		h->members = (int64_t)n;
		for (size_t i = 0; i < n; i++)
			h->active += m[i].joined <= t->today && (m[i].left == DATE_NONE || m[i].left >= t->today);
		member_list_free(m, n);
	}
	db_count(t->db, "posts", &h->posts, NULL);
	db_count(t->db, "patients", &h->patients, NULL);
	db_count(t->db, "keys", &h->keys, NULL);
}

static enum status home_load(struct tui *t, void *st, struct err *e)
{
	struct home *h = st;
	clear_data(h);
	struct receipt *r = NULL;
	struct db_dist_summary *s = NULL;
	size_t nr = 0, ns = 0;
	enum status rc = db_receipts(t->db, &r, &nr, e);
	if (rc == ST_OK)
		rc = db_dist_summaries(t->db, &s, &ns, e);
	if (rc == ST_OK) {
		if (!h->year)
			h->year = t->year;
		h->src = calloc(t->cfg->sources.n ? t->cfg->sources.n : 1, sizeof *h->src);
		for (size_t i = 0; h->src && i < t->cfg->sources.n; i++)
			h->src[h->n_src++].source = t->cfg->sources.v[i].code;
		for (size_t i = 0; i < nr; i++) {
			if (!of_year(&r[i], h->year))
				continue;
			h->received += r[i].amount;
			h->n_receipts++;
			add_source(h, r[i].source, r[i].amount);
		}
		sum_distributions(t->cfg, h, r, nr, s, ns);
		count_team(t, h);
	}
	receipt_list_free(r, nr);
	db_dist_summary_free(s, ns);
	tlist_reset(&h->list, h->n_wait);
	return rc;
}

static void draw_sources(struct tui *t, struct home *h, int y, int x, int w)
{
	char title[128];
	snprintf(title, sizeof title, _("Exercise %d: received, by source"), h->year);
	draw_header(t, y, x, w, title);
	int row = y + 1;
	for (size_t i = 0; i < h->n_src; i++) {
		if (!h->src[i].n)
			continue;
		draw_text(row, x + 2, 7, h->src[i].source, false);
		draw_money(row, x + 9, 14, h->src[i].amount);
		draw_fmt(row, x + 24, w - 24, false, _("%zu receipt(s)"), h->src[i].n);
		row++;
	}
	if (!h->n_receipts)
		draw_text(row++, x + 2, w - 2, _("nothing received for this exercise"), false);
	attron(A_BOLD);
	draw_text(row, x + 2, 7, _("Total"), false);
	draw_money(row, x + 9, 14, h->received);
	draw_fmt(row, x + 24, w - 24, false, _("%zu receipt(s)"), h->n_receipts);
	attroff(A_BOLD);
}

static void draw_money_row(int y, int x, int w, const char *label, int64_t cents)
{
	draw_text(y, x + 2, w - 20, label, false);
	draw_money(y, x + w - 17, 16, cents);
}

static void draw_progress(struct tui *t, struct home *h, int y, int x, int w)
{
	char title[128];
	snprintf(title, sizeof title, "%s", _("What became of it"));
	draw_header(t, y, x, w, title);
	draw_money_row(y + 1, x, w, _("Divided, draft"), h->drafted);
	draw_money_row(y + 2, x, w, _("Approved"), h->approved);
	draw_money_row(y + 3, x, w, _("Paid"), h->paid);
	draw_money_row(y + 4, x, w, _("Approved, not paid"), h->unpaid);
	draw_money_row(y + 5, x, w, _("Not divided yet"), h->received - h->drafted - h->approved);
}

static void draw_waiting(struct tui *t, struct home *h, int y, int rows)
{
	draw_header(t, y, 0, COLS, _("What waits (Enter opens it)"));
	struct tlist *l = &h->list;
	tlist_scroll(l, rows - 1);
	if (!l->n)
		draw_text(y + 1, 2, COLS - 2, l->filter ? _("(nothing matches the filter)") : _("Nothing: every receipt is divided and approved."), false);
	for (int r = 0; r + 1 < rows && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		bool sel = row == l->sel;
		if (sel)
			draw_select(t, true);
		draw_fmt(y + 1 + r, 0, COLS, false, "%s %s", sel ? ">" : " ", h->wait[l->idx[row]].text);
		if (sel)
			draw_select(t, false);
	}
}

static void home_draw(struct tui *t, void *st, int top, int rows)
{
	struct home *h = st;
	int half = COLS / 2;
	draw_sources(t, h, top + 1, 1, half - 2);
	draw_progress(t, h, top + 1, half, COLS - half - 1);
	size_t shown = 0;
	for (size_t i = 0; i < h->n_src; i++)
		shown += h->src[i].n != 0;
	int used = (int)(shown < 5 ? 5 : shown) + 3;
	int y = top + 1 + used;
	draw_fmt(top + rows - 1, 1, COLS - 2, false,
	         _("Team: %lld members (%lld active) · %lld posts · %lld patients · %lld keys · < > exercise"),
	         (long long)h->members, (long long)h->active, (long long)h->posts,
	         (long long)h->patients, (long long)h->keys);
	draw_waiting(t, h, y, top + rows - 1 - y);
}

static const enum action *home_actions(void *st)
{
	(void)st;
	return home_keys;
}

static unsigned home_act(struct tui *t, void *st, enum action a)
{
	struct home *h = st;
	size_t i = tlist_item(&h->list);
	switch (a) {
	case ACT_PREV_YEAR: h->year--; t->stale[SCR_HOME] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: h->year++; t->stale[SCR_HOME] = true; return R_REDRAW;
	case ACT_DISTRIBUTE: dists_start(t, 0); return R_REDRAW;
	case ACT_OPEN:
		if (i == SIZE_MAX)
			return R_NONE;
		if (h->wait[i].dist_id)
			dists_start(t, -h->wait[i].dist_id);
		else
			dists_start(t, h->wait[i].receipt_id);
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

static struct tlist *home_list(void *st)
{
	return &((struct home *)st)->list;
}

const struct screen_ops scr_home = {
	.name = N_("Home"),
	.keys = home_keys,
	.create = home_create,
	.destroy = home_destroy,
	.load = home_load,
	.draw = home_draw,
	.actions = home_actions,
	.act = home_act,
	.list = home_list,
	.unsaved = NULL,
};
