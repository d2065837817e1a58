/* keyedit.c: keys edited part by part: the text forms of a part's
 * settings (lists of codes, numbers by code, an amount or a rate), the
 * checks a key file's reader makes, worded for a form and naming the
 * part, and saving the result as a new version the way an import does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app_internal.h"
#include "quotepart/array.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* ---- small helpers ---- */

void app_hundredths_text(int64_t v, char *buf, size_t size)
{
	decimal_format(v, 2, i18n_is_french() ? ',' : '.', buf, size);
	char *end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && (end[-1] == '.' || end[-1] == ','))
		end[-1] = '\0';
}

static bool member_exists(struct app *a, const char *code)
{
	struct member m;
	struct err tmp = ERR_INIT;
	bool found = db_member_get(a->db, code, &m, &tmp) == ST_OK;
	if (found)
		member_fini(&m);
	err_fini(&tmp);
	return found;
}

static bool post_exists(struct app *a, const char *code)
{
	struct post *v = NULL;
	size_t n = 0;
	bool found = false;
	if (db_posts(a->db, &v, &n, NULL) == ST_OK)
		for (size_t i = 0; i < n; i++)
			found = found || strcmp(v[i].code, code) == 0;
	post_list_free(v, n);
	return found;
}

/* "a, b, c": the codes of a configuration list, for "one of" messages. */
static char *codes_of(const struct codelist *l)
{
	struct sbuf b;
	sb_init(&b);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", l->v[i].code);
	return sb_take(&b);
}

/* The configuration list and the word for a FIELD_* list of codes. */
static const struct codelist *list_of(struct app *a, enum app_field f, const char **what)
{
	switch (f) {
	case FIELD_STATUSES: *what = _("status"); return &a->cfg->statuses;
	case FIELD_PROFESSIONS: *what = _("profession"); return &a->cfg->professions;
	case FIELD_GROUPS: *what = _("group"); return &a->cfg->groups;
	case FIELD_KINDS: *what = _("activity kind"); return &a->cfg->activity_kinds;
	default: *what = _("member"); return NULL;
	}
}

/* Whether `code` is acceptable in a list of kind f; the reason otherwise. */
static enum status code_ok(struct app *a, enum app_field f, const char *code,
                           bool must_exist, struct err *e)
{
	const char *what;
	const struct codelist *l = list_of(a, f, &what);
	if (!l) {
		if (!text_valid_code(code))
			return err_set(e, ST_INVALID, _("\"%s\" is not a member code"), code);
		if (must_exist && !member_exists(a, code))
			return err_set(e, ST_INVALID, _("no member \"%s\""), code);
		return ST_OK;
	}
	if (config_find(l, code))
		return ST_OK;
	char *codes = codes_of(l);
	err_set(e, ST_INVALID, _("unknown %s \"%s\"; one of: %s"), what, code, codes ? codes : "");
	free(codes);
	return ST_INVALID;
}

/* ---- lists of codes ---- */

char *app_codes_text(const struct strlist *l)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", l->v[i]);
	return sb_take(&b);
}

#define SEPARATORS ",;|"
#define BLANKS " \t"

/* Adds to l, once, the code that `tok` stands for: a code, or the label
 * of one in English or in French ("Associé", "Nurse"), as the member
 * forms and the imports take them; the code is what the key keeps. */
static enum status add_code(struct app *a, enum app_field f, const char *tok,
                            struct strlist *l, struct err *e)
{
	const char *what;
	const struct cfg_item *it = config_find_text(list_of(a, f, &what), tok);
	const char *code = it ? it->code : tok;
	enum status rc = it ? ST_OK : code_ok(a, f, tok, true, e);
	if (rc != ST_OK)
		return rc;
	if (strlist_has(l, code))
		return err_set(e, ST_INVALID, _("\"%s\" is listed twice"), tok);
	if (!array_grow(&l->v, NULL, l->n + 1, sizeof *l->v) || !(l->v[l->n] = strdup(code)))
		return err_set(e, ST_NOMEM, NULL);
	l->n++;
	return ST_OK;
}

