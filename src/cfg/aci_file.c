/* aci_file.c: ACI rule sets and declarations as libconfig files
 * (FORECAST.md "Files"): readers that refuse an unknown setting or
 * indicator, a value of the wrong type, a count over its cap, at the line
 * of the fault; a writer whose output reads back as the same declaration. */
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "cfg_internal.h"
#include "quotepart/aci_file.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
#define ACI_FILE_MAX (1u << 20)
#define ACI_MAX_VALUE 100   /* the largest count or level a rule set may have */

extern const char qp_aci_avenant1[];

static enum status nomem(struct cfg_ctx *c)
{
	return err_set(c->w.e, ST_NOMEM, NULL);
}

/* ---- rule sets ---- */

enum { R_NAME, R_EXERCISES, R_CAVEAT, R_CAVEAT_FR, R_POINT, R_REF, R_SI, R_CAP, R_ADVANCE, R_NEW, R_IND };
static const char *const rule_names[] = {
	"name", "exercises", "caveat", "caveat_fr", "point", "patients_reference", "si",
	"majoration_cap", "advance", "new_structure", "indicators",
};

enum { I_ID, I_CLASS, I_VALUE, I_MAX, I_FIXED, I_VARIABLE, I_FIXED_EACH, I_VARIABLE_EACH,
       I_NEEDS, I_NEEDS_AT_LEAST, I_WITHIN, I_SI, I_EN, I_FR };
static const char *const ind_names[] = {
	"id", "class", "value", "max", "fixed", "variable", "fixed_each", "variable_each",
	"needs", "needs_at_least", "within", "information_system", "en", "fr",
};

/* v x i, false beyond 64 bits. */
static bool times(int64_t v, int i, int64_t *out)
{
	if (i && v > INT64_MAX / i)
		return false;
	*out = v * i;
	return true;
}

/* What an indicator's points are: whole points when the rule set has a
 * point value, amounts (money strings, in cents) when it has none. */
static enum status read_worth(struct cfg_ctx *c, const config_setting_t *s, bool points,
                              int64_t *out)
{
	if (points)
		return cfg_read_int(c, s, 0, INT32_MAX, out);
	if (config_setting_type(s) == CONFIG_TYPE_STRING &&
	    money_parse(config_setting_get_string(s), out) == ST_OK && *out >= 0)
		return ST_OK;
	return cfg_fail(&c->w, s, _("a rule set without \"point\" gives amounts such as \"1 000,00\""));
}

/* fixed or variable: one value (a yes/no's, when met), or a list of
 * max + 1 values, or `each` per unit of a count; nothing is 0. */
static enum status read_table(struct cfg_ctx *c, const config_setting_t *one,
                              const config_setting_t *each, bool points,
                              const struct aci_indicator *it, int64_t **out)
{
	int64_t *t = calloc((size_t)it->max + 1, sizeof *t);
	if (!t)
		return nomem(c);
	*out = t;
	if (one && each)
		return cfg_fail(&c->w, each, _("give either \"%s\" or \"%s\", not both"),
		                cfg_name(one), cfg_name(each));
	if (each) {
		if (it->kind != ACI_COUNT)
			return cfg_fail(&c->w, each, _("\"%s\" is for a count"), cfg_name(each));
		int64_t v;
		enum status st = read_worth(c, each, points, &v);
		for (int i = 0; st == ST_OK && i <= it->max; i++)
			if (!times(v, i, &t[i]))
				st = cfg_fail(&c->w, each, _("\"%s\" is too large"), cfg_name(each));
		return st;
	}
	if (!one)
		return ST_OK;
	if (config_setting_is_list(one) || config_setting_is_array(one)) {
		if (config_setting_length(one) != it->max + 1)
			return cfg_fail(&c->w, one, _("\"%s\" needs %d values, one for each value from 0 to %d"),
			                cfg_name(one), it->max + 1, it->max);
		for (int i = 0; i <= it->max; i++) {
			enum status st = read_worth(c, config_setting_get_elem(one, (unsigned)i), points, &t[i]);
			if (st != ST_OK)
				return st;
		}
		return ST_OK;
	}
	if (it->kind != ACI_YESNO)
		return cfg_fail(&c->w, one, _("\"%s\" of a count or a level is a list of %d values"),
		                cfg_name(one), it->max + 1);
	return read_worth(c, one, points, &t[1]);
}

