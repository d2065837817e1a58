/* scr_home.c: the home screen: the practice, the money received in a year
 * by source, how much of it is divided, approved and paid, and what waits
 * (receipts not divided, drafts not approved, approved distributions not
 * paid, expected instalments late or due soon), each one line away. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_instalments.h"
#include "quotepart/app_settings.h"
#include "quotepart/array.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

/* A line of "what waits": a receipt to divide, a draft to approve, or
 * an instalment expected (both ids 0). */
struct waiting {
	char *text;
	size_t brief;          /* the bytes shown when the whole does not fit */
	int64_t receipt_id;    /* to divide */
	int64_t dist_id;       /* to approve (0: a receipt) */
};

/* How far ahead an instalment is listed before it is due. */
enum { HOME_DAYS_AHEAD = 45 };

struct home {
	int year;              /* 0 until chosen */
	struct home_source *src;
	size_t n_src;
	int64_t received;
	size_t n_receipts;
	int64_t drafted, approved, paid, unpaid;
	struct waiting *wait;
	size_t n_wait;
	struct tlist list;
	int64_t members, active, posts, patients, keys;
};

static const enum action home_bindings[] = {
	ACT_OPEN, ACT_DISTRIBUTE, ACT_SETTINGS, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_DOCUMENTS, ACT_NONE
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

static void home_fini(void *st)
{
	struct home *h = st;
	clear_data(h);
}

/* text is what matters, then " · " and the details that a narrow
 * screen leaves out rather than cut. */
static void add_wait(struct home *h, char *text, int64_t receipt, int64_t dist)
{
	if (!text)
		return;
	if (!array_grow(&h->wait, NULL, h->n_wait + 1, sizeof *h->wait)) {
		free(text);
		return;
	}
	const char *more = strstr(text, " · ");
	size_t brief = more ? (size_t)(more - text) : strlen(text);
	h->wait[h->n_wait++] = (struct waiting){ text, brief, receipt, dist };
}

static char *receipt_waiting(const struct config *cfg, const struct receipt *r)
{
	char day[DATE_BUFSZ];
	char *amount = fmt_money(r->amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("To divide: %s, %s, received %s"), r->reference ? r->reference : "-",
	          amount ? amount : "", fmt_date(r->received, day));
	sb_printf(&b, " · %s, %s", r->source, tui_label(&cfg->receipt_kinds, r->kind));
	free(amount);
	return sb_take(&b);
}

static char *draft_waiting(const struct dist_summary *s)
{
	char *amount = fmt_money(s->amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("To approve: D%lld of %s, %s"), (long long)s->id,
	          s->receipt_ref ? s->receipt_ref : "-", amount ? amount : "");
	sb_printf(&b, " · %s %s", _("key"), s->key_name);
	free(amount);
	return sb_take(&b);
}

static char *instalment_waiting(const struct config *cfg, const struct instalment *v)
{
	char day[DATE_BUFSZ];
	char *amount = fmt_money(v->expected);
	const char *kind = tui_label(&cfg->receipt_kinds, v->x->kind);
	struct sbuf b;
	sb_init(&b);
	/* The state first, as the receipts' lines say theirs: never cut. */
	sb_printf(&b, v->state == INSTALMENT_LATE ? _("LATE: %s %s %s %s, due %s") : _("Expected: %s %s %s %s, due %s"),
	          v->x->source, v->x->exercise, kind, amount ? amount : "", fmt_date(v->x->due, day));
	free(amount);
	return sb_take(&b);
}

/* The instalments late or due within HOME_DAYS_AHEAD, after the rest. */
static enum status add_instalments(struct tui *t, struct home *h, struct err *e)
{
	struct app_instalments v;
	enum status rc = app_instalments_view(t->app, NULL, t->today, &v, e);
	if (rc != ST_OK)
		return rc;
	for (size_t i = 0; i < v.n; i++)
		if (app_instalment_waiting(&v.rows[i], t->today, HOME_DAYS_AHEAD))
			add_wait(h, instalment_waiting(t->cfg, &v.rows[i]), 0, 0);
	app_instalments_fini(&v);
	return ST_OK;
}

static char *unpaid_waiting(const struct dist_summary *s)
{
	char day[DATE_BUFSZ];
	char *amount = fmt_money(s->unpaid);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("To pay: D%lld of %s, %s not paid yet"), (long long)s->id,
	          s->receipt_ref ? s->receipt_ref : "-", amount ? amount : "");
	sb_add(&b, " · ");
	sb_printf(&b, _("approved on %s"), fmt_date(s->approved_on, day));
	free(amount);
	return sb_take(&b);
}

static enum status home_load(struct tui *t, void *st, struct err *e)
{
	struct home *h = st;
	clear_data(h);
	if (!h->year)
		h->year = t->year;
	struct home_view v;
	enum status rc = app_home(t->app, h->year, t->today, &v, e);
	if (rc == ST_OK) {
		h->src = v.src;
		h->n_src = v.n_src;
		v.src = NULL;
		h->received = v.received;
		h->n_receipts = v.n_receipts;
		h->drafted = v.drafted;
		h->approved = v.approved;
		h->paid = v.paid;
		h->unpaid = v.unpaid;
		h->members = v.members;
		h->active = v.active;
		h->posts = v.posts;
		h->patients = v.patients;
		h->keys = v.keys;
		for (size_t i = 0; i < v.n_wait; i++) {
			const struct home_wait *w = &v.wait[i];
			if (w->draft)
				add_wait(h, draft_waiting(w->draft), w->draft->receipt_id, w->draft->id);
			else if (w->unpaid)
				add_wait(h, unpaid_waiting(w->unpaid), w->unpaid->receipt_id, w->unpaid->id);
			else
				add_wait(h, receipt_waiting(t->cfg, w->receipt), w->receipt->id, 0);
		}
		home_view_fini(&v);
		rc = add_instalments(t, h, e);
	}
	tlist_reset(&h->list, h->n_wait);
	return rc;
}