/* Items are separated by commas, semicolons or |, or by blanks; an item
 * of several words is a label as a whole ("Médecin généraliste"). */
enum status app_codes_parse(struct app *a, enum app_field f, const char *text,
                            struct strlist *out, struct err *e)
{
	char *s = strdup(text ? text : "");
	if (!s)
		return err_set(e, ST_NOMEM, NULL);
	struct strlist l = { NULL, 0 };
	enum status rc = ST_OK;
	const char *what;
	const struct codelist *known = list_of(a, f, &what);
	char *save = NULL;
	for (char *item = strtok_r(s, SEPARATORS, &save); item && rc == ST_OK;
	     item = strtok_r(NULL, SEPARATORS, &save)) {
		item = text_trim(item);
		if (strpbrk(item, BLANKS) && config_find_text(known, item)) {
			rc = add_code(a, f, item, &l, e);
			continue;
		}
		char *words = NULL;
		for (char *tok = strtok_r(item, BLANKS, &words); tok && rc == ST_OK;
		     tok = strtok_r(NULL, BLANKS, &words))
			rc = add_code(a, f, tok, &l, e);
	}
	free(s);
	if (rc != ST_OK) {
		strlist_fini(&l);
		return rc;
	}
	strlist_fini(out);
	*out = l;
	return ST_OK;
}

/* ---- numbers by code: hourly rates, points ---- */

static char *numbers_text(const char *const *codes, const int64_t *values, size_t n)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	for (size_t i = 0; i < n; i++) {
		char num[MONEY_BUFSZ];
		app_hundredths_text(values[i], num, sizeof num);
		sb_printf(&b, "%s%s = %s", i ? "; " : "", codes[i], num);
	}
	return sb_take(&b);
}

char *app_rates_text(const struct key_rate *v, size_t n)
{
	const char **codes = calloc(n ? n : 1, sizeof *codes);
	int64_t *values = calloc(n ? n : 1, sizeof *values);
	char *s = NULL;
	if (codes && values) {
		for (size_t i = 0; i < n; i++) {
			codes[i] = v[i].profession;
			values[i] = v[i].rate;
		}
		s = numbers_text(codes, values, n);
	}
	free(codes);
	free(values);
	return s;
}

char *app_points_text(const struct key_points *v, size_t n)
{
	const char **codes = calloc(n ? n : 1, sizeof *codes);
	int64_t *values = calloc(n ? n : 1, sizeof *values);
	char *s = NULL;
	if (codes && values) {
		for (size_t i = 0; i < n; i++) {
			codes[i] = v[i].member;
			values[i] = v[i].points;
		}
		s = numbers_text(codes, values, n);
	}
	free(codes);
	free(values);
	return s;
}

/* "gp = 80; nurse = 50,5" into codes and hundredths (parallel arrays);
 * f is FIELD_RATES (professions) or FIELD_POINTS (members). */
static enum status numbers_parse(struct app *a, enum app_field f, const char *text,
                                 struct strlist *codes, int64_t **values, struct err *e)
{
	char *s = strdup(text ? text : "");
	if (!s)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = ST_OK;
	enum app_field list = f == FIELD_RATES ? FIELD_PROFESSIONS : FIELD_MEMBERS;
	const char *example = f == FIELD_RATES ? "gp = 80; nurse = 50" : "GP1 = 3; IDE2 = 1,5";
	char *save = NULL;
	for (char *item = strtok_r(s, ";", &save); item && rc == ST_OK; item = strtok_r(NULL, ";", &save)) {
		item = text_trim(item);
		if (!*item)
			continue;
		size_t n = strcspn(item, "=: \t");
		char *num = item + n;
		num += strspn(num, " \t");
		if (*num == '=' || *num == ':')
			num++;
		item[n] = '\0';
		num = text_trim(num);
		int64_t v = 0;
		if (!*item || !*num) {
			rc = err_set(e, ST_INVALID, _("write CODE = NUMBER, separated by ';' (%s)"), example);
			break;
		}
		if ((rc = code_ok(a, list, item, true, e)) != ST_OK)
			break;
		if (strlist_has(codes, item)) {
			rc = err_set(e, ST_INVALID, _("\"%s\" is listed twice"), item);
			break;
		}
		if (decimal_parse(num, 2, &v) != ST_OK || v < 0) {
			rc = err_set(e, ST_INVALID, _("%s: \"%s\" is not a number of at least 0 with at most two decimals"),
			             item, num);
			break;
		}
		if (!array_grow(&codes->v, NULL, codes->n + 1, sizeof *codes->v) ||
		    !array_grow(values, NULL, codes->n + 1, sizeof **values) ||
		    !(codes->v[codes->n] = strdup(item))) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		(*values)[codes->n++] = v;
	}
	free(s);
	return rc;
}

