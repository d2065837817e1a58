/* dists_transfers.c: T on an approved distribution: its SEPA credit
 * transfer file (a file name, an execution date), written by the same use
 * case as `quotepart transfers`; then one question: record the payments
 * of the members in the file now? */
#include <stdlib.h>
#include <string.h>

#include "dists.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

/* What the question acts on: the file's members and the date. */
struct sent {
	struct app_transfers t;
	int32_t on;
};

static void sent_free(void *p)
{
	struct sent *x = p;
	if (x)
		app_transfers_fini(&x->t);
	free(x);
}

static enum status submit_record(struct tui *t, struct dialog *d, struct err *e)
{
	struct sent *x = d->ctx;
	size_t count = 0;
	enum status rc = app_transfers_pay(t->app, &x->t, x->on, _("SEPA transfer"), &count, e);
	char day[DATE_BUFSZ];
	if (rc == ST_OK)
		tui_msg(t, _("D%lld: %zu line(s) of %zu member(s) marked paid on %s."), (long long)x->t.id, count,
		        x->t.n_sent, fmt_date(x->on, day));
	return rc;
}

static enum status submit_transfers(struct tui *t, struct dialog *d, struct err *e)
{
	struct dists *s = tui_state(t, SCR_DISTS);
	struct sent *x = calloc(1, sizeof *x);
	if (!x)
		return err_set(e, ST_NOMEM, NULL);
	const char *path = dlg_value(d, 0);
	if (date_parse(dlg_value(d, 1), &x->on) != ST_OK) {
		free(x);
		return err_set(e, ST_INVALID, _("not a date"));
	}
	enum status rc = app_transfers(t->app, s->d.id, x->on, path, &x->t, e);
	if (rc != ST_OK) {
		sent_free(x);
		return rc;
	}
	char *total = fmt_money(x->t.total);
	char day[DATE_BUFSZ];
	if (x->t.n_held)
		tui_msg(t, _("%s written: %zu transfer(s), %s, to be executed on %s; %zu member(s) owing money back or owed "
		             "nothing are not in it."), path, x->t.n_sent, total ? total : "", fmt_date(x->on, day), x->t.n_held);
	else
		tui_msg(t, _("%s written: %zu transfer(s), %s, to be executed on %s."), path, x->t.n_sent,
		        total ? total : "", fmt_date(x->on, day));
	/* A payment is never dated after today: a later execution is
	 * recorded with p once it has happened. */
	struct dialog *q = x->on > t->today ? NULL :
		dlg_confirm_fmt(_("Record the payments"), submit_record, x, sent_free,
		                _("%s written (%zu transfer(s), %s). Record the payments of these %zu member(s) now, "
		                  "dated %s? (No: p records them later.)"), path, x->t.n_sent, total ? total : "",
		                x->t.n_sent, day);
	free(total);
	if (x->on > t->today)
		sent_free(x);
	else if (!q)
		return err_set(e, ST_NOMEM, NULL);
	else
		tui_open(t, q);
	return ST_OK;
}

unsigned dists_open_transfers(struct tui *t, struct dists *s)
{
	if (s->preview || !s->have_d || s->d.status != DIST_APPROVED) {
		tui_msg(t, "%s", _("Approve it first (A): only approved distributions are paid."));
		return R_REDRAW;
	}
	struct dialog *d = dlg_form_fmt(submit_transfers, NULL, NULL, _("SEPA transfers of D%lld"), (long long)s->d.id);
	if (!d)
		return R_NONE;
	d->text = strdup(_("A pain.001 file for the bank: one transfer per member still owed money, from the "
	                   "practice's account. Nothing is marked paid unless you say so afterwards."));
	char *file = str_printf("D%lld-transfers.xml", (long long)s->d.id);
	char d1[DATE_BUFSZ];
	field_hint(dlg_field(d, _("File"), FIELD_NAME, true, file), _("Written whole or not at all; an existing file is replaced"));
	field_hint(dlg_field(d, _("Execution date"), FIELD_DATE, true, fmt_date(t->today, d1)),
	           _("When the bank makes the transfers: today or later"));
	free(file);
	tui_open(t, d);
	return R_REDRAW;
}
