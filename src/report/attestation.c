/* attestation.c: what the SISA paid a member in a calendar year, by
 * source, for their own tax return: text, CSV or PDF, with the payments
 * in detail. Amounts owed back and repaid count against the year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"

#include "report_internal.h"

static bool pays(const struct payment_record *p, const char *member)
{
	return p->member && strcmp(p->member, member) == 0;
}

int64_t rep_attestation_total(const struct rep_payments *p, size_t member)
{
	int64_t t = 0;
	if (member >= p->n_members)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		if (pays(&p->v[i], p->members[member].code))
			t += p->v[i].cents;
	return t;
}

/* One member's payments summed by source. */
struct by_source {
	const char *source;
	int64_t count, paid, back;
};

static int cmp_source(const void *a, const void *b)
{
	return strcmp(((const struct by_source *)a)->source, ((const struct by_source *)b)->source);
}

/* The member's payments by source, sorted by source code; *n sources.
 * NULL when memory ran out (*failed set). */
static struct by_source *sum_sources(const struct rep_payments *p, const char *member, size_t *n,
                                     bool *failed)
{
	struct by_source *v = calloc(p->n ? p->n : 1, sizeof *v);
	*n = 0;
	if (!v) {
		*failed = true;
		return NULL;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct payment_record *x = &p->v[i];
		if (!pays(x, member))
			continue;
		size_t k = 0;
		while (k < *n && strcmp(v[k].source, x->source) != 0)
			k++;
		if (k == *n)
			v[(*n)++].source = x->source;
		v[k].count++;
		if (x->cents >= 0)
			v[k].paid += x->cents;
		else
			v[k].back -= x->cents;
	}
	qsort(v, *n, sizeof *v, cmp_source);
	return v;
}

static const struct rep_col sum_cols[] = {
	{ 12, false }, { 9, true }, { 16, true }, { 16, true }, { 16, true },
};

static const struct rep_col detail_cols[] = {
	{ 10, false }, { 6, false }, { 8, false }, { 18, false }, { 5, false }, { 14, true }, { 12, false },
};

/* The town of an address: what follows its last French postcode
 * ("12 rue des Tilleuls, 69003 Lyon" -> "Lyon"), up to a comma; "" when
 * it has none. */
static void town_of(const char *address, char *buf, size_t size)
{
	const char *town = NULL;
	for (const char *q = address ? address : ""; *q; q++) {
		bool start = q == address || q[-1] == ' ' || q[-1] == ',';
		if (start && strspn(q, "0123456789") == 5 && q[5] == ' ')
			town = q + 6;
	}
	buf[0] = '\0';
	if (!town)
		return;
	town += strspn(town, " ");
	snprintf(buf, size, "%.*s", (int)strcspn(town, ","), town);
}

/* Where and when, who signs and in what role, and room for the
 * signature: at least 25 mm in the PDF, the block kept on one page. */
static void signature_block(struct rep_out *o, const struct rep_payments *p)
{
	char town[128], when[DATE_BUFSZ];
	struct sbuf b;
	town_of(p->address, town, sizeof town);
	if (o->pdf)
		pdf_need(o->pdf, 150);
	rep_out_head(o, _("Signature"));
	sb_init(&b);
	sb_printf(&b, _("Made at %s, on %s"), *town ? town : "____________________",
	          date_format_local(p->issued, when, sizeof when));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_line(o, 0, PDF_BODY, _("Name of the signatory: ________________________________"));
	rep_out_line(o, 0, PDF_BODY, _("Role: ____________________ (treasurer or manager of the SISA)"));
	rep_out_line(o, 0, PDF_BODY, _("Signature:"));
	if (o->pdf)
		pdf_space(o->pdf, 80);   /* 28 mm */
	else
		sb_add(o->out, "\n\n\n\n");
}

/* The table of the member's payments, one row each. */
static void payments_table(struct rep_out *o, const struct rep_payments *p, const char *member)
{
	char a[DATE_BUFSZ], m1[MONEY_BUFSZ];
	rep_out_head(o, _("Payments"));
	const char *dh[] = { _("Date"), _("Source"), _("Exercise"), _("Reference"), _("Dist."),
	                     _("Amount"), _("Means") };
	rep_out_row(o, PDF_BOLD, detail_cols, dh, 7);
	for (size_t i = 0; i < p->n; i++) {
		const struct payment_record *x = &p->v[i];
		if (!pays(x, member))
			continue;
		char d[32];
		snprintf(d, sizeof d, "D%lld", (long long)x->dist_id);
		const char *cells[] = { date_format_local(x->paid_on, a, sizeof a), rep_source_short(x->source),
		                        x->exercise, x->reference ? x->reference : "-", d,
		                        rep_money(x->cents, m1, sizeof m1), x->means };
		rep_out_row(o, PDF_SMALL, detail_cols, cells, 7);
	}
}

