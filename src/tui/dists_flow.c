/* dists_flow.c: the dialogs of the distributions screen: a receipt then
 * a key picked from lists, approval (date, note, then a confirmation),
 * payments, saving a preview as the draft, true-up, one line explained. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "dists.h"

/* ---- pickers: a receipt, then a key ---- */

struct key_pick {
	int64_t receipt;
	bool compare;          /* the second key of a comparison */
	bool true_up;          /* the preview starts with true-up (a balance) */
	char **names;
	size_t n;
};

static void key_pick_free(void *p)
{
	struct key_pick *k = p;
	if (!k)
		return;
	for (size_t i = 0; i < k->n; i++)
		free(k->names[i]);
	free(k->names);
	free(k);
}

static enum status submit_key(struct tui *t, struct dialog *d, struct err *e)
{
	struct key_pick *k = d->ctx;
	struct dists *s = tui_state(t, SCR_DISTS);
	size_t i = dlg_picked(d);
	if (i >= k->n)
		return err_set(e, ST_INVALID, _("pick a key"));
	if (k->compare)
		return dists_make_compare(t, s, k->names[i], e);
	enum status rc = dists_make_preview(t, s, k->receipt, k->names[i], k->true_up, e);
	if (rc == ST_OK && k->true_up)
		tui_msg(t, "%s", _("A balance: true-up is on, so that the exercise's total is divided against what "
		                   "its approved distributions gave (t switches it off)."));
	return rc;
}

void dists_pick_key(struct tui *t, int64_t receipt, bool compare)
{
	struct key_info *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	struct key_pick *k = calloc(1, sizeof *k);
	struct receipt r;
	bool have_r = app_receipt_get(t->app, receipt, &r, &e) == ST_OK;
	err_fini(&e);
	/* The keys that fit the receipt's source first: a PEPS receipt is
	 * not offered the ACI key before its own. */
	enum status rc = k ? app_keys_for(t->app, have_r ? r.source : NULL, &v, &n, &e) : ST_NOMEM;
	if (rc == ST_OK && have_r)
		rc = app_true_up_advised(t->app, &r, &k->true_up, &e);
	if (have_r)
		receipt_fini(&r);
	if (rc != ST_OK || !(k->names = calloc(n ? n : 1, sizeof *k->names))) {
		tui_error(t, &e);
		err_fini(&e);
		key_pick_free(k);
		key_info_list_free(v, n);
		return;
	}
	k->receipt = receipt;
	k->compare = compare;
	for (size_t i = 0; i < n; i++) {
		k->names[i] = v[i].name;   /* taken over */
		v[i].name = NULL;
	}
	k->n = n;
	key_info_list_free(v, n);
	struct dialog *d = dlg_pick(compare ? _("Compare with which key?") : _("Divide with which key?"),
	                            k->names, k->n, submit_key, k, key_pick_free);
	tui_open(t, d);
}

struct receipt_pick {
	int64_t *ids;
	size_t n;
};

static void receipt_pick_free(void *p)
{
	struct receipt_pick *r = p;
	if (r)
		free(r->ids);
	free(r);
}

static enum status submit_receipt(struct tui *t, struct dialog *d, struct err *e)
{
	struct receipt_pick *r = d->ctx;
	size_t i = dlg_picked(d);
	if (i >= r->n)
		return err_set(e, ST_INVALID, _("pick a receipt"));
	dists_pick_key(t, r->ids[i], false);   /* opens after this one closes */
	return ST_OK;
}

/* The picker's columns, as wide as their widest: reference, received,
 * source, kind (0: left out), amount; and the mark of a receipt already
 * divided by an approved distribution, in full or short. */
struct pick_cols {
	int ref, src, kind, amount;
	bool short_mark;
};

static const char *approved_mark(bool short_mark)
{
	return short_mark ? _("  (approved)") : _("  (approved: true-up only)");
}