enum status app_rates_parse(struct app *a, const char *text, struct key_rate **out,
                            size_t *n, struct err *e)
{
	struct strlist codes = { NULL, 0 };
	int64_t *values = NULL;
	enum status rc = numbers_parse(a, FIELD_RATES, text, &codes, &values, e);
	struct key_rate *v = NULL;
	if (rc == ST_OK && codes.n && !(v = calloc(codes.n, sizeof *v)))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i].profession);
		free(*out);
		for (size_t i = 0; i < codes.n; i++)
			v[i] = (struct key_rate){ codes.v[i], values[i] };
		*out = v;
		*n = codes.n;
		free(codes.v);   /* the strings went to v */
	} else {
		strlist_fini(&codes);
	}
	free(values);
	return rc;
}

enum status app_points_parse(struct app *a, const char *text, struct key_points **out,
                             size_t *n, struct err *e)
{
	struct strlist codes = { NULL, 0 };
	int64_t *values = NULL;
	enum status rc = numbers_parse(a, FIELD_POINTS, text, &codes, &values, e);
	struct key_points *v = NULL;
	if (rc == ST_OK && codes.n && !(v = calloc(codes.n, sizeof *v)))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i].member);
		free(*out);
		for (size_t i = 0; i < codes.n; i++)
			v[i] = (struct key_points){ codes.v[i], values[i] };
		*out = v;
		*n = codes.n;
		free(codes.v);
	} else {
		strlist_fini(&codes);
	}
	free(values);
	return rc;
}

/* ---- a reservation's amount or rate; yes or no ---- */

char *app_res_value_text(const struct key_reservation *r)
{
	char buf[MONEY_BUFSZ];
	struct sbuf b;
	sb_init(&b);
	if (r->is_rate) {
		app_hundredths_text(r->rate_bp, buf, sizeof buf);
		sb_printf(&b, "%s %%", buf);
	} else {
		sb_add(&b, money_format(r->amount, money_text_style(), buf, sizeof buf));
	}
	return sb_take(&b);
}

enum status app_res_value_parse(const char *text, struct key_reservation *r,
                                struct err *e)
{
	char *s = strdup(text ? text : "");
	if (!s)
		return err_set(e, ST_NOMEM, NULL);
	char *t = text_trim(s);
	size_t len = strlen(t);
	enum status rc = ST_OK;
	int64_t v = 0;
	if (!len) {
		rc = err_set(e, ST_INVALID, _("required: an amount (18 000,00) or a rate (12,5 %%)"));
	} else if (t[len - 1] == '%') {
		t[len - 1] = '\0';
		if (decimal_parse(t, 2, &v) != ST_OK)
			rc = err_set(e, ST_INVALID, _("not a rate: write a percentage with at most two decimals, e.g. 12,5 %%"));
		else if (v <= 0 || v > 10000)
			rc = err_set(e, ST_INVALID, _("a rate must be above 0 and at most 100 %%"));
		else {
			r->is_rate = true;
			r->rate_bp = (int32_t)v;
			r->amount = 0;
		}
	} else if (money_parse(t, &v) != ST_OK) {
		rc = err_set(e, ST_INVALID, _("write an amount (18 000,00) or a rate ending with %% (12,5 %%)"));
	} else if (v <= 0) {
		rc = err_set(e, ST_INVALID, _("the amount must be more than zero"));
	} else {
		r->is_rate = false;
		r->amount = v;
		r->rate_bp = 0;
	}
	free(s);
	return rc;
}

const char *app_yes_no(bool yes)
{
	return yes ? _("yes") : _("no");
}

