/* peps_estimate.c: the PEPS estimate as text or CSV (report_forecast.h).
 * The amounts are the engine's, each rounded once; a cell's year is
 * rounded on its own, so the cells need not add up to the year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/report_forecast.h"

#include "report_internal.h"

/* What a cell matches, for people: "men, 40-49 years, no ALD, no C2S". */
static void cell_label(const struct peps_cell *c, struct sbuf *b)
{
	size_t start = b->len;
	const char *sep = "";
	if (c->sex) {
		sb_add(b, c->sex == 'F' ? _("women") : _("men"));
		sep = ", ";
	}
	if (c->has_age) {
		sb_add(b, sep);
		sb_printf(b, _("%d-%d years"), c->age_lo, c->age_hi);
		sep = ", ";
	}
	if (c->ald == PEPS_ALD_NONE) {
		sb_printf(b, "%s%s", sep, _("no ALD"));
		sep = ", ";
	} else if (c->ald == PEPS_ALD_LIST) {
		sb_printf(b, "%sALD", sep);
		for (size_t i = 0; i < c->n_alds; i++)
			sb_printf(b, "%s%s", i ? "/" : " ", c->alds[i]);
		sep = ", ";
	}
	if (c->c2s >= 0)
		sb_printf(b, "%s%s", sep, c->c2s ? "C2S" : _("no C2S"));
	if (b->len == start)
		sb_add(b, _("every patient"));
}

/* "1.0312" with the language's decimal mark; percentages with two. */
static char *decimal_text(int64_t v, int places, char *buf, size_t size)
{
	return decimal_format(v, places, rep_mark(), buf, size);
}

static const char *period_name(int k)
{
	static const char *const names[] = { "Q1", "Q2", "Q3", "Q4" };
	return k < 4 ? names[k] : _("Year");
}

static void text_head(const struct rep_peps *x, struct rep_out *o)
{
	struct sbuf b;
	char l[MONEY_BUFSZ], y[MONEY_BUFSZ], bo[MONEY_BUFSZ];
	rep_out_title(o, x->practice);
	sb_init(&b);
	sb_printf(&b, _("PEPS estimate, exercise %d, from the practice's grid. An estimate, not what the CPAM will pay."),
	          x->est->exercise);
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, _("Patients enrolled in %d with the counted GPs: %lld"), x->est->exercise,
	          (long long)x->est->patients);
	if (!x->grid->gps) {
		sb_printf(&b, " (%s)", _("every GP who is an associate"));
	} else {
		for (size_t i = 0; i < x->grid->n_gps; i++)
			sb_printf(&b, "%s%s", i ? ", " : " (", x->grid->gps[i]);
		sb_add(&b, ")");
	}
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, _("Local coefficient %s, loyalty %s %%, quality bonus %s %%"),
	          decimal_text(x->grid->local, 4, l, sizeof l), decimal_text(x->grid->loyalty, 2, y, sizeof y),
	          decimal_text(x->grid->bonus, 2, bo, sizeof bo));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_add(o->out, "\n");
}

static const struct rep_col cols[] = { { 40, false }, { 8, true }, { 13, true }, { 14, true } };
static const struct rep_col cols2[] = { { 30, false }, { 15, true }, { 15, true }, { 15, true } };

static void text_cells(const struct rep_peps *x, struct rep_out *o)
{
	char n[32], a[MONEY_BUFSZ], y[MONEY_BUFSZ];
	const char *head[] = { _("Cell"), _("Patients"), _("A year each"), _("The year") };
	rep_out_row(o, PDF_BOLD, cols, head, 4);
	for (size_t i = 0; i < x->grid->n; i++) {
		struct sbuf b;
		sb_init(&b);
		sb_printf(&b, "%zu. ", i + 1);
		cell_label(&x->grid->cells[i], &b);
		snprintf(n, sizeof n, "%lld", (long long)x->est->cells[i].patients);
		const char *cells[] = { b.s ? b.s : "", n, rep_money(x->grid->cells[i].amount, a, sizeof a),
		                        rep_money(x->est->cells[i].year_cents, y, sizeof y) };
		rep_out_row(o, PDF_BODY, cols, cells, 4);
		sb_fini(&b);
	}
	rep_out_rule(o);
}

static void text_periods(const struct rep_peps *x, struct rep_out *o)
{
	const struct peps_estimate *s = x->est;
	char m[MONEY_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ], d3[DATE_BUFSZ];
	for (int k = 0; k < PEPS_PERIODS; k++) {
		struct sbuf b;
		sb_init(&b);
		if (k < 4)
			sb_printf(&b, _("%s, %s to %s, due %s"), period_name(k), date_format_local(s->start[k], d1, sizeof d1),
			          date_format_local(s->end[k], d2, sizeof d2), date_format_local(s->due[k], d3, sizeof d3));
		else
			sb_printf(&b, _("Year, %lld days"), (long long)s->year_days);
		rep_out_amount(o, 0, k < 4 ? PDF_BODY : PDF_BOLD, b.s ? b.s : "", rep_money(s->expected[k], m, sizeof m));
		sb_fini(&b);
	}
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, s->balance < 0 ? _("Balance, due %s: owed back to the CPAM") : _("Balance, due %s"),
	          date_format_local(s->due[PEPS_YEAR], d1, sizeof d1));
	rep_out_amount(o, 0, PDF_BOLD, b.s ? b.s : "", rep_money(s->balance, m, sizeof m));
	sb_fini(&b);
}

