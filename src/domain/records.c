/* records.c: freeing and checking the practice's records. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/domain.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/text.h"

void member_fini(struct member *m)
{
	free(m->code);
	free(m->name);
	free(m->profession);
	free(m->status);
	free(m->rpps);
	free(m->iban);
	free(m->bic);
	memset(m, 0, sizeof *m);
}

static char *dup_opt(const char *s)
{
	return s ? strdup(s) : NULL;
}

bool member_copy(struct member *to, const struct member *from)
{
	*to = *from;
	to->code = dup_opt(from->code);
	to->name = dup_opt(from->name);
	to->profession = dup_opt(from->profession);
	to->status = dup_opt(from->status);
	to->rpps = dup_opt(from->rpps);
	to->iban = dup_opt(from->iban);
	to->bic = dup_opt(from->bic);
	return to->code && to->name && to->profession && to->status && (to->rpps || !from->rpps) &&
	       (to->iban || !from->iban) && (to->bic || !from->bic);
}

void post_fini(struct post *p)
{
	free(p->code);
	free(p->label);
	free(p->holder);
	memset(p, 0, sizeof *p);
}

void post_funding_fini(struct post_funding *f)
{
	free(f->post);
	free(f->source);
	memset(f, 0, sizeof *f);
}

void patient_fini(struct patient *p)
{
	free(p->code);
	free(p->gp);
	free(p->ald);
	memset(p, 0, sizeof *p);
}

void receipt_fini(struct receipt *r)
{
	free(r->source);
	free(r->kind);
	free(r->exercise);
	free(r->reference);
	free(r->note);
	memset(r, 0, sizeof *r);
}

void activity_fini(struct activity *a)
{
	free(a->member);
	free(a->kind);
	free(a->note);
	memset(a, 0, sizeof *a);
}

/* The English words of the closed sets: v[x], "?" outside the set. */
#define NAME_OF(v, x) ((unsigned)(x) < sizeof v / sizeof *v ? v[x] : "?")

const char *line_kind_name(enum line_kind k)
{
	static const char *const v[] = { [LINE_RESERVATION] = "reservation", [LINE_POOL] = "pool" };
	return NAME_OF(v, k);
}

const char *dist_mode_name(enum dist_mode m)
{
	static const char *const v[] = { [DIST_NORMAL] = "normal", [DIST_TRUE_UP] = "true-up", [DIST_REVERSAL] = "reversal" };
	return NAME_OF(v, m);
}

const char *dist_status_name(enum dist_status s)
{
	static const char *const v[] = { [DIST_DRAFT] = "draft", [DIST_APPROVED] = "approved" };
	return NAME_OF(v, s);
}

void dist_part_fini(struct dist_part *p)
{
	free(p->label);
	free(p->account);
	free(p->basis);
}

void dist_line_fini(struct dist_line *l)
{
	free(l->recipient);
	free(l->label);
	free(l->basis);
	free(l->value);
	free(l->presence);
	free(l->weight);
	free(l->exact);
	free(l->means);
}

void distribution_fini(struct distribution *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_parts; i++)
		dist_part_fini(&d->parts[i]);
	for (size_t i = 0; i < d->n_lines; i++)
		dist_line_fini(&d->lines[i]);
	free(d->parts);
	free(d->lines);
	free(d->source);
	free(d->exercise);
	free(d->receipt_ref);
	free(d->key_name);
	free(d->created);
	free(d->approved_note);
	memset(d, 0, sizeof *d);
}

static bool dup_to(char **to, const char *from)
{
	*to = from ? strdup(from) : NULL;
	return *to || !from;
}

bool distribution_copy(struct distribution *to, const struct distribution *from)
{
	*to = *from;
	to->parts = calloc(from->n_parts ? from->n_parts : 1, sizeof *to->parts);
	to->lines = calloc(from->n_lines ? from->n_lines : 1, sizeof *to->lines);
	to->n_parts = to->n_lines = 0;
	bool ok = to->parts && to->lines;
	ok = dup_to(&to->receipt_ref, from->receipt_ref) & dup_to(&to->key_name, from->key_name) &
	     dup_to(&to->created, from->created) & dup_to(&to->approved_note, from->approved_note) &
	     dup_to(&to->source, from->source) & dup_to(&to->exercise, from->exercise) & ok;
	for (size_t i = 0; to->parts && i < from->n_parts; i++, to->n_parts++) {
		const struct dist_part *x = &from->parts[i];
		struct dist_part *y = &to->parts[i];
		*y = *x;
		ok = dup_to(&y->label, x->label) & dup_to(&y->account, x->account) &
		     dup_to(&y->basis, x->basis) & ok;
	}
	for (size_t i = 0; to->lines && i < from->n_lines; i++, to->n_lines++) {
		const struct dist_line *x = &from->lines[i];
		struct dist_line *y = &to->lines[i];
		*y = *x;
		ok = dup_to(&y->recipient, x->recipient) & dup_to(&y->label, x->label) &
		     dup_to(&y->basis, x->basis) & dup_to(&y->value, x->value) & dup_to(&y->presence, x->presence) &
		     dup_to(&y->weight, x->weight) & dup_to(&y->exact, x->exact) & dup_to(&y->means, x->means) & ok;
	}
	if (!ok)
		distribution_fini(to);
	return ok;
}

