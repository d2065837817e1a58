/* distribute.c: dividing receipts with keys: from the engine's result
 * to a distribution, preview, draft, true-up, and naming them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "quotepart/array.h"
#include "quotepart/alloc.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

/* ---- from the engine's result to a distribution ---- */

static char *rat_text(struct rat r)
{
	char buf[RAT_BUFSZ];
	return strdup(rat_format(r, buf, sizeof buf));
}

static char *dupnull(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Fill d's parts and lines from the engine's result (shares of d->base). */
static enum status fill_from_result(struct distribution *d, const struct key *k,
                                    const struct alloc_result *res, struct err *e)
{
	d->n_parts = k->n_res + k->n_pools;
	d->parts = calloc(d->n_parts ? d->n_parts : 1, sizeof *d->parts);
	d->lines = calloc(res->n_lines ? res->n_lines : 1, sizeof *d->lines);
	if (!d->parts || !d->lines)
		return err_set(e, ST_NOMEM, NULL);
	bool ok = true;
	for (size_t i = 0; i < k->n_res; i++) {
		const struct key_reservation *r = &k->res[i];
		struct dist_part *p = &d->parts[i];
		p->kind = LINE_RESERVATION;
		p->idx = (int)i;
		p->label = strdup(r->label);
		p->account = strdup(r->account);
		p->rate_bp = r->is_rate ? r->rate_bp : 0;
		p->fixed = r->is_rate ? 0 : r->amount;
		ok = ok && p->label && p->account;
	}
	for (size_t i = 0; i < k->n_pools; i++) {
		const struct key_pool *q = &k->pools[i];
		struct dist_part *p = &d->parts[k->n_res + i];
		p->kind = LINE_POOL;
		p->idx = (int)i;
		p->label = strdup(q->label);
		p->basis = strdup(basis_name(q->basis));
		p->rate_bp = q->rate_bp;
		p->amount = res->pool_amounts[i];
		ok = ok && p->label && p->basis;
	}
	d->n_lines = res->n_lines;
	for (size_t i = 0; i < res->n_lines; i++) {
		const struct alloc_line *al = &res->lines[i];
		struct dist_line *l = &d->lines[i];
		bool is_res = al->kind == LINE_RESERVATION;
		l->kind = al->kind;
		l->idx = (int)al->index;
		l->recipient = strdup(al->recipient);
		l->label = strdup(is_res ? k->res[al->index].label : k->pools[al->index].label);
		l->basis = is_res ? NULL : strdup(basis_name(al->basis));
		l->value = rat_text(al->value);
		l->factor = al->factor;
		l->presence = rat_text(al->presence);
		l->weight = rat_text(al->weight);
		l->exact = rat_text(al->exact);
		l->share = al->cents;
		l->cents = al->cents;
		l->leftover = al->leftover;
		l->paid_on = DATE_NONE;
		if (is_res)
			d->parts[al->index].amount = al->cents;
		ok = ok && l->recipient && l->label && (is_res || l->basis) &&
		     l->value && l->presence && l->weight && l->exact;
	}
	return ok ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* Reservations name accounts: a post that exists, operating costs, or a
 * member that exists. */
static enum status check_accounts(struct app *a, const struct key *k, struct err *e)
{
	struct post *posts = NULL;
	size_t np = 0;
	enum status rc = db_posts(a->db, &posts, &np, e);
	for (size_t i = 0; rc == ST_OK && i < k->n_res; i++) {
		const char *acc = k->res[i].account;
		if (strncmp(acc, "post:", 5) == 0) {
			bool found = false;
			for (size_t j = 0; j < np; j++)
				found = found || strcmp(posts[j].code, acc + 5) == 0;
			if (!found)
				rc = err_set(e, ST_REFUSED, _("reservation \"%s\": no post \"%s\" in this practice"),
				             k->res[i].label, acc + 5);
		} else if (strncmp(acc, "member:", 7) == 0) {
			struct member m;
			struct err tmp = ERR_INIT;
			if (db_member_get(a->db, acc + 7, &m, &tmp) == ST_OK)
				member_fini(&m);
			else
				rc = err_set(e, ST_REFUSED, _("reservation \"%s\": no member \"%s\" in this practice"),
				             k->res[i].label, acc + 7);
			err_fini(&tmp);
		}
	}
	post_list_free(posts, np);
	return rc;
}

/* Whether code is in the practice's n members v. */
static bool is_member(const struct member *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return true;
	return false;
}

/* Append to b the codes of pool p's `members` and `points` that the
 * practice does not have, each once. */
static void unknown_codes(const struct key_pool *p, const struct member *v, size_t n,
                          struct sbuf *b)
{
	size_t start = b->len;
	for (size_t i = 0; i < p->members.n + p->n_points; i++) {
		const char *code = i < p->members.n ? p->members.v[i] : p->points[i - p->members.n].member;
		if (is_member(v, n, code))
			continue;
		/* Listed in both `members` and `points`: said once. */
		bool said = false;
		for (size_t j = 0; j < i && !said; j++)
			said = strcmp(code, j < p->members.n ? p->members.v[j] : p->points[j - p->members.n].member) == 0;
		if (!said)
			sb_printf(b, "%s%s", b->len > start ? ", " : "", code);
	}
}

/* Pools name members in `members` and `points`. Keys travel between
 * practices, so a key may be imported with codes this practice does not
 * have; used, such a code would silently weigh nothing (a typo, or a key
 * made for another team): the distribution is refused, naming every
 * unknown code and its pool. */
static enum status check_members(struct app *a, const struct key *k, struct err *e)
{
	struct member *v = NULL;
	size_t n = 0;
	enum status rc = db_members(a->db, &v, &n, e);
	struct sbuf msg;
	sb_init(&msg);
	for (size_t i = 0; rc == ST_OK && i < k->n_pools; i++) {
		struct sbuf codes;
		sb_init(&codes);
		unknown_codes(&k->pools[i], v, n, &codes);
		if (codes.len) {
			sb_add(&msg, msg.len ? ", " : "");
			sb_printf(&msg, _("%s in pool \"%s\""), codes.s, k->pools[i].label);
		}
		sb_fini(&codes);
	}
	if (rc == ST_OK && msg.failed)
		rc = err_set(e, ST_NOMEM, NULL);
	else if (rc == ST_OK && msg.len)
		rc = err_set(e, ST_REFUSED, _("key \"%s\" names members this practice does not have: %s; "
		                              "correct the key or add the members"), k->name, msg.s);
	sb_fini(&msg);
	member_list_free(v, n);
	return rc;
}

/* Run the engine for `base` cents over [start, end] with the practice's
 * data for that period, and fill d's parts and lines from the result
 * while the member data the lines point into is still alive. */
static enum status compute(struct app *a, const struct key *k, int64_t base,
                           int32_t start, int32_t end, struct distribution *d,
                           struct err *e)
{
	struct db_alloc_members m;
	enum status rc = db_alloc_members(a->db, start, end, &m, e);
	if (rc != ST_OK)
		return rc;
	struct alloc_input in = {
		.amount = base, .start = start, .end = end, .key = k,
		.members = m.v, .n_members = m.n,
	};
	struct alloc_result res;
	rc = alloc_run(&in, &res, e);
	if (rc == ST_OK) {
		rc = fill_from_result(d, k, &res, e);
		d->base = base;
		d->reserved = res.reserved;
		alloc_result_fini(&res);
	}
	db_alloc_members_fini(&m);
	return rc;
}

/* True-up: each line pays its share of the exercise's total minus what
 * the earlier approved distributions gave the same recipient for the same
 * part; what they gave for parts this key no longer has comes back as a
 * negative line. Σ share = base and Σ before = base - amount, so the lines
 * still add up to the balance receipt exactly. */
static enum status apply_given(struct distribution *d, const struct db_given *g,
                               size_t ng, struct err *e)
{
	size_t extra = 0;
	bool *used = calloc(ng ? ng : 1, sizeof *used);
	if (!used)
		return err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < ng; i++) {
		for (size_t j = 0; j < d->n_lines; j++) {
			struct dist_line *l = &d->lines[j];
			if (l->kind == g[i].kind && strcmp(l->label, g[i].label) == 0 &&
			    strcmp(l->recipient, g[i].recipient) == 0) {
				l->before = g[i].cents;
				used[i] = true;
				break;
			}
		}
		extra += !used[i];
	}
	if (!array_grow(&d->lines, NULL, d->n_lines + extra + 1, sizeof *d->lines)) {
		free(used);
		return err_set(e, ST_NOMEM, NULL);
	}
	bool ok = true;
	for (size_t i = 0; i < ng; i++) {
		if (used[i])
			continue;
		struct dist_line *l = &d->lines[d->n_lines++];
		memset(l, 0, sizeof *l);
		l->kind = g[i].kind;
		l->idx = g[i].idx;
		l->recipient = strdup(g[i].recipient);
		l->label = strdup(g[i].label);
		l->value = strdup("0");
		l->presence = strdup("0");
		l->weight = strdup("0");
		l->exact = strdup("0");
		l->before = g[i].cents;
		l->paid_on = DATE_NONE;
		ok = ok && l->recipient && l->label && l->value && l->presence && l->weight && l->exact;
	}
	free(used);
	d->reserved = 0;
	for (size_t j = 0; j < d->n_lines; j++) {
		struct dist_line *l = &d->lines[j];
		l->cents = l->share - l->before;
		if (l->kind == LINE_RESERVATION)
			d->reserved += l->cents;
	}
	return ok ? ST_OK : err_set(e, ST_NOMEM, NULL);
}

/* The exercise of a balance: every receipt of the same source and
 * exercise. All but this one must have an approved distribution; *period
 * spans them all; *given is what those distributions gave. */
static enum status exercise_of(struct app *a, const struct receipt *r,
                               int32_t *start, int32_t *end, struct err *e)
{
	struct receipt *v;
	size_t n;
	enum status rc = db_receipts(a->db, &v, &n, e);
	if (rc != ST_OK)
		return rc;
	*start = r->start;
	*end = r->end;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		if (v[i].id == r->id || strcmp(v[i].source, r->source) != 0 ||
		    strcmp(v[i].exercise, r->exercise) != 0)
			continue;
		bool approved;
		rc = db_dist_has_approved(a->db, v[i].id, &approved, e);
		if (rc == ST_OK && !approved) {
			char when[DATE_BUFSZ];
			rc = err_set(e, ST_REFUSED,
			             _("true-up refused: receipt %s (%s %s, received %s) of exercise %s has no approved distribution; "
			               "approve it first"),
			             v[i].reference ? v[i].reference : "?", v[i].source, v[i].kind,
			             date_format(v[i].received, when, sizeof when), v[i].exercise);
		}
		if (v[i].start < *start)
			*start = v[i].start;
		if (v[i].end > *end)
			*end = v[i].end;
	}
	receipt_list_free(v, n);
	return rc;
}

