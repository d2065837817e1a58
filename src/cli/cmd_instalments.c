/* cmd_instalments.c: `instalments`, the expected instalments beside the
 * receipts, and `instalment add|delete` for the ones no estimate makes
 * (FORECAST.md "Expected instalments"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_instalments.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/report_instalments.h"

#include "cli_internal.h"

int cli_cmd_instalments(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f = REP_TEXT;
	int code = cli_want_format(o, REP_INSTALMENTS_FORMATS, REP_TEXT, &f);
	if (code)
		return code;
	if (o->exercise && !*o->exercise)
		return cli_usage_error("%s", _("--exercise is empty"));
	struct app_instalments v;
	int32_t today = date_today();
	if (app_instalments_view(a, o->exercise, today, &v, &e) != ST_OK)
		return cli_fail(&e);
	struct rep_instalments r = { v.practice ? v.practice : "", v.audit, o->exercise, today, v.rows, v.n };
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_instalments(&r, f, &b, &e);
	app_instalments_fini(&v);
	if (rc != ST_OK) {
		sb_fini(&b);
		return cli_fail(&e);
	}
	return cli_emit(o, &b);
}

/* instalment add SOURCE EXERCISE KIND DUE AMOUNT [--note TEXT] */
static int add(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	if (o->argc != 6)
		return cli_usage_error("%s", _("instalment add SOURCE EXERCISE KIND DUE AMOUNT [--note TEXT]"));
	struct expected x = { 0, NULL, o->argv[1], o->argv[2], o->argv[3], DATE_NONE, 0, (char *)o->note };
	if (date_parse(o->argv[4], &x.due) != ST_OK)
		return cli_usage_error(_("\"%s\" is not a due date (YYYY-MM-DD or DD/MM/YYYY)"), o->argv[4]);
	if (money_parse(o->argv[5], &x.amount) != ST_OK)
		return cli_usage_error(_("\"%s\" is not an amount (1234.56 or 1 234,56)"), o->argv[5]);
	int64_t id;
	if (app_instalment_add(a, &x, &id, &e) != ST_OK)
		return cli_fail(&e);
	printf(_("Expected instalment %lld saved\n"), (long long)id);
	return 0;
}

int cli_cmd_instalment(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	const char *sub = o->argv[0];
	if (strcmp(sub, "add") == 0)
		return add(a, o);
	if (strcmp(sub, "delete") == 0) {
		char *end;
		long long id = o->argc == 2 ? strtoll(o->argv[1], &end, 10) : 0;
		if (o->argc != 2 || *end || end == o->argv[1] || id <= 0)
			return cli_usage_error("%s", _("instalment delete ID (the number `quotepart instalments` shows)"));
		if (app_instalment_delete(a, id, &e) != ST_OK)
			return cli_fail(&e);
		printf(_("Expected instalment %lld deleted\n"), id);
		return 0;
	}
	return cli_usage_error(_("instalment: unknown action \"%s\" (add, delete)"), sub);
}
