/* check.c: prove a whole database: every distribution re-derived from its
 * stored inputs, the invariant of each, the audit chain, SQLite's own
 * integrity and foreign-key checks. */
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/alloc.h"
#include "quotepart/i18n.h"
#include "quotepart/rat.h"

/* 1. The invariant: reservations + lines = the receipt. */
static size_t check_sums(const struct distribution *d, struct sbuf *report)
{
	size_t bad = 0;
	long long id = (long long)d->id;
	int64_t sum = 0, reserved = 0, shares = 0, before = 0;
	for (size_t i = 0; i < d->n_lines; i++) {
		const struct dist_line *l = &d->lines[i];
		sum += l->cents;
		shares += l->share;
		before += l->before;
		if (l->kind == LINE_RESERVATION)
			reserved += l->cents;
		if (l->cents != l->share - l->before) {
			sb_printf(report, _("D%lld line %zu: %lld cents is not share %lld - before %lld\n"), id, i + 1,
			          (long long)l->cents, (long long)l->share, (long long)l->before);
			bad++;
		}
	}
	if (sum != d->amount) {
		sb_printf(report, _("D%lld: lines add up to %lld cents, the receipt is %lld\n"), id,
		          (long long)sum, (long long)d->amount);
		bad++;
	}
	if (reserved != d->reserved) {
		sb_printf(report, _("D%lld: reservation lines add up to %lld cents, %lld recorded\n"), id,
		          (long long)reserved, (long long)d->reserved);
		bad++;
	}
	if (shares != d->base || shares - before != d->amount) {
		sb_printf(report, _("D%lld: shares add up to %lld cents, the base is %lld\n"), id,
		          (long long)shares, (long long)d->base);
		bad++;
	}

	return bad;
}

/* 2. The parts: reservations recomputed from the base, the remainder
 * apportioned between pools by their rates. */
static size_t check_parts(const struct distribution *d, struct sbuf *report)
{
	size_t bad = 0;
	long long id = (long long)d->id;
	size_t n_pools = 0;
	int64_t base_parts = 0;
	int64_t res_total = 0;
	for (size_t p = 0; p < d->n_parts; p++) {
		const struct dist_part *part = &d->parts[p];
		base_parts += part->amount;
		if (part->kind == LINE_POOL) {
			n_pools++;
			continue;
		}
		int64_t want = part->rate_bp ? (int64_t)((i128)d->base * part->rate_bp / 10000) : part->fixed;
		res_total += want;
		if (want != part->amount) {
			sb_printf(report, _("D%lld: reservation \"%s\" holds %lld cents, the key gives %lld\n"), id,
			          part->label, (long long)part->amount, (long long)want);
			bad++;
		}
	}
	if (base_parts != d->base) {
		sb_printf(report, _("D%lld: parts add up to %lld cents, the base is %lld\n"), id,
		          (long long)base_parts, (long long)d->base);
		bad++;
	}
	if (n_pools) {
		i128 *w = calloc(n_pools, sizeof *w);
		int64_t *got = calloc(n_pools, sizeof *got);
		size_t k = 0;
		for (size_t p = 0; w && p < d->n_parts; p++)
			if (d->parts[p].kind == LINE_POOL)
				w[k++] = d->parts[p].rate_bp;
		if (w && got && alloc_apportion(d->base - res_total, w, NULL, n_pools, got, NULL)) {
			k = 0;
			for (size_t p = 0; p < d->n_parts; p++) {
				if (d->parts[p].kind != LINE_POOL)
					continue;
				if (got[k] != d->parts[p].amount) {
					sb_printf(report, _("D%lld: pool \"%s\" holds %lld cents, its rate gives %lld\n"), id,
					          d->parts[p].label, (long long)d->parts[p].amount, (long long)got[k]);
					bad++;
				}
				k++;
			}
		} else {
			sb_printf(report, _("D%lld: cannot re-derive the pools\n"), id);
			bad++;
		}
		free(w);
		free(got);
	}

	return bad;
}

/* 3. Each pool's lines: the stored weights apportioned again give
 * the same cents, leftover flags and exact shares. Lines with share
 * and weight 0 added by a true-up are skipped by weight. */