/* A receipt named on the command line: by reference, or by id when the
 * name is digits. A reference that is digits (an older database, raw SQL)
 * and another receipt's id make the name ambiguous: refused, naming
 * both. *r (receipt_fini) is filled on ST_OK only. */
static enum status find_receipt(struct app *a, const char *name, struct receipt *r, struct err *e)
{
	int64_t n = 0;
	enum status rc = db_receipt_find(a->db, name, r, e);
	if (rc != ST_OK || name_kind(name, &n) != NAME_ID || !r->reference || strcmp(r->reference, name) != 0 ||
	    n == 0 || n == r->id)
		return rc;
	struct receipt other;
	struct err tmp = ERR_INIT;
	rc = db_receipt_get(a->db, n, &other, &tmp);
	if (rc == ST_OK) {
		rc = err_set(e, ST_REFUSED, _("\"%s\" is ambiguous: receipt %s (id %lld) or receipt %s (id %lld), whose "
		                              "reference it is; name the receipt by another id or reference"),
		             name, other.reference ? other.reference : "-", (long long)other.id, r->reference,
		             (long long)r->id);
		receipt_fini(&other);
	} else if (rc == ST_NOTFOUND) {
		rc = ST_OK;
	} else {
		err_set(e, rc, "%s", err_text(&tmp));
	}
	err_fini(&tmp);
	if (rc != ST_OK)
		receipt_fini(r);
	return rc;
}