static const char *const class_names[] = { "prerequisite", "core", "optional" };
static const char *const kind_names[] = { "yes/no", "count", "level" };

static enum status read_enum(struct cfg_ctx *c, const config_setting_t *s,
                             const char *const *names, size_t n, int *out)
{
	const char *v;
	enum status st = cfg_read_choice(c, s, &v);
	for (size_t i = 0; st == ST_OK && i < n; i++)
		if (strcmp(v, names[i]) == 0)
			return *out = (int)i, ST_OK;
	if (st == ST_OK)
		st = cfg_fail(&c->w, s, _("unknown %s \"%s\""), cfg_name(s), v);
	return st;
}

/* An indicator's id or a reference to one: letters, digits, '_'. */
static enum status read_id(struct cfg_ctx *c, const config_setting_t *s, char **out)
{
	enum status st = cfg_read_text(c, s, out);
	if (st == ST_OK && !text_valid_code(*out))
		st = cfg_fail(&c->w, s, _("invalid indicator id \"%s\""), *out);
	return st;
}

/* The settings of one indicator but its references (needs, within),
 * resolved once every indicator is read. */
static enum status read_indicator(struct cfg_ctx *c, const config_setting_t *g, bool points,
                                  struct aci_indicator *it, const config_setting_t **f)
{
	enum status st = cfg_walk(c, g, ind_names, COUNT(ind_names), f);
	int cls = ACI_OPTIONAL, kind = ACI_YESNO;
	int64_t max = 1;
	it->line = config_setting_source_line(g);
	it->needs = it->within = -1;
	it->needs_value = 1;
	if (st == ST_OK && !f[I_ID])
		st = cfg_fail(&c->w, g, _("an indicator needs an \"id\""));
	if (st == ST_OK)
		st = read_id(c, f[I_ID], &it->id);
	if (st == ST_OK && !f[I_CLASS])
		st = cfg_fail(&c->w, g, _("%s: missing setting \"%s\""), it->id, "class");
	if (st == ST_OK && !f[I_VALUE])
		st = cfg_fail(&c->w, g, _("%s: missing setting \"%s\""), it->id, "value");
	if (st == ST_OK)
		st = read_enum(c, f[I_CLASS], class_names, COUNT(class_names), &cls);
	if (st == ST_OK)
		st = read_enum(c, f[I_VALUE], kind_names, COUNT(kind_names), &kind);
	if (st == ST_OK && kind != ACI_YESNO && !f[I_MAX])
		st = cfg_fail(&c->w, g, _("%s: missing setting \"%s\""), it->id, "max");
	if (st == ST_OK && kind == ACI_YESNO && f[I_MAX])
		st = cfg_fail(&c->w, f[I_MAX], _("%s: a yes/no has no \"max\""), it->id);
	if (st == ST_OK && f[I_MAX])
		st = cfg_read_int(c, f[I_MAX], 1, ACI_MAX_VALUE, &max);
	it->cls = (enum aci_class)cls;
	it->kind = (enum aci_kind)kind;
	it->max = (int)max;
	if (st == ST_OK)
		st = read_table(c, f[I_FIXED], f[I_FIXED_EACH], points, it, &it->fixed);
	if (st == ST_OK)
		st = read_table(c, f[I_VARIABLE], f[I_VARIABLE_EACH], points, it, &it->variable);
	if (st == ST_OK && f[I_SI])
		st = cfg_read_bool(c, f[I_SI], &it->si);
	if (st == ST_OK && f[I_EN])
		st = cfg_read_text(c, f[I_EN], &it->label_en);
	if (st == ST_OK && f[I_FR])
		st = cfg_read_text(c, f[I_FR], &it->label_fr);
	if (st == ST_OK && !it->label_en && !(it->label_en = strdup(it->id)))
		st = nomem(c);
	return st;
}

