/* peps_file.c: PEPS grids as libconfig files (FORECAST.md "Files"): a
 * reader that refuses an unknown setting, a value of the wrong type or
 * out of its range at the line of the fault, and a writer whose output
 * reads back as the same grid. */
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "cfg_internal.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/peps_file.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
#define PEPS_FILE_MAX (1u << 20)

enum { G_EXERCISE, G_LOCAL, G_LOYALTY, G_BONUS, G_GPS, G_CELLS };
static const char *const grid_names[] = { "exercise", "local", "loyalty", "bonus", "gps", "cells" };

enum { C_SEX, C_AGE, C_ALD, C_C2S, C_AMOUNT };
static const char *const cell_names[] = { "sex", "age", "ald", "c2s", "amount" };

/* [ "A", "B" ] or ( "A", "B" ): codes (letters, digits, '-', '_'). */
static enum status read_codes(struct cfg_ctx *c, const config_setting_t *s, char ***out,
                              size_t *n)
{
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return cfg_fail(&c->w, s, _("\"%s\" is a list of codes: [ \"A\", \"B\" ]"), config_setting_name(s));
	size_t len = (size_t)config_setting_length(s);
	if (len == 0)
		return cfg_fail(&c->w, s, _("\"%s\" is a list of codes: [ \"A\", \"B\" ]"), config_setting_name(s));
	if (!(*out = calloc(len ? len : 1, sizeof **out)))
		return err_set(c->w.e, ST_NOMEM, NULL);
	for (size_t i = 0; i < len; i++) {
		const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(el) != CONFIG_TYPE_STRING ||
		    !text_valid_code(config_setting_get_string(el)))
			return cfg_fail(&c->w, el, _("\"%s\" is a list of codes: [ \"A\", \"B\" ]"),
			                config_setting_name(s));
		*n = i + 1;
		if (!((*out)[i] = strdup(config_setting_get_string(el))))
			return err_set(c->w.e, ST_NOMEM, NULL);
	}
	return ST_OK;
}

static enum status read_sex(struct cfg_ctx *c, const config_setting_t *s, char *out)
{
	const char *v;
	enum status st = cfg_read_choice(c, s, &v);
	if (st != ST_OK)
		return st;
	if (strcmp(v, "F") == 0 || strcmp(v, "M") == 0)
		*out = v[0];
	else if (strcmp(v, "any") == 0)
		*out = 0;
	else
		return cfg_fail(&c->w, s, _("sex is \"F\", \"M\" or \"any\""));
	return ST_OK;
}

/* age = [ FROM, TO ], inclusive. */
static enum status read_age(struct cfg_ctx *c, const config_setting_t *s, struct peps_cell *cell)
{
	if (!config_setting_is_array(s) || config_setting_length(s) != 2)
		return cfg_fail(&c->w, s, _("an age band is [ FROM, TO ] with 0 <= FROM <= TO <= %d"), PEPS_AGE_MAX);
	int64_t lo, hi;
	enum status st = cfg_read_int(c, config_setting_get_elem(s, 0), 0, PEPS_AGE_MAX, &lo);
	if (st == ST_OK)
		st = cfg_read_int(c, config_setting_get_elem(s, 1), 0, PEPS_AGE_MAX, &hi);
	if (st == ST_OK && lo > hi)
		st = cfg_fail(&c->w, s, _("an age band is [ FROM, TO ] with 0 <= FROM <= TO <= %d"), PEPS_AGE_MAX);
	cell->has_age = true;
	cell->age_lo = (int)lo;
	cell->age_hi = st == ST_OK ? (int)hi : (int)lo;
	return st;
}

/* ald = "none" | "any" | [ "diabetes", ... ]. */
static enum status read_ald(struct cfg_ctx *c, const config_setting_t *s, struct peps_cell *cell)
{
	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		const char *v = config_setting_get_string(s);
		if (strcmp(v, "none") == 0 || strcmp(v, "any") == 0) {
			cell->ald = v[0] == 'n' ? PEPS_ALD_NONE : PEPS_ALD_ANY;
			return ST_OK;
		}
	} else if (config_setting_length(s) > 0) {
		cell->ald = PEPS_ALD_LIST;
		return read_codes(c, s, &cell->alds, &cell->n_alds);
	}
	return cfg_fail(&c->w, s, _("ald is \"none\", \"any\" or a list of categories"));
}

