/* edit.c: one record at a time for the terminal interface: field checks,
 * members, posts and their funding, receipts, activities, patients, undo
 * of the last change, and a member's statement. Every change is one
 * transaction with its audit entry; an edit made from a stale copy is
 * refused rather than overwriting another session's work. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
#include "quotepart/db_edit.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* ---- field checks ---- */

/* "a, b, c": the codes of a list, for "one of ..." messages. */
static char *code_list(const struct codelist *l)
{
	struct sbuf b;
	sb_init(&b);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", l->v[i].code);
	return sb_take(&b);
}

static enum status check_in(const struct codelist *l, const char *s,
                            const char *what, struct err *e)
{
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (config_find(l, s))
		return ST_OK;
	char *codes = code_list(l);
	err_set(e, ST_INVALID, _("unknown %s \"%s\"; one of: %s"), what, s, codes ? codes : "");
	free(codes);
	return ST_INVALID;
}

static enum status check_decimal(const char *s, int64_t min, int64_t max,
                                 const char *range, struct err *e)
{
	int64_t v;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (decimal_parse(s, 2, &v) != ST_OK)
		return err_set(e, ST_INVALID, _("not a number with at most two decimals (0,8 or 0.8)"));
	if (v < min || v > max)
		return err_set(e, ST_INVALID, "%s", range);
	return ST_OK;
}

static enum status check_money(const char *s, bool negative_ok, struct err *e)
{
	int64_t v;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (money_parse(s, &v) != ST_OK)
		return err_set(e, ST_INVALID, _("not an amount: write 1234,56 or 1 234,56 € (two decimals at most)"));
	if (!negative_ok && v < 0)
		return err_set(e, ST_INVALID, _("cannot be negative"));
	return ST_OK;
}

static enum status check_member(struct app *a, const char *s, bool optional,
                                struct err *e)
{
	if (!*s)
		return optional ? ST_OK : err_set(e, ST_INVALID, _("required"));
	struct member m;
	struct err tmp = ERR_INIT;
	enum status rc = db_member_get(a->db, s, &m, &tmp);
	if (rc == ST_OK)
		member_fini(&m);
	else if (rc == ST_NOTFOUND)
		err_set(e, ST_INVALID, _("no member \"%s\""), s);
	else
		err_set(e, rc, "%s", err_text(&tmp));
	err_clear(&tmp);
	return rc == ST_NOTFOUND ? ST_INVALID : rc;
}

