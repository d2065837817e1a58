/* account.c: a member's account across every exercise, as a register:
 * one row per approved distribution that gave them something, grouped by
 * the exercise of its receipt, with what it allocated, what was recorded
 * as paid and the running balance (still due to the member; below zero,
 * owed back by them after a true-up), each exercise's totals, then the
 * whole account's. Opened with c on the Members screen. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

#define W_WHAT 22   /* columns of "D12  RECEIPT" */
#define W_MONEY 12

/* One distribution's lines for the member, summed. */
struct entry {
	const struct app_statement_line *first;
	int64_t allocated, paid;
	int32_t paid_on;   /* the latest payment, DATE_NONE when none */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct app_statement_line *x = ((const struct entry *)a)->first;
	const struct app_statement_line *y = ((const struct entry *)b)->first;
	int c = strcmp(x->exercise, y->exercise);
	if (c)
		return c;
	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return x->dist_id < y->dist_id ? -1 : x->dist_id > y->dist_id;
}

/* The statement's lines summed per distribution (they are adjacent: the
 * statement is sorted by date and distribution), sorted by exercise. */
static struct entry *entries_of(const struct app_statement *st, size_t *n)
{
	struct entry *v = calloc(st->n ? st->n : 1, sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < st->n; i++) {
		const struct app_statement_line *l = &st->v[i];
		if (!*n || v[*n - 1].first->dist_id != l->dist_id)
			v[(*n)++] = (struct entry){ .first = l, .paid_on = DATE_NONE };
		struct entry *x = &v[*n - 1];
		x->allocated += l->cents;
		if (l->paid_on != DATE_NONE) {
			x->paid += l->cents;
			if (x->paid_on == DATE_NONE || l->paid_on > x->paid_on)
				x->paid_on = l->paid_on;
		}
	}
	qsort(v, *n, sizeof *v, cmp_entry);
	return v;
}

static void money_cell(struct sbuf *b, int64_t cents)
{
	char *m = fmt_money(cents), *cell = text_pad(m ? m : "", W_MONEY, true);
	sb_printf(b, " %s", cell ? cell : "");
	free(cell);
	free(m);
}

static const char *label(const struct codelist *l, const char *code)
{
	const struct cfg_item *it = config_find(l, code);
	return it ? config_label(it) : code;
}

static void entry_rows(struct tui *t, struct sbuf *b, const struct entry *x, int64_t balance)
{
	const struct app_statement_line *l = x->first;
	char d[DATE_BUFSZ];
	char *what = str_printf("D%lld  %s", (long long)l->dist_id, l->receipt);
	char *cell = text_pad(what ? what : "", W_WHAT, false);
	sb_printf(b, "  %s  %s", fmt_date(l->received, d), cell ? cell : "");
	free(cell);
	free(what);
	money_cell(b, x->allocated);
	money_cell(b, x->paid);
	money_cell(b, balance);
	sb_printf(b, "\n              %s, %s · %s %s v%d", label(&t->cfg->sources, l->source),
	          label(&t->cfg->receipt_kinds, l->kind), _("key"), l->key_name, l->key_version);
	if (l->reverses)
		sb_printf(b, " · %s D%lld", _("reversal of"), (long long)l->reverses);
	else if (l->mode != DIST_NORMAL)
		sb_printf(b, " · %s", _("true-up: less what the earlier distributions gave"));
	if (l->cancelled)
		sb_printf(b, " · %s", l->reverses ? _("nothing to pay back: the original was never paid")
		                                  : _("cancelled by its reversal: nothing to pay"));
	else if (x->paid_on != DATE_NONE)
		sb_printf(b, " · %s %s", _("paid on"), fmt_date(x->paid_on, d));
	sb_add(b, "\n");
}

/* "HEAD: allocated X, paid Y, still due Z" (or "owed back Z", or
 * "settled"). */
static void totals_text(struct sbuf *b, const char *head, int64_t allocated, int64_t paid)
{
	int64_t left = allocated - paid;
	char *a = fmt_money(allocated), *p = fmt_money(paid), *due = fmt_money(left < 0 ? -left : left);
	struct sbuf r;
	sb_init(&r);
	sb_printf(&r, "%s %s, %s %s, ", _("allocated"), a ? a : "", _("paid"), p ? p : "");
	if (!left)
		sb_add(&r, _("settled"));
	else
		sb_printf(&r, "%s %s", left > 0 ? _("still due to the member") : _("owed back by the member"),
		          due ? due : "");
	sb_add(b, "  ");
	sb_printf(b, _("%s: %s"), head, r.s ? r.s : "");
	sb_add(b, "\n");
	sb_fini(&r);
	free(a);
	free(p);
	free(due);
}

static void account_text(struct tui *t, const struct entry *v, size_t n, struct sbuf *b)
{
	char *h = text_pad(_("Received"), 10, false), *w = text_pad(_("Distribution, receipt"), W_WHAT, false);
	sb_printf(b, "%s\n\n", _("Every approved distribution that gave the member something, by the exercise of its "
	                          "receipt. Balance: still due to the member; below zero, owed back by them."));
	int64_t balance = 0, all_a = 0, all_p = 0;
	for (size_t i = 0; i < n;) {
		const char *ex = v[i].first->exercise;
		int64_t ex_a = 0, ex_p = 0;
		sb_printf(b, "%s %s\n  %s  %s", _("Exercise"), ex, h ? h : "", w ? w : "");
		static const char *const heads[] = { N_("Allocated"), N_("Paid"), N_("Balance") };
		for (size_t k = 0; k < 3; k++) {
			char *c = text_pad(_(heads[k]), W_MONEY, true);
			sb_printf(b, " %s", c ? c : "");
			free(c);
		}
		sb_add(b, "\n");
		for (; i < n && strcmp(v[i].first->exercise, ex) == 0; i++) {
			balance += v[i].allocated - v[i].paid;
			ex_a += v[i].allocated;
			ex_p += v[i].paid;
			entry_rows(t, b, &v[i], balance);
		}
		char *head = str_printf(_("Exercise %s"), ex);
		totals_text(b, head ? head : ex, ex_a, ex_p);
		free(head);
		sb_add(b, "\n");
		all_a += ex_a;
		all_p += ex_p;
	}
	if (n)
		totals_text(b, _("Every exercise"), all_a, all_p);
	else
		sb_add(b, _("No approved distribution gave this member anything yet."));
	free(h);
	free(w);
}

void account_show(struct tui *t, const struct member *m)
{
	struct app_statement st;
	struct err e = ERR_INIT;
	if (app_statement(t->app, m->code, INT32_MIN, DATE_NONE - 1, &st, &e) != ST_OK) {
		tui_error(t, &e);
		return;
	}
	size_t n = 0;
	struct entry *v = entries_of(&st, &n);
	struct sbuf b;
	sb_init(&b);
	if (v)
		account_text(t, v, n, &b);
	char *title = str_printf(_("Account of %s (%s), every exercise"), m->name, m->code);
	char *text = sb_take(&b);
	if (v && text)
		tui_view_text(t, title ? title : m->code, text);
	else
		tui_msg(t, "%s", _("Out of memory."));
	free(text);
	free(title);
	free(v);
	app_statement_fini(&st);
}
