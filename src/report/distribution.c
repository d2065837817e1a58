/* distribution.c: a distribution, or two compared, for people and for
 * spreadsheets. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/csv.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/rat.h"
#include "quotepart/report.h"

#include "report_internal.h"

/* The decimal mark people read: a comma in French. */
static char text_mark(void)
{
	return i18n_is_french() ? ',' : '.';
}

static void use_mark(char *buf)
{
	char m = text_mark();
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = m;
}

void report_rat_text(const char *stored, char *buf, size_t size)
{
	struct rat r;
	if (!stored || !rat_parse(stored, &r)) {
		snprintf(buf, size, "%s", stored ? stored : "");
		return;
	}
	char exact[RAT_BUFSZ];
	rat_format_exact(r, 2, exact, sizeof exact);
	if (!strchr(exact, '/')) {
		snprintf(buf, size, "%s", exact);
		use_mark(buf);
		return;
	}
	char round[64];
	rat_format_round(r, 2, round, sizeof round);
	snprintf(buf, size, "≈%s", round);
	use_mark(buf);
}

void report_exact_euros(const char *stored, char *buf, size_t size)
{
	struct rat r;
	i128 den;
	if (!stored || !rat_parse(stored, &r) || !i128_mul(r.den, 100, &den)) {
		snprintf(buf, size, "%s", stored ? stored : "");
		return;
	}
	rat_format_round(rat_make(r.num, den), 4, buf, size);
	use_mark(buf);
}

static void money_text(int64_t cents, char *buf, size_t size)
{
	money_format(cents, money_text_style(), buf, size);
}

/* Pad a cell to `w` columns; right-aligned for numbers. */
static void cell(struct sbuf *out, const char *s, int w, bool right)
{
	char *p = text_pad(s, w, right);
	sb_add(out, p ? p : "");
	sb_add(out, " ");
	free(p);
}

/* A name left-aligned in w columns, written whole when wider: a name is
 * never cut. */
static void wide_cell(struct sbuf *out, const char *s, int w)
{
	int n = text_width(s);
	cell(out, s, n > w ? n : w, false);
}

static bool is_true_up(const struct distribution *d)
{
	return d->mode == DIST_TRUE_UP;
}

/* A line per row, in euros: the lines add up to the receipt, so no total
 * row; the shares' rationals as decimals. */
