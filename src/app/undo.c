/* undo.c: what every edit shares, and the history of changes. Every
 * change is one transaction with its audit entry; an edit made from a
 * stale copy is refused rather than overwriting another session's work.
 * The changes are kept with copies of their records and undone or redone
 * the same way, refused when the record moved since. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "edit_internal.h"
#include "quotepart/i18n.h"

/* ---- shared by the edits ---- */

bool same_text(const char *x, const char *y)
{
	/* NULL and "" both mean "none" for optional fields. */
	return strcmp(x ? x : "", y ? y : "") == 0;
}

char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Run `write` in one transaction followed by an audit entry. */
enum status in_transaction(struct app *a, write_fn write, const void *arg,
                           const char *action, const char *detail,
                           struct err *e)
{
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	if ((rc = write(a, arg, e)) == ST_OK &&
	    (rc = db_audit(a->db, action, detail, e)) == ST_OK)
		return db_commit(a->db, e);
	db_rollback(a->db);
	return rc;
}

/* "x: y" for the audit log. */
static char *detail_of(const char *x, const char *y)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s: %s", x ? x : "", y ? y : "");
	return sb_take(&b);
}

/* in_transaction with the detail "x: y". */
enum status write_with(struct app *a, write_fn write, const void *arg,
                       const char *action, const char *x, const char *y,
                       struct err *e)
{
	char *detail = detail_of(x, y);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = in_transaction(a, write, arg, action, detail, e);
	free(detail);
	return rc;
}

/* Whether a stored record is the one shown, by row id: a record deleted
 * and made again by another program has another. An id of 0 (a record
 * built by hand, never read) matches any. */
bool same_id(int64_t stored, int64_t shown)
{
	return !shown || stored == shown;
}

/* The refusals when another program changed or removed the record since
 * it was shown (an edit), since this session changed it (an undo) or
 * since it undid the change (a redo). */
enum status changed_elsewhere(const char *what, const char *code, enum replay by,
                              struct err *e)
{
	if (by == BY_UNDO)
		return err_set(e, ST_REFUSED,
		               _("%s %s was changed by another program since your change; nothing was undone: "
		                 "look at it as it is now"), what, code);
	if (by == BY_REDO)
		return err_set(e, ST_REFUSED,
		               _("%s %s was changed by another program since your undo; nothing was redone: "
		                 "look at it as it is now"), what, code);
	return err_set(e, ST_REFUSED,
	               _("%s %s was changed in another session since you opened it; nothing was saved: "
	                 "look at the new values and edit again"), what, code);
}

enum status removed_elsewhere(const char *what, const char *code, enum replay by,
                              struct err *e)
{
	if (by == BY_UNDO)
		return err_set(e, ST_REFUSED,
		               _("%s %s was removed by another program since your change; nothing was undone"),
		               what, code);
	if (by == BY_REDO)
		return err_set(e, ST_REFUSED,
		               _("%s %s was removed by another program since your undo; nothing was redone"),
		               what, code);
	return err_set(e, ST_REFUSED, _("%s %s was removed by another program since you opened it; nothing was saved"),
	               what, code);
}


/* ---- the history ---- */

static void change_free(struct app_change *c)
{
	if (!c)
		return;
	free(c->what);
	free(c->why);
	for (int i = 0; i < 2; i++) {
		member_fini(&c->m[i]);
		post_fini(&c->p[i]);
		if (c->f[i])
			funding_list_free(c->f[i], c->nf[i]);
		receipt_fini(&c->r[i]);
		activity_fini(&c->act[i]);
		patient_fini(&c->pa[i]);
	}
	free(c->post);
	key_free(c->key);
	key_free(c->key_after);
	free(c);
}

void app_history_fini(struct app *a)
{
	struct app_history *h = &a->hist;
	for (size_t i = 0; i < h->n_done; i++)
		change_free(h->done[i]);
	for (size_t i = 0; i < h->n_undone; i++)
		change_free(h->undone[i]);
	for (int g = 0; g < APP_UNDO_GROUPS; g++)
		change_free(h->final[g]);
	memset(h, 0, sizeof *h);
}

