/* reports.c: the report use cases: read the approved distributions, the
 * payments, the receipts and the posts of a period into the plain structs
 * of reports.h, summed in integer cents with overflow checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports_internal.h"
#include "quotepart/array.h"
#include "quotepart/app_reports.h"
#include "quotepart/app_settings.h"
#include "quotepart/app_store.h"
#include "quotepart/date.h"
#include "quotepart/db_report.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/rat.h"

/* ---- periods ---- */

enum status app_report_year(const char *s, int *year, struct err *e)
{
	int v = 0;
	size_t n = s ? strlen(s) : 0;
	if (n != 4)
		return err_set(e, ST_USAGE, _("--year \"%s\" is not a year (YYYY)"), s ? s : "");
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return err_set(e, ST_USAGE, _("--year \"%s\" is not a year (YYYY)"), s);
		v = v * 10 + (s[i] - '0');
	}
	if (v < DATE_YEAR_MIN || v > DATE_YEAR_MAX)
		return err_set(e, ST_USAGE, _("--year %d is out of range (%d to %d)"), v, DATE_YEAR_MIN, DATE_YEAR_MAX);
	*year = v;
	return ST_OK;
}

static enum status parse_day(const char *opt, const char *s, int32_t *out, struct err *e)
{
	if (date_parse(s, out) != ST_OK)
		return err_set(e, ST_USAGE, _("%s \"%s\" is not a date (YYYY-MM-DD)"), opt, s);
	return ST_OK;
}

enum status app_report_period(const char *year, const char *from,
                              const char *to, int32_t *pfrom, int32_t *pto,
                              struct err *e)
{
	int y = 0;
	int32_t f = DATE_NONE, t = DATE_NONE;
	enum status rc;
	if (year && (rc = app_report_year(year, &y, e)) != ST_OK)
		return rc;
	if (from && (rc = parse_day("--from", from, &f, e)) != ST_OK)
		return rc;
	if (to && (rc = parse_day("--to", to, &t, e)) != ST_OK)
		return rc;
	if (!year && (!from || !to))
		return err_set(e, ST_USAGE, "%s", _("give --year YYYY, or both --from and --to"));
	if (year) {
		int32_t ys = date_year_start(y), ye = date_year_end(y);
		if (f == DATE_NONE)
			f = ys;
		if (t == DATE_NONE)
			t = ye;
		if (f < ys || f > ye || t < ys || t > ye)
			return err_set(e, ST_USAGE, _("--from and --to must lie in %d"), y);
	}
	if (f > t)
		return err_set(e, ST_USAGE, "%s", _("--from comes after --to"));
	*pfrom = f;
	*pto = t;
	return ST_OK;
}

/* ---- shared helpers ---- */

/* a += b, remembering an overflow in *rc. */
void reports_add(int64_t *a, int64_t b, enum status *rc)
{
	if (*rc == ST_OK && money_add(*a, b, a) != ST_OK)
		*rc = ST_OVERFLOW;
}

enum status reports_overflow(struct err *e)
{
	return err_set(e, ST_OVERFLOW, "%s", _("the report's totals are out of range"));
}

char *reports_dup(const char *s, bool *failed)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*failed = true;
	return d;
}

static enum status person_fill(const struct config *cfg, const struct member *m,
                               struct rep_person *p, struct err *e)
{
	const struct cfg_item *prof = config_find(&cfg->professions, m->profession);
	const struct cfg_item *st = config_find(&cfg->statuses, m->status);
	bool failed = false;
	memset(p, 0, sizeof *p);
	p->code = reports_dup(m->code, &failed);
	p->name = reports_dup(m->name, &failed);
	p->profession = reports_dup(prof ? config_label(prof) : m->profession, &failed);
	p->group = reports_dup(prof ? prof->group : NULL, &failed);
	p->status = reports_dup(st ? config_label(st) : m->status, &failed);
	p->rpps = reports_dup(m->rpps, &failed);
	if (failed) {
		rep_person_fini(p);
		return err_set(e, ST_NOMEM, NULL);
	}
	return ST_OK;
}

/* The approved distributions whose receipt was received in [from, to],
 * each with its receipt. */
/* What every report carries: the practice's name and the audit head. */
enum status reports_head(struct app *a, char **practice, struct rep_audit *audit,
                               struct err *e)
{
	if (!(*practice = app_practice_name(a)))
		return err_set(e, ST_NOMEM, NULL);
	return db_audit_head(app_db(a), audit->head, &audit->entries, e);
}