static void draw_sources(struct tui *t, struct home *h, int y, int x, int w)
{
	char *title = str_printf(_("Exercise %d: received, by source"), h->year);
	draw_header(t, y, x, w, title ? title : "");
	free(title);
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
	draw_header(t, y, x, w, _("What became of it"));
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
		const struct waiting *x = &h->wait[l->idx[row]];
		bool whole = x->brief == strlen(x->text) || text_width(x->text) <= COLS - 2;
		draw_fmt(y + 1 + r, 0, COLS, false, "%s %.*s", sel ? ">" : " ",
		         (int)(whole ? strlen(x->text) : x->brief), x->text);
		if (sel)
			draw_select(t, false);
	}
}

/* The counts of the team, each in its plural form ("1 post", "2 posts"). */
static void draw_team(const struct home *h, int y)
{
	unsigned long m = (unsigned long)h->members, a = (unsigned long)h->active;
	unsigned long po = (unsigned long)h->posts, pa = (unsigned long)h->patients, k = (unsigned long)h->keys;
	char *members = str_printf(ngettext("%lld member", "%lld members", m), (long long)h->members);
	char *active = str_printf(ngettext("%lld active", "%lld active", a), (long long)h->active);
	char *posts = str_printf(ngettext("%lld post", "%lld posts", po), (long long)h->posts);
	char *patients = str_printf(ngettext("%lld patient", "%lld patients", pa), (long long)h->patients);
	char *keys = str_printf(ngettext("%lld key", "%lld keys", k), (long long)h->keys);
	draw_fmt(y, 1, COLS - 2, false, _("Team: %s (%s) · %s · %s · %s · < > exercise"), members ? members : "",
	         active ? active : "", posts ? posts : "", patients ? patients : "", keys ? keys : "");
	free(members);
	free(active);
	free(posts);
	free(patients);
	free(keys);
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
	draw_team(h, top + rows - 1);
	draw_waiting(t, h, y, top + rows - 1 - y);
}

/* ---- the practice's settings (S) ---- */

static enum status submit_settings(struct tui *t, struct dialog *d, struct err *e)
{
	struct practice want;
	for (int i = 0; i < PRACTICE__COUNT; i++)
		want.v[i] = (char *)dlg_value(d, (size_t)i);
	enum status rc = app_practice_set_all(t->app, &want, e);
	if (rc == ST_OK)
		tui_msg(t, "%s", _("The practice's settings are saved."));
	return rc;
}

static unsigned open_settings(struct tui *t)
{
	struct practice p;
	struct err e = ERR_INIT;
	if (app_practice(t->app, &p, &e) != ST_OK) {
		tui_error(t, &e);
		err_fini(&e);
		return R_REDRAW;
	}
	struct dialog *d = dlg_form(_("The practice"), submit_settings, NULL, NULL);
	if (d) {
		/* In full here, where they are typed: lists show the IBAN masked. */
		d->text = strdup(_("As the attestations, the SEPA transfer file and the FEC print them. "
		                   "SIREN and SIRET are checked with their key, the IBAN with its country's length and key."));
		static const enum app_field checks[PRACTICE__COUNT] = {
			[PRACTICE_NAME] = FIELD_NAME, [PRACTICE_ADDRESS] = FIELD_TEXT, [PRACTICE_SIREN] = FIELD_TEXT,
			[PRACTICE_SIRET] = FIELD_TEXT, [PRACTICE_IBAN] = FIELD_IBAN, [PRACTICE_BIC] = FIELD_BIC,
		};
		for (int i = 0; i < PRACTICE__COUNT; i++)
			dlg_field(d, practice_setting_label((enum practice_setting)i), checks[i], i != PRACTICE_SIREN &&
			          i != PRACTICE_SIRET, p.v[i]);
		tui_open(t, d);
	}
	practice_fini(&p);
	return R_REDRAW;
}

static unsigned home_act(struct tui *t, void *st, enum action a)
{
	struct home *h = st;
	size_t i = tlist_item(&h->list);
	switch (a) {
	case ACT_PREV_YEAR: h->year--; t->stale[SCR_HOME] = true; return R_REDRAW;
	case ACT_NEXT_YEAR: h->year++; t->stale[SCR_HOME] = true; return R_REDRAW;
	case ACT_DISTRIBUTE: dists_start(t, 0); return R_REDRAW;
	case ACT_SETTINGS: return open_settings(t);
	case ACT_DOCUMENTS: return tui_documents(t, NULL, date_year_start(h->year), date_year_end(h->year));
	case ACT_OPEN:
		if (i == SIZE_MAX)
			return R_NONE;
		if (!h->wait[i].dist_id && !h->wait[i].receipt_id) {
			tui_msg(t, "%s", _("An expected instalment: enter its receipt on the Receipts screen when it "
			                   "arrives (quotepart instalments lists them all)"));
			return R_REDRAW;
		}
		if (h->wait[i].dist_id)
			dists_start(t, -h->wait[i].dist_id);
		else
			dists_start(t, h->wait[i].receipt_id);
		return R_REDRAW;
	default:
		return R_PASS;
	}
}

const struct screen_ops scr_home = {
	.name = N_("Home"),
	.bindings = home_bindings,
	TUI_STATE(struct home, list, wait_match),
	.fini = home_fini,
	.load = home_load,
	.draw = home_draw,
	.act = home_act,
	.unsaved = NULL,
};