bool app_is_yes(const char *text)
{
	return strcasecmp(text, _("yes")) == 0 || strcasecmp(text, "yes") == 0;
}

const char *app_basis_text(enum basis b)
{
	return basis_label(b);
}

bool app_basis_parse(const char *text, enum basis *out)
{
	if (basis_parse(text, out))
		return true;
	for (int b = BASIS_EQUAL; b <= BASIS_POINTS; b++) {
		if (strcasecmp(text, basis_label((enum basis)b)) == 0) {
			*out = (enum basis)b;
			return true;
		}
	}
	return false;
}

static const char *const at_codes[] = { "average", "end" };
static const char *const at_words[] = {
	NC_("patients at", "average"), NC_("patients at", "end")
};

const char *app_at_text(bool at_end)
{
	return i18n_ctx(at_words[at_end]);
}

bool app_at_parse(const char *text, bool *at_end)
{
	for (int i = 0; i < 2; i++) {
		if (strcmp(text, at_codes[i]) == 0 || strcasecmp(text, i18n_ctx(at_words[i])) == 0) {
			*at_end = i == 1;
			return true;
		}
	}
	return false;
}

static bool is_yes_or_no(const char *text)
{
	return app_is_yes(text) || strcasecmp(text, _("no")) == 0 || strcasecmp(text, "no") == 0;
}

/* ---- field checks ---- */

static enum status check_account(struct app *a, const char *s, bool must_exist,
                                 struct err *e)
{
	if (strcmp(s, "operating") == 0)
		return ST_OK;
	if (strncmp(s, "post:", 5) == 0 && text_valid_code(s + 5)) {
		if (must_exist && !post_exists(a, s + 5))
			return err_set(e, ST_INVALID, _("no post \"%s\" in this practice"), s + 5);
		return ST_OK;
	}
	if (strncmp(s, "member:", 7) == 0 && text_valid_code(s + 7)) {
		if (must_exist && !member_exists(a, s + 7))
			return err_set(e, ST_INVALID, _("no member \"%s\" in this practice"), s + 7);
		return ST_OK;
	}
	return err_set(e, ST_INVALID, _("write operating, post:CODE or member:CODE"));
}

enum status app_key_field_check(struct app *a, enum app_field f, const char *s,
                                struct err *e)
{
	enum basis b;
	bool at_end;
	enum status rc;
	switch (f) {
	case FIELD_ACCOUNT:
		return check_account(a, s, true, e);
	case FIELD_RES_VALUE: {
		struct key_reservation r;
		memset(&r, 0, sizeof r);
		return app_res_value_parse(s, &r, e);
	}
	case FIELD_BASIS:
		if (app_basis_parse(s, &b))
			return ST_OK;
		return err_set(e, ST_INVALID, _("one of: equal, fte, patients, hours, points"));
	case FIELD_AT:
		if (app_at_parse(s, &at_end))
			return ST_OK;
		return err_set(e, ST_INVALID, _("average (over the period's days) or end (at the period's end)"));
	case FIELD_STATUSES: case FIELD_PROFESSIONS: case FIELD_GROUPS: case FIELD_KINDS:
	case FIELD_MEMBERS: {
		struct strlist l = { NULL, 0 };
		rc = app_codes_parse(a, f, s, &l, e);
		strlist_fini(&l);
		return rc;
	}
	case FIELD_RATES: {
		struct key_rate *v = NULL;
		size_t n = 0;
		rc = app_rates_parse(a, s, &v, &n, e);
		for (size_t i = 0; i < n; i++)
			free(v[i].profession);
		free(v);
		return rc;
	}
	case FIELD_POINTS: {
		struct key_points *v = NULL;
		size_t n = 0;
		rc = app_points_parse(a, s, &v, &n, e);
		for (size_t i = 0; i < n; i++)
			free(v[i].member);
		free(v);
		return rc;
	}
	case FIELD_YESNO:
		if (is_yes_or_no(s))
			return ST_OK;
		return err_set(e, ST_INVALID, _("%s or %s"), _("yes"), _("no"));
	default:
		return err_set(e, ST_INTERNAL, "not a key field");
	}
}

