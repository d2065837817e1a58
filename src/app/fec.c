/* fec.c: the FEC journal's entries for a year, in double entry: each
 * receipt received (bank against the source's revenue), each distribution
 * approved (the allocation account against the members' accounts and the
 * reservations' own), each day's payments of a distribution (the members'
 * accounts against the bank). Accounts come from the configuration; the
 * members' accounts' balance is what was approved and not yet paid. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_reports.h"
#include "quotepart/app_settings.h"
#include "quotepart/app_store.h"
#include "quotepart/array.h"
#include "quotepart/config.h"
#include "quotepart/date.h"
#include "quotepart/db_report.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"

#include "reports_internal.h"

/* An entry being built, and where it goes in the date order: receipts,
 * then distributions, then payments of a day; then as read. */
struct fec_item {
	struct rep_fec_entry x;
	int order;
	size_t seq;
	size_t cap;           /* of x.lines */
};

struct fec_build {
	const struct config *cfg;
	const struct member *members;   /* sorted by code */
	size_t n_members;
	struct fec_item *v;
	size_t n, cap;
	enum status rc;
};

static int member_cmp(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->code, ((const struct member *)b)->code);
}

static const struct member *member_of(const struct fec_build *b, const char *code)
{
	struct member key = { .code = (char *)code };
	return bsearch(&key, b->members, b->n_members, sizeof key, member_cmp);
}

static char *dup_or_fail(struct fec_build *b, const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		b->rc = ST_NOMEM;
	return d;
}

/* A new entry (its piece and label owned from now on), or NULL. */
static struct fec_item *entry_new(struct fec_build *b, enum rep_fec_journal j, int32_t date,
                                  int order, char *piece, char *label)
{
	if (b->rc == ST_OK && (!piece || !label || !array_grow(&b->v, &b->cap, b->n + 1, sizeof *b->v)))
		b->rc = ST_NOMEM;
	if (b->rc != ST_OK) {
		free(piece);
		free(label);
		return NULL;
	}
	struct fec_item *it = &b->v[b->n];
	memset(it, 0, sizeof *it);
	it->x = (struct rep_fec_entry){ .journal = j, .date = date, .piece = piece,
	                                .piece_date = date, .label = label };
	it->order = order;
	it->seq = b->n++;
	return it;
}

/* `debit` cents (< 0: a credit) to account (and aux), added to the line
 * of the same account and aux when the entry has one. Signed while the
 * entry is built; entry_close puts each side in its column. */
static void entry_add(struct fec_build *b, struct fec_item *it, const char *account,
                      const char *label, const char *aux, const char *aux_label, int64_t debit)
{
	if (!it || b->rc != ST_OK)
		return;
	for (size_t i = 0; i < it->x.n_lines; i++) {
		struct rep_fec_line *l = &it->x.lines[i];
		if (strcmp(l->account, account) == 0 && !l->aux == !aux && (!aux || strcmp(l->aux, aux) == 0)) {
			if (money_add(l->debit, debit, &l->debit) != ST_OK)
				b->rc = ST_OVERFLOW;
			return;
		}
	}
	if (!array_grow(&it->x.lines, &it->cap, it->x.n_lines + 1, sizeof *it->x.lines)) {
		b->rc = ST_NOMEM;
		return;
	}
	struct rep_fec_line *l = &it->x.lines[it->x.n_lines++];
	*l = (struct rep_fec_line){ dup_or_fail(b, account), dup_or_fail(b, label), dup_or_fail(b, aux),
	                            dup_or_fail(b, aux_label), debit, 0 };
}

/* Drop the lines that came to 0 and put each amount on its side. An entry
 * left with no line is dropped. */
static void entry_close(struct fec_build *b, struct fec_item *it)
{
	if (!it || b->rc != ST_OK)
		return;
	size_t k = 0;
	for (size_t i = 0; i < it->x.n_lines; i++) {
		struct rep_fec_line l = it->x.lines[i];
		if (l.debit == 0) {
			free(l.account);
			free(l.account_label);
			free(l.aux);
			free(l.aux_label);
			continue;
		}
		if (l.debit == INT64_MIN)
			b->rc = ST_OVERFLOW;
		if (l.debit < 0 && l.debit != INT64_MIN) {
			l.credit = -l.debit;
			l.debit = 0;
		}
		it->x.lines[k++] = l;
	}
	it->x.n_lines = k;
	if (k == 0 && it == &b->v[b->n - 1]) {
		struct rep_fec f = { .v = &it->x, .n = 1 };
		rep_fec_fini(&f);
		b->n--;
	}
}