/* The receipt of a request: by id, or named (find_receipt). */
static enum status request_receipt(struct app *a, const struct app_dist_request *req,
                                   struct receipt *r, struct err *e)
{
	if (req->receipt_id > 0)
		return db_receipt_get(a->db, req->receipt_id, r, e);
	return find_receipt(a, req->receipt, r, e);
}

/* Whether r may be divided in this mode. `name` is how messages call it. */
static enum status divisible(struct app *a, const struct receipt *r, bool true_up,
                             const char *name, struct err *e)
{
	/* In both modes: a receipt divided by an approved distribution in
	 * force is never divided again (a true-up run twice would pay the
	 * balance twice). */
	bool approved = false;
	int64_t in_force = 0;
	enum status rc = db_dist_has_approved(a->db, r->id, &approved, e);
	if (rc == ST_OK && approved)
		rc = db_dist_in_force(a->db, r->id, &in_force, e);
	/* Named: the one another program or pane may just have approved. */
	if (rc == ST_OK && approved)
		rc = err_set(e, ST_REFUSED, _("receipt %s already has an approved distribution, D%lld; to correct it, "
		                              "reverse it first (quotepart reverse D%lld)"),
		             name, (long long)in_force, (long long)in_force);
	if (rc == ST_OK && !true_up && r->amount < 0)
		rc = err_set(e, ST_REFUSED, _("receipt %s is negative: divide it with --true-up, against the exercise's earlier distributions"),
		             name);
	return rc;
}

