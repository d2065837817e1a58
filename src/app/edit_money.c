/* edit_money.c: posts, the funding of posts and receipts, one record at a
 * time for the terminal interface; each change is remembered for undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "edit_internal.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* ---- copies, for what undo keeps ---- */

static bool post_copy(struct post *to, const struct post *from)
{
	*to = *from;
	to->code = dup_or_null(from->code);
	to->label = dup_or_null(from->label);
	to->holder = dup_or_null(from->holder);
	return to->code && to->label && (to->holder || !from->holder);
}

static bool receipt_copy(struct receipt *to, const struct receipt *from)
{
	*to = *from;
	to->source = dup_or_null(from->source);
	to->kind = dup_or_null(from->kind);
	to->exercise = dup_or_null(from->exercise);
	to->reference = dup_or_null(from->reference);
	to->note = dup_or_null(from->note);
	return to->source && to->kind && to->exercise && (to->reference || !from->reference) &&
	       (to->note || !from->note);
}

/* A copy of n fundings, their post set to `post`; NULL when out of memory
 * (an empty list is a valid allocation of one element). */
static struct post_funding *fundings_copy(const char *post, const struct post_funding *v, size_t n)
{
	struct post_funding *c = calloc(n ? n : 1, sizeof *c);
	bool ok = c != NULL;
	for (size_t i = 0; ok && i < n; i++) {
		c[i] = v[i];
		c[i].post = strdup(post);
		c[i].source = dup_or_null(v[i].source);
		ok = c[i].post && (c[i].source || !v[i].source);
	}
	if (!ok && c) {
		funding_list_free(c, n);
		c = NULL;
	}
	return c;
}

/* ---- posts ---- */

/* x as stored, y as shown. */
static bool post_equal(const struct post *x, const struct post *y)
{
	return same_id(x->id, y->id) && same_text(x->code, y->code) && same_text(x->label, y->label) &&
	       same_text(x->holder, y->holder) && x->fte == y->fte &&
	       x->yearly_cost == y->yearly_cost && x->start == y->start && x->end == y->end;
}

/* The stored post of that code; ST_NOTFOUND when none. */
static enum status post_get(struct app *a, const char *code, struct post *out,
                            struct err *e)
{
	struct post *v;
	size_t n;
	enum status rc = db_posts(a->db, &v, &n, e);
	if (rc != ST_OK)
		return rc;
	rc = err_set(e, ST_NOTFOUND, _("no post \"%s\""), code);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].code, code) == 0) {
			*out = v[i];
			memset(&v[i], 0, sizeof v[i]);
			err_fini(e);
			rc = ST_OK;
			break;
		}
	}
	post_list_free(v, n);
	return rc;
}

/* A pure insert, as for members. */
static enum status write_post_new(struct app *a, const void *arg, struct err *e)
{
	return db_post_insert(a->db, arg, NULL, e);
}

enum status app_post_add(struct app *a, const struct post *p, struct err *e)
{
	enum status rc = post_validate(p, e);
	if (rc == ST_OK)
		rc = write_with(a, write_post_new, p, "post add", p->code, p->label, e);
	if (rc == ST_OK) {
		char *what = str_printf(_("the new post %s"), p->code);
		remember_final(a, APP_UNDO_POST, what ? what : p->code, _("posts are never deleted: give the post an end date instead"));
		free(what);
	}
	return rc;
}

struct post_change {
	const struct post *before, *after;
	enum replay by;
};

static enum status write_post_change(struct app *a, const void *arg, struct err *e)
{
	const struct post_change *c = arg;
	struct post now;
	enum status rc = post_get(a, c->before->code, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("post"), c->before->code, c->by, e);
	if (rc != ST_OK)
		return rc;
	bool same = post_equal(&now, c->before);
	post_fini(&now);
	if (!same)
		return changed_elsewhere(_("post"), c->before->code, c->by, e);
	return db_post_put(a->db, c->after, NULL, e);
}

enum status post_change(struct app *a, const struct post *before,
                        const struct post *after, enum replay by, const char *action,
                        struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a post's code cannot change"));
	enum status rc = post_validate(after, e);
	if (rc != ST_OK)
		return rc;
	struct post_change c = { before, after, by };
	return write_with(a, write_post_change, &c, action, after->code, after->label, e);
}