static int pick_width(const struct pick_cols *c, bool marked)
{
	int w = c->ref + 1 + 10 + 1 + c->src + 1 + (c->kind ? c->kind + 1 : 0) + c->amount;
	return w + (marked ? text_width(approved_mark(c->short_mark)) : 0);
}

/* Measured on the receipts; what does not fit in the picker's width is
 * left out whole: first the mark's explanation, then the kind, then both. */
static struct pick_cols pick_columns(struct tui *t, const struct receipt *v, size_t n, const bool *approved)
{
	struct pick_cols c = { 1, 1, 0, 1, false };
	bool marked = false;
	for (size_t i = 0; i < n; i++) {
		int r = text_width(v[i].reference ? v[i].reference : "-"), s = text_width(v[i].source);
		int k = text_width(tui_label(&t->cfg->receipt_kinds, v[i].kind));
		/* In the language's own style: as wide as the ASCII one or wider. */
		char a[MONEY_BUFSZ];
		int m = text_width(money_format(v[i].amount, money_text_style(), a, sizeof a));
		c.ref = r > c.ref ? r : c.ref;
		c.src = s > c.src ? s : c.src;
		c.kind = k > c.kind ? k : c.kind;
		c.amount = m > c.amount ? m : c.amount;
		marked = marked || approved[i];
	}
	int room = dlg_pick_width(), kind = c.kind;
	const struct { bool kind, short_mark; } tries[] = { { true, false }, { true, true }, { false, false } };
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		c.kind = tries[i].kind ? kind : 0;
		c.short_mark = tries[i].short_mark;
		if (pick_width(&c, marked) <= room)
			return c;
	}
	c.kind = 0;
	c.short_mark = true;
	return c;
}

/* One line of the picker, in columns padded by display width (labels and
 * references may hold accented letters). */
static char *receipt_item(struct tui *t, const struct pick_cols *c, const struct receipt *x, bool approved)
{
	char day[DATE_BUFSZ];
	char *amount = fmt_money(x->amount);
	char *ref = text_pad(x->reference ? x->reference : "-", c->ref, false);
	char *src = text_pad(x->source, c->src, false);
	char *kind = c->kind ? text_pad(tui_label(&t->cfg->receipt_kinds, x->kind), c->kind + 1, false) : NULL;
	char *money = text_pad(amount ? amount : "", c->amount, true);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s %s %s%s%s", ref ? ref : "", fmt_date(x->received, day), src ? src : "",
	          kind ? kind : "", money ? money : "", approved ? approved_mark(c->short_mark) : "");
	free(amount);
	free(ref);
	free(src);
	free(kind);
	free(money);
	return sb_take(&b);
}

void dists_pick_receipt(struct tui *t)
{
	struct receipt *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	struct receipt_pick *p = calloc(1, sizeof *p);
	char **items = NULL;
	if (!p || app_receipts(t->app, &v, &n, &e) != ST_OK ||
	    !(p->ids = calloc(n ? n : 1, sizeof *p->ids)) || !(items = calloc(n ? n : 1, sizeof *items))) {
		tui_error(t, &e);
		err_fini(&e);
		receipt_pick_free(p);
		receipt_list_free(v, n);
		return;
	}
	bool *approved = calloc(n ? n : 1, sizeof *approved);
	for (size_t i = 0; approved && i < n; i++)
		app_receipt_divided(t->app, v[i].id, &approved[i], NULL);
	struct pick_cols c = pick_columns(t, v, approved ? n : 0, approved);
	/* Newest first: the one just recorded is on top. */
	for (size_t i = 0; i < n; i++) {
		const struct receipt *x = &v[n - 1 - i];
		p->ids[i] = x->id;
		items[i] = receipt_item(t, &c, x, approved && approved[n - 1 - i]);
	}
	free(approved);
	p->n = n;
	tui_open(t, dlg_pick(_("Divide which receipt?"), items, n, submit_receipt, p, receipt_pick_free));
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	receipt_list_free(v, n);
}

/* ---- approval and payments ---- */

