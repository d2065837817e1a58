/* forecast_peps.c: the Forecast screen's PEPS side (p switches to it):
 * what the PEPS should pay for an exercise from the practice's grid and
 * its patients, beside a what-if. The local coefficient, the loyalty
 * rate, the quality bonus and each cell's yearly amount change with + -
 * or Enter, and the quarters, the year and the balance are computed again
 * at once from the patients counted at load (no database work at a
 * keypress); s stores the what-if as the exercise's grid. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"
#include "quotepart/app_forecast.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/peps_file.h"

/* The most a cell's yearly amount may be set to here: 1 000 000 euros. */
#define CELL_MAX INT64_C(100000000)

enum pin_kind { PIN_LOCAL, PIN_LOYALTY, PIN_BONUS, PIN_CELL };

/* One input: the grid's value as stored and the what-if's. */
struct pin {
	enum pin_kind kind;
	size_t cell;           /* PIN_CELL: which */
	char *label;
	int64_t stored, value; /* ten-thousandths, basis points or cents */
};

struct peps_view {
	int exercise;
	bool have;             /* a grid is stored and its estimate made */
	char *why;             /* why not, when !have */
	struct app_peps base;  /* the stored grid and its estimate */
	struct peps_grid wgrid;        /* the what-if's grid */
	struct peps_estimate west;     /* and its estimate */
	struct pin *in;
	size_t n_in;
	struct tlist list;
};

static bool pin_match(void *ctx, size_t i, const char *needle)
{
	struct peps_view *v = ctx;
	return tlist_contains(v->in[i].label, needle);
}

struct peps_view *peps_view_new(void)
{
	struct peps_view *v = calloc(1, sizeof *v);
	if (v)
		tlist_init(&v->list, pin_match, v);
	return v;
}

static void view_clear(struct peps_view *v)
{
	if (v->have) {
		app_peps_fini(&v->base);
		peps_grid_fini(&v->wgrid);
		peps_estimate_fini(&v->west);
	}
	v->have = false;
	free(v->why);
	v->why = NULL;
	for (size_t i = 0; i < v->n_in; i++)
		free(v->in[i].label);
	free(v->in);
	v->in = NULL;
	v->n_in = 0;
}

void peps_view_free(struct peps_view *v)
{
	if (!v)
		return;
	view_clear(v);
	tlist_fini(&v->list);
	free(v);
}

struct tlist *peps_view_list(struct peps_view *v)
{
	return &v->list;
}

bool peps_view_changed(const struct peps_view *v)
{
	for (size_t i = 0; v && i < v->n_in; i++)
		if (v->in[i].value != v->in[i].stored)
			return true;
	return false;
}

/* "1. men, 40-49 years, no ALD, no C2S": who a cell is, only
 * its conditions (none: everyone). */
static char *cell_label(const struct peps_cell *c, size_t i)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%zu. ", i + 1);
	size_t start = b.len;
	if (c->sex)
		sb_add(&b, c->sex == 'F' ? _("women") : _("men"));
	if (c->has_age) {
		sb_add(&b, b.len > start ? ", " : "");
		sb_printf(&b, _("%d-%d years"), c->age_lo, c->age_hi);
	}
	if (c->ald == PEPS_ALD_NONE) {
		sb_add(&b, b.len > start ? ", " : "");
		sb_add(&b, _("no ALD"));
	}
	for (size_t k = 0; c->ald == PEPS_ALD_LIST && k < c->n_alds; k++)
		sb_printf(&b, "%s%s", k ? "|" : b.len > start ? ", ALD " : "ALD ", c->alds[k]);
	if (c->c2s >= 0) {
		sb_add(&b, b.len > start ? ", " : "");
		sb_add(&b, c->c2s ? _("C2S") : _("no C2S"));
	}
	if (b.len == start)
		sb_add(&b, _("everyone else"));
	return sb_take(&b);
}