enum status reports_identity(struct app *a, char **address, char **siret, struct err *e)
{
	struct practice p;
	*address = *siret = NULL;
	enum status rc = app_practice(a, &p, e);
	if (rc != ST_OK)
		return rc;
	*address = p.v[PRACTICE_ADDRESS];
	*siret = p.v[PRACTICE_SIRET];
	p.v[PRACTICE_ADDRESS] = p.v[PRACTICE_SIRET] = NULL;
	practice_fini(&p);
	return ST_OK;
}

enum status app_audit_footer(struct app *a, enum rep_format f, struct sbuf *out,
                             struct err *e)
{
	struct rep_audit audit;
	enum status rc = db_audit_head(app_db(a), audit.head, &audit.entries, e);
	if (rc == ST_OK)
		rep_audit_footer(&audit, f, out);
	return rc;
}

enum status reports_load_dists(struct db *db, int32_t from, int32_t to, struct rep_dist **out,
                              size_t *n, struct err *e)
{
	int64_t *ids;
	size_t nid;
	*out = NULL;
	*n = 0;
	enum status rc = db_report_dist_ids(db, from, to, &ids, &nid, e);
	if (rc != ST_OK)
		return rc;
	struct rep_dist *v = calloc(nid ? nid : 1, sizeof *v);
	if (!v) {
		free(ids);
		return err_set(e, ST_NOMEM, NULL);
	}
	size_t k = 0;
	for (; k < nid && rc == ST_OK; k++) {
		rc = db_dist_get(db, ids[k], &v[k].d, e);
		if (rc == ST_OK && (rc = db_receipt_get(db, v[k].d.receipt_id, &v[k].r, e)) != ST_OK)
			distribution_fini(&v[k].d);
	}
	free(ids);
	if (rc != ST_OK) {
		/* v[k - 1] failed and holds nothing. */
		for (size_t i = 0; i + 1 < k; i++) {
			distribution_fini(&v[i].d);
			receipt_fini(&v[i].r);
		}
		free(v);
		return rc;
	}
	*out = v;
	*n = nid;
	return ST_OK;
}

void reports_free_dists(struct rep_dist *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		distribution_fini(&v[i].d);
		receipt_fini(&v[i].r);
	}
	free(v);
}

static bool dist_pays(const struct distribution *d, const char *member)
{
	for (size_t i = 0; i < d->n_lines; i++) {
		const char *m = rep_line_member(&d->lines[i]);
		if (m && strcmp(m, member) == 0)
			return true;
	}
	return false;
}

/* The members to report on: `member` alone (ST_NOTFOUND when unknown), or
 * those of the list `keep` says yes to. */
typedef bool (*keep_fn)(const char *code, const void *ctx);

static enum status select_members(struct app *a, const char *member, keep_fn keep, const void *ctx,
                                  struct rep_person **out, size_t *n, struct err *e)
{
	const struct config *cfg = app_config(a);
	*out = NULL;
	*n = 0;
	enum status rc;
	if (member) {
		struct member m;
		if ((rc = db_member_get(app_db(a), member, &m, e)) != ST_OK)
			return rc;
		struct rep_person *p = calloc(1, sizeof *p);
		rc = p ? person_fill(cfg, &m, p, e) : err_set(e, ST_NOMEM, NULL);
		member_fini(&m);
		if (rc != ST_OK) {
			free(p);
			return rc;
		}
		*out = p;
		*n = 1;
		return ST_OK;
	}
	struct member *ms;
	size_t nm;
	if ((rc = db_members(app_db(a), &ms, &nm, e)) != ST_OK)
		return rc;
	struct rep_person *v = calloc(nm ? nm : 1, sizeof *v);
	if (!v)
		rc = err_set(e, ST_NOMEM, NULL);
	size_t k = 0;
	for (size_t i = 0; rc == ST_OK && i < nm; i++)
		if (keep(ms[i].code, ctx) && (rc = person_fill(cfg, &ms[i], &v[k], e)) == ST_OK)
			k++;
	member_list_free(ms, nm);
	if (rc != ST_OK) {
		for (size_t i = 0; i < k; i++)
			rep_person_fini(&v[i]);
		free(v);
		return rc;
	}
	*out = v;
	*n = k;
	return ST_OK;
}

/* ---- statements ---- */

struct dists_ctx {
	const struct rep_dist *v;
	size_t n;
};

