/* keyfile.c: distribution keys as libconfig files (ALLOCATION.md "Key
 * files"): a reader that checks every setting and names the line of the
 * first fault, and a writer whose output reads back as the same key. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "cfg_internal.h"
#include "quotepart/config.h"
#include "quotepart/i18n.h"
#include "quotepart/key.h"
#include "quotepart/money.h"
#include "quotepart/text.h"

/* Every setting of the format, one table per level. `target` is the
 * offset of the field the setting fills in the struct being read;
 * `bases` the bases of the pool it makes sense for (0: any). Settings left
 * out keep the zero of calloc, which is each one's default: no
 * description, no reservation, prorata false, at = "average", empty
 * filters (everyone), no hourly rates (every hour counts 1), no points. */
enum ftype {
	T_TEXT,          /* a non-empty string without control characters */
	T_ACCOUNT,       /* "operating", "post:CODE", "member:CODE" */
	T_AMOUNT,        /* a string in the money format, > 0 */
	T_RATE,          /* a percentage, <= 2 decimals, in basis points */
	T_BASIS,
	T_BOOL,
	T_AT,            /* "average" | "end" */
	T_CODES,         /* [ "code", ... ] checked against a config list */
	T_RATES,         /* { profession = hourly rate; ... } */
	T_POINTS,        /* { MEMBER = points; ... } */
	T_RESERVATIONS,
	T_POOLS,
};

/* The config list a T_CODES setting is checked against. */
enum clist { CL_MEMBERS, CL_STATUSES, CL_PROFESSIONS, CL_GROUPS, CL_KINDS };

#define B(b) (1u << (b))

struct field {
	const char *name;
	enum ftype type;
	size_t target;
	enum clist list;
	unsigned bases;
	bool required;
};

static const struct field key_fields[] = {
	{ "name",         T_TEXT,         offsetof(struct key, name),        0, 0, true },
	{ "description",  T_TEXT,         offsetof(struct key, description), 0, 0, false },
	{ "reservations", T_RESERVATIONS, offsetof(struct key, res),         0, 0, false },
	{ "pools",        T_POOLS,        offsetof(struct key, pools),       0, 0, true },
};

enum { R_LABEL, R_ACCOUNT, R_AMOUNT, R_RATE };
static const struct field res_fields[] = {
	[R_LABEL]   = { "label",   T_TEXT,    offsetof(struct key_reservation, label),   0, 0, true },
	[R_ACCOUNT] = { "account", T_ACCOUNT, offsetof(struct key_reservation, account), 0, 0, true },
	[R_AMOUNT]  = { "amount",  T_AMOUNT,  offsetof(struct key_reservation, amount),  0, 0, false },
	[R_RATE]    = { "rate",    T_RATE,    offsetof(struct key_reservation, rate_bp), 0, 0, false },
};

static const struct field pool_fields[] = {
	{ "label",       T_TEXT,   offsetof(struct key_pool, label),       0, 0, true },
	{ "rate",        T_RATE,   offsetof(struct key_pool, rate_bp),     0, 0, true },
	{ "basis",       T_BASIS,  offsetof(struct key_pool, basis),       0, 0, true },
	{ "prorata",     T_BOOL,   offsetof(struct key_pool, prorata),     0, 0, false },
	{ "at",          T_AT,     offsetof(struct key_pool, at_end),      0, B(BASIS_PATIENTS), false },
	{ "statuses",    T_CODES,  offsetof(struct key_pool, statuses),    CL_STATUSES, 0, false },
	{ "professions", T_CODES,  offsetof(struct key_pool, professions), CL_PROFESSIONS, 0, false },
	{ "groups",      T_CODES,  offsetof(struct key_pool, groups),      CL_GROUPS, 0, false },
	{ "members",     T_CODES,  offsetof(struct key_pool, members),     CL_MEMBERS, 0, false },
	{ "kinds",       T_CODES,  offsetof(struct key_pool, kinds),       CL_KINDS, B(BASIS_HOURS), false },
	{ "rates",       T_RATES,  offsetof(struct key_pool, rates),       0, B(BASIS_HOURS), false },
	{ "points",      T_POINTS, offsetof(struct key_pool, points),      0, B(BASIS_POINTS), false },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

struct kctx {
	struct cfg_ctx c;            /* file name, error (ST_INVALID), numbers */
	const struct config *cfg;
};

static enum status nomem(struct kctx *k)
{
	return err_set(k->c.w.e, ST_NOMEM, NULL);
}

/* A percentage in basis points as people write it: 9550 -> "95.5". */
static char *pct_text(int64_t bp, char *buf, size_t size)
{
	decimal_format(bp, 2, '.', buf, size);
	char *end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && end[-1] == '.')
		end[-1] = '\0';
	return buf;
}

