/* cmd_forecast.c: what the practice should receive (FORECAST.md): `aci
 * import|export` for the yearly declaration, and `estimate ACI` with its
 * what-ifs and --save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_forecast.h"
#include "quotepart/app_views.h"
#include "quotepart/i18n.h"
#include "quotepart/report_forecast.h"

#include "cli_internal.h"

/* --exercise N: a year. */
static int need_exercise(const struct opts *o, int *exercise)
{
	char *end;
	long v = o->exercise ? strtol(o->exercise, &end, 10) : 0;
	if (!o->exercise)
		return usage_error("%s", _("--exercise YYYY is required"));
	if (*end || end == o->exercise || v < 1900 || v > 9999)
		return usage_error(_("--exercise \"%s\" is not a year"), o->exercise);
	*exercise = (int)v;
	return 0;
}

int cli_cmd_aci(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	const char *sub = o->argv[0];
	if (strcmp(sub, "import") == 0) {
		int exercise;
		if (o->argc != 2)
			return usage_error("%s", _("aci import FILE"));
		if (app_aci_import(a, o->argv[1], o->rules, &exercise, &e) != ST_OK)
			return fail(&e);
		printf(_("ACI declaration for %d saved\n"), exercise);
		return 0;
	}
	if (strcmp(sub, "export") == 0) {
		if (o->argc != 2)
			return usage_error("%s", _("aci export YYYY"));
		struct opts one = *o;
		one.exercise = o->argv[1];
		int exercise, code = need_exercise(&one, &exercise);
		if (code)
			return code;
		struct sbuf b;
		sb_init(&b);
		if (app_aci_export(a, exercise, &b, &e) != ST_OK) {
			sb_free(&b);
			return fail(&e);
		}
		return emit(o, &b);
	}
	return usage_error(_("aci: unknown action \"%s\" (import, export)"), sub);
}

static void rep_of(const struct app_aci *x, const char *practice, const struct rep_audit *audit,
                   struct rep_aci *r)
{
	*r = (struct rep_aci){ practice, *audit, x->rules, &x->decl, &x->est, x->patients_records,
	                       x->associates_records };
}

int cli_cmd_estimate(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f = REP_TEXT;
	int exercise, code;
	if (strcmp(o->argv[0], "ACI") != 0)
		return usage_error(_("estimate: \"%s\" has no estimate (ACI)"), o->argv[0]);
	if ((code = need_exercise(o, &exercise)) != 0)
		return code;
	if (o->format && (!rep_format_parse(o->format, &f) || (f != REP_TEXT && f != REP_CSV)))
		return usage_error(_("--format \"%s\": text or csv"), o->format);
	if (o->save && o->n_sets)
		return usage_error("%s", _("--save stores the estimate, not a what-if: leave out --set"));
	struct app_aci stored, whatif;
	if (app_aci_estimate(a, exercise, o->rules, NULL, 0, &stored, &e) != ST_OK)
		return fail(&e);
	if (o->n_sets && app_aci_estimate(a, exercise, o->rules, o->sets, (size_t)o->n_sets, &whatif, &e) != ST_OK) {
		app_aci_fini(&stored);
		if (e.status != ST_USAGE)
			return fail(&e);
		code = usage_error("%s", err_text(&e));
		err_clear(&e);
		return code;
	}
	struct rep_audit audit = { "", 0 };
	char *practice = app_practice_name(a);
	struct rep_aci rs, rw;
	struct sbuf b;
	sb_init(&b);
	enum status rc = app_audit_head(a, audit.head, &audit.entries, &e);
	rep_of(&stored, practice ? practice : "", &audit, &rs);
	if (o->n_sets)
		rep_of(&whatif, practice ? practice : "", &audit, &rw);
	if (rc == ST_OK)
		rc = rep_aci_estimate(&rs, o->n_sets ? &rw : NULL, f, &b, &e);
	if (rc == ST_OK && o->save)
		rc = app_aci_save(a, &stored, &e);
	free(practice);
	if (o->n_sets)
		app_aci_fini(&whatif);
	app_aci_fini(&stored);
	if (rc != ST_OK) {
		sb_free(&b);
		return fail(&e);
	}
	if ((code = emit(o, &b)) == 0 && o->save)
		fprintf(stderr, _("The advance and the balance are saved as the expected instalments of ACI %d.\n"),
		        exercise);
	return code;
}
