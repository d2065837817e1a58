/* summary.c: the team-meeting summary's use case: the approved
 * distributions of the receipts received in a year, summed in integer
 * cents by recipient and source, by source and exercise, by profession
 * group, with what is paid and the distributions covered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

/* Index of a code in an array of codes (it is there: the caller added it). */
static size_t index_of(char *const *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], code) == 0)
			return i;
	return 0;
}

/* The column of a source and an exercise (it is there). */
static size_t col_of(const struct rep_summary *s, const char *source, const char *exercise)
{
	for (size_t i = 0; i < s->n_cols; i++)
		if (strcmp(s->cols[i].source, source) == 0 && strcmp(s->cols[i].exercise, exercise) == 0)
			return i;
	return 0;
}

/* The configuration's sources, for sorting the columns (qsort has no
 * context argument in C11; the program is single-threaded). */
static const struct codelist *col_order;

static int cmp_col(const void *x, const void *y)
{
	const struct rep_sum_col *a = x, *b = y;
	long ra = codes_rank(col_order, a->source), rb = codes_rank(col_order, b->source);
	if (ra != rb) {
		if (ra >= 0 && rb >= 0)
			return ra < rb ? -1 : 1;
		return ra >= 0 ? -1 : 1;
	}
	int c = strcmp(a->source, b->source);
	return c ? c : strcmp(a->exercise, b->exercise);
}

/* The columns: each source and exercise of the distributions, sorted by
 * source as the configuration lists them, then by exercise. */