/* A member's or a post's code in a key: never a person's NIR, however it
 * is written (and the message does not repeat it). */
static enum status check_member_code(struct kctx *k, const config_setting_t *s, const char *v)
{
	if (text_is_nir(v))
		return cfg_fail(&k->c.w, s, _("a French social-security number (NIR) cannot be a code in a key: "
		                            "use the practice's own codes"));
	if (!text_valid_code(v))
		return cfg_fail(&k->c.w, s, _("invalid member code \"%s\""), v);
	return ST_OK;
}

static enum status read_account(struct kctx *k, const config_setting_t *s, char **out)
{
	enum status st = cfg_read_text(&k->c, s, out);
	if (st != ST_OK)
		return st;
	const char *v = *out;
	const char *colon = strchr(v, ':');
	if (colon && text_is_nir(colon + 1))
		return check_member_code(k, s, colon + 1);
	if (strcmp(v, "operating") == 0 ||
	    (strncmp(v, "post:", 5) == 0 && text_valid_code(v + 5)) ||
	    (strncmp(v, "member:", 7) == 0 && text_valid_code(v + 7)))
		return ST_OK;
	return cfg_fail(&k->c.w, s, _("invalid account \"%s\": use \"operating\", \"post:CODE\" or \"member:CODE\""), v);
}

static enum status read_rate(struct kctx *k, const config_setting_t *s, int32_t *out)
{
	int64_t bp;
	const char *text;
	enum status st = cfg_read_hundredths(&k->c, s, cfg_name(s), &bp, &text);
	if (st != ST_OK && st != ST_OVERFLOW)
		return st;
	/* Beyond 64 bits, the rate as written: no basis points hold it. */
	char buf[MONEY_BUFSZ];
	const char *shown = st == ST_OVERFLOW ? text : pct_text(bp, buf, sizeof buf);
	if (bp <= 0)
		return cfg_fail(&k->c.w, s, _("rate %s %% must be more than zero"), shown);
	if (bp > 10000)
		return cfg_fail(&k->c.w, s, _("rate %s %% is more than 100 %%"), shown);
	*out = (int32_t)bp;
	return ST_OK;
}

static const struct codelist *clist_of(const struct config *cfg, enum clist l)
{
	switch (l) {
	case CL_STATUSES:    return &cfg->statuses;
	case CL_PROFESSIONS: return &cfg->professions;
	case CL_GROUPS:      return &cfg->groups;
	case CL_KINDS:       return &cfg->activity_kinds;
	case CL_MEMBERS:     break;
	}
	return NULL;
}

/* Member codes live in the database, which a key file knows nothing of:
 * only their form is checked here. */
static enum status check_code(struct kctx *k, const config_setting_t *s,
                              enum clist l, const char *v)
{
	if (l == CL_MEMBERS)
		return check_member_code(k, s, v);
	if (config_find(clist_of(k->cfg, l), v))
		return ST_OK;
	switch (l) {
	case CL_STATUSES:    return cfg_fail(&k->c.w, s, _("unknown status \"%s\""), v);
	case CL_PROFESSIONS: return cfg_fail(&k->c.w, s, _("unknown profession \"%s\""), v);
	case CL_GROUPS:      return cfg_fail(&k->c.w, s, _("unknown group \"%s\""), v);
	case CL_KINDS:       return cfg_fail(&k->c.w, s, _("unknown activity kind \"%s\""), v);
	case CL_MEMBERS:     break;
	}
	return ST_OK;
}