/* The what-if beside the stored estimate: the coefficients, the amounts. */
static void text_whatif(const struct rep_peps *x, const struct rep_peps *w, struct rep_out *o)
{
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ], c[MONEY_BUFSZ];
	const char *head[] = { "", _("Stored"), _("What-if"), _("Difference") };
	rep_out_row(o, PDF_BOLD, cols2, head, 4);
	const struct { const char *what; int64_t s, w; int places; } rates[] = {
		{ _("Local coefficient"), x->grid->local, w->grid->local, 4 },
		{ _("Loyalty (%)"), x->grid->loyalty, w->grid->loyalty, 2 },
		{ _("Quality bonus (%)"), x->grid->bonus, w->grid->bonus, 2 },
	};
	for (size_t i = 0; i < 3; i++) {
		const char *cells[] = { rates[i].what, decimal_text(rates[i].s, rates[i].places, a, sizeof a),
		                        decimal_text(rates[i].w, rates[i].places, b, sizeof b),
		                        decimal_text(rates[i].w - rates[i].s, rates[i].places, c, sizeof c) };
		rep_out_row(o, PDF_BODY, cols2, cells, 4);
	}
	for (int k = 0; k <= PEPS_PERIODS; k++) {
		int64_t s = k < PEPS_PERIODS ? x->est->expected[k] : x->est->balance;
		int64_t v = k < PEPS_PERIODS ? w->est->expected[k] : w->est->balance;
		const char *cells[] = { k < PEPS_PERIODS ? period_name(k) : _("Balance"), rep_money(s, a, sizeof a),
		                        rep_money(v, b, sizeof b), rep_money(v - s, c, sizeof c) };
		rep_out_row(o, k < 4 ? PDF_BODY : PDF_BOLD, cols2, cells, 4);
	}
}

#define PEPS_CSV_EXTRA (PEPS_PERIODS + 5)

/* A row: item, label, patients (< 0: none), cents (have_cents). */
static void put_row(struct rep_est_row *r, const char *type, const char *item, const char *label,
                    int64_t patients, bool have_cents, int64_t cents)
{
	*r = (struct rep_est_row){ "", "", "", "", have_cents, cents, type };
	snprintf(r->item, sizeof r->item, "%s", item);
	snprintf(r->label, sizeof r->label, "%s", label);
	if (patients >= 0)
		snprintf(r->figure, sizeof r->figure, "%lld", (long long)patients);
}

static void csv_rows(const void *any, struct rep_est_row *v, size_t *n)
{
	const struct rep_peps *x = any;
	const struct peps_estimate *s = x->est;
	size_t k = 0;
	for (size_t i = 0; i < x->grid->n; i++, k++) {
		struct sbuf b;
		char item[32];
		sb_init(&b);
		cell_label(&x->grid->cells[i], &b);
		snprintf(item, sizeof item, "cell%zu", i + 1);
		put_row(&v[k], "cell", item, b.s ? b.s : "", s->cells[i].patients, true, s->cells[i].year_cents);
		money_format(x->grid->cells[i].amount, MONEY_CSV, v[k].value, sizeof v[k].value);
		sb_fini(&b);
	}
	put_row(&v[k++], "total", "patients", _("Patients"), s->patients, false, 0);
	const struct { const char *item, *label; int64_t v; int places; } rates[] = {
		{ "local", _("Local coefficient"), x->grid->local, 4 },
		{ "loyalty", _("Loyalty (%)"), x->grid->loyalty, 2 },
		{ "bonus", _("Quality bonus (%)"), x->grid->bonus, 2 },
	};
	for (size_t i = 0; i < 3; i++, k++) {
		put_row(&v[k], "parameter", rates[i].item, rates[i].label, -1, false, 0);
		decimal_format(rates[i].v, rates[i].places, ',', v[k].value, sizeof v[k].value);
	}
	for (int p = 0; p <= PEPS_PERIODS; p++, k++) {
		bool balance = p == PEPS_PERIODS;
		put_row(&v[k], p == PEPS_YEAR ? "total" : "instalment", balance ? "balance" : p < 4 ? period_name(p) : "year",
		        balance ? _("Balance") : period_name(p), -1, true, balance ? s->balance : s->expected[p]);
		if (p != PEPS_YEAR)
			date_format(s->due[balance ? PEPS_YEAR : p], v[k].value, sizeof v[k].value);
		else
			snprintf(v[k].value, sizeof v[k].value, "%lld", (long long)s->year_days);
	}
	*n = k;
}

static void text_body(const void *x, struct rep_out *o)
{
	text_cells(x, o);
	text_periods(x, o);
}

static void text_head_v(const void *x, struct rep_out *o)
{
	text_head(x, o);
}

static void text_whatif_v(const void *x, const void *w, struct rep_out *o)
{
	text_whatif(x, w, o);
}

enum status rep_peps_estimate(const struct rep_peps *x, const struct rep_peps *whatif,
                              enum rep_format f, struct sbuf *out, struct err *e)
{
	static const struct rep_est_kind peps = { NC_("csv header", "patients"), NC_("csv header", "patients_whatif"),
		text_head_v, text_body, text_whatif_v, csv_rows };
	return rep_estimate_emit(&peps, x, whatif, x->grid->n + PEPS_CSV_EXTRA, &x->audit, f, out, e);
}
