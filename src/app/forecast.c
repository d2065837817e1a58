/* forecast.c: the ACI declaration, estimate, what-ifs and expected
 * instalments (app_forecast.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "reports_internal.h"
#include "quotepart/aci_file.h"
#include "quotepart/app_forecast.h"
#include "quotepart/date.h"
#include "quotepart/db_forecast.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

void app_aci_fini(struct app_aci *x)
{
	aci_estimate_fini(&x->est);
	aci_decl_fini(&x->decl);
	aci_rules_free(x->rules);
	free(x->practice);
	memset(x, 0, sizeof *x);
}

enum status app_aci_import(struct app *a, const char *path, const char *rules_path,
                           int *exercise, struct err *e)
{
	struct aci_rules *r;
	struct aci_decl d;
	enum status rc = app_read_check(a, path, e);
	if (rc == ST_OK)
		rc = aci_rules_load(rules_path, &r, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = aci_decl_load(path, r, &d, e)) != ST_OK) {
		aci_rules_free(r);
		return rc;
	}
	struct sbuf b;
	sb_init(&b);
	aci_decl_write(r, &d, &b);
	rc = app_forecast_store(a, "aci", d.exercise, r->name, &b, NULL, path, e);
	*exercise = d.exercise;
	sb_fini(&b);
	aci_decl_fini(&d);
	aci_rules_free(r);
	return rc;
}

/* Whether the stored file of kind and exercise is still `was`, read in
 * the caller's transaction: ST_REFUSED when another program replaced it.
 * Only the PEPS grid is kept this way (the ACI's edits are applied to the
 * declaration as it is then), and the message says so. */
static enum status still(struct app *a, const char *kind, int exercise, const char *was, struct err *e)
{
	char *rules, *body;
	enum status rc = db_forecast_file_get(a->db, kind, exercise, &rules, &body, e);
	/* Gone is changed too (db_forecast_file_get leaves both NULL). */
	if (rc == ST_NOTFOUND || (rc == ST_OK && strcmp(body, was) != 0))
		rc = err_set(e, ST_REFUSED, _("the PEPS grid of %d changed since it was read (another program saved one); "
		                              "nothing was saved: look at it again"), exercise);
	free(rules);
	free(body);
	return rc;
}

enum status app_forecast_store(struct app *a, const char *kind, int exercise, const char *rules,
                               const struct sbuf *b, const char *was, const char *path, struct err *e)
{
	if (b->failed)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	char action[32];
	snprintf(action, sizeof action, "%s import", kind);
	if ((was && (rc = still(a, kind, exercise, was, e)) != ST_OK) ||
	    (rc = db_forecast_file_put(a->db, kind, exercise, rules, b->s, e)) != ST_OK ||
	    (rc = app_audit(a, action, e, "%d from %s", exercise, path)) != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db, e);
}

enum status app_forecast_body(struct app *a, const char *kind, int exercise, char **body,
                              struct err *e)
{
	char *rules;
	enum status rc = db_forecast_file_get(a->db, kind, exercise, &rules, body, e);
	free(rules);
	if (rc == ST_NOTFOUND && strcmp(kind, "peps") == 0)
		return err_set(e, ST_NOTFOUND, _("no PEPS grid for %d: quotepart peps import FILE"), exercise);
	if (rc == ST_NOTFOUND)
		return err_set(e, ST_NOTFOUND, _("no ACI declaration for %d: quotepart aci import FILE"), exercise);
	return rc;
}

enum status app_forecast_export(struct app *a, const char *kind, int exercise, struct sbuf *out,
                                struct err *e)
{
	char *body;
	enum status rc = app_forecast_body(a, kind, exercise, &body, e);
	if (rc == ST_OK)
		sb_add(out, body);
	free(body);
	return rc;
}

enum status app_aci_export(struct app *a, int exercise, struct sbuf *out, struct err *e)
{
	return app_forecast_export(a, "aci", exercise, out, e);
}

/* "+1", "-2" relative to now, or a plain number; false for anything else. */
static bool number(const char *s, int64_t now, int64_t max, int64_t *out)
{
	char *end;
	bool rel = *s == '+' || *s == '-';
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno || (!rel && v < 0))
		return false;
	if (rel && ((v > 0 && now > max - v) || now + v < 0))
		return false;
	*out = rel ? now + v : v;
	return *out <= max;
}

/* yes/no as people type it, in English or French. */
static bool yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "1", "oui", "vrai" };
	static const char *const no[] = { "no", "false", "0", "non", "faux" };
	for (size_t i = 0; i < 5; i++) {
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, true;
		if (strcmp(s, no[i]) == 0)
			return *out = 0, true;
	}
	return false;
}