static enum status check_text_field(const char *s, bool required, struct err *e)
{
	const char *why = NULL;
	if (!*s)
		return required ? err_set(e, ST_INVALID, _("required")) : ST_OK;
	if (text_check(s, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("%s is not allowed"), _(why));
	return ST_OK;
}

static enum status check_date(const char *s, bool optional, struct err *e)
{
	int32_t d;
	if (!*s)
		return optional ? ST_OK : err_set(e, ST_INVALID, _("required"));
	if (date_parse(s, &d) != ST_OK)
		return err_set(e, ST_INVALID, _("not a date: write YYYY-MM-DD or DD/MM/YYYY"));
	return ST_OK;
}

static enum status check_patient_code(const char *s, struct err *e)
{
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (text_is_nir(s))
		return err_set(e, ST_INVALID, _("this looks like a social-security number (NIR): use a local pseudonymous code"));
	if (!text_valid_code(s))
		return err_set(e, ST_INVALID, _("use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
	return ST_OK;
}

static enum status check_year(const char *s, struct err *e)
{
	int64_t y;
	if (!*s)
		return err_set(e, ST_INVALID, _("required"));
	if (decimal_parse(s, 0, &y) != ST_OK || y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return err_set(e, ST_INVALID, _("a year between %d and %d"), DATE_YEAR_MIN, DATE_YEAR_MAX);
	return ST_OK;
}

static enum status check_trimmed(struct app *a, enum app_field f, const char *s,
                                 struct err *e)
{
	const struct config *c = a->cfg;
	switch (f) {
	case FIELD_CODE:
		if (!*s)
			return err_set(e, ST_INVALID, _("required"));
		if (text_is_nir(s))
			return err_set(e, ST_INVALID, _("this is a social-security number (NIR): use a local code"));
		if (!text_valid_code(s))
			return err_set(e, ST_INVALID, _("use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"));
		return ST_OK;
	case FIELD_NAME: return check_text_field(s, true, e);
	case FIELD_TEXT: return check_text_field(s, false, e);
	case FIELD_PROFESSION: return check_in(&c->professions, s, _("profession"), e);
	case FIELD_STATUS: return check_in(&c->statuses, s, _("status"), e);
	case FIELD_SOURCE: return check_in(&c->sources, s, _("source"), e);
	case FIELD_RECEIPT_KIND: return check_in(&c->receipt_kinds, s, _("receipt kind"), e);
	case FIELD_ACTIVITY_KIND: return check_in(&c->activity_kinds, s, _("activity kind"), e);
	case FIELD_MEMBER: return check_member(a, s, false, e);
	case FIELD_MEMBER_OPT: return check_member(a, s, true, e);
	case FIELD_DATE: return check_date(s, false, e);
	case FIELD_DATE_OPT: return check_date(s, true, e);
	case FIELD_FTE: return check_decimal(s, 0, 100, _("between 0 and 1 (1 is full time)"), e);
	case FIELD_HOURS: return check_decimal(s, 1, 2400, _("more than 0 and at most 24 hours"), e);
	case FIELD_AMOUNT: return check_money(s, true, e);
	case FIELD_COST: return check_money(s, false, e);
	case FIELD_RPPS:
		if (*s && !text_valid_rpps(s))
			return err_set(e, ST_INVALID, _("not an RPPS number (11 digits with a check digit)"));
		return ST_OK;
	case FIELD_PATIENT_CODE: return check_patient_code(s, e);
	case FIELD_YEAR: return check_year(s, e);
	case FIELD_SEX:
		if (strcmp(s, "F") == 0 || strcmp(s, "M") == 0)
			return ST_OK;
		return err_set(e, ST_INVALID, _("F or M"));
	case FIELD_ALD: {
		char *norm = NULL;
		enum status rc = app_ald_parse(a, s, &norm, e);
		free(norm);
		return rc;
	}
	case FIELD_PERCENT: return check_decimal(s, 1, 10000, _("above 0 and at most 100 (a percentage)"), e);
	case FIELD_YESNO: case FIELD_ACCOUNT: case FIELD_RES_VALUE: case FIELD_BASIS: case FIELD_AT:
	case FIELD_STATUSES: case FIELD_PROFESSIONS: case FIELD_GROUPS: case FIELD_KINDS:
	case FIELD_MEMBERS: case FIELD_RATES: case FIELD_POINTS:
		return app_key_field_check(a, f, s, e);
	}
	return err_set(e, ST_INTERNAL, "unknown field kind");
}

enum status app_field_check(struct app *a, enum app_field f, const char *text,
                            struct err *e)
{
	char *s = strdup(text ? text : "");
	if (!s)
		return err_set(e, ST_NOMEM, NULL);
	enum status rc = check_trimmed(a, f, text_trim(s), e);
	free(s);
	return rc;
}

/* ---- shared by the edits ---- */

static bool same_text(const char *x, const char *y)
{
	/* NULL and "" both mean "none" for optional fields. */
	return strcmp(x ? x : "", y ? y : "") == 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Run `write` in one transaction followed by an audit entry. */
typedef enum status (*write_fn)(struct app *a, const void *arg, struct err *e);

static enum status in_transaction(struct app *a, write_fn write, const void *arg,
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
static enum status write_with(struct app *a, write_fn write, const void *arg,
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
static bool same_id(int64_t stored, int64_t shown)
{
	return !shown || stored == shown;
}

/* The refusals when another program changed or removed the record since
 * it was shown (an edit) or since this session changed it (`undo`). */
static enum status changed_elsewhere(const char *what, const char *code, bool undo,
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

static enum status removed_elsewhere(const char *what, const char *code, bool undo,
                                     struct err *e)
{
	if (undo)
		return err_set(e, ST_REFUSED,
		               _("%s %s was removed by another program since your change; nothing was undone"),
		               what, code);
	return err_set(e, ST_REFUSED, _("%s %s was removed by another program since you opened it; nothing was saved"),
	               what, code);
}

/* "REF" or "#12": how a receipt is named in messages. */
static void receipt_name(const struct receipt *r, char *buf, size_t size)
{
	if (r->reference && *r->reference)
		snprintf(buf, size, "%s", r->reference);
	else
		snprintf(buf, size, "#%lld", (long long)r->id);
}

/* ---- copies, for what undo keeps ---- */

static bool member_copy(struct member *to, const struct member *from)
{
	*to = *from;
	to->code = dup_or_null(from->code);
	to->name = dup_or_null(from->name);
	to->profession = dup_or_null(from->profession);
	to->status = dup_or_null(from->status);
	to->rpps = dup_or_null(from->rpps);
	return to->code && to->name && to->profession && to->status && (to->rpps || !from->rpps);
}

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

/* ---- the last change, for undo ---- */

enum change_kind {
	CH_FINAL,            /* cannot be undone: `why` says why */
	CH_MEMBER, CH_POST, CH_FUNDING,
	CH_RECEIPT_ADD, CH_RECEIPT,
	CH_ACTIVITY_ADD, CH_ACTIVITY, CH_ACTIVITY_DEL,
	CH_PATIENT_ADD, CH_PATIENT,
	CH_KEY
};

/* Index 0 is the record before the change, 1 after it; a kind uses only
 * its own fields. */
struct app_change {
	enum change_kind kind;
	char *what;          /* "the change of member MARTIN", translated */
	char *why;           /* CH_FINAL: why it cannot be undone */
	struct member m[2];
	struct post p[2];
	char *post;          /* CH_FUNDING: the post's code */
	struct post_funding *f[2];
	size_t nf[2];
	struct receipt r[2];
	struct activity act[2];
	int64_t act_last;    /* CH_ACTIVITY_DEL: the last activity id after it */
	struct patient pa[2];
	struct key *key;     /* CH_KEY: the version replaced */
	int key_version;     /* CH_KEY: the version that replaced it */
};

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
static struct app_change *change_new(struct app *a, enum change_kind kind,
                                     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static struct app_change *change_new(struct app *a, enum change_kind kind,
                                     const char *fmt, ...)
{
	app_change_free(a->last);
	a->last = NULL;
	struct app_change *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	c->kind = kind;
	c->what = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!c->what) {
		free(c);
		return NULL;
	}
	va_start(ap, fmt);
	vsnprintf(c->what, (size_t)n + 1, fmt, ap);
	va_end(ap);
	a->last = c;
	return c;
}

/* Keep c only when its copies were made. */
static void change_keep(struct app *a, bool copied)
{
	if (!copied) {
		app_change_free(a->last);
		a->last = NULL;
	}
}

/* A change that cannot be undone: what it was, and why not. */
static void remember_final(struct app *a, const char *what, const char *why)
{
	struct app_change *c = change_new(a, CH_FINAL, "%s", what);
	if (c)
		change_keep(a, (c->why = strdup(why)) != NULL);
}

void app_remember_key(struct app *a, const char *name, struct key *before, int version)
{
	if (!before) {
		char what[160];
		snprintf(what, sizeof what, _("the new key \"%s\""), name);
		remember_final(a, what, _("key versions are never deleted"));
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

/* ---- members ---- */

/* x as stored, y as shown. */
static bool member_equal(const struct member *x, const struct member *y)
{
	return same_id(x->id, y->id) && same_text(x->code, y->code) && same_text(x->name, y->name) &&
	       same_text(x->profession, y->profession) && same_text(x->status, y->status) &&
	       x->joined == y->joined && x->left == y->left && x->fte == y->fte &&
	       same_text(x->rpps, y->rpps);
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
		char what[128];
		snprintf(what, sizeof what, _("the new member %s"), m->code);
		remember_final(a, what, _("members are never deleted: give the member the date they left instead"));
	}
	return rc;
}

struct member_change {
	const struct member *before, *after;
	bool undo;
};

static enum status write_member_change(struct app *a, const void *arg, struct err *e)
{
	const struct member_change *c = arg;
	struct member now;
	enum status rc = db_member_get(a->db, c->before->code, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("member"), c->before->code, c->undo, e);
	if (rc != ST_OK)
		return rc;
	bool same = member_equal(&now, c->before);
	member_fini(&now);
	if (!same)
		return changed_elsewhere(_("member"), c->before->code, c->undo, e);
	if ((rc = app_member_conflicts(a, c->after, e)) != ST_OK ||
	    (rc = app_sync_professions(a, e)) != ST_OK)
		return rc;
	return db_member_put(a->db, c->after, NULL, e);
}

static enum status member_change(struct app *a, const struct member *before,
                                 const struct member *after, bool undo, const char *action,
                                 struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a member's code cannot change"));
	enum status rc = member_check(a, after, e);
	if (rc != ST_OK)
		return rc;
	struct member_change c = { before, after, undo };
	return write_with(a, write_member_change, &c, action, after->code, after->name, e);
}

static void remember_member(struct app *a, const struct member *before, const struct member *after)
{
	struct app_change *c = change_new(a, CH_MEMBER, _("the change of member %s"), before->code);
	if (c)
		change_keep(a, member_copy(&c->m[0], before) && member_copy(&c->m[1], after));
	if (a->last)
		a->last->m[1].id = before->id;   /* an update keeps the row */
}

enum status app_member_update(struct app *a, const struct member *before,
                              const struct member *after, struct err *e)
{
	enum status rc = member_change(a, before, after, false, "member edit", e);
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
	enum status rc = member_change(a, before, &after, false, "member end", e);
	if (rc == ST_OK)
		remember_member(a, before, &after);
	return rc;
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
			err_clear(e);
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
		char what[128];
		snprintf(what, sizeof what, _("the new post %s"), p->code);
		remember_final(a, what, _("posts are never deleted: give the post an end date instead"));
	}
	return rc;
}

struct post_change {
	const struct post *before, *after;
	bool undo;
};

static enum status write_post_change(struct app *a, const void *arg, struct err *e)
{
	const struct post_change *c = arg;
	struct post now;
	enum status rc = post_get(a, c->before->code, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("post"), c->before->code, c->undo, e);
	if (rc != ST_OK)
		return rc;
	bool same = post_equal(&now, c->before);
	post_fini(&now);
	if (!same)
		return changed_elsewhere(_("post"), c->before->code, c->undo, e);
	return db_post_put(a->db, c->after, NULL, e);
}

static enum status post_change(struct app *a, const struct post *before,
                               const struct post *after, bool undo, const char *action,
                               struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a post's code cannot change"));
	enum status rc = post_validate(after, e);
	if (rc != ST_OK)
		return rc;
	struct post_change c = { before, after, undo };
	return write_with(a, write_post_change, &c, action, after->code, after->label, e);
}

enum status app_post_update(struct app *a, const struct post *before,
                            const struct post *after, struct err *e)
{
	enum status rc = post_change(a, before, after, false, "post edit", e);
	if (rc == ST_OK) {
		struct app_change *c = change_new(a, CH_POST, _("the change of post %s"), before->code);
		if (c) {
			bool ok = post_copy(&c->p[0], before) && post_copy(&c->p[1], after);
			c->p[1].id = before->id;   /* an update keeps the row */
			change_keep(a, ok);
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
	bool undo;
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
	if (rc == ST_NOTFOUND && c->undo)
		return removed_elsewhere(_("post"), c->post, true, e);
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
		return changed_elsewhere(_("the funding of post"), c->post, c->undo, e);
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

static enum status funding_change(struct app *a, const char *post,
                                  const struct post_funding *before, size_t nb,
                                  const struct post_funding *after, size_t na, bool undo,
                                  struct post_funding **stored, size_t *n_stored,
                                  const char *action, struct err *e)
{
	enum status rc = app_fundings_check(a->cfg, after, na, e);
	if (rc != ST_OK)
		return rc;
	char *text = fundings_text(after, na);
	if (!text)
		return err_set(e, ST_NOMEM, NULL);
	struct funding_change c = { post, before, after, nb, na, undo, stored, n_stored };
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
	enum status rc = funding_change(a, post, before, n_before, after, n_after, false, &stored, &n_stored,
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
			change_keep(a, c->post && c->f[0] && c->f[1]);
		}
	}
	funding_list_free(stored, n_stored);
	return rc;
}

/* ---- receipts ---- */

static bool receipt_equal(const struct receipt *x, const struct receipt *y)
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
		char name[64];
		receipt_name(before, name, sizeof name);
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
static enum status reference_free(struct app *a, const char *ref, int64_t id, struct err *e)
{
	if (!ref || !*ref)
		return ST_OK;
	struct receipt old;
	struct err tmp = ERR_INIT;
	enum status rc = db_receipt_find(a->db, ref, &old, &tmp);
	err_clear(&tmp);
	bool taken = rc == ST_OK && same_text(old.reference, ref) && old.id != id;
	if (rc == ST_OK)
		receipt_fini(&old);
	if (taken)
		return err_set(e, ST_REFUSED, _("a receipt with reference %s already exists"), ref);
	return ST_OK;
}

/* "ACI advance 2025: 1234.56 (REF)" for the audit log. */
static char *receipt_detail(const struct receipt *r)
{
	char amount[MONEY_BUFSZ];
	money_format(r->amount, MONEY_PLAIN, amount, sizeof amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s %s: %s (%s)", r->source, r->kind, r->exercise, amount,
	          r->reference ? r->reference : "-");
	return sb_take(&b);
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
	char *detail = receipt_detail(r);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	int64_t new_id = 0;
	struct receipt_write w = { r, &new_id };
	rc = in_transaction(a, write_receipt, &w, "receipt add", detail, e);
	free(detail);
	if (rc != ST_OK)
		return rc;
	if (id)
		*id = new_id;
	struct receipt stored = *r;
	stored.id = new_id;
	char name[64];
	receipt_name(&stored, name, sizeof name);
	struct app_change *c = change_new(a, CH_RECEIPT_ADD, _("the new receipt %s"), name);
	if (c)
		change_keep(a, receipt_copy(&c->r[1], &stored));
	return ST_OK;
}

struct receipt_change {
	const struct receipt *before, *after;
	int64_t *dropped;
	bool undo;
};

/* An undo that puts back other figures would remove the receipt's draft;
 * the change undone removed any draft there was, so a draft now was made
 * since (here or by another program) on the changed figures: refused
 * rather than dropped. */
static enum status undo_keeps_drafts(struct app *a, const struct receipt *now,
                                     const struct receipt *back, const char *name,
                                     struct err *e)
{
	if (!app_receipt_figures(now, back))
		return ST_OK;
	int64_t approved = 0, draft = 0;
	enum status rc = db_receipt_dists(a->db, now->id, &approved, &draft, e);
	if (rc == ST_OK && draft)
		rc = err_set(e, ST_REFUSED,
		             _("receipt %s was divided again since your change (draft D%lld): undoing the change "
		               "would remove that draft; nothing was undone"), name, (long long)draft);
	return rc;
}

static enum status write_receipt_change(struct app *a, const void *arg, struct err *e)
{
	const struct receipt_change *c = arg;
	char name[64];
	receipt_name(c->before, name, sizeof name);
	struct receipt now;
	enum status rc = db_receipt_get(a->db, c->before->id, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("receipt"), name, c->undo, e);
	if (rc != ST_OK)
		return rc;
	bool same = receipt_equal(&now, c->before);
	receipt_fini(&now);
	if (!same)
		return changed_elsewhere(_("receipt"), name, c->undo, e);
	if (c->undo && (rc = undo_keeps_drafts(a, c->before, c->after, name, e)) != ST_OK)
		return rc;
	if ((rc = reference_free(a, c->after->reference, c->before->id, e)) != ST_OK)
		return rc;
	if ((rc = app_receipt_refigure(a, c->before, c->after, c->dropped, NULL, e)) != ST_OK)
		return rc;
	struct receipt r = *c->after;
	r.id = c->before->id;
	return db_receipt_update(a->db, &r, e);
}

static enum status receipt_change(struct app *a, const struct receipt *before,
                                  const struct receipt *after, int64_t *dropped, bool undo,
                                  const char *action, struct err *e)
{
	int64_t none = 0;
	if (!dropped)
		dropped = &none;
	*dropped = 0;
	enum status rc = receipt_check(a, after, e);
	if (rc != ST_OK)
		return rc;
	char *detail = receipt_detail(after);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	struct receipt_change c = { before, after, dropped, undo };
	rc = in_transaction(a, write_receipt_change, &c, action, detail, e);
	free(detail);
	if (rc != ST_OK)
		*dropped = 0;
	return rc;
}

enum status app_receipt_update(struct app *a, const struct receipt *before,
                               const struct receipt *after, int64_t *dropped_draft,
                               struct err *e)
{
	enum status rc = receipt_change(a, before, after, dropped_draft, false, "receipt edit", e);
	if (rc == ST_OK) {
		char name[64];
		receipt_name(before, name, sizeof name);
		struct app_change *c = change_new(a, CH_RECEIPT, _("the change of receipt %s"), name);
		if (c) {
			bool ok = receipt_copy(&c->r[0], before) && receipt_copy(&c->r[1], after);
			c->r[1].id = before->id;
			change_keep(a, ok);
		}
	}
	return rc;
}

static enum status write_receipt_remove(struct app *a, const void *arg, struct err *e)
{
	const struct receipt *r = arg;
	char name[64];
	receipt_name(r, name, sizeof name);
	struct receipt now;
	enum status rc = db_receipt_get(a->db, r->id, &now, e);
	if (rc == ST_NOTFOUND)
		return removed_elsewhere(_("receipt"), name, true, e);
	if (rc != ST_OK)
		return rc;
	bool same = receipt_equal(&now, r);
	receipt_fini(&now);
	if (!same)
		return changed_elsewhere(_("receipt"), name, true, e);
	return db_receipt_delete(a->db, r->id, e);
}

/* ---- activities ---- */

static bool activity_equal(const struct activity *x, const struct activity *y)
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

/* "MARTIN on 2025-03-14" in messages. */
static void activity_name(const struct activity *act, char *buf, size_t size)
{
	char when[DATE_BUFSZ];
	snprintf(buf, size, _("%s on %s"), act->member ? act->member : "", date_format(act->date, when, sizeof when));
}

struct activity_write {
	const struct activity *before;   /* NULL: a new entry */
	const struct activity *after;    /* NULL: a removal */
	int64_t *id;         /* may be NULL: the new entry's id */
	bool undo;
	int64_t *last;       /* a removal (may be NULL): the last activity id after it */
	int64_t since;       /* undoing a removal: that last id; refused when an
	                      * entry like it came after */
};

/* Undoing a removal: an entry like the one removed, entered since (by an
 * import, another session), would be counted twice. */
static enum status entered_again(struct app *a, const struct activity_write *w, struct err *e)
{
	int64_t n = 0;
	enum status rc = db_activity_count_like(a->db, w->after, w->since, INT64_MAX, &n, e);
	if (rc == ST_OK && n) {
		char name[96];
		activity_name(w->after, name, sizeof name);
		rc = err_set(e, ST_REFUSED,
		             _("the hours of %s were entered again by another program since you removed them; "
		               "nothing was undone"), name);
	}
	return rc;
}

static enum status write_activity(struct app *a, const void *arg, struct err *e)
{
	const struct activity_write *w = arg;
	enum status rc;
	char name[96];
	activity_name(w->before ? w->before : w->after, name, sizeof name);
	if (w->before) {
		struct activity now;
		rc = db_activity_get(a->db, w->before->id, &now, e);
		if (rc == ST_NOTFOUND)
			return removed_elsewhere(_("the activity entry of"), name, w->undo, e);
		if (rc != ST_OK)
			return rc;
		bool same = activity_equal(&now, w->before);
		activity_fini(&now);
		if (!same)
			return changed_elsewhere(_("the activity entry of"), name, w->undo, e);
	} else if (w->undo && (rc = entered_again(a, w, e)) != ST_OK) {
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

static enum status activity_write(struct app *a, const struct activity_write *w,
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

static void remember_activity(struct app *a, enum change_kind kind,
                              const struct activity *before, const struct activity *after)
{
	char name[96];
	activity_name(after ? after : before, name, sizeof name);
	struct app_change *c =
		kind == CH_ACTIVITY_ADD ? change_new(a, kind, _("the hours logged for %s"), name) :
		kind == CH_ACTIVITY ? change_new(a, kind, _("the change of the hours of %s"), name) :
		change_new(a, kind, _("the removal of the hours of %s"), name);
	if (c)
		change_keep(a, (!before || activity_copy(&c->act[0], before)) &&
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
		remember_activity(a, CH_ACTIVITY_ADD, NULL, &stored);
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
		remember_activity(a, CH_ACTIVITY, before, &stored);
	}
	return rc;
}

enum status app_activity_delete(struct app *a, const struct activity *before,
                                struct err *e)
{
	int64_t last = 0;
	enum status rc = activity_write(a, &(struct activity_write){ .before = before, .last = &last },
	                                "activity delete", e);
	if (rc == ST_OK) {
		remember_activity(a, CH_ACTIVITY_DEL, before, NULL);
		if (a->last)
			a->last->act_last = last;
	}
	return rc;
}

/* ---- patients ---- */

/* x as stored, y as shown. */
static bool patient_equal(const struct patient *x, const struct patient *y)
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
			char **nv = realloc(seen.v, (seen.n + 1) * sizeof *nv);
			if (!nv)
				rc = err_set(e, ST_NOMEM, NULL);
			else
				(seen.v = nv)[seen.n++] = tok;   /* borrowed from s */
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

struct patient_write {
	const struct patient *before;   /* NULL: a new patient */
	const struct patient *after;    /* NULL: a removal */
	int64_t *id;                    /* a new patient (may be NULL): its row id */
	bool undo;
};

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
		return removed_elsewhere(_("patient"), code, w->undo, e);
	if (rc != ST_OK)
		return rc;
	bool same = patient_equal(&now, w->before);
	patient_fini(&now);
	if (!same)
		return changed_elsewhere(_("patient"), code, w->undo, e);
	if (!w->after)
		return db_patient_delete(a->db, code, e);
	return db_patient_put(a->db, w->after, e);
}

static enum status patient_write(struct app *a, const struct patient_write *w,
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
			change_keep(a, ok);
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
			change_keep(a, ok);
		}
	}
	return rc;
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

/* ---- statements ---- */

void app_statement_fini(struct app_statement *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct app_statement_line *l = &s->v[i];
		free(l->receipt);
		free(l->source);
		free(l->key_name);
		free(l->mode);
		free(l->label);
		free(l->basis);
		free(l->value);
		free(l->presence);
		free(l->weight);
		free(l->exact);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

static enum status add_line(struct app_statement *s, size_t *cap,
                            const struct distribution *d, const struct receipt *r,
                            const struct dist_line *l, struct err *e)
{
	if (s->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct app_statement_line *nv = realloc(s->v, nc * sizeof *nv);
		if (!nv)
			return err_set(e, ST_NOMEM, NULL);
		s->v = nv;
		*cap = nc;
	}
	struct app_statement_line *o = &s->v[s->n++];
	memset(o, 0, sizeof *o);
	char id[32];
	snprintf(id, sizeof id, "#%lld", (long long)r->id);
	o->dist_id = d->id;
	o->receipt_id = r->id;
	o->receipt = strdup(r->reference ? r->reference : id);
	o->source = strdup(r->source);
	o->received = r->received;
	o->key_name = strdup(d->key_name);
	o->key_version = d->key_version;
	o->mode = strdup(d->mode);
	o->label = strdup(l->label);
	o->basis = dup_or_null(l->basis);
	o->value = strdup(l->value);
	o->presence = strdup(l->presence);
	o->weight = strdup(l->weight);
	o->exact = strdup(l->exact);
	o->share = l->share;
	o->before = l->before;
	o->cents = l->cents;
	o->paid_on = l->paid_on;
	s->total += l->cents;
	if (l->paid_on != DATE_NONE)
		s->paid += l->cents;
	bool ok = o->receipt && o->source && o->key_name && o->mode && o->label &&
	          (o->basis || !l->basis) && o->value && o->presence && o->weight && o->exact;
	return ok ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* The lines of one distribution that go to the member: pool lines with
 * their code, and reservations to the account "member:CODE". */
static enum status statement_of(struct app *a, int64_t id, const char *member,
                                int32_t start, int32_t end, struct app_statement *s,
                                size_t *cap, struct err *e)
{
	struct distribution d;
	enum status rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK)
		return rc;
	struct receipt r;
	memset(&r, 0, sizeof r);
	if (strcmp(d.status, "approved") == 0)
		rc = db_receipt_get(a->db, d.receipt_id, &r, e);
	bool inside = rc == ST_OK && r.source && r.received >= start && r.received <= end;
	for (size_t i = 0; inside && rc == ST_OK && i < d.n_lines; i++) {
		const struct dist_line *l = &d.lines[i];
		bool mine = strcmp(l->recipient, member) == 0 ||
		            (strncmp(l->recipient, "member:", 7) == 0 && strcmp(l->recipient + 7, member) == 0);
		if (mine)
			rc = add_line(s, cap, &d, &r, l, e);
	}
	receipt_fini(&r);
	distribution_free(&d);
	return rc;
}

/* A stable insertion sort by (date received, distribution): the lines of
 * one distribution keep their stored order. Statements are short. */
static void sort_lines(struct app_statement_line *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct app_statement_line x = v[i];
		size_t j = i;
		while (j > 0 && (v[j - 1].received > x.received ||
		                 (v[j - 1].received == x.received && v[j - 1].dist_id > x.dist_id))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

enum status app_statement(struct app *a, const char *member, int32_t start,
                          int32_t end, struct app_statement *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	enum status rc = db_dist_ids(a->db, 0, &ids, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		rc = statement_of(a, ids[i], member, start, end, out, &cap, e);
	free(ids);
	if (rc != ST_OK) {
		app_statement_fini(out);
		return rc;
	}
	sort_lines(out->v, out->n);
	return ST_OK;
}
