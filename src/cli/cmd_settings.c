/* cmd_settings.c: `quotepart settings`: the practice's identity and bank
 * account, listed (the IBAN masked), read one by one in full, or set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "quotepart/app_settings.h"
#include "quotepart/i18n.h"

static int list(struct app *a)
{
	struct err e = ERR_INIT;
	struct practice p;
	if (app_practice(a, &p, &e) != ST_OK)
		return cli_fail(&e);
	for (int i = 0; i < PRACTICE__COUNT; i++) {
		char *shown = practice_shown((enum practice_setting)i, p.v[i]);
		char *safe = shown ? text_escape(shown) : NULL;
		printf("%-8s %s\n", practice_setting_name((enum practice_setting)i), safe ? safe : "");
		free(safe);
		free(shown);
	}
	practice_fini(&p);
	return 0;
}

/* 0, or the exit code of a usage error for an unknown setting. */
static int which(const char *name, enum practice_setting *s)
{
	if (practice_setting_parse(name, s))
		return 0;
	return cli_usage_error(_("settings: unknown setting \"%s\" (name, address, siren, siret, iban, bic)"), name);
}

int cli_cmd_settings(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum practice_setting s;
	int rc;
	if (o->argc == 0)
		return list(a);
	const char *sub = o->argv[0];
	if (strcmp(sub, "get") == 0) {
		if (o->argc != 2)
			return cli_usage_error("%s", _("settings get KEY"));
		if ((rc = which(o->argv[1], &s)) != 0)
			return rc;
		struct practice p;
		if (app_practice(a, &p, &e) != ST_OK)
			return cli_fail(&e);
		char *safe = text_escape(p.v[s]);
		printf("%s\n", safe ? safe : "");
		free(safe);
		practice_fini(&p);
		return 0;
	}
	if (strcmp(sub, "set") == 0) {
		if (o->argc != 3)
			return cli_usage_error("%s", _("settings set KEY VALUE (an empty VALUE clears it)"));
		if ((rc = which(o->argv[1], &s)) != 0)
			return rc;
		if (app_practice_set(a, s, o->argv[2], &e) != ST_OK)
			return cli_fail(&e);
		return list(a);
	}
	return cli_usage_error(_("settings: unknown action \"%s\" (get, set)"), sub);
}
