/* estimate.c: the ACI estimate as text or CSV (report_forecast.h). The
 * points are exact decimals (the scaling by P / 4 000 always ends), the
 * amounts the engine's, rounded once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/rat.h"
#include "quotepart/report_forecast.h"

#include "report_internal.h"

/* Points for people: exact, with the language's decimal mark. */
static char *points_text(struct rat r, char *buf, size_t size)
{
	rat_format_exact(r, 6, buf, size);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = rep_mark();
	return buf;
}

static char *int_text(int64_t v, char *buf, size_t size)
{
	snprintf(buf, size, "%lld", (long long)v);
	return buf;
}

/* An indicator's points, variable ones scaled: fixed + variable x P / ref. */
static struct rat item_points(const struct rep_aci *x, size_t i)
{
	const struct aci_item *it = &x->est->items[i];
	i128 num = (i128)it->fixed * x->rules->patients_ref + (i128)it->variable * x->est->patients;
	return rat_make(num, x->rules->patients_ref);
}

static const char *label(const struct aci_indicator *it)
{
	return i18n_is_french() && it->label_fr ? it->label_fr : it->label_en;
}

static const char *value_text(const struct aci_indicator *it, int64_t v, char *buf, size_t size)
{
	if (it->kind == ACI_YESNO)
		return v ? _("yes") : _("no");
	return int_text(v, buf, size);
}

/* "declared" or "from the records, 31/12/N" for P and n. */
static const char *origin(bool declared)
{
	return declared ? _("declared") : _("counted on 31 December");
}

static const struct rep_col cols[] = { { 52, false }, { 8, true }, { 14, true }, { 1, true } };
static const struct rep_col cols2[] = { { 30, false }, { 15, true }, { 15, true }, { 15, true } };

static void text_one(const struct rep_aci *x, struct rep_out *o)
{
	char v[32], p[RAT_BUFSZ];
	const char *head[] = { _("Indicator"), _("Value"), _("Points"), NULL };
	rep_out_row(o, PDF_BOLD, cols, head, 4);
	for (size_t i = 0; i < x->rules->n; i++) {
		const struct aci_indicator *it = &x->rules->v[i];
		const char *cells[] = { label(it), value_text(it, x->est->items[i].value, v, sizeof v),
		                        points_text(item_points(x, i), p, sizeof p), NULL };
		rep_out_row(o, PDF_BODY, cols, cells, 4);
	}
	rep_out_rule(o);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("Information system, SI(%lld)"), (long long)x->est->associates);
	const char *si[] = { b.s ? b.s : "", "", int_text(x->est->si, v, sizeof v), NULL };
	rep_out_row(o, PDF_BODY, cols, si, 4);
	const char *pts[] = { _("Points"), "", points_text(x->est->points, p, sizeof p), NULL };
	rep_out_row(o, PDF_BOLD, cols, pts, 4);
	sb_fini(&b);
}

/* The prerequisites missed, by their labels, when one is. */
static void text_gate(const struct rep_aci *x, struct rep_out *o)
{
	if (x->est->gate)
		return;
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, _("Prerequisites not met, so the total is 0:"));
	const char *sep = " ";
	for (size_t i = 0; i < x->rules->n; i++)
		if (x->rules->v[i].cls == ACI_PREREQUISITE && x->est->items[i].value == 0) {
			sb_printf(&b, "%s%s", sep, label(&x->rules->v[i]));
			sep = i18n_ctx(NC_("list separator", "; "));
		}
	rep_out_line(o, 0, PDF_BOLD, b.s ? b.s : "");
	sb_fini(&b);
}

