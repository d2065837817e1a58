/* expected.c: expected versus received, per source and exercise: the
 * receipts by kind, the total received, what approved distributions gave
 * and what is still undistributed. No forecast is invented: an exercise is
 * final once its balance is in, and the report says which are. */
#include <stdio.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

static const struct rep_col cols[] = {
	{ 6, false }, { 8, false }, { 20, false }, { 3, true }, { 13, true }, { 13, true }, { 13, true },
	{ 10, false },
};

static void text_expected(const struct rep_expected *x, struct sbuf *out)
{
	struct rep_out o = { out, NULL };
	char a[DATE_BUFSZ], m[3][MONEY_BUFSZ], n[32];
	struct sbuf b;
	sb_init(&b);
	rep_out_title(&o, x->practice);
	sb_printf(&b, _("Expected versus received, %d: the exercise %d and those with a receipt received in %d; issued on %s"),
	          x->year, x->year, x->year, date_format_local(x->issued, a, sizeof a));
	rep_out_line(&o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_add(out, "\n");
	const char *head[] = { _("Source"), _("Exercise"), _("Kind"), _("N"), _("Received"), _("Distributed"),
	                       _("Undistributed"), _("Balance") };
	rep_out_row(&o, PDF_BOLD, cols, head, 8);
	for (size_t i = 0; i < x->n_rows; i++) {
		const struct rep_exp_row *r = &x->rows[i];
		int64_t count = 0;
		for (size_t k = 0; k < r->n_kinds; k++) {
			const struct rep_exp_kind *kd = &r->kinds[k];
			snprintf(n, sizeof n, "%lld", (long long)kd->count);
			count += kd->count;
			const char *cells[] = { rep_source_short(r->source), r->exercise,
			                        rep_label(REP_RECEIPT_KINDS, kd->kind), n,
			                        rep_money(kd->cents, m[0], sizeof m[0]), NULL, NULL, NULL };
			rep_out_row(&o, PDF_BODY, cols, cells, 8);
		}
		snprintf(n, sizeof n, "%lld", (long long)count);
		const char *cells[] = { rep_source_short(r->source), r->exercise, _("total"), n,
		                        rep_money(r->received, m[0], sizeof m[0]),
		                        rep_money(r->distributed, m[1], sizeof m[1]),
		                        rep_money(r->undistributed, m[2], sizeof m[2]),
		                        r->balance ? _("yes") : _("no") };
		rep_out_row(&o, PDF_BOLD, cols, cells, 8);
	}
	rep_out_rule(&o);
	const char *tot[] = { _("Total"), "", "", "", rep_money(x->received, m[0], sizeof m[0]),
	                      rep_money(x->distributed, m[1], sizeof m[1]),
	                      rep_money(x->undistributed, m[2], sizeof m[2]), NULL };
	rep_out_row(&o, PDF_BOLD, cols, tot, 8);
	sb_add(out, "\n");
	rep_out_line(&o, 0, PDF_BODY, _("Received counts every receipt of the exercise, whenever it arrived. Distributed: "
	                               "the lines of its approved distributions; undistributed = received minus distributed. "
	                               "Once a balance is received the exercise's total is final; before that, more may come "
	                               "(or, for an ACI balance, less)."));
	rep_out_audit(&o, &x->audit);
}

static void csv_expected(const struct rep_expected *x, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "type"), NC_("csv header", "source"), NC_("csv header", "exercise"),
		NC_("csv header", "kind"), NC_("csv header", "receipts"), NC_("csv header", "received_eur"),
		NC_("csv header", "distributed_eur"), NC_("csv header", "undistributed_eur"),
		NC_("csv header", "balance_received"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < x->n_rows; i++) {
		const struct rep_exp_row *r = &x->rows[i];
		int64_t count = 0;
		for (size_t k = 0; k < r->n_kinds; k++) {
			csv_text(&o, "kind");
			csv_text(&o, r->source);
			csv_text(&o, r->exercise);
			csv_text(&o, r->kinds[k].kind);
			rep_csv_int(&o, r->kinds[k].count);
			rep_csv_money(&o, r->kinds[k].cents);
			csv_num(&o, "");
			csv_num(&o, "");
			csv_num(&o, "");
			csv_endrow(&o);
			count += r->kinds[k].count;
		}
		/* The exercise's total: a row of its own type, no kind. */
		csv_text(&o, "total");
		csv_text(&o, r->source);
		csv_text(&o, r->exercise);
		csv_text(&o, "");
		rep_csv_int(&o, count);
		rep_csv_money(&o, r->received);
		rep_csv_money(&o, r->distributed);
		rep_csv_money(&o, r->undistributed);
		csv_num(&o, r->balance ? "1" : "0");
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

enum status rep_expected(const struct rep_expected *x, enum rep_format f,
                         struct sbuf *out, struct err *e)
{
	if (f == REP_CSV)
		csv_expected(x, out);
	else if (f == REP_TEXT)
		text_expected(x, out);
	else
		return err_set(e, ST_USAGE, _("expected versus received is made as text or csv, not %s"),
		               rep_format_name(f));
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