/* True-up: the exercise's period, total and what was given before. */
static enum status exercise_base(struct app *a, const struct receipt *r, int64_t *base,
                                 int32_t *start, int32_t *end, struct db_given **given,
                                 size_t *ng, struct err *e)
{
	enum status rc = exercise_of(a, r, start, end, e);
	if (rc == ST_OK)
		rc = db_dist_given(a->db, r->source, r->exercise, r->id, given, ng, e);
	for (size_t i = 0; rc == ST_OK && i < *ng; i++)
		if (money_add(*base, (*given)[i].cents, base) != ST_OK)
			rc = err_set(e, ST_OVERFLOW, _("the exercise's total is out of range"));
	if (rc == ST_OK && *base < 0)
		rc = err_set(e, ST_REFUSED, _("true-up refused: the exercise's total is negative"));
	return rc;
}

/* d's header: what it divides, with which key; and the contract, checked
 * before anything is stored. */
static enum status fill_header(struct distribution *d, const struct receipt *r, const struct key *k,
                               int64_t vid, bool true_up, int32_t start, int32_t end, struct err *e)
{
	d->receipt_id = r->id;
	d->receipt_ref = dupnull(r->reference);
	d->key_version_id = vid;
	d->key_name = strdup(k->name);
	d->key_version = k->version;
	d->mode = true_up ? DIST_TRUE_UP : DIST_NORMAL;
	d->status = DIST_DRAFT;
	d->amount = r->amount;
	d->start = start;
	d->end = end;
	d->approved_on = DATE_NONE;
	d->source = strdup(r->source);
	d->exercise = strdup(r->exercise);
	if (!d->key_name || !d->source || !d->exercise ||
	    (r->reference && !d->receipt_ref))
		return err_set(e, ST_NOMEM, NULL);
	int64_t sum = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		sum += d->lines[i].cents;
	if (sum != d->amount)
		return err_set(e, ST_INTERNAL, _("internal error: lines add up to %lld cents, not %lld"),
		               (long long)sum, (long long)d->amount);
	return ST_OK;
}

