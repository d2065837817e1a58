/* aci.c: the ACI's rule sets and declarations (aci.h): freeing, lookup,
 * and the checks of a declaration against its rules. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/aci.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

void aci_rules_free(struct aci_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].label_en);
		free(r->v[i].label_fr);
		free(r->v[i].fixed);
		free(r->v[i].variable);
	}
	free(r->v);
	free(r->name);
	free(r->file);
	free(r->caveat);
	free(r->caveat_fr);
	free(r);
}

int aci_rules_find(const struct aci_rules *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return (int)i;
	return -1;
}

void aci_decl_fini(struct aci_decl *d)
{
	free(d->values);
	d->values = NULL;
}

enum status aci_decl_check(const struct aci_rules *r, const struct aci_decl *d,
                           int *bad, struct err *e)
{
	int none;
	if (!bad)
		bad = &none;
	*bad = -1;
	if (d->exercise < r->first || d->exercise > r->last)
		return err_set(e, ST_INVALID, _("the rule set \"%s\" applies to the exercises %d to %d, not %d"),
		               r->name, r->first, r->last, d->exercise);
	int y, m, day;
	date_split(d->signed_on, &y, &m, &day);
	if (y > d->exercise)
		return err_set(e, ST_INVALID, _("the contract is signed after the exercise %d"), d->exercise);
	if (d->patients < -1 || d->associates < -1)
		return err_set(e, ST_INVALID, _("patients and associates cannot be negative"));
	const int32_t rates[] = { d->c2s_practice, d->c2s_national, d->ame_practice, d->ame_national };
	for (size_t i = 0; i < 4; i++)
		if (rates[i] < 0 || rates[i] > 10000)
			return err_set(e, ST_INVALID, _("a rate is a percentage between 0 and 100"));
	for (size_t i = 0; i < r->n; i++) {
		const struct aci_indicator *it = &r->v[i];
		int v = d->values[i];
		*bad = (int)i;
		if (v < 0 || v > it->max)
			return err_set(e, ST_INVALID, _("%s: %d is over its maximum, %d"), it->id, v, it->max);
		if (it->within >= 0 && v > d->values[it->within])
			return err_set(e, ST_INVALID, _("%s: %d is more than %s (%d), which it is part of"),
			               it->id, v, r->v[it->within].id, d->values[it->within]);
		if (it->needs >= 0 && v > 0 && d->values[it->needs] < it->needs_value)
			return err_set(e, ST_INVALID, _("%s needs %s to be met"), it->id, r->v[it->needs].id);
	}
	*bad = -1;
	return ST_OK;
}

const char *aci_rules_caveat(const struct aci_rules *r)
{
	return i18n_is_french() && r->caveat_fr ? r->caveat_fr : r->caveat;
}
