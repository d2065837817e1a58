/* summary.c: the team-meeting summary of a year: the distributions it
 * covers, who received what from which source and exercise (members,
 * then the accounts reservations went to), what is paid and still due,
 * totals per profession group, and a bar chart per member, as characters
 * in the text form and drawn in the PDF (whose tables are measured:
 * table.c). The CSV keeps a column per source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

enum { CODE_W = 12, NAME_W = 18, MONEY_W = 13, CHART_W = 30, MAX_COLS = 32 };

/* The tables are made once and drawn by a sink: as text, or measured and
 * then drawn in the PDF. A rule separates the rows before it from the
 * total after it. */
enum row_kind { ROW_HEAD, ROW_BODY, ROW_RULE };
struct sink {
	void (*row)(struct sink *k, enum row_kind kind, enum pdf_style st, const char *const *cells);
	size_t n;                     /* cells per row */
};

/* ---- the tables ---- */

/* The columns' headers, then a row per member (or account) or group, a
 * rule, the totals. */
static void money_table(const struct rep_summary *s, bool groups, struct sink *k)
{
	const char *cells[MAX_COLS];
	char m[MAX_COLS][MONEY_BUFSZ], account[160];
	size_t nc = s->n_cols;
	cells[0] = groups ? _("Group") : _("Recipient");
	cells[1] = groups ? "" : _("Name");
	for (size_t i = 0; i < nc; i++)
		cells[2 + i] = s->cols[i].name;
	cells[2 + nc] = _("Total");
	k->row(k, ROW_HEAD, PDF_BOLD, cells);
	size_t n = groups ? s->n_groups : s->n_rows;
	for (size_t r = 0; r <= n; r++) {
		const int64_t *by = s->col_totals;
		int64_t total = s->total;
		if (r == n) {
			k->row(k, ROW_RULE, PDF_BODY, NULL);
			cells[0] = _("Total");
			cells[1] = "";
		} else if (groups) {
			cells[0] = s->groups[r].label;
			cells[1] = "";
			by = s->groups[r].by_col;
			total = s->groups[r].total;
		} else {
			const struct rep_sum_row *x = &s->rows[r];
			if (r == s->n_member_rows && r > 0)
				k->row(k, ROW_RULE, PDF_BODY, NULL);
			cells[0] = x->code;
			/* An account in words: "operating costs", "post COORD". */
			cells[1] = x->name ? x->name : rep_account_label(x->code, account, sizeof account);
			by = x->by_col;
			total = x->total;
		}
		for (size_t i = 0; i < nc; i++)
			cells[2 + i] = rep_money(by[i], m[i], sizeof m[i]);
		cells[2 + nc] = rep_money(total, m[nc], sizeof m[nc]);
		k->row(k, ROW_BODY, r == n ? PDF_BOLD : PDF_BODY, cells);
	}
}

enum { DIST_CELLS = 6, PAID_CELLS = 5 };

/* The distributions covered: number, receipt, column, key and version,
 * approval date, amount. */
static void dists_table(const struct rep_summary *s, struct sink *k)
{
	const char *cells[DIST_CELLS] = { _("Distribution"), _("Receipt"), _("Source"), _("Key"),
	                                  _("Approved on"), _("Amount") };
	k->row(k, ROW_HEAD, PDF_BOLD, cells);
	for (size_t i = 0; i < s->n_dists; i++) {
		const struct rep_sum_dist *d = &s->dists[i];
		char id[32], col[200], key[200], when[DATE_BUFSZ], m[MONEY_BUFSZ];
		snprintf(id, sizeof id, "D%lld", (long long)d->id);
		snprintf(col, sizeof col, "%s, %s %s", rep_source_short(d->source),
		         rep_label(REP_RECEIPT_KINDS, d->kind), d->exercise);
		/* TRANSLATORS: a key's name and its version number. */
		snprintf(key, sizeof key, _("%s v%d"), d->key, d->key_version);
		cells[0] = id;
		cells[1] = d->receipt ? d->receipt : _("no reference");
		cells[2] = col;
		cells[3] = key;
		cells[4] = date_format_local(d->approved_on, when, sizeof when);
		cells[5] = rep_money(d->amount, m, sizeof m);
		k->row(k, ROW_BODY, PDF_BODY, cells);
	}
}