/* A filter left out matches everyone; written empty it would match no
 * one, and the pool would refuse every distribution: so it is refused
 * here, where the line is known. */
static enum status empty_list(struct kctx *k, const config_setting_t *s, enum clist l)
{
	switch (l) {
	case CL_STATUSES:
		return cfg_fail(&k->c.w, s, _("an empty \"statuses\" list matches no one; leave the setting out to match every status"));
	case CL_PROFESSIONS:
		return cfg_fail(&k->c.w, s, _("an empty \"professions\" list matches no one; leave the setting out to match every profession"));
	case CL_GROUPS:
		return cfg_fail(&k->c.w, s, _("an empty \"groups\" list matches no one; leave the setting out to match every group"));
	case CL_MEMBERS:
		return cfg_fail(&k->c.w, s, _("an empty \"members\" list matches no one; leave the setting out to match every member"));
	case CL_KINDS:
		return cfg_fail(&k->c.w, s, _("an empty \"kinds\" list counts no hours; leave the setting out to count every kind"));
	}
	return err_set(k->c.w.e, ST_INTERNAL, NULL);
}

static enum status read_codes(struct kctx *k, const config_setting_t *s,
                              enum clist l, struct strlist *out)
{
	const char *nm = config_setting_name(s);
	if (!config_setting_is_array(s) && !config_setting_is_list(s))
		return cfg_fail(&k->c.w, s, _("\"%s\" must be a list of strings: [ \"a\", \"b\" ]"), nm);
	int n = config_setting_length(s);
	strlist_fini(out);
	if (n == 0)
		return empty_list(k, s, l);
	if (!(out->v = calloc((size_t)n, sizeof *out->v)))
		return nomem(k);
	for (int i = 0; i < n; i++) {
		const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(el) != CONFIG_TYPE_STRING)
			return cfg_fail(&k->c.w, el, _("\"%s\" must be a list of strings: [ \"a\", \"b\" ]"), nm);
		const char *v = config_setting_get_string(el);
		enum status st = check_code(k, el, l, v);
		if (st != ST_OK)
			return st;
		if (strlist_has(out, v))
			return cfg_fail(&k->c.w, el, _("\"%s\" is listed twice in \"%s\""), v, nm);
		if (!(out->v[out->n] = strdup(v)))
			return nomem(k);
		out->n++;
	}
	return ST_OK;
}

/* { name = number; ... } into parallel arrays of names and hundredths:
 * hourly rates by profession, or points by member. */
static enum status read_numbers(struct kctx *k, const config_setting_t *s, bool points,
                                void **arr, size_t *n_out)
{
	const char *nm = config_setting_name(s);
	if (!config_setting_is_group(s))
		return cfg_fail(&k->c.w, s, points ? _("\"%s\" must be a group: { CODE = 1.5; ... }")
		                         : _("\"%s\" must be a group: { gp = 80.0; ... }"), nm);
	int n = config_setting_length(s);
	size_t elsize = points ? sizeof(struct key_points) : sizeof(struct key_rate);
	free(*arr);
	*arr = NULL;
	*n_out = 0;
	/* Left out, rates count every hour 1; written empty, they would
	 * count every hour 0, and empty points give everyone 0. */
	if (n == 0)
		return cfg_fail(&k->c.w, s, points ? _("an empty \"points\" group gives every member 0 points; give each member's points: { CODE = 1.5; ... }")
		                         : _("an empty \"rates\" group counts every hour 0; leave the setting out to count every hour 1"));
	if (!(*arr = calloc((size_t)n, elsize)))
		return nomem(k);
	for (int i = 0; i < n; i++) {
		const config_setting_t *el = config_setting_get_elem(s, (unsigned)i);
		const char *code = config_setting_name(el);
		enum status st = check_code(k, el, points ? CL_MEMBERS : CL_PROFESSIONS, code);
		if (st != ST_OK)
			return st;
		int64_t v;
		const char *text;
		if ((st = cfg_read_hundredths(&k->c, el, code, &v, &text)) != ST_OK && st != ST_OVERFLOW)
			return st;
		if (v < 0)
			return cfg_fail(&k->c.w, el, points ? _("points of %s cannot be negative")
			                          : _("hourly rate of %s cannot be negative"), code);
		if (st == ST_OVERFLOW)
			return cfg_fail(&k->c.w, el, points ? _("points of %s: %s is more than a key can hold (at most 92233720368547758.07)")
			                          : _("hourly rate of %s: %s is more than a key can hold (at most 92233720368547758.07)"),
			                code, text);
		char *dup = strdup(code);
		if (!dup)
			return nomem(k);
		if (points)
			((struct key_points *)*arr)[i] = (struct key_points){ dup, v };
		else
			((struct key_rate *)*arr)[i] = (struct key_rate){ dup, v };
		*n_out = (size_t)i + 1;
	}
	return ST_OK;
}

