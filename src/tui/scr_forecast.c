/* scr_forecast.c: what the ACI should pay for an exercise (FORECAST.md),
 * from the stored declaration, and a what-if beside it: every input (the
 * patients P, the associates n, the precariousness rates, each indicator)
 * changes with + and - or Enter, and the estimate is computed again at
 * once; s keeps the what-if as the exercise's declaration. p switches to
 * the PEPS estimate and its grid (forecast_peps.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_forecast.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "forecast.h"
#include "tui_internal.h"

enum input_kind { IN_PEOPLE, IN_RATE, IN_YESNO, IN_COUNT };

/* One input of the estimate: what is stored, and the what-if's value. */
struct input {
	const char *id;        /* the --set name: "patients", "c2s", an indicator */
	const char *label;     /* borrowed: translated, or the rule set's */
	enum input_kind kind;
	int64_t stored, value; /* rates in hundredths of a percent */
	int64_t max;           /* counts and levels; -1 for none */
};

struct forecast {
	int exercise;          /* 0 until chosen */
	struct app_aci stored;         /* as the database has it */
	struct aci_decl wdecl;         /* the what-if: stored's, inputs applied */
	struct aci_estimate west;
	bool have;             /* a declaration is stored for the exercise */
	char *why;             /* why there is none, when !have */
	struct input *in;
	size_t n_in;
	char **sets;           /* "id=value" of the inputs changed */
	size_t n_sets;
	struct tlist list;
	bool peps;             /* showing the PEPS side */
	struct peps_view *pv;
};

static const enum action forecast_bindings[] = {
	ACT_MORE, ACT_LESS, ACT_OPEN, ACT_RESET, ACT_SAVE_DECL, ACT_PEPS, ACT_PREV_YEAR, ACT_NEXT_YEAR, ACT_NONE
};

static bool input_match(void *ctx, size_t i, const char *needle)
{
	struct forecast *f = ctx;
	return tlist_contains(f->in[i].label, needle) || tlist_contains(f->in[i].id, needle);
}

static void drop_sets(struct forecast *f)
{
	for (size_t i = 0; i < f->n_sets; i++)
		free(f->sets[i]);
	free(f->sets);
	f->sets = NULL;
	f->n_sets = 0;
}

static void forecast_clear(struct forecast *f)
{
	if (f->have)
		app_aci_fini(&f->stored);
	aci_decl_fini(&f->wdecl);
	aci_estimate_fini(&f->west);
	f->have = false;
	free(f->why);
	f->why = NULL;
	free(f->in);
	f->in = NULL;
	f->n_in = 0;
	drop_sets(f);
}

static void forecast_init(void *st)
{
	struct forecast *f = st;
	f->pv = peps_view_new();
}

static void forecast_fini(void *st)
{
	struct forecast *f = st;
	forecast_clear(f);
	peps_view_free(f->pv);
	f->pv = NULL;
}

struct peps_view *forecast_peps_view(struct tui *t)
{
	struct forecast *f = tui_state(t, SCR_FORECAST);
	return f->pv;
}

static struct tlist *forecast_list(void *st)
{
	struct forecast *f = st;
	return f->peps && f->pv ? peps_view_list(f->pv) : &f->list;
}

static void add_input(struct forecast *f, const char *id, const char *label, enum input_kind kind,
                      int64_t stored, int64_t max)
{
	f->in[f->n_in++] = (struct input){ id, label, kind, stored, stored, max };
}

