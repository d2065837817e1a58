/* cfg_read.c: what every libconfig file quotepart reads shares (key
 * files, rule sets, declarations): parsing with the numbers kept as
 * written and @include refused, and readers of one setting that name
 * the line of a fault. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_internal.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* Whether a number's text has more than `places` digits after its
 * decimal mark, so the refusal can say why instead of "not a number". */
static bool too_many_decimals(const char *s, int places)
{
	const char *mark = strrchr(s, '.');
	const char *comma = strrchr(s, ',');
	if (!mark || (comma && comma > mark))
		mark = comma;
	if (!mark)
		return false;
	size_t digits = strspn(mark + 1, "0123456789");
	return digits > (size_t)places && mark[1 + digits + strspn(mark + 1 + digits, " ")] == '\0';
}

/* Whether a number written as a string is negative, for the range
 * messages of one too large to read. */
static bool negative_text(const char *s)
{
	s += strspn(s, " ");
	return *s == '-' || strncmp(s, "\xe2\x88\x92", 3) == 0;
}

/* A number with at most `places` (2 or 4) decimals scaled by 10^places:
 * 12.5 -> 1250, 30 -> 3000, "30,5" -> 3050 for 2, read from what the file
 * says (cfg_number.c), never from libconfig's int or double. ST_OVERFLOW,
 * with nothing said yet, when it is beyond 64 bits: *out is then
 * INT64_MIN or INT64_MAX by its sign, so that the caller says what the
 * setting allows. *text is what was written, for messages. */
enum status cfg_read_decimal(struct cfg_ctx *c, const config_setting_t *s, const char *what,
                             int places, int64_t *out, const char **text)
{
	enum cfg_num r;
	if (config_setting_type(s) == CONFIG_TYPE_STRING) {
		*text = config_setting_get_string(s);
		enum status st = decimal_parse(*text, places, out);
		r = st == ST_OK ? CFG_NUM_OK : st == ST_OVERFLOW ? CFG_NUM_RANGE :
		    too_many_decimals(*text, places) ? CFG_NUM_DECIMALS : CFG_NUM_NOT_NUMBER;
		if (r == CFG_NUM_RANGE)
			*out = negative_text(*text) ? INT64_MIN : INT64_MAX;
		if (r == CFG_NUM_NOT_NUMBER)
			return cfg_fail(&c->w, s, _("%s \"%s\" is not a number"), what, *text);
	} else if ((*text = cfg_number_text(&c->nums, s)) != NULL) {
		r = cfg_literal_value(*text, places, out);
		if (r == CFG_NUM_NOT_NUMBER)
			return cfg_fail(&c->w, s, _("%s \"%s\" is not a number"), what, *text);
	} else {
		return cfg_fail(&c->w, s, _("%s must be a number"), what);
	}
	if (r == CFG_NUM_DECIMALS && places == 4)
		return cfg_fail(&c->w, s, _("%s %s has more than four decimals"), what, *text);
	if (r == CFG_NUM_DECIMALS)
		return cfg_fail(&c->w, s, _("%s %s has more than two decimals"), what, *text);
	return r == CFG_NUM_RANGE ? ST_OVERFLOW : ST_OK;
}

enum status cfg_read_hundredths(struct cfg_ctx *c, const config_setting_t *s,
                                const char *what, int64_t *out, const char **text)
{
	return cfg_read_decimal(c, s, what, 2, out, text);
}

enum status cfg_read_text(struct cfg_ctx *c, const config_setting_t *s, char **out)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return cfg_fail(&c->w, s, _("\"%s\" must be a string"), cfg_name(s));
	const char *v = config_setting_get_string(s);
	const char *why = NULL;
	if (!*v)
		return cfg_fail(&c->w, s, _("\"%s\" is empty"), cfg_name(s));
	if (text_check(v, &why) != ST_OK)
		return cfg_fail(&c->w, s, _("\"%s\": %s"), cfg_name(s), _(why));
	free(*out);
	if (!(*out = strdup(v)))
		return err_set(c->w.e, ST_NOMEM, NULL);
	return ST_OK;
}

enum status cfg_read_money(struct cfg_ctx *c, const config_setting_t *s, bool zero, int64_t *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return cfg_fail(&c->w, s, _("amount must be a string such as \"18000.00\""));
	const char *v = config_setting_get_string(s);
	enum status st = money_parse(v, out);
	if (st == ST_OVERFLOW)
		return cfg_fail(&c->w, s, _("amount \"%s\" is out of range"), v);
	if (st != ST_OK)
		return cfg_fail(&c->w, s, _("invalid amount \"%s\""), v);
	if (*out < 0 && zero)
		return cfg_fail(&c->w, s, _("amount \"%s\" cannot be negative"), v);
	if (*out <= 0 && !zero)
		return cfg_fail(&c->w, s, _("amount \"%s\" must be more than zero"), v);
	return ST_OK;
}

enum status cfg_read_amount(struct cfg_ctx *c, const config_setting_t *s, int64_t *out)
{
	return cfg_read_money(c, s, false, out);
}

enum status cfg_read_choice(struct cfg_ctx *c, const config_setting_t *s, const char **out)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return cfg_fail(&c->w, s, _("\"%s\" must be a string"), cfg_name(s));
	*out = config_setting_get_string(s);
	return ST_OK;
}

static enum status syntax_error(struct cfg_ctx *c)
{
	int line = config_error_line(&c->cf);
	return cfg_fail_line(&c->w, line > 0 ? (unsigned)line : 0, "%s", config_error_text(&c->cf));
}