/* A member's account: associates' current accounts, or the others'. */
static void add_member(struct fec_build *b, struct fec_item *it, const char *code, int64_t debit)
{
	const struct member *m = member_of(b, code);
	bool associate = m && strcmp(m->status, "associate") == 0;
	const struct config_accounts *acc = &b->cfg->accounts;
	entry_add(b, it, associate ? acc->associates : acc->others,
	          associate ? _("Associates' current accounts") : _("Other members' accounts"), code,
	          m ? m->name : code, debit);
}

static char *text_of(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *text_of(const char *fmt, ...)
{
	struct sbuf s;
	sb_init(&s);
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&s, fmt, ap);
	va_end(ap);
	return sb_take(&s);
}

static char *dist_piece(int64_t id)
{
	return text_of("D%lld", (long long)id);
}

/* Each receipt received in the year: the bank debited, the source's
 * revenue credited (the other way round for a negative balance). */
static void add_receipts(struct fec_build *b, const struct receipt *v, size_t n, int year)
{
	for (size_t i = 0; i < n && b->rc == ST_OK; i++) {
		const struct receipt *r = &v[i];
		if (r->received < date_year_start(year) || r->received > date_year_end(year) || r->amount == 0)
			continue;
		const struct cfg_item *src = config_find(&b->cfg->sources, r->source);
		const struct cfg_item *kind = config_find(&b->cfg->receipt_kinds, r->kind);
		char *piece = r->reference ? dup_or_fail(b, r->reference) : text_of("R%lld", (long long)r->id);
		struct fec_item *it = entry_new(b, REP_FEC_BANK, r->received, 0, piece,
		                                text_of(_("Receipt %s %s, %s"), r->source, r->exercise,
		                                        kind ? config_label(kind) : r->kind));
		entry_add(b, it, b->cfg->accounts.bank, _("Bank"), NULL, NULL, r->amount);
		entry_add(b, it, config_source_account(b->cfg, r->source), src ? config_label(src) : r->source,
		          NULL, NULL, -r->amount);
		entry_close(b, it);
	}
}

static char *dist_label(const struct distribution *d)
{
	const char *ref = d->receipt_ref ? d->receipt_ref : "-";
	if (d->mode == DIST_REVERSAL)
		return text_of(_("Reversal of D%lld, receipt %s"), (long long)d->reverses, ref);
	if (d->mode == DIST_TRUE_UP)
		return text_of(_("True-up D%lld, receipt %s, key %s"), (long long)d->id, ref, d->key_name);
	return text_of(_("Distribution D%lld, receipt %s, key %s"), (long long)d->id, ref, d->key_name);
}

/* An approved distribution: each member credited with the sum of their
 * lines, each reservation's account with its own, the allocation account
 * debited with the whole (a reversal's or a true-up's negative sums go to
 * the other side). */
static void add_dist(struct fec_build *b, const struct distribution *d)
{
	struct fec_item *it = entry_new(b, REP_FEC_OD, d->approved_on, 1, dist_piece(d->id), dist_label(d));
	int64_t total = 0;
	const struct config_accounts *acc = &b->cfg->accounts;
	entry_add(b, it, acc->allocation, _("Distributions to members and reservations"), NULL, NULL, 0);
	for (size_t i = 0; i < d->n_lines && b->rc == ST_OK; i++) {
		const struct dist_line *l = &d->lines[i];
		const char *member = rep_line_member(l);
		if (money_add(total, l->cents, &total) != ST_OK)
			b->rc = ST_OVERFLOW;
		if (member)
			add_member(b, it, member, -l->cents);
		else if (strncmp(l->recipient, "post:", 5) == 0)
			entry_add(b, it, acc->posts, _("Reserved for posts"), NULL, NULL, -l->cents);
		else
			entry_add(b, it, acc->operating, _("Reserved for operating costs"), NULL, NULL, -l->cents);
	}
	entry_add(b, it, acc->allocation, NULL, NULL, NULL, total);
	entry_close(b, it);
}