/* The rows: P, n, the two rates, then the rule set's indicators. */
static enum status make_inputs(struct forecast *f, struct err *e)
{
	const struct aci_rules *r = f->stored.rules;
	if (!(f->in = calloc(r->n + 4, sizeof *f->in)))
		return err_set(e, ST_NOMEM, NULL);
	add_input(f, "patients", _("Patients of the associated GPs (P)"), IN_PEOPLE, f->stored.est.patients, -1);
	add_input(f, "associates", _("Associated professionals (n)"), IN_PEOPLE, f->stored.est.associates, -1);
	add_input(f, "c2s", _("C2S share of the patientèle (percent)"), IN_RATE, f->stored.decl.c2s_practice, 10000);
	add_input(f, "ame", _("AME share of the patientèle (percent)"), IN_RATE, f->stored.decl.ame_practice, 10000);
	for (size_t i = 0; i < r->n; i++) {
		const struct aci_indicator *it = &r->v[i];
		const char *label = i18n_is_french() && it->label_fr ? it->label_fr : it->label_en ? it->label_en : it->id;
		add_input(f, it->id, label, it->kind == ACI_YESNO ? IN_YESNO : IN_COUNT, f->stored.decl.values[i],
		          it->max);
	}
	return ST_OK;
}

/* The what-if's settings, from the inputs that differ from the stored. */
static enum status make_sets(struct forecast *f, struct err *e)
{
	drop_sets(f);
	if (!(f->sets = calloc(f->n_in ? f->n_in : 1, sizeof *f->sets)))
		return err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < f->n_in; i++) {
		const struct input *in = &f->in[i];
		if (in->value == in->stored)
			continue;
		char *s = in->kind == IN_RATE ? str_printf("%s=%" PRId64 ".%02" PRId64, in->id, in->value / 100,
		                                           in->value % 100)
		        : in->kind == IN_YESNO ? str_printf("%s=%s", in->id, in->value ? "yes" : "no")
		                               : str_printf("%s=%" PRId64, in->id, in->value);
		if (!s)
			return err_set(e, ST_NOMEM, NULL);
		f->sets[f->n_sets++] = s;
	}
	return ST_OK;
}

/* The what-if computed again from the inputs (the stored estimate when
 * nothing changed). */
static enum status recompute(struct forecast *f, struct err *e)
{
	enum status rc = make_sets(f, e);
	if (rc != ST_OK)
		return rc;
	/* From what was read at load: no database work at a keypress. */
	struct aci_decl d;
	struct aci_estimate x;
	rc = app_aci_whatif(&f->stored, (const char *const *)f->sets, f->n_sets, &d, &x, e);
	if (rc != ST_OK)
		return rc;
	aci_decl_fini(&f->wdecl);
	aci_estimate_fini(&f->west);
	f->wdecl = d;
	f->west = x;
	return ST_OK;
}

static enum status recompute_cb(void *f, struct err *e)
{
	return recompute(f, e);
}

static enum status forecast_load(struct tui *t, void *st, struct err *e)
{
	struct forecast *f = st;
	if (!f->exercise)
		f->exercise = t->year;
	/* The ACI side keeps its what-if while the PEPS side is shown. */
	if (f->peps)
		return f->pv ? peps_view_load(t, f->pv, f->exercise, e) : err_set(e, ST_NOMEM, NULL);
	/* The inputs changed survive a reload (another program wrote): they
	 * are applied again to what is stored now. Their ids point into the
	 * old rule set, released once they are compared. */
	struct input *old = f->in;
	size_t n_old = f->n_in;
	struct app_aci old_stored = f->stored;
	bool had = f->have;
	f->in = NULL;
	f->n_in = 0;
	f->have = false;
	forecast_clear(f);
	if (!f->exercise)
		f->exercise = t->year;
	struct err why = ERR_INIT;
	enum status rc = app_aci_estimate(t->app, f->exercise, NULL, &f->stored, &why);
	if (rc == ST_NOTFOUND || rc == ST_INVALID || rc == ST_CONFIG) {
		f->why = strdup(err_text(&why));
		rc = ST_OK;
	} else if (rc != ST_OK) {
		err_fini(e);
		*e = why;
		why = (struct err)ERR_INIT;
	} else {
		f->have = true;
		rc = make_inputs(f, e);
		for (size_t i = 0; rc == ST_OK && i < f->n_in; i++)
			for (size_t k = 0; k < n_old; k++)
				if (strcmp(old[k].id, f->in[i].id) == 0 && old[k].value != old[k].stored)
					f->in[i].value = old[k].value;
		if (rc == ST_OK && recompute(f, &why) != ST_OK) {
			/* What was typed no longer fits what is stored: back to it. */
			for (size_t i = 0; i < f->n_in; i++)
				f->in[i].value = f->in[i].stored;
			rc = recompute(f, e);
			tui_error(t, &why);
		}
	}
	err_fini(&why);
	free(old);
	if (had)
		app_aci_fini(&old_stored);
	tlist_reset(&f->list, f->n_in);
	return rc;
}