/* Read the receipt, the key and the practice's data, and divide: d is
 * the result, *r its receipt (receipt_fini), both on ST_OK only. */
static enum status divide(struct app *a, const struct app_dist_request *req, struct receipt *r,
                          struct distribution *d, struct err *e)
{
	struct key *k = NULL;
	int64_t vid = 0;
	enum status rc = request_receipt(a, req, r, e);
	if (rc != ST_OK)
		return rc;
	const char *name = req->receipt_id > 0 || !req->receipt ?
	                   (r->reference ? r->reference : "-") : req->receipt;
	rc = app_key_get(a, req->key, &k, &vid, e);
	if (rc == ST_OK)
		rc = check_accounts(a, k, e);
	if (rc == ST_OK)
		rc = check_members(a, k, e);
	if (rc == ST_OK)
		rc = divisible(a, r, req->true_up, name, e);
	int64_t base = r->amount;
	int32_t start = r->start, end = r->end;
	struct db_given *given = NULL;
	size_t ng = 0;
	if (rc == ST_OK && req->true_up)
		rc = exercise_base(a, r, &base, &start, &end, &given, &ng, e);
	if (rc == ST_OK)
		rc = compute(a, k, base, start, end, d, e);
	if (rc == ST_OK && req->true_up)
		rc = apply_given(d, given, ng, e);
	db_given_list_free(given, ng);
	if (rc == ST_OK)
		rc = fill_header(d, r, k, vid, req->true_up, start, end, e);
	key_free(k);
	if (rc != ST_OK) {
		distribution_fini(d);
		receipt_fini(r);
	}
	return rc;
}

/* Whether d is what was shown: the same receipt and amount, period, key
 * version and mode, and line by line the same recipient, part and cents. */
static bool as_shown(const struct distribution *d, const struct distribution *shown)
{
	bool same = d->receipt_id == shown->receipt_id && d->amount == shown->amount &&
	            d->start == shown->start && d->end == shown->end &&
	            d->key_version_id == shown->key_version_id && d->n_lines == shown->n_lines &&
	            d->mode == shown->mode;
	for (size_t i = 0; same && i < d->n_lines; i++) {
		const struct dist_line *x = &d->lines[i], *y = &shown->lines[i];
		same = x->kind == y->kind && strcmp(x->label, y->label) == 0 &&
		       strcmp(x->recipient, y->recipient) == 0 && x->cents == y->cents;
	}
	return same;
}

enum status app_distribute(struct app *a, const struct app_dist_request *req,
                           struct distribution *d, struct err *e)
{
	memset(d, 0, sizeof *d);
	bool save = !req->dry_run;
	/* What is stored is what was computed: read and written in one
	 * transaction when saving, so that nobody changes the data between. */
	enum status rc = save ? db_begin(a->db, e) : ST_OK;
	if (rc != ST_OK)
		return rc;
	struct receipt r;
	rc = divide(a, req, &r, d, e);
	bool divided = rc == ST_OK;
	bool changed = divided && req->expect && !as_shown(d, req->expect);
	if (changed)
		rc = err_set(e, ST_REFUSED, _("the receipt or its data changed since this preview: look at it again before saving; "
		                              "nothing was saved"));
	if (rc == ST_OK && save && req->replaced)
		rc = db_dist_draft_of(a->db, d->receipt_id, req->replaced, e);
	if (rc == ST_OK && save)
		rc = db_dist_save(a->db, d, e);
	if (rc == ST_OK && save)
		rc = app_audit(a, "distribute", e, "D%lld: receipt %s (id %lld) with key %s v%d (%s)", (long long)d->id,
		               r.reference ? r.reference : "-", (long long)r.id, d->key_name, d->key_version,
		               dist_mode_name(d->mode));
	if (rc == ST_OK && save)
		rc = db_commit(a->db, e);
	else if (save)
		db_rollback(a->db);
	if (divided)
		receipt_fini(&r);
	if (rc != ST_OK && !changed)
		distribution_fini(d);
	return rc;
}