struct approval {
	int32_t on;
	char *note;
	/* The preview the question described: what is saved and approved
	 * must be it, even if the screen was refreshed under the question. */
	struct distribution seen;
	bool have_seen;
};

static void approval_free(void *p)
{
	struct approval *a = p;
	if (a) {
		free(a->note);
		if (a->have_seen)
			distribution_fini(&a->seen);
	}
	free(a);
}

/* Save the preview s shows, if it is still what `seen` shows; else show
 * the new result instead (*fresh: it is shown, and the message says why).
 * replaced (may be NULL): the earlier draft the saved one replaced, or 0. */
static enum status save_seen(struct tui *t, struct dists *s, const struct distribution *seen,
                             struct distribution *saved, bool *fresh, int64_t *replaced, struct err *e)
{
	enum status rc = dists_run(t, &s->r, s->key, s->true_up, false, seen, saved, replaced, e);
	/* Refused with a result: the one app_distribute computed instead. */
	*fresh = rc == ST_REFUSED && saved->receipt_id;
	if (*fresh)
		dists_show_fresh(t, s, saved, e);
	return rc;
}

static enum status submit_approve_yes(struct tui *t, struct dialog *d, struct err *e)
{
	struct approval *a = d->ctx;
	struct dists *s = tui_state(t, SCR_DISTS);
	enum status rc = ST_OK;
	if (s->preview) {
		struct distribution saved;
		bool fresh;
		rc = save_seen(t, s, a->have_seen ? &a->seen : &s->d, &saved, &fresh, NULL, e);
		if (rc != ST_OK)
			return rc;
		distribution_fini(&s->d);
		s->d = saved;
		s->preview = false;
	}
	int64_t id = s->d.id;
	/* The screen was read again under the question (another program
	 * wrote) and shows no distribution any more: nothing to approve. */
	if (!s->have_d || id <= 0)
		return err_set(e, ST_REFUSED, "%s", _("What the question showed is no longer on the screen (another "
		                                      "program changed the data): nothing was approved; look again."));
	rc = app_approve(t->app, id, a->on, a->note, e);
	char day[DATE_BUFSZ];
	if (rc == ST_OK)
		tui_msg(t, _("D%lld approved: it never changes from now on. Approval dated %s; p records payments."),
		        (long long)id, fmt_date(a->on, day));
	return rc;
}

static enum status submit_approve_form(struct tui *t, struct dialog *d, struct err *e)
{
	struct dists *s = tui_state(t, SCR_DISTS);
	struct approval *a = calloc(1, sizeof *a);
	if (!a)
		return err_set(e, ST_NOMEM, NULL);
	const char *note = dlg_value(d, 1);
	if (date_parse(dlg_value(d, 0), &a->on) != ST_OK) {
		free(a);
		return err_set(e, ST_INVALID, _("not a date"));
	}
	a->note = *note ? strdup(note) : NULL;
	if (s->preview && !(a->have_seen = distribution_copy(&a->seen, &s->d))) {
		approval_free(a);
		return err_set(e, ST_NOMEM, NULL);
	}
	char *amount = fmt_money(s->d.amount);
	const char *ref = s->r.reference ? s->r.reference : "-", *shown = amount ? amount : "";
	struct dialog *q = s->preview ?
		dlg_confirm_fmt(_("Approve"), submit_approve_yes, a, approval_free,
		                _("Save this preview and approve it: receipt %s divided with key %s (%s)? "
		                  "Once approved it can never change."), ref, s->d.key_name, shown) :
		dlg_confirm_fmt(_("Approve"), submit_approve_yes, a, approval_free,
		                _("Approve D%lld: receipt %s divided with key %s (%s)? Once approved it can never change."),
		                (long long)s->d.id, ref, s->d.key_name, shown);
	free(amount);
	if (!q)
		return err_set(e, ST_NOMEM, NULL);
	tui_open(t, q);
	return ST_OK;
}