/* ---- drawing ---- */

static void value_text(const struct input *in, int64_t v, char *buf, size_t size)
{
	if (in->kind == IN_YESNO) {
		snprintf(buf, size, "%s", v ? _("yes") : _("no"));
	} else if (in->kind == IN_RATE) {
		char *h = fmt_hundredths(v);
		snprintf(buf, size, "%s %%", h ? h : "");
		free(h);
	} else if (in->max >= 0) {
		snprintf(buf, size, "%" PRId64 "/%" PRId64, v, in->max);
	} else {
		snprintf(buf, size, "%" PRId64, v);
	}
}

/* The points: whole numbers, in the money rows' columns (whatif.c). */
static void points_row(int y, int lw, int64_t a, int64_t b)
{
	int last = COLS - 1 - whatif_column(lw, 2);
	draw_text(y, 1, lw, _("Points"), false);
	draw_fmt(y, whatif_column(lw, 0), WHATIF_VALUE_W, true, "%" PRId64, a);
	draw_fmt(y, whatif_column(lw, 1), WHATIF_VALUE_W, true, "%" PRId64, b);
	draw_fmt(y, whatif_column(lw, 2), last, true, a != b ? "%+" PRId64 : "", b - a);
}

/* Points are exact fractions: shown rounded to the point. */
static int64_t points_of(const struct rat *r)
{
	int64_t v;
	return rat_round(*r, &v) ? v : 0;
}

static int draw_results(struct tui *t, struct forecast *f, int top)
{
	const struct aci_estimate *a = &f->stored.est, *b = &f->west;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	char *title = str_printf(_("ACI %d · rule set %s · an estimate"), f->exercise, f->stored.rules->name);
	draw_header(t, top, 0, COLS, title ? title : "");
	free(title);
	draw_attr(t, C_DIM, true);
	draw_text(top + 1, 1, COLS - 2, aci_rules_caveat(f->stored.rules) ? aci_rules_caveat(f->stored.rules) : "", false);
	draw_attr(t, C_DIM, false);
	top++;
	int lw = whatif_label_w(0);
	whatif_heads(top + 1, lw);
	points_row(top + 2, lw, points_of(&a->points), points_of(&b->points));
	whatif_money_row(top + 3, lw, _("Total"), a->total, b->total);
	char *adv = str_printf(_("Advance, due %s"), fmt_date(b->advance_due, d1));
	char *bal = str_printf(_("Balance, due %s"), fmt_date(b->balance_due, d2));
	whatif_money_row(top + 4, lw, adv ? adv : "", a->advance, b->advance);
	whatif_money_row(top + 5, lw, bal ? bal : "", a->balance, b->balance);
	free(adv);
	free(bal);
	if (!b->gate) {
		draw_attr(t, C_WARN, true);
		draw_text(top + 6, 1, COLS - 2, _("A prerequisite is not met: the ACI pays nothing."), false);
		draw_attr(t, C_WARN, false);
	}
	return 8;
}

static void draw_input(struct tui *t, const struct input *in, int y, bool sel)
{
	char a[32], b[32];
	value_text(in, in->stored, a, sizeof a);
	value_text(in, in->value, b, sizeof b);
	whatif_input_row(t, y, whatif_label_w(0), sel, in->label, a, b, in->value != in->stored);
}