static enum status bad_set(const char *set, struct err *e)
{
	return err_set(e, ST_USAGE, _("--set %s: use NAME=VALUE: patients, associates, c2s, ame, "
	                              "c2s_national, ame_national, new_structure, or an indicator's id"), set);
}

/* One what-if applied to x (its P and n in *P, *n). */
static enum status apply_set(struct app_aci *x, const char *set, int64_t *P, int64_t *n,
                             struct err *e)
{
	const char *eq = strchr(set, '=');
	if (!eq || eq == set)
		return bad_set(set, e);
	char name[64];
	size_t len = (size_t)(eq - set);
	if (len >= sizeof name)
		return bad_set(set, e);
	memcpy(name, set, len);
	name[len] = '\0';
	const char *v = eq + 1;
	int64_t num;
	int32_t *rate = strcmp(name, "c2s") == 0 ? &x->decl.c2s_practice :
	                strcmp(name, "ame") == 0 ? &x->decl.ame_practice :
	                strcmp(name, "c2s_national") == 0 ? &x->decl.c2s_national :
	                strcmp(name, "ame_national") == 0 ? &x->decl.ame_national : NULL;
	if (strcmp(name, "patients") == 0 || strcmp(name, "associates") == 0) {
		int64_t *t = name[0] == 'p' ? P : n;
		if (!number(v, *t, INT32_MAX, t))
			return err_set(e, ST_USAGE, _("--set %s: \"%s\" is not a number of people (4715, +500, -1)"), set, v);
		return ST_OK;
	}
	if (rate) {
		if (decimal_parse(v, 2, &num) != ST_OK || num < 0 || num > 10000)
			return err_set(e, ST_USAGE, _("--set %s: a percentage between 0 and 100, at most two decimals"), set);
		*rate = (int32_t)num;
		return ST_OK;
	}
	int yn;
	if (strcmp(name, "new_structure") == 0) {
		if (!yes_no(v, &yn))
			return err_set(e, ST_USAGE, _("--set %s: yes or no"), set);
		x->decl.new_structure = yn;
		return ST_OK;
	}
	int k = aci_rules_find(x->rules, name);
	if (k < 0)
		return bad_set(set, e);
	const struct aci_indicator *it = &x->rules->v[k];
	if (it->kind == ACI_YESNO) {
		if (!yes_no(v, &yn))
			return err_set(e, ST_USAGE, _("--set %s: yes or no"), set);
		x->decl.values[k] = yn;
	} else if (number(v, x->decl.values[k], INT32_MAX, &num)) {
		if (num > it->max)
			return err_set(e, ST_USAGE, _("--set %s: %lld is over the maximum of %s, %d"), set,
			               (long long)num, it->id, it->max);
		x->decl.values[k] = (int)num;
	} else {
		return err_set(e, ST_USAGE, _("--set %s: \"%s\" is not a number (7, +1, -1)"), set, v);
	}
	return ST_OK;
}

/* The stored declaration under the rules, and P and n from the records. */
static enum status load_decl(struct app *a, int exercise, const char *rules_path,
                             struct app_aci *x, struct err *e)
{
	char *body;
	enum status rc = app_forecast_body(a, "aci", exercise, &body, e);
	if (rc == ST_OK)
		rc = aci_rules_load(rules_path, &x->rules, e);
	if (rc == ST_OK) {
		char where[64];
		snprintf(where, sizeof where, "aci %d", exercise);
		rc = aci_decl_parse(body, where, x->rules, &x->decl, e);
	}
	free(body);
	if (rc == ST_OK)
		rc = db_forecast_counts(a->db, date_year_end(exercise), &x->patients_records,
		                        &x->associates_records, e);
	return rc;
}