static unsigned group_of(enum change_kind kind)
{
	switch (kind) {
	case CH_FINAL: break;
	case CH_MEMBER: return APP_UNDO_MEMBER;
	case CH_POST: return APP_UNDO_POST;
	case CH_FUNDING: return APP_UNDO_FUNDING;
	case CH_RECEIPT_ADD: case CH_RECEIPT: case CH_RECEIPT_DEL: return APP_UNDO_RECEIPT;
	case CH_ACTIVITY_ADD: case CH_ACTIVITY: case CH_ACTIVITY_DEL: return APP_UNDO_ACTIVITY;
	case CH_PATIENT_ADD: case CH_PATIENT: return APP_UNDO_PATIENT;
	case CH_KEY: return APP_UNDO_KEY;
	}
	return 0;
}

/* The bit number of a group (one bit of APP_UNDO_ALL). */
static int group_index(unsigned group)
{
	int g = 0;
	while (g < APP_UNDO_GROUPS - 1 && !(group & (1u << g)))
		g++;
	return g;
}

/* Push c on a stack of APP_HISTORY_MAX, forgetting the oldest when full. */
static void stack_push(struct app_change **v, size_t *n, struct app_change *c)
{
	if (*n == APP_HISTORY_MAX) {
		change_free(v[0]);
		memmove(v, v + 1, (APP_HISTORY_MAX - 1) * sizeof *v);
		(*n)--;
	}
	v[(*n)++] = c;
}

/* Take v[i] out of its stack. */
static struct app_change *stack_take(struct app_change **v, size_t *n, size_t i)
{
	struct app_change *c = v[i];
	memmove(v + i, v + i + 1, (*n - i - 1) * sizeof *v);
	(*n)--;
	return c;
}

/* The latest change of those kinds in v[0..n), SIZE_MAX when none. */
static size_t stack_latest(struct app_change *const *v, size_t n, unsigned kinds)
{
	for (size_t i = n; i-- > 0;)
		if (v[i]->group & kinds)
			return i;
	return SIZE_MAX;
}

/* Something of `group` happened now: a change, an undo or a redo; a
 * change that could not be undone is no longer the latest of its kind. */
static void group_touched(struct app *a, unsigned group)
{
	struct app_history *h = &a->hist;
	int g = group_index(group);
	change_free(h->final[g]);
	h->final[g] = NULL;
	h->when[g] = ++h->clock;
}

/* The change that cannot be undone that is the latest of those kinds,
 * or NULL. */
static const struct app_change *final_of(const struct app *a, unsigned kinds)
{
	const struct app_history *h = &a->hist;
	int latest = -1;
	for (int g = 0; g < APP_UNDO_GROUPS; g++)
		if ((kinds & (1u << g)) && (latest < 0 || h->when[g] > h->when[latest]))
			latest = g;
	return latest < 0 ? NULL : h->final[latest];
}

static struct app_change *entry_new(struct app *a, enum change_kind kind, unsigned group,
                                    const char *fmt, va_list ap)
{
	struct app_history *h = &a->hist;
	group_touched(a, group);
	/* What was undone of this kind is forgotten: its copies describe
	 * records as they were before this change. */
	for (size_t i = h->n_undone; i-- > 0;)
		if (h->undone[i]->group & group)
			change_free(stack_take(h->undone, &h->n_undone, i));
	struct app_change *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->what = str_vprintf(fmt, ap);
	c->kind = kind;
	c->group = group;
	if (!c->what) {
		free(c);
		return NULL;
	}
	return c;
}

struct app_change *change_new(struct app *a, enum change_kind kind,
                              const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct app_change *c = entry_new(a, kind, group_of(kind), fmt, ap);
	va_end(ap);
	return c;
}

void change_keep(struct app *a, struct app_change *c, bool copied)
{
	if (!copied) {
		change_free(c);
		return;
	}
	if (c->kind == CH_FINAL) {
		int g = group_index(c->group);
		change_free(a->hist.final[g]);
		a->hist.final[g] = c;
		return;
	}
	stack_push(a->hist.done, &a->hist.n_done, c);
}