static enum status summary_cols(const struct config *cfg, struct rep_summary *out,
                                const struct rep_dist *dists, size_t nd, struct err *e)
{
	if (!(out->cols = calloc(nd ? nd : 1, sizeof *out->cols)))
		return err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < nd; i++) {
		const struct receipt *r = &dists[i].r;
		bool seen = false;
		for (size_t k = 0; k < out->n_cols && !seen; k++)
			seen = strcmp(out->cols[k].source, r->source) == 0 &&
			       strcmp(out->cols[k].exercise, r->exercise) == 0;
		if (seen)
			continue;
		struct rep_sum_col *c = &out->cols[out->n_cols++];
		struct sbuf b;
		sb_init(&b);
		/* "ACI 2024"; a source whose label does not start with its code
		 * by its label in the reader's language ("Autre financement"). */
		const struct cfg_item *it = config_find(&cfg->sources, r->source);
		const char *label = it ? config_label(it) : r->source;
		bool code_first = strncmp(label, r->source, strlen(r->source)) == 0;
		sb_printf(&b, "%s %s", code_first ? r->source : label, r->exercise);
		c->source = strdup(r->source);
		c->exercise = strdup(r->exercise);
		c->name = sb_take(&b);
		if (!c->source || !c->exercise || !c->name)
			return err_set(e, ST_NOMEM, NULL);
	}
	col_order = &cfg->sources;
	if (out->n_cols > 1)
		qsort(out->cols, out->n_cols, sizeof *out->cols, cmp_col);
	col_order = NULL;
	if (!(out->col_totals = calloc(out->n_cols ? out->n_cols : 1, sizeof *out->col_totals)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

/* The distributions covered, as they were loaded (by number). */
static enum status summary_dists(struct rep_summary *out, const struct rep_dist *dists, size_t nd,
                                 struct err *e)
{
	if (!(out->dists = calloc(nd ? nd : 1, sizeof *out->dists)))
		return err_set(e, ST_NOMEM, NULL);
	bool failed = false;
	for (size_t i = 0; i < nd; i++) {
		const struct distribution *d = &dists[i].d;
		const struct receipt *r = &dists[i].r;
		struct rep_sum_dist *x = &out->dists[i];
		x->id = d->id;
		x->receipt = r->reference ? reports_dup(r->reference, &failed) : NULL;
		x->source = reports_dup(r->source, &failed);
		x->kind = reports_dup(r->kind, &failed);
		x->exercise = reports_dup(r->exercise, &failed);
		x->key = reports_dup(d->key_name, &failed);
		x->key_version = d->key_version;
		x->approved_on = d->approved_on;
		x->amount = d->amount;
	}
	return failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
}

/* The summary's rows: its members (name and group), then its accounts,
 * with a cell per source and per column. */
static enum status summary_rows(const struct config *cfg, struct rep_summary *out,
                                const struct codes *members, const struct codes *accounts,
                                const struct member *ms, size_t nm, struct err *e)
{
	enum status rc = ST_OK;
	bool failed = false;
	for (size_t i = 0; rc == ST_OK && i < members->n + accounts->n; i++) {
		struct rep_sum_row *r = &out->rows[out->n_rows];
		bool is_member = i < members->n;
		const char *code = is_member ? members->v[i] : accounts->v[i - members->n];
		r->cents = calloc(out->n_sources ? out->n_sources : 1, sizeof *r->cents);
		r->by_col = calloc(out->n_cols ? out->n_cols : 1, sizeof *r->by_col);
		r->code = strdup(code);
		out->n_rows++;
		if (!r->cents || !r->by_col || !r->code) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		if (!is_member)
			continue;
		out->n_member_rows++;
		for (size_t k = 0; k < nm; k++) {
			if (strcmp(ms[k].code, code) != 0)
				continue;
			const struct cfg_item *prof = config_find(&cfg->professions, ms[k].profession);
			r->name = reports_dup(ms[k].name, &failed);
			r->group = reports_dup(prof && prof->group ? prof->group : "other", &failed);
		}
		/* A line's member always exists (foreign key); "other" all the same. */
		if (!r->group)
			r->group = reports_dup("other", &failed);
		if (failed)
			rc = err_set(e, ST_NOMEM, NULL);
	}

	return rc;
}

/* The sums, in integer cents; *ov says an overflow. */
static void summary_sums(struct rep_summary *out, const struct rep_dist *dists, size_t nd,
                         const struct codes *members, const struct codes *accounts,
                         enum status *ov)
{
	for (size_t i = 0; i < nd; i++) {
		size_t s = index_of(out->sources, out->n_sources, dists[i].r.source);
		size_t c = col_of(out, dists[i].r.source, dists[i].r.exercise);
		for (size_t k = 0; k < dists[i].d.n_lines; k++) {
			const struct dist_line *l = &dists[i].d.lines[k];
			const char *m = rep_line_member(l);
			size_t at = m ? index_of(members->v, members->n, m)
			              : members->n + index_of(accounts->v, accounts->n, l->recipient);
			reports_add(&out->rows[at].cents[s], l->cents, ov);
			reports_add(&out->rows[at].by_col[c], l->cents, ov);
			reports_add(&out->rows[at].total, l->cents, ov);
			if (l->paid_on != DATE_NONE)
				reports_add(&out->rows[at].paid, l->cents, ov);
			reports_add(&out->totals[s], l->cents, ov);
			reports_add(&out->col_totals[c], l->cents, ov);
			reports_add(&out->total, l->cents, ov);
		}
	}
}

/* One group's sums: the rows that belong to it. */
static void group_sums(struct rep_summary *out, struct rep_sum_group *g, enum status *ov)
{
	for (size_t k = 0; k < out->n_rows; k++) {
		const struct rep_sum_row *r = &out->rows[k];
		bool in = g->code ? (r->group && strcmp(r->group, g->code) == 0) : k >= out->n_member_rows;
		if (!in)
			continue;
		for (size_t s = 0; s < out->n_sources; s++)
			reports_add(&g->cents[s], r->cents[s], ov);
		for (size_t c = 0; c < out->n_cols; c++)
			reports_add(&g->by_col[c], r->by_col[c], ov);
		reports_add(&g->total, r->total, ov);
	}
}

/* Groups: the configuration's that have members, then "other", then
 * the accounts. */
static enum status summary_groups(const struct config *cfg, struct rep_summary *out,
                                  bool with_accounts, enum status *ov, struct err *e)
{
	enum status rc = ST_OK;
	bool failed = false;
	struct codes groups = { 0 };
	for (size_t i = 0; i < cfg->groups.n; i++)
		for (size_t k = 0; k < out->n_member_rows; k++)
			if (strcmp(out->rows[k].group, cfg->groups.v[i].code) == 0)
				failed |= !codes_add(&groups, cfg->groups.v[i].code);
	for (size_t k = 0; k < out->n_member_rows; k++)
		failed |= !codes_add(&groups, out->rows[k].group);
	if (failed)
		rc = err_set(e, ST_NOMEM, NULL);
	size_t ng = groups.n + (with_accounts ? 1 : 0);
	if (rc == ST_OK && !(out->groups = calloc(ng ? ng : 1, sizeof *out->groups)))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < ng; i++) {
		struct rep_sum_group *g = &out->groups[out->n_groups++];
		const struct cfg_item *it = i < groups.n ? config_find(&cfg->groups, groups.v[i]) : NULL;
		g->code = i < groups.n ? strdup(groups.v[i]) : NULL;
		g->label = strdup(i < groups.n ? (it ? config_label(it) : groups.v[i]) : _("Accounts"));
		g->cents = calloc(out->n_sources ? out->n_sources : 1, sizeof *g->cents);
		g->by_col = calloc(out->n_cols ? out->n_cols : 1, sizeof *g->by_col);
		if ((i < groups.n && !g->code) || !g->label || !g->cents || !g->by_col) {
			rc = err_set(e, ST_NOMEM, NULL);
			break;
		}
		group_sums(out, g, ov);
	}
	codes_fini(&groups);
	return rc;
}

/* The sources (the CSV's columns) and their labels, the columns, the
 * rows' room. */
static enum status summary_shape(const struct config *cfg, struct rep_summary *out, struct codes *src,
                                 size_t n_rows, const struct rep_dist *dists, size_t nd,
                                 struct err *e)
{
	codes_sort(src, &cfg->sources);
	out->n_sources = src->n;
	out->sources = src->v;
	src->v = NULL;
	src->n = 0;
	out->source_labels = calloc(out->n_sources ? out->n_sources : 1, sizeof *out->source_labels);
	out->totals = calloc(out->n_sources ? out->n_sources : 1, sizeof *out->totals);
	out->rows = calloc(n_rows ? n_rows : 1, sizeof *out->rows);
	if (!out->source_labels || !out->totals || !out->rows)
		return err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < out->n_sources; i++) {
		const struct cfg_item *it = config_find(&cfg->sources, out->sources[i]);
		if (!(out->source_labels[i] = strdup(it ? config_label(it) : out->sources[i])))
			return err_set(e, ST_NOMEM, NULL);
	}
	enum status rc = summary_cols(cfg, out, dists, nd, e);
	return rc == ST_OK ? summary_dists(out, dists, nd, e) : rc;
}

