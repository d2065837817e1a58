/* edit_people.c: members, activity entries and patients, one record at a
 * time for the terminal interface; each change is remembered for undo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "edit_internal.h"
#include "quotepart/array.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"

/* ---- copies, for what undo keeps ---- */

static bool activity_copy(struct activity *to, const struct activity *from)
{
	*to = *from;
	to->member = dup_or_null(from->member);
	to->kind = dup_or_null(from->kind);
	to->note = dup_or_null(from->note);
	return to->member && to->kind && (to->note || !from->note);
}

static bool patient_copy(struct patient *to, const struct patient *from)
{
	*to = *from;
	to->code = dup_or_null(from->code);
	to->gp = dup_or_null(from->gp);
	to->ald = dup_or_null(from->ald);
	return to->code && to->gp && (to->ald || !from->ald);
}

/* ---- members ---- */

/* x as stored, y as shown. */
static bool member_equal(const struct member *x, const struct member *y)
{
	return same_id(x->id, y->id) && same_text(x->code, y->code) && same_text(x->name, y->name) &&
	       same_text(x->profession, y->profession) && same_text(x->status, y->status) &&
	       x->joined == y->joined && x->left == y->left && x->fte == y->fte &&
	       same_text(x->rpps, y->rpps) && same_text(x->iban, y->iban) && same_text(x->bic, y->bic);
}

static enum status member_check(struct app *a, const struct member *m,
                                struct err *e)
{
	enum status rc = member_validate(m, e);
	if (rc == ST_OK && !config_find(&a->cfg->professions, m->profession))
		rc = err_set(e, ST_INVALID, _("unknown profession \"%s\""), m->profession);
	if (rc == ST_OK && !config_find(&a->cfg->statuses, m->status))
		rc = err_set(e, ST_INVALID, _("unknown status \"%s\""), m->status);
	return rc;
}

/* A pure insert: a member of that code that another program stored
 * since the form opened is refused, never updated. */
static enum status write_member_new(struct app *a, const void *arg, struct err *e)
{
	const struct member *m = arg;
	enum status rc = app_sync_professions(a, e);
	if (rc != ST_OK)
		return rc;
	return db_member_insert(a->db, m, NULL, e);
}

enum status app_member_add(struct app *a, const struct member *m, struct err *e)
{
	enum status rc = member_check(a, m, e);
	if (rc == ST_OK)
		rc = write_with(a, write_member_new, m, "member add", m->code, m->name, e);
	if (rc == ST_OK) {
		char *what = str_printf(_("the new member %s"), m->code);
		remember_final(a, APP_UNDO_MEMBER, what ? what : m->code, _("members are never deleted: give the member the date they left instead"));
		free(what);
	}
	return rc;
}

struct member_change {
	const struct member *before, *after;
	enum replay by;
};

static enum status write_member_change(struct app *a, const void *arg, struct err *e)
{
	const struct member_change *c = arg;
	struct member now;
	enum status rc = db_member_get(a->db, c->before->code, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("member"), c->before->code, c->by, e);
	if (rc != ST_OK)
		return rc;
	bool same = member_equal(&now, c->before);
	member_fini(&now);
	if (!same)
		return changed_elsewhere(_("member"), c->before->code, c->by, e);
	if ((rc = app_member_conflicts(a, c->after, e)) != ST_OK ||
	    (rc = app_sync_professions(a, e)) != ST_OK)
		return rc;
	return db_member_put(a->db, c->after, NULL, e);
}

enum status member_change(struct app *a, const struct member *before,
                          const struct member *after, enum replay by, const char *action,
                          struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a member's code cannot change"));
	enum status rc = member_check(a, after, e);
	if (rc != ST_OK)
		return rc;
	struct member_change c = { before, after, by };
	return write_with(a, write_member_change, &c, action, after->code, after->name, e);
}

