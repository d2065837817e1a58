/* people.c: the contract's rules between the records of people, for the
 * forms and the imports alike: a patient's GP is a general practitioner
 * who is a member while the patient is enrolled; hours are logged on days
 * their member is a member; and a member's dates or profession cannot
 * change so that records already stored would break those rules. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* The member of that code into *m; ST_NOTFOUND (e untouched) when there
 * is none: the store then refuses the record with its own message. */
static enum status member_of(struct app *a, const char *code, struct member *m, struct err *e)
{
	struct err tmp = ERR_INIT;
	enum status rc = db_member_get(a->db, code, m, &tmp);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		err_set(e, rc, "%s", err_text(&tmp));
	err_fini(&tmp);
	return rc;
}

enum status app_patient_gp_check(struct app *a, const struct patient *p, struct err *e)
{
	struct member gp;
	enum status rc = member_of(a, p->gp, &gp, e);
	if (rc == ST_NOTFOUND)
		return ST_OK;
	if (rc == ST_OK) {
		rc = patient_gp_validate(p, &gp, e);
		member_fini(&gp);
	}
	return rc;
}

enum status app_activity_member_check(struct app *a, const struct activity *x, struct err *e)
{
	struct member m;
	enum status rc = member_of(a, x->member, &m, e);
	if (rc == ST_NOTFOUND)
		return ST_OK;
	if (rc == ST_OK) {
		rc = activity_member_validate(x, &m, e);
		member_fini(&m);
	}
	return rc;
}

/* The first of the member's stored activities (by date) that `after`
 * would leave outside their membership. */
static enum status activities_outside(struct app *a, const struct member *after, struct err *e)
{
	struct activity *v = NULL;
	size_t n = 0;
	enum status rc = db_activities(a->db, &v, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		if (strcmp(v[i].member, after->code) != 0 || activity_member_validate(&v[i], after, NULL) == ST_OK)
			continue;
		char d[DATE_BUFSZ], h[32];
		decimal_format(v[i].hours, 2, i18n_is_french() ? ',' : '.', h, sizeof h);
		rc = err_set(e, ST_REFUSED, _("member %s would not be a member on %s, when %s hours of %s are "
		                              "logged for them; change or remove that entry first"),
		             after->code, date_format(v[i].date, d, sizeof d), h, v[i].kind);
	}
	if (rc == ST_OK || rc == ST_REFUSED)
		activity_list_free(v, n);
	return rc;
}

struct patients_scan {
	const struct member *after;
	struct err *e;
};

static enum status patient_outside(const struct patient *p, void *ctx)
{
	struct patients_scan *s = ctx;
	if (strcmp(p->gp, s->after->code) != 0 || patient_gp_validate(p, s->after, NULL) == ST_OK)
		return ST_OK;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	if (strcmp(s->after->profession, MEMBER_GP_PROFESSION) != 0)
		return err_set(s->e, ST_REFUSED, _("member %s would no longer be a GP while patient %s is enrolled "
		                                   "with them; enrol that patient with another GP first"),
		               s->after->code, p->code);
	return err_set(s->e, ST_REFUSED, _("patient %s, enrolled with %s %s..%s, would fall outside "
	                                   "that GP's membership; change the patient's dates or GP first"),
	               p->code, p->gp, date_format(p->enrolled, d1, sizeof d1), date_format(p->left, d2, sizeof d2));
}

enum status app_member_conflicts(struct app *a, const struct member *after, struct err *e)
{
	struct member old;
	enum status rc = member_of(a, after->code, &old, e);
	if (rc == ST_NOTFOUND)
		return ST_OK;
	if (rc != ST_OK)
		return rc;
	bool changed = old.joined != after->joined || old.left != after->left ||
	               strcmp(old.profession, after->profession) != 0;
	member_fini(&old);
	if (!changed)
		return ST_OK;
	if ((rc = activities_outside(a, after, e)) != ST_OK)
		return rc;
	struct patients_scan s = { after, e };
	return db_patients_each(a->db, patient_outside, &s, e);
}
