/* settings.c: the practice's identity and bank account (app_settings.h),
 * stored in the settings table under their names. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/app_settings.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"

static const struct {
	const char *name;
	const char *label;
} settings[PRACTICE__COUNT] = {
	[PRACTICE_NAME] = { "name", N_("Name") },
	[PRACTICE_ADDRESS] = { "address", N_("Address") },
	[PRACTICE_SIREN] = { "siren", N_("SIREN") },
	[PRACTICE_SIRET] = { "siret", N_("SIRET") },
	[PRACTICE_IBAN] = { "iban", N_("IBAN") },
	[PRACTICE_BIC] = { "bic", N_("BIC") },
};

const char *practice_setting_name(enum practice_setting s)
{
	return settings[s].name;
}

const char *practice_setting_label(enum practice_setting s)
{
	return _(settings[s].label);
}

bool practice_setting_parse(const char *s, enum practice_setting *out)
{
	for (int i = 0; i < PRACTICE__COUNT; i++)
		if (strcmp(s, settings[i].name) == 0)
			return *out = (enum practice_setting)i, true;
	return false;
}

void practice_fini(struct practice *p)
{
	for (int i = 0; i < PRACTICE__COUNT; i++) {
		free(p->v[i]);
		p->v[i] = NULL;
	}
}

enum status app_practice(struct app *a, struct practice *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < PRACTICE__COUNT; i++) {
		enum status rc = db_setting_get(a->db, settings[i].name, &out->v[i], e);
		if (rc == ST_OK && !out->v[i] && !(out->v[i] = strdup("")))
			rc = err_set(e, ST_NOMEM, NULL);
		if (rc != ST_OK) {
			practice_fini(out);
			return rc;
		}
	}
	return ST_OK;
}

/* value checked and normalised into out (at most max bytes). */
static enum status normalise(enum practice_setting s, const char *value, char *out,
                             size_t max, struct err *e)
{
	const char *why = NULL;
	bool ok = true;
	switch (s) {
	case PRACTICE_IBAN:
		ok = ident_iban(value, out, &why);
		break;
	case PRACTICE_BIC:
		ok = ident_bic(value, out, &why);
		break;
	case PRACTICE_SIREN:
		ok = ident_siren(value, out, &why);
		break;
	case PRACTICE_SIRET:
		ok = ident_siret(value, out, &why);
		break;
	default:
		if (text_check(value, &why) != ST_OK)
			ok = false;
		else if (strlen(value) >= max)
			ok = false, why = N_("it is too long");
		else
			strcpy(out, value);
		break;
	}
	if (!ok)
		return err_set(e, ST_INVALID, _("%s \"%s\" is not valid: %s"), settings[s].name,
		               value, _(why));
	return ST_OK;
}

/* The SIREN and SIRET of one establishment agree: the SIRET starts with
 * the SIREN. */
static enum status agree(const char *siren, const char *siret, struct err *e)
{
	if (*siren && *siret && strncmp(siren, siret, 9) != 0)
		return err_set(e, ST_INVALID, _("the SIRET %s does not start with the SIREN %s"),
		               siret, siren);
	return ST_OK;
}

static enum status store(struct app *a, enum practice_setting s, const char *value,
                         const struct practice *now, struct err *e)
{
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	rc = db_setting_set(a->db, settings[s].name, *value ? value : NULL, e);
	if (rc == ST_OK && s == PRACTICE_SIRET && *value && !*now->v[PRACTICE_SIREN]) {
		char siren[10];
		memcpy(siren, value, 9);
		siren[9] = '\0';
		rc = db_setting_set(a->db, "siren", siren, e);
	}
	if (rc == ST_OK) {
		/* The audit keeps who changed what, the IBAN masked as lists show it. */
		char *shown = practice_shown(s, value);
		char *detail = shown ? str_printf("%s %s", settings[s].name, shown) : NULL;
		rc = detail ? db_audit(a->db, "setting", detail, e) : err_set(e, ST_NOMEM, NULL);
		free(detail);
		free(shown);
	}
	if (rc != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db, e);
}

enum status app_practice_set(struct app *a, enum practice_setting s,
                             const char *value, struct err *e)
{
	char norm[512];
	enum status rc;
	if (s == PRACTICE_NAME && !*value)
		return err_set(e, ST_INVALID, _("the practice's name cannot be empty"));
	if (s == PRACTICE_NAME)
		return app_rename(a, value, e);   /* audited as a rename, as init --rename */
	if (!*value)
		norm[0] = '\0';
	else if ((rc = normalise(s, value, norm, sizeof norm, e)) != ST_OK)
		return rc;
	struct practice now;
	if ((rc = app_practice(a, &now, e)) != ST_OK)
		return rc;
	if (s == PRACTICE_SIREN)
		rc = agree(norm, now.v[PRACTICE_SIRET], e);
	else if (s == PRACTICE_SIRET)
		rc = agree(now.v[PRACTICE_SIREN], norm, e);
	if (rc == ST_OK && strcmp(now.v[s], norm) != 0)
		rc = store(a, s, norm, &now, e);
	practice_fini(&now);
	return rc;
}

enum status app_practice_set_all(struct app *a, const struct practice *want, struct err *e)
{
	char norm[PRACTICE__COUNT][512];
	struct practice now;
	enum status rc = app_practice(a, &now, e);
	for (int s = PRACTICE_ADDRESS; rc == ST_OK && s < PRACTICE__COUNT; s++) {
		norm[s][0] = '\0';
		if (*want->v[s])
			rc = normalise((enum practice_setting)s, want->v[s], norm[s], sizeof norm[s], e);
	}
	if (rc == ST_OK)
		rc = agree(norm[PRACTICE_SIREN], norm[PRACTICE_SIRET], e);
	if (rc == ST_OK && !*want->v[PRACTICE_NAME])
		rc = err_set(e, ST_INVALID, _("the practice's name cannot be empty"));
	/* Every other setting in one transaction, each change audited. */
	bool open = false;
	for (int s = PRACTICE_ADDRESS; rc == ST_OK && s < PRACTICE__COUNT; s++) {
		if (strcmp(now.v[s], norm[s]) == 0)
			continue;
		if (!open && (rc = db_begin(a->db, e)) != ST_OK)
			break;
		open = true;
		char *shown = practice_shown((enum practice_setting)s, norm[s]);
		char *detail = shown ? str_printf("%s %s", settings[s].name, shown) : NULL;
		rc = detail ? db_setting_set(a->db, settings[s].name, *norm[s] ? norm[s] : NULL, e)
		            : err_set(e, ST_NOMEM, NULL);
		if (rc == ST_OK)
			rc = db_audit(a->db, "setting", detail, e);
		free(detail);
		free(shown);
	}
	if (open)
		rc = rc == ST_OK ? db_commit(a->db, e) : (db_rollback(a->db), rc);
	/* The name last, audited as a rename (as init --rename). */
	if (rc == ST_OK && strcmp(now.v[PRACTICE_NAME], want->v[PRACTICE_NAME]) != 0)
		rc = app_rename(a, want->v[PRACTICE_NAME], e);
	practice_fini(&now);
	return rc;
}

char *practice_shown(enum practice_setting s, const char *value)
{
	if (s != PRACTICE_IBAN || !*value)
		return strdup(value);
	char shown[IBAN_SHOWN_MAX];
	ident_iban_masked(value, shown);
	return strdup(shown);
}