static void forecast_draw(struct tui *t, void *st, int top, int rows)
{
	struct forecast *f = st;
	if (f->peps && f->pv) {
		peps_view_draw(t, f->pv, top, rows);
		return;
	}
	if (!f->have) {
		char *title = str_printf(_("ACI %d"), f->exercise);
		draw_header(t, top + 1, 1, COLS - 2, title ? title : "");
		free(title);
		draw_wrap(top + 2, 1, COLS - 2, 4, f->why ? f->why : "");
		draw_wrap(top + 5, 1, COLS - 2, 4,
		          _("The estimate starts from the exercise's declaration: import it once from a file "
		            "(quotepart aci import FILE), then change it here. < > changes the exercise."));
		return;
	}
	int used = draw_results(t, f, top);
	draw_header(t, top + used, 0, COLS, _("Inputs (+ - change, Enter types a value, * changed)"));
	struct tlist *l = &f->list;
	int n = rows - used - 1;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_input(t, &f->in[l->idx[row]], top + used + 1 + r, row == l->sel);
	}
}

/* ---- changing the inputs ---- */

static unsigned changed(struct tui *t, struct forecast *f, struct input *in, int64_t before)
{
	return whatif_changed(t, recompute_cb, f, &in->value, before);
}

static unsigned step(struct tui *t, struct forecast *f, int dir)
{
	size_t i = tlist_item(&f->list);
	if (i == SIZE_MAX)
		return R_NONE;
	struct input *in = &f->in[i];
	int64_t before = in->value;
	int64_t by = in->kind == IN_RATE ? 50 : in->kind == IN_PEOPLE && strcmp(in->id, "patients") == 0 ? 100 : 1;
	int64_t v = in->kind == IN_YESNO ? !in->value : in->value + dir * by;
	if (v < 0 || (in->max >= 0 && v > in->max))
		return R_NONE;
	in->value = v;
	return changed(t, f, in, before);
}

static enum status submit_value(struct tui *t, struct dialog *d, struct err *e)
{
	struct forecast *f = tui_state(t, SCR_FORECAST);
	size_t i = tlist_item(&f->list);
	if (i == SIZE_MAX)
		return ST_OK;
	struct input *in = &f->in[i];
	const char *s = dlg_value(d, 0);
	int64_t v;
	bool ok;
	if (in->kind == IN_YESNO) {
		v = app_is_yes(s);   /* the field accepts only yes or no */
		ok = true;
	} else if (in->kind == IN_RATE) {
		ok = decimal_parse(s, 2, &v) == ST_OK && v >= 0 && v <= 10000;
	} else {
		ok = decimal_parse(s, 0, &v) == ST_OK && v >= 0 && v <= INT32_MAX && (in->max < 0 || v <= in->max);
	}
	if (!ok)
		return err_set(e, ST_INVALID, in->kind == IN_YESNO ? _("yes or no") :
		               in->kind == IN_RATE ? _("a percentage between 0 and 100, at most two decimals") :
		               in->max >= 0 ? _("a whole number from 0 to the maximum shown") : _("a whole number"));
	return whatif_set(recompute_cb, f, &in->value, v, e);
}