static enum status read_reservations(struct kctx *k, const config_setting_t *s, struct key *key);
static enum status read_pools(struct kctx *k, const config_setting_t *s, struct key *key);

/* Read one setting into obj, by its field's type. */
static enum status read_field(struct kctx *k, const struct field *f,
                              const config_setting_t *s, void *obj)
{
	void *t = (char *)obj + f->target;
	const char *v = NULL;
	enum status st;
	switch (f->type) {
	case T_TEXT:    return cfg_read_text(&k->c, s, t);
	case T_ACCOUNT: return read_account(k, s, t);
	case T_AMOUNT:  return cfg_read_amount(&k->c, s, t);
	case T_RATE:    return read_rate(k, s, t);
	case T_BASIS:
		if ((st = cfg_read_choice(&k->c, s, &v)) != ST_OK)
			return st;
		if (!basis_parse(v, t))
			return cfg_fail(&k->c.w, s, _("unknown basis \"%s\": use equal, fte, patients, hours or points"), v);
		return ST_OK;
	case T_BOOL:
		if (config_setting_type(s) != CONFIG_TYPE_BOOL)
			return cfg_fail(&k->c.w, s, _("\"%s\" must be true or false"), cfg_name(s));
		*(bool *)t = config_setting_get_bool(s);
		return ST_OK;
	case T_AT:
		if ((st = cfg_read_choice(&k->c, s, &v)) != ST_OK)
			return st;
		if (strcmp(v, "average") != 0 && strcmp(v, "end") != 0)
			return cfg_fail(&k->c.w, s, _("unknown value \"%s\" for \"at\": use \"average\" or \"end\""), v);
		*(bool *)t = strcmp(v, "end") == 0;
		return ST_OK;
	case T_CODES:
		return read_codes(k, s, f->list, t);
	case T_RATES: {
		struct key_pool *p = obj;
		return read_numbers(k, s, false, (void **)&p->rates, &p->n_rates);
	}
	case T_POINTS: {
		struct key_pool *p = obj;
		return read_numbers(k, s, true, (void **)&p->points, &p->n_points);
	}
	case T_RESERVATIONS:
		return read_reservations(k, s, obj);
	case T_POOLS:
		return read_pools(k, s, obj);
	}
	return err_set(k->c.w.e, ST_INTERNAL, NULL);
}

/* Read the settings of group g through a table: unknown settings are
 * refused, required ones checked; found[i] is the setting that filled
 * fields[i], or NULL. */
static enum status read_group(struct kctx *k, const config_setting_t *g,
                              const struct field *fields, size_t nf, void *obj,
                              const config_setting_t **found)
{
	for (size_t f = 0; f < nf; f++)
		found[f] = NULL;
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *nm = config_setting_name(s);
		size_t f;
		for (f = 0; f < nf; f++)
			if (strcmp(nm, fields[f].name) == 0)
				break;
		if (f == nf)
			return cfg_fail(&k->c.w, s, _("unknown setting \"%s\""), nm);
		found[f] = s;
		enum status st = read_field(k, &fields[f], s, obj);
		if (st != ST_OK)
			return st;
	}
	for (size_t f = 0; f < nf; f++)
		if (fields[f].required && !found[f]) {
			if (fields[f].type == T_POOLS)
				return cfg_fail(&k->c.w, g, _("a key needs at least one pool"));
			return cfg_fail(&k->c.w, g, _("missing setting \"%s\""), fields[f].name);
		}
	return ST_OK;
}

