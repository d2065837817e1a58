/* dists_cols.c: the columns of the distributions screen, measured on what
 * they hold (the list's summaries at load, a distribution's lines when it
 * is shown), so that a label or an amount is never cut: a column that
 * does not fit is left out whole, and the part's label takes what is left. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/rat.h"
#include "quotepart/report.h"
#include "dists.h"

/* The widest marks of a line: a leftover cent and paid, "+1✔". */
enum { MARKS_W = 3 };

static int wmax(int a, int b)
{
	return a > b ? a : b;
}

/* Measured in the language's own style, never narrower than the ASCII
 * one a terminal without UTF-8 gets: the columns stay where they are. */
static int money_width(int64_t cents)
{
	char buf[MONEY_BUFSZ];
	return text_width(money_format(cents, money_text_style(), buf, sizeof buf));
}

const char *dists_status_text(enum dist_status status)
{
	return status == DIST_APPROVED ? _("approved") : _("draft");
}

const char *dists_paid_text(const struct dist_summary *x)
{
	return x->status != DIST_APPROVED ? "" : x->unpaid == 0 ? _("all") : x->paid ? _("part") : _("no");
}

void dists_measure_summaries(struct dists *s)
{
	struct sum_widths *w = &s->sw;
	w->id = text_width(_("No."));
	w->state = wmax(text_width(_("State")),
	                wmax(text_width(dists_status_text(DIST_APPROVED)), text_width(dists_status_text(DIST_DRAFT))));
	w->mode = text_width(_("Mode"));
	w->ref = text_width(_("Receipt"));
	w->key = text_width(_("Key"));
	w->amount = text_width(_("Amount"));
	w->paid = wmax(wmax(text_width(_("Paid")), text_width(_("all"))), wmax(text_width(_("part")), text_width(_("no"))));
	for (size_t i = 0; i < s->n; i++) {
		const struct dist_summary *x = &s->v[i];
		char id[32];
		snprintf(id, sizeof id, "D%lld", (long long)x->id);
		w->id = wmax(w->id, text_width(id));
		w->mode = wmax(w->mode, text_width(dist_mode_name(x->mode)));
		w->ref = wmax(w->ref, text_width(x->receipt_ref ? x->receipt_ref : "-"));
		char *k = str_printf("%s v%d", x->key_name, x->key_version);
		w->key = wmax(w->key, k ? text_width(k) : 0);
		free(k);
		w->amount = wmax(w->amount, money_width(x->amount));
	}
}

struct sum_cols dists_sum_columns(const struct sum_widths *w)
{
	struct sum_cols c;
	int tail = 1 + w->amount + 2 + w->paid;
	int need = 1 + w->id + 1 + w->state + 1 + w->mode + 1 + w->ref + 1 + w->key + tail;
	/* The mode goes first (the detail's title says it in words). */
	c.mode_w = need <= COLS ? w->mode : 0;
	c.state = 1 + w->id + 1;
	c.mode = c.state + w->state + 1;
	c.ref = c.mode + (c.mode_w ? c.mode_w + 1 : 0);
	c.key = c.ref + w->ref + 1;
	c.key_w = COLS - tail - c.key < w->key ? COLS - tail - c.key : w->key;
	c.amount = c.key + c.key_w + 1;
	c.amount_w = w->amount;
	c.paid = c.amount + w->amount + 2;
	return c;
}

void dists_measure_lines(struct dists *s)
{
	struct line_widths *w = &s->lw;
	w->recipient = text_width(_("Recipient"));
	w->part = text_width(_("Part"));
	w->value = text_width(_("Value"));
	w->presence = text_width(_("Pres."));
	w->weight = text_width(_("Weight"));
	w->exact = text_width(_("Exact €"));
	w->amount = text_width(_("Amount"));
	for (size_t i = 0; i < s->d.n_lines; i++) {
		const struct dist_line *l = &s->d.lines[i];
		char buf[RAT_BUFSZ + 4];
		w->recipient = wmax(w->recipient, text_width(l->recipient));
		w->part = wmax(w->part, text_width(l->label));
		if (l->basis) {
			report_rat_text(l->value, buf, sizeof buf);
			w->value = wmax(w->value, text_width(buf));
			report_rat_text(l->presence, buf, sizeof buf);
			w->presence = wmax(w->presence, text_width(buf));
			report_rat_text(l->weight, buf, sizeof buf);
			w->weight = wmax(w->weight, text_width(buf));
		}
		report_exact_euros(l->exact, buf, sizeof buf);
		w->exact = wmax(w->exact, text_width(buf));
		w->amount = wmax(w->amount, money_width(l->cents));
	}
}

static int numbers_width(const struct line_cols *c)
{
	return (c->value_w ? c->value_w + 1 : 0) + (c->presence_w ? c->presence_w + 1 : 0) +
	       (c->weight_w ? c->weight_w + 1 : 0);
}

struct line_cols dists_line_columns(const struct line_widths *w)
{
	struct line_cols c = { .value_w = w->value, .presence_w = w->presence, .weight_w = w->weight };
	/* The recipient, the exact share, the amount and the marks stay;
	 * when the part's label would be cut, the presence goes (the weight
	 * holds it), then the value, then the weight (Enter explains each). */
	int fixed = 1 + w->recipient + 1 + 1 + w->exact + 1 + w->amount + 1 + MARKS_W;
	int *drop[] = { &c.presence_w, &c.value_w, &c.weight_w };
	for (size_t i = 0; i < sizeof drop / sizeof drop[0] && fixed + numbers_width(&c) + w->part > COLS; i++)
		*drop[i] = 0;
	c.part = 1 + w->recipient + 1;
	c.part_w = COLS - fixed - numbers_width(&c);
	int x = c.part + c.part_w + 1;
	c.value = x;
	x += c.value_w ? c.value_w + 1 : 0;
	c.presence = x;
	x += c.presence_w ? c.presence_w + 1 : 0;
	c.weight = x;
	x += c.weight_w ? c.weight_w + 1 : 0;
	c.exact = x;
	c.exact_w = w->exact;
	c.amount = c.exact + w->exact + 1;
	c.amount_w = w->amount;
	c.marks = c.amount + w->amount + 1;
	return c;
}