static void add_dists(struct fec_build *b, struct db *db, int year, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum status rc = db_report_approved_ids(db, date_year_start(year), date_year_end(year), &ids, &n, e);
	for (size_t i = 0; rc == ST_OK && i < n && b->rc == ST_OK; i++) {
		struct distribution d;
		if ((rc = db_dist_get(db, ids[i], &d, e)) != ST_OK)
			break;
		add_dist(b, &d);
		distribution_fini(&d);
	}
	free(ids);
	if (rc != ST_OK)
		b->rc = rc;
}

/* The payments of the year to members, an entry per distribution and
 * day (the rows come ordered so): each member's account debited with
 * what they were paid, the bank credited. Payments of reservations to
 * accounts move no money out of the bank: they are left out. */
static void add_payments(struct fec_build *b, const struct payment_record *v, size_t n)
{
	struct fec_item *it = NULL;
	int64_t bank = 0, dist = 0;
	int32_t day = DATE_NONE;
	for (size_t i = 0; i < n && b->rc == ST_OK; i++) {
		const struct payment_record *p = &v[i];
		if (!p->member)
			continue;
		if (!it || p->paid_on != day || p->dist_id != dist) {
			if (it) {
				entry_add(b, it, b->cfg->accounts.bank, _("Bank"), NULL, NULL, -bank);
				entry_close(b, it);
			}
			bank = 0;
			day = p->paid_on;
			dist = p->dist_id;
			it = entry_new(b, REP_FEC_BANK, day, 2, dist_piece(dist),
			               text_of(_("Payment of D%lld (%s)"), (long long)dist, p->means));
		}
		add_member(b, it, p->member, p->cents);
		if (money_add(bank, p->cents, &bank) != ST_OK)
			b->rc = ST_OVERFLOW;
	}
	if (it) {
		entry_add(b, it, b->cfg->accounts.bank, _("Bank"), NULL, NULL, -bank);
		entry_close(b, it);
	}
}

static int item_cmp(const void *pa, const void *pb)
{
	const struct fec_item *a = pa, *b = pb;
	if (a->x.date != b->x.date)
		return a->x.date < b->x.date ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* What the year's entries are read from, in one snapshot. */
static enum status read_year(struct app *a, int year, struct fec_build *b, struct err *e)
{
	struct db *db = app_db(a);
	struct member *members = NULL;
	struct receipt *receipts = NULL;
	struct payment_record *pays = NULL;
	size_t n_members = 0, n_receipts = 0, n_pays = 0;
	enum status rc = db_members(db, &members, &n_members, e);
	if (rc == ST_OK)
		rc = db_receipts(db, &receipts, &n_receipts, e);
	if (rc == ST_OK)
		rc = db_report_payments(db, date_year_start(year), date_year_end(year), &pays, &n_pays, e);
	if (rc == ST_OK) {
		qsort(members, n_members, sizeof *members, member_cmp);
		b->members = members;
		b->n_members = n_members;
		add_receipts(b, receipts, n_receipts, year);
		add_dists(b, db, year, e);
		add_payments(b, pays, n_pays);
		rc = b->rc;
		if (rc == ST_NOMEM || rc == ST_OVERFLOW)
			rc = rc == ST_NOMEM ? err_set(e, ST_NOMEM, NULL) : reports_overflow(e);
	}
	member_list_free(members, n_members);
	receipt_list_free(receipts, n_receipts);
	payment_record_list_free(pays, n_pays);
	return rc;
}

enum status app_fec(struct app *a, int year, struct rep_fec *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	struct practice pr;
	enum status rc = app_practice(a, &pr, e);
	if (rc != ST_OK)
		return rc;
	out->siren = pr.v[PRACTICE_SIREN];
	pr.v[PRACTICE_SIREN] = NULL;
	practice_fini(&pr);
	struct fec_build b = { .cfg = app_config(a), .rc = ST_OK };
	if ((rc = db_begin_read(app_db(a), e)) == ST_OK) {
		rc = read_year(a, year, &b, e);
		db_end_read(app_db(a));
	}
	if (b.n)   /* qsort wants an array, even of none */
		qsort(b.v, b.n, sizeof *b.v, item_cmp);
	if (rc == ST_OK && b.n && !array_grow(&out->v, NULL, b.n, sizeof *out->v))
		rc = err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; i < b.n; i++) {
		if (rc == ST_OK) {
			out->v[out->n++] = b.v[i].x;
		} else {
			struct rep_fec one = { .v = &b.v[i].x, .n = 1 };
			rep_fec_fini(&one);
		}
	}
	free(b.v);
	if (rc != ST_OK)
		rep_fec_fini(out);
	return rc;
}