/* "D12": distribution 12, unless a receipt has that reference too (an
 * older database, raw SQL): then the name is ambiguous. *named: whether a
 * receipt has it as its reference. */
static enum status resolve_dist(struct app *a, const char *what, int64_t n, int64_t *id,
                                bool *named, struct err *e)
{
	struct receipt r;
	struct err tmp = ERR_INIT;
	*named = db_receipt_find(a->db, what, &r, &tmp) == ST_OK;
	err_fini(&tmp);
	struct distribution d;
	enum status rc = db_dist_get(a->db, n, &d, e);
	if (rc == ST_OK && *named)
		rc = err_set(e, ST_REFUSED, _("\"%s\" is ambiguous: distribution D%lld (receipt %s, id %lld) or receipt %s "
		                              "(id %lld); name the receipt by its id, or give it another reference"),
		             what, (long long)d.id, d.receipt_ref ? d.receipt_ref : "-", (long long)d.receipt_id,
		             r.reference, (long long)r.id);
	else if (rc == ST_OK)
		*id = d.id;
	if (rc == ST_OK || rc == ST_REFUSED)
		distribution_fini(&d);
	if (*named)
		receipt_fini(&r);
	if (rc == ST_NOTFOUND && *named) {
		err_fini(e);
		rc = ST_OK;
	}
	return rc;
}

enum status app_dist_resolve(struct app *a, const char *what, bool any,
                             int64_t *id, struct err *e)
{
	*id = 0;
	int64_t n = 0;
	bool named = false;
	if (name_kind(what, &n) == NAME_DIST) {
		enum status rc = resolve_dist(a, what, n, id, &named, e);
		if (rc != ST_OK || *id)
			return rc;
	}
	struct receipt r;
	enum status rc = find_receipt(a, what, &r, e);
	if (rc != ST_OK)
		return rc;
	rc = db_dist_draft_of(a->db, r.id, id, e);
	if (rc == ST_OK && !*id && any) {
		int64_t *ids = NULL;
		size_t k = 0;
		rc = db_dist_ids(a->db, r.id, &ids, &k, e);
		if (rc == ST_OK && k)
			*id = ids[0];
		free(ids);
	}
	if (rc == ST_OK && !*id)
		rc = err_set(e, ST_NOTFOUND, any ? _("receipt %s has no distribution yet") :
		             _("receipt %s has no draft distribution (run 'quotepart distribute' first)"), what);
	receipt_fini(&r);
	return rc;
}

enum status app_dist_name(struct app *a, int64_t id, struct app_dist_name *out,
                          struct err *e)
{
	struct distribution d;
	memset(out, 0, sizeof *out);
	enum status rc = db_dist_get(a->db, id, &d, e);
	if (rc != ST_OK)
		return rc;
	*out = (struct app_dist_name){ d.id, d.receipt_id, d.receipt_ref, d.key_name, d.key_version, d.reverses };
	d.receipt_ref = d.key_name = NULL;   /* taken */
	distribution_fini(&d);
	return ST_OK;
}

void app_dist_name_fini(struct app_dist_name *n)
{
	free(n->receipt_ref);
	free(n->key);
	memset(n, 0, sizeof *n);
}