static enum status read_reservations(struct kctx *k, const config_setting_t *s, struct key *key)
{
	if (!config_setting_is_list(s))
		return cfg_fail(&k->c.w, s, _("\"reservations\" must be a list of groups: ( { label = ...; }, ... )"));
	int n = config_setting_length(s);
	if (n == 0)
		return ST_OK;
	if (!(key->res = calloc((size_t)n, sizeof *key->res)))
		return nomem(k);
	int64_t total_bp = 0;
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		if (!config_setting_is_group(g))
			return cfg_fail(&k->c.w, g, _("a reservation must be a group: { label = ...; account = ...; }"));
		struct key_reservation *r = &key->res[i];
		key->n_res = (size_t)i + 1;
		r->line = (int)config_setting_source_line(g);
		const config_setting_t *found[COUNT(res_fields)];
		enum status st = read_group(k, g, res_fields, COUNT(res_fields), r, found);
		if (st != ST_OK)
			return st;
		if (found[R_AMOUNT] && found[R_RATE])
			return cfg_fail(&k->c.w, config_setting_source_line(found[R_AMOUNT]) >
			               config_setting_source_line(found[R_RATE]) ? found[R_AMOUNT] : found[R_RATE],
			            _("a reservation has an amount or a rate, not both"));
		if (!found[R_AMOUNT] && !found[R_RATE])
			return cfg_fail(&k->c.w, g, _("a reservation needs an amount or a rate"));
		r->is_rate = found[R_RATE] != NULL;
		if (r->is_rate)
			total_bp += r->rate_bp;
	}
	char buf[MONEY_BUFSZ];
	if (total_bp > 10000)
		return cfg_fail(&k->c.w, s, _("reservation rates add up to %s %%, more than 100 %%"),
		            pct_text(total_bp, buf, sizeof buf));
	return ST_OK;
}

static const char *basis_list(unsigned bases)
{
	for (int b = BASIS_EQUAL; b <= BASIS_POINTS; b++)
		if (bases == B(b))
			return basis_name((enum basis)b);
	return "?";
}

static enum status read_pools(struct kctx *k, const config_setting_t *s, struct key *key)
{
	if (!config_setting_is_list(s))
		return cfg_fail(&k->c.w, s, _("\"pools\" must be a list of groups: ( { label = ...; }, ... )"));
	int n = config_setting_length(s);
	if (n == 0)
		return cfg_fail(&k->c.w, s, _("a key needs at least one pool"));
	if (!(key->pools = calloc((size_t)n, sizeof *key->pools)))
		return nomem(k);
	int64_t total_bp = 0;
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(s, (unsigned)i);
		if (!config_setting_is_group(g))
			return cfg_fail(&k->c.w, g, _("a pool must be a group: { label = ...; rate = ...; basis = ...; }"));
		struct key_pool *p = &key->pools[i];
		key->n_pools = (size_t)i + 1;
		p->line = (int)config_setting_source_line(g);
		const config_setting_t *found[COUNT(pool_fields)];
		enum status st = read_group(k, g, pool_fields, COUNT(pool_fields), p, found);
		if (st != ST_OK)
			return st;
		/* Checked once the whole pool is read: `basis` may come last. */
		for (size_t f = 0; f < COUNT(pool_fields); f++)
			if (found[f] && pool_fields[f].bases && !(pool_fields[f].bases & B(p->basis)))
				return cfg_fail(&k->c.w, found[f], _("\"%s\" applies only to basis \"%s\""),
				            pool_fields[f].name, basis_list(pool_fields[f].bases));
		total_bp += p->rate_bp;
	}
	char buf[MONEY_BUFSZ];
	if (total_bp != 10000)
		return cfg_fail(&k->c.w, s, _("pool rates add up to %s %%, not 100 %%"),
		            pct_text(total_bp, buf, sizeof buf));
	return ST_OK;
}