/* needs and within name another indicator of the set. */
static enum status resolve(struct cfg_ctx *c, const struct aci_rules *r, const config_setting_t *s,
                           int *out)
{
	const char *v;
	enum status st = cfg_read_choice(c, s, &v);
	if (st != ST_OK)
		return st;
	*out = aci_rules_find(r, v);
	if (*out < 0)
		return cfg_fail(&c->w, s, _("unknown indicator \"%s\""), v);
	return ST_OK;
}

static enum status read_indicators(struct cfg_ctx *c, const config_setting_t *l, bool points,
                                   struct aci_rules *r)
{
	if (!config_setting_is_list(l) || config_setting_length(l) == 0)
		return cfg_fail(&c->w, l, _("\"indicators\" is a list of groups: ( { id = \"...\"; ... }, ... )"));
	int n = config_setting_length(l);
	const config_setting_t *(*found)[COUNT(ind_names)] = calloc((size_t)n, sizeof *found);
	if (!found || !(r->v = calloc((size_t)n, sizeof *r->v))) {
		free(found);
		return nomem(c);
	}
	enum status st = ST_OK;
	for (int i = 0; st == ST_OK && i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
		r->n = (size_t)i + 1;
		st = read_indicator(c, g, points, &r->v[i], found[i]);
		if (st == ST_OK && aci_rules_find(r, r->v[i].id) != i)
			st = cfg_fail(&c->w, g, _("indicator \"%s\" is listed twice"), r->v[i].id);
	}
	for (int i = 0; st == ST_OK && i < n; i++) {
		struct aci_indicator *it = &r->v[i];
		if (found[i][I_NEEDS])
			st = resolve(c, r, found[i][I_NEEDS], &it->needs);
		if (st == ST_OK && found[i][I_NEEDS_AT_LEAST]) {
			int64_t v;
			st = cfg_read_int(c, found[i][I_NEEDS_AT_LEAST], 1, ACI_MAX_VALUE, &v);
			it->needs_value = (int)v;
		}
		if (st == ST_OK && found[i][I_WITHIN])
			st = resolve(c, r, found[i][I_WITHIN], &it->within);
		if (st == ST_OK && it->within >= 0 && r->v[it->within].kind != ACI_COUNT)
			st = cfg_fail(&c->w, found[i][I_WITHIN], _("%s: \"within\" names a count"), it->id);
	}
	free(found);
	return st;
}

static enum status read_exercises(struct cfg_ctx *c, const config_setting_t *s, struct aci_rules *r)
{
	if (!config_setting_is_array(s) || config_setting_length(s) != 2)
		return cfg_fail(&c->w, s, _("\"exercises\" is [ FIRST, LAST ]"));
	int64_t a, b;
	enum status st = cfg_read_int(c, config_setting_get_elem(s, 0), 1900, 9999, &a);
	if (st == ST_OK)
		st = cfg_read_int(c, config_setting_get_elem(s, 1), a, 9999, &b);
	r->first = (int)a;
	r->last = st == ST_OK ? (int)b : 0;
	return st;
}

static enum status read_si(struct cfg_ctx *c, const config_setting_t *g, bool points,
                           struct aci_rules *r)
{
	static const char *const names[] = { "each", "up_to", "beyond" };
	const config_setting_t *f[COUNT(names)];
	enum status st = cfg_walk(c, g, names, COUNT(names), f);
	int64_t *out[] = { &r->si_each, &r->si_upto, &r->si_beyond };
	for (size_t i = 0; st == ST_OK && i < COUNT(names); i++) {
		if (!f[i])
			st = cfg_fail(&c->w, g, _("missing setting \"%s\""), names[i]);
		else if (i == 1)
			st = cfg_read_int(c, f[i], 0, 100000, out[i]);
		else
			st = read_worth(c, f[i], points, out[i]);
	}
	return st;
}