/* Per member: the total, what is recorded as paid, what is still due. */
static void paid_table(const struct rep_summary *s, struct sink *k)
{
	const char *cells[PAID_CELLS] = { _("Recipient"), _("Name"), _("Total"), _("Paid"), _("Still due") };
	char m[3][MONEY_BUFSZ];
	int64_t paid = 0;
	k->row(k, ROW_HEAD, PDF_BOLD, cells);
	for (size_t r = 0; r <= s->n_member_rows; r++) {
		int64_t total = s->total, p = paid;
		if (r == s->n_member_rows) {
			/* The members' lines only: the accounts are not paid out. */
			total = 0;
			for (size_t i = 0; i < s->n_member_rows; i++)
				total += s->rows[i].total;
			k->row(k, ROW_RULE, PDF_BODY, NULL);
			cells[0] = _("Total");
			cells[1] = "";
		} else {
			cells[0] = s->rows[r].code;
			cells[1] = s->rows[r].name ? s->rows[r].name : "";
			total = s->rows[r].total;
			p = s->rows[r].paid;
			paid += p;
		}
		cells[2] = rep_money(total, m[0], sizeof m[0]);
		cells[3] = rep_money(p, m[1], sizeof m[1]);
		cells[4] = rep_money(total - p, m[2], sizeof m[2]);
		k->row(k, ROW_BODY, r == s->n_member_rows ? PDF_BOLD : PDF_BODY, cells);
	}
}

/* ---- text ---- */

struct text_sink {
	struct sink k;
	struct rep_out *o;
	struct rep_col cols[MAX_COLS];
	bool measure;                 /* widen the columns to their cells */
};

static void text_row(struct sink *k, enum row_kind kind, enum pdf_style st, const char *const *cells)
{
	struct text_sink *t = (struct text_sink *)k;
	if (t->measure) {
		for (size_t i = 0; kind != ROW_RULE && i < k->n; i++) {
			int w = text_width(cells[i] ? cells[i] : "");
			if (w > t->cols[i].width)
				t->cols[i].width = w;
		}
	} else if (kind == ROW_RULE)
		rep_out_rule(t->o);
	else
		rep_out_row(t->o, st, t->cols, cells, k->n);
}

/* Columns: code, name, one per column of the summary, total. */
static void money_cols(const struct rep_summary *s, struct text_sink *t)
{
	t->k.n = s->n_cols + 3;
	t->cols[0] = (struct rep_col){ CODE_W, false };
	t->cols[1] = (struct rep_col){ NAME_W, false };
	for (size_t i = 0; i < s->n_cols + 1; i++)
		t->cols[2 + i] = (struct rep_col){ MONEY_W, true };
}

static int64_t max_member_total(const struct rep_summary *s)
{
	int64_t max = 0;
	for (size_t i = 0; i < s->n_member_rows; i++) {
		int64_t v = s->rows[i].total < 0 ? -s->rows[i].total : s->rows[i].total;
		if (v > max)
			max = v;
	}
	return max;
}

/* The chart as characters: a bar per member, scaled on the largest total. */
static void text_chart(struct rep_out *o, const struct rep_summary *s)
{
	int64_t max = max_member_total(s);
	char m[MONEY_BUFSZ];
	rep_out_head(o, _("Total per member"));
	for (size_t i = 0; i < s->n_member_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		rep_money(r->total, m, sizeof m);
		rep_cell(o->out, r->code, CODE_W, false);
		size_t start = o->out->len;
		rep_bar(o->out, r->total, max, CHART_W);
		/* Pad the bar to its full width (block characters are 1 column). */
		int drawn = text_width(o->out->s ? o->out->s + start : "");
		for (int k = drawn; k < CHART_W; k++)
			sb_add(o->out, " ");
		sb_add(o->out, " ");
		int mw = text_width(m);
		char *p = text_pad(m, mw > MONEY_W ? mw : MONEY_W, true);
		if (p)
			sb_add(o->out, p);
		else
			o->out->failed = true;
		free(p);
		if (r->total < 0)
			sb_add(o->out, _(" (owed back)"));
		sb_add(o->out, "\n");
	}
}