static size_t check_pool(const struct distribution *d, const struct dist_part *part,
                         struct sbuf *report)
{
	size_t bad = 0;
	long long id = (long long)d->id;
	size_t n = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		n += d->lines[i].kind == LINE_POOL && d->lines[i].idx == part->idx &&
		     strcmp(d->lines[i].label, part->label) == 0;
	if (!n)
		return 0;
	i128 *w = calloc(n, sizeof *w);
	size_t *rank = calloc(n, sizeof *rank);
	size_t *at = calloc(n, sizeof *at);
	int64_t *cents = calloc(n, sizeof *cents);
	bool *left = calloc(n, sizeof *left);
	bool ok = w && rank && at && cents && left;
	size_t k = 0;
	i128 den = 0;
	for (size_t i = 0; ok && i < d->n_lines; i++) {
		const struct dist_line *l = &d->lines[i];
		if (l->kind != LINE_POOL || l->idx != part->idx || strcmp(l->label, part->label) != 0)
			continue;
		struct rat r;
		if (!rat_parse(l->weight, &r)) {
			ok = false;
			break;
		}
		/* Weights of one pool share a denominator once brought
		 * to their least common multiple. */
		if (r.num == 0) {
			w[k] = 0;
		} else {
			if (den == 0)
				den = r.den;
			else if (den != r.den) {
				i128 g = rat_gcd(den, r.den), l2;
				if (!i128_mul(den / g, r.den, &l2)) {
					ok = false;
					break;
				}
				den = l2;
			}
		}
		at[k++] = i;
	}
	for (size_t j = 0; ok && j < k; j++) {
		struct rat r;
		rat_parse(d->lines[at[j]].weight, &r);
		ok = r.num == 0 || i128_mul(r.num, den / r.den, &w[j]);
		rank[j] = j;   /* stored in code order: rank = position */
	}
	ok = ok && alloc_apportion(part->amount, w, rank, k, cents, left);
	for (size_t j = 0; ok && j < k; j++) {
		const struct dist_line *l = &d->lines[at[j]];
		if (l->share != cents[j] || l->leftover != left[j]) {
			sb_printf(report, _("D%lld pool \"%s\": %s has %lld cents, its weight gives %lld\n"), id,
			          part->label, l->recipient, (long long)l->share, (long long)cents[j]);
			bad++;
		}
	}
	if (!ok) {
		sb_printf(report, _("D%lld pool \"%s\": stored weights cannot be read back\n"), id, part->label);
		bad++;
	}
	free(w);
	free(rank);
	free(at);
	free(cents);
	free(left);
	return bad;
}

/* A distribution re-derived from its stored inputs, every difference a
 * line of the report: the number of them. */
static size_t check_one(const struct distribution *d, struct sbuf *report)
{
	size_t bad = check_sums(d, report);
	/* A reversal is not derived from a key: it must be the exact
	 * negation of the distribution it reverses (checked by the caller). */
	if (d->mode == DIST_REVERSAL)
		return bad;
	bad += check_parts(d, report);
	for (size_t p = 0; p < d->n_parts; p++)
		if (d->parts[p].kind == LINE_POOL)
			bad += check_pool(d, &d->parts[p], report);
	return bad;
}

/* A reversal's parts and lines are its original's, negated. */
static size_t check_reversal(struct app *a, const struct distribution *d,
                             struct sbuf *report, struct err *e, enum status *rc)
{
	struct distribution o;
	long long id = (long long)d->id;
	*rc = db_dist_get(a->db, d->reverses, &o, e);
	if (*rc != ST_OK)
		return 0;
	size_t bad = 0;
	bool same = o.n_lines == d->n_lines && o.n_parts == d->n_parts &&
	            o.amount == -d->amount && o.base == -d->base && o.receipt_id == d->receipt_id;
	for (size_t i = 0; same && i < d->n_parts; i++)
		same = o.parts[i].amount == -d->parts[i].amount;
	for (size_t i = 0; same && i < d->n_lines; i++) {
		const struct dist_line *x = &o.lines[i], *y = &d->lines[i];
		same = x->cents == -y->cents && x->share == -y->share && x->before == -y->before &&
		       strcmp(x->recipient, y->recipient) == 0 && strcmp(x->label, y->label) == 0;
	}
	if (!same) {
		sb_printf(report, _("D%lld is not the exact negation of D%lld, which it reverses\n"), id,
		          (long long)d->reverses);
		bad++;
	}
	distribution_fini(&o);
	return bad;
}

/* A distribution divides its receipt's amount (a reversal its negation;
 * a true-up's lines add up to the balance receipt, not the exercise):
 * what it stored and what its lines add up to must be that amount as the
 * receipt holds it now. */
