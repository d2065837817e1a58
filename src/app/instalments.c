/* instalments.c: expected instalments beside the receipts, and the ones
 * entered by hand (app_instalments.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "reports_internal.h"
#include "quotepart/app_instalments.h"
#include "quotepart/app_views.h"
#include "quotepart/date.h"
#include "quotepart/db_forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

void app_instalments_fini(struct app_instalments *v)
{
	free(v->practice);
	expected_list_free(v->x, v->nx);
	receipt_list_free(v->r, v->nr);
	free(v->rows);
	memset(v, 0, sizeof *v);
}

/* Keep the receipts of the exercise (all when NULL), in place. */
static void keep_exercise(struct receipt *r, size_t *n, const char *exercise)
{
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (!exercise || strcmp(r[i].exercise, exercise) == 0)
			r[k++] = r[i];
		else
			receipt_fini(&r[i]);
	}
	*n = k;
}

enum status app_instalments_view(struct app *a, const char *exercise, int32_t today,
                                 struct app_instalments *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	enum status rc = db_expected_list(a->db, exercise, &out->x, &out->nx, e);
	/* Nothing expected, nothing to match: the receipts are not read (the
	 * Home screen asks at every start). */
	if (rc == ST_OK && out->nx)
		rc = app_receipts(a, &out->r, &out->nr, e);
	if (rc == ST_OK) {
		keep_exercise(out->r, &out->nr, exercise);
		rc = instalments_match(out->x, out->nx, out->r, out->nr, today, &out->rows, &out->n);
		if (rc == ST_NOMEM)
			rc = err_set(e, rc, NULL);
		else if (rc != ST_OK)
			rc = err_set(e, rc, "%s", _("an instalment's difference does not fit in cents"));
	}
	if (rc == ST_OK)
		rc = reports_head(a, &out->practice, &out->audit, e);
	if (rc != ST_OK)
		app_instalments_fini(out);
	return rc;
}

bool app_instalment_waiting(const struct instalment *v, int32_t today, int days)
{
	return v->state == INSTALMENT_LATE || (v->state == INSTALMENT_COMING && v->x->due <= today + days);
}

enum status app_instalment_add(struct app *a, const struct expected *x, int64_t *id,
                               struct err *e)
{
	struct expected m = *x;
	m.origin = (char *)"manual";
	enum status rc = expected_validate(&m, e);
	if (rc != ST_OK)
		return rc;
	/* A label is taken for its code: "Avance" is the kind advance. */
	const struct cfg_item *source = config_find_text(&a->cfg->sources, m.source);
	const struct cfg_item *kind = config_find_text(&a->cfg->receipt_kinds, m.kind);
	if (!source)
		return err_set(e, ST_INVALID, _("unknown source \"%s\""), m.source);
	if (!kind)
		return err_set(e, ST_INVALID, _("unknown receipt kind \"%s\""), m.kind);
	m.source = source->code;
	m.kind = kind->code;
	int64_t got = 0;
	char money[MONEY_BUFSZ], due[DATE_BUFSZ];
	if ((rc = db_begin(a->db, e)) != ST_OK)
		return rc;
	if ((rc = db_expected_add(a->db, &m, &got, e)) != ST_OK ||
	    (rc = app_audit(a, "instalment add", e, "%lld: %s %s %s due %s, %s", (long long)got, m.source,
	                    m.exercise, m.kind, date_format(m.due, due, sizeof due), money_format(m.amount, MONEY_PLAIN, money, sizeof money))) !=
	        ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	if ((rc = db_commit(a->db, e)) == ST_OK && id)
		*id = got;
	return rc;
}

enum status app_instalment_delete(struct app *a, int64_t id, struct err *e)
{
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = db_expected_delete(a->db, id, e)) != ST_OK ||
	    (rc = app_audit(a, "instalment delete", e, "%lld", (long long)id)) != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db, e);
}
