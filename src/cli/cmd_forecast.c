/* cmd_forecast.c: what the practice should receive (FORECAST.md): `aci
 * import|export` for the yearly declaration, `peps import|export` for the
 * grid, and `estimate ACI|PEPS` with their what-ifs and --save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/report_forecast.h"

#include "cli_internal.h"

/* --exercise N: a year. */
static int need_exercise(const struct opts *o, int *exercise)
{
	char *end;
	long v = o->exercise ? strtol(o->exercise, &end, 10) : 0;
	if (!o->exercise)
		return cli_usage_error("%s", _("--exercise YYYY is required"));
	if (*end || end == o->exercise || v < 1900 || v > 9999)
		return cli_usage_error(_("--exercise \"%s\" is not a year"), o->exercise);
	*exercise = (int)v;
	return 0;
}

/* `aci` or `peps`: import FILE, export YYYY. */
static int import_export(struct app *a, struct opts *o, bool peps)
{
	struct err e = ERR_INIT;
	const char *sub = o->argv[0];
	if (strcmp(sub, "import") == 0) {
		int exercise;
		if (o->argc != 2)
			return cli_usage_error("%s", peps ? _("peps import FILE") : _("aci import FILE"));
		if ((peps ? app_peps_import(a, o->argv[1], &exercise, &e)
		          : app_aci_import(a, o->argv[1], o->rules, &exercise, &e)) != ST_OK)
			return cli_fail(&e);
		printf(peps ? _("PEPS grid for %d saved\n") : _("ACI declaration for %d saved\n"), exercise);
		return 0;
	}
	if (strcmp(sub, "export") == 0) {
		if (o->argc != 2)
			return cli_usage_error("%s", peps ? _("peps export YYYY") : _("aci export YYYY"));
		struct opts one = *o;
		one.exercise = o->argv[1];
		int exercise, code = need_exercise(&one, &exercise);
		if (code)
			return code;
		struct sbuf b;
		sb_init(&b);
		if ((peps ? app_peps_export(a, exercise, &b, &e) : app_aci_export(a, exercise, &b, &e)) != ST_OK) {
			sb_fini(&b);
			return cli_fail(&e);
		}
		return cli_emit(o, &b);
	}
	return cli_usage_error(peps ? _("peps: unknown action \"%s\" (import, export)")
	                            : _("aci: unknown action \"%s\" (import, export)"), sub);
}

int cli_cmd_aci(struct app *a, struct opts *o)
{
	return import_export(a, o, false);
}

int cli_cmd_peps(struct app *a, struct opts *o)
{
	return import_export(a, o, true);
}

static void rep_of(const struct app_aci *x, struct rep_aci *r)
{
	*r = (struct rep_aci){ x->practice ? x->practice : "", x->audit, x->rules, &x->decl, &x->est, x->patients_records,
	                       x->associates_records };
}

/* A what-if refused: a usage error when it is the --set's fault. */
static int whatif_failed(struct err *e)
{
	if (e->status != ST_USAGE)
		return cli_fail(e);
	int code = cli_usage_error("%s", err_text(e));
	err_fini(e);
	return code;
}

/* The report in b once the estimate is made (rc): printed, or why not;
 * then what --save stored. */
static int emit_estimate(const struct opts *o, struct sbuf *b, enum status rc, struct err *e,
                         int exercise, bool peps)
{
	if (rc != ST_OK) {
		sb_fini(b);
		return cli_fail(e);
	}
	int code = cli_emit(o, b);
	if (code == 0 && o->save)
		fprintf(stderr, peps ? _("The quarters and a balance that is not 0 are saved as the expected instalments of PEPS %d.\n")
		                     : _("The advance and the balance are saved as the expected instalments of ACI %d.\n"),
		        exercise);
	return code;
}

static int estimate_aci(struct app *a, struct opts *o, int exercise, enum rep_format f)
{
	struct err e = ERR_INIT;
	struct app_aci stored;
	struct aci_decl wdecl = { 0 };
	struct aci_estimate west = { 0 };
	if (app_aci_estimate(a, exercise, o->rules, &stored, &e) != ST_OK)
		return cli_fail(&e);
	/* The what-if from the estimate just read, beside it. */
	if (o->n_sets && app_aci_whatif(&stored, o->sets, (size_t)o->n_sets, &wdecl, &west, &e) != ST_OK) {
		app_aci_fini(&stored);
		return whatif_failed(&e);
	}
	struct rep_aci rs, rw;
	struct sbuf b;
	sb_init(&b);
	rep_of(&stored, &rs);
	rw = rs;
	rw.decl = &wdecl;
	rw.est = &west;
	enum status rc = rep_aci_estimate(&rs, o->n_sets ? &rw : NULL, f, &b, &e);
	if (rc == ST_OK && o->save)
		rc = app_aci_save(a, &stored, &e);
	aci_decl_fini(&wdecl);
	aci_estimate_fini(&west);
	app_aci_fini(&stored);
	return emit_estimate(o, &b, rc, &e, exercise, false);
}

static int estimate_peps(struct app *a, struct opts *o, int exercise, enum rep_format f)
{
	struct err e = ERR_INIT;
	struct app_peps stored, whatif, *w = o->n_sets ? &whatif : NULL;
	if (o->rules)
		return cli_usage_error("%s", _("--rules is for the ACI: a PEPS grid has no rule set"));
	if (app_peps_estimate(a, exercise, &stored, &e) != ST_OK)
		return cli_fail(&e);
	if (w && app_peps_whatif_sets(&stored, o->sets, (size_t)o->n_sets, w, &e) != ST_OK) {
		app_peps_fini(&stored);
		return whatif_failed(&e);
	}
	struct rep_peps rs = { stored.practice ? stored.practice : "", stored.audit, &stored.grid, &stored.est };
	struct rep_peps rw = w ? (struct rep_peps){ w->practice ? w->practice : "", w->audit, &w->grid, &w->est } : rs;
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_peps_estimate(&rs, w ? &rw : NULL, f, &b, &e);
	if (w)
		app_peps_fini(w);
	if (rc == ST_OK && o->save)
		rc = app_peps_save(a, &stored, &e);
	app_peps_fini(&stored);
	return emit_estimate(o, &b, rc, &e, exercise, true);
}

int cli_cmd_estimate(struct app *a, struct opts *o)
{
	enum rep_format f = REP_TEXT;
	int exercise, code;
	bool peps = strcmp(o->argv[0], "PEPS") == 0;
	if (!peps && strcmp(o->argv[0], "ACI") != 0)
		return cli_usage_error(_("estimate: \"%s\" has no estimate (ACI, PEPS)"), o->argv[0]);
	if ((code = need_exercise(o, &exercise)) != 0)
		return code;
	if ((code = cli_want_format(o, REP_CAN_TEXT | REP_CAN_CSV, REP_TEXT, &f)) != 0)
		return code;
	if (o->save && o->n_sets)
		return cli_usage_error("%s", _("--save stores the estimate, not a what-if: leave out --set"));
	return peps ? estimate_peps(a, o, exercise, f) : estimate_aci(a, o, exercise, f);
}