static unsigned type_value(struct tui *t, struct forecast *f)
{
	size_t i = tlist_item(&f->list);
	if (i == SIZE_MAX)
		return R_NONE;
	const struct input *in = &f->in[i];
	char now[32];
	value_text(in, in->value, now, sizeof now);
	if (in->kind == IN_RATE) {
		char *h = fmt_hundredths(in->value);
		snprintf(now, sizeof now, "%s", h ? h : "");
		free(h);
	} else if (in->kind == IN_COUNT) {
		snprintf(now, sizeof now, "%" PRId64, in->value);
	}
	struct dialog *d = dlg_form(in->label, submit_value, NULL, NULL);
	if (!d)
		return R_NONE;
	dlg_field(d, _("What-if value"), in->kind == IN_YESNO ? FIELD_YESNO : FIELD_TEXT, in->kind == IN_YESNO,
	          now);
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_keep(struct tui *t, struct dialog *d, struct err *e)
{
	(void)d;
	struct forecast *f = tui_state(t, SCR_FORECAST);
	enum status rc = app_aci_keep(t->app, f->exercise, (const char *const *)f->sets, f->n_sets, e);
	if (rc == ST_OK) {
		/* Stored now: the inputs start again from it. */
		for (size_t i = 0; i < f->n_in; i++)
			f->in[i].stored = f->in[i].value;
		tui_msg(t, _("The ACI declaration of %d is saved with the what-if's values."), f->exercise);
	}
	return rc;
}

static unsigned forecast_act(struct tui *t, void *st, enum action a)
{
	struct forecast *f = st;
	switch (a) {
	case ACT_PREV_YEAR: f->exercise--; drop_sets(f); t->stale[SCR_FORECAST] = true; forecast_clear(f); return R_REDRAW;
	case ACT_NEXT_YEAR: f->exercise++; drop_sets(f); t->stale[SCR_FORECAST] = true; forecast_clear(f); return R_REDRAW;
	case ACT_PEPS:
		f->peps = !f->peps;
		t->stale[SCR_FORECAST] = true;
		return R_REDRAW;
	default: break;
	}
	if (f->peps)
		return f->pv ? peps_view_act(t, f->pv, a) : R_PASS;
	if (!f->have)
		return R_PASS;
	switch (a) {
	case ACT_MORE: return step(t, f, 1);
	case ACT_LESS: return step(t, f, -1);
	case ACT_OPEN: return type_value(t, f);
	case ACT_RESET:
		for (size_t i = 0; i < f->n_in; i++)
			f->in[i].value = f->in[i].stored;
		return changed(t, f, &f->in[0], f->in[0].stored);
	case ACT_SAVE_DECL: {
		if (!f->n_sets) {
			tui_msg(t, "%s", _("Nothing to save: the what-if is the stored declaration."));
			return R_REDRAW;
		}
		struct dialog *d = dlg_confirm_fmt(_("Save the declaration"), submit_keep, NULL, NULL,
		                                   _("Make the %zu change(s) of the what-if part of the ACI declaration "
		                                     "of %d?"), f->n_sets, f->exercise);
		if (d)
			tui_open(t, d);
		return R_REDRAW;
	}
	default:
		return R_PASS;
	}
}

static const char *forecast_unsaved(void *st)
{
	struct forecast *f = st;
	if (peps_view_changed(f->pv))
		return N_("The what-if's changes are not saved in the PEPS grid. Quit anyway?");
	return f->n_sets ? N_("The what-if's changes are not saved in the declaration. Quit anyway?") : NULL;
}

/* On SIGTERM: the what-if as the command line takes it again. */
static void forecast_keep(void *st, struct sbuf *b)
{
	struct forecast *f = st;
	peps_view_keep(f->pv, b);
	if (!f->n_sets)
		return;
	sb_printf(b, "#\n# %s\n# quotepart estimate ACI --exercise %d", _("The forecast's what-if:"), f->exercise);
	for (size_t i = 0; i < f->n_sets; i++)
		sb_printf(b, " --set %s", f->sets[i]);
	sb_add(b, "\n");
}

const struct screen_ops scr_forecast = {
	.name = N_("Forecast"),
	.bindings = forecast_bindings,
	TUI_STATE(struct forecast, list, input_match),
	.init = forecast_init,
	.fini = forecast_fini,
	.list = forecast_list,
	.load = forecast_load,
	.draw = forecast_draw,
	.act = forecast_act,
	.unsaved = forecast_unsaved,
	.keep = forecast_keep,
};