static enum status read_new_structure(struct cfg_ctx *c, const config_setting_t *g,
                                      struct aci_rules *r)
{
	static const char *const names[] = { "years", "total", "advance" };
	const config_setting_t *f[COUNT(names)];
	enum status st = cfg_walk(c, g, names, COUNT(names), f);
	int64_t years = 0;
	if (st == ST_OK && f[0])
		st = cfg_read_int(c, f[0], 0, 100, &years);
	if (st == ST_OK && f[1])
		st = cfg_read_amount(c, f[1], &r->floor_total);
	if (st == ST_OK && f[2])
		st = cfg_read_amount(c, f[2], &r->floor_advance);
	r->floor_years = (int)years;
	return st;
}

static enum status read_rules(struct cfg_ctx *c, struct aci_rules *r)
{
	const config_setting_t *g, *f[COUNT(rule_names)];
	enum status st = cfg_root(c, "rules", &g);
	if (st == ST_OK)
		st = cfg_walk(c, g, rule_names, COUNT(rule_names), f);
	for (size_t i = 0; st == ST_OK && i < COUNT(rule_names); i++)
		if (!f[i] && i != R_POINT && i != R_SI && i != R_NEW && i != R_CAVEAT && i != R_CAVEAT_FR)
			st = cfg_fail(&c->w, g, _("missing setting \"%s\""), rule_names[i]);
	bool points = f[R_POINT] != NULL;
	int64_t ref = 0;
	r->point_cents = 1;
	if (st == ST_OK)
		st = cfg_read_text(c, f[R_NAME], &r->name);
	if (st == ST_OK)
		st = read_exercises(c, f[R_EXERCISES], r);
	if (st == ST_OK && f[R_CAVEAT])
		st = cfg_read_text(c, f[R_CAVEAT], &r->caveat);
	if (st == ST_OK && f[R_CAVEAT_FR])
		st = cfg_read_text(c, f[R_CAVEAT_FR], &r->caveat_fr);
	if (st == ST_OK && points)
		st = cfg_read_amount(c, f[R_POINT], &r->point_cents);
	if (st == ST_OK)
		st = cfg_read_int(c, f[R_REF], 1, INT32_MAX, &ref);
	r->patients_ref = ref;
	if (st == ST_OK && f[R_SI])
		st = read_si(c, f[R_SI], points, r);
	if (st == ST_OK)
		st = cfg_read_percent(c, f[R_CAP], &r->majoration_cap);
	if (st == ST_OK)
		st = cfg_read_percent(c, f[R_ADVANCE], &r->advance_bp);
	if (st == ST_OK && f[R_NEW])
		st = read_new_structure(c, f[R_NEW], r);
	if (st == ST_OK)
		st = read_indicators(c, f[R_IND], points, r);
	return st;
}

enum status aci_rules_parse(const char *text, const char *name, struct aci_rules **out,
                            struct err *e)
{
	struct cfg_ctx c = { { name, e, ST_CONFIG }, { NULL, 0 }, { 0 } };
	struct aci_rules *r = calloc(1, sizeof *r);
	*out = NULL;
	if (!r || !(r->file = strdup(name))) {
		free(r);
		return err_set(e, ST_NOMEM, NULL);
	}
	enum status st = cfg_doc_read(&c, text, _("@include is not allowed in a rule set"));
	if (st == ST_OK)
		st = read_rules(&c, r);
	cfg_doc_fini(&c);
	if (st != ST_OK) {
		aci_rules_free(r);
		return st;
	}
	*out = r;
	return ST_OK;
}

enum status aci_rules_load(const char *path, struct aci_rules **out, struct err *e)
{
	*out = NULL;
	if (!path)
		return aci_rules_parse(qp_aci_avenant1, "config/aci/avenant1.cfg", out, e);
	struct sbuf b;
	sb_init(&b);
	enum status st = cfg_load_text(path, ACI_FILE_MAX, _("too large for a rule set"), &b, e);
	if (st == ST_OK)
		st = aci_rules_parse(b.s ? b.s : "", path, out, e);
	sb_fini(&b);
	return st;
}