static bool has_lines(const char *code, const void *ctx)
{
	const struct dists_ctx *c = ctx;
	for (size_t i = 0; i < c->n; i++)
		if (dist_pays(&c->v[i].d, code))
			return true;
	return false;
}

enum status app_statements(struct app *a, const char *member, int32_t from,
                           int32_t to, struct rep_statements *out,
                           struct err *e)
{
	memset(out, 0, sizeof *out);
	out->from = from;
	out->to = to;
	out->issued = date_today();
	enum status hrc = reports_head(a, &out->practice, &out->audit, e);
	if (hrc != ST_OK)
		return hrc;
	enum status rc = reports_identity(a, &out->address, &out->siret, e);
	if (rc == ST_OK)
		rc = reports_load_dists(app_db(a), from, to, &out->dists, &out->n_dists, e);
	if (rc == ST_OK)
		rc = reports_origins(app_db(a), out->dists, out->n_dists, e);
	if (rc == ST_OK) {
		struct dists_ctx c = { out->dists, out->n_dists };
		rc = select_members(a, member, has_lines, &c, &out->members, &out->n_members, e);
	}
	if (rc != ST_OK)
		rep_statements_fini(out);
	return rc;
}

/* ---- attestations and the journal ---- */

struct pay_ctx {
	const struct payment_record *v;
	size_t n;
};

static bool was_paid(const char *code, const void *ctx)
{
	const struct pay_ctx *c = ctx;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].member && strcmp(c->v[i].member, code) == 0)
			return true;
	return false;
}

static enum status load_payments(struct app *a, int year, struct rep_payments *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->issued = date_today();
	enum status hrc = reports_head(a, &out->practice, &out->audit, e);
	if (hrc != ST_OK)
		return hrc;
	enum status rc = db_report_payments(app_db(a), date_year_start(year), date_year_end(year), &out->v,
	                                    &out->n, e);
	if (rc != ST_OK)
		rep_payments_fini(out);
	return rc;
}

enum status app_attestations(struct app *a, const char *member, int year,
                             struct rep_payments *out, struct err *e)
{
	enum status rc = load_payments(a, year, out, e);
	if (rc != ST_OK)
		return rc;
	struct pay_ctx c = { out->v, out->n };
	rc = reports_identity(a, &out->address, &out->siret, e);
	if (rc == ST_OK)
		rc = select_members(a, member, was_paid, &c, &out->members, &out->n_members, e);
	if (rc != ST_OK)
		rep_payments_fini(out);
	return rc;
}

enum status app_journal(struct app *a, int year, struct rep_payments *out,
                        struct err *e)
{
	return load_payments(a, year, out, e);
}

/* ---- sources in a stable order: the configuration's, then by code ---- */


static bool codes_has(const struct codes *c, const char *s)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], s) == 0)
			return true;
	return false;
}

bool codes_add(struct codes *c, const char *s)
{
	if (codes_has(c, s))
		return true;
	if (!array_grow(&c->v, &c->cap, c->n + 1, sizeof *c->v))
		return false;
	if (!(c->v[c->n] = strdup(s)))
		return false;
	c->n++;
	return true;
}

void codes_fini(struct codes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static const struct codelist *sort_list;

long codes_rank(const struct codelist *l, const char *code)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return (long)i;
	return -1;
}

static long config_rank(const char *code)
{
	return codes_rank(sort_list, code);
}

static int cmp_config_order(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	long ra = config_rank(a), rb = config_rank(b);
	if (ra >= 0 && rb >= 0)
		return ra < rb ? -1 : ra > rb;
	if (ra >= 0 || rb >= 0)
		return ra >= 0 ? -1 : 1;
	return strcmp(a, b);
}

/* Sort codes in the order of a configuration list, unknown codes last by
 * byte order. (qsort has no context argument in C11: a file-level pointer,
 * set and cleared around the call; the program is single-threaded.) */
void codes_sort(struct codes *c, const struct codelist *l)
{
	if (c->n < 2)
		return;
	sort_list = l;
	qsort(c->v, c->n, sizeof *c->v, cmp_config_order);
	sort_list = NULL;
}

/* ---- expected versus received ---- */

struct exp_sort {
	const char *source, *exercise;
	size_t idx;
};

static int cmp_exp(const void *x, const void *y)
{
	const struct exp_sort *a = x, *b = y;
	long ra = config_rank(a->source), rb = config_rank(b->source);
	if (ra != rb) {
		if (ra >= 0 && rb >= 0)
			return ra < rb ? -1 : 1;
		if (ra >= 0 || rb >= 0)
			return ra >= 0 ? -1 : 1;
	}
	int c = strcmp(a->source, b->source);
	return c ? c : strcmp(a->exercise, b->exercise);
}

