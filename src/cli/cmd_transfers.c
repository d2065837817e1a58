/* cmd_transfers.c: `quotepart transfers DN --date D --out FILE.xml`: the
 * SEPA credit transfer file of an approved distribution, for the bank.
 * It marks nothing paid: `pay` records the payments once they are made. */
#include <stdio.h>
#include <stdlib.h>

#include "cli_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* The members left out of the file: owing money back, or owed nothing. */
static void print_held(const struct app_transfers *t)
{
	for (size_t i = 0; i < t->n_held; i++) {
		const struct app_transfer *x = &t->held[i];
		char m[MONEY_BUFSZ];
		char *name = text_escape(x->name), *code = text_escape(x->member);
		if (x->cents < 0)
			printf(_("  not in the file: %s (%s) owes %s back\n"), name ? name : "?", code ? code : "?",
			       money_format(-x->cents, money_text_style(), m, sizeof m));
		else
			printf(_("  not in the file: %s (%s), nothing to pay\n"), name ? name : "?", code ? code : "?");
		free(name);
		free(code);
	}
}

int cli_cmd_transfers(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	int32_t on;
	int code = cli_need_date(o->date, &on);
	if (code)
		return code;
	if (!o->out)
		return cli_usage_error("%s", _("transfers needs --out FILE.xml, the file for the bank"));
	int64_t id;
	struct app_transfers t;
	if (app_dist_resolve(a, o->argv[0], true, &id, &e) != ST_OK ||
	    app_transfers(a, id, on, o->out, &t, &e) != ST_OK)
		return cli_fail(&e);
	char total[MONEY_BUFSZ], when[DATE_BUFSZ];
	char *ref = cli_receipt_words(t.receipt_ref, t.receipt_id), *out = text_escape(o->out);
	printf(_("D%lld, receipt %s: %zu transfer(s), %s in all, to be executed on %s, written to %s\n"),
	       (long long)id, ref ? ref : "?", t.n_sent, money_format(t.total, money_text_style(), total, sizeof total),
	       date_format(on, when, sizeof when), out ? out : "?");
	print_held(&t);
	printf(_("Nothing was marked paid: once the bank has made the transfers, record them with "
	         "'quotepart pay D%lld --member CODE --date YYYY-MM-DD --means TEXT' for each member paid "
	         "(without --member, every unpaid line of D%lld).\n"), (long long)id, (long long)id);
	free(ref);
	free(out);
	app_transfers_fini(&t);
	return 0;
}
