/* accounts.c: the "accounts" group of the configuration: the account
 * numbers the FEC journal writes (bank, revenue per source, members'
 * accounts, the allocation and the reservations), each checked at its
 * line. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_internal.h"
#include "quotepart/array.h"
#include "quotepart/config.h"
#include "quotepart/i18n.h"

/* The settings of the group, and the class (first digit) each must be
 * in, '\0' for any. */
struct account_def {
	const char *name;
	size_t target;          /* offsetof(struct config_accounts, ...) */
	char class_digit;
};

static const struct account_def defs[] = {
	{ "bank",       offsetof(struct config_accounts, bank),       '5' },
	{ "allocation", offsetof(struct config_accounts, allocation), '\0' },
	{ "associates", offsetof(struct config_accounts, associates), '4' },
	{ "others",     offsetof(struct config_accounts, others),     '4' },
	{ "posts",      offsetof(struct config_accounts, posts),      '\0' },
	{ "operating",  offsetof(struct config_accounts, operating),  '\0' },
	{ "revenue",    offsetof(struct config_accounts, revenue),    '7' },
};
#define N_DEFS (sizeof defs / sizeof defs[0])
#define SOURCES N_DEFS          /* the index of "sources" among the names */

static char **slot_of(struct config_accounts *a, const struct account_def *d)
{
	return (char **)((char *)a + d->target);
}

/* 3 to 20 characters: three digits (the class and its subdivisions),
 * then digits or capital letters, as the FEC's CompteNum takes them. */
static bool account_valid(const char *v)
{
	size_t n = strlen(v);
	if (n < 3 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		bool digit = v[i] >= '0' && v[i] <= '9';
		if (!digit && (i < 3 || v[i] < 'A' || v[i] > 'Z'))
			return false;
	}
	return v[0] != '0' && v[0] != '9';
}

/* The account of setting s into *slot (replacing it). */
static enum status read_account(const struct cfg_where *w, const config_setting_t *s,
                                char class_digit, char **slot)
{
	const char *nm = cfg_name(s);
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return cfg_fail(w, s, _("\"%s\" must be a string such as \"512000\""), nm);
	const char *v = config_setting_get_string(s);
	if (!account_valid(v))
		return cfg_fail(w, s, _("%s = \"%s\": an account number is 3 to 20 digits or capital letters, starting with 3 digits of class 1 to 8"),
		                nm, v);
	if (class_digit && v[0] != class_digit)
		return cfg_fail(w, s, _("%s = \"%s\": this account must be of class %c"), nm, v, class_digit);
	char *d = strdup(v);
	if (!d)
		return err_set(w->e, ST_NOMEM, NULL);
	free(*slot);
	*slot = d;
	return ST_OK;
}

/* One { code = "ACI"; account = "706100"; } of accounts.sources. */
static enum status read_source(const struct cfg_where *w, const config_setting_t *g,
                               const struct codelist *sources, struct config_accounts *a)
{
	static const char *const names[] = { "code", "account" };
	const config_setting_t *found[2];
	struct cfg_ctx c = { .w = *w };
	enum status st = cfg_walk(&c, g, names, 2, found);
	if (st != ST_OK)
		return st;
	if (!found[0] || !found[1])
		return cfg_fail(w, g, _("a source's account needs code and account: { code = \"ACI\"; account = \"706100\"; }"));
	const char *code;
	if ((st = cfg_read_choice(&c, found[0], &code)) != ST_OK)
		return st;
	if (!config_find(sources, code))
		return cfg_fail(w, found[0], _("unknown source \"%s\""), code);
	size_t i = 0;
	while (i < a->n_sources && strcmp(a->sources[i].source, code) != 0)
		i++;
	if (i == a->n_sources) {
		if (!array_grow(&a->sources, NULL, a->n_sources + 1, sizeof *a->sources))
			return err_set(w->e, ST_NOMEM, NULL);
		a->sources[i].account = NULL;
		if (!(a->sources[i].source = strdup(code)))
			return err_set(w->e, ST_NOMEM, NULL);
		a->n_sources++;
	}
	return read_account(w, found[1], '7', &a->sources[i].account);
}

enum status cfg_accounts_read(const struct cfg_where *w, const config_setting_t *g,
                              const struct codelist *sources, struct config_accounts *a)
{
	const char *names[N_DEFS + 1];
	const config_setting_t *found[N_DEFS + 1];
	for (size_t i = 0; i < N_DEFS; i++)
		names[i] = defs[i].name;
	names[SOURCES] = "sources";
	struct cfg_ctx c = { .w = *w };
	enum status st = cfg_walk(&c, g, names, N_DEFS + 1, found);
	for (size_t i = 0; st == ST_OK && i < N_DEFS; i++)
		if (found[i])
			st = read_account(w, found[i], defs[i].class_digit, slot_of(a, &defs[i]));
	const config_setting_t *l = found[SOURCES];
	if (st == ST_OK && l && !config_setting_is_list(l))
		return cfg_fail(w, l, _("\"sources\" must be a list: ( { code = \"ACI\"; account = \"706100\"; }, ... )"));
	for (int i = 0; st == ST_OK && l && i < config_setting_length(l); i++)
		st = read_source(w, config_setting_get_elem(l, (unsigned)i), sources, a);
	return st;
}

void cfg_accounts_fini(struct config_accounts *a)
{
	for (size_t i = 0; i < N_DEFS; i++)
		free(*slot_of(a, &defs[i]));
	for (size_t i = 0; i < a->n_sources; i++) {
		free(a->sources[i].source);
		free(a->sources[i].account);
	}
	free(a->sources);
	memset(a, 0, sizeof *a);
}

const char *config_source_account(const struct config *c, const char *source)
{
	for (size_t i = 0; source && i < c->accounts.n_sources; i++)
		if (strcmp(c->accounts.sources[i].source, source) == 0)
			return c->accounts.sources[i].account;
	return c->accounts.revenue;
}