/* Labels name the lines of a distribution: two alike would be ambiguous. */
static enum status check_labels(struct kctx *k, const struct key *key)
{
	size_t n = key->n_res + key->n_pools;
	for (size_t i = 1; i < n; i++) {
		const char *li = i < key->n_res ? key->res[i].label : key->pools[i - key->n_res].label;
		int line = i < key->n_res ? key->res[i].line : key->pools[i - key->n_res].line;
		for (size_t j = 0; j < i; j++) {
			const char *lj = j < key->n_res ? key->res[j].label : key->pools[j - key->n_res].label;
			int jline = j < key->n_res ? key->res[j].line : key->pools[j - key->n_res].line;
			if (strcmp(li, lj) == 0) {
				return cfg_fail_line(&k->c.w, (unsigned)line, _("duplicate label \"%s\" (also on line %d)"),
				                 li, jline);
			}
		}
	}
	return ST_OK;
}

static enum status read_key(struct kctx *k, config_t *cf, struct key *key)
{
	const config_setting_t *root = config_root_setting(cf);
	const config_setting_t *keyg = NULL;
	for (int i = 0; i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		if (strcmp(config_setting_name(s), "key") != 0)
			return cfg_fail(&k->c.w, s, _("unknown setting \"%s\""), config_setting_name(s));
		keyg = s;
	}
	if (!keyg)
		return cfg_fail(&k->c.w, NULL, _("no \"key\" group: key: { name = \"...\"; pools = ( ... ); };"));
	if (!config_setting_is_group(keyg))
		return cfg_fail(&k->c.w, keyg, _("\"key\" must be a group: key: { name = \"...\"; ... };"));
	const config_setting_t *found[COUNT(key_fields)];
	enum status st = read_group(k, keyg, key_fields, COUNT(key_fields), key, found);
	if (st != ST_OK)
		return st;
	return check_labels(k, key);
}

static enum status parse_config(struct kctx *k, config_t *cf, struct key **out)
{
	struct key *key = calloc(1, sizeof *key);
	if (!key)
		return nomem(k);
	enum status st = read_key(k, cf, key);
	if (st != ST_OK) {
		key_free(key);
		return st;
	}
	*out = key;
	return ST_OK;
}

enum status keyfile_parse(const char *text, const char *name,
                          const struct config *cfg, struct key **out,
                          struct err *e)
{
	*out = NULL;
	struct kctx k = { { { name, e, ST_INVALID }, { NULL, 0 }, { 0 } }, cfg };
	enum status st = cfg_doc_read(&k.c, text, _("@include is not allowed in a key file"));
	if (st == ST_OK)
		st = parse_config(&k, &k.c.cf, out);
	cfg_doc_fini(&k.c);
	return st;
}

enum status keyfile_load(const char *path, const struct config *cfg,
                         struct key **out, struct err *e)
{
	*out = NULL;
	struct sbuf b;
	sb_init(&b);
	enum status st = cfg_load_text(path, KEY_FILE_MAX, _("too large for a key file"), &b, e);
	if (st == ST_OK)
		st = keyfile_parse(b.s ? b.s : "", path, cfg, out, e);
	sb_fini(&b);
	return st;
}

/* ---- writing ---- */

/* s as a libconfig string literal: quotes, backslashes and control bytes
 * escaped, UTF-8 passed through. */
static void put_string(struct sbuf *b, const char *s)
{
	sb_add(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			sb_printf(b, "\\x%02x", *p);
		else
			sb_addn(b, (const char *)p, 1);
	}
	sb_add(b, "\"");
}

/* Hundredths as a number libconfig reads back exactly: a float literal
 * ("80.00") while it has at most 15 significant digits, a string beyond
 * (read_hundredths accepts both). */
static void put_hundredths(struct sbuf *b, int64_t v)
{
	char buf[MONEY_BUFSZ];
	decimal_format(v, 2, '.', buf, sizeof buf);
	if (v > -1000000000000000 && v < 1000000000000000)
		sb_add(b, buf);
	else
		put_string(b, buf);
}

