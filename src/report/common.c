/* common.c: what every report shares: the structs' lifetimes,
 * text cells and bars, money, rationals and CSV cells. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/rat.h"

#include "report_internal.h"

const char *rep_line_member(const struct dist_line *l)
{
	if (!l->recipient)
		return NULL;
	if (l->kind == LINE_POOL)
		return l->recipient;
	if (strncmp(l->recipient, "member:", 7) == 0)
		return l->recipient + 7;
	return NULL;
}

bool rep_reserves(const struct distribution *d)
{
	for (size_t i = 0; i < d->n_parts; i++)
		if (d->parts[i].kind == LINE_RESERVATION)
			return true;
	return false;
}

/* ---- lifetimes ---- */

void rep_person_fini(struct rep_person *p)
{
	if (!p)
		return;
	free(p->code);
	free(p->name);
	free(p->profession);
	free(p->group);
	free(p->status);
	free(p->rpps);
	memset(p, 0, sizeof *p);
}

static void rep_person_list_free(struct rep_person *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rep_person_fini(&v[i]);
	free(v);
}

void rep_dist_fini(struct rep_dist *x)
{
	if (!x)
		return;
	distribution_fini(&x->d);
	receipt_fini(&x->r);
	for (size_t i = 0; i < x->n_earlier; i++)
		rep_dist_fini(&x->earlier[i]);
	free(x->earlier);
	memset(x, 0, sizeof *x);
}

void rep_statements_fini(struct rep_statements *s)
{
	if (!s)
		return;
	free(s->practice);
	free(s->address);
	free(s->siret);
	for (size_t i = 0; i < s->n_dists; i++)
		rep_dist_fini(&s->dists[i]);
	free(s->dists);
	rep_person_list_free(s->members, s->n_members);
	memset(s, 0, sizeof *s);
}

void rep_payments_fini(struct rep_payments *p)
{
	if (!p)
		return;
	free(p->practice);
	free(p->address);
	free(p->siret);
	payment_record_list_free(p->v, p->n);
	rep_person_list_free(p->members, p->n_members);
	memset(p, 0, sizeof *p);
}

void rep_summary_fini(struct rep_summary *s)
{
	if (!s)
		return;
	free(s->practice);
	for (size_t i = 0; i < s->n_sources; i++) {
		free(s->sources[i]);
		if (s->source_labels)
			free(s->source_labels[i]);
	}
	free(s->sources);
	free(s->source_labels);
	for (size_t i = 0; i < s->n_cols; i++) {
		free(s->cols[i].source);
		free(s->cols[i].exercise);
		free(s->cols[i].name);
	}
	free(s->cols);
	for (size_t i = 0; s->dists && i < s->n_dists; i++) {
		struct rep_sum_dist *d = &s->dists[i];
		free(d->receipt);
		free(d->source);
		free(d->kind);
		free(d->exercise);
		free(d->key);
	}
	free(s->dists);
	for (size_t i = 0; i < s->n_rows; i++) {
		free(s->rows[i].code);
		free(s->rows[i].name);
		free(s->rows[i].group);
		free(s->rows[i].cents);
		free(s->rows[i].by_col);
	}
	free(s->rows);
	for (size_t i = 0; i < s->n_groups; i++) {
		free(s->groups[i].code);
		free(s->groups[i].label);
		free(s->groups[i].cents);
		free(s->groups[i].by_col);
	}
	free(s->groups);
	free(s->totals);
	free(s->col_totals);
	memset(s, 0, sizeof *s);
}

void rep_posts_fini(struct rep_posts *p)
{
	if (!p)
		return;
	free(p->practice);
	for (size_t i = 0; i < p->n_posts; i++) {
		struct rep_post *q = &p->posts[i];
		free(q->code);
		free(q->label);
		free(q->holder);
		for (size_t j = 0; j < q->n_fundings; j++)
			free(q->fundings[j].source);
		free(q->fundings);
	}
	free(p->posts);
	for (size_t i = 0; i < p->n_sources; i++) {
		free(p->sources[i].source);
		free(p->sources[i].label);
	}
	free(p->sources);
	memset(p, 0, sizeof *p);
}

void rep_expected_fini(struct rep_expected *x)
{
	if (!x)
		return;
	free(x->practice);
	for (size_t i = 0; i < x->n_rows; i++) {
		struct rep_exp_row *r = &x->rows[i];
		free(r->source);
		free(r->exercise);
		for (size_t k = 0; k < r->n_kinds; k++)
			free(r->kinds[k].kind);
		free(r->kinds);
	}
	free(x->rows);
	memset(x, 0, sizeof *x);
}

/* ---- text ---- */

void rep_cell(struct sbuf *out, const char *s, int w, bool right)
{
	char *p = text_pad(s ? s : "", w, right);
	if (!p) {
		out->failed = true;
		return;
	}
	sb_add(out, p);
	sb_add(out, " ");
	free(p);
}