/* A field of free text: present when required, and clean. */
enum status record_check_text(const char *field, const char *s, bool required, struct err *e)
{
	if (!s || !*s)
		return required ? err_set(e, ST_INVALID, _("%s is empty"), field) : ST_OK;
	const char *why = NULL;
	if (text_check(s, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("%s: %s is not allowed"), field, _(why));
	return ST_OK;
}

/* A code names a record everywhere (files, keys, statements): never a
 * person's social-security number, however it is written, and the
 * message does not repeat it. */
static enum status check_code(const char *field, const char *s, struct err *e)
{
	if (!s || !*s)
		return err_set(e, ST_INVALID, _("%s is empty"), field);
	if (text_is_nir(s))
		return err_set(e, ST_INVALID, _("%s is a French social-security number (NIR): "
		                                "use a local code, never a person's NIR"), field);
	if (!text_valid_code(s))
		return err_set(e, ST_INVALID, _("%s \"%s\": use 1 to 32 letters, digits, '.', '_' or '-'"), field, s);
	return ST_OK;
}

static enum status check_period(const char *what, int32_t start, int32_t end,
                                struct err *e)
{
	if (end != DATE_NONE && end < start) {
		char a[DATE_BUFSZ], b[DATE_BUFSZ];
		return err_set(e, ST_INVALID, _("%s: the end (%s) is before the start (%s)"), what,
		               date_format(end, b, sizeof b), date_format(start, a, sizeof a));
	}
	return ST_OK;
}

enum status member_validate(const struct member *m, struct err *e)
{
	enum status rc;
	if ((rc = check_code("code", m->code, e)) ||
	    (rc = record_check_text("name", m->name, true, e)) ||
	    (rc = check_code("profession", m->profession, e)) ||
	    (rc = check_code("status", m->status, e)) ||
	    (rc = check_period("left", m->joined, m->left, e)))
		return rc;
	if (m->fte < 0 || m->fte > 100)
		return err_set(e, ST_INVALID, _("fte must be between 0 and 1 (full time)"));
	if (m->rpps && *m->rpps && !text_valid_rpps(m->rpps))
		return err_set(e, ST_INVALID, _("rpps \"%s\" is not a valid RPPS number (11 digits with a check digit)"), m->rpps);
	char norm[IBAN_MAX];
	const char *why = NULL;
	if (m->iban && *m->iban && !ident_iban(m->iban, norm, &why))
		return err_set(e, ST_INVALID, _("%s \"%s\" is not valid: %s"), "iban", m->iban, _(why));
	if (m->bic && *m->bic && !ident_bic(m->bic, norm, &why))
		return err_set(e, ST_INVALID, _("%s \"%s\" is not valid: %s"), "bic", m->bic, _(why));
	return ST_OK;
}

enum status post_validate(const struct post *p, struct err *e)
{
	enum status rc;
	if ((rc = check_code("code", p->code, e)) ||
	    (rc = record_check_text("label", p->label, true, e)) ||
	    (rc = check_period("end", p->start, p->end, e)))
		return rc;
	if (p->holder && *p->holder && (rc = check_code("holder", p->holder, e)))
		return rc;
	if (p->fte < 0 || p->fte > 100)
		return err_set(e, ST_INVALID, _("fte must be between 0 and 1 (full time)"));
	if (p->yearly_cost < 0)
		return err_set(e, ST_INVALID, _("cost cannot be negative"));
	return ST_OK;
}

enum status patient_validate(const struct patient *p, struct err *e)
{
	enum status rc;
	if ((rc = check_code("code", p->code, e)) ||
	    (rc = check_code("gp", p->gp, e)) ||
	    (rc = check_period("left", p->enrolled, p->left, e)))
		return rc;
	if (p->birth_year < DATE_YEAR_MIN || p->birth_year > DATE_YEAR_MAX)
		return err_set(e, ST_INVALID, _("birth_year %d is not a plausible year"), p->birth_year);
	if (p->sex != 'F' && p->sex != 'M')
		return err_set(e, ST_INVALID, _("sex must be F or M"));
	return ST_OK;
}

enum name_kind name_kind(const char *s, int64_t *n)
{
	const char *d = s && (s[0] == 'D' || s[0] == 'd') ? s + 1 : s;
	int64_t v = 0;
	if (!d || !*d)
		return NAME_REFERENCE;
	for (const char *p = d; *p; p++) {
		if (*p < '0' || *p > '9')
			return NAME_REFERENCE;
		/* Past any id or distribution number: still digits, named by none. */
		int digit = *p - '0';
		if (v >= 0)
			v = v > (INT64_MAX - digit) / 10 ? -1 : v * 10 + digit;
	}
	if (n)
		*n = v > 0 ? v : 0;
	return d == s ? NAME_ID : NAME_DIST;
}

/* A reference is how commands name a receipt: one that reads as a
 * distribution number or as an id would name another object. */
static enum status check_reference(const char *ref, struct err *e)
{
	switch (name_kind(ref, NULL)) {
	case NAME_DIST:
		return err_set(e, ST_INVALID, _("reference \"%s\" reads as a distribution number (D and digits): "
		                                "give another one, e.g. with a dash or a letter more"), ref);
	case NAME_ID:
		return err_set(e, ST_INVALID, _("reference \"%s\" reads as a receipt id (digits only): "
		                                "give another one, e.g. with a letter or a dash"), ref);
	default:
		return ST_OK;
	}
}

enum status receipt_validate(const struct receipt *r, struct err *e)
{
	enum status rc;
	if ((rc = check_code("source", r->source, e)) ||
	    (rc = check_code("kind", r->kind, e)) ||
	    (rc = record_check_text("exercise", r->exercise, true, e)) ||
	    (rc = record_check_text("reference", r->reference, false, e)) ||
	    (rc = check_reference(r->reference, e)) ||
	    (rc = record_check_text("note", r->note, false, e)) ||
	    (rc = check_period("period_end", r->start, r->end, e)))
		return rc;
	return ST_OK;
}

enum status activity_validate(const struct activity *a, struct err *e)
{
	enum status rc;
	if ((rc = check_code("member", a->member, e)) ||
	    (rc = check_code("kind", a->kind, e)) ||
	    (rc = record_check_text("note", a->note, false, e)))
		return rc;
	if (a->hours <= 0)
		return err_set(e, ST_INVALID, _("hours must be more than 0"));
	if (a->hours > 2400)
		return err_set(e, ST_INVALID, _("hours: more than 24 in one entry"));
	return ST_OK;
}

/* "2025-01-01..2025-12-31", or "2025-01-01.." while open. */
static char *period_text(int32_t start, int32_t end, char *buf, size_t size)
{
	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	snprintf(buf, size, "%s..%s", date_format(start, a, sizeof a), date_format(end, b, sizeof b));
	return buf;
}

enum status patient_gp_validate(const struct patient *p, const struct member *gp,
                                struct err *e)
{
	if (!gp->profession || strcmp(gp->profession, MEMBER_GP_PROFESSION) != 0)
		return err_set(e, ST_INVALID, _("gp %s is not a GP (profession %s): a patient is enrolled "
		                                "with a general practitioner as médecin traitant"),
		               gp->code, gp->profession ? gp->profession : "");
	if (date_overlap(p->enrolled, p->left, gp->joined, gp->left) > 0)
		return ST_OK;
	char pe[2 * DATE_BUFSZ + 2], ge[2 * DATE_BUFSZ + 2];
	return err_set(e, ST_INVALID, _("patient %s is enrolled %s, when GP %s is not a member (member %s)"),
	               p->code, period_text(p->enrolled, p->left, pe, sizeof pe), gp->code,
	               period_text(gp->joined, gp->left, ge, sizeof ge));
}

enum status activity_member_validate(const struct activity *a, const struct member *m,
                                     struct err *e)
{
	if (a->date >= m->joined && (m->left == DATE_NONE || a->date <= m->left))
		return ST_OK;
	char d[DATE_BUFSZ], me[2 * DATE_BUFSZ + 2];
	return err_set(e, ST_INVALID, _("%s was not a member on %s (member %s)"), m->code,
	               date_format(a->date, d, sizeof d), period_text(m->joined, m->left, me, sizeof me));
}

void key_info_fini(struct key_info *x)
{
	free(x->name);
	free(x->created);
}

void key_info_list_free(struct key_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		key_info_fini(&v[i]);
	free(v);
}

void dist_summary_fini(struct dist_summary *x)
{
	free(x->receipt_ref);
	free(x->source);
	free(x->key_name);
}

void dist_summary_list_free(struct dist_summary *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dist_summary_fini(&v[i]);
	free(v);
}

void payment_record_fini(struct payment_record *x)
{
	free(x->means);
	free(x->recipient);
	free(x->member);
	free(x->member_name);
	free(x->label);
	free(x->source);
	free(x->receipt_kind);
	free(x->exercise);
	free(x->reference);
}

void payment_record_list_free(struct payment_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		payment_record_fini(&v[i]);
	free(v);
}

void member_list_free(struct member *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		member_fini(&v[i]);
	free(v);
}

void post_list_free(struct post *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		post_fini(&v[i]);
	free(v);
}

void funding_list_free(struct post_funding *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		post_funding_fini(&v[i]);
	free(v);
}

void receipt_list_free(struct receipt *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		receipt_fini(&v[i]);
	free(v);
}

void activity_list_free(struct activity *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		activity_fini(&v[i]);
	free(v);
}

void patient_list_free(struct patient *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		patient_fini(&v[i]);
	free(v);
}