enum status app_post_update(struct app *a, const struct post *before,
                            const struct post *after, struct err *e)
{
	enum status rc = post_change(a, before, after, BY_EDIT, "post edit", e);
	if (rc == ST_OK) {
		struct app_change *c = change_new(a, CH_POST, _("the change of post %s"), before->code);
		if (c) {
			bool ok = post_copy(&c->p[0], before) && post_copy(&c->p[1], after);
			c->p[1].id = before->id;   /* an update keeps the row */
			change_keep(a, c, ok);
		}
	}
	return rc;
}

/* ---- the funding of posts ---- */

static int funding_cmp(const void *x, const void *y)
{
	const struct post_funding *f = *(const struct post_funding *const *)x;
	const struct post_funding *g = *(const struct post_funding *const *)y;
	if (f->start != g->start)
		return f->start < g->start ? -1 : 1;
	int c = strcmp(f->source ? f->source : "", g->source ? g->source : "");
	if (c)
		return c;
	if (f->share_bp != g->share_bp)
		return f->share_bp < g->share_bp ? -1 : 1;
	if (f->end != g->end)
		return f->end < g->end ? -1 : 1;
	return 0;
}

/* The same order, then by row id: shares rewritten by another program
 * (an import of posts makes them anew) have other ids. */
static int funding_cmp_id(const void *x, const void *y)
{
	int c = funding_cmp(x, y);
	if (c)
		return c;
	const struct post_funding *f = *(const struct post_funding *const *)x;
	const struct post_funding *g = *(const struct post_funding *const *)y;
	return f->id < g->id ? -1 : f->id > g->id;
}

/* Whether the shares stored (x) are those shown (y), in any order; by row
 * id too when every share shown has one (read, not built by hand). */
static bool fundings_equal(const struct post_funding *x, size_t nx,
                           const struct post_funding *y, size_t ny, bool *nomem)
{
	if (nx != ny)
		return false;
	int (*cmp)(const void *, const void *) = funding_cmp_id;
	for (size_t i = 0; i < ny; i++)
		if (!y[i].id)
			cmp = funding_cmp;
	const struct post_funding **px = calloc(nx ? nx : 1, sizeof *px);
	const struct post_funding **py = calloc(ny ? ny : 1, sizeof *py);
	bool same = px && py;
	*nomem = !same;
	for (size_t i = 0; same && i < nx; i++) {
		px[i] = &x[i];
		py[i] = &y[i];
	}
	if (same) {
		qsort(px, nx, sizeof *px, cmp);
		qsort(py, ny, sizeof *py, cmp);
	}
	for (size_t i = 0; same && i < nx; i++)
		same = cmp(&px[i], &py[i]) == 0;
	free(px);
	free(py);
	return same;
}

/* Each share right on its own, and on no day more than 100 % in all: the
 * total only rises where a share starts, so those days are enough. */
enum status app_fundings_check(const struct config *cfg, const struct post_funding *v,
                               size_t n, struct err *e)
{
	char d1[DATE_BUFSZ], pct[MONEY_BUFSZ];
	for (size_t i = 0; i < n; i++) {
		const struct post_funding *f = &v[i];
		if (!f->source || !config_find(&cfg->sources, f->source))
			return err_set(e, ST_INVALID, _("unknown source \"%s\""), f->source ? f->source : "");
		if (f->share_bp <= 0 || f->share_bp > 10000)
			return err_set(e, ST_INVALID, _("%s: the share must be above 0 and at most 100 %%"), f->source);
		if (f->start == DATE_NONE)
			return err_set(e, ST_INVALID, _("%s: the share needs a start date"), f->source);
		if (f->end != DATE_NONE && f->end < f->start)
			return err_set(e, ST_INVALID, _("%s: the end is before the start"), f->source);
	}
	for (size_t i = 0; i < n; i++) {
		int32_t day = v[i].start;
		int64_t total = 0;
		for (size_t j = 0; j < n; j++)
			if (v[j].start <= day && (v[j].end == DATE_NONE || v[j].end >= day))
				total += v[j].share_bp;
		if (total > 10000) {
			app_hundredths_text(total, pct, sizeof pct);
			return err_set(e, ST_INVALID, _("on %s the shares add up to %s %%, more than 100 %%"),
			               date_format(day, d1, sizeof d1), pct);
		}
	}
	return ST_OK;
}

struct funding_change {
	const char *post;
	const struct post_funding *before, *after;
	size_t nb, na;
	enum replay by;
	struct post_funding **stored;   /* may be NULL: the shares written, with their ids */
	size_t *n_stored;
};