static void csv_report(const struct distribution *d, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "recipient"), NC_("csv header", "label"), NC_("csv header", "part"),
		NC_("csv header", "basis"), NC_("csv header", "value"), NC_("csv header", "factor"),
		NC_("csv header", "presence"), NC_("csv header", "weight"), NC_("csv header", "exact_eur"),
		NC_("csv header", "share_eur"), NC_("csv header", "before_eur"), NC_("csv header", "amount"),
		NC_("csv header", "leftover"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < d->n_lines; i++) {
		const struct dist_line *l = &d->lines[i];
		csv_text(&o, l->recipient);
		csv_text(&o, l->label);
		csv_text(&o, line_kind_name(l->kind));
		csv_text(&o, l->basis ? l->basis : "");
		rep_csv_weights(&o, l);
		rep_csv_shares(&o, l);
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

static void text_header(const struct distribution *d, const struct receipt *r,
                        struct sbuf *out)
{
	char a[MONEY_BUFSZ], s[DATE_BUFSZ], t[DATE_BUFSZ];
	if (d->id)
		sb_printf(out, _("Distribution D%lld (%s)"), (long long)d->id,
		          d->status == DIST_APPROVED ? _("approved") : _("draft"));
	else
		sb_add(out, _("Preview (nothing saved)"));
	sb_add(out, "\n");
	if (r) {
		char rec[DATE_BUFSZ];
		sb_printf(out, _("Receipt %s: %s %s, exercise %s, received %s\n"),
		          r->reference ? r->reference : "-", rep_source_short(r->source),
		          rep_label(REP_RECEIPT_KINDS, r->kind), r->exercise,
		          date_format_local(r->received, rec, sizeof rec));
	}
	money_text(d->amount, a, sizeof a);
	sb_printf(out, _("Key %s, version %d; period %s to %s; amount %s\n"), d->key_name, d->key_version,
	          date_format_local(d->start, s, sizeof s), date_format_local(d->end, t, sizeof t), a);
	if (is_true_up(d)) {
		money_text(d->base, a, sizeof a);
		sb_printf(out, _("True-up: the key divides the exercise's total %s; each line is the share of it minus what earlier approved distributions gave.\n"), a);
	}
	if (d->mode == DIST_REVERSAL && d->reverses)
		sb_printf(out, _("Reversal of D%lld: every amount it gave is taken back (negated)\n"),
		          (long long)d->reverses);
	if (d->approved_on != DATE_NONE)
		sb_printf(out, _("Approved on %s%s%s\n"), date_format_local(d->approved_on, s, sizeof s),
		          d->approved_note ? _(": ") : "", d->approved_note ? d->approved_note : "");
}

static void text_report(const struct distribution *d, const struct receipt *r,
                        struct sbuf *out)
{
	bool tu = is_true_up(d);
	char m[MONEY_BUFSZ], buf[RAT_BUFSZ];
	text_header(d, r, out);
	for (size_t p = 0; p < d->n_parts; p++) {
		const struct dist_part *part = &d->parts[p];
		bool res = part->kind == LINE_RESERVATION;
		sb_add(out, "\n");
		money_text(part->amount, m, sizeof m);
		if (res) {
			char rate[MONEY_BUFSZ], acc[160];
			rep_account_label(part->account, acc, sizeof acc);
			if (part->rate_bp)
				sb_printf(out, _("Reservation \"%s\" to %s: %s %% of the amount, %s\n"), part->label, acc,
				          decimal_format(part->rate_bp, 2, text_mark(), rate, sizeof rate), m);
			else
				sb_printf(out, _("Reservation \"%s\" to %s: fixed, %s\n"), part->label, acc, m);
		} else {
			/* Of the remainder only when something was reserved. */
			char rate[MONEY_BUFSZ];
			sb_printf(out, rep_reserves(d)
			                       ? _("Pool \"%s\": %s %% of the remainder, basis %s: %s\n")
			                       : _("Pool \"%s\": %s %% of the receipt, basis %s: %s\n"),
			          part->label, decimal_format(part->rate_bp, 2, text_mark(), rate, sizeof rate),
			          rep_basis_label(part->basis), m);
		}
		if (res && !tu)
			continue;
		sb_add(out, "  ");
		cell(out, _("Recipient"), 14, false);
		if (!res) {
			cell(out, _("Value"), 10, true);
			cell(out, _("Presence"), 9, true);
			cell(out, _("Weight"), 12, true);
			cell(out, _("Exact share"), 14, true);
		}
		if (tu) {
			cell(out, _("Share"), 13, true);
			cell(out, _("Before"), 13, true);
		}
		cell(out, _("Amount"), 13, true);
		sb_add(out, "\n");
		for (size_t i = 0; i < d->n_lines; i++) {
			const struct dist_line *l = &d->lines[i];
			if (l->kind != part->kind || l->idx != part->idx ||
			    strcmp(l->label, part->label) != 0)
				continue;
			char acc[160];
			sb_add(out, "  ");
			wide_cell(out, l->kind == LINE_POOL ? l->recipient : rep_account_label(l->recipient, acc, sizeof acc), 14);
			if (!res) {
				report_rat_text(l->value, buf, sizeof buf);
				if (l->factor) {
					char f[MONEY_BUFSZ];
					size_t len = strlen(buf);
					snprintf(buf + len, sizeof buf - len, "×%s", decimal_format(l->factor, 2, text_mark(), f, sizeof f));
				}
				cell(out, buf, 10, true);
				report_rat_text(l->presence, buf, sizeof buf);
				cell(out, buf, 9, true);
				report_rat_text(l->weight, buf, sizeof buf);
				cell(out, buf, 12, true);
				report_exact_euros(l->exact, buf, sizeof buf);
				cell(out, buf, 14, true);
			}
			if (tu) {
				money_text(l->share, m, sizeof m);
				cell(out, m, 13, true);
				money_text(l->before, m, sizeof m);
				cell(out, m, 13, true);
			}
			money_text(l->cents, m, sizeof m);
			cell(out, m, 13, true);
			if (l->leftover)
				sb_add(out, _("+1 leftover cent"));
			if (l->cents < 0)
				sb_add(out, _(" (owed back)"));
			sb_add(out, "\n");
		}
	}
	int64_t lines = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		if (d->lines[i].kind == LINE_POOL)
			lines += d->lines[i].cents;
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	money_text(d->amount, m, sizeof m);
	money_text(d->reserved, a, sizeof a);
	money_text(lines, b, sizeof b);
	sb_printf(out, _("\nTotal %s = reservations %s + members %s\n"), m, a, b);
	sb_add(out, _("Each line is its exact share rounded down; the cents left over go one each to the largest "
	              "remainders, ties to the member code first in byte order.\n"));
}

/* Text for a terminal: what people typed (references, names, notes,
 * labels) may hold control characters; every line from `from` on is
 * escaped (text_escape leaves already escaped text as it is) and loses
 * its trailing padding. */
static void rstrip_lines(struct sbuf *out, size_t from);

static void finish_text(struct sbuf *out, size_t from)
{
	if (out->failed || !out->s || out->len == from)
		return;
	char *text = strdup(out->s + from);
	if (!text) {
		out->failed = true;
		return;
	}
	out->len = from;
	out->s[from] = '\0';
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;   /* last line, no newline */
		else
			*nl = '\0';
		char *x = text_escape(line);
		sb_add(out, x ? x : "");
		sb_add(out, "\n");
		free(x);
		if (!nl[1])
			break;
	}
	free(text);
	rstrip_lines(out, from);
}