/* c2s = 0 | 1 | "any". */
static enum status read_c2s(struct cfg_ctx *c, const config_setting_t *s, int *out)
{
	if (config_setting_type(s) == CONFIG_TYPE_STRING && strcmp(config_setting_get_string(s), "any") == 0) {
		*out = -1;
		return ST_OK;
	}
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		return cfg_fail(&c->w, s, _("c2s is 0, 1 or \"any\""));
	int64_t v;
	enum status st = cfg_read_int(c, s, 0, 1, &v);
	*out = (int)v;
	return st;
}

static enum status read_cell(struct cfg_ctx *c, const config_setting_t *g, struct peps_cell *cell)
{
	const config_setting_t *f[COUNT(cell_names)];
	cell->c2s = -1;
	cell->line = config_setting_source_line(g);
	enum status st = cfg_walk(c, g, cell_names, COUNT(cell_names), f);
	if (st == ST_OK && !f[C_AMOUNT])
		st = cfg_fail(&c->w, g, _("missing setting \"%s\""), "amount");
	if (st == ST_OK && f[C_SEX])
		st = read_sex(c, f[C_SEX], &cell->sex);
	if (st == ST_OK && f[C_AGE])
		st = read_age(c, f[C_AGE], cell);
	if (st == ST_OK && f[C_ALD])
		st = read_ald(c, f[C_ALD], cell);
	if (st == ST_OK && f[C_C2S])
		st = read_c2s(c, f[C_C2S], &cell->c2s);
	if (st == ST_OK)
		st = cfg_read_money(c, f[C_AMOUNT], true, &cell->amount);
	return st;
}

static enum status read_cells(struct cfg_ctx *c, const config_setting_t *l, struct peps_grid *g)
{
	if (!config_setting_is_list(l) || config_setting_length(l) == 0)
		return cfg_fail(&c->w, l, _("\"cells\" is a list of groups: ( { sex = \"M\"; amount = \"64,79\"; }, ... )"));
	size_t n = (size_t)config_setting_length(l);
	if (!(g->cells = calloc(n, sizeof *g->cells)))
		return err_set(c->w.e, ST_NOMEM, NULL);
	enum status st = ST_OK;
	for (size_t i = 0; st == ST_OK && i < n; i++) {
		g->n = i + 1;
		st = read_cell(c, config_setting_get_elem(l, (unsigned)i), &g->cells[i]);
	}
	return st;
}

/* A percentage (loyalty, bonus) in basis points, or the local coefficient
 * in ten-thousandths: its range said at its line. */
static enum status read_rate(struct cfg_ctx *c, const config_setting_t *s, bool coefficient,
                             int64_t *out)
{
	const char *text, *nm = config_setting_name(s);
	if (!coefficient) {
		int32_t bp;
		enum status st = cfg_read_percent(c, s, &bp);
		*out = bp;
		return st;
	}
	enum status st = cfg_read_decimal(c, s, nm, 4, out, &text);
	if (st != ST_OK && st != ST_OVERFLOW)
		return st;
	if (st == ST_OVERFLOW || *out < 0 || *out > PEPS_LOCAL_MAX)
		return cfg_fail(&c->w, s, _("%s = %s: a coefficient between 0 and 10"), nm, text);
	return ST_OK;
}

/* The settings of the grid; lines of the group for what is missing. */
static enum status read_settings(struct cfg_ctx *c, const config_setting_t *g, const config_setting_t **f,
                                 struct peps_grid *out)
{
	enum status st = cfg_walk(c, g, grid_names, COUNT(grid_names), f);
	for (size_t i = 0; st == ST_OK && i < COUNT(grid_names); i++)
		if (!f[i] && i != G_BONUS && i != G_GPS)
			st = cfg_fail(&c->w, g, _("missing setting \"%s\""), grid_names[i]);
	int64_t v = 0;
	if (st == ST_OK)
		st = cfg_read_int(c, f[G_EXERCISE], 1900, 9999, &v);
	out->exercise = (int)v;
	if (st == ST_OK)
		st = read_rate(c, f[G_LOCAL], true, &out->local);
	if (st == ST_OK && (st = read_rate(c, f[G_LOYALTY], false, &v)) == ST_OK)
		out->loyalty = (int32_t)v;
	if (st == ST_OK && f[G_BONUS] && (st = read_rate(c, f[G_BONUS], false, &v)) == ST_OK) {
		out->has_bonus = true;
		out->bonus = (int32_t)v;
	}
	if (st == ST_OK && f[G_GPS])
		st = read_codes(c, f[G_GPS], &out->gps, &out->n_gps);
	if (st == ST_OK)
		st = read_cells(c, f[G_CELLS], out);
	return st;
}