/* The stored shares of a post (a new array, funding_list_free). */
static enum status post_fundings(struct app *a, const char *post, struct post_funding **out,
                                 size_t *n, struct err *e)
{
	struct post_funding *all = NULL;
	size_t na = 0, nm = 0;
	enum status rc = db_fundings(a->db, &all, &na, e);
	if (rc != ST_OK)
		return rc;
	for (size_t i = 0; i < na; i++) {
		if (strcmp(all[i].post, post) == 0)
			all[nm++] = all[i];
		else
			post_funding_fini(&all[i]);
	}
	/* An empty list is still an allocation: a change keeps it. */
	if (!all && !(all = calloc(1, sizeof *all)))
		return err_set(e, ST_NOMEM, NULL);
	*out = all;
	*n = nm;
	return ST_OK;
}

static enum status write_funding(struct app *a, const void *arg, struct err *e)
{
	const struct funding_change *c = arg;
	struct post p;
	enum status rc = post_get(a, c->post, &p, e);
	if (rc == ST_NOTFOUND && c->by != BY_EDIT)
		return removed_elsewhere(_("post"), c->post, c->by, e);
	if (rc != ST_OK)
		return rc;
	post_fini(&p);
	struct post_funding *mine = NULL;
	size_t nm = 0;
	if ((rc = post_fundings(a, c->post, &mine, &nm, e)) != ST_OK)
		return rc;
	bool nomem = false;
	bool same = fundings_equal(mine, nm, c->before, c->nb, &nomem);
	funding_list_free(mine, nm);
	if (nomem)
		return err_set(e, ST_NOMEM, NULL);
	if (!same)
		return changed_elsewhere(_("the funding of post"), c->post, c->by, e);
	if ((rc = db_funding_clear(a->db, c->post, e)) != ST_OK)
		return rc;
	for (size_t i = 0; rc == ST_OK && i < c->na; i++) {
		struct post_funding f = c->after[i];
		f.post = (char *)c->post;
		rc = db_funding_add(a->db, &f, e);
	}
	if (rc == ST_OK && c->stored)
		rc = post_fundings(a, c->post, c->stored, c->n_stored, e);
	return rc;
}

/* "ACI 70 %, FIR 30 %" for the audit log. */
static char *fundings_text(const struct post_funding *v, size_t n)
{
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, n ? "" : "-");
	for (size_t i = 0; i < n; i++) {
		char pct[MONEY_BUFSZ], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
		sb_printf(&b, "%s%s %s %% %s..%s", i ? ", " : "", v[i].source,
		          decimal_format(v[i].share_bp, 2, '.', pct, sizeof pct),
		          date_format(v[i].start, d1, sizeof d1), date_format(v[i].end, d2, sizeof d2));
	}
	return sb_take(&b);
}

enum status funding_change(struct app *a, const char *post,
                           const struct post_funding *before, size_t nb,
                           const struct post_funding *after, size_t na, enum replay by,
                           struct post_funding **stored, size_t *n_stored,
                           const char *action, struct err *e)
{
	enum status rc = app_fundings_check(a->cfg, after, na, e);
	if (rc != ST_OK)
		return rc;
	char *text = fundings_text(after, na);
	if (!text)
		return err_set(e, ST_NOMEM, NULL);
	struct funding_change c = { post, before, after, nb, na, by, stored, n_stored };
	rc = write_with(a, write_funding, &c, action, post, text, e);
	free(text);
	return rc;
}

enum status app_funding_set(struct app *a, const char *post,
                            const struct post_funding *before, size_t n_before,
                            const struct post_funding *after, size_t n_after,
                            struct err *e)
{
	/* The shares as written, with their ids: what an undo expects. */
	struct post_funding *stored = NULL;
	size_t n_stored = 0;
	enum status rc = funding_change(a, post, before, n_before, after, n_after, BY_EDIT, &stored, &n_stored,
	                                "funding edit", e);
	if (rc == ST_OK) {
		struct app_change *c = change_new(a, CH_FUNDING, _("the change of the funding of post %s"), post);
		if (c) {
			c->post = strdup(post);
			c->f[0] = fundings_copy(post, before, n_before);
			c->f[1] = stored;
			c->nf[0] = c->f[0] ? n_before : 0;
			c->nf[1] = n_stored;
			stored = NULL;
			n_stored = 0;
			change_keep(a, c, c->post && c->f[0] && c->f[1]);
		}
	}
	funding_list_free(stored, n_stored);
	return rc;
}