/* The title and what the summary covers. */
static void intro(struct rep_out *o, const struct rep_summary *s)
{
	char a[DATE_BUFSZ], b2[DATE_BUFSZ], c[DATE_BUFSZ];
	struct sbuf b;
	rep_out_title(o, s->practice);
	sb_init(&b);
	sb_printf(&b, _("Team-meeting summary %d"), s->year);
	rep_out_line(o, 0, PDF_HEAD, b.s ? b.s : "");
	sb_fini(&b);
	sb_printf(&b, _("%zu approved distribution(s) of the receipts received from %s to %s; issued on %s"),
	          s->n_dists, date_format_local(s->from, a, sizeof a), date_format_local(s->to, b2, sizeof b2),
	          date_format_local(s->issued, c, sizeof c));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
}

static void text_document(struct rep_out *o, const struct rep_summary *s)
{
	intro(o, s);
	struct text_sink t = { { text_row, DIST_CELLS }, o, { { 0, false } }, true };
	if (s->n_dists) {
		/* As wide as their cells: a reference or a key is never cut. */
		for (size_t i = 0; i < DIST_CELLS; i++)
			t.cols[i] = (struct rep_col){ 0, i + 1 == DIST_CELLS };
		dists_table(s, &t.k);
		t.measure = false;
		rep_out_head(o, _("Distributions covered"));
		dists_table(s, &t.k);
	}
	t.measure = false;
	if (s->n_cols + 3 > MAX_COLS) {
		rep_out_line(o, 0, PDF_BODY, _("Too many sources for this layout: use the csv or xlsx format."));
		return;
	}
	/* The code and name columns as wide as their widest cell, in every
	 * table: a name or an account's words are never cut. */
	money_cols(s, &t);
	t.measure = true;
	money_table(s, false, &t.k);
	money_table(s, true, &t.k);
	t.measure = false;
	rep_out_head(o, _("By member and source"));
	money_table(s, false, &t.k);
	if (s->n_member_rows) {
		struct text_sink paid = t;
		paid.k.n = PAID_CELLS;
		for (size_t i = 2; i < PAID_CELLS; i++)
			paid.cols[i] = (struct rep_col){ MONEY_W, true };
		rep_out_head(o, _("Paid and still due per member"));
		paid_table(s, &paid.k);
	}
	rep_out_head(o, _("By profession group"));
	money_table(s, true, &t.k);
	if (s->n_member_rows)
		text_chart(o, s);
	rep_out_audit(o, &s->audit);
}

/* ---- PDF ---- */

struct pdf_sink {
	struct sink k;
	struct pdf *pdf;
	struct rep_table t;
	size_t chunk;
	bool measure;
};

static void pdf_sink_row(struct sink *k, enum row_kind kind, enum pdf_style st, const char *const *cells)
{
	struct pdf_sink *p = (struct pdf_sink *)k;
	if (p->measure) {
		if (kind != ROW_RULE)
			rep_table_measure(p->pdf, &p->t, st, cells);
	} else if (kind == ROW_RULE) {
		pdf_rule(p->pdf);
	} else {
		rep_table_row(p->pdf, &p->t, p->chunk, st, cells, kind == ROW_HEAD);
	}
}

/* A table measured, fitted (turning the page only when `turn`) and drawn
 * under its heading, a chunk of columns after the other, each from a new
 * page. */
