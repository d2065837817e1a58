/* lifecycle.c: a distribution's life after its draft: approval (the
 * draft re-checked against its receipt, its key and what is in force),
 * payments, and reversal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* What of its receipt d was computed from differs now, as "amount X,
 * now Y; source A, now B" into b (nothing when all is the same). */
static void receipt_moved(const struct distribution *d, const struct receipt *r,
                          const char *source, const char *exercise, struct sbuf *b)
{
	const char *sep = "";
	bool reversal = d->mode == DIST_REVERSAL;
	int64_t amount = reversal ? -d->amount : d->amount;
	if (amount != r->amount) {
		char x[MONEY_BUFSZ], y[MONEY_BUFSZ];
		sb_printf(b, _("amount %s, now %s"), money_format(amount, money_text_style(), x, sizeof x),
		          money_format(r->amount, money_text_style(), y, sizeof y));
		sep = "; ";
	}
	/* A true-up covers the exercise, a reversal its original's period. */
	if (d->mode == DIST_NORMAL && (d->start != r->start || d->end != r->end)) {
		char p1[DATE_BUFSZ], p2[DATE_BUFSZ], p3[DATE_BUFSZ], p4[DATE_BUFSZ];
		sb_add(b, sep);
		sb_printf(b, _("period %s to %s, now %s to %s"), date_format(d->start, p1, sizeof p1),
		          date_format(d->end, p2, sizeof p2), date_format(r->start, p3, sizeof p3),
		          date_format(r->end, p4, sizeof p4));
		sep = "; ";
	}
	if (source && strcmp(source, r->source) != 0) {
		sb_add(b, sep);
		sb_printf(b, _("source %s, now %s"), source, r->source);
		sep = "; ";
	}
	if (exercise && strcmp(exercise, r->exercise) != 0) {
		sb_add(b, sep);
		sb_printf(b, _("exercise %s, now %s"), exercise, r->exercise);
	}
}

/* Inside the approval's transaction: the draft was computed from its
 * receipt as it is now, and (but for a reversal, which negates what was
 * approved) with the latest version of its key. */
static enum status draft_still_holds(struct app *a, const struct distribution *d, struct err *e)
{
	struct receipt r;
	char *source = NULL, *exercise = NULL;
	enum status rc = db_receipt_get(a->db, d->receipt_id, &r, e);
	if (rc != ST_OK)
		return rc;
	rc = db_dist_origin(a->db, d->id, &source, &exercise, e);
	struct sbuf moved;
	sb_init(&moved);
	if (rc == ST_OK)
		receipt_moved(d, &r, source, exercise, &moved);
	if (rc == ST_OK && moved.failed)
		rc = err_set(e, ST_NOMEM, NULL);
	else if (rc == ST_OK && moved.len)
		rc = err_set(e, ST_REFUSED, _("D%lld was computed on other figures than its receipt %s (id %lld) now has: %s; "
		                              "nothing was approved: divide the receipt again"),
		             (long long)d->id, r.reference ? r.reference : "-", (long long)r.id, moved.s);
	int latest = 0;
	char *body = NULL;
	if (rc == ST_OK && d->mode != DIST_REVERSAL)
		rc = db_key_latest(a->db, d->key_name, &body, &latest, NULL, e);
	free(body);
	if (rc == ST_OK && latest > d->key_version)
		rc = err_set(e, ST_REFUSED, _("D%lld was computed with version %d of key \"%s\", which now has version %d; "
		                              "nothing was approved: divide the receipt again"),
		             (long long)d->id, d->key_version, d->key_name, latest);
	sb_fini(&moved);
	free(source);
	free(exercise);
	receipt_fini(&r);
	return rc;
}

/* Inside the approval's transaction: approving d leaves its receipt with
 * exactly one distribution in force. A draft computed while another
 * program approved a distribution of the same receipt would hand the
 * receipt out twice; a reversal of a distribution already reversed would
 * pay it back twice. */
static enum status one_in_force(struct app *a, const struct distribution *d, struct err *e)
{
	enum status rc;
	if (d->mode == DIST_REVERSAL) {
		int64_t by = 0;
		rc = db_dist_approved_reversal_of(a->db, d->reverses, &by, e);
		if (rc == ST_OK && by)
			rc = err_set(e, ST_REFUSED, _("D%lld reverses D%lld, which D%lld already reverses; nothing was approved"),
			             (long long)d->id, (long long)d->reverses, (long long)by);
		return rc;
	}
	bool approved = false;
	rc = db_dist_has_approved(a->db, d->receipt_id, &approved, e);
	if (rc == ST_OK && approved)
		rc = err_set(e, ST_REFUSED, _("receipt %s already has an approved distribution, approved since D%lld was computed; "
		                              "nothing was approved: to correct it, reverse it first (quotepart reverse)"),
		             d->receipt_ref ? d->receipt_ref : "-", (long long)d->id);
	return rc;
}