static void remember_member(struct app *a, const struct member *before, const struct member *after)
{
	struct app_change *c = change_new(a, CH_MEMBER, _("the change of member %s"), before->code);
	if (!c)
		return;
	bool ok = member_copy(&c->m[0], before) && member_copy(&c->m[1], after);
	c->m[1].id = before->id;   /* an update keeps the row */
	change_keep(a, c, ok);
}

enum status app_member_update(struct app *a, const struct member *before,
                              const struct member *after, struct err *e)
{
	enum status rc = member_change(a, before, after, BY_EDIT, "member edit", e);
	if (rc == ST_OK)
		remember_member(a, before, after);
	return rc;
}

enum status app_member_end(struct app *a, const struct member *before,
                           int32_t left, struct err *e)
{
	if (left == DATE_NONE)
		return err_set(e, ST_INVALID, _("give the date the member left"));
	struct member after = *before;
	after.left = left;
	enum status rc = member_change(a, before, &after, BY_EDIT, "member end", e);
	if (rc == ST_OK)
		remember_member(a, before, &after);
	return rc;
}

/* ---- activities ---- */

bool activity_equal(const struct activity *x, const struct activity *y)
{
	return x->id == y->id && same_text(x->member, y->member) && x->date == y->date &&
	       same_text(x->kind, y->kind) && x->hours == y->hours && same_text(x->note, y->note);
}

static enum status activity_check(struct app *a, const struct activity *act, struct err *e)
{
	enum status rc = activity_validate(act, e);
	if (rc == ST_OK && !config_find(&a->cfg->activity_kinds, act->kind))
		rc = err_set(e, ST_INVALID, _("unknown activity kind \"%s\""), act->kind);
	return rc == ST_OK ? app_activity_member_check(a, act, e) : rc;
}

/* "MARTIN on 2025-03-14" in messages: a new string, NULL without memory. */
static char *activity_name(const struct activity *act)
{
	char when[DATE_BUFSZ];
	return str_printf(_("%s on %s"), act->member ? act->member : "", date_format(act->date, when, sizeof when));
}

/* The entry was removed (or changed) by another program since it was read. */
static enum status activity_elsewhere(bool removed, const struct activity *act, enum replay by,
                                      struct err *e)
{
	char *name = activity_name(act);
	const char *what = _("the activity entry of"), *shown = name ? name : "";
	enum status rc = removed ? removed_elsewhere(what, shown, by, e) : changed_elsewhere(what, shown, by, e);
	free(name);
	return rc;
}

/* Undoing a removal, or redoing an addition undone: an entry like the
 * one removed, entered since (by an import, another session), would be
 * counted twice. */
static enum status entered_again(struct app *a, const struct activity_write *w, struct err *e)
{
	int64_t n = 0;
	enum status rc = db_activity_count_like(a->db, w->after, w->since, INT64_MAX, &n, e);
	if (rc == ST_OK && n) {
		char *name = activity_name(w->after);
		if (w->by == BY_REDO)
			rc = err_set(e, ST_REFUSED,
			             _("the hours of %s were entered again by another program since your undo; "
			               "nothing was redone"), name ? name : "");
		else
			rc = err_set(e, ST_REFUSED,
			             _("the hours of %s were entered again by another program since you removed them; "
			               "nothing was undone"), name ? name : "");
		free(name);
	}
	return rc;
}

static enum status write_activity(struct app *a, const void *arg, struct err *e)
{
	const struct activity_write *w = arg;
	enum status rc;
	if (w->before) {
		struct activity now;
		rc = db_activity_get(a->db, w->before->id, &now, e);
		if (rc == ST_NOTFOUND)
			return activity_elsewhere(true, w->before, w->by, e);
		if (rc != ST_OK)
			return rc;
		bool same = activity_equal(&now, w->before);
		activity_fini(&now);
		if (!same)
			return activity_elsewhere(false, w->before, w->by, e);
	} else if (w->by != BY_EDIT && (rc = entered_again(a, w, e)) != ST_OK) {
		return rc;
	}
	if (!w->after) {
		rc = db_activity_delete(a->db, w->before->id, e);
		if (rc == ST_OK && w->last)
			rc = db_activity_last_id(a->db, w->last, e);
		return rc;
	}
	struct activity x = *w->after;
	x.id = w->before ? w->before->id : 0;
	return db_activity_put(a->db, &x, w->id, e);
}