static size_t check_receipt(struct app *a, const struct distribution *d,
                            struct sbuf *report, struct err *e, enum status *rc)
{
	struct receipt r;
	long long id = (long long)d->id;
	*rc = db_receipt_get(a->db, d->receipt_id, &r, e);
	if (*rc == ST_NOTFOUND) {
		*rc = ST_OK;
		err_fini(e);
		sb_printf(report, _("D%lld: its receipt (id %lld) is missing\n"), id, (long long)d->receipt_id);
		return 1;
	}
	if (*rc != ST_OK)
		return 0;
	bool reversal = d->mode == DIST_REVERSAL;
	int64_t want = reversal ? -r.amount : r.amount, sum = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		sum += d->lines[i].cents;
	char *ref = text_escape(r.reference ? r.reference : "-");   /* stored text, read in a terminal */
	const char *neg = reversal ? _(" (negated: a reversal)") : "";
	size_t bad = 0;
	if (sum != want) {
		sb_printf(report, _("D%lld: reservations and lines add up to %lld cents, its receipt %s (id %lld) is %lld cents%s\n"),
		          id, (long long)sum, ref ? ref : "?", (long long)r.id, (long long)want, neg);
		bad++;
	}
	if (d->amount != want) {
		sb_printf(report, _("D%lld: its amount, %lld cents, is not its receipt's %s (id %lld): %lld cents%s\n"),
		          id, (long long)d->amount, ref ? ref : "?", (long long)r.id, (long long)want, neg);
		bad++;
	}
	free(ref);
	receipt_fini(&r);
	return bad;
}

static enum status check_all(struct app *a, struct sbuf *report,
                             struct app_check_stats *stats, struct err *e)
{
	size_t problems = 0;
	enum status rc = db_integrity(a->db, report, &problems, e);
	if (rc != ST_OK)
		return rc;
	struct err chain = ERR_INIT;
	if (db_audit_verify(a->db, &stats->audit_entries, &stats->audit_head, &chain) != ST_OK) {
		if (chain.status != ST_CORRUPT) {
			enum status st = err_set(e, chain.status, "%s", err_text(&chain));
			err_fini(&chain);
			return st;
		}
		sb_printf(report, "%s\n", err_text(&chain));
		problems++;
	}
	err_fini(&chain);
	int64_t *ids = NULL;
	size_t n = 0;
	rc = db_dist_ids(a->db, 0, &ids, &n, e);
	/* Per receipt: approved distributions minus approved reversals; more
	 * than one in force means its money was handed out twice. */
	struct in_force {
		int64_t receipt;
		int net;
		char *ref;
	} *force = calloc(n ? n : 1, sizeof *force);
	size_t n_force = 0;
	if (rc == ST_OK && !force)
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		struct distribution d;
		rc = db_dist_get(a->db, ids[i], &d, e);
		if (rc != ST_OK)
			break;
		if (d.status == DIST_APPROVED) {
			size_t k = 0;
			while (k < n_force && force[k].receipt != d.receipt_id)
				k++;
			if (k == n_force) {
				force[n_force].receipt = d.receipt_id;
				force[n_force++].ref = d.receipt_ref ? strdup(d.receipt_ref) : NULL;
			}
			force[k].net += d.mode == DIST_REVERSAL ? -1 : 1;
		}
		problems += check_one(&d, report);
		problems += check_receipt(a, &d, report, e, &rc);
		if (rc == ST_OK && d.reverses)
			problems += check_reversal(a, &d, report, e, &rc);
		stats->distributions++;
		stats->lines += d.n_lines;
		distribution_fini(&d);
	}
	for (size_t k = 0; k < n_force; k++) {
		if (rc == ST_OK && (force[k].net > 1 || force[k].net < 0)) {
			sb_printf(report, _("receipt %s (id %lld) has %d approved distributions in force: its money was handed out %s\n"),
			          force[k].ref ? force[k].ref : "-", (long long)force[k].receipt, force[k].net,
			          force[k].net > 1 ? _("more than once") : _("back more than it was given"));
			problems++;
		}
		free(force[k].ref);
	}
	free(force);
	free(ids);
	if (rc == ST_OK && problems)
		rc = err_set(e, ST_CORRUPT, _("check found %zu problem(s)"), problems);
	return rc;
}

enum status app_check(struct app *a, struct sbuf *report,
                      struct app_check_stats *stats, struct err *e)
{
	memset(stats, 0, sizeof *stats);
	/* One snapshot for everything: read statement by statement while
	 * another program saves drafts, the list of distributions, a
	 * distribution and its lines, and the audit chain would each come
	 * from a different commit, and check would report problems that no
	 * state of the database ever had. */
	enum status rc = db_begin_read(a->db, e);
	if (rc != ST_OK)
		return rc;
	rc = check_all(a, report, stats, e);
	db_end_read(a->db);
	return rc;
}