/* ---- declarations ---- */

enum { D_EXERCISE, D_SIGNED, D_NEW, D_PATIENTS, D_ASSOCIATES, D_C2S, D_AME, D_IND };
static const char *const decl_names[] = {
	"exercise", "signed", "new_structure", "patients", "associates", "c2s", "ame", "indicators",
};

/* { practice = 12.5; national = 8.1; } */
static enum status read_rates(struct cfg_ctx *c, const config_setting_t *g, int32_t *practice,
                              int32_t *national)
{
	static const char *const names[] = { "practice", "national" };
	const config_setting_t *f[2];
	enum status st = cfg_walk(c, g, names, 2, f);
	for (size_t i = 0; st == ST_OK && i < 2; i++)
		if (!f[i])
			st = cfg_fail(&c->w, g, _("missing setting \"%s\""), names[i]);
	if (st == ST_OK)
		st = cfg_read_percent(c, f[0], practice);
	if (st == ST_OK)
		st = cfg_read_percent(c, f[1], national);
	return st;
}

/* indicators = { id = true; id = 6; ... }: a yes/no is a boolean, a count
 * or a level a whole number; lines[i] is where indicator i is (0: left
 * out, not met). */
static enum status read_values(struct cfg_ctx *c, const config_setting_t *g,
                               const struct aci_rules *r, struct aci_decl *d, int *lines)
{
	if (!config_setting_is_group(g))
		return cfg_fail(&c->w, g, _("\"indicators\" must be a group: { opening = true; protocols = 6; ... }"));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *id = config_setting_name(s);
		int k = aci_rules_find(r, id);
		if (k < 0)
			return cfg_fail(&c->w, s, _("unknown indicator \"%s\" (rule set \"%s\")"), id, r->name);
		lines[k] = config_setting_source_line(s);
		const struct aci_indicator *it = &r->v[k];
		if (it->kind == ACI_YESNO) {
			bool b;
			enum status st = cfg_read_bool(c, s, &b);
			if (st != ST_OK)
				return st;
			d->values[k] = b;
			continue;
		}
		int64_t v;
		enum status st = cfg_read_int(c, s, 0, INT32_MAX, &v);
		if (st != ST_OK)
			return st;
		if (v > it->max)
			return cfg_fail(&c->w, s, _("%s = %lld is over its maximum, %d"), id, (long long)v, it->max);
		d->values[k] = (int)v;
	}
	return ST_OK;
}

static enum status read_decl(struct cfg_ctx *c, const struct aci_rules *r, struct aci_decl *d,
                             int *lines)
{
	const config_setting_t *g, *f[COUNT(decl_names)];
	enum status st = cfg_root(c, "aci", &g);
	if (st == ST_OK)
		st = cfg_walk(c, g, decl_names, COUNT(decl_names), f);
	for (size_t i = 0; st == ST_OK && i < COUNT(decl_names); i++)
		if (!f[i] && (i == D_EXERCISE || i == D_SIGNED))
			st = cfg_fail(&c->w, g, _("missing setting \"%s\""), decl_names[i]);
	int64_t v = 0;
	if (st == ST_OK)
		st = cfg_read_int(c, f[D_EXERCISE], 1900, 9999, &v);
	d->exercise = (int)v;
	const char *date;
	if (st == ST_OK && (st = cfg_read_choice(c, f[D_SIGNED], &date)) == ST_OK &&
	    date_parse(date, &d->signed_on) != ST_OK)
		st = cfg_fail(&c->w, f[D_SIGNED], _("signed \"%s\" is not a date (YYYY-MM-DD)"), date);
	if (st == ST_OK && f[D_NEW])
		st = cfg_read_bool(c, f[D_NEW], &d->new_structure);
	if (st == ST_OK && f[D_PATIENTS])
		st = cfg_read_int(c, f[D_PATIENTS], 0, INT32_MAX, &d->patients);
	if (st == ST_OK && f[D_ASSOCIATES])
		st = cfg_read_int(c, f[D_ASSOCIATES], 0, 100000, &d->associates);
	if (st == ST_OK && f[D_C2S])
		st = read_rates(c, f[D_C2S], &d->c2s_practice, &d->c2s_national);
	if (st == ST_OK && f[D_AME])
		st = read_rates(c, f[D_AME], &d->ame_practice, &d->ame_national);
	if (st == ST_OK && f[D_IND])
		st = read_values(c, f[D_IND], r, d, lines);
	/* What only the whole declaration shows (a count over the count it
	 * is part of, an item without its base), at the line of the item. */
	int bad;
	if (st == ST_OK && aci_decl_check(r, d, &bad, c->w.e) != ST_OK) {
		char *why = strdup(err_text(c->w.e));
		unsigned line = bad >= 0 && lines[bad] ? (unsigned)lines[bad]
		                                      : (unsigned)config_setting_source_line(g);
		st = why ? cfg_fail_line(&c->w, line, "%s", why) : nomem(c);
		free(why);
	}
	return st;
}