static void put_list(struct sbuf *b, const char *name, const struct strlist *l)
{
	if (l->n == 0)
		return;
	sb_printf(b, "      %s = [ ", name);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sb_add(b, ", ");
		put_string(b, l->v[i]);
	}
	sb_add(b, " ];\n");
}

static void put_pool(struct sbuf *b, const struct key_pool *p)
{
	sb_add(b, "      label = ");
	put_string(b, p->label ? p->label : "");
	sb_add(b, ";\n      rate = ");
	put_hundredths(b, p->rate_bp);
	sb_printf(b, ";\n      basis = \"%s\";\n", basis_name(p->basis));
	sb_printf(b, "      prorata = %s;\n", p->prorata ? "true" : "false");
	if (p->basis == BASIS_PATIENTS || p->at_end)
		sb_printf(b, "      at = \"%s\";\n", p->at_end ? "end" : "average");
	put_list(b, "statuses", &p->statuses);
	put_list(b, "professions", &p->professions);
	put_list(b, "groups", &p->groups);
	put_list(b, "members", &p->members);
	put_list(b, "kinds", &p->kinds);
	if (p->n_rates) {
		sb_add(b, "      # Hourly rate by profession; a profession left out counts 0.\n"
		          "      rates = {\n");
		for (size_t i = 0; i < p->n_rates; i++) {
			sb_printf(b, "        %s = ", p->rates[i].profession);
			put_hundredths(b, p->rates[i].rate);
			sb_add(b, ";\n");
		}
		sb_add(b, "      };\n");
	}
	if (p->n_points) {
		sb_add(b, "      # Points by member code; a member left out has 0.\n"
		          "      points = {\n");
		for (size_t i = 0; i < p->n_points; i++) {
			sb_printf(b, "        %s = ", p->points[i].member);
			put_hundredths(b, p->points[i].points);
			sb_add(b, ";\n");
		}
		sb_add(b, "      };\n");
	}
}

void keyfile_write(const struct key *k, struct sbuf *b)
{
	const char *name = k->name ? k->name : "";
	/* The name again in the comment, escaped so a newline in it cannot
	 * end the comment. */
	sb_add(b, "# quotepart distribution key ");
	put_string(b, name);
	sb_add(b, "\n# Format: quotepart.cfg(5). Rates are percentages with at most two\n"
	          "# decimals; amounts are in euros.\n\nkey:\n{\n  name = ");
	put_string(b, name);
	sb_add(b, ";\n");
	if (k->description) {
		sb_add(b, "  description = ");
		put_string(b, k->description);
		sb_add(b, ";\n");
	}
	if (k->n_res) {
		sb_add(b, "\n  # Taken first, in this order, from the amount received.\n"
		          "  reservations = (\n");
		for (size_t i = 0; i < k->n_res; i++) {
			const struct key_reservation *r = &k->res[i];
			sb_add(b, "    {\n      label = ");
			put_string(b, r->label ? r->label : "");
			sb_add(b, ";\n      account = ");
			put_string(b, r->account ? r->account : "");
			if (r->is_rate) {
				sb_add(b, ";\n      rate = ");
				put_hundredths(b, r->rate_bp);
			} else {
				char buf[MONEY_BUFSZ];
				sb_add(b, ";\n      amount = ");
				put_string(b, money_format(r->amount, MONEY_PLAIN, buf, sizeof buf));
			}
			sb_printf(b, ";\n    }%s\n", i + 1 < k->n_res ? "," : "");
		}
		sb_add(b, "  );\n");
	}
	sb_add(b, "\n  # What is left is split between the pools by their rates (100 % in all),\n"
	          "  # then within each pool by its basis.\n"
	          "  pools = (\n");
	for (size_t i = 0; i < k->n_pools; i++) {
		sb_add(b, "    {\n");
		put_pool(b, &k->pools[i]);
		sb_printf(b, "    }%s\n", i + 1 < k->n_pools ? "," : "");
	}
	sb_add(b, "  );\n};\n");
}