static enum status make_inputs(struct peps_view *v, struct err *e)
{
	const struct peps_grid *g = &v->base.grid;
	if (!(v->in = calloc(g->n + 3, sizeof *v->in)))
		return err_set(e, ST_NOMEM, NULL);
	static const char *const names[] = { N_("Local coefficient"), N_("Loyalty rate (percent)"),
	                                     N_("Quality bonus (percent)") };
	int64_t values[] = { g->local, g->loyalty, g->has_bonus ? g->bonus : 0 };
	for (int k = 0; k < 3; k++) {
		v->in[k] = (struct pin){ (enum pin_kind)k, 0, strdup(_(names[k])), values[k], values[k] };
		if (!v->in[k].label)
			return err_set(e, ST_NOMEM, NULL);
		v->n_in++;
	}
	for (size_t c = 0; c < g->n; c++) {
		struct pin *p = &v->in[v->n_in];
		*p = (struct pin){ PIN_CELL, c, cell_label(&g->cells[c], c), g->cells[c].amount,
		                   g->cells[c].amount };
		if (!p->label)
			return err_set(e, ST_NOMEM, NULL);
		v->n_in++;
	}
	return ST_OK;
}

/* The what-if's grid from the inputs, and its estimate. */
static enum status recompute(struct peps_view *v, struct err *e)
{
	struct peps_grid *g = &v->wgrid;
	for (size_t i = 0; i < v->n_in; i++) {
		const struct pin *p = &v->in[i];
		switch (p->kind) {
		case PIN_LOCAL: g->local = p->value; break;
		case PIN_LOYALTY: g->loyalty = (int32_t)p->value; break;
		case PIN_BONUS:
			g->bonus = (int32_t)p->value;
			g->has_bonus = v->base.grid.has_bonus || p->value;
			break;
		case PIN_CELL: g->cells[p->cell].amount = p->value; break;
		}
	}
	struct peps_estimate x;
	enum status rc = app_peps_whatif(&v->base, g, &x, e);
	if (rc == ST_OK) {
		peps_estimate_fini(&v->west);
		v->west = x;
	}
	return rc;
}

static enum status recompute_cb(void *v, struct err *e)
{
	return recompute(v, e);
}

enum status peps_view_load(struct tui *t, struct peps_view *v, int exercise, struct err *e)
{
	/* What was changed survives a reload, applied again by position:
	 * the grid's cells are read in their file's order. */
	struct pin *old = v->in;
	size_t n_old = v->n_in;
	v->in = NULL;
	v->n_in = 0;
	bool same_year = v->exercise == exercise;
	view_clear(v);
	v->exercise = exercise;
	struct err why = ERR_INIT;
	enum status rc = app_peps_estimate(t->app, exercise, &v->base, &why);
	if (rc == ST_NOTFOUND || rc == ST_INVALID || rc == ST_CONFIG) {
		v->why = strdup(err_text(&why));
		rc = ST_OK;
	} else if (rc != ST_OK) {
		err_fini(e);
		*e = why;
		why = (struct err)ERR_INIT;
	} else if ((rc = app_peps_grid_copy(&v->base.grid, &v->wgrid, e)) != ST_OK) {
		app_peps_fini(&v->base);
	} else {
		v->have = true;
		rc = make_inputs(v, e);
		for (size_t i = 0; rc == ST_OK && same_year && i < v->n_in && i < n_old; i++)
			if (old[i].kind == v->in[i].kind && old[i].value != old[i].stored)
				v->in[i].value = old[i].value;
		if (rc == ST_OK && recompute(v, &why) != ST_OK) {
			for (size_t i = 0; i < v->n_in; i++)
				v->in[i].value = v->in[i].stored;
			rc = recompute(v, e);
			tui_error(t, &why);
		}
	}
	err_fini(&why);
	for (size_t i = 0; i < n_old; i++)
		free(old[i].label);
	free(old);
	tlist_reset(&v->list, v->n_in);
	return rc;
}

/* ---- drawing ---- */

static void value_text(const struct pin *p, int64_t x, char *buf, size_t size)
{
	char m[MONEY_BUFSZ];
	if (p->kind == PIN_LOCAL) {
		snprintf(buf, size, "%s", decimal_format(x, 4, i18n_is_french() ? ',' : '.', m, sizeof m));
	} else if (p->kind == PIN_CELL) {
		char *money = fmt_money(x);
		snprintf(buf, size, "%s", money ? money : "");
		free(money);
	} else {
		snprintf(buf, size, "%s %%", fmt_rate(x, m));
	}
}

/* The labels' width for v's inputs: as its longest needs, within what
 * whatif_label_w allows. */
static int labels_w(const struct peps_view *v)
{
	int want = 0;
	for (size_t i = 0; i < v->n_in; i++) {
		int w = text_width(v->in[i].label) + 1;
		want = w > want ? w : want;
	}
	return whatif_label_w(want);
}

