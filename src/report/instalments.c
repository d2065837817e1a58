/* instalments.c: expected versus received per instalment
 * (report_instalments.h). */
#include <stdbool.h>
#include <stdio.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/report_instalments.h"

#include "report_internal.h"

/* The state's code in CSV, and its words in text (and beside the code in CSV). */
static const char *state_code(enum instalment_state s)
{
	switch (s) {
	case INSTALMENT_RECEIVED: return "received";
	case INSTALMENT_LATE: return "late";
	case INSTALMENT_COMING: return "coming";
	case INSTALMENT_UNEXPECTED: return "unexpected";
	}
	return "";
}

static const char *state_text(enum instalment_state s)
{
	switch (s) {
	case INSTALMENT_RECEIVED: return _("arrived");
	case INSTALMENT_LATE: return _("LATE");
	case INSTALMENT_COMING: return _("to come");
	case INSTALMENT_UNEXPECTED: return _("not expected");
	}
	return "";
}

static const char *row_source(const struct instalment *v) { return v->x ? v->x->source : v->r->source; }
static const char *row_exercise(const struct instalment *v) { return v->x ? v->x->exercise : v->r->exercise; }
static const char *row_kind(const struct instalment *v) { return v->x ? v->x->kind : v->r->kind; }

static const struct rep_col cols[] = {
	{ 4, true }, { 10, false }, { 6, false }, { 8, false }, { 20, false }, { 12, true }, { 12, true }, { 12, true },
	{ 10, false },
};

static void text_totals(struct rep_out *o, const struct rep_instalments *x)
{
	int64_t expected = 0, received = 0, late = 0, diff = 0;
	size_t n_late = 0;
	bool ok = true;
	for (size_t i = 0; i < x->n; i++) {
		const struct instalment *v = &x->rows[i];
		ok = ok && money_add(expected, v->expected, &expected) == ST_OK &&
		     money_add(received, v->received, &received) == ST_OK &&
		     (v->state != INSTALMENT_LATE || money_add(late, v->expected, &late) == ST_OK);
		n_late += v->state == INSTALMENT_LATE;
	}
	ok = ok && money_sub(received, expected, &diff) == ST_OK;
	char m[3][MONEY_BUFSZ];
	/* Past what cents can hold the totals, the late one too, are not
	 * written: no figure rather than a wrong one. */
	const char *tot[] = { "", _("Total"), "", "", "", rep_money(expected, m[0], sizeof m[0]),
	                      rep_money(received, m[1], sizeof m[1]), rep_money(diff, m[2], sizeof m[2]), "" };
	if (ok)
		rep_out_row(o, PDF_BOLD, cols, tot, 9);
	sb_add(o->out, "\n");
	struct sbuf b;
	sb_init(&b);
	if (!ok)
		sb_add(&b, _("The totals are beyond what can be counted to the cent: they are not written."));
	else if (n_late)
		sb_printf(&b, ngettext("%zu instalment is late: %s expected and not received.",
		                       "%zu instalments are late: %s expected and not received.", n_late),
		          n_late, rep_money(late, m[0], sizeof m[0]));
	else
		sb_add(&b, _("Nothing is late."));
	rep_out_line(o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
}

static void text_instalments(const struct rep_instalments *x, struct sbuf *out)
{
	struct rep_out o = { out, NULL };
	char d[DATE_BUFSZ], m[3][MONEY_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	rep_out_title(&o, x->practice);
	if (x->exercise)
		sb_printf(&b, _("Expected instalments versus receipts, exercise %s; late counted on %s"), x->exercise,
		          date_format_local(x->today, d, sizeof d));
	else
		sb_printf(&b, _("Expected instalments versus receipts, every exercise; late counted on %s"),
		          date_format_local(x->today, d, sizeof d));
	rep_out_line(&o, 0, PDF_BODY, b.s ? b.s : "");
	sb_fini(&b);
	sb_add(out, "\n");
	const char *head[] = { _("No"), _("Due"), _("Source"), _("Exercise"), _("Kind"), _("Expected"), _("Received"),
	                       _("Difference"), _("State") };
	rep_out_row(&o, PDF_BOLD, cols, head, 9);
	for (size_t i = 0; i < x->n; i++) {
		const struct instalment *v = &x->rows[i];
		char no[24] = "";
		if (v->x)
			snprintf(no, sizeof no, "%lld", (long long)v->x->id);
		const char *cells[] = { no, v->x ? date_format_local(v->x->due, d, sizeof d) : "-",
		                        rep_source_short(row_source(v)), row_exercise(v),
		                        rep_label(REP_RECEIPT_KINDS, row_kind(v)),
		                        v->x ? rep_money(v->expected, m[0], sizeof m[0]) : "",
		                        v->r ? rep_money(v->received, m[1], sizeof m[1]) : "",
		                        rep_money(v->difference, m[2], sizeof m[2]), state_text(v->state) };
		rep_out_row(&o, PDF_BODY, cols, cells, 9);
	}
	rep_out_rule(&o);
	text_totals(&o, x);
	rep_out_line(&o, 0, PDF_BODY, _("Each instalment is matched with the receipts of the same source, exercise and "
	                               "kind, the earliest due with the earliest received; difference = received minus "
	                               "expected. The amounts expected are estimates until the CNAM pays."));
	rep_out_audit(&o, &x->audit);
}

static void csv_instalments(const struct rep_instalments *x, struct sbuf *out)
{
	static const char *const head[] = {
		NC_("csv header", "id"), NC_("csv header", "due"), NC_("csv header", "source"),
		NC_("csv header", "exercise"), NC_("csv header", "kind"), NC_("csv header", "origin"),
		NC_("csv header", "expected_eur"), NC_("csv header", "received_eur"),
		NC_("csv header", "difference_eur"), NC_("csv header", "received_on"),
		NC_("csv header", "state"), NC_("csv header", "state_label"), NC_("csv header", "note"),
	};
	struct csv_out o;
	rep_csv_start(&o, head, sizeof head / sizeof head[0]);
	for (size_t i = 0; i < x->n; i++) {
		const struct instalment *v = &x->rows[i];
		if (v->x)
			rep_csv_int(&o, v->x->id);
		else
			csv_num(&o, "");
		rep_csv_date(&o, v->x ? v->x->due : DATE_NONE);
		rep_csv_text(&o, row_source(v));
		rep_csv_text(&o, row_exercise(v));
		rep_csv_text(&o, row_kind(v));
		rep_csv_text(&o, v->x ? v->x->origin : "");
		if (v->x)
			rep_csv_money(&o, v->expected);
		else
			csv_num(&o, "");
		if (v->r)
			rep_csv_money(&o, v->received);
		else
			csv_num(&o, "");
		rep_csv_money(&o, v->difference);
		rep_csv_date(&o, v->r ? v->r->received : DATE_NONE);
		csv_text(&o, state_code(v->state));
		csv_text(&o, state_text(v->state));
		rep_csv_text(&o, v->x && v->x->note ? v->x->note : "");
		csv_endrow(&o);
	}
	rep_csv_finish(&o, out);
}

enum status rep_instalments(const struct rep_instalments *x, enum rep_format f,
                            struct sbuf *out, struct err *e)
{
	if (f == REP_CSV)
		csv_instalments(x, out);
	else if (f == REP_TEXT)
		text_instalments(x, out);
	else
		return err_set(e, ST_USAGE, _("expected instalments are made as text or csv, not %s"),
		               rep_format_name(f));
	return out->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}
