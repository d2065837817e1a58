/* journal.c: the accountant's journal: one row per payment recorded in a
 * year, to a member or to an account, ready for the SISA's books. What
 * members receive goes to their "gains divers" (2035 return). */
#include <stdio.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

/* Where the amount goes in the books: a member's share is "gains divers"
 * on their 2035 return; an account (post:CODE, operating) keeps its own
 * name. */
static const char *account_of(const struct payment_record *x)
{
	return x->member ? "gains divers (2035)" : x->recipient;
}

static void csv_journal(const struct rep_payments *p, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "date"), NC_("csv header", "recipient"), NC_("csv header", "name"),
		NC_("csv header", "account"), NC_("csv header", "source"), NC_("csv header", "kind"),
		NC_("csv header", "exercise"), NC_("csv header", "reference"),
		NC_("csv header", "distribution"), NC_("csv header", "label"), NC_("csv header", "amount"),
		NC_("csv header", "means"), NC_("csv header", "payment"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < p->n; i++) {
		const struct payment_record *x = &p->v[i];
		char d[32];
		rep_csv_date(&o, x->paid_on);
		csv_text(&o, x->member ? x->member : x->recipient);
		rep_csv_text(&o, x->member_name);
		csv_text(&o, account_of(x));
		csv_text(&o, x->source);
		csv_text(&o, x->receipt_kind);
		csv_text(&o, x->exercise);
		rep_csv_text(&o, x->reference);
		snprintf(d, sizeof d, "D%lld", (long long)x->dist_id);
		csv_text(&o, d);
		csv_text(&o, x->label);
		rep_csv_money(&o, x->cents);
		csv_text(&o, x->means);
		rep_csv_int(&o, x->id);
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

static const struct rep_col cols[] = {
	{ 10, false }, { 15, false }, { 18, false }, { 6, false }, { 8, false }, { 16, false },
	{ 5, false }, { 14, true }, { 10, false },
};

static void text_journal(const struct rep_payments *p, struct sbuf *out)
{
	struct rep_out o = { out, NULL };
	char a[DATE_BUFSZ], m[MONEY_BUFSZ];
	rep_out_title(&o, p->practice);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("Accountant's journal: payments recorded in %d"), p->year);
	rep_out_line(&o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_line(&o, 0, PDF_BODY, _("Amounts paid to members go to their \"gains divers\" (2035 return); amounts "
	                               "to accounts (post:CODE, operating) stay in the SISA's books."));
	sb_add(out, "\n");
	const char *head[] = { _("Date"), _("Recipient"), _("Name"), _("Source"), _("Exercise"),
	                       _("Reference"), _("Dist."), _("Amount"), _("Means") };
	rep_out_row(&o, PDF_BOLD, cols, head, 9);
	int64_t members = 0, accounts = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct payment_record *x = &p->v[i];
		char d[32];
		snprintf(d, sizeof d, "D%lld", (long long)x->dist_id);
		char acc[160];
		const char *cells[] = { date_format_local(x->paid_on, a, sizeof a),
		                        x->member ? x->member : rep_account_label(x->recipient, acc, sizeof acc),
		                        x->member_name ? x->member_name : "", rep_source_short(x->source), x->exercise,
		                        x->reference ? x->reference : "-", d, rep_money(x->cents, m, sizeof m),
		                        x->means };
		rep_out_row(&o, PDF_BODY, cols, cells, 9);
		if (x->member)
			members += x->cents;
		else
			accounts += x->cents;
	}
	sb_add(out, "\n");
	sb_printf(&b, _("%zu payment(s)"), p->n);
	rep_out_line(&o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_amount(&o, 0, PDF_BODY, _("To members (gains divers)"), rep_money(members, m, sizeof m));
	rep_out_amount(&o, 0, PDF_BODY, _("To accounts"), rep_money(accounts, m, sizeof m));
	rep_out_amount(&o, 0, PDF_BOLD, _("Total"), rep_money(members + accounts, m, sizeof m));
	rep_out_audit(&o, &p->audit);
}

enum status rep_journal(const struct rep_payments *p, enum rep_format f,
                        struct sbuf *out, struct err *e)
{
	if (f == REP_CSV)
		csv_journal(p, out);
	else if (f == REP_TEXT)
		text_journal(p, out);
	else
		return err_set(e, ST_USAGE, _("the journal is made as csv or text, not %s"), rep_format_name(f));
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