static int draw_results(struct tui *t, const struct peps_view *v, int top, int lw)
{
	const struct peps_estimate *a = &v->base.est, *b = &v->west;
	char d[DATE_BUFSZ];
	char *title = str_printf(_("PEPS %d · the practice's grid, %" PRId64 " patients counted · an estimate"),
	                         v->exercise, a->patients);
	draw_header(t, top, 0, COLS, title ? title : "");
	free(title);
	whatif_heads(top + 1, lw);
	for (int q = 0; q < 4; q++) {
		char *label = str_printf(_("Quarter %d, due %s"), q + 1, fmt_date(b->due[q], d));
		whatif_money_row(top + 2 + q, lw, label ? label : "", a->expected[q], b->expected[q]);
		free(label);
	}
	whatif_money_row(top + 6, lw, _("Year"), a->expected[PEPS_YEAR], b->expected[PEPS_YEAR]);
	char *bal = str_printf(_("Balance, due %s"), fmt_date(b->due[PEPS_YEAR], d));
	whatif_money_row(top + 7, lw, bal ? bal : "", a->balance, b->balance);
	free(bal);
	return 9;
}

static void draw_input(struct tui *t, const struct peps_view *v, const struct pin *p, int y, int lw,
                       bool sel)
{
	char a[MONEY_BUFSZ + 4], b[MONEY_BUFSZ + 4];
	value_text(p, p->stored, a, sizeof a);
	value_text(p, p->value, b, sizeof b);
	whatif_input_row(t, y, lw, sel, p->label, a, b, p->value != p->stored);
	if (p->kind != PIN_CELL)
		return;
	if (sel)
		draw_select(t, true);
	int x = whatif_column(lw, 2);
	draw_fmt(y, x, COLS - x - 1, true, _("%" PRId64 " pat."), v->base.est.cells[p->cell].patients);
	if (sel)
		draw_select(t, false);
}

void peps_view_draw(struct tui *t, struct peps_view *v, int top, int rows)
{
	if (!v->have) {
		char *title = str_printf(_("PEPS %d"), v->exercise);
		draw_header(t, top + 1, 1, COLS - 2, title ? title : "");
		free(title);
		int used = draw_wrap(top + 2, 1, COLS - 2, 4, v->why ? v->why : "");
		draw_wrap(top + 3 + used, 1, COLS - 2, 4,
		          _("The estimate starts from the practice's PEPS grid: import it once from a file "
		            "(quotepart peps import FILE), then change it here. < > changes the exercise, "
		            "p goes back to the ACI."));
		return;
	}
	int lw = labels_w(v);
	int used = draw_results(t, v, top, lw);
	draw_header(t, top + used, 0, COLS, _("The grid (+ - change, Enter types a value, * changed)"));
	int x = whatif_column(lw, 2);
	draw_text(top + used, x, COLS - x - 1, _("Patients"), true);
	struct tlist *l = &v->list;
	int n = rows - used - 1;
	tlist_scroll(l, n);
	for (int r = 0; r < n && l->top + (size_t)r < l->n; r++) {
		size_t row = l->top + (size_t)r;
		draw_input(t, v, &v->in[l->idx[row]], top + used + 1 + r, lw, row == l->sel);
	}
}

/* ---- changing it ---- */

static unsigned changed(struct tui *t, struct peps_view *v, struct pin *p, int64_t before)
{
	return whatif_changed(t, recompute_cb, v, &p->value, before);
}

static int64_t max_of(const struct pin *p)
{
	return p->kind == PIN_LOCAL ? PEPS_LOCAL_MAX : p->kind == PIN_CELL ? CELL_MAX : 10000;
}

static unsigned step(struct tui *t, struct peps_view *v, int dir)
{
	size_t i = tlist_item(&v->list);
	if (i == SIZE_MAX)
		return R_NONE;
	struct pin *p = &v->in[i];
	/* 0.01 of the coefficient, half a percent, a euro. */
	int64_t by = p->kind == PIN_LOCAL ? 100 : p->kind == PIN_CELL ? 100 : 50;
	int64_t x = p->value + dir * by, before = p->value;
	if (x < 0 || x > max_of(p))
		return R_NONE;
	p->value = x;
	return changed(t, v, p, before);
}