enum status app_summary(struct app *a, int year, struct rep_summary *out,
                        struct err *e)
{
	const struct config *cfg = app_config(a);
	memset(out, 0, sizeof *out);
	out->year = year;
	out->from = date_year_start(year);
	out->to = date_year_end(year);
	out->issued = date_today();
	enum status hrc = reports_head(a, &out->practice, &out->audit, e);
	if (hrc != ST_OK)
		return hrc;
	struct rep_dist *dists = NULL;
	size_t nd = 0;
	struct member *ms = NULL;
	size_t nm = 0;
	struct codes src = { 0 }, members = { 0 }, accounts = { 0 };
	enum status rc = reports_load_dists(app_db(a), out->from, out->to, &dists, &nd, e);
	if (rc == ST_OK)
		rc = db_members(app_db(a), &ms, &nm, e);
	out->n_dists = nd;
	bool failed = false;

	/* The columns and the rows. */
	for (size_t i = 0; rc == ST_OK && i < nd; i++) {
		failed |= !codes_add(&src, dists[i].r.source);
		for (size_t k = 0; k < dists[i].d.n_lines; k++) {
			const struct dist_line *l = &dists[i].d.lines[k];
			const char *m = rep_line_member(l);
			failed |= m ? !codes_add(&members, m) : !codes_add(&accounts, l->recipient);
		}
	}
	if (rc == ST_OK && failed)
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK) {
		codes_sort(&members, NULL);
		codes_sort(&accounts, NULL);
		rc = summary_shape(cfg, out, &src, members.n + accounts.n, dists, nd, e);
	}
	if (rc == ST_OK)
		rc = summary_rows(cfg, out, &members, &accounts, ms, nm, e);

	enum status ov = ST_OK;
	if (rc == ST_OK)
		summary_sums(out, dists, nd, &members, &accounts, &ov);
	if (rc == ST_OK)
		rc = summary_groups(cfg, out, accounts.n > 0, &ov, e);
	if (rc == ST_OK && ov != ST_OK)
		rc = reports_overflow(e);

	codes_fini(&src);
	codes_fini(&members);
	codes_fini(&accounts);
	member_list_free(ms, nm);
	reports_free_dists(dists, nd);
	if (rc != ST_OK)
		rep_summary_fini(out);
	return rc;
}