static void text_amounts(const struct rep_aci *x, struct rep_out *o)
{
	const struct aci_estimate *s = x->est;
	char m[MONEY_BUFSZ], d[DATE_BUFSZ], pc[MONEY_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	decimal_format(s->majoration, 2, rep_mark(), pc, sizeof pc);
	sb_printf(&b, _("Majoration for precariousness (C2S, AME): %s %%"), pc);
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	text_gate(x, o);
	rep_out_amount(o, 0, PDF_BOLD, s->total_floored ? _("Total (the new-structure floor)") : _("Total"),
	               rep_money(s->total, m, sizeof m));
	sb_init(&b);
	sb_printf(&b, _("Advance, due %s (%lld of %lld days)%s"), date_format_local(s->advance_due, d, sizeof d),
	          (long long)s->advance_days, (long long)s->year_days,
	          s->advance_floored ? _(", the new-structure floor") : "");
	rep_out_amount(o, 0, PDF_BODY, b.s ? b.s : "", rep_money(s->advance, m, sizeof m));
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, s->balance < 0 ? _("Balance, due %s: owed back to the CPAM") : _("Balance, due %s"),
	          date_format_local(s->balance_due, d, sizeof d));
	rep_out_amount(o, 0, PDF_BOLD, b.s ? b.s : "", rep_money(s->balance, m, sizeof m));
	sb_fini(&b);
}

static void text_head(const struct rep_aci *x, struct rep_out *o)
{
	struct sbuf b;
	char v[32];
	sb_init(&b);
	rep_out_title(o, x->practice);
	const char *caveat = aci_rules_caveat(x->rules);
	if (caveat)
		sb_printf(&b, _("ACI estimate, exercise %d, rule set \"%s\": %s. An estimate, not what the CPAM will pay."),
		          x->decl->exercise, x->rules->name, caveat);
	else
		sb_printf(&b, _("ACI estimate, exercise %d, rule set \"%s\". An estimate, not what the CPAM will pay."),
		          x->decl->exercise, x->rules->name);
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, _("Patients of the associated GPs (P): %s, %s"), int_text(x->est->patients, v, sizeof v),
	          origin(x->decl->patients >= 0));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, _("Associated professionals (n): %s, %s"), int_text(x->est->associates, v, sizeof v),
	          origin(x->decl->associates >= 0));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_add(o->out, "\n");
}

/* The what-if beside the stored estimate: what changed, and the amounts. */
static void text_whatif(const struct rep_aci *x, const struct rep_aci *w, struct rep_out *o)
{
	char a[RAT_BUFSZ], b[RAT_BUFSZ], c[RAT_BUFSZ];
	const char *head[] = { "", _("Stored"), _("What-if"), _("Difference") };
	rep_out_row(o, PDF_BOLD, cols2, head, 4);
	const char *pp[] = { _("Patients (P)"), int_text(x->est->patients, a, sizeof a),
	                     int_text(w->est->patients, b, sizeof b),
	                     int_text(w->est->patients - x->est->patients, c, sizeof c) };
	rep_out_row(o, PDF_BODY, cols2, pp, 4);
	const char *nn[] = { _("Associates (n)"), int_text(x->est->associates, a, sizeof a),
	                     int_text(w->est->associates, b, sizeof b),
	                     int_text(w->est->associates - x->est->associates, c, sizeof c) };
	rep_out_row(o, PDF_BODY, cols2, nn, 4);
	for (size_t i = 0; i < x->rules->n; i++) {
		if (x->est->items[i].value == w->est->items[i].value)
			continue;
		const struct aci_indicator *it = &x->rules->v[i];
		const char *cells[] = { label(it), value_text(it, x->est->items[i].value, a, sizeof a),
		                        value_text(it, w->est->items[i].value, b, sizeof b), "" };
		rep_out_row(o, PDF_BODY, cols2, cells, 4);
	}
	if (w->est->majoration != x->est->majoration) {
		char d[MONEY_BUFSZ];
		decimal_format(x->est->majoration, 2, rep_mark(), a, sizeof a);
		decimal_format(w->est->majoration, 2, rep_mark(), b, sizeof b);
		decimal_format(w->est->majoration - x->est->majoration, 2, rep_mark(), d, sizeof d);
		const char *cells[] = { _("Majoration (%)"), a, b, d };
		rep_out_row(o, PDF_BODY, cols2, cells, 4);
	}
	struct rat dp = rat_make(w->est->points.num * x->est->points.den - x->est->points.num * w->est->points.den,
	                         w->est->points.den * x->est->points.den);
	const char *pts[] = { _("Points"), points_text(x->est->points, a, sizeof a),
	                      points_text(w->est->points, b, sizeof b), points_text(dp, c, sizeof c) };
	rep_out_row(o, PDF_BODY, cols2, pts, 4);
	const struct { const char *what; int64_t s, w; } rows[] = {
		{ _("Total"), x->est->total, w->est->total },
		{ _("Advance"), x->est->advance, w->est->advance },
		{ _("Balance"), x->est->balance, w->est->balance },
	};
	for (size_t i = 0; i < 3; i++) {
		const char *cells[] = { rows[i].what, rep_money(rows[i].s, a, sizeof a),
		                        rep_money(rows[i].w, b, sizeof b),
		                        rep_money(rows[i].w - rows[i].s, c, sizeof c) };
		rep_out_row(o, PDF_BOLD, cols2, cells, 4);
	}
	if (!w->est->gate) {
		sb_add(o->out, "\n");
		text_gate(w, o);
	}
}