static enum status submit_value(struct tui *t, struct dialog *d, struct err *e)
{
	struct peps_view *v = forecast_peps_view(t);
	size_t i = tlist_item(&v->list);
	if (i == SIZE_MAX)
		return ST_OK;
	struct pin *p = &v->in[i];
	const char *s = dlg_value(d, 0);
	int64_t x;
	bool ok = p->kind == PIN_CELL ? money_parse(s, &x) == ST_OK
	                              : decimal_parse(s, p->kind == PIN_LOCAL ? 4 : 2, &x) == ST_OK;
	if (!ok || x < 0 || x > max_of(p))
		return err_set(e, ST_INVALID, p->kind == PIN_LOCAL ? _("a coefficient between 0 and 10, at most four decimals")
		               : p->kind == PIN_CELL ? _("an amount in euros, 0 or more")
		                                     : _("a percentage between 0 and 100, at most two decimals"));
	return whatif_set(recompute_cb, v, &p->value, x, e);
}

static unsigned type_value(struct tui *t, struct peps_view *v)
{
	size_t i = tlist_item(&v->list);
	if (i == SIZE_MAX)
		return R_NONE;
	const struct pin *p = &v->in[i];
	char now[MONEY_BUFSZ + 4];
	if (p->kind == PIN_CELL || p->kind == PIN_LOCAL)
		decimal_format(p->value, p->kind == PIN_LOCAL ? 4 : 2, i18n_is_french() ? ',' : '.', now, sizeof now);
	else
		fmt_rate(p->value, now);
	struct dialog *d = dlg_form(p->label, submit_value, NULL, NULL);
	if (!d)
		return R_NONE;
	dlg_field(d, _("What-if value"), FIELD_TEXT, false, now);
	tui_open(t, d);
	return R_REDRAW;
}

static enum status submit_keep(struct tui *t, struct dialog *d, struct err *e)
{
	(void)d;
	struct peps_view *v = forecast_peps_view(t);
	enum status rc = app_peps_keep(t->app, &v->base, &v->wgrid, e);
	if (rc == ST_OK) {
		for (size_t i = 0; i < v->n_in; i++)
			v->in[i].stored = v->in[i].value;
		tui_msg(t, _("The PEPS grid of %d is saved with the what-if's values."), v->exercise);
	}
	/* Saved, or replaced by another program since it was read: read it
	 * again; the values changed here are applied to it once more. */
	if (rc == ST_OK || rc == ST_REFUSED)
		t->stale[SCR_FORECAST] = true;
	return rc;
}

unsigned peps_view_act(struct tui *t, struct peps_view *v, enum action a)
{
	if (!v->have)
		return R_PASS;
	switch (a) {
	case ACT_MORE: return step(t, v, 1);
	case ACT_LESS: return step(t, v, -1);
	case ACT_OPEN: return type_value(t, v);
	case ACT_RESET:
		for (size_t i = 0; i < v->n_in; i++)
			v->in[i].value = v->in[i].stored;
		return changed(t, v, &v->in[0], v->in[0].stored);
	case ACT_SAVE_DECL: {
		if (!peps_view_changed(v)) {
			tui_msg(t, "%s", _("Nothing to save: the what-if is the stored grid."));
			return R_REDRAW;
		}
		struct dialog *d = dlg_confirm_fmt(_("Save the grid"), submit_keep, NULL, NULL,
		                                   _("Make the what-if's values the PEPS grid of %d?"), v->exercise);
		if (d)
			tui_open(t, d);
		return R_REDRAW;
	}
	default:
		return R_PASS;
	}
}

/* On SIGTERM: the what-if's grid, commented, as the file peps import takes. */
void peps_view_keep(const struct peps_view *v, struct sbuf *b)
{
	if (!v || !v->have || !peps_view_changed(v))
		return;
	struct sbuf g;
	sb_init(&g);
	peps_grid_write(&v->wgrid, &g);
	sb_printf(b, "#\n# %s\n", _("The forecast's PEPS what-if, as a grid file (remove the # and import it with "
	                          "quotepart peps import FILE):"));
	for (const char *s = g.s ? g.s : ""; *s;) {
		size_t n = strcspn(s, "\n");
		sb_printf(b, "# %.*s\n", (int)n, s);
		s += n + (s[n] == '\n');
	}
	sb_fini(&g);
}