static void member_block(struct rep_out *o, const struct rep_payments *p, size_t idx, bool *failed)
{
	const struct rep_person *who = &p->members[idx];
	char a[DATE_BUFSZ], b2[DATE_BUFSZ], m1[MONEY_BUFSZ], m2[MONEY_BUFSZ], m3[MONEY_BUFSZ];
	struct sbuf b;
	rep_out_title(o, p->practice);
	rep_out_identity(o, p->address, p->siret);
	sb_init(&b);
	sb_printf(&b, _("Attestation of payments, year %d"), p->year);
	rep_out_line(o, 0, PDF_HEAD, b.s ? b.s : "");
	sb_fini(&b);
	sb_init(&b);
	sb_printf(&b, _("Issued on %s"), date_format_local(p->issued, a, sizeof a));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	rep_out_rule(o);

	sb_init(&b);
	sb_printf(&b, _("The SISA %s paid %s (%s, %s%s%s) the following amounts between %s and %s, as recorded in its books:"),
	          p->practice, who->name, who->code, who->profession ? who->profession : "",
	          who->rpps ? _(", RPPS ") : "", who->rpps ? who->rpps : "",
	          date_format_local(date_year_start(p->year), a, sizeof a),
	          date_format_local(date_year_end(p->year), b2, sizeof b2));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);

	size_t n;
	struct by_source *v = sum_sources(p, who->code, &n, failed);
	rep_out_head(o, _("By source"));
	const char *head[] = { _("Source"), _("Payments"), _("Paid"), _("Repaid to SISA"), _("Net") };
	rep_out_row(o, PDF_BOLD, sum_cols, head, 5);
	int64_t count = 0, paid = 0, back = 0;
	for (size_t i = 0; i < n; i++) {
		char c[32];
		snprintf(c, sizeof c, "%lld", (long long)v[i].count);
		const char *cells[] = { rep_source_short(v[i].source), c, rep_money(v[i].paid, m1, sizeof m1),
		                        rep_money(v[i].back, m2, sizeof m2),
		                        rep_money(v[i].paid - v[i].back, m3, sizeof m3) };
		rep_out_row(o, PDF_BODY, sum_cols, cells, 5);
		count += v[i].count;
		paid += v[i].paid;
		back += v[i].back;
	}
	free(v);
	char c[32];
	snprintf(c, sizeof c, "%lld", (long long)count);
	const char *tot[] = { _("Total"), c, rep_money(paid, m1, sizeof m1), rep_money(back, m2, sizeof m2),
	                      rep_money(paid - back, m3, sizeof m3) };
	rep_out_row(o, PDF_BOLD, sum_cols, tot, 5);
	if (!count)
		rep_out_line(o, 0, PDF_BODY, _("No payment to this member was recorded in this year."));
	else
		payments_table(o, p, who->code);
	rep_out_head(o, _("Notes"));
	rep_out_line(o, 0, PDF_SMALL, _("These are the member's shares of the practice's collective payments (ACI, PEPS, IPEP and other sources), "
	                               "counted on the day each payment was recorded. A negative amount was owed back and repaid to the SISA. "
	                               "For a self-employed professional these amounts usually go to the \"gains divers\" line of the 2035 return."));
	signature_block(o, p);
	rep_out_audit(o, &p->audit);
}

static void csv_attestations(const struct rep_payments *p, size_t first, size_t count,
                             struct sbuf *out, bool *failed)
{
	static const char *const head[] = {
		NC_("csv header", "member"), NC_("csv header", "name"), NC_("csv header", "rpps"),
		NC_("csv header", "year"), NC_("csv header", "source"), NC_("csv header", "payments"),
		NC_("csv header", "paid_eur"), NC_("csv header", "repaid_eur"), NC_("csv header", "net_eur"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t k = first; k < first + count && k < p->n_members; k++) {
		const struct rep_person *who = &p->members[k];
		size_t n;
		struct by_source *v = sum_sources(p, who->code, &n, failed);
		for (size_t i = 0; i < n; i++) {
			csv_text(&o, who->code);
			csv_text(&o, who->name);
			rep_csv_text(&o, who->rpps);
			rep_csv_int(&o, p->year);
			csv_text(&o, v[i].source);
			rep_csv_int(&o, v[i].count);
			rep_csv_money(&o, v[i].paid);
			rep_csv_money(&o, v[i].back);
			rep_csv_money(&o, v[i].paid - v[i].back);
			csv_endrow(&o);
		}
		free(v);
	}
	rep_csv_finish(&o, out);
}

enum status rep_attestation(const struct rep_payments *p, size_t first,
                            size_t count, enum rep_format f, struct sbuf *out,
                            struct err *e)
{
	bool failed = false;
	if (f == REP_CSV) {
		csv_attestations(p, first, count, out, &failed);
	} else if (f == REP_TEXT) {
		struct rep_out o = { out, NULL };
		for (size_t k = first; k < first + count && k < p->n_members; k++) {
			if (k > first) {
				sb_add(out, "\n");
				for (int i = 0; i < REP_WIDTH; i++)
					sb_add(out, "=");
				sb_add(out, "\n\n");
			}
			member_block(&o, p, k, &failed);
		}
	} else if (f == REP_PDF) {
		struct pdf *pdf;
		enum status rc = rep_pdf_open(out, p->practice, &pdf, e, _("Attestation of payments, year %d"),
		                              p->year);
		if (rc != ST_OK)
			return rc;
		struct rep_out o = { NULL, pdf };
		struct sbuf name;
		sb_init(&name);
		/* A section per member, as the statements: its own page numbers,
		 * its name on each page. */
		for (size_t k = first; k < first + count && k < p->n_members; k++) {
			sb_fini(&name);
			sb_printf(&name, "%s, %s", p->members[k].code, p->members[k].name);
			pdf_section(pdf, name.s ? name.s : p->members[k].code);
			member_block(&o, p, k, &failed);
		}
		sb_fini(&name);
		rc = pdf_close(pdf, e);
		if (rc != ST_OK)
			return rc;
	} else {
		return err_set(e, ST_USAGE, _("attestations are made as text, csv or pdf, not %s"), rep_format_name(f));
	}
	return failed || out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