enum status app_expected(struct app *a, int year, struct rep_expected *out,
                         struct err *e)
{
	const struct config *cfg = app_config(a);
	struct db *db = app_db(a);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->issued = date_today();
	const int32_t ys = date_year_start(year), ye = date_year_end(year);
	char yname[16];
	snprintf(yname, sizeof yname, "%d", year);
	enum status hrc = reports_head(a, &out->practice, &out->audit, e);
	if (hrc != ST_OK)
		return hrc;
	struct receipt *recs = NULL;
	struct db_receipt_dist *rd = NULL;
	size_t nr = 0, nrd = 0;
	enum status ov = ST_OK;
	enum status rc = db_receipts(db, &recs, &nr, e);
	if (rc == ST_OK)
		rc = db_report_receipt_dists(db, &rd, &nrd, e);

	/* The (source, exercise) pairs to show. */
	struct exp_sort *keys = NULL;
	size_t nk = 0;
	if (rc == ST_OK && !(keys = calloc(nr ? nr : 1, sizeof *keys)))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < nr; i++) {
		const struct receipt *r = &recs[i];
		if (strcmp(r->exercise, yname) != 0 && (r->received < ys || r->received > ye))
			continue;
		size_t k = 0;
		while (k < nk && !(strcmp(keys[k].source, r->source) == 0 && strcmp(keys[k].exercise, r->exercise) == 0))
			k++;
		if (k == nk)
			keys[nk++] = (struct exp_sort){ r->source, r->exercise, i };
	}
	if (rc == ST_OK) {
		sort_list = &cfg->sources;
		qsort(keys, nk, sizeof *keys, cmp_exp);
		sort_list = NULL;
		if (!(out->rows = calloc(nk ? nk : 1, sizeof *out->rows)))
			rc = err_set(e, ST_NOMEM, NULL);
	}
	for (size_t k = 0; rc == ST_OK && k < nk; k++) {
		struct rep_exp_row *row = &out->rows[out->n_rows++];
		row->source = strdup(keys[k].source);
		row->exercise = strdup(keys[k].exercise);
		struct codes kinds = { 0 };
		bool failed = !row->source || !row->exercise;
		for (size_t i = 0; !failed && i < nr; i++)
			if (strcmp(recs[i].source, row->source) == 0 && strcmp(recs[i].exercise, row->exercise) == 0)
				failed |= !codes_add(&kinds, recs[i].kind);
		codes_sort(&kinds, &cfg->receipt_kinds);
		if (!failed && !(row->kinds = calloc(kinds.n ? kinds.n : 1, sizeof *row->kinds)))
			failed = true;
		for (size_t j = 0; !failed && j < kinds.n; j++) {
			row->kinds[j].kind = kinds.v[j];
			kinds.v[j] = NULL;
			row->n_kinds++;
		}
		codes_fini(&kinds);
		if (failed) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		for (size_t i = 0; i < nr; i++) {
			const struct receipt *r = &recs[i];
			if (strcmp(r->source, row->source) != 0 || strcmp(r->exercise, row->exercise) != 0)
				continue;
			for (size_t j = 0; j < row->n_kinds; j++) {
				if (strcmp(row->kinds[j].kind, r->kind) == 0) {
					row->kinds[j].count++;
					reports_add(&row->kinds[j].cents, r->amount, &ov);
				}
			}
			reports_add(&row->received, r->amount, &ov);
			if (strcmp(r->kind, "balance") == 0)
				row->balance = true;
			/* Both lists are ordered by receipt id; a lookup keeps it
			 * simple for the few receipts of a practice. */
			for (size_t j = 0; j < nrd; j++)
				if (rd[j].receipt_id == r->id)
					reports_add(&row->distributed, rd[j].cents, &ov);
		}
		if (money_sub(row->received, row->distributed, &row->undistributed) != ST_OK)
			ov = ST_OVERFLOW;
		reports_add(&out->received, row->received, &ov);
		reports_add(&out->distributed, row->distributed, &ov);
		reports_add(&out->undistributed, row->undistributed, &ov);
	}
	if (rc == ST_OK && ov != ST_OK)
		rc = reports_overflow(e);
	free(keys);
	free(rd);
	receipt_list_free(recs, nr);
	if (rc != ST_OK)
		rep_expected_fini(out);
	return rc;
}