/* ---- receipts ---- */

/* "REF" or "#12": how a receipt is named in messages; the reference
 * itself, or the id written into buf. */
#define RECEIPT_ID_BUFSZ 24   /* "#" and an int64_t */
static const char *receipt_name(const struct receipt *r, char buf[RECEIPT_ID_BUFSZ])
{
	if (r->reference && *r->reference)
		return r->reference;
	snprintf(buf, RECEIPT_ID_BUFSZ, "#%lld", (long long)r->id);
	return buf;
}

bool receipt_equal(const struct receipt *x, const struct receipt *y)
{
	return x->id == y->id && same_text(x->source, y->source) && same_text(x->kind, y->kind) &&
	       same_text(x->exercise, y->exercise) && x->start == y->start && x->end == y->end &&
	       x->received == y->received && x->amount == y->amount &&
	       same_text(x->reference, y->reference) && same_text(x->note, y->note);
}

unsigned app_receipt_figures(const struct receipt *x, const struct receipt *y)
{
	return (same_text(x->source, y->source) ? 0 : APP_FIG_SOURCE) |
	       (same_text(x->exercise, y->exercise) ? 0 : APP_FIG_EXERCISE) |
	       (x->start == y->start && x->end == y->end ? 0 : APP_FIG_PERIOD) |
	       (x->amount == y->amount ? 0 : APP_FIG_AMOUNT);
}

enum status app_receipt_refigure(struct app *a, const struct receipt *before,
                                 const struct receipt *after, int64_t *dropped,
                                 unsigned *changed, struct err *e)
{
	unsigned figures = app_receipt_figures(before, after);
	*dropped = 0;
	if (changed)
		*changed = figures;
	if (!figures)
		return ST_OK;
	int64_t approved = 0, draft = 0;
	enum status rc = db_receipt_dists(a->db, before->id, &approved, &draft, e);
	if (rc != ST_OK)
		return rc;
	if (approved) {
		char idbuf[RECEIPT_ID_BUFSZ];
		const char *name = receipt_name(before, idbuf);
		return err_set(e, ST_FROZEN,
		               _("receipt %s is divided by an approved distribution: its source, exercise, period "
		                 "and amount can no longer change (its kind, date received, reference and note can); "
		                 "nothing was saved"), name);
	}
	/* A draft computed on the old figures would be approved with the new
	 * ones: it goes, to be divided again. */
	return draft ? db_dist_drop_draft(a->db, before->id, dropped, e) : ST_OK;
}

static enum status receipt_check(struct app *a, const struct receipt *r, struct err *e)
{
	enum status rc = receipt_validate(r, e);
	if (rc == ST_OK && !config_find(&a->cfg->sources, r->source))
		rc = err_set(e, ST_INVALID, _("unknown source \"%s\""), r->source);
	if (rc == ST_OK && !config_find(&a->cfg->receipt_kinds, r->kind))
		rc = err_set(e, ST_INVALID, _("unknown receipt kind \"%s\""), r->kind);
	return rc;
}

/* ST_REFUSED when another receipt than `id` has that reference. */
static enum status reference_check(struct app *a, const char *ref, int64_t id, struct err *e)
{
	if (!ref || !*ref)
		return ST_OK;
	struct receipt old;
	struct err tmp = ERR_INIT;
	enum status rc = db_receipt_find(a->db, ref, &old, &tmp);
	err_fini(&tmp);
	bool taken = rc == ST_OK && same_text(old.reference, ref) && old.id != id;
	if (rc == ST_OK)
		receipt_fini(&old);
	if (taken)
		return err_set(e, ST_REFUSED, _("a receipt with reference %s already exists"), ref);
	return ST_OK;
}

/* "ACI advance 2025: 1234.56 (REF)" for the audit log. */
char *receipt_detail(const struct receipt *r)
{
	char amount[MONEY_BUFSZ];
	money_format(r->amount, MONEY_PLAIN, amount, sizeof amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s %s: %s (%s)", r->source, r->kind, r->exercise, amount,
	          r->reference ? r->reference : "-");
	return sb_take(&b);
}