enum status aci_decl_parse(const char *text, const char *name, const struct aci_rules *r,
                           struct aci_decl *out, struct err *e)
{
	struct cfg_ctx c = { { name, e, ST_INVALID }, { NULL, 0 }, { 0 } };
	memset(out, 0, sizeof *out);
	out->patients = out->associates = -1;
	out->values = calloc(r->n ? r->n : 1, sizeof *out->values);
	int *lines = calloc(r->n ? r->n : 1, sizeof *lines);
	enum status st = out->values && lines ? cfg_doc_read(&c, text, _("@include is not allowed in a declaration"))
	                                      : err_set(e, ST_NOMEM, NULL);
	if (st == ST_OK)
		st = read_decl(&c, r, out, lines);
	cfg_doc_fini(&c);
	free(lines);
	if (st != ST_OK)
		aci_decl_fini(out);
	return st;
}

enum status aci_decl_load(const char *path, const struct aci_rules *r, struct aci_decl *out,
                          struct err *e)
{
	struct sbuf b;
	sb_init(&b);
	memset(out, 0, sizeof *out);
	enum status st = cfg_load_text(path, ACI_FILE_MAX, _("too large for a declaration"), &b, e);
	if (st == ST_OK)
		st = aci_decl_parse(b.s ? b.s : "", path, r, out, e);
	sb_fini(&b);
	return st;
}

static void put_percent(struct sbuf *b, const char *name, int32_t bp)
{
	char buf[MONEY_BUFSZ];
	sb_printf(b, "%s = %s;", name, decimal_format(bp, 2, '.', buf, sizeof buf));
}

void aci_decl_write(const struct aci_rules *r, const struct aci_decl *d, struct sbuf *b)
{
	char date[16];
	sb_printf(b, "# ACI declaration, rule set \"%s\"\naci:\n{\n", r->name);
	sb_printf(b, "  exercise = %d;\n  signed = \"%s\";\n  new_structure = %s;\n", d->exercise,
	          date_format(d->signed_on, date, sizeof date), d->new_structure ? "true" : "false");
	if (d->patients >= 0)
		sb_printf(b, "  patients = %lld;\n", (long long)d->patients);
	if (d->associates >= 0)
		sb_printf(b, "  associates = %lld;\n", (long long)d->associates);
	sb_add(b, "  c2s = { ");
	put_percent(b, "practice", d->c2s_practice);
	sb_add(b, " ");
	put_percent(b, "national", d->c2s_national);
	sb_add(b, " };\n  ame = { ");
	put_percent(b, "practice", d->ame_practice);
	sb_add(b, " ");
	put_percent(b, "national", d->ame_national);
	sb_add(b, " };\n  indicators = {\n");
	for (size_t i = 0; i < r->n; i++) {
		if (!d->values[i])
			continue;
		if (r->v[i].kind == ACI_YESNO)
			sb_printf(b, "    %s = true;\n", r->v[i].id);
		else
			sb_printf(b, "    %s = %d;\n", r->v[i].id, d->values[i]);
	}
	sb_add(b, "  };\n};\n");
}