enum status app_aci_whatif(const struct app_aci *base, const char *const *sets, size_t n_sets,
                           struct aci_decl *decl, struct aci_estimate *est, struct err *e)
{
	memset(decl, 0, sizeof *decl);
	memset(est, 0, sizeof *est);
	/* The base's rules, borrowed; its declaration copied, then changed. */
	struct app_aci w = { .rules = base->rules, .decl = base->decl };
	size_t nv = base->rules->n ? base->rules->n : 1;
	if (!(w.decl.values = malloc(nv * sizeof *w.decl.values)))
		return err_set(e, ST_NOMEM, NULL);
	memcpy(w.decl.values, base->decl.values, base->rules->n * sizeof *w.decl.values);
	int64_t P = base->decl.patients >= 0 ? base->decl.patients : base->patients_records;
	int64_t n = base->decl.associates >= 0 ? base->decl.associates : base->associates_records;
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < n_sets; i++)
		rc = apply_set(&w, sets[i], &P, &n, e);
	int bad;
	if (rc == ST_OK && aci_decl_check(w.rules, &w.decl, &bad, e) != ST_OK)
		rc = ST_USAGE;
	if (rc == ST_OK)
		rc = aci_estimate(w.rules, &w.decl, P, n, est, e);
	if (rc != ST_OK) {
		aci_decl_fini(&w.decl);
		return rc;
	}
	*decl = w.decl;
	return ST_OK;
}

enum status app_aci_estimate(struct app *a, int exercise, const char *rules_path,
                             struct app_aci *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	enum status rc = load_decl(a, exercise, rules_path, out, e);
	int64_t P = out->decl.patients >= 0 ? out->decl.patients : out->patients_records;
	int64_t n = out->decl.associates >= 0 ? out->decl.associates : out->associates_records;
	int bad;
	if (rc == ST_OK && aci_decl_check(out->rules, &out->decl, &bad, e) != ST_OK)
		rc = ST_USAGE;
	if (rc == ST_OK)
		rc = aci_estimate(out->rules, &out->decl, P, n, &out->est, e);
	if (rc == ST_OK)
		rc = reports_head(a, &out->practice, &out->audit, e);
	if (rc != ST_OK)
		app_aci_fini(out);
	return rc;
}

enum status app_aci_save(struct app *a, const struct app_aci *x, struct err *e)
{
	struct expected v[] = {
		{ 0, (char *)"aci", (char *)"ACI", NULL, (char *)"advance", x->est.advance_due,
		  x->est.advance, NULL },
		{ 0, (char *)"aci", (char *)"ACI", NULL, (char *)"balance", x->est.balance_due,
		  x->est.balance, NULL },
	};
	char detail[96];
	snprintf(detail, sizeof detail, "advance %lld, balance %lld", (long long)x->est.advance,
	         (long long)x->est.balance);
	return app_forecast_save(a, "aci", "ACI", x->decl.exercise, v, 2, detail, e);
}

enum status app_forecast_save(struct app *a, const char *origin, const char *source, int exercise,
                              struct expected *v, size_t n, const char *detail, struct err *e)
{
	char year[16];
	snprintf(year, sizeof year, "%d", exercise);
	for (size_t i = 0; i < n; i++)
		v[i].exercise = year;
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = db_expected_replace(a->db, origin, source, year, v, n, e)) != ST_OK ||
	    (rc = app_audit(a, "estimate save", e, "%s %s: %s", source, year, detail)) != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	return db_commit(a->db, e);
}

enum status app_instalments(struct app *a, const char *exercise, struct expected **out,
                         size_t *n, struct err *e)
{
	return db_expected_list(a->db, exercise, out, n, e);
}

enum status app_aci_keep(struct app *a, int exercise, const char *const *sets, size_t n_sets,
                         struct err *e)
{
	struct app_aci x;
	struct aci_decl d = { 0 };
	struct aci_estimate est = { 0 };
	enum status rc = app_aci_estimate(a, exercise, NULL, &x, e);
	if (rc != ST_OK)
		return rc;
	rc = app_aci_whatif(&x, sets, n_sets, &d, &est, e);
	/* A P or n changed is declared from now on; one left as it was keeps
	 * coming from the records (or stays as declared). */
	if (rc == ST_OK && est.patients != x.est.patients)
		d.patients = est.patients;
	if (rc == ST_OK && est.associates != x.est.associates)
		d.associates = est.associates;
	struct sbuf b;
	sb_init(&b);
	if (rc == ST_OK) {
		aci_decl_write(x.rules, &d, &b);
		rc = b.failed ? err_set(e, ST_NOMEM, NULL) : db_begin(a->db, e);
	}
	if (rc == ST_OK) {
		if ((rc = db_forecast_file_put(a->db, "aci", exercise, x.rules->name, b.s, e)) != ST_OK ||
		    (rc = app_audit(a, "aci edit", e, "%d: %zu change(s)", exercise, n_sets)) != ST_OK)
			db_rollback(a->db);
		else
			rc = db_commit(a->db, e);
	}
	sb_fini(&b);
	aci_decl_fini(&d);
	aci_estimate_fini(&est);
	app_aci_fini(&x);
	return rc;
}
