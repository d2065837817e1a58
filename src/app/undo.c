/* undo.c: what every edit shares, and undo of the last change. Every
 * change is one transaction with its audit entry; an edit made from a
 * stale copy is refused rather than overwriting another session's work.
 * The last change is kept with copies of its records and undone the same
 * way, refused when the record moved since. */
#include <stdarg.h>
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
 * it was shown (an edit) or since this session changed it (`undo`). */
enum status changed_elsewhere(const char *what, const char *code, bool undo,
                              struct err *e)
{
	if (undo)
		return err_set(e, ST_REFUSED,
		               _("%s %s was changed by another program since your change; nothing was undone: "
		                 "look at it as it is now"), what, code);
	return err_set(e, ST_REFUSED,
	               _("%s %s was changed in another session since you opened it; nothing was saved: "
	                 "look at the new values and edit again"), what, code);
}

enum status removed_elsewhere(const char *what, const char *code, bool undo,
                              struct err *e)
{
	if (undo)
		return err_set(e, ST_REFUSED,
		               _("%s %s was removed by another program since your change; nothing was undone"),
		               what, code);
	return err_set(e, ST_REFUSED, _("%s %s was removed by another program since you opened it; nothing was saved"),
	               what, code);
}

/* ---- the last change, for undo ---- */

void app_change_free(struct app_change *c)
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
	free(c);
}

/* A new last change of that kind described by the printf-formatted
 * `what`, replacing the previous one; NULL when out of memory, and then
 * there is nothing to undo (never a stale change). */
struct app_change *change_new(struct app *a, enum change_kind kind,
                              const char *fmt, ...)
{
	app_change_free(a->last);
	a->last = NULL;
	struct app_change *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	c->what = str_vprintf(fmt, ap);
	va_end(ap);
	c->kind = kind;
	if (!c->what) {
		free(c);
		return NULL;
	}
	a->last = c;
	return c;
}

/* Keep c only when its copies were made. */
void change_keep(struct app *a, bool copied)
{
	if (!copied) {
		app_change_free(a->last);
		a->last = NULL;
	}
}

/* A change that cannot be undone: what it was, and why not. */
void remember_final(struct app *a, const char *what, const char *why)
{
	struct app_change *c = change_new(a, CH_FINAL, "%s", what);
	if (c)
		change_keep(a, (c->why = strdup(why)) != NULL);
}

void app_remember_key(struct app *a, const char *name, struct key *before, int version)
{
	if (!before) {
		char *what = str_printf(_("the new key \"%s\""), name);
		remember_final(a, what ? what : name, _("key versions are never deleted"));
		free(what);
		return;
	}
	struct app_change *c = change_new(a, CH_KEY, _("version %d of key \"%s\""), version, name);
	if (!c) {
		key_free(before);
		return;
	}
	c->key = before;
	c->key_version = version;
}

/* ---- undo ---- */

char *app_undo_what(struct app *a)
{
	return a->last ? strdup(a->last->what) : NULL;
}

/* The change c reverted, refusing when the record moved since. */
static enum status revert(struct app *a, const struct app_change *c, struct err *e)
{
	switch (c->kind) {
	case CH_FINAL:
		break;   /* app_undo_check refused it */
	case CH_MEMBER:
		return member_change(a, &c->m[1], &c->m[0], true, "undo member edit", e);
	case CH_POST:
		return post_change(a, &c->p[1], &c->p[0], true, "undo post edit", e);
	case CH_FUNDING:
		return funding_change(a, c->post, c->f[1], c->nf[1], c->f[0], c->nf[0], true, NULL, NULL,
		                      "undo funding edit", e);
	case CH_RECEIPT_ADD: {
		char *detail = receipt_detail(&c->r[1]);
		if (!detail)
			return err_set(e, ST_NOMEM, NULL);
		enum status rc = in_transaction(a, write_receipt_remove, &c->r[1], "undo receipt add", detail, e);
		free(detail);
		return rc;
	}
	case CH_RECEIPT:
		return receipt_change(a, &c->r[1], &c->r[0], NULL, true, "undo receipt edit", e);
	case CH_RECEIPT_DEL: {
		int64_t id = 0;
		return receipt_restore(a, &c->r[0], "undo receipt delete", &id, e);
	}
	case CH_ACTIVITY_ADD:
		return activity_write(a, &(struct activity_write){ .before = &c->act[1], .undo = true },
		                      "undo activity add", e);
	case CH_ACTIVITY:
		return activity_write(a, &(struct activity_write){ .before = &c->act[1], .after = &c->act[0], .undo = true },
		                      "undo activity edit", e);
	case CH_ACTIVITY_DEL:
		return activity_write(a, &(struct activity_write){ .after = &c->act[0], .undo = true, .since = c->act_last },
		                      "undo activity delete", e);
	case CH_PATIENT_ADD:
		return patient_write(a, &(struct patient_write){ .before = &c->pa[1], .undo = true },
		                     "undo patient add", e);
	case CH_PATIENT:
		return patient_write(a, &(struct patient_write){ .before = &c->pa[1], .after = &c->pa[0], .undo = true },
		                     "undo patient edit", e);
	case CH_KEY:
		return app_key_store(a, c->key, c->key_version, "undo key edit", "undo", NULL, NULL, e);
	}
	return err_set(e, ST_INTERNAL, "unknown change");
}

enum status app_undo_check(struct app *a, struct err *e)
{
	if (!a->last)
		return err_set(e, ST_NOTFOUND, _("nothing to undo"));
	if (a->last->kind == CH_FINAL)
		return err_set(e, ST_REFUSED, _("%s cannot be undone: %s"), a->last->what, a->last->why);
	return ST_OK;
}

enum status app_undo(struct app *a, struct err *e)
{
	enum status rc = app_undo_check(a, e);
	if (rc != ST_OK)
		return rc;
	rc = revert(a, a->last, e);
	if (rc == ST_OK) {
		app_change_free(a->last);
		a->last = NULL;
	}
	return rc;
}