void rep_add(struct sbuf *out, const char *s)
{
	char *p = text_escape(s ? s : "");
	if (!p) {
		out->failed = true;
		return;
	}
	sb_add(out, p);
	free(p);
}

char *rep_money(int64_t cents, char *buf, size_t size)
{
	return money_format(cents, money_text_style(), buf, size);
}

void rep_bar(struct sbuf *out, int64_t v, int64_t max, int width)
{
	/* U+2588 full block, then the left eighths U+258F..U+2589. */
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (max <= 0 || width <= 0)
		return;
	/* |v| <= max, so eighths <= 8 x width: no overflow in i128. */
	i128 a = v < 0 ? -(i128)v : (i128)v;
	int64_t eighths = (int64_t)(a * 8 * width / max);
	if (v < 0) {
		/* Owed back: light shade U+2591, whole cells (to the nearest),
		 * so that it never reads as a bar of the same kind. */
		for (int64_t i = 0; i < (eighths + 4) / 8; i++)
			sb_add(out, "░");
		return;
	}
	for (int64_t i = 0; i < eighths / 8; i++)
		sb_add(out, "█");
	sb_add(out, part[eighths % 8]);
}

void rep_rule(struct sbuf *out, int width)
{
	for (int i = 0; i < width; i++)
		sb_add(out, "-");
	sb_add(out, "\n");
}

void rep_rat_text(const char *stored, int places, char *buf, size_t size)
{
	struct rat r;
	char exact[RAT_BUFSZ];
	if (!stored || !rat_parse(stored, &r)) {
		snprintf(buf, size, "%s", stored ? stored : "");
		return;
	}
	rat_format_exact(r, places, exact, sizeof exact);
	if (!strchr(exact, '/')) {
		snprintf(buf, size, "%s", exact);
	} else {
		char round[RAT_BUFSZ];
		rat_format_round(r, places, round, sizeof round);
		snprintf(buf, size, "≈%s", round);
	}
	char mark = rep_mark();
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = mark;
}

char rep_mark(void)
{
	return i18n_is_french() ? ',' : '.';
}

/* ---- CSV ---- */

void rep_csv_money(struct csv_out *o, int64_t cents)
{
	char m[MONEY_BUFSZ];
	csv_num(o, money_format(cents, MONEY_CSV, m, sizeof m));
}

void rep_csv_int(struct csv_out *o, int64_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", (long long)v);
	csv_num(o, b);
}

void rep_csv_date(struct csv_out *o, int32_t d)
{
	char b[DATE_BUFSZ];
	csv_num(o, date_format(d, b, sizeof b));
}

void rep_csv_text(struct csv_out *o, const char *s)
{
	csv_text(o, s ? s : "");
}

void rep_csv_start(struct csv_out *o, const char *const *head, size_t n)
{
	csv_out_init(o);
	for (size_t i = 0; i < n; i++)
		csv_text(o, i18n_ctx(head[i]));
	csv_endrow(o);
}

/* r as a decimal with a comma: exact when it has at most CSV_PLACES
 * decimals, else rounded to CSV_PLACES. Never a fraction: "1/3" is a date
 * to a spreadsheet. */
enum { CSV_PLACES = 6 };

static void csv_decimal(struct csv_out *o, struct rat r)
{
	char buf[RAT_BUFSZ];
	rat_format_exact(r, CSV_PLACES, buf, sizeof buf);
	if (strchr(buf, '/'))
		rat_format_round(r, CSV_PLACES, buf, sizeof buf);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = ',';
	csv_num(o, buf);
}

void rep_csv_rat(struct csv_out *o, const char *stored)
{
	struct rat r;
	if (stored && rat_parse(stored, &r))
		csv_decimal(o, r);
	else
		rep_csv_text(o, stored);
}

void rep_csv_rat_value(struct csv_out *o, struct rat r)
{
	csv_decimal(o, r);
}

void rep_csv_exact_eur(struct csv_out *o, const char *stored)
{
	struct rat r;
	i128 den;
	if (stored && rat_parse(stored, &r) && i128_mul(r.den, 100, &den))
		csv_decimal(o, rat_make(r.num, den));
	else
		rep_csv_text(o, stored);
}

void rep_csv_weights(struct csv_out *o, const struct dist_line *l)
{
	char f[MONEY_BUFSZ];
	rep_csv_rat(o, l->value);
	csv_num(o, l->factor ? decimal_format(l->factor, 2, ',', f, sizeof f) : "");
	rep_csv_rat(o, l->presence);
	rep_csv_rat(o, l->weight);
}

void rep_csv_shares(struct csv_out *o, const struct dist_line *l)
{
	rep_csv_exact_eur(o, l->exact);
	rep_csv_money(o, l->share);
	rep_csv_money(o, l->before);
	rep_csv_money(o, l->cents);
	csv_num(o, l->leftover ? "1" : "0");
}

void rep_csv_finish(struct csv_out *o, struct sbuf *out)
{
	if (o->buf.failed)
		out->failed = true;
	else
		sb_addn(out, o->buf.s, o->buf.len);
	csv_out_fini(o);
}