/* An approval is dated between the day its receipt came and today; a
 * reversal, not before the approval it reverses. */
static enum status approval_date_ok(struct app *a, const struct distribution *d, int32_t on,
                                    struct err *e)
{
	char when[DATE_BUFSZ], other[DATE_BUFSZ];
	int32_t today = date_today();
	date_format(on, when, sizeof when);
	if (on > today)
		return err_set(e, ST_REFUSED, _("approval date %s is after today (%s); nothing was approved"), when,
		               date_format(today, other, sizeof other));
	struct receipt r;
	enum status rc = db_receipt_get(a->db, d->receipt_id, &r, e);
	if (rc != ST_OK)
		return rc;
	if (on < r.received)
		rc = err_set(e, ST_REFUSED, _("approval date %s is before receipt %s was received (%s); nothing was approved"),
		             when, r.reference ? r.reference : "-", date_format(r.received, other, sizeof other));
	receipt_fini(&r);
	struct distribution o;
	if (rc != ST_OK || !d->reverses || (rc = db_dist_get(a->db, d->reverses, &o, e)) != ST_OK)
		return rc;
	if (on < o.approved_on)
		rc = err_set(e, ST_REFUSED, _("approval date %s is before D%lld, which it reverses, was approved (%s); nothing was approved"),
		             when, (long long)o.id, date_format(o.approved_on, other, sizeof other));
	distribution_fini(&o);
	return rc;
}

enum status app_approve(struct app *a, int64_t id, int32_t on, const char *note,
                        struct err *e)
{
	if (note && *note) {
		const char *why = NULL;
		if (text_check(note, &why) != ST_OK)
			return err_set(e, ST_INVALID, _("note: %s is not allowed"), _(why));
	}
	/* Everything is read inside the write transaction: another program
	 * may have approved, reversed or changed something since the draft
	 * was computed, or since this command started. */
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	struct distribution d;
	rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	if (d.status != DIST_DRAFT)
		rc = err_set(e, ST_FROZEN, _("D%lld is already approved"), (long long)id);
	if (rc == ST_OK)
		rc = approval_date_ok(a, &d, on, e);
	if (rc == ST_OK)
		rc = draft_still_holds(a, &d, e);
	if (rc == ST_OK)
		rc = one_in_force(a, &d, e);
	/* A true-up drafted before another distribution of the exercise was
	 * approved no longer balances the exercise: refuse, so it is redone. */
	if (rc == ST_OK && d.mode == DIST_TRUE_UP) {
		struct receipt r;
		struct db_given *g = NULL;
		size_t ng = 0;
		rc = db_receipt_get(a->db, d.receipt_id, &r, e);
		if (rc == ST_OK) {
			rc = db_dist_given(a->db, r.source, r.exercise, r.id, &g, &ng, e);
			int64_t now = 0, then = 0;
			for (size_t i = 0; i < ng; i++)
				now += g[i].cents;
			for (size_t i = 0; i < d.n_lines; i++)
				then += d.lines[i].before;
			if (rc == ST_OK && now != then)
				rc = err_set(e, ST_REFUSED, _("D%lld is out of date: the exercise's approved distributions changed since it was computed; run distribute --true-up again"),
				             (long long)id);
			db_given_list_free(g, ng);
			receipt_fini(&r);
		}
	}
	if (rc == ST_OK)
		rc = db_dist_approve(a->db, id, on, note, e);
	if (rc == ST_OK) {
		char when[DATE_BUFSZ];
		rc = app_audit(a, "approve", e, "D%lld on %s%s%s", (long long)id, date_format(on, when, sizeof when),
		               note && *note ? ": " : "", note && *note ? note : "");
	}
	if (rc == ST_OK)
		rc = db_commit(a->db, e);
	else
		db_rollback(a->db);
	distribution_fini(&d);
	return rc;
}

/* Inside the payment's transaction: d may be paid, on `on` (from its
 * approval to today). A distribution that
 * an approved reversal cancels has nothing left to pay; a reversal pays
 * back the lines of its original that were paid, so *orig (when it
 * returns ST_OK for a reversal, distribution_fini) is that original. */
