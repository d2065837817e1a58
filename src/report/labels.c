/* labels.c: the words documents show for codes: the configuration's
 * labels in the reader's language for its lists, the program's own words
 * (translated) for the bases (key.h's basis_label) and the accounts it
 * defines itself; a code is shown as it is only where no label exists.
 * And the practice's identity as the head of a document gives it. */
#include <stdio.h>
#include <string.h>

#include "quotepart/config.h"
#include "quotepart/i18n.h"
#include "quotepart/key.h"

#include "report_internal.h"

/* Borrowed from the app that set it (rep_labels_use). */
static const struct config *labels_cfg;

void rep_labels_use(const struct config *cfg)
{
	labels_cfg = cfg;
}

const struct config *rep_labels_config(void)
{
	return labels_cfg;
}

static const struct codelist *list_of(enum rep_list l)
{
	const struct config *c = labels_cfg;
	if (!c)
		return NULL;
	switch (l) {
	case REP_PROFESSIONS: return &c->professions;
	case REP_GROUPS: return &c->groups;
	case REP_STATUSES: return &c->statuses;
	case REP_SOURCES: return &c->sources;
	case REP_RECEIPT_KINDS: return &c->receipt_kinds;
	case REP_ACTIVITY_KINDS: return &c->activity_kinds;
	}
	return NULL;
}

const char *rep_label(enum rep_list l, const char *code)
{
	if (!code)
		return "";
	const char *s = config_label(config_find(list_of(l), code));
	return s ? s : code;
}

/* The short name of a source: the code when its label starts with it
 * ("ACI (accord conventionnel...)" is ACI to everyone), else the label. */
const char *rep_source_short(const char *code)
{
	const char *s = rep_label(REP_SOURCES, code);
	size_t n = code ? strlen(code) : 0;
	return n && strncmp(s, code, n) == 0 ? code : s;
}

const char *rep_basis_label(const char *basis)
{
	enum basis b;
	if (basis && basis_parse(basis, &b))
		return basis_label(b);
	return basis ? basis : "?";
}

char *rep_account_label(const char *account, char *buf, size_t size)
{
	if (!account)
		snprintf(buf, size, "?");
	else if (strcmp(account, "operating") == 0)
		snprintf(buf, size, "%s", _("operating costs"));
	else if (strncmp(account, "post:", 5) == 0)
		snprintf(buf, size, _("post %s"), account + 5);
	else if (strncmp(account, "member:", 7) == 0)
		snprintf(buf, size, _("member %s"), account + 7);
	else
		snprintf(buf, size, "%s", account);
	return buf;
}

void rep_out_identity(struct rep_out *o, const char *address, const char *siret)
{
	if (address && *address)
		rep_out_line(o, 0, PDF_BODY, address);
	if (!siret || !*siret)
		return;
	/* 14 digits read in groups, as on a Kbis: 552 100 554 00013. */
	char b[64];
	size_t n = strlen(siret);
	if (n == 14 && strspn(siret, "0123456789") == 14)
		snprintf(b, sizeof b, "SIRET %.3s %.3s %.3s %.5s", siret, siret + 3, siret + 6, siret + 9);
	else
		snprintf(b, sizeof b, "SIRET %.50s", siret);
	rep_out_line(o, 0, PDF_BODY, b);
}