static void pdf_table(struct rep_out *o, struct pdf_sink *p, const char *heading, bool turn,
                      void (*make)(const struct rep_summary *, bool, struct sink *),
                      const struct rep_summary *s, bool groups)
{
	p->measure = true;
	make(s, groups, &p->k);
	rep_table_plan(p->pdf, &p->t, turn);
	p->measure = false;
	for (p->chunk = 0; p->chunk < p->t.n_chunks; p->chunk++) {
		if (p->chunk > 0)
			pdf_page(p->pdf);
		rep_out_head(o, heading);
		make(s, groups, &p->k);
	}
}

static void make_dists(const struct rep_summary *s, bool unused, struct sink *k)
{
	(void)unused;
	dists_table(s, k);
}

static void make_paid(const struct rep_summary *s, bool unused, struct sink *k)
{
	(void)unused;
	paid_table(s, k);
}

/* The chart drawn: a bar per member from an axis, to the right for what
 * the member receives, to the left for what is owed back. */
static void pdf_chart(struct rep_out *o, const struct rep_summary *s)
{
	struct pdf *pdf = o->pdf;
	double code_w = 0, money_w = 0, note_w = 0;
	int64_t pos = 0, neg = 0;
	char m[MONEY_BUFSZ];
	for (size_t i = 0; i < s->n_member_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		double w = pdf_text_width(pdf, PDF_BODY, r->code);
		code_w = w > code_w ? w : code_w;
		w = pdf_text_width(pdf, PDF_BODY, rep_money(r->total, m, sizeof m));
		money_w = w > money_w ? w : money_w;
		if (r->total < 0 && -r->total > neg)
			neg = -r->total;
		if (r->total > pos)
			pos = r->total;
	}
	if (neg)
		note_w = pdf_text_width(pdf, PDF_SMALL, _("owed back")) + 6;
	double w = pdf_width(pdf), gap = 8, bars = w - code_w - money_w - note_w - 3 * gap;
	double axis = code_w + gap + (pos + neg ? bars * (double)neg / (double)(pos + neg) : 0);
	rep_out_head(o, _("Total per member"));
	for (size_t i = 0; i < s->n_member_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		struct pdf_col cols[3] = { { 0, code_w, false }, { w - note_w - money_w, money_w, true },
		                           { w - note_w + 4, note_w, false } };
		const char *cells[3] = { r->code, rep_money(r->total, m, sizeof m),
		                         r->total < 0 ? _("owed back") : NULL };
		pdf_bar(pdf, axis, bars, r->total, pos + neg, r->total < 0 ? 0.6 : 0.35);
		pdf_row(pdf, PDF_BODY, cols, cells, 3);
	}
}

static void pdf_document(struct rep_out *o, const struct rep_summary *s)
{
	static const bool money_right[MAX_COLS] = { false, false, true, true, true, true, true, true,
		true, true, true, true, true, true, true, true, true, true, true, true, true, true,
		true, true, true, true, true, true, true, true, true, true };
	static const bool dist_right[DIST_CELLS] = { false, false, false, false, false, true };
	struct pdf_sink p = { { pdf_sink_row, 0 }, o->pdf, { 0 }, 0, false };
	size_t n = s->n_cols + 3 > MAX_COLS ? MAX_COLS : s->n_cols + 3;
	/* The widest table decides the page's orientation, before anything
	 * is drawn. */
	p.k.n = n;
	rep_table_init(&p.t, n, 2, 1, 1, money_right);
	p.measure = true;
	money_table(s, false, &p.k);
	money_table(s, true, &p.k);
	rep_table_plan(o->pdf, &p.t, true);
	struct rep_table money = p.t;
	intro(o, s);
	if (s->n_dists) {
		p.k.n = DIST_CELLS;
		rep_table_init(&p.t, DIST_CELLS, 1, 1, 3, dist_right);
		pdf_table(o, &p, _("Distributions covered"), false, make_dists, s, false);
	}
	p.k.n = n;
	for (int g = 0; g < 2; g++) {
		p.t = money;
		p.measure = false;
		for (p.chunk = 0; p.chunk < p.t.n_chunks; p.chunk++) {
			if (p.chunk > 0)
				pdf_page(o->pdf);
			rep_out_head(o, g ? _("By profession group") : _("By member and source"));
			money_table(s, g == 1, &p.k);
		}
		if (g == 0 && s->n_member_rows) {
			p.k.n = PAID_CELLS;
			rep_table_init(&p.t, PAID_CELLS, 2, 3, 1, money_right);
			pdf_table(o, &p, _("Paid and still due per member"), false, make_paid, s, false);
			p.k.n = n;
		}
	}
	if (s->n_member_rows)
		pdf_chart(o, s);
	rep_out_audit(o, &s->audit);
}