static enum status read_grid(struct cfg_ctx *c, struct peps_grid *out)
{
	const config_setting_t *g, *f[COUNT(grid_names)];
	enum status st = cfg_root(c, "peps", &g);
	if (st == ST_OK)
		st = read_settings(c, g, f, out);
	/* What the reader does not see on its own, at the cell's line. */
	int bad;
	if (st == ST_OK && peps_grid_check(out, &bad, c->w.e) != ST_OK) {
		char *why = strdup(err_text(c->w.e));
		unsigned line = bad >= 0 ? (unsigned)out->cells[bad].line : (unsigned)config_setting_source_line(g);
		st = why ? cfg_fail_line(&c->w, line, "%s", why) : err_set(c->w.e, ST_NOMEM, NULL);
		free(why);
	}
	return st;
}

enum status peps_grid_parse(const char *text, const char *name, struct peps_grid *out,
                            struct err *e)
{
	struct cfg_ctx c = { { name, e, ST_INVALID }, { NULL, 0 }, { 0 } };
	memset(out, 0, sizeof *out);
	enum status st = cfg_doc_read(&c, text, _("@include is not allowed in a PEPS grid"));
	if (st == ST_OK)
		st = read_grid(&c, out);
	cfg_doc_fini(&c);
	if (st != ST_OK)
		peps_grid_fini(out);
	return st;
}

enum status peps_grid_load(const char *path, struct peps_grid *out, struct err *e)
{
	struct sbuf b;
	sb_init(&b);
	memset(out, 0, sizeof *out);
	enum status st = cfg_load_text(path, PEPS_FILE_MAX, _("too large for a PEPS grid"), &b, e);
	if (st == ST_OK)
		st = peps_grid_parse(b.s ? b.s : "", path, out, e);
	sb_fini(&b);
	return st;
}

static void put_codes(struct sbuf *b, const char *name, char *const *v, size_t n)
{
	sb_printf(b, "%s = [ ", name);
	for (size_t i = 0; i < n; i++)
		sb_printf(b, "%s\"%s\"", i ? ", " : "", v[i]);
	sb_add(b, " ];");
}

static void put_cell(struct sbuf *b, const struct peps_cell *c, bool last)
{
	char m[MONEY_BUFSZ];
	sb_add(b, "    { ");
	if (c->sex)
		sb_printf(b, "sex = \"%c\"; ", c->sex);
	if (c->has_age)
		sb_printf(b, "age = [ %d, %d ]; ", c->age_lo, c->age_hi);
	if (c->ald == PEPS_ALD_LIST) {
		put_codes(b, "ald", c->alds, c->n_alds);
		sb_add(b, " ");
	} else if (c->ald == PEPS_ALD_NONE) {
		sb_add(b, "ald = \"none\"; ");
	}
	if (c->c2s >= 0)
		sb_printf(b, "c2s = %d; ", c->c2s);
	sb_printf(b, "amount = \"%s\"; }%s\n", money_format(c->amount, MONEY_PLAIN, m, sizeof m),
	          last ? "" : ",");
}

void peps_grid_write(const struct peps_grid *g, struct sbuf *b)
{
	char v[MONEY_BUFSZ];
	sb_printf(b, "# PEPS grid\npeps:\n{\n  exercise = %d;\n", g->exercise);
	sb_printf(b, "  local = %s;\n", decimal_format(g->local, 4, '.', v, sizeof v));
	sb_printf(b, "  loyalty = %s;\n", decimal_format(g->loyalty, 2, '.', v, sizeof v));
	if (g->has_bonus)
		sb_printf(b, "  bonus = %s;\n", decimal_format(g->bonus, 2, '.', v, sizeof v));
	if (g->gps) {
		sb_add(b, "  ");
		put_codes(b, "gps", g->gps, g->n_gps);
		sb_add(b, "\n");
	}
	sb_add(b, "  cells = (\n");
	for (size_t i = 0; i < g->n; i++)
		put_cell(b, &g->cells[i], i + 1 == g->n);
	sb_add(b, "  );\n};\n");
}