/* write(arg) in one transaction, audited with the detail of receipt r. */
static enum status receipt_transaction(struct app *a, write_fn write, const void *arg,
                                       const struct receipt *r, const char *action, struct err *e)
{
	char *detail = receipt_detail(r);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = in_transaction(a, write, arg, action, detail, e);
	free(detail);
	return rc;
}

struct receipt_write {
	const struct receipt *r;
	int64_t *id;
};

static enum status write_receipt(struct app *a, const void *arg, struct err *e)
{
	const struct receipt_write *w = arg;
	/* A pure insert: a reference another program recorded since the
	 * form opened is refused, never updated. */
	return db_receipt_insert(a->db, w->r, w->id, e);
}

enum status app_receipt_add(struct app *a, const struct receipt *r, int64_t *id,
                            struct err *e)
{
	enum status rc = receipt_check(a, r, e);
	if (rc != ST_OK)
		return rc;
	int64_t new_id = 0;
	struct receipt_write w = { r, &new_id };
	rc = receipt_transaction(a, write_receipt, &w, r, "receipt add", e);
	if (rc != ST_OK)
		return rc;
	if (id)
		*id = new_id;
	struct receipt stored = *r;
	stored.id = new_id;
	char idbuf[RECEIPT_ID_BUFSZ];
	const char *name = receipt_name(&stored, idbuf);
	struct app_change *c = change_new(a, CH_RECEIPT_ADD, _("the new receipt %s"), name);
	if (c)
		change_keep(a, c, receipt_copy(&c->r[1], &stored));
	return ST_OK;
}

struct receipt_change {
	const struct receipt *before, *after;
	int64_t *dropped;
	enum replay by;
};

/* An undo that puts back other figures would remove the receipt's draft;
 * the change undone removed any draft there was, so a draft now was made
 * since (here or by another program) on the changed figures: refused
 * rather than dropped. A redo likewise keeps a draft made since the undo. */
static enum status undo_keeps_drafts(struct app *a, const struct receipt *now,
                                     const struct receipt *back, const char *name,
                                     enum replay by, struct err *e)
{
	if (!app_receipt_figures(now, back))
		return ST_OK;
	int64_t approved = 0, draft = 0;
	enum status rc = db_receipt_dists(a->db, now->id, &approved, &draft, e);
	if (rc == ST_OK && draft && by == BY_REDO)
		rc = err_set(e, ST_REFUSED,
		             _("receipt %s was divided again since your undo (draft D%lld): redoing the change "
		               "would remove that draft; nothing was redone"), name, (long long)draft);
	else if (rc == ST_OK && draft)
		rc = err_set(e, ST_REFUSED,
		             _("receipt %s was divided again since your change (draft D%lld): undoing the change "
		               "would remove that draft; nothing was undone"), name, (long long)draft);
	return rc;
}

static enum status write_receipt_change(struct app *a, const void *arg, struct err *e)
{
	const struct receipt_change *c = arg;
	char idbuf[RECEIPT_ID_BUFSZ];
	const char *name = receipt_name(c->before, idbuf);
	struct receipt now;
	enum status rc = db_receipt_get(a->db, c->before->id, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("receipt"), name, c->by, e);
	if (rc != ST_OK)
		return rc;
	bool same = receipt_equal(&now, c->before);
	receipt_fini(&now);
	if (!same)
		return changed_elsewhere(_("receipt"), name, c->by, e);
	if (c->by != BY_EDIT && (rc = undo_keeps_drafts(a, c->before, c->after, name, c->by, e)) != ST_OK)
		return rc;
	if ((rc = reference_check(a, c->after->reference, c->before->id, e)) != ST_OK)
		return rc;
	if ((rc = app_receipt_refigure(a, c->before, c->after, c->dropped, NULL, e)) != ST_OK)
		return rc;
	struct receipt r = *c->after;
	r.id = c->before->id;
	return db_receipt_update(a->db, &r, e);
}

enum status receipt_change(struct app *a, const struct receipt *before,
                           const struct receipt *after, int64_t *dropped, enum replay by,
                           const char *action, struct err *e)
{
	int64_t none = 0;
	if (!dropped)
		dropped = &none;
	*dropped = 0;
	enum status rc = receipt_check(a, after, e);
	if (rc != ST_OK)
		return rc;
	struct receipt_change c = { before, after, dropped, by };
	rc = receipt_transaction(a, write_receipt_change, &c, after, action, e);
	if (rc != ST_OK)
		*dropped = 0;
	return rc;
}