unsigned dists_open_approve(struct tui *t, struct dists *s)
{
	if (!s->preview && s->d.status == DIST_APPROVED) {
		tui_msg(t, "%s", _("Already approved."));
		return R_REDRAW;
	}
	char d1[DATE_BUFSZ];
	struct dialog *d = dlg_form(_("Approve the distribution"), submit_approve_form, NULL, NULL);
	if (!d)
		return R_NONE;
	d->text = strdup(_("The date of the meeting that approved it, and a note (the minutes' reference, the vote...)."));
	dlg_field(d, _("Approved on"), FIELD_DATE, true, fmt_date(t->today, d1));
	dlg_field(d, _("Note"), FIELD_TEXT, true, NULL);
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_pay(struct tui *t, struct dialog *d, struct err *e)
{
	struct dists *s = tui_state(t, SCR_DISTS);
	int32_t on;
	const char *who = dlg_value(d, 2);
	if (date_parse(dlg_value(d, 0), &on) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date"));
	bool all = !*who || strcmp(who, _("all")) == 0;
	struct app_payment p;
	enum status rc = app_pay_lines(t->app, s->d.id, all ? NULL : who, on, dlg_value(d, 1), &p, e);
	char day[DATE_BUFSZ];
	if (rc == ST_OK && s->d.reverses)
		tui_msg(t, _("D%lld: %zu line(s) paid back on %s; %zu needed nothing (cancelled before they were paid)."),
		        (long long)s->d.id, p.paid, fmt_date(on, day), p.nothing);
	else if (rc == ST_OK)
		tui_msg(t, _("D%lld: %zu line(s) marked paid on %s."), (long long)s->d.id, p.paid, fmt_date(on, day));
	return rc;
}

unsigned dists_open_pay(struct tui *t, struct dists *s)
{
	if (s->preview || s->d.status != DIST_APPROVED) {
		tui_msg(t, "%s", _("Approve it first (A): only approved distributions are paid."));
		return R_REDRAW;
	}
	char d1[DATE_BUFSZ];
	struct dialog *d = dlg_form(_("Record a payment"), submit_pay, NULL, NULL);
	if (!d)
		return R_NONE;
	dlg_field(d, _("Paid on"), FIELD_DATE, true, fmt_date(t->today, d1));
	field_hint(dlg_field(d, _("Means"), FIELD_NAME, true, _("transfer")), _("transfer, cheque..."));
	struct field *f = dlg_field(d, _("Whose lines"), FIELD_TEXT, false, _("all"));
	if (f) {
		char **opts = calloc(s->d.n_lines + 1, sizeof *opts);
		size_t n = 0;
		if (opts) {
			opts[n++] = _("all");
			for (size_t k = 0; k < s->d.n_lines; k++)
				opts[n++] = s->d.lines[k].recipient;
			field_opts(f, opts, n);
		}
		free(opts);
		field_hint(f, _("A recipient, or all of the unpaid lines"));
	}
	tui_open(t, d);
	return R_REDRAW;
}

/* ---- the preview's own steps ---- */

unsigned dists_save_draft(struct tui *t, struct dists *s)
{
	struct distribution saved;
	struct err e = ERR_INIT;
	bool fresh;
	int64_t replaced = 0;
	enum status rc = save_seen(t, s, &s->d, &saved, &fresh, &replaced, &e);
	if (fresh) {
		err_fini(&e);
		/* The new result is shown: reload the rest with it, so that the
		 * next look at the data does not hide the reason. */
		return R_RELOAD | R_REDRAW;
	}
	if (rc != ST_OK) {
		tui_error(t, &e);
		err_fini(&e);
		return R_REDRAW;
	}
	if (replaced)
		tui_msg(t, _("Saved as D%lld, the receipt's draft (it replaces an earlier draft). A approves it."),
		        (long long)saved.id);
	else
		tui_msg(t, _("Saved as D%lld, the receipt's draft. A approves it."), (long long)saved.id);
	distribution_fini(&s->d);
	s->d = saved;
	s->preview = false;
	return R_RELOAD | R_REDRAW;
}

unsigned dists_toggle_true_up(struct tui *t, struct dists *s)
{
	struct err e = ERR_INIT;
	char *key = strdup(s->key);
	if (!key || dists_make_preview(t, s, s->receipt_id, key, !s->true_up, &e) != ST_OK)
		tui_error(t, &e);
	else
		tui_msg(t, "%s", s->true_up ? _("True-up on: the exercise's total, less what earlier approved distributions gave.")
		                            : _("True-up off: this receipt alone."));
	free(key);
	err_fini(&e);
	return R_REDRAW;
}

unsigned dists_view_line(struct tui *t, struct dists *s)
{
	size_t i = tlist_item(&s->lines);
	if (i == SIZE_MAX)
		return R_NONE;
	const struct dist_line *l = &s->d.lines[i];
	char d[DATE_BUFSZ];
	char *share = fmt_money(l->share), *before = fmt_money(l->before), *cents = fmt_money(l->cents);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: %s\n%s: %s (%s)\n", _("Recipient"), l->recipient, _("Part"), l->label,
	          line_kind_name(l->kind));
	if (l->basis) {
		sb_printf(&b, "%s: %s\n%s: %s\n", _("Basis"), basis_words(l->basis), _("Value"), l->value);
		if (l->factor) {
			char *f = fmt_hundredths(l->factor);
			sb_printf(&b, "%s: %s\n", _("Hourly rate"), f ? f : "");
			free(f);
		}
		sb_printf(&b, "%s: %s\n%s: %s\n", _("Presence"), l->presence, _("Weight"), l->weight);
	}
	sb_printf(&b, "%s: %s %s\n", _("Exact share"), l->exact, _("cents"));
	sb_printf(&b, "%s: %s%s\n", _("Share"), share ? share : "", l->leftover ? _(" (got one leftover cent)") : "");
	if (l->before)
		sb_printf(&b, "%s: %s\n", _("Given before (true-up)"), before ? before : "");
	sb_printf(&b, "%s: %s\n", _("This line pays"), cents ? cents : "");
	if (l->paid_on != DATE_NONE)
		sb_printf(&b, "%s: %s, %s\n", _("Paid"), fmt_date(l->paid_on, d), l->means ? l->means : "");
	sb_printf(&b, "\n%s\n", _("Each line is its exact share rounded down; the cents left over go one each to the "
	                         "largest remainders, ties to the code first in byte order."));
	free(share);
	free(before);
	free(cents);
	char *text = sb_take(&b);
	tui_view_text(t, _("One line, explained"), text ? text : "");
	free(text);
	return R_REDRAW;
}

/* ---- reversal ---- */

static enum status submit_reverse(struct tui *t, struct dialog *d, struct err *e)
{
	(void)d;
	struct dists *s = tui_state(t, SCR_DISTS);
	int64_t id = s->d.id, rev = 0;
	enum status rc = app_reverse(t->app, id, &rev, e);
	if (rc == ST_OK && (rc = dists_open_stored(t, s, rev, e)) == ST_OK)
		tui_msg(t, _("D%lld is the draft that reverses D%lld: A approves it; then the receipt can be divided again."),
		        (long long)rev, (long long)id);
	return rc;
}

unsigned dists_open_reverse(struct tui *t, struct dists *s)
{
	if (!s->have_d || s->preview || s->d.status != DIST_APPROVED)
		return R_NONE;
	char *amount = fmt_money(s->d.amount);
	tui_open(t, dlg_confirm_fmt(_("Reverse"), submit_reverse, NULL, NULL,
	                            _("Reverse D%lld (%s, key %s)? A new draft negates every line; once it is "
	                              "approved, what was paid is owed back and the receipt can be divided again."),
	                            (long long)s->d.id, amount ? amount : "", s->d.key_name));
	free(amount);
	return R_REDRAW;
}