/* libconfig would read any file an @include line names: a key file that
 * came from another practice must not make us read local files. */
static unsigned include_line(const char *text)
{
	unsigned line = 1;
	for (const char *p = text; *p; line++) {
		p += strspn(p, " \t");
		if (strncmp(p, "@include", 8) == 0)
			return line;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return 0;
}


enum status cfg_doc_read(struct cfg_ctx *c, const char *text, const char *include_msg)
{
	config_init(&c->cf);
	c->nums = (struct cfg_numbers){ NULL, 0 };
	unsigned inc = include_line(text);
	if (inc)
		return cfg_fail_line(&c->w, inc, "%s", include_msg);
	char *prepared = NULL;
	if (cfg_numbers_prepare(text, &prepared, &c->nums) != ST_OK)
		return err_set(c->w.e, ST_NOMEM, NULL);
	enum status st = config_read_string(&c->cf, prepared) == CONFIG_TRUE ? ST_OK : syntax_error(c);
	free(prepared);
	return st;
}

void cfg_doc_fini(struct cfg_ctx *c)
{
	config_destroy(&c->cf);
	cfg_numbers_fini(&c->nums);
}

enum status cfg_load_text(const char *path, size_t max, const char *too_large,
                          struct sbuf *b, struct err *e)
{
	int err_no;
	enum status st = text_read_file(path, max, b, &err_no);
	if (st == ST_NOTFOUND || st == ST_IO)
		return err_set(e, err_no == ENOENT ? ST_NOTFOUND : ST_IO, _("cannot read %s: %s"), path, strerror(err_no));
	if (st == ST_NOMEM)
		return err_set(e, ST_NOMEM, NULL);
	if (st == ST_INVALID)
		return err_set(e, ST_INVALID, "%s: %s", path, too_large);
	if (b->len && memchr(b->s, '\0', b->len))
		return err_set(e, ST_INVALID, _("%s: not a text file"), path);
	return ST_OK;
}

const char *cfg_name(const config_setting_t *s)
{
	for (; s; s = config_setting_parent(s)) {
		const char *nm = config_setting_name(s);
		if (nm)
			return nm;
	}
	return "";
}

enum status cfg_read_int(struct cfg_ctx *c, const config_setting_t *s, int64_t min,
                         int64_t max, int64_t *out)
{
	const char *nm = cfg_name(s);
	const char *text = cfg_number_text(&c->nums, s);
	if (!text || config_setting_type(s) != CONFIG_TYPE_INT64)
		return cfg_fail(&c->w, s, _("\"%s\" must be a whole number"), nm);
	int64_t v;
	enum cfg_num r = cfg_literal_value(text, 0, &v);
	if (r == CFG_NUM_NOT_NUMBER || r == CFG_NUM_DECIMALS)
		return cfg_fail(&c->w, s, _("\"%s\" must be a whole number"), nm);
	if (r == CFG_NUM_RANGE || v < min || v > max)
		return cfg_fail(&c->w, s, _("%s = %s: it must be between %lld and %lld"), nm,
		                text, (long long)min, (long long)max);
	*out = v;
	return ST_OK;
}

enum status cfg_read_bool(struct cfg_ctx *c, const config_setting_t *s, bool *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return cfg_fail(&c->w, s, _("\"%s\" must be true or false"), cfg_name(s));
	*out = config_setting_get_bool(s);
	return ST_OK;
}

enum status cfg_read_percent(struct cfg_ctx *c, const config_setting_t *s, int32_t *out)
{
	int64_t v;
	const char *text;
	const char *nm = cfg_name(s);
	enum status st = cfg_read_hundredths(c, s, nm, &v, &text);
	if (st != ST_OK && st != ST_OVERFLOW)
		return st;
	if (st == ST_OVERFLOW || v < 0 || v > 10000)
		return cfg_fail(&c->w, s, _("%s = %s: a percentage between 0 and 100"), nm, text);
	*out = (int32_t)v;
	return ST_OK;
}

enum status cfg_walk(struct cfg_ctx *c, const config_setting_t *g, const char *const *names,
                     size_t n, const config_setting_t **found)
{
	for (size_t f = 0; f < n; f++)
		found[f] = NULL;
	if (!config_setting_is_group(g))
		return cfg_fail(&c->w, g, _("\"%s\" must be a group: { ... }"), cfg_name(g));
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *nm = cfg_name(s);
		size_t f = 0;
		while (f < n && strcmp(nm, names[f]) != 0)
			f++;
		if (f == n)
			return cfg_fail(&c->w, s, _("unknown setting \"%s\""), nm);
		found[f] = s;
	}
	return ST_OK;
}

enum status cfg_root(struct cfg_ctx *c, const char *name, const config_setting_t **out)
{
	const config_setting_t *root = config_root_setting(&c->cf);
	*out = NULL;
	for (int i = 0; i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		if (strcmp(cfg_name(s), name) != 0)
			return cfg_fail(&c->w, s, _("unknown setting \"%s\""), cfg_name(s));
		*out = s;
	}
	if (!*out)
		return cfg_fail(&c->w, NULL, _("no \"%s\" group: %s: { ... };"), name, name);
	if (!config_setting_is_group(*out))
		return cfg_fail(&c->w, *out, _("\"%s\" must be a group: %s: { ... };"), name, name);
	return ST_OK;
}