static void text_body(const void *x, struct rep_out *o)
{
	text_one(x, o);
	sb_add(o->out, "\n");
	text_amounts(x, o);
}

static void text_head_v(const void *x, struct rep_out *o)
{
	text_head(x, o);
}

static void text_whatif_v(const void *x, const void *w, struct rep_out *o)
{
	text_whatif(x, w, o);
}

/* What an indicator's points are worth with the majoration, rounded
 * (each row on its own: the rows need not add up to the total, which is
 * rounded once). */
static bool item_cents(const struct rep_aci *x, struct rat pts, int64_t *out)
{
	i128 num = pts.num, den = pts.den;
	if (!i128_mul(num, x->rules->point_cents, &num) || !i128_mul(num, 10000 + x->est->majoration, &num) ||
	    !i128_mul(den, 10000, &den))
		return false;
	return rat_round(rat_make(num, den), out);
}

/* Points for a spreadsheet: exact, with a decimal comma. */
static void csv_points(struct rat r, char *buf, size_t size)
{
	rat_format_exact(r, 6, buf, size);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
}

/* A row of the CSV: its type, item, label, value, points (NULL: none),
 * cents (have_cents). */
static void put_row(struct rep_est_row *r, const char *type, const char *item, const char *label,
                    const struct rat *points, bool have_cents, int64_t cents)
{
	*r = (struct rep_est_row){ "", "", "", "", have_cents, cents, type };
	snprintf(r->item, sizeof r->item, "%s", item);
	snprintf(r->label, sizeof r->label, "%s", label);
	if (points)
		csv_points(*points, r->figure, sizeof r->figure);
}