enum status activity_write(struct app *a, const struct activity_write *w,
                           const char *action, struct err *e)
{
	enum status rc = w->after ? activity_check(a, w->after, e) : ST_OK;
	if (rc != ST_OK)
		return rc;
	const struct activity *shown = w->after ? w->after : w->before;
	char when[DATE_BUFSZ];
	return write_with(a, write_activity, w, action, shown->member,
	                  date_format(shown->date, when, sizeof when), e);
}

static void remember_activity(struct app *a, enum change_kind kind, const struct activity *before,
                              const struct activity *after, int64_t last)
{
	char *name = activity_name(after ? after : before);
	const char *shown = name ? name : "";
	struct app_change *c =
		kind == CH_ACTIVITY_ADD ? change_new(a, kind, _("the hours logged for %s"), shown) :
		kind == CH_ACTIVITY ? change_new(a, kind, _("the change of the hours of %s"), shown) :
		change_new(a, kind, _("the removal of the hours of %s"), shown);
	free(name);
	if (c)
		c->act_last = last;
	if (c)
		change_keep(a, c, (!before || activity_copy(&c->act[0], before)) &&
		                  (!after || activity_copy(&c->act[1], after)));
}

enum status app_activity_add(struct app *a, const struct activity *act,
                             struct err *e)
{
	int64_t id = 0;
	enum status rc = activity_write(a, &(struct activity_write){ .after = act, .id = &id }, "activity add", e);
	if (rc == ST_OK) {
		struct activity stored = *act;
		stored.id = id;
		remember_activity(a, CH_ACTIVITY_ADD, NULL, &stored, 0);
	}
	return rc;
}

enum status app_activity_update(struct app *a, const struct activity *before,
                                const struct activity *after, struct err *e)
{
	enum status rc = activity_write(a, &(struct activity_write){ .before = before, .after = after },
	                                "activity edit", e);
	if (rc == ST_OK) {
		struct activity stored = *after;
		stored.id = before->id;
		remember_activity(a, CH_ACTIVITY, before, &stored, 0);
	}
	return rc;
}

enum status app_activity_delete(struct app *a, const struct activity *before,
                                struct err *e)
{
	int64_t last = 0;
	enum status rc = activity_write(a, &(struct activity_write){ .before = before, .last = &last },
	                                "activity delete", e);
	if (rc == ST_OK)
		remember_activity(a, CH_ACTIVITY_DEL, before, NULL, last);
	return rc;
}

/* ---- patients ---- */

/* x as stored, y as shown. */
bool patient_equal(const struct patient *x, const struct patient *y)
{
	return same_id(x->id, y->id) && same_text(x->code, y->code) && same_text(x->gp, y->gp) && x->enrolled == y->enrolled &&
	       x->left == y->left && x->birth_year == y->birth_year && x->sex == y->sex &&
	       same_text(x->ald, y->ald) && x->c2s == y->c2s;
}