static enum status payable(struct app *a, const struct distribution *d, int32_t on,
                           struct distribution *orig, bool *have_orig, struct err *e)
{
	int64_t by = 0;
	*have_orig = false;
	if (d->status != DIST_APPROVED)
		return err_set(e, ST_REFUSED, _("D%lld is a draft: approve it before recording payments"), (long long)d->id);
	char when[DATE_BUFSZ], other[DATE_BUFSZ];
	int32_t today = date_today();
	date_format(on, when, sizeof when);
	if (on < d->approved_on)
		return err_set(e, ST_REFUSED, _("payment date %s is before D%lld was approved (%s); nothing was paid"), when,
		               (long long)d->id, date_format(d->approved_on, other, sizeof other));
	if (on > today)
		return err_set(e, ST_REFUSED, _("payment date %s is after today (%s); nothing was paid"), when,
		               date_format(today, other, sizeof other));
	enum status rc = db_dist_approved_reversal_of(a->db, d->id, &by, e);
	if (rc == ST_OK && by)
		rc = err_set(e, ST_REFUSED, _("D%lld is reversed by D%lld: nothing is to be paid"), (long long)d->id,
		             (long long)by);
	if (rc != ST_OK || !d->reverses)
		return rc;
	if ((rc = db_dist_get(a->db, d->reverses, orig, e)) != ST_OK)
		return rc;
	bool mirror = orig->n_lines == d->n_lines;
	for (size_t i = 0; mirror && i < d->n_lines; i++)
		mirror = strcmp(orig->lines[i].recipient, d->lines[i].recipient) == 0 &&
		         strcmp(orig->lines[i].label, d->lines[i].label) == 0 && orig->lines[i].cents == -d->lines[i].cents;
	if (!mirror) {
		distribution_fini(orig);
		return err_set(e, ST_CORRUPT, _("D%lld is not the exact negation of D%lld, which it reverses; run 'quotepart check'"),
		               (long long)d->id, (long long)d->reverses);
	}
	*have_orig = true;
	return ST_OK;
}

/* Whether the line's recipient is one of the n members (any, when n is 0). */
static bool paid_to(const struct dist_line *l, const char *const *members, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l->recipient, members[i]) == 0)
			return true;
	return n == 0;
}

/* Record the payments of d's lines (only the n members', when n > 0). */
static enum status pay_lines(struct app *a, const struct distribution *d, const struct distribution *orig,
                             const char *const *members, size_t n, int32_t on, const char *means,
                             struct app_payment *out, struct err *e)
{
	enum status rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < d->n_lines; i++) {
		const struct dist_line *l = &d->lines[i];
		if (!paid_to(l, members, n))
			continue;
		if (l->cents == 0 || l->paid_on != DATE_NONE)
			continue;
		/* Cancelled before it was paid: nothing to pay back. */
		if (orig && orig->lines[i].paid_on == DATE_NONE) {
			out->nothing++;
			continue;
		}
		rc = db_dist_pay(a->db, l->id, on, means, e);
		if (rc == ST_OK)
			out->paid++;
	}
	for (size_t j = 0; rc == ST_OK && j < n; j++) {
		bool found = false;
		for (size_t i = 0; !found && i < d->n_lines; i++)
			found = strcmp(d->lines[i].recipient, members[j]) == 0;
		if (!found)
			rc = err_set(e, ST_NOTFOUND, _("D%lld has no line for \"%s\""), (long long)d->id, members[j]);
	}
	return rc;
}

/* app_pay_lines for the n members (every line when n is 0); `whose`
 * names them in the audit entry ("" for every line). */
static enum status pay_members(struct app *a, int64_t id, const char *const *members, size_t n,
                               const char *whose, int32_t on, const char *means,
                               struct app_payment *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	const char *why = NULL;
	if (!means || !*means)
		return err_set(e, ST_USAGE, _("pay needs --means, how it was paid (transfer, cheque...)"));
	if (text_check(means, &why) != ST_OK)
		return err_set(e, ST_INVALID, _("means: %s is not allowed"), _(why));
	/* Read inside the transaction: what is paid is what it says. */
	enum status rc = db_begin(a->db, e);
	if (rc != ST_OK)
		return rc;
	struct distribution d, orig;
	bool have_orig = false;
	rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK) {
		db_rollback(a->db);
		return rc;
	}
	rc = payable(a, &d, on, &orig, &have_orig, e);
	if (rc == ST_OK)
		rc = pay_lines(a, &d, have_orig ? &orig : NULL, members, n, on, means, out, e);
	if (rc == ST_OK && out->paid) {
		char when[DATE_BUFSZ];
		rc = app_audit(a, "pay", e, "D%lld: %zu line(s)%s%s paid on %s by %s%s", (long long)id, out->paid,
		               *whose ? " of " : "", whose, date_format(on, when, sizeof when), means,
		               have_orig ? " (paid back)" : "");
	}
	if (rc == ST_OK)
		rc = db_commit(a->db, e);
	else
		db_rollback(a->db);
	if (rc != ST_OK)
		memset(out, 0, sizeof *out);
	if (have_orig)
		distribution_fini(&orig);
	distribution_fini(&d);
	return rc;
}

enum status app_pay_lines(struct app *a, int64_t id, const char *member, int32_t on,
                          const char *means, struct app_payment *out, struct err *e)
{
	return pay_members(a, id, &member, member ? 1 : 0, member ? member : "", on, means, out, e);
}

