/* export.c: tables out as CSV, the columns the import reads back. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/csv.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* Export: the same columns as the import reads, for French spreadsheets
 * (BOM, ';', CRLF, decimal comma), so that a file exported can be edited
 * and imported back. */

/* The header: the table's columns but the last `leave_out` of them. */
static void header_row(struct csv_out *o, enum table t, int leave_out)
{
	int n = 0;
	while (app_table_column(t, n))
		n++;
	for (int i = 0; i < n - leave_out; i++)
		csv_text(o, app_table_column(t, i));
	csv_endrow(o);
}

static void date_cell(struct csv_out *o, int32_t d)
{
	char buf[DATE_BUFSZ];
	csv_num(o, date_format(d, buf, sizeof buf));
}

static void hundredths_cell(struct csv_out *o, int64_t v)
{
	char buf[MONEY_BUFSZ];
	csv_num(o, decimal_format(v, 2, ',', buf, sizeof buf));
}

static void money_cell(struct csv_out *o, int64_t cents)
{
	char buf[MONEY_BUFSZ];
	csv_num(o, money_format(cents, MONEY_CSV, buf, sizeof buf));
}

static void opt_text(struct csv_out *o, const char *s)
{
	csv_text(o, s ? s : "");
}

static enum status export_patient(const struct patient *p, void *ctx)
{
	struct csv_out *o = ctx;
	char buf[16];
	csv_text(o, p->code);
	csv_text(o, p->gp);
	date_cell(o, p->enrolled);
	date_cell(o, p->left);
	snprintf(buf, sizeof buf, "%d", p->birth_year);
	csv_num(o, buf);
	buf[0] = p->sex;
	buf[1] = '\0';
	csv_text(o, buf);
	opt_text(o, p->ald);
	csv_num(o, p->c2s ? "1" : "0");
	csv_endrow(o);
	return o->buf.failed ? ST_NOMEM : ST_OK;
}

/* The iban and bic columns (the table's last two) only when a member has
 * one: a practice that keeps no bank accounts exports what it did before. */
static enum status export_members(struct app *a, struct csv_out *o, struct err *e)
{
	struct member *v;
	size_t n;
	enum status rc = db_members(a->db, &v, &n, e);
	if (rc != ST_OK)
		return rc;
	bool bank = false;
	for (size_t i = 0; i < n && !bank; i++)
		bank = v[i].iban || v[i].bic;
	header_row(o, TABLE_MEMBERS, bank ? 0 : 2);
	for (size_t i = 0; i < n; i++) {
		csv_text(o, v[i].code);
		csv_text(o, v[i].name);
		csv_text(o, v[i].profession);
		csv_text(o, v[i].status);
		date_cell(o, v[i].joined);
		date_cell(o, v[i].left);
		hundredths_cell(o, v[i].fte);
		opt_text(o, v[i].rpps);
		if (bank) {
			opt_text(o, v[i].iban);
			opt_text(o, v[i].bic);
		}
		csv_endrow(o);
	}
	member_list_free(v, n);
	return rc;
}

static enum status export_posts(struct app *a, struct csv_out *o, struct err *e)
{
	struct post *v = NULL;
	struct post_funding *f = NULL;
	size_t n = 0, nf = 0;
	enum status rc = db_posts(a->db, &v, &n, e);
	if (rc == ST_OK)
		rc = db_fundings(a->db, &f, &nf, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		csv_text(o, v[i].code);
		csv_text(o, v[i].label);
		opt_text(o, v[i].holder);
		hundredths_cell(o, v[i].fte);
		money_cell(o, v[i].yearly_cost);
		date_cell(o, v[i].start);
		date_cell(o, v[i].end);
		struct sbuf b;
		sb_init(&b);
		for (size_t j = 0; j < nf; j++) {
			if (strcmp(f[j].post, v[i].code) != 0)
				continue;
			char pct[MONEY_BUFSZ], s[DATE_BUFSZ], t[DATE_BUFSZ];
			decimal_format(f[j].share_bp, 2, ',', pct, sizeof pct);
			sb_printf(&b, "%s%s:%s", b.len ? "|" : "", f[j].source, pct);
			/* The period only when it is not the post's own. */
			if (f[j].start != v[i].start || f[j].end != v[i].end) {
				sb_printf(&b, ":%s", date_format(f[j].start, s, sizeof s));
				if (f[j].end != DATE_NONE)
					sb_printf(&b, ":%s", date_format(f[j].end, t, sizeof t));
			}
		}
		char *fund = sb_take(&b);
		opt_text(o, fund);
		free(fund);
		csv_endrow(o);
	}
	post_list_free(v, n);
	funding_list_free(f, nf);
	return rc;
}

static enum status export_receipts(struct app *a, struct csv_out *o, struct err *e)
{
	struct receipt *v;
	size_t n;
	enum status rc = db_receipts(a->db, &v, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", (long long)v[i].id);
		csv_num(o, id);
		csv_text(o, v[i].source);
		csv_text(o, v[i].kind);
		csv_text(o, v[i].exercise);
		date_cell(o, v[i].start);
		date_cell(o, v[i].end);
		date_cell(o, v[i].received);
		money_cell(o, v[i].amount);
		opt_text(o, v[i].reference);
		opt_text(o, v[i].note);
		csv_endrow(o);
	}
	if (rc == ST_OK)
		receipt_list_free(v, n);
	return rc;
}

static enum status export_activities(struct app *a, struct csv_out *o, struct err *e)
{
	struct activity *v;
	size_t n;
	enum status rc = db_activities(a->db, &v, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		csv_text(o, v[i].member);
		date_cell(o, v[i].date);
		csv_text(o, v[i].kind);
		hundredths_cell(o, v[i].hours);
		opt_text(o, v[i].note);
		csv_endrow(o);
	}
	if (rc == ST_OK)
		activity_list_free(v, n);
	return rc;
}

enum status app_export(struct app *a, enum table t, struct sbuf *out,
                       struct err *e)
{
	struct csv_out o;
	csv_out_init(&o);
	if (t != TABLE_MEMBERS)
		header_row(&o, t, 0);
	enum status rc;
	switch (t) {
	case TABLE_MEMBERS: rc = export_members(a, &o, e); break;
	case TABLE_POSTS: rc = export_posts(a, &o, e); break;
	case TABLE_PATIENTS:
		rc = db_patients_each(a->db, export_patient, &o, e);
		if (rc == ST_NOMEM)
			err_set(e, rc, NULL);
		break;
	case TABLE_RECEIPTS: rc = export_receipts(a, &o, e); break;
	case TABLE_ACTIVITIES: rc = export_activities(a, &o, e); break;
	default: rc = err_set(e, ST_INTERNAL, "bad table"); break;
	}
	if (rc == ST_OK && o.buf.failed)
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		sb_addn(out, o.buf.s, o.buf.len);
	csv_out_fini(&o);
	return rc;
}