/* A change that cannot be undone: what it was, and why not. */
static struct app_change *final_new(struct app *a, unsigned group, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static struct app_change *final_new(struct app *a, unsigned group, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct app_change *c = entry_new(a, CH_FINAL, group, fmt, ap);
	va_end(ap);
	return c;
}

void remember_final(struct app *a, unsigned group, const char *what, const char *why)
{
	struct app_change *c = final_new(a, group, "%s", what);
	if (c)
		change_keep(a, c, (c->why = strdup(why)) != NULL);
}

void history_each(struct app *a, unsigned group, void (*fn)(struct app_change *c, void *ctx),
                  void *ctx)
{
	struct app_history *h = &a->hist;
	for (size_t i = 0; i < h->n_done; i++)
		if (h->done[i]->group & group)
			fn(h->done[i], ctx);
	for (size_t i = 0; i < h->n_undone; i++)
		if (h->undone[i]->group & group)
			fn(h->undone[i], ctx);
}

void app_remember_key(struct app *a, const char *name, struct key *before, struct key *after,
                      int version)
{
	if (!before) {
		key_free(after);
		char *what = str_printf(_("the new key \"%s\""), name);
		remember_final(a, APP_UNDO_KEY, what ? what : name, _("key versions are never deleted"));
		free(what);
		return;
	}
	struct app_change *c = change_new(a, CH_KEY, _("version %d of key \"%s\""), version, name);
	if (!c) {
		key_free(before);
		key_free(after);
		return;
	}
	c->key = before;
	c->key_after = after;
	c->key_version = version;
	change_keep(a, c, after != NULL);
}

/* ---- undo and redo, one change ---- */

/* A key and its latest version, for key_retag_one. */
struct key_latest {
	const char *name;
	int version;
};

/* Every change of the key now expects that version as the latest. */
static void key_retag_one(struct app_change *c, void *ctx)
{
	const struct key_latest *k = ctx;
	if (c->kind == CH_KEY && strcmp(c->key->name, k->name) == 0)
		c->key_version = k->version;
}

/* Version `from` of c's key stored again as the newest. */
static enum status key_apply(struct app *a, struct app_change *c, const struct key *from,
                             const char *action, const char *origin, struct err *e)
{
	int v = 0;
	enum status rc = app_key_store(a, from, c->key_version, action, origin, &v, NULL, e);
	if (rc == ST_OK)
		history_each(a, APP_UNDO_KEY, key_retag_one, &(struct key_latest){ c->key->name, v });
	return rc;
}

/* The record of a change and its row id, as one copy was: shallow, for
 * retag_one to compare the history's copies with. */
struct retag {
	unsigned group;
	struct receipt r;
	struct activity act;
	struct patient pa;
	int64_t id;
};

static void retag_one(struct app_change *c, void *ctx)
{
	const struct retag *t = ctx;
	for (int j = 0; j < 2; j++) {
		if (t->group == APP_UNDO_RECEIPT && c->r[j].source && receipt_equal(&c->r[j], &t->r))
			c->r[j].id = t->id;
		else if (t->group == APP_UNDO_ACTIVITY && c->act[j].member && activity_equal(&c->act[j], &t->act))
			c->act[j].id = t->id;
		else if (t->group == APP_UNDO_PATIENT && c->pa[j].code && c->pa[j].id == t->pa.id &&
		         patient_equal(&c->pa[j], &t->pa))
			c->pa[j].id = t->id;
	}
}

/* Copy i of c is now stored as row `id`: every copy in the history equal
 * to it, its old id too, takes the new one, so that the next undo or
 * redo of that record finds it. Members and posts keep their rows. */
static void copy_retag(struct app *a, const struct app_change *c, int i, int64_t id)
{
	struct retag t = { c->group, c->r[i], c->act[i], c->pa[i], id };
	if (c->group & (APP_UNDO_RECEIPT | APP_UNDO_ACTIVITY | APP_UNDO_PATIENT))
		history_each(a, c->group, retag_one, &t);
}

/* The row id of copy i of c. */
static int64_t copy_id(const struct app_change *c, int i)
{
	return c->group == APP_UNDO_RECEIPT ? c->r[i].id : c->group == APP_UNDO_ACTIVITY ? c->act[i].id : c->pa[i].id;
}

static enum status funding_apply(struct app *a, struct app_change *c, int from, int to,
                                 enum replay by, const char *action, struct err *e)
{
	struct post_funding *stored = NULL;
	size_t n_stored = 0;
	enum status rc = funding_change(a, c->post, c->f[from], c->nf[from], c->f[to], c->nf[to], by,
	                                &stored, &n_stored, action, e);
	if (rc == ST_OK)
		funding_retag(a, c->post, c->f[to], c->nf[to], stored, n_stored);
	funding_list_free(stored, n_stored);
	return rc;
}

/* c's copy `to` written over copy `from` (an edit undone or redone). */
static enum status edit_apply(struct app *a, struct app_change *c, int from, int to,
                              enum replay by, const char *action, struct err *e)
{
	enum status rc;
	switch (c->kind) {
	case CH_MEMBER:
		return member_change(a, &c->m[from], &c->m[to], by, action, e);
	case CH_POST:
		return post_change(a, &c->p[from], &c->p[to], by, action, e);
	case CH_FUNDING:
		return funding_apply(a, c, from, to, by, action, e);
	case CH_RECEIPT:
		rc = receipt_change(a, &c->r[from], &c->r[to], NULL, by, action, e);
		break;
	case CH_ACTIVITY:
		rc = activity_write(a, &(struct activity_write){ .before = &c->act[from], .after = &c->act[to], .by = by },
		                    action, e);
		break;
	case CH_PATIENT:
		rc = patient_write(a, &(struct patient_write){ .before = &c->pa[from], .after = &c->pa[to], .by = by },
		                   action, e);
		break;
	default:
		return err_set(e, ST_INTERNAL, "not an edit");
	}
	/* The row updated keeps its id: copy `to` now has it. */
	if (rc == ST_OK)
		copy_retag(a, c, to, copy_id(c, from));
	return rc;
}

/* c's copy `i`, removed by it or by its undo, stored again: a new row. */
static enum status store_again(struct app *a, struct app_change *c, int i, enum replay by,
                               const char *action, struct err *e)
{
	int64_t id = 0;
	enum status rc;
	switch (c->kind) {
	case CH_RECEIPT_ADD: case CH_RECEIPT_DEL:
		rc = receipt_restore(a, &c->r[i], action, &id, e);
		break;
	case CH_ACTIVITY_ADD: case CH_ACTIVITY_DEL:
		rc = activity_write(a, &(struct activity_write){ .after = &c->act[i], .id = &id, .by = by,
		                                                 .since = c->act_last }, action, e);
		break;
	case CH_PATIENT_ADD:
		rc = patient_write(a, &(struct patient_write){ .after = &c->pa[i], .id = &id, .by = by }, action, e);
		break;
	default:
		return err_set(e, ST_INTERNAL, "not a removal");
	}
	if (rc == ST_OK)
		copy_retag(a, c, i, id);
	return rc;
}

/* c's copy `i`, stored by it or by its undo, removed. */
static enum status remove_again(struct app *a, struct app_change *c, int i, enum replay by,
                                const char *action, struct err *e)
{
	switch (c->kind) {
	case CH_RECEIPT_ADD: case CH_RECEIPT_DEL:
		return receipt_remove(a, &c->r[i], by, action, e);
	case CH_ACTIVITY_ADD: case CH_ACTIVITY_DEL:
		return activity_write(a, &(struct activity_write){ .before = &c->act[i], .by = by, .last = &c->act_last },
		                      action, e);
	case CH_PATIENT_ADD:
		return patient_write(a, &(struct patient_write){ .before = &c->pa[i], .by = by }, action, e);
	default:
		break;
	}
	return err_set(e, ST_INTERNAL, "not an addition");
}

/* How each kind of change is undone and redone: an edit writes one copy
 * over the other; an addition is undone by removing its copy 1 and redone
 * by storing it again, a deletion the other way round with its copy 0; a
 * key stores the version it replaced, or the one it saved, as the newest.
 * The audit action is "undo NAME" or "redo NAME". */
enum shape { SHAPE_NONE, SHAPE_EDIT, SHAPE_ADD, SHAPE_DELETE, SHAPE_KEY };
static const struct {
	const char *name;
	enum shape shape;
} steps[] = {
	[CH_FINAL] = { "", SHAPE_NONE }, [CH_KEY] = { "key edit", SHAPE_KEY },
	[CH_MEMBER] = { "member edit", SHAPE_EDIT }, [CH_POST] = { "post edit", SHAPE_EDIT },
	[CH_FUNDING] = { "funding edit", SHAPE_EDIT }, [CH_PATIENT] = { "patient edit", SHAPE_EDIT },
	[CH_RECEIPT_ADD] = { "receipt add", SHAPE_ADD }, [CH_RECEIPT] = { "receipt edit", SHAPE_EDIT },
	[CH_RECEIPT_DEL] = { "receipt delete", SHAPE_DELETE }, [CH_PATIENT_ADD] = { "patient add", SHAPE_ADD },
	[CH_ACTIVITY_ADD] = { "activity add", SHAPE_ADD }, [CH_ACTIVITY] = { "activity edit", SHAPE_EDIT },
	[CH_ACTIVITY_DEL] = { "activity delete", SHAPE_DELETE },
};

/* The change c undone (by BY_UNDO) or made again (BY_REDO), refusing
 * when the record moved since. */
static enum status step_run(struct app *a, struct app_change *c, enum replay by, struct err *e)
{
	bool undo = by == BY_UNDO;
	const char *origin = undo ? "undo" : "redo";
	char action[48];
	snprintf(action, sizeof action, "%s %s", origin, steps[c->kind].name);
	switch (steps[c->kind].shape) {
	case SHAPE_NONE: break;   /* app_undo_check_in refuses it */
	case SHAPE_EDIT: return edit_apply(a, c, undo, !undo, by, action, e);
	case SHAPE_ADD:
		return undo ? remove_again(a, c, 1, by, action, e) : store_again(a, c, 1, by, action, e);
	case SHAPE_DELETE:
		return undo ? store_again(a, c, 0, by, action, e) : remove_again(a, c, 0, by, action, e);
	case SHAPE_KEY: return key_apply(a, c, undo ? c->key : c->key_after, action, origin, e);
	}
	return err_set(e, ST_INTERNAL, "a change that cannot be undone");
}

/* ---- undo and redo ---- */

bool app_can_undo(struct app *a, unsigned kinds)
{
	return final_of(a, kinds) || stack_latest(a->hist.done, a->hist.n_done, kinds) != SIZE_MAX;
}

bool app_can_redo(struct app *a, unsigned kinds)
{
	return stack_latest(a->hist.undone, a->hist.n_undone, kinds) != SIZE_MAX;
}

char *app_undo_what_in(struct app *a, unsigned kinds)
{
	const struct app_change *f = final_of(a, kinds);
	size_t i = stack_latest(a->hist.done, a->hist.n_done, kinds);
	if (f)
		return strdup(f->what);
	return i == SIZE_MAX ? NULL : strdup(a->hist.done[i]->what);
}

char *app_redo_what(struct app *a, unsigned kinds)
{
	size_t i = stack_latest(a->hist.undone, a->hist.n_undone, kinds);
	return i == SIZE_MAX ? NULL : strdup(a->hist.undone[i]->what);
}

enum status app_undo_check_in(struct app *a, unsigned kinds, struct err *e)
{
	const struct app_change *f = final_of(a, kinds);
	if (f)
		return err_set(e, ST_REFUSED, _("%s cannot be undone: %s"), f->what, f->why);
	if (stack_latest(a->hist.done, a->hist.n_done, kinds) == SIZE_MAX)
		return err_set(e, ST_NOTFOUND, _("nothing to undo"));
	return ST_OK;
}

enum status app_undo_in(struct app *a, unsigned kinds, struct err *e)
{
	enum status rc = app_undo_check_in(a, kinds, e);
	if (rc != ST_OK)
		return rc;
	struct app_history *h = &a->hist;
	size_t i = stack_latest(h->done, h->n_done, kinds);
	if ((rc = step_run(a, h->done[i], BY_UNDO, e)) == ST_OK) {
		struct app_change *c = stack_take(h->done, &h->n_done, i);
		group_touched(a, c->group);
		stack_push(h->undone, &h->n_undone, c);
	}
	return rc;
}

enum status app_redo(struct app *a, unsigned kinds, struct err *e)
{
	struct app_history *h = &a->hist;
	size_t i = stack_latest(h->undone, h->n_undone, kinds);
	if (i == SIZE_MAX)
		return err_set(e, ST_NOTFOUND, _("nothing to redo"));
	enum status rc = step_run(a, h->undone[i], BY_REDO, e);
	if (rc == ST_OK) {
		struct app_change *c = stack_take(h->undone, &h->n_undone, i);
		group_touched(a, c->group);
		stack_push(h->done, &h->n_done, c);
	}
	return rc;
}

char *app_undo_what(struct app *a)
{
	return app_undo_what_in(a, APP_UNDO_ALL);
}

enum status app_undo_check(struct app *a, struct err *e)
{
	return app_undo_check_in(a, APP_UNDO_ALL, e);
}

enum status app_undo(struct app *a, struct err *e)
{
	return app_undo_in(a, APP_UNDO_ALL, e);
}
