/* summary.c: the team-meeting summary of a year: who received what from
 * which source (members, then the accounts reservations went to), totals
 * per source and per profession group, and a bar chart per member, as
 * characters in the text form and drawn in the PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

enum { CODE_W = 12, NAME_W = 18, MONEY_W = 13, CHART_W = 30, MAX_COLS = 32 };

/* Columns: code, name, one per source, total. NULL when too many sources
 * for a page (more than MAX_COLS - 3; the CSV has no such limit). */
static struct rep_col *table_cols(const struct rep_summary *s, size_t *n)
{
	*n = s->n_sources + 3;
	if (*n > MAX_COLS)
		return NULL;
	struct rep_col *c = calloc(*n, sizeof *c);
	if (!c)
		return NULL;
	c[0] = (struct rep_col){ CODE_W, false };
	c[1] = (struct rep_col){ NAME_W, false };
	for (size_t i = 0; i < s->n_sources + 1; i++)
		c[2 + i] = (struct rep_col){ MONEY_W, true };
	return c;
}

/* One row of the tables: code, name, amounts per source, total. */
static void money_row(struct rep_out *o, enum pdf_style st, const struct rep_col *cols, size_t ncols,
                      const char *code, const char *name, const int64_t *cents, int64_t total,
                      size_t n_sources)
{
	const char *cells[MAX_COLS];
	char m[MAX_COLS][MONEY_BUFSZ];
	cells[0] = code;
	cells[1] = name;
	for (size_t i = 0; i < n_sources; i++)
		cells[2 + i] = rep_money(cents[i], m[i], sizeof m[i]);
	cells[2 + n_sources] = rep_money(total, m[n_sources], sizeof m[n_sources]);
	rep_out_row(o, st, cols, cells, ncols);
}

static void header_row(struct rep_out *o, const struct rep_summary *s, const struct rep_col *cols,
                       size_t ncols, const char *first, const char *second)
{
	const char *cells[MAX_COLS];
	cells[0] = first;
	cells[1] = second;
	for (size_t i = 0; i < s->n_sources; i++)
		cells[2 + i] = s->sources[i];
	cells[2 + s->n_sources] = _("Total");
	rep_out_row(o, PDF_BOLD, cols, cells, ncols);
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

/* The chart: a bar per member, scaled on the largest total. */
static void chart(struct rep_out *o, const struct rep_summary *s)
{
	int64_t max = max_member_total(s);
	char m[MONEY_BUFSZ];
	rep_out_head(o, _("Total per member"));
	for (size_t i = 0; i < s->n_member_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		rep_money(r->total, m, sizeof m);
		if (o->pdf) {
			double w = pdf_width(o->pdf);
			struct pdf_col cols[2] = { { 0, 70, false }, { w - 80, 80, true } };
			const char *cells[2] = { r->code, m };
			/* Negative totals (owed back) in a lighter grey. */
			pdf_bar(o->pdf, 75, w - 165, r->total < 0 ? -r->total : r->total, max,
			        r->total < 0 ? 0.7 : 0.35);
			pdf_row(o->pdf, PDF_BODY, cols, cells, 2);
			continue;
		}
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

static void document(struct rep_out *o, const struct rep_summary *s)
{
	char a[DATE_BUFSZ], b2[DATE_BUFSZ], c[DATE_BUFSZ];
	struct sbuf b;
	size_t ncols;
	struct rep_col *cols = table_cols(s, &ncols);
	rep_out_title(o, s->practice);
	sb_init(&b);
	sb_printf(&b, _("Team-meeting summary %d"), s->year);
	rep_out_line(o, 0, PDF_HEAD, b.s ? b.s : "");
	sb_fini(&b);
	sb_printf(&b, _("%zu approved distribution(s) of the receipts received from %s to %s; issued on %s"),
	          s->n_dists, date_format(s->from, a, sizeof a), date_format(s->to, b2, sizeof b2),
	          date_format(s->issued, c, sizeof c));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	if (!cols) {
		rep_out_line(o, 0, PDF_BODY, _("Too many sources for this layout: use the csv or xlsx format."));
		return;
	}

	rep_out_head(o, _("By member and source"));
	header_row(o, s, cols, ncols, _("Recipient"), _("Name"));
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		if (i == s->n_member_rows && i > 0)
			rep_out_rule(o);
		money_row(o, PDF_BODY, cols, ncols, r->code, r->name ? r->name : _("(account)"), r->cents,
		          r->total, s->n_sources);
	}
	rep_out_rule(o);
	money_row(o, PDF_BOLD, cols, ncols, _("Total"), "", s->totals, s->total, s->n_sources);

	rep_out_head(o, _("By profession group"));
	header_row(o, s, cols, ncols, _("Group"), "");
	for (size_t i = 0; i < s->n_groups; i++) {
		const struct rep_sum_group *g = &s->groups[i];
		money_row(o, PDF_BODY, cols, ncols, g->label, "", g->cents, g->total, s->n_sources);
	}
	rep_out_rule(o);
	money_row(o, PDF_BOLD, cols, ncols, _("Total"), "", s->totals, s->total, s->n_sources);
	free(cols);

	if (s->n_member_rows)
		chart(o, s);
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
		document(&o, s);
	} else if (f == REP_PDF) {
		struct pdf *pdf;
		enum status rc = rep_pdf_open(out, s->practice, &pdf, e, _("Team-meeting summary %d"), s->year);
		if (rc != ST_OK)
			return rc;
		struct rep_out o = { NULL, pdf };
		document(&o, s);
		rc = pdf_close(pdf, e);
		if (rc != ST_OK)
			return rc;
	} else {
		return err_set(e, ST_USAGE, _("the summary as xlsx is written by rep_summary_xlsx"));
	}
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