enum status app_receipt_update(struct app *a, const struct receipt *before,
                               const struct receipt *after, int64_t *dropped_draft,
                               struct err *e)
{
	enum status rc = receipt_change(a, before, after, dropped_draft, BY_EDIT, "receipt edit", e);
	if (rc == ST_OK) {
		char idbuf[RECEIPT_ID_BUFSZ];
		const char *name = receipt_name(before, idbuf);
		struct app_change *c = change_new(a, CH_RECEIPT, _("the change of receipt %s"), name);
		if (c) {
			bool ok = receipt_copy(&c->r[0], before) && receipt_copy(&c->r[1], after);
			c->r[1].id = before->id;
			change_keep(a, c, ok);
		}
	}
	return rc;
}

struct receipt_removal {
	const struct receipt *r;
	enum replay by;
};

static enum status write_receipt_remove(struct app *a, const void *arg, struct err *e)
{
	const struct receipt_removal *w = arg;
	const struct receipt *r = w->r;
	char idbuf[RECEIPT_ID_BUFSZ];
	const char *name = receipt_name(r, idbuf);
	struct receipt now;
	enum status rc = db_receipt_get(a->db, r->id, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("receipt"), name, w->by, e);
	if (rc != ST_OK)
		return rc;
	bool same = receipt_equal(&now, r);
	receipt_fini(&now);
	if (!same)
		return changed_elsewhere(_("receipt"), name, w->by, e);
	return db_receipt_delete(a->db, r->id, e);
}

enum status receipt_remove(struct app *a, const struct receipt *r, enum replay by,
                           const char *action, struct err *e)
{
	struct receipt_removal w = { r, by };
	return receipt_transaction(a, write_receipt_remove, &w, r, action, e);
}

enum status receipt_restore(struct app *a, const struct receipt *r, const char *action,
                            int64_t *id, struct err *e)
{
	struct receipt_write w = { r, id };
	return receipt_transaction(a, write_receipt, &w, r, action, e);
}

enum status app_receipt_delete(struct app *a, const struct receipt *before, struct err *e)
{
	char idbuf[RECEIPT_ID_BUFSZ];
	const char *name = receipt_name(before, idbuf);
	int64_t *ids = NULL;
	size_t n = 0;
	enum status rc = db_dist_ids(a->db, before->id, &ids, &n, e);
	if (rc != ST_OK)
		return rc;
	free(ids);
	/* What was divided stays: its statements name the receipt. */
	if (n)
		return err_set(e, ST_REFUSED, _("receipt %s has been divided (%zu distribution(s)): it is not deleted; "
		                                "an approved distribution is corrected by reversing it"), name, n);
	if ((rc = receipt_remove(a, before, BY_EDIT, "receipt delete", e)) != ST_OK)
		return rc;
	struct app_change *c = change_new(a, CH_RECEIPT_DEL, _("the deletion of receipt %s"), name);
	if (c)
		change_keep(a, c, receipt_copy(&c->r[0], before));
	return ST_OK;
}

/* ---- copies in the history, after a record was stored anew ---- */

struct funding_tag {
	const char *post;
	const struct post_funding *was, *now;
	size_t n_was, n_now;
};

static void funding_retag_one(struct app_change *c, void *ctx)
{
	const struct funding_tag *t = ctx;
	if (c->kind != CH_FUNDING || strcmp(c->post, t->post) != 0)
		return;
	for (int i = 0; i < 2; i++) {
		bool nomem = false;
		if (!fundings_equal(c->f[i], c->nf[i], t->was, t->n_was, &nomem))
			continue;
		/* Out of memory, the copy stays as it was: its undo or redo is
		 * then refused, never wrong. */
		struct post_funding *now = fundings_copy(t->post, t->now, t->n_now);
		if (!now)
			continue;
		funding_list_free(c->f[i], c->nf[i]);
		c->f[i] = now;
		c->nf[i] = t->n_now;
	}
}

void funding_retag(struct app *a, const char *post, const struct post_funding *was, size_t n_was,
                   const struct post_funding *now, size_t n_now)
{
	/* `was` may be one of the copies replaced: compared from a copy. */
	struct post_funding *old = fundings_copy(post, was, n_was);
	if (!old)
		return;
	struct funding_tag t = { post, old, now, n_was, n_now };
	history_each(a, APP_UNDO_FUNDING, funding_retag_one, &t);
	funding_list_free(old, n_was);
}
