/* posts_report.c: funding per post for a year: each salaried post's cost,
 * what each source's share of it comes to, the gap; then what is left per
 * source after the posts and the members' lines. Text or CSV. */
#include <stdio.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

static const struct rep_col src_cols[] = {
	{ 10, false }, { 12, true }, { 12, true }, { 12, true }, { 12, true }, { 12, true },
};

static void text_posts(const struct rep_posts *p, struct sbuf *out)
{
	struct rep_out o = { out, NULL };
	char a[DATE_BUFSZ], b2[DATE_BUFSZ], m[MONEY_BUFSZ], r[16];
	struct sbuf b;
	sb_init(&b);
	rep_out_title(&o, p->practice);
	sb_printf(&b, _("Funding per post, %d (%lld days); issued on %s"), p->year, (long long)p->year_days,
	          date_format_local(p->issued, a, sizeof a));
	rep_out_line(&o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_line(&o, 0, PDF_BODY, _("A post's cost is its yearly cost × the days it exists in the year / the days in the year; "
	                               "a source's funding is the yearly cost × its share × the days the share applies / "
	                               "(10000 × the days in the year); both rounded down to the cent."));
	for (size_t i = 0; i < p->n_posts; i++) {
		const struct rep_post *q = &p->posts[i];
		sb_printf(&b, _("%s · %s, %s, %s FTE"), q->code, q->label,
		          q->holder ? q->holder : _("vacant"), decimal_format(q->fte, 2, rep_mark(), r, sizeof r));
		rep_out_head(&o, b.s ? b.s : "");
		sb_fini(&b);
		sb_printf(&b, _("Cost: %s a year, %lld days in %d"), rep_money(q->yearly_cost, m, sizeof m),
		          (long long)q->days, p->year);
		rep_out_amount(&o, 1, PDF_BODY, b.s ? b.s : "", rep_money(q->cost, m, sizeof m));
		sb_fini(&b);
		for (size_t k = 0; k < q->n_fundings; k++) {
			const struct rep_funding *f = &q->fundings[k];
			sb_printf(&b, _("%s %s %% from %s to %s, %lld days"), rep_source_short(f->source),
			          decimal_format(f->share_bp, 2, rep_mark(), r, sizeof r),
			          date_format_local(f->start, a, sizeof a),
			          f->end == DATE_NONE ? _("(open)") : date_format_local(f->end, b2, sizeof b2),
			          (long long)f->days);
			rep_out_amount(&o, 1, PDF_BODY, b.s ? b.s : "", rep_money(f->cents, m, sizeof m));
			sb_fini(&b);
		}
		if (!q->n_fundings)
			rep_out_line(&o, 1, PDF_BODY, _("no funding recorded"));
		rep_out_amount(&o, 1, PDF_BODY, _("Funded"), rep_money(q->funded, m, sizeof m));
		rep_out_amount(&o, 1, PDF_BOLD, q->gap >= 0 ? _("Gap") : _("Over-funded by"),
		               rep_money(q->gap >= 0 ? q->gap : -q->gap, m, sizeof m));
	}
	if (!p->n_posts)
		rep_out_line(&o, 0, PDF_BODY, _("No post exists in this year."));
	rep_out_head(&o, _("All posts"));
	rep_out_amount(&o, 1, PDF_BODY, _("Cost"), rep_money(p->cost, m, sizeof m));
	rep_out_amount(&o, 1, PDF_BODY, _("Funded"), rep_money(p->funded, m, sizeof m));
	rep_out_amount(&o, 1, PDF_BOLD, _("Gap"), rep_money(p->gap, m, sizeof m));

	rep_out_head(&o, _("What is left per source"));
	const char *head[] = { _("Source"), _("Received"), _("Posts"), _("Members"), _("Remaining"), _("Accounts") };
	rep_out_row(&o, PDF_BOLD, src_cols, head, 6);
	char c[5][MONEY_BUFSZ];
	for (size_t i = 0; i <= p->n_sources; i++) {
		const struct rep_source_left *s = i < p->n_sources ? &p->sources[i] : &p->total;
		if (i == p->n_sources)
			rep_out_rule(&o);
		const char *cells[] = { s->source ? rep_source_short(s->source) : _("Total"),
		                        rep_money(s->received, c[0], sizeof c[0]),
		                        rep_money(s->posts, c[1], sizeof c[1]), rep_money(s->members, c[2], sizeof c[2]),
		                        rep_money(s->left, c[3], sizeof c[3]), rep_money(s->accounts, c[4], sizeof c[4]) };
		rep_out_row(&o, i < p->n_sources ? PDF_BODY : PDF_BOLD, src_cols, cells, 6);
	}
	sb_add(out, "\n");
	rep_out_line(&o, 0, PDF_BODY, _("Received: the source's receipts received in the year. Posts: its funding of the posts "
	                               "above. Members: lines to members of the approved distributions of those receipts. "
	                               "Remaining = received minus posts minus members. Accounts: what those distributions reserved "
	                               "for posts and operating costs, already inside what is left."));
	bool short_source = false;
	for (size_t i = 0; i < p->n_sources; i++)
		short_source |= p->sources[i].left < 0;
	if (short_source)
		rep_out_line(&o, 0, PDF_BODY, _("A negative amount remaining: the source's receipts of the year do not cover "
		                               "what its posts and members take from it; the rest must come from another "
		                               "year's receipts (an ACI balance arrives the year after) or another source."));
	rep_out_audit(&o, &p->audit);
}

/* A source's label, from the per-source rows; NULL when there is none. */
static const char *source_label(const struct rep_posts *p, const char *code)
{
	for (size_t i = 0; code && i < p->n_sources; i++)
		if (p->sources[i].source && strcmp(p->sources[i].source, code) == 0)
			return p->sources[i].label;
	return NULL;
}

static void csv_posts(const struct rep_posts *p, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "type"), NC_("csv header", "post"), NC_("csv header", "label"),
		NC_("csv header", "holder"), NC_("csv header", "fte"), NC_("csv header", "source"),
		NC_("csv header", "source_label"), NC_("csv header", "share_pct"), NC_("csv header", "start"), NC_("csv header", "end"),
		NC_("csv header", "days"), NC_("csv header", "yearly_cost_eur"),
		NC_("csv header", "amount"), NC_("csv header", "funded_eur"), NC_("csv header", "gap_eur"),
		NC_("csv header", "received_eur"), NC_("csv header", "posts_eur"),
		NC_("csv header", "members_eur"), NC_("csv header", "accounts_eur"),
		NC_("csv header", "left_eur"),
	};
	struct csv_out o;
	char r[16];
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < p->n_posts; i++) {
		const struct rep_post *q = &p->posts[i];
		csv_text(&o, "post");
		csv_text(&o, q->code);
		csv_text(&o, q->label);
		rep_csv_text(&o, q->holder);
		csv_num(&o, decimal_format(q->fte, 2, ',', r, sizeof r));
		for (int k = 0; k < 5; k++)
			csv_num(&o, "");
		rep_csv_int(&o, q->days);
		rep_csv_money(&o, q->yearly_cost);
		rep_csv_money(&o, q->cost);
		rep_csv_money(&o, q->funded);
		rep_csv_money(&o, q->gap);
		for (int k = 0; k < 5; k++)
			csv_num(&o, "");
		csv_endrow(&o);
		for (size_t k = 0; k < q->n_fundings; k++) {
			const struct rep_funding *f = &q->fundings[k];
			csv_text(&o, "funding");
			csv_text(&o, q->code);
			for (int j = 0; j < 3; j++)
				csv_num(&o, "");
			csv_text(&o, f->source);
			rep_csv_text(&o, source_label(p, f->source));
			csv_num(&o, decimal_format(f->share_bp, 2, ',', r, sizeof r));
			rep_csv_date(&o, f->start);
			rep_csv_date(&o, f->end);
			rep_csv_int(&o, f->days);
			csv_num(&o, "");
			rep_csv_money(&o, f->cents);
			for (int j = 0; j < 7; j++)
				csv_num(&o, "");
			csv_endrow(&o);
		}
	}
	for (size_t i = 0; i <= p->n_sources; i++) {
		const struct rep_source_left *s = i < p->n_sources ? &p->sources[i] : &p->total;
		csv_text(&o, i < p->n_sources ? "source" : "total");
		for (int j = 0; j < 4; j++)
			csv_num(&o, "");
		rep_csv_text(&o, s->source);
		rep_csv_text(&o, s->label);
		for (int j = 0; j < 5; j++)
			csv_num(&o, "");
		if (i == p->n_sources) {
			rep_csv_money(&o, p->cost);
			rep_csv_money(&o, p->funded);
			rep_csv_money(&o, p->gap);
		} else {
			for (int j = 0; j < 3; j++)
				csv_num(&o, "");
		}
		rep_csv_money(&o, s->received);
		rep_csv_money(&o, s->posts);
		rep_csv_money(&o, s->members);
		rep_csv_money(&o, s->accounts);
		rep_csv_money(&o, s->left);
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

enum status rep_posts(const struct rep_posts *p, enum rep_format f,
                      struct sbuf *out, struct err *e)
{
	if (f == REP_CSV)
		csv_posts(p, out);
	else if (f == REP_TEXT)
		text_posts(p, out);
	else
		return err_set(e, ST_USAGE, _("the funding per post is made as text or csv, not %s"), rep_format_name(f));
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