/* Columns are padded with spaces; a line never ends with them. */
static void rstrip_lines(struct sbuf *out, size_t from)
{
	if (out->failed || !out->s)
		return;
	size_t w = from;
	for (size_t i = from; i < out->len; i++) {
		if (out->s[i] == '\n')
			while (w > from && out->s[w - 1] == ' ')
				w--;
		out->s[w++] = out->s[i];
	}
	out->len = w;
	out->s[w] = '\0';
}

void report_distribution(const struct distribution *d, const struct receipt *r,
                         enum rep_format f, struct sbuf *out)
{
	size_t from = out->len;
	if (f == REP_CSV) {
		csv_report(d, out);
	} else {
		text_report(d, r, out);
		finish_text(out, from);
	}
}

/* Σ cents per recipient, in first-seen order of a then b. */
struct cmp_row {
	const char *recipient;
	int64_t a, b;
};

static struct cmp_row *find_row(struct cmp_row *rows, size_t n, const char *who)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].recipient, who) == 0)
			return &rows[i];
	return NULL;
}

/* |v| without the overflow of llabs(INT64_MIN). */
static u128 mag(int64_t v)
{
	return v < 0 ? (u128)(-(v + 1)) + 1 : (u128)v;
}

static int cmp_rows(const void *x, const void *y)
{
	return strcmp(((const struct cmp_row *)x)->recipient, ((const struct cmp_row *)y)->recipient);
}

static void compare_text(const struct cmp_row *rows, size_t n, const struct distribution *a,
                         const struct distribution *b, struct sbuf *out);

/* A row per recipient with both keys named in their own columns: a key's
 * name is data, not a header a spreadsheet can sum under. */