/* The label of a member's group (code), from the groups' rows; NULL when
 * there is none. */
static const char *group_label(const struct rep_summary *s, const char *code)
{
	for (size_t i = 0; code && i < s->n_groups; i++)
		if (s->groups[i].code && strcmp(s->groups[i].code, code) == 0)
			return s->groups[i].label;
	return NULL;
}

static void csv_summary(const struct rep_summary *s, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "type"), NC_("csv header", "code"), NC_("csv header", "name"),
		NC_("csv header", "group"), NC_("csv header", "group_label"),
	};
	struct csv_out o;
	csv_out_init(&o);
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_text(&o, i18n_ctx(head[i]));
	/* A column per source, named by its code: euros, as the header says. */
	for (size_t i = 0; i < s->n_sources; i++) {
		char name[80];
		snprintf(name, sizeof name, "%s_eur", s->sources[i]);
		csv_text(&o, name);
	}
	csv_text(&o, i18n_ctx(NC_("csv header", "total_eur")));
	csv_endrow(&o);
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		csv_text(&o, i < s->n_member_rows ? "member" : "account");
		csv_text(&o, r->code);
		rep_csv_text(&o, r->name);
		rep_csv_text(&o, r->group);
		rep_csv_text(&o, group_label(s, r->group));
		for (size_t k = 0; k < s->n_sources; k++)
			rep_csv_money(&o, r->cents[k]);
		rep_csv_money(&o, r->total);
		csv_endrow(&o);
	}
	for (size_t i = 0; i < s->n_groups; i++) {
		const struct rep_sum_group *g = &s->groups[i];
		csv_text(&o, "group");
		csv_text(&o, g->code ? g->code : "accounts");
		csv_text(&o, g->label);
		csv_text(&o, "");
		csv_text(&o, "");
		for (size_t k = 0; k < s->n_sources; k++)
			rep_csv_money(&o, g->cents[k]);
		rep_csv_money(&o, g->total);
		csv_endrow(&o);
	}
	csv_text(&o, "total");
	for (int i = 0; i < 4; i++)
		csv_text(&o, "");
	for (size_t k = 0; k < s->n_sources; k++)
		rep_csv_money(&o, s->totals[k]);
	rep_csv_money(&o, s->total);
	csv_endrow(&o);
	rep_csv_finish(&o, out);
}

enum status rep_summary(const struct rep_summary *s, enum rep_format f,
                        struct sbuf *out, struct err *e)
{
	if (f == REP_CSV) {
		csv_summary(s, out);
	} else if (f == REP_TEXT) {
		struct rep_out o = { out, NULL };
		text_document(&o, s);
	} else if (f == REP_PDF) {
		struct pdf *pdf;
		enum status rc = rep_pdf_open(out, s->practice, &pdf, e, _("Team-meeting summary %d"), s->year);
		if (rc != ST_OK)
			return rc;
		struct rep_out o = { NULL, pdf };
		pdf_document(&o, s);
		rc = pdf_close(pdf, e);
		if (rc != ST_OK)
			return rc;
	} else {
		return err_set(e, ST_USAGE, _("the summary as xlsx is written by rep_summary_xlsx"));
	}
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