static void csv_items(const void *any, struct rep_est_row *v, size_t *n)
{
	const struct rep_aci *x = any;
	size_t k = 0;
	for (size_t i = 0; i < x->rules->n; i++, k++) {
		struct rat pts = item_points(x, i);
		int64_t cents = 0;
		bool have = item_cents(x, pts, &cents);
		put_row(&v[k], "criterion", x->rules->v[i].id, label(&x->rules->v[i]), &pts, have, cents);
		snprintf(v[k].value, sizeof v[k].value, "%lld", (long long)x->est->items[i].value);
	}
	const struct aci_estimate *s = x->est;
	char pc[MONEY_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	struct rat si = rat_make(s->si, 1);
	put_row(&v[k++], "parameter", "patients", _("Patients (P)"), NULL, false, 0);
	snprintf(v[k - 1].value, 32, "%lld", (long long)s->patients);
	put_row(&v[k++], "parameter", "associates", _("Associates (n)"), NULL, false, 0);
	snprintf(v[k - 1].value, 32, "%lld", (long long)s->associates);
	put_row(&v[k++], "criterion", "si", _("Information system"), &si, false, 0);
	put_row(&v[k++], "total", "points", _("Points"), &s->points, false, 0);
	put_row(&v[k++], "parameter", "majoration", _("Majoration (%)"), NULL, false, 0);
	snprintf(v[k - 1].value, 32, "%s", decimal_format(s->majoration, 2, ',', pc, sizeof pc));
	put_row(&v[k++], "total", "total", _("Total"), NULL, true, s->total);
	put_row(&v[k++], "instalment", "advance", _("Advance"), NULL, true, s->advance);
	snprintf(v[k - 1].value, 32, "%s", date_format(s->advance_due, d1, sizeof d1));
	put_row(&v[k++], "instalment", "balance", _("Balance"), NULL, true, s->balance);
	snprintf(v[k - 1].value, 32, "%s", date_format(s->balance_due, d2, sizeof d2));
	*n = k;
}

#define CSV_EXTRA 10

static void csv_cells(struct csv_out *o, const struct rep_est_row *it)
{
	csv_num(o, it->value);
	csv_num(o, it->figure);
	if (it->have_cents)
		rep_csv_money(o, it->cents);
	else
		csv_num(o, "");
}

/* The CSV of the n rows v, and with w (not NULL) the what-if's n rows
 * beside them and the difference of their amounts. */
static void estimate_csv(const struct rep_est_kind *k, const struct rep_est_row *v,
                         const struct rep_est_row *w, size_t n, struct sbuf *out)
{
	const char *const head[] = {
		NC_("csv header", "type"), NC_("csv header", "item"), NC_("csv header", "label"),
		NC_("csv header", "value"), k->figure, NC_("csv header", "amount_eur"),
		NC_("csv header", "value_whatif"), k->figure_whatif,
		NC_("csv header", "amount_whatif_eur"), NC_("csv header", "difference_eur"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, w ? 10u : 6u);
	for (size_t i = 0; i < n; i++) {
		csv_text(&o, v[i].type);
		csv_text(&o, v[i].item);
		csv_text(&o, v[i].label);
		csv_cells(&o, &v[i]);
		if (w) {
			csv_cells(&o, &w[i]);
			if (v[i].have_cents && w[i].have_cents)
				rep_csv_money(&o, w[i].cents - v[i].cents);
			else
				csv_num(&o, "");
		}
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

enum status rep_estimate_emit(const struct rep_est_kind *k, const void *x, const void *w,
                              size_t rows, const struct rep_audit *audit, enum rep_format f,
                              struct sbuf *out, struct err *e)
{
	if (f != REP_TEXT && f != REP_CSV)
		return err_set(e, ST_USAGE, _("an estimate is made as text or csv, not %s"), rep_format_name(f));
	if (f == REP_CSV) {
		size_t n, nw;
		struct rep_est_row *v = calloc(rows, sizeof *v), *vw = w ? calloc(rows, sizeof *vw) : NULL;
		if (v && (!w || vw)) {
			k->rows(x, v, &n);
			if (w)
				k->rows(w, vw, &nw);
			estimate_csv(k, v, vw, n, out);
		}
		free(v), free(vw);
		if (!v || (w && !vw))
			return err_set(e, ST_NOMEM, NULL);
	} else {
		struct rep_out o = { out, NULL };
		k->head(x, &o);   /* the stored figures, as counted or declared */
		if (w)
			k->whatif(x, w, &o);
		else
			k->body(x, &o);
		rep_out_audit(&o, audit);
	}
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}

enum status rep_aci_estimate(const struct rep_aci *x, const struct rep_aci *whatif,
                             enum rep_format f, struct sbuf *out, struct err *e)
{
	static const struct rep_est_kind aci = { NC_("csv header", "points"), NC_("csv header", "points_whatif"),
		text_head_v, text_body, text_whatif_v, csv_items };
	return rep_estimate_emit(&aci, x, whatif, x->rules->n + CSV_EXTRA, &x->audit, f, out, e);
}