enum status app_transfers_pay(struct app *a, const struct app_transfers *t, int32_t on,
                              const char *means, size_t *count, struct err *e)
{
	*count = 0;
	if (!t->n_sent)
		return err_set(e, ST_REFUSED, _("D%lld: nobody is to be paid"), (long long)t->id);
	const char **members = malloc(t->n_sent * sizeof *members);
	if (!members)
		return err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < t->n_sent; i++)
		members[i] = t->sent[i].member;
	struct app_payment p;
	char *whose = str_printf("the %zu member(s) of the transfer file", t->n_sent);
	enum status rc = whose ? pay_members(a, t->id, members, t->n_sent, whose, on, means, &p, e)
	                       : err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		*count = p.paid;
	free(whose);
	free(members);
	return rc;
}

enum status app_pay(struct app *a, int64_t id, const char *member, int32_t on,
                    const char *means, size_t *count, struct err *e)
{
	struct app_payment p;
	enum status rc = app_pay_lines(a, id, member, on, means, &p, e);
	*count = p.paid;
	return rc;
}

static char *negate_text(const char *exact)
{
	if (!exact)
		return NULL;
	if (exact[0] == '-')
		return strdup(exact + 1);
	if (strcmp(exact, "0") == 0)
		return strdup(exact);
	size_t n = strlen(exact) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "-%s", exact);
	return s;
}

/* d becomes its own negation: same parts and lines, every amount negated,
 * as a draft reversing the original. */
static bool negate(struct distribution *d)
{
	bool ok = true;
	d->reverses = d->id;
	d->id = 0;
	d->amount = -d->amount;
	d->base = -d->base;
	d->reserved = -d->reserved;
	free(d->approved_note);
	d->mode = DIST_REVERSAL;
	d->status = DIST_DRAFT;
	d->approved_note = NULL;
	d->approved_on = DATE_NONE;
	for (size_t i = 0; i < d->n_parts; i++) {
		d->parts[i].amount = -d->parts[i].amount;
		d->parts[i].fixed = -d->parts[i].fixed;
	}
	for (size_t i = 0; i < d->n_lines; i++) {
		struct dist_line *l = &d->lines[i];
		char *ex = negate_text(l->exact);
		ok = ok && ex;
		free(l->exact);
		l->exact = ex;
		l->share = -l->share;
		l->before = -l->before;
		l->cents = -l->cents;
		l->paid_on = DATE_NONE;
		l->cancelled = false;
		free(l->means);
		l->means = NULL;
	}
	return ok;
}

/* A reversal is made from its receipt as it is: record its source and
 * exercise, as app_distribute does. */
static enum status take_origin(struct app *a, struct distribution *d, struct err *e)
{
	struct receipt r;
	enum status rc = db_receipt_get(a->db, d->receipt_id, &r, e);
	if (rc != ST_OK)
		return rc;
	free(d->source);
	free(d->exercise);
	d->source = strdup(r.source);
	d->exercise = strdup(r.exercise);
	receipt_fini(&r);
	return d->source && d->exercise ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

enum status app_reverse(struct app *a, int64_t id, int64_t *new_id,
                        struct err *e)
{
	struct distribution d;
	int64_t by = 0, draft = 0;
	*new_id = 0;
	enum status rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK)
		return rc;
	if (d.status != DIST_APPROVED)
		rc = err_set(e, ST_REFUSED, _("D%lld is a draft: run distribute again instead of reversing it"), (long long)id);
	else if (d.mode == DIST_REVERSAL)
		rc = err_set(e, ST_REFUSED, _("D%lld is itself a reversal"), (long long)id);
	if (rc == ST_OK)
		rc = db_begin(a->db, e);
	if (rc != ST_OK) {
		distribution_fini(&d);
		return rc;
	}
	rc = db_dist_reversal_of(a->db, id, &by, e);
	if (rc == ST_OK && by)
		rc = err_set(e, ST_REFUSED, _("D%lld is already reversed by D%lld"), (long long)id, (long long)by);
	if (rc == ST_OK)
		rc = db_dist_draft_of(a->db, d.receipt_id, &draft, e);
	if (rc == ST_OK && draft)
		rc = err_set(e, ST_REFUSED, _("the receipt has a draft D%lld: approve it or replace it first"), (long long)draft);
	if (rc == ST_OK && !negate(&d))
		rc = err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = take_origin(a, &d, e);
	if (rc == ST_OK)
		rc = db_dist_save(a->db, &d, e);
	if (rc == ST_OK) {
		rc = app_audit(a, "reverse", e, "D%lld reverses D%lld", (long long)d.id, (long long)id);
	}
	if (rc == ST_OK)
		rc = db_commit(a->db, e);
	else
		db_rollback(a->db);
	if (rc == ST_OK)
		*new_id = d.id;
	distribution_fini(&d);
	return rc;
}