/* ---- checking parts and keys ---- */

static enum status check_label(const char *label, struct err *e)
{
	const char *why = NULL;
	if (!label || !*label)
		return err_set(e, ST_INVALID, _("the label is empty"));
	if (text_check(label, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("label: %s is not allowed"), _(why));
	return ST_OK;
}

static enum status check_rate(int32_t bp, struct err *e)
{
	if (bp <= 0 || bp > 10000)
		return err_set(e, ST_INVALID, _("the rate must be above 0 and at most 100 %%"));
	return ST_OK;
}

/* A list of a pool, as a key file's reader checks it: known codes (member
 * codes by their form only: a key may come from another practice), none
 * twice. */
static enum status check_codes(struct app *a, enum app_field f, const char *name,
                               const struct strlist *l, struct err *e)
{
	for (size_t i = 0; i < l->n; i++) {
		enum status rc = code_ok(a, f, l->v[i], false, e);
		if (rc != ST_OK)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(l->v[i], l->v[j]) == 0)
				return err_set(e, ST_INVALID, _("\"%s\" is listed twice in %s"), l->v[i], name);
	}
	return ST_OK;
}

static enum status check_pool(struct app *a, const struct key_pool *p, struct err *e)
{
	enum status rc;
	if ((rc = check_label(p->label, e)) != ST_OK || (rc = check_rate(p->rate_bp, e)) != ST_OK)
		return rc;
	if ((unsigned)p->basis > BASIS_POINTS)
		return err_set(e, ST_INVALID, _("unknown basis"));
	if (p->at_end && p->basis != BASIS_PATIENTS)
		return err_set(e, ST_INVALID, _("counting at the period's end applies only to basis \"patients\""));
	if ((p->kinds.n || p->n_rates) && p->basis != BASIS_HOURS)
		return err_set(e, ST_INVALID, _("activity kinds and hourly rates apply only to basis \"hours\""));
	if (p->n_points && p->basis != BASIS_POINTS)
		return err_set(e, ST_INVALID, _("points apply only to basis \"points\""));
	if ((rc = check_codes(a, FIELD_STATUSES, _("statuses"), &p->statuses, e)) != ST_OK ||
	    (rc = check_codes(a, FIELD_PROFESSIONS, _("professions"), &p->professions, e)) != ST_OK ||
	    (rc = check_codes(a, FIELD_GROUPS, _("groups"), &p->groups, e)) != ST_OK ||
	    (rc = check_codes(a, FIELD_MEMBERS, _("members"), &p->members, e)) != ST_OK ||
	    (rc = check_codes(a, FIELD_KINDS, _("kinds"), &p->kinds, e)) != ST_OK)
		return rc;
	for (size_t i = 0; i < p->n_rates; i++) {
		if ((rc = code_ok(a, FIELD_PROFESSIONS, p->rates[i].profession, false, e)) != ST_OK)
			return rc;
		if (p->rates[i].rate < 0)
			return err_set(e, ST_INVALID, _("hourly rate of %s cannot be negative"), p->rates[i].profession);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->rates[i].profession, p->rates[j].profession) == 0)
				return err_set(e, ST_INVALID, _("\"%s\" is listed twice in %s"), p->rates[i].profession, _("hourly rates"));
	}
	for (size_t i = 0; i < p->n_points; i++) {
		if ((rc = code_ok(a, FIELD_MEMBERS, p->points[i].member, false, e)) != ST_OK)
			return rc;
		if (p->points[i].points < 0)
			return err_set(e, ST_INVALID, _("points of %s cannot be negative"), p->points[i].member);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->points[i].member, p->points[j].member) == 0)
				return err_set(e, ST_INVALID, _("\"%s\" is listed twice in %s"), p->points[i].member, _("points"));
	}
	return ST_OK;
}

static enum status check_reservation(struct app *a, const struct key_reservation *r,
                                     struct err *e)
{
	enum status rc;
	if ((rc = check_label(r->label, e)) != ST_OK ||
	    (rc = check_account(a, r->account ? r->account : "", false, e)) != ST_OK)
		return rc;
	if (r->is_rate)
		return check_rate(r->rate_bp, e);
	if (r->amount <= 0)
		return err_set(e, ST_INVALID, _("the amount must be more than zero"));
	return ST_OK;
}

