/* fields.c: one field of a form checked as it is typed (app_field_check):
 * required text, a code from the configuration's lists, a number, an
 * amount, a member, a date, a patient's code, a year; each refusal worded
 * for the form. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "edit_internal.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/money.h"

/* ---- field checks ---- */

/* "a, b, c": the codes of a list, for "one of ..." messages. */
char *code_list(const struct codelist *l)
{
	struct sbuf b;
	sb_init(&b);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", l->v[i].code);
	return sb_take(&b);
}

static enum status check_in(const struct codelist *l, const char *s,
                            const char *what, struct err *e)
{
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (config_find_text(l, s))
		return ST_OK;
	char *codes = code_list(l);
	err_set(e, ST_INVALID, _("unknown %s \"%s\"; one of: %s"), what, s, codes ? codes : "");
	free(codes);
	return ST_INVALID;
}

static enum status check_decimal(const char *s, int64_t min, int64_t max,
                                 const char *range, struct err *e)
{
	int64_t v;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (decimal_parse(s, 2, &v) != ST_OK)
		return err_set(e, ST_INVALID, _("not a number with at most two decimals (0,8 or 0.8)"));
	if (v < min || v > max)
		return err_set(e, ST_INVALID, "%s", range);
	return ST_OK;
}

static enum status check_hours(const char *s, struct err *e)
{
	int64_t v;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (hours_parse(s, &v) != ST_OK)
		return err_set(e, ST_INVALID, _("not a duration: 1,5 or 1h30 (minutes in multiples of 3)"));
	if (v < 1 || v > 2400)
		return err_set(e, ST_INVALID, _("more than 0 and at most 24 hours"));
	return ST_OK;
}

static enum status check_money(const char *s, bool negative_ok, struct err *e)
{
	int64_t v;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (money_parse(s, &v) != ST_OK)
		return err_set(e, ST_INVALID, _("not an amount: write 1234,56 or 1 234,56 € (two decimals at most)"));
	if (!negative_ok && v < 0)
		return err_set(e, ST_INVALID, _("cannot be negative"));
	return ST_OK;
}

static enum status check_member(struct app *a, const char *s, bool optional,
                                struct err *e)
{
	if (!*s)
		return optional ? ST_OK : err_set(e, ST_INVALID, _("required"));
	struct member m;
	struct err tmp = ERR_INIT;
	enum status rc = db_member_get(a->db, s, &m, &tmp);
	if (rc == ST_OK)
		member_fini(&m);
	else if (rc == ST_NOTFOUND)
		err_set(e, ST_INVALID, _("no member \"%s\""), s);
	else
		err_set(e, rc, "%s", err_text(&tmp));
	err_fini(&tmp);
	return rc == ST_NOTFOUND ? ST_INVALID : rc;
}

static enum status check_text_field(const char *s, bool required, struct err *e)
{
	const char *why = NULL;
	if (!*s)
		return required ? err_set(e, ST_INVALID, _("required")) : ST_OK;
	if (text_check(s, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("%s is not allowed"), _(why));
	return ST_OK;
}

static enum status check_date(const char *s, bool optional, struct err *e)
{
	int32_t d;
	if (!*s)
		return optional ? ST_OK : err_set(e, ST_INVALID, _("required"));
	if (date_parse(s, &d) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date: write YYYY-MM-DD or DD/MM/YYYY"));
	return ST_OK;
}

static enum status check_patient_code(const char *s, struct err *e)
{
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (text_is_nir(s))
		return err_set(e, ST_INVALID, _("this looks like a social-security number (NIR): use a local pseudonymous code"));
	if (!text_valid_code(s))
		return err_set(e, ST_INVALID, _("use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
	return ST_OK;
}

static enum status check_year(const char *s, struct err *e)
{
	int64_t y;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (decimal_parse(s, 0, &y) != ST_OK || y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return err_set(e, ST_INVALID, _("a year between %d and %d"), DATE_YEAR_MIN, DATE_YEAR_MAX);
	return ST_OK;
}

static enum status check_trimmed(struct app *a, enum app_field f, const char *s,
                                 struct err *e)
{
	const struct config *c = a->cfg;
	switch (f) {
	case FIELD_CODE:
		if (!*s)
			return err_set(e, ST_INVALID, _("required"));
		if (text_is_nir(s))
			return err_set(e, ST_INVALID, _("this is a social-security number (NIR): use a local code"));
		if (!text_valid_code(s))
			return err_set(e, ST_INVALID, _("use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
		return ST_OK;
	case FIELD_NAME: return check_text_field(s, true, e);
	case FIELD_TEXT: return check_text_field(s, false, e);
	case FIELD_PROFESSION: return check_in(&c->professions, s, _("profession"), e);
	case FIELD_STATUS: return check_in(&c->statuses, s, _("status"), e);
	case FIELD_SOURCE: return check_in(&c->sources, s, _("source"), e);
	case FIELD_RECEIPT_KIND: return check_in(&c->receipt_kinds, s, _("receipt kind"), e);
	case FIELD_ACTIVITY_KIND: return check_in(&c->activity_kinds, s, _("activity kind"), e);
	case FIELD_MEMBER: return check_member(a, s, false, e);
	case FIELD_MEMBER_OPT: return check_member(a, s, true, e);
	case FIELD_DATE: return check_date(s, false, e);
	case FIELD_DATE_OPT: return check_date(s, true, e);
	case FIELD_FTE: return check_decimal(s, 0, 100, _("between 0 and 1 (1 is full time)"), e);
	case FIELD_HOURS: return check_hours(s, e);
	case FIELD_AMOUNT: return check_money(s, true, e);
	case FIELD_COST: return check_money(s, false, e);
	case FIELD_RPPS:
		if (*s && !text_valid_rpps(s))
			return err_set(e, ST_INVALID, _("not an RPPS number (11 digits with a check digit)"));
		return ST_OK;
	case FIELD_IBAN: case FIELD_BIC: {
		char norm[IBAN_MAX];
		const char *why = NULL;
		if (*s && !(f == FIELD_IBAN ? ident_iban(s, norm, &why) : ident_bic(s, norm, &why)))
			return err_set(e, ST_INVALID, "%s", _(why));
		return ST_OK;
	}
	case FIELD_PATIENT_CODE: return check_patient_code(s, e);
	case FIELD_YEAR: return check_year(s, e);
	case FIELD_SEX:
		if (strcmp(s, "F") == 0 || strcmp(s, "M") == 0)
			return ST_OK;
		return err_set(e, ST_INVALID, _("F or M"));
	case FIELD_ALD: {
		char *norm = NULL;
		enum status rc = app_ald_parse(a, s, &norm, e);
		free(norm);
		return rc;
	}
	case FIELD_PERCENT: return check_decimal(s, 1, 10000, _("above 0 and at most 100 (a percentage)"), e);
	case FIELD_YESNO: case FIELD_ACCOUNT: case FIELD_RES_VALUE: case FIELD_BASIS: case FIELD_AT:
	case FIELD_STATUSES: case FIELD_PROFESSIONS: case FIELD_GROUPS: case FIELD_KINDS:
	case FIELD_MEMBERS: case FIELD_RATES: case FIELD_POINTS:
		return app_key_field_check(a, f, s, e);
	}
	return err_set(e, ST_INTERNAL, "unknown field kind");
}

enum status app_field_check(struct app *a, enum app_field f, const char *text,
                            struct err *e)
{
	char *s = strdup(text ? text : "");
	if (!s)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = check_trimmed(a, f, text_trim(s), e);
	free(s);
	return rc;
}