static void compare_csv(const struct cmp_row *rows, size_t n, const struct distribution *a,
                        const struct distribution *b, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "recipient"), NC_("csv header", "key_a"), NC_("csv header", "amount_a"),
		NC_("csv header", "key_b"), NC_("csv header", "amount_b"),
		NC_("csv header", "difference_eur"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < n; i++) {
		csv_text(&o, rows[i].recipient);
		csv_text(&o, a->key_name);
		rep_csv_money(&o, rows[i].a);
		csv_text(&o, b->key_name);
		rep_csv_money(&o, rows[i].b);
		rep_csv_money(&o, rows[i].b - rows[i].a);
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

void report_compare(const struct distribution *a, const struct distribution *b,
                    enum rep_format f, struct sbuf *out)
{
	size_t cap = a->n_lines + b->n_lines, n = 0;
	struct cmp_row *rows = calloc(cap ? cap : 1, sizeof *rows);
	if (!rows) {
		out->failed = true;
		return;
	}
	const struct distribution *ds[2] = { a, b };
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < ds[k]->n_lines; i++) {
			const struct dist_line *l = &ds[k]->lines[i];
			struct cmp_row *r = find_row(rows, n, l->recipient);
			if (!r) {
				r = &rows[n++];
				r->recipient = l->recipient;
			}
			if (k == 0)
				r->a += l->cents;
			else
				r->b += l->cents;
		}
	}
	qsort(rows, n, sizeof *rows, cmp_rows);
	if (f == REP_CSV) {
		compare_csv(rows, n, a, b, out);
		free(rows);
		return;
	}
	size_t from = out->len;
	compare_text(rows, n, a, b, out);
	finish_text(out, from);
	free(rows);
}

/* Bars scaled on the largest amount of either key, in whole cells;
 * integer arithmetic on cents. */
static void compare_text(const struct cmp_row *rows, size_t n, const struct distribution *a,
                         const struct distribution *b, struct sbuf *out)
{
	char m1[MONEY_BUFSZ], m2[MONEY_BUFSZ], m3[MONEY_BUFSZ];
	u128 max = 1;
	for (size_t i = 0; i < n; i++) {
		if (mag(rows[i].a) > max)
			max = mag(rows[i].a);
		if (mag(rows[i].b) > max)
			max = mag(rows[i].b);
	}
	money_format(a->amount, money_text_style(), m1, sizeof m1);
	sb_printf(out, _("Comparing key \"%s\" (A) with key \"%s\" (B) on the same amount %s\n\n"),
	          a->key_name, b->key_name, m1);
	cell(out, _("Recipient"), 16, false);
	cell(out, "A", 13, true);
	cell(out, "B", 13, true);
	cell(out, _("B - A"), 13, true);
	sb_add(out, "\n");
	const int width = 20;
	for (size_t i = 0; i < n; i++) {
		/* Members by code; an account (never a member code: it has a
		 * ':' or is "operating") in words. */
		char acc[160];
		const char *who = rows[i].recipient;
		bool account = strchr(who, ':') || strcmp(who, "operating") == 0;
		wide_cell(out, account ? rep_account_label(who, acc, sizeof acc) : who, 16);
		money_format(rows[i].a, money_text_style(), m1, sizeof m1);
		money_format(rows[i].b, money_text_style(), m2, sizeof m2);
		money_format(rows[i].b - rows[i].a, money_text_style(), m3, sizeof m3);
		cell(out, m1, 13, true);
		cell(out, m2, 13, true);
		cell(out, m3, 13, true);
		sb_add(out, "\n");
		int la = (int)(mag(rows[i].a) * width / max), lb = (int)(mag(rows[i].b) * width / max);
		sb_add(out, "    A ");
		for (int k = 0; k < la; k++)
			sb_add(out, "█");
		sb_add(out, "\n    B ");
		for (int k = 0; k < lb; k++)
			sb_add(out, "▒");
		sb_add(out, "\n");
	}
}