static const char *part_label(const struct key *k, size_t i)
{
	const char *l = i < k->n_res ? k->res[i].label : k->pools[i - k->n_res].label;
	return l ? l : "";
}

enum status app_key_part_check(struct app *a, const struct key *k, bool pool,
                               size_t i, struct err *e)
{
	if (pool ? i >= k->n_pools : i >= k->n_res)
		return err_set(e, ST_INTERNAL, "no such part");
	const char *label = pool ? k->pools[i].label : k->res[i].label;
	enum status rc = pool ? check_pool(a, &k->pools[i], e) : check_reservation(a, &k->res[i], e);
	/* Labels name the lines of a distribution: two alike are ambiguous. */
	size_t me = pool ? k->n_res + i : i;
	for (size_t j = 0; rc == ST_OK && j < k->n_res + k->n_pools; j++)
		if (j != me && strcmp(part_label(k, j), label ? label : "") == 0)
			rc = err_set(e, ST_INVALID, _("another part of the key is already labelled \"%s\""), label);
	if (rc != ST_OK)
		err_prefix(e, pool ? _("pool \"%s\"") : _("reservation \"%s\""), label ? label : "");
	return rc;
}

enum status app_key_check(struct app *a, const struct key *k, struct err *e)
{
	const char *why = NULL;
	char pct[MONEY_BUFSZ];
	if (!k->name || !*k->name)
		return err_set(e, ST_INVALID, _("the key has no name"));
	if (text_check(k->name, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("key name: %s is not allowed"), _(why));
	if (k->description && text_check(k->description, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("description: %s is not allowed"), _(why));
	int64_t res_bp = 0, pool_bp = 0;
	for (size_t i = 0; i < k->n_res; i++) {
		enum status rc = app_key_part_check(a, k, false, i, e);
		if (rc != ST_OK)
			return rc;
		res_bp += k->res[i].is_rate ? k->res[i].rate_bp : 0;
	}
	if (res_bp > 10000) {
		app_hundredths_text(res_bp, pct, sizeof pct);
		return err_set(e, ST_INVALID, _("the reservations' rates add up to %s %%, more than 100 %%"), pct);
	}
	if (!k->n_pools)
		return err_set(e, ST_INVALID, _("a key needs at least one pool to share what is left"));
	for (size_t i = 0; i < k->n_pools; i++) {
		enum status rc = app_key_part_check(a, k, true, i, e);
		if (rc != ST_OK)
			return rc;
		pool_bp += k->pools[i].rate_bp;
	}
	if (pool_bp != 10000) {
		app_hundredths_text(pool_bp, pct, sizeof pct);
		return err_set(e, ST_INVALID, _("the pools' rates add up to %s %%: they must add up to 100 %%"), pct);
	}
	return ST_OK;
}

/* ---- saving ---- */

enum status app_key_save(struct app *a, const struct key *k, int base_version,
                         int *version, bool *is_new, struct err *e)
{
	enum status rc = app_key_check(a, k, e);
	if (rc != ST_OK)
		return rc;
	struct key *before = NULL;
	if (base_version > 0) {
		rc = app_key_get(a, k->name, &before, NULL, e);
		if (rc == ST_OK && before->version != base_version)
			rc = err_set(e, ST_REFUSED,
			             _("key \"%s\" was changed in another session since you opened it (version %d is now the latest); "
			               "nothing was saved: open it again"), k->name, before->version);
		if (rc != ST_OK) {
			key_free(before);
			return rc;
		}
	}
	int v = 0;
	bool fresh = false;
	rc = app_key_store(a, k, base_version, "key edit", "the terminal interface", &v, &fresh, e);
	if (rc == ST_OK && fresh) {
		app_remember_key(a, k->name, before, key_dup(k), v);
		before = NULL;
	}
	key_free(before);
	if (rc == ST_OK) {
		if (version)
			*version = v;
		if (is_new)
			*is_new = fresh;
	}
	return rc;
}
