/* edit.c: one record at a time for the terminal interface: field checks,
 * members, posts, receipts, activities, and a member's statement. Every
 * change is one transaction with its audit entry; an edit made from a
 * stale copy is refused rather than overwriting another session's work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/app_edit.h"
#include "quotepart/date.h"
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

static enum status check_trimmed(struct app *a, enum app_field f, const char *s,
                                 struct err *e)
{
	const struct config *c = a->cfg;
	switch (f) {
	case FIELD_CODE:
		if (!*s)
			return err_set(e, ST_INVALID, _("required"));
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

static enum status changed_elsewhere(const char *what, const char *code,
                                     struct err *e)
{
	return err_set(e, ST_REFUSED,
	               _("%s %s was changed in another session since you opened it; nothing was saved: "
	                 "look at the new values and edit again"), what, code);
}

/* ---- members ---- */

static bool member_equal(const struct member *x, const struct member *y)
{
	return same_text(x->code, y->code) && same_text(x->name, y->name) &&
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

static enum status write_member_new(struct app *a, const void *arg, struct err *e)
{
	const struct member *m = arg;
	struct member old;
	struct err tmp = ERR_INIT;
	enum status rc = db_member_get(a->db, m->code, &old, &tmp);
	err_clear(&tmp);
	if (rc == ST_OK) {
		member_fini(&old);
		return err_set(e, ST_REFUSED, _("a member with code %s already exists"), m->code);
	}
	if ((rc = app_sync_professions(a, e)) != ST_OK)
		return rc;
	return db_member_put(a->db, m, NULL, e);
}

enum status app_member_add(struct app *a, const struct member *m, struct err *e)
{
	enum status rc = member_check(a, m, e);
	if (rc != ST_OK)
		return rc;
	char *detail = detail_of(m->code, m->name);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	rc = in_transaction(a, write_member_new, m, "member add", detail, e);
	free(detail);
	return rc;
}

struct member_change {
	const struct member *before, *after;
};

static enum status write_member_change(struct app *a, const void *arg, struct err *e)
{
	const struct member_change *c = arg;
	struct member now;
	enum status rc = db_member_get(a->db, c->before->code, &now, e);
	if (rc != ST_OK)
		return rc;
	bool same = member_equal(&now, c->before);
	member_fini(&now);
	if (!same)
		return changed_elsewhere(_("member"), c->before->code, e);
	if ((rc = app_sync_professions(a, e)) != ST_OK)
		return rc;
	return db_member_put(a->db, c->after, NULL, e);
}

static enum status member_change(struct app *a, const struct member *before,
                                 const struct member *after, const char *action,
                                 struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a member's code cannot change"));
	enum status rc = member_check(a, after, e);
	if (rc != ST_OK)
		return rc;
	char *detail = detail_of(after->code, after->name);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	struct member_change c = { before, after };
	rc = in_transaction(a, write_member_change, &c, action, detail, e);
	free(detail);
	return rc;
}

enum status app_member_update(struct app *a, const struct member *before,
                              const struct member *after, struct err *e)
{
	return member_change(a, before, after, "member edit", e);
}

enum status app_member_end(struct app *a, const struct member *before,
                           int32_t left, struct err *e)
{
	if (left == DATE_NONE)
		return err_set(e, ST_INVALID, _("give the date the member left"));
	struct member after = *before;
	after.left = left;
	return member_change(a, before, &after, "member end", e);
}

/* ---- posts ---- */

static bool post_equal(const struct post *x, const struct post *y)
{
	return same_text(x->code, y->code) && same_text(x->label, y->label) &&
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

static enum status write_post_new(struct app *a, const void *arg, struct err *e)
{
	const struct post *p = arg;
	struct post old;
	struct err tmp = ERR_INIT;
	enum status rc = post_get(a, p->code, &old, &tmp);
	err_clear(&tmp);
	if (rc == ST_OK) {
		post_fini(&old);
		return err_set(e, ST_REFUSED, _("a post with code %s already exists"), p->code);
	}
	return db_post_put(a->db, p, NULL, e);
}

enum status app_post_add(struct app *a, const struct post *p, struct err *e)
{
	enum status rc = post_validate(p, e);
	if (rc != ST_OK)
		return rc;
	char *detail = detail_of(p->code, p->label);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	rc = in_transaction(a, write_post_new, p, "post add", detail, e);
	free(detail);
	return rc;
}

struct post_change {
	const struct post *before, *after;
};

static enum status write_post_change(struct app *a, const void *arg, struct err *e)
{
	const struct post_change *c = arg;
	struct post now;
	enum status rc = post_get(a, c->before->code, &now, e);
	if (rc != ST_OK)
		return rc;
	bool same = post_equal(&now, c->before);
	post_fini(&now);
	if (!same)
		return changed_elsewhere(_("post"), c->before->code, e);
	return db_post_put(a->db, c->after, NULL, e);
}

enum status app_post_update(struct app *a, const struct post *before,
                            const struct post *after, struct err *e)
{
	if (!same_text(before->code, after->code))
		return err_set(e, ST_INVALID, _("a post's code cannot change"));
	enum status rc = post_validate(after, e);
	if (rc != ST_OK)
		return rc;
	char *detail = detail_of(after->code, after->label);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	struct post_change c = { before, after };
	rc = in_transaction(a, write_post_change, &c, "post edit", detail, e);
	free(detail);
	return rc;
}

/* ---- receipts and activities ---- */

struct receipt_write {
	const struct receipt *r;
	int64_t *id;
};

static enum status write_receipt(struct app *a, const void *arg, struct err *e)
{
	const struct receipt_write *w = arg;
	const struct receipt *r = w->r;
	if (r->reference && *r->reference) {
		struct receipt old;
		struct err tmp = ERR_INIT;
		enum status rc = db_receipt_find(a->db, r->reference, &old, &tmp);
		err_clear(&tmp);
		bool taken = rc == ST_OK && same_text(old.reference, r->reference);
		if (rc == ST_OK)
			receipt_fini(&old);
		if (taken)
			return err_set(e, ST_REFUSED, _("a receipt with reference %s already exists"), r->reference);
	}
	return db_receipt_put(a->db, r, w->id, e);
}

enum status app_receipt_add(struct app *a, const struct receipt *r, int64_t *id,
                            struct err *e)
{
	enum status rc = receipt_validate(r, e);
	if (rc == ST_OK && !config_find(&a->cfg->sources, r->source))
		rc = err_set(e, ST_INVALID, _("unknown source \"%s\""), r->source);
	if (rc == ST_OK && !config_find(&a->cfg->receipt_kinds, r->kind))
		rc = err_set(e, ST_INVALID, _("unknown receipt kind \"%s\""), r->kind);
	if (rc != ST_OK)
		return rc;
	char amount[MONEY_BUFSZ];
	money_format(r->amount, MONEY_PLAIN, amount, sizeof amount);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s %s %s: %s (%s)", r->source, r->kind, r->exercise, amount,
	          r->reference ? r->reference : "-");
	char *detail = sb_take(&b);
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	struct receipt_write w = { r, id };
	rc = in_transaction(a, write_receipt, &w, "receipt add", detail, e);
	free(detail);
	return rc;
}

static enum status write_activity(struct app *a, const void *arg, struct err *e)
{
	return db_activity_add(a->db, arg, e);
}

enum status app_activity_add(struct app *a, const struct activity *act,
                             struct err *e)
{
	enum status rc = activity_validate(act, e);
	if (rc == ST_OK && !config_find(&a->cfg->activity_kinds, act->kind))
		rc = err_set(e, ST_INVALID, _("unknown activity kind \"%s\""), act->kind);
	if (rc != ST_OK)
		return rc;
	char when[DATE_BUFSZ];
	char *detail = detail_of(act->member, date_format(act->date, when, sizeof when));
	if (!detail)
		return err_set(e, ST_NOMEM, NULL);
	rc = in_transaction(a, write_activity, act, "activity add", detail, e);
	free(detail);
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

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
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