enum status app_ald_parse(struct app *a, const char *text, char **out, struct err *e)
{
	struct strlist seen = { NULL, 0 };
	char *s = strdup(text ? text : "");
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "");
	enum status rc = s ? ST_OK : err_set(e, ST_NOMEM, NULL);
	char *save = NULL;
	for (char *tok = s ? strtok_r(s, ",; \t|", &save) : NULL; tok && rc == ST_OK;
	     tok = strtok_r(NULL, ",; \t|", &save)) {
		if (!config_find(&a->cfg->ald, tok)) {
			char *codes = code_list(&a->cfg->ald);
			rc = err_set(e, ST_INVALID, _("unknown ALD category \"%s\"; one of: %s"), tok, codes ? codes : "");
			free(codes);
		} else if (strlist_has(&seen, tok)) {
			rc = err_set(e, ST_INVALID, _("\"%s\" is listed twice"), tok);
		} else {
			if (!array_grow(&seen.v, NULL, seen.n + 1, sizeof *seen.v))
				rc = err_set(e, ST_NOMEM, NULL);
			else
				seen.v[seen.n++] = tok;   /* borrowed from s */
			sb_printf(&b, "%s%s", b.len ? "|" : "", tok);
		}
	}
	free(seen.v);
	free(s);
	char *norm = sb_take(&b);
	if (rc == ST_OK && !norm)
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc != ST_OK) {
		free(norm);
		return rc;
	}
	*out = norm;
	return ST_OK;
}

static enum status patient_check(struct app *a, const struct patient *p, struct err *e)
{
	enum status rc = patient_validate(p, e);
	if (rc == ST_OK)
		rc = app_patient_gp_check(a, p, e);
	/* Stored as the files write it: categories of the configuration
	 * separated by '|'. */
	char *norm = NULL;
	if (rc == ST_OK && (rc = app_ald_parse(a, p->ald, &norm, e)) == ST_OK &&
	    strcmp(norm, p->ald ? p->ald : "") != 0)
		rc = err_set(e, ST_INVALID, _("ALD: write the categories separated by |"));
	free(norm);
	return rc;
}

static enum status write_patient(struct app *a, const void *arg, struct err *e)
{
	const struct patient_write *w = arg;
	/* A pure insert: a code another program stored since is refused. */
	if (!w->before)
		return db_patient_insert(a->db, w->after, w->id, e);
	const char *code = w->before->code;
	struct patient now;
	enum status rc = db_patient_get(a->db, code, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("patient"), code, w->by, e);
	if (rc != ST_OK)
		return rc;
	bool same = patient_equal(&now, w->before);
	patient_fini(&now);
	if (!same)
		return changed_elsewhere(_("patient"), code, w->by, e);
	if (!w->after)
		return db_patient_delete(a->db, code, e);
	return db_patient_put(a->db, w->after, e);
}

enum status patient_write(struct app *a, const struct patient_write *w,
                          const char *action, struct err *e)
{
	if (w->before && w->after && !same_text(w->before->code, w->after->code))
		return err_set(e, ST_INVALID, _("a patient's code cannot change"));
	enum status rc = w->after ? patient_check(a, w->after, e) : ST_OK;
	if (rc != ST_OK)
		return rc;
	const struct patient *shown = w->after ? w->after : w->before;
	return write_with(a, write_patient, w, action, shown->code, shown->gp, e);
}

enum status app_patient_add(struct app *a, const struct patient *p, struct err *e)
{
	int64_t id = 0;
	enum status rc = patient_write(a, &(struct patient_write){ .after = p, .id = &id }, "patient add", e);
	if (rc == ST_OK) {
		struct app_change *c = change_new(a, CH_PATIENT_ADD, _("the new patient %s"), p->code);
		if (c) {
			bool ok = patient_copy(&c->pa[1], p);
			c->pa[1].id = id;
			change_keep(a, c, ok);
		}
	}
	return rc;
}

enum status app_patient_update(struct app *a, const struct patient *before,
                               const struct patient *after, struct err *e)
{
	enum status rc = patient_write(a, &(struct patient_write){ .before = before, .after = after },
	                               "patient edit", e);
	if (rc == ST_OK) {
		struct app_change *c = change_new(a, CH_PATIENT, _("the change of patient %s"), before->code);
		if (c) {
			bool ok = patient_copy(&c->pa[0], before) && patient_copy(&c->pa[1], after);
			c->pa[1].id = before->id;   /* an update keeps the row */
			change_keep(a, c, ok);
		}
	}
	return rc;
}
