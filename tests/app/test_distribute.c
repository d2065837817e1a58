/* test_distribute.c: dividing the demo's receipts (preview, drafts, approval,
 * true-up, reversal, payments, refusals), and five pools of five bases checked
 * to the cent against an exact rational computation done by the test. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"
#include "quotepart/app_reports.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/rat.h"
#include "quotepart/text.h"

#include "support.h"
#include "support_sqlite.h"


static void setup(void)
{
	support_setup("dist");
	/* Approvals and payments may not be dated after today: fix it. */
	setenv("QUOTEPART_TODAY", "2026-06-30", 1);
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(distribute, .init = setup, .fini = teardown);

static int32_t day(int y, int m, int d)
{
	int32_t v = 0;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK, "%d-%d-%d", y, m, d);
	return v;
}

static struct app *open_new(const char *name)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/%s", tmpdir, name);
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(b.s, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	sb_fini(&b);
	return a;
}

/* The demo practice with the example keys, as `quotepart demo` makes it. */
static struct app *demo(void)
{
	struct app *a = open_new("demo.db");
	struct err e = ERR_INIT;
	size_t n = 0;
	cr_assert_eq(app_demo(a, &e), ST_OK, "app_demo: %s", err_text(&e));
	cr_assert_eq(app_key_examples(a, &n, &e), ST_OK, "keys: %s", err_text(&e));
	cr_assert_eq(n, 4);
	return a;
}

static int64_t count(struct app *a, const char *table)
{
	int64_t n = -1;
	struct err e = ERR_INIT;
	cr_assert_eq(db_count(app_db(a), table, &n, &e), ST_OK, "%s", err_text(&e));
	return n;
}

static int64_t lines_sum(const struct distribution *d)
{
	int64_t s = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		s += d->lines[i].cents;
	return s;
}

static int64_t receipt_amount(struct app *a, const char *ref)
{
	struct receipt r;
	struct err e = ERR_INIT;
	cr_assert_eq(db_receipt_find(app_db(a), ref, &r, &e), ST_OK, "%s", err_text(&e));
	int64_t v = r.amount;
	receipt_fini(&r);
	return v;
}

/* Distribute, expecting success; the distribution is returned filled. */
static void dist_ok(struct app *a, const char *receipt, const char *key, bool dry,
                    bool true_up, struct distribution *d)
{
	struct app_dist_request rq = { .receipt = receipt, .key = key, .dry_run = dry, .true_up = true_up };
	struct err e = ERR_INIT;
	enum status rc = app_distribute(a, &rq, d, &e);
	cr_assert_eq(rc, ST_OK, "distribute %s with %s: %s", receipt, key, err_text(&e));
	err_fini(&e);
}

/* Distribute, expecting a refusal with `words` in the message and no
 * change to the database. */
static void dist_refused(struct app *a, const char *receipt, const char *key, bool dry,
                         bool true_up, enum status want, const char *words)
{
	int64_t dists = count(a, "distributions"), audit = count(a, "audit");
	struct app_dist_request rq = { .receipt = receipt, .key = key, .dry_run = dry, .true_up = true_up };
	struct err e = ERR_INIT;
	struct distribution d;
	enum status rc = app_distribute(a, &rq, &d, &e);
	cr_assert_eq(rc, want, "distribute %s with %s: status %d, want %d: %s", receipt, key, (int)rc,
	             (int)want, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
	cr_assert_eq(count(a, "distributions"), dists);
	cr_assert_eq(count(a, "audit"), audit);
}

/* Approve on 10 May 2025, or on the day the receipt came when later (an
 * approval is never dated before its receipt). */
static void approve_ok(struct app *a, int64_t id)
{
	struct err e = ERR_INIT;
	struct distribution d;
	struct receipt r;
	cr_assert_eq(db_dist_get(app_db(a), id, &d, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_receipt_get(app_db(a), d.receipt_id, &r, &e), ST_OK, "%s", err_text(&e));
	int32_t on = r.received > day(2025, 5, 10) ? r.received : day(2025, 5, 10);
	receipt_fini(&r);
	distribution_fini(&d);
	cr_assert_eq(app_approve(a, id, on, "AG du 10 mai 2025", &e), ST_OK,
	             "approve D%" PRId64 ": %s", id, err_text(&e));
}

/* Distribute with a key and approve at once; returns the id. */
static int64_t dist_approved(struct app *a, const char *receipt, const char *key, bool true_up)
{
	struct distribution d;
	dist_ok(a, receipt, key, false, true_up, &d);
	int64_t id = d.id;
	distribution_fini(&d);
	approve_ok(a, id);
	return id;
}

static struct distribution load(struct app *a, int64_t id)
{
	struct distribution d;
	struct err e = ERR_INIT;
	cr_assert_eq(db_dist_get(app_db(a), id, &d, &e), ST_OK, "%s", err_text(&e));
	return d;
}

/* Each line is the floor or the ceiling of its exact share (ALLOCATION.md
 * step 5), and the leftover flag says which. */
static void floor_or_ceiling(const struct distribution *d)
{
	for (size_t i = 0; i < d->n_lines; i++) {
		const struct dist_line *l = &d->lines[i];
		struct rat x;
		cr_assert(rat_parse(l->exact, &x), "line %zu: exact \"%s\"", i, l->exact);
		i128 fl = x.num / x.den;
		if (x.num < 0 && fl * x.den != x.num)
			fl--;
		bool whole = fl * x.den == x.num;
		if (whole)
			cr_assert_eq(l->share, (int64_t)fl, "line %zu %s: %" PRId64 " for exactly %s", i,
			             l->recipient, l->share, l->exact);
		else
			cr_assert(l->share == (int64_t)fl + (l->leftover ? 1 : 0), "line %zu %s: %" PRId64
			          " cents for %s (leftover %d)", i, l->recipient, l->share, l->exact,
			          (int)l->leftover);
	}
}

static const struct dist_line *line_of(const struct distribution *d, enum line_kind kind,
                                       const char *label, const char *recipient)
{
	for (size_t i = 0; i < d->n_lines; i++)
		if (d->lines[i].kind == kind && strcmp(d->lines[i].label, label) == 0 &&
		    strcmp(d->lines[i].recipient, recipient) == 0)
			return &d->lines[i];
	return NULL;
}

/* A stored distribution equals the one computed. */
static void same_distribution(const struct distribution *a, const struct distribution *b)
{
	cr_assert_eq(a->amount, b->amount);
	cr_assert_eq(a->base, b->base);
	cr_assert_eq(a->reserved, b->reserved);
	cr_assert_eq(a->n_parts, b->n_parts);
	cr_assert_eq(a->n_lines, b->n_lines);
	for (size_t i = 0; i < a->n_lines; i++) {
		const struct dist_line *x = &a->lines[i], *y = &b->lines[i];
		cr_assert_str_eq(x->recipient, y->recipient, "line %zu", i);
		cr_assert_str_eq(x->label, y->label, "line %zu", i);
		cr_assert_eq(x->kind, y->kind, "line %zu", i);
		cr_assert_str_eq(x->value, y->value, "line %zu", i);
		cr_assert_str_eq(x->presence, y->presence, "line %zu", i);
		cr_assert_str_eq(x->weight, y->weight, "line %zu", i);
		cr_assert_str_eq(x->exact, y->exact, "line %zu", i);
		cr_assert_eq(x->factor, y->factor, "line %zu", i);
		cr_assert_eq(x->share, y->share, "line %zu", i);
		cr_assert_eq(x->before, y->before, "line %zu", i);
		cr_assert_eq(x->cents, y->cents, "line %zu", i);
		cr_assert_eq(x->leftover, y->leftover, "line %zu", i);
	}
}

/* app_check on the whole database must pass. */
static void check_passes(struct app *a)
{
	struct sbuf rep;
	sb_init(&rep);
	struct app_check_stats st;
	struct err e = ERR_INIT;
	enum status rc = app_check(a, &rep, &st, &e);
	cr_assert_eq(rc, ST_OK, "check: %s\n%s", err_text(&e), rep.s ? rep.s : "");
	err_fini(&e);
	free(st.audit_head);
	sb_fini(&rep);
}

/* ------------------------------------------------------------------ */

Test(distribute, dry_run_stores_nothing)
{
	struct app *a = demo();
	int64_t dists = count(a, "distributions"), audit = count(a, "audit");
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", true, false, &d);
	cr_assert_eq(count(a, "distributions"), dists);
	cr_assert_eq(count(a, "audit"), audit);
	cr_assert_eq(d.id, 0);
	cr_assert_eq(d.status, DIST_DRAFT);
	cr_assert_eq(d.mode, DIST_NORMAL);
	cr_assert_eq(d.amount, 4923600);
	cr_assert_eq(lines_sum(&d), 4923600);
	distribution_fini(&d);
	app_close(a);
}

/* The ACI key on the 49 236,00 € advance, by hand:
 * coordinator post 18 000,00; operating 10 % = 4 923,60;
 * R = 49 236,00 - 22 923,60 = 26 312,40; 30 % = 7 893,72, 70 % = 18 418,68. */
Test(distribute, aci_advance_parts_by_hand)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	cr_assert_eq(d.reserved, 1800000 + 492360);
	cr_assert_eq(d.n_parts, 4);
	const int64_t want[] = { 1800000, 492360, 789372, 1841868 };
	const char *labels[] = { "Coordinator post", "Operating costs", "Equal share", "Involvement" };
	for (size_t i = 0; i < 4; i++) {
		cr_assert_str_eq(d.parts[i].label, labels[i]);
		cr_assert_eq(d.parts[i].amount, want[i], "%s: %" PRId64, labels[i], d.parts[i].amount);
		int64_t sum = 0;
		for (size_t j = 0; j < d.n_lines; j++)
			if (strcmp(d.lines[j].label, labels[i]) == 0)
				sum += d.lines[j].cents;
		cr_assert_eq(sum, want[i], "%s lines add up to %" PRId64, labels[i], sum);
	}
	const struct dist_line *l = line_of(&d, LINE_RESERVATION, "Coordinator post", "post:COORD");
	cr_assert_not_null(l);
	cr_assert_eq(l->cents, 1800000);
	/* Only the associates share the pools: not the salaried
	 * coordinator, not the external pharmacist. */
	cr_assert_null(line_of(&d, LINE_POOL, "Equal share", "BERNARD"));
	cr_assert_null(line_of(&d, LINE_POOL, "Equal share", "PETIT"));
	/* FAURE joined on 1 July: 184 days of 365. */
	l = line_of(&d, LINE_POOL, "Equal share", "FAURE");
	cr_assert_not_null(l);
	cr_assert_str_eq(l->presence, "184/365");
	floor_or_ceiling(&d);
	cr_assert_eq(lines_sum(&d), 4923600);
	struct distribution s = load(a, d.id);
	same_distribution(&d, &s);
	cr_assert_str_eq(s.key_name, "ACI");
	cr_assert_eq(s.key_version, 1);
	distribution_fini(&s);
	distribution_fini(&d);
	app_close(a);
}

/* Every example key on a receipt it fits: the lines add up to the
 * receipt, each the floor or the ceiling of its exact share. */
Test(distribute, lines_add_up_to_the_receipt)
{
	struct app *a = demo();
	const struct { const char *receipt, *key; } cases[] = {
		{ "ACI-2025-AV", "ACI" },
		{ "PEPS-2025-T1", "PEPS" },
		{ "PEPS-2025-T2", "Equal shares" },
		{ "IPEP-2025-AMORCAGE", "Hourly rates" },
		{ "FIR-2025-COORD", "Equal shares" },
		{ "ACI-2024-SOLDE", "Equal shares" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct distribution d;
		dist_ok(a, cases[i].receipt, cases[i].key, false, false, &d);
		int64_t amount = receipt_amount(a, cases[i].receipt);
		cr_assert_eq(lines_sum(&d), amount, "%s: %" PRId64 " != %" PRId64, cases[i].receipt,
		             lines_sum(&d), amount);
		floor_or_ceiling(&d);
		struct distribution s = load(a, d.id);
		cr_assert_eq(lines_sum(&s), amount);
		same_distribution(&d, &s);
		distribution_fini(&s);
		distribution_fini(&d);
	}
	cr_assert_eq(count(a, "distributions"), 6);
	app_close(a);
}

Test(distribute, saved_draft_replaces_previous)
{
	struct app *a = demo();
	struct distribution d1, d2;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d1);
	dist_ok(a, "ACI-2025-AV", "Equal shares", false, false, &d2);
	cr_assert_eq(count(a, "distributions"), 1);
	int64_t id = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_dist_resolve(a, "ACI-2025-AV", false, &id, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(id, d2.id);
	struct distribution s = load(a, id);
	cr_assert_str_eq(s.key_name, "Equal shares");
	cr_assert_null(line_of(&s, LINE_RESERVATION, "Coordinator post", "post:COORD"));
	same_distribution(&d2, &s);
	distribution_fini(&s);
	distribution_fini(&d1);
	distribution_fini(&d2);
	app_close(a);
}

Test(distribute, approved_receipt_not_divided_again)
{
	struct app *a = demo();
	int64_t id = dist_approved(a, "ACI-2025-AV", "ACI", false);
	struct distribution before = load(a, id);
	dist_refused(a, "ACI-2025-AV", "ACI", false, false, ST_REFUSED, "already has an approved distribution");
	dist_refused(a, "ACI-2025-AV", "Equal shares", true, false, ST_REFUSED, "already has an approved distribution");
	struct distribution after = load(a, id);
	cr_assert_eq(after.status, DIST_APPROVED);
	cr_assert_eq(after.approved_on, day(2025, 5, 10));
	cr_assert_str_eq(after.approved_note, "AG du 10 mai 2025");
	same_distribution(&before, &after);
	distribution_fini(&before);
	distribution_fini(&after);
	/* Resolving the receipt: no draft any more, but its latest. */
	int64_t got = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_dist_resolve(a, "ACI-2025-AV", false, &got, &e), ST_NOTFOUND);
	err_fini(&e);
	cr_assert_eq(app_dist_resolve(a, "ACI-2025-AV", true, &got, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(got, id);
	char dn[32];
	snprintf(dn, sizeof dn, "D%" PRId64, id);
	cr_assert_eq(app_dist_resolve(a, dn, false, &got, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(got, id);
	app_close(a);
}

Test(distribute, approve_twice_frozen)
{
	struct app *a = demo();
	int64_t id = dist_approved(a, "PEPS-2025-T1", "PEPS", false);
	int64_t audit = count(a, "audit");
	struct err e = ERR_INIT;
	enum status rc = app_approve(a, id, day(2025, 6, 1), "again", &e);
	cr_assert_eq(rc, ST_FROZEN, "status %d: %s", (int)rc, err_text(&e));
	err_fini(&e);
	cr_assert_eq(count(a, "audit"), audit);
	struct distribution d = load(a, id);
	cr_assert_eq(d.approved_on, day(2025, 5, 10));
	distribution_fini(&d);
	app_close(a);
}

Test(distribute, approve_note_with_control_character_refused)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "PEPS-2025-T1", "PEPS", false, false, &d);
	struct err e = ERR_INIT;
	cr_assert_eq(app_approve(a, d.id, day(2025, 5, 10), "AG\x1b[2J", &e), ST_INVALID, "%s", err_text(&e));
	err_fini(&e);
	struct distribution s = load(a, d.id);
	cr_assert_eq(s.status, DIST_DRAFT);
	distribution_fini(&s);
	distribution_fini(&d);
	app_close(a);
}

Test(distribute, true_up_needs_the_advance_approved)
{
	struct app *a = demo();
	dist_refused(a, "ACI-2025-SOLDE", "ACI", false, true, ST_REFUSED, "ACI-2025-AV");
	dist_refused(a, "ACI-2025-SOLDE", "ACI", true, true, ST_REFUSED, "ACI-2025-AV");
	/* A draft of the advance is not enough. */
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	dist_refused(a, "ACI-2025-SOLDE", "ACI", false, true, ST_REFUSED, "ACI-2025-AV");
	approve_ok(a, d.id);
	struct distribution av = load(a, d.id);
	distribution_fini(&d);

	struct distribution t;
	dist_ok(a, "ACI-2025-SOLDE", "ACI", false, true, &t);
	cr_assert_eq(t.mode, DIST_TRUE_UP);
	cr_assert_eq(t.amount, 3317747);
	cr_assert_eq(t.base, 4923600 + 3317747);
	cr_assert_eq(lines_sum(&t), 3317747, "lines add up to %" PRId64, lines_sum(&t));
	int64_t shares = 0, befores = 0;
	size_t matched = 0;
	for (size_t i = 0; i < t.n_lines; i++) {
		const struct dist_line *l = &t.lines[i];
		shares += l->share;
		befores += l->before;
		cr_assert_eq(l->cents, l->share - l->before);
		const struct dist_line *g = line_of(&av, l->kind, l->label, l->recipient);
		cr_assert_eq(l->before, g ? g->cents : 0, "%s %s: before %" PRId64 ", the advance gave %" PRId64,
		             l->label, l->recipient, l->before, g ? g->cents : 0);
		matched += g != NULL && g->cents != 0;
	}
	cr_assert_eq(shares, t.base);
	cr_assert_eq(befores, 4923600);
	cr_assert_geq(matched, 10, "only %zu lines matched the advance", matched);
	/* By hand: the post is paid in full by the advance; operating costs
	 * are 10 % of the total, 824 134 cents, 492 360 already given. */
	const struct dist_line *l = line_of(&t, LINE_RESERVATION, "Coordinator post", "post:COORD");
	cr_assert_not_null(l);
	cr_assert_eq(l->share, 1800000);
	cr_assert_eq(l->before, 1800000);
	cr_assert_eq(l->cents, 0);
	l = line_of(&t, LINE_RESERVATION, "Operating costs", "operating");
	cr_assert_not_null(l);
	cr_assert_eq(l->share, 824134);
	cr_assert_eq(l->before, 492360);
	cr_assert_eq(l->cents, 331774);
	/* MARTIN's balance line: her share of the year minus the advance. */
	l = line_of(&t, LINE_POOL, "Equal share", "MARTIN");
	const struct dist_line *g = line_of(&av, LINE_POOL, "Equal share", "MARTIN");
	cr_assert(l && g);
	cr_assert_eq(l->before, g->cents);
	cr_assert_gt(l->before, 0);
	struct distribution s = load(a, t.id);
	same_distribution(&t, &s);
	distribution_fini(&s);
	check_passes(a);
	approve_ok(a, t.id);
	check_passes(a);
	distribution_fini(&t);
	distribution_fini(&av);
	app_close(a);
}

Test(distribute, true_up_dry_run_stores_nothing)
{
	struct app *a = demo();
	dist_approved(a, "ACI-2025-AV", "ACI", false);
	int64_t dists = count(a, "distributions"), audit = count(a, "audit");
	struct distribution t;
	dist_ok(a, "ACI-2025-SOLDE", "ACI", true, true, &t);
	cr_assert_eq(t.id, 0);
	cr_assert_eq(lines_sum(&t), 3317747);
	cr_assert_eq(count(a, "distributions"), dists);
	cr_assert_eq(count(a, "audit"), audit);
	distribution_fini(&t);
	app_close(a);
}

/* Once the balance's true-up is approved, the balance is divided: a second
 * true-up of the same receipt would pay it out twice. */
Test(distribute, approved_true_up_not_divided_again)
{
	struct app *a = demo();
	dist_approved(a, "ACI-2025-AV", "ACI", false);
	dist_approved(a, "ACI-2025-SOLDE", "ACI", true);
	dist_refused(a, "ACI-2025-SOLDE", "ACI", false, true, ST_REFUSED, "already has an approved distribution");
	dist_refused(a, "ACI-2025-SOLDE", "ACI", false, false, ST_REFUSED, "already has an approved distribution");
	app_close(a);
}

/* A true-up with another key than the advance's: what the advance gave for
 * parts this key does not have comes back as negative lines, and the
 * lines still add up to the balance. */
Test(distribute, true_up_with_another_key_has_negative_lines)
{
	struct app *a = demo();
	int64_t av = dist_approved(a, "ACI-2025-AV", "ACI", false);
	struct distribution t;
	dist_ok(a, "ACI-2025-SOLDE", "Equal shares", false, true, &t);
	cr_assert_eq(lines_sum(&t), 3317747);
	const struct dist_line *l = line_of(&t, LINE_RESERVATION, "Coordinator post", "post:COORD");
	cr_assert_not_null(l, "the advance's reservation has no line in the true-up");
	cr_assert_eq(l->share, 0);
	cr_assert_eq(l->before, 1800000);
	cr_assert_eq(l->cents, -1800000);
	size_t negative = 0;
	for (size_t i = 0; i < t.n_lines; i++)
		negative += t.lines[i].cents < 0;
	cr_assert_geq(negative, 3);
	struct distribution s = load(a, t.id);
	same_distribution(&t, &s);
	distribution_fini(&s);
	check_passes(a);
	approve_ok(a, t.id);
	check_passes(a);
	distribution_fini(&t);
	(void)av;
	app_close(a);
}

static void add_receipt_of(struct app *a, const char *ref, const char *kind, const char *exercise,
                           int64_t amount)
{
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	struct receipt r = {
		.source = (char *)"ACI", .kind = (char *)kind, .exercise = (char *)exercise,
		.start = day(2025, 1, 1), .end = day(2025, 12, 31), .received = day(2025, 9, 1),
		.amount = amount, .reference = (char *)ref,
	};
	cr_assert_eq(db_begin(db, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_receipt_put(db, &r, NULL, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_audit(db, "test", ref, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_commit(db, &e), ST_OK, "%s", err_text(&e));
}

static void add_receipt(struct app *a, const char *ref, int64_t amount)
{
	add_receipt_of(a, ref, "other", "2025", amount);
}

/* An ACI balance can be negative (the advance was too high): it is divided
 * only by true-up, and its lines, some negative, add up to it. */
Test(distribute, negative_balance_true_up)
{
	struct app *a = demo();
	add_receipt_of(a, "ACI-2026-AV", "advance", "2026", 1000000);
	add_receipt_of(a, "ACI-2026-SOLDE", "balance", "2026", -200000);
	dist_refused(a, "ACI-2026-SOLDE", "Equal shares", false, false, ST_REFUSED, "--true-up");
	int64_t av = dist_approved(a, "ACI-2026-AV", "Equal shares", false);
	struct distribution adv = load(a, av);
	struct distribution t;
	dist_ok(a, "ACI-2026-SOLDE", "Equal shares", false, true, &t);
	cr_assert_eq(t.base, 800000);
	cr_assert_eq(lines_sum(&t), -200000);
	size_t negative = 0;
	for (size_t i = 0; i < t.n_lines; i++) {
		const struct dist_line *l = &t.lines[i];
		const struct dist_line *g = line_of(&adv, l->kind, l->label, l->recipient);
		cr_assert_eq(l->before, g ? g->cents : 0);
		negative += l->cents < 0;
	}
	cr_assert_geq(negative, 5);
	approve_ok(a, t.id);
	check_passes(a);
	distribution_fini(&t);
	distribution_fini(&adv);
	app_close(a);
}

/* A true-up drafted, then another receipt of the exercise divided and
 * approved first: the draft no longer balances the exercise and approving
 * it is refused until it is computed again. */
Test(distribute, stale_true_up_refused)
{
	struct app *a = demo();
	dist_approved(a, "ACI-2025-AV", "ACI", false);
	struct distribution t;
	dist_ok(a, "ACI-2025-SOLDE", "ACI", false, true, &t);
	add_receipt(a, "ACI-2025-EXTRA", 100000);
	dist_approved(a, "ACI-2025-EXTRA", "Equal shares", false);

	int64_t audit = count(a, "audit");
	struct err e = ERR_INIT;
	enum status rc = app_approve(a, t.id, day(2026, 5, 1), NULL, &e);
	cr_assert_eq(rc, ST_REFUSED, "approving a stale true-up: status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "out of date"), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(count(a, "audit"), audit);
	struct distribution s = load(a, t.id);
	cr_assert_eq(s.status, DIST_DRAFT);
	distribution_fini(&s);
	distribution_fini(&t);

	/* Computed again, it accounts for both and can be approved. */
	dist_ok(a, "ACI-2025-SOLDE", "ACI", false, true, &t);
	cr_assert_eq(t.base, 4923600 + 100000 + 3317747);
	cr_assert_eq(lines_sum(&t), 3317747);
	approve_ok(a, t.id);
	check_passes(a);
	distribution_fini(&t);
	app_close(a);
}

Test(distribute, pay)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	size_t n = 99;
	struct err e = ERR_INIT;
	cr_assert_eq(app_pay(a, d.id, NULL, day(2025, 5, 20), "virement", &n, &e), ST_REFUSED, "%s", err_text(&e));
	cr_assert(strstr(err_text(&e), "draft"), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(n, 0);
	approve_ok(a, d.id);

	size_t nonzero = 0, martin = 0;
	for (size_t i = 0; i < d.n_lines; i++) {
		nonzero += d.lines[i].cents != 0;
		martin += strcmp(d.lines[i].recipient, "MARTIN") == 0 && d.lines[i].cents != 0;
	}
	cr_assert_eq(martin, 2);
	int64_t audit = count(a, "audit");
	cr_assert_eq(app_pay(a, d.id, "MARTIN", day(2025, 5, 20), "virement", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, martin);
	cr_assert_eq(app_pay(a, d.id, "GHOST", day(2025, 5, 20), "virement", &n, &e), ST_NOTFOUND);
	err_fini(&e);
	cr_assert_eq(app_pay(a, d.id, NULL, day(2025, 5, 21), "chèque", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, nonzero - martin);
	cr_assert_eq(count(a, "audit"), audit + 2);
	/* Everything is paid now: nothing more to mark. */
	cr_assert_eq(app_pay(a, d.id, NULL, day(2025, 5, 22), "chèque", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 0);
	cr_assert_eq(app_pay(a, d.id, NULL, day(2025, 5, 22), "", &n, &e), ST_USAGE);
	err_fini(&e);

	struct distribution s = load(a, d.id);
	for (size_t i = 0; i < s.n_lines; i++) {
		const struct dist_line *l = &s.lines[i];
		if (l->cents == 0) {
			cr_assert_eq(l->paid_on, DATE_NONE);
			continue;
		}
		bool is_martin = strcmp(l->recipient, "MARTIN") == 0;
		cr_assert_eq(l->paid_on, is_martin ? day(2025, 5, 20) : day(2025, 5, 21), "%s", l->recipient);
		cr_assert_str_eq(l->means, is_martin ? "virement" : "chèque");
	}
	distribution_fini(&s);
	distribution_fini(&d);
	app_close(a);
}

static void save_key(struct app *a, const char *text)
{
	struct err e = ERR_INIT;
	char *name = NULL;
	cr_assert_eq(app_key_save_text(a, text, "test.cfg", &name, NULL, NULL, &e), ST_OK, "%s", err_text(&e));
	free(name);
}

Test(distribute, key_naming_unknown_accounts_refused)
{
	struct app *a = demo();
	save_key(a,
		"key: { name = \"Ghost post\";\n"
		"  reservations = ( { label = \"Nurse post\"; account = \"post:NOPE\"; amount = \"100.00\"; } );\n"
		"  pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };\n");
	save_key(a,
		"key: { name = \"Ghost member\";\n"
		"  reservations = ( { label = \"Bonus\"; account = \"member:GHOST\"; amount = \"100.00\"; } );\n"
		"  pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };\n");
	dist_refused(a, "FIR-2025-COORD", "Ghost post", false, false, ST_REFUSED, "NOPE");
	dist_refused(a, "FIR-2025-COORD", "Ghost post", true, false, ST_REFUSED, "Nurse post");
	dist_refused(a, "FIR-2025-COORD", "Ghost member", false, false, ST_REFUSED, "GHOST");
	dist_refused(a, "FIR-2025-COORD", "No such key", false, false, ST_NOTFOUND, "No such key");
	dist_refused(a, "NO-SUCH-RECEIPT", "ACI", false, false, ST_NOTFOUND, "NO-SUCH-RECEIPT");
	app_close(a);
}

Test(distribute, refusals_of_the_engine_store_nothing)
{
	struct app *a = demo();
	/* Reservations above the 20 000,00 € of the IPEP receipt. */
	save_key(a,
		"key: { name = \"Too much\";\n"
		"  reservations = ( { label = \"Big post\"; account = \"post:COORD\"; amount = \"25000.00\"; } );\n"
		"  pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };\n");
	dist_refused(a, "IPEP-2025-AMORCAGE", "Too much", false, false, ST_REFUSED, "Big post");
	/* No dentist in the demo practice. */
	save_key(a,
		"key: { name = \"Dentists\";\n"
		"  pools = ( { label = \"Dental pool\"; rate = 100.0; basis = \"equal\"; professions = [ \"dentist\" ]; } ); };\n");
	dist_refused(a, "IPEP-2025-AMORCAGE", "Dentists", false, false, ST_REFUSED, "Dental pool");
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Corrections: an approved distribution is reversed by its exact
 * negation; once that is approved the receipt can be divided anew. */

static int64_t reverse_ok(struct app *a, int64_t id)
{
	int64_t rid = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_reverse(a, id, &rid, &e), ST_OK, "reverse D%" PRId64 ": %s", id, err_text(&e));
	cr_assert_gt(rid, 0);
	return rid;
}

static void reverse_refused(struct app *a, int64_t id, const char *words)
{
	int64_t dists = count(a, "distributions"), audit = count(a, "audit"), rid = 7;
	struct err e = ERR_INIT;
	enum status rc = app_reverse(a, id, &rid, &e);
	cr_assert_eq(rc, ST_REFUSED, "reverse D%" PRId64 ": status %d: %s", id, (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	cr_assert_eq(rid, 0);
	err_fini(&e);
	cr_assert_eq(count(a, "distributions"), dists);
	cr_assert_eq(count(a, "audit"), audit);
}

Test(distribute, reverse_then_divide_again)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	reverse_refused(a, d.id, "draft");
	approve_ok(a, d.id);
	struct distribution orig = load(a, d.id);
	distribution_fini(&d);

	int64_t rev = reverse_ok(a, orig.id);
	reverse_refused(a, orig.id, "already reversed");
	/* While the reversal is a draft, the receipt stays divided. */
	dist_refused(a, "ACI-2025-AV", "Equal shares", false, false, ST_REFUSED, "approved distribution");
	struct distribution r = load(a, rev);
	cr_assert_eq(r.mode, DIST_REVERSAL);
	cr_assert_eq(r.status, DIST_DRAFT);
	cr_assert_eq(r.reverses, orig.id);
	cr_assert_eq(r.receipt_id, orig.receipt_id);
	cr_assert_eq(r.amount, -4923600);
	cr_assert_eq(lines_sum(&r), -4923600);
	cr_assert_eq(r.n_lines, orig.n_lines);
	for (size_t i = 0; i < r.n_lines; i++) {
		cr_assert_str_eq(r.lines[i].recipient, orig.lines[i].recipient);
		cr_assert_str_eq(r.lines[i].label, orig.lines[i].label);
		cr_assert_eq(r.lines[i].cents, -orig.lines[i].cents);
		cr_assert_eq(r.lines[i].share, -orig.lines[i].share);
	}
	check_passes(a);
	approve_ok(a, rev);
	reverse_refused(a, rev, "itself a reversal");
	check_passes(a);

	/* Divided anew with another key. */
	int64_t again = dist_approved(a, "ACI-2025-AV", "Equal shares", false);
	struct distribution n = load(a, again);
	cr_assert_eq(lines_sum(&n), 4923600);
	distribution_fini(&n);
	dist_refused(a, "ACI-2025-AV", "ACI", true, false, ST_REFUSED, "approved distribution");
	check_passes(a);
	distribution_fini(&r);
	distribution_fini(&orig);
	app_close(a);
}

/* After a correction of the advance, the balance is trued up against what
 * the advance gives in the end: the reversed lines net out. */
Test(distribute, true_up_after_reversed_advance)
{
	struct app *a = demo();
	int64_t first = dist_approved(a, "ACI-2025-AV", "ACI", false);
	approve_ok(a, reverse_ok(a, first));
	int64_t second = dist_approved(a, "ACI-2025-AV", "Equal shares", false);
	struct distribution av = load(a, second);

	struct distribution t;
	dist_ok(a, "ACI-2025-SOLDE", "Equal shares", false, true, &t);
	cr_assert_eq(t.base, 4923600 + 3317747);
	cr_assert_eq(lines_sum(&t), 3317747);
	int64_t befores = 0;
	for (size_t i = 0; i < t.n_lines; i++) {
		const struct dist_line *l = &t.lines[i];
		const struct dist_line *g = line_of(&av, l->kind, l->label, l->recipient);
		cr_assert_eq(l->before, g ? g->cents : 0, "%s %s: before %" PRId64, l->label, l->recipient, l->before);
		befores += l->before;
	}
	cr_assert_eq(befores, 4923600);
	approve_ok(a, t.id);
	check_passes(a);
	distribution_fini(&t);
	distribution_fini(&av);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Five pools, five bases, members joining and leaving: every cent checked
 * against an exact computation done here from the data this test wrote,
 * with its own weights, 128-bit arithmetic and largest remainders. */

#define NPOOLS 5

struct fm {
	const char *code, *profession, *status;
	int jy, jm, jd;   /* joined */
	int ly, lm, ld;   /* left; ly 0: still there */
	int fte;
	int64_t points;   /* hundredths, as in the key below */
};

static const struct fm five_members[] = {
	{ "GP_A", "gp", "associate", 2015, 1, 1, 0, 0, 0, 100, 300 },
	{ "GP_B", "gp", "associate", 2025, 3, 15, 0, 0, 0, 80, 150 },          /* joins */
	{ "GP_C", "gp", "associate", 2019, 5, 1, 2025, 8, 31, 60, 0 },         /* leaves */
	{ "IDE_A", "nurse", "associate", 2018, 1, 1, 0, 0, 0, 100, 225 },
	{ "IDE_B", "nurse", "associate", 2025, 10, 1, 0, 0, 0, 50, 0 },        /* joins late */
	{ "KINE", "physio", "associate", 2016, 1, 1, 2025, 2, 28, 100, 75 },   /* leaves early */
	{ "PSY", "psychologist", "associate", 2021, 1, 1, 0, 0, 0, 30, 100 },  /* no hourly rate */
	{ "ONE", "midwife", "associate", 2025, 6, 15, 2025, 6, 15, 100, 400 }, /* one day */
	{ "SEC", "secretary", "salaried", 2010, 1, 1, 0, 0, 0, 100, 0 },
	{ "OLD", "gp", "associate", 2010, 1, 1, 2024, 12, 31, 100, 900 },      /* gone before */
	{ "NEW", "nurse", "associate", 2026, 1, 2, 0, 0, 0, 100, 0 },          /* comes after */
};
#define NFM (sizeof five_members / sizeof five_members[0])

static const char five_key[] =
	"key:\n{\n  name = \"Five\";\n"
	"  reservations = (\n"
	"    { label = \"Coordination\"; account = \"post:COORD\"; amount = \"1 234,56\"; },\n"
	"    { label = \"Costs\"; account = \"operating\"; rate = 7.77; }\n"
	"  );\n"
	"  pools = (\n"
	"    { label = \"Equal\"; rate = 17.33; basis = \"equal\"; prorata = true; statuses = [ \"associate\" ]; },\n"
	"    { label = \"Time\"; rate = 23.17; basis = \"fte\"; prorata = true; statuses = [ \"associate\" ]; },\n"
	"    { label = \"Patients\"; rate = 29.5; basis = \"patients\"; at = \"average\"; professions = [ \"gp\" ]; },\n"
	"    { label = \"Hours\"; rate = 19.99; basis = \"hours\"; statuses = [ \"associate\" ];\n"
	"      kinds = [ \"RCP\", \"protocol\" ];\n"
	"      rates = { gp = 80.0; nurse = 50.0; physio = 45.5; midwife = 61.25; }; },\n"
	"    { label = \"Points\"; rate = 10.01; basis = \"points\"; prorata = true; statuses = [ \"associate\" ];\n"
	"      points = { GP_A = 3.0; GP_B = 1.5; IDE_A = 2.25; PSY = 1.0; KINE = 0.75; ONE = 4.0; OLD = 9.0; }; }\n"
	"  );\n};\n";
static const int32_t pool_bp[NPOOLS] = { 1733, 2317, 2950, 1999, 1001 };

static int64_t hourly_rate(const char *profession)
{
	static const struct { const char *p; int64_t r; } rates[] = {
		{ "gp", 8000 }, { "nurse", 5000 }, { "physio", 4550 }, { "midwife", 6125 },
	};
	for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++)
		if (strcmp(rates[i].p, profession) == 0)
			return rates[i].r;
	return 0;
}

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int64_t rng_range(uint64_t *s, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

/* Largest remainder, written again from ALLOCATION.md step 5: floors, then
 * one cent each to the largest P*w mod W, ties to the smaller `order`. */
static void expect_apportion(int64_t p, const i128 *w, const int *order, size_t n,
                             int64_t *out, bool *left)
{
	i128 W = 0;
	for (size_t i = 0; i < n; i++)
		W += w[i];
	cr_assert_gt(W, 0);
	i128 *rem = calloc(n, sizeof *rem);
	int64_t given = 0;
	for (size_t i = 0; i < n; i++) {
		out[i] = (int64_t)((i128)p * w[i] / W);
		rem[i] = (i128)p * w[i] % W;
		left[i] = false;
		given += out[i];
	}
	for (int64_t k = 0; k < p - given; k++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			if (left[i])
				continue;
			if (best == n || rem[i] > rem[best] || (rem[i] == rem[best] && order[i] < order[best]))
				best = i;
		}
		cr_assert_lt(best, n);
		out[best]++;
		left[best] = true;
	}
	free(rem);
}

static bool five_eligible(size_t pool, const struct fm *m)
{
	if (pool == 2)
		return strcmp(m->profession, "gp") == 0;
	return strcmp(m->status, "associate") == 0;
}

static void five_round(uint64_t seed, int round)
{
	uint64_t rng = seed;
	char name[32];
	snprintf(name, sizeof name, "five%d.db", round);
	struct app *a = open_new(name);
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	cr_assert_eq(app_init(a, "Five pools", &e), ST_OK, "%s", err_text(&e));
	const int32_t start = day(2025, 1, 1), end = day(2025, 12, 31);

	int32_t joined[NFM], left[NFM];
	int64_t active[NFM], patient_days[NFM], hours[NFM];
	cr_assert_eq(db_begin(db, &e), ST_OK, "%s", err_text(&e));
	for (size_t i = 0; i < NFM; i++) {
		const struct fm *f = &five_members[i];
		joined[i] = day(f->jy, f->jm, f->jd);
		left[i] = f->ly ? day(f->ly, f->lm, f->ld) : DATE_NONE;
		struct member m = {
			.code = (char *)f->code, .name = (char *)f->code, .profession = (char *)f->profession,
			.status = (char *)f->status, .joined = joined[i], .left = left[i], .fte = f->fte,
		};
		cr_assert_eq(db_member_put(db, &m, NULL, &e), ST_OK, "%s: %s", f->code, err_text(&e));
		/* Days active inside the period, inclusive at both ends. */
		int64_t from = joined[i] > start ? joined[i] : start;
		int64_t to = left[i] < end ? left[i] : end;
		active[i] = to >= from ? to - from + 1 : 0;
		patient_days[i] = hours[i] = 0;
	}
	cr_assert_eq(active[7], 1, "ONE is there one day");
	struct post post = { .code = (char *)"COORD", .label = (char *)"Coordination", .holder = (char *)"SEC",
	                     .fte = 100, .yearly_cost = 4000000, .start = day(2020, 1, 1), .end = DATE_NONE };
	cr_assert_eq(db_post_put(db, &post, NULL, &e), ST_OK, "%s", err_text(&e));

	/* Patients of the GPs (and a few of a nurse, which no pool counts):
	 * enrolled before, during or after the period, leaving or not. */
	const size_t gps[] = { 0, 1, 2, 9, 3 };
	int npat = (int)rng_range(&rng, 150, 400);
	for (int k = 0; k < npat; k++) {
		size_t g = gps[rng_range(&rng, 0, 4)];
		int32_t in = (int32_t)rng_range(&rng, day(2023, 1, 1), day(2026, 3, 1));
		int32_t out = rng_range(&rng, 0, 2) == 0 ? DATE_NONE : in + (int32_t)rng_range(&rng, 0, 600);
		if (k == 0) {   /* GP_A always has a patient all year */
			g = 0;
			in = day(2024, 6, 1);
			out = DATE_NONE;
		}
		char code[16];
		snprintf(code, sizeof code, "PAT%04d", k);
		struct patient p = { .code = code, .gp = (char *)five_members[g].code, .enrolled = in,
		                     .left = out, .birth_year = 1950 + k % 60, .sex = k % 2 ? 'F' : 'M',
		                     .ald = (char *)"" };
		cr_assert_eq(db_patient_put(db, &p, &e), ST_OK, "%s", err_text(&e));
		int64_t from = in > start ? in : start;
		int64_t to = out < end ? out : end;
		if (to >= from)
			patient_days[g] += to - from + 1;
	}

	/* Hours of every kind, some outside the period, for everyone. */
	static const char *const kinds[] = { "RCP", "protocol", "meeting", "coordination" };
	int nact = (int)rng_range(&rng, 100, 300);
	for (int k = 0; k < nact; k++) {
		size_t mi = (size_t)rng_range(&rng, 0, NFM - 1);
		const char *kind = kinds[rng_range(&rng, 0, 3)];
		int32_t on = (int32_t)rng_range(&rng, day(2024, 11, 1), day(2026, 2, 28));
		int64_t h = rng_range(&rng, 25, 400);
		if (k == 0) {
			mi = 0;
			kind = "RCP";
			on = day(2025, 6, 1);
		}
		struct activity ac = { .member = (char *)five_members[mi].code, .date = on,
		                       .kind = (char *)kind, .hours = h };
		cr_assert_eq(db_activity_add(db, &ac, &e), ST_OK, "%s", err_text(&e));
		if (on >= start && on <= end && (strcmp(kind, "RCP") == 0 || strcmp(kind, "protocol") == 0))
			hours[mi] += h;
	}
	int64_t amount = round == 0 ? 9876543 : rng_range(&rng, 1000000, 900000000);
	struct receipt r = { .source = (char *)"ACI", .kind = (char *)"advance", .exercise = (char *)"2025",
	                     .start = start, .end = end, .received = day(2025, 4, 28), .amount = amount,
	                     .reference = (char *)"FIVE" };
	cr_assert_eq(db_receipt_put(db, &r, NULL, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_audit(db, "test", "five pools", &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_commit(db, &e), ST_OK, "%s", err_text(&e));
	save_key(a, five_key);

	struct distribution got;
	dist_ok(a, "FIVE", "Five", false, false, &got);
	struct distribution d = load(a, got.id);
	distribution_fini(&got);

	/* Expected, from the data above. Reservations first. */
	int64_t res_fixed = 123456;
	int64_t res_rate = (int64_t)((i128)amount * 777 / 10000);
	int64_t R = amount - res_fixed - res_rate;
	const struct dist_line *l = line_of(&d, LINE_RESERVATION, "Coordination", "post:COORD");
	cr_assert(l && l->cents == res_fixed, "fixed reservation");
	l = line_of(&d, LINE_RESERVATION, "Costs", "operating");
	cr_assert(l && l->cents == res_rate, "rate reservation: %" PRId64 ", want %" PRId64,
	          l ? l->cents : -1, res_rate);

	/* Pools by their rates, ties to the pool listed first. */
	i128 pw[NPOOLS];
	int porder[NPOOLS];
	int64_t pool_amount[NPOOLS];
	bool pleft[NPOOLS];
	for (int p = 0; p < NPOOLS; p++) {
		pw[p] = pool_bp[p];
		porder[p] = p;
	}
	expect_apportion(R, pw, porder, NPOOLS, pool_amount, pleft);

	/* Members in code (byte) order: the tie order. */
	size_t order[NFM];
	for (size_t i = 0; i < NFM; i++)
		order[i] = i;
	for (size_t i = 0; i < NFM; i++)
		for (size_t j = i + 1; j < NFM; j++)
			if (strcmp(five_members[order[j]].code, five_members[order[i]].code) < 0) {
				size_t t = order[i];
				order[i] = order[j];
				order[j] = t;
			}

	size_t pool_lines = 0;
	int64_t total = res_fixed + res_rate;
	for (size_t p = 0; p < NPOOLS; p++) {
		i128 w[NFM];
		int rank[NFM];
		size_t who[NFM], n = 0;
		for (size_t k = 0; k < NFM; k++) {
			size_t i = order[k];
			const struct fm *f = &five_members[i];
			if (!five_eligible(p, f) || active[i] == 0)
				continue;
			/* Weights up to a common factor per pool: each basis value
			 * over its pool-wide denominator, times presence days when
			 * prorata (the days of the period divide out). */
			switch (p) {
			case 0: w[n] = active[i]; break;
			case 1: w[n] = (i128)f->fte * active[i]; break;
			case 2: w[n] = patient_days[i]; break;
			case 3: w[n] = (i128)hours[i] * hourly_rate(f->profession); break;
			default: w[n] = (i128)f->points * active[i]; break;
			}
			rank[n] = (int)k;
			who[n++] = i;
		}
		cr_assert_gt(n, 0);
		int64_t cents[NFM];
		bool lo[NFM];
		expect_apportion(pool_amount[p], w, rank, n, cents, lo);
		i128 W = 0;
		for (size_t j = 0; j < n; j++)
			W += w[j];

		const char *label = d.parts[2 + p].label;
		cr_assert_eq(d.parts[2 + p].amount, pool_amount[p], "pool %s holds %" PRId64 ", want %" PRId64,
		             label, d.parts[2 + p].amount, pool_amount[p]);
		size_t stored = 0;
		for (size_t i = 0; i < d.n_lines; i++)
			stored += d.lines[i].kind == LINE_POOL && d.lines[i].idx == (int)p;
		cr_assert_eq(stored, n, "pool %s: %zu lines, %zu eligible members", label, stored, n);
		for (size_t j = 0; j < n; j++) {
			const char *code = five_members[who[j]].code;
			l = line_of(&d, LINE_POOL, label, code);
			cr_assert_not_null(l, "pool %s: no line for %s", label, code);
			cr_assert_eq(l->cents, cents[j], "pool %s, %s: %" PRId64 " cents, exact computation gives %" PRId64
			             " (seed %" PRIu64 ", round %d)", label, code, l->cents, cents[j], seed, round);
			cr_assert_eq(l->leftover, lo[j], "pool %s, %s: leftover flag", label, code);
			/* The stored exact share is P*w/W. */
			struct rat x;
			cr_assert(rat_parse(l->exact, &x), "%s", l->exact);
			cr_assert(x.num * W == (i128)pool_amount[p] * w[j] * x.den,
			          "pool %s, %s: exact share %s is not P*w/W", label, code, l->exact);
			total += l->cents;
		}
		pool_lines += n;
	}
	cr_assert_eq(d.n_lines, 2 + pool_lines);
	cr_assert_eq(total, amount);
	cr_assert_eq(lines_sum(&d), amount);
	cr_log_info("five pools: seed %" PRIu64 " round %d: %d patients, %d activities, %" PRId64 " cents, %zu lines",
	            seed, round, npat, nact, amount, d.n_lines);
	distribution_fini(&d);

	/* And check proves it from what is stored. */
	check_passes(a);
	app_close(a);
}

Test(distribute, five_pools_five_bases_exact, .timeout = 120)
{
	uint64_t seed = UINT64_C(20250428);
	const char *env = getenv("QP_SEED");
	if (env && *env)
		seed = strtoull(env, NULL, 0);
	cr_log_info("five_pools_five_bases_exact: QP_SEED=%" PRIu64, seed);
	fprintf(stderr, "five_pools_five_bases_exact: QP_SEED=%" PRIu64 "\n", seed);
	for (int round = 0; round < 8; round++)
		five_round(seed + (uint64_t)round * UINT64_C(7919), round);
}

/* ------------------------------------------------------------------ */
/* A receipt changed under its draft: `import receipts` does what the
 * receipt form does. The demo's ACI-2025-AV as a one-row file, with the
 * figures of the receipt given; `amount` etc. are the cells. */

static void write_aci_av(const char *path, const char *source, const char *exercise,
                         const char *end, const char *amount, const char *note)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	fprintf(f, "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
	           "%s;advance;%s;2025-01-01;%s;2025-04-28;%s;ACI-2025-AV;%s\r\n",
	        source, exercise, end, amount, note);
	cr_assert_eq(fclose(f), 0);
}

static bool has_draft(struct app *a, const char *ref)
{
	struct receipt r;
	struct err e = ERR_INIT;
	cr_assert_eq(db_receipt_find(app_db(a), ref, &r, &e), ST_OK, "%s", err_text(&e));
	int64_t id = -1;
	cr_assert_eq(db_dist_draft_of(app_db(a), r.id, &id, &e), ST_OK, "%s", err_text(&e));
	receipt_fini(&r);
	return id != 0;
}

/* Each figure a distribution is computed from, changed by an import: the
 * draft goes in the same transaction; the kind or the note alone keep it. */
Test(distribute, import_changing_a_divided_receipt_drops_its_draft)
{
	static const struct {
		const char *source, *exercise, *end, *amount, *note;
		unsigned changed;
	} cases[] = {
		{ "ACI", "2025", "2025-12-31", "50 000,00", "x", APP_FIG_AMOUNT },
		{ "PEPS", "2025", "2025-12-31", "49 236,00", "x", APP_FIG_SOURCE },
		{ "ACI", "2025b", "2025-12-31", "49 236,00", "x", APP_FIG_EXERCISE },
		{ "ACI", "2025", "2025-06-30", "50 000,00", "x", APP_FIG_PERIOD | APP_FIG_AMOUNT },
		{ "ACI", "2025", "2025-12-31", "49 236,00", "a new note", 0 },
	};
	struct app *a = demo();
	char *file = support_path("av.csv");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_aci_av(file, "ACI", "2025", "2025-12-31", "49 236,00", "x");
		size_t n = 0;
		struct err e = ERR_INIT;
		cr_assert_eq(app_import(a, TABLE_RECEIPTS, file, &n, &e), ST_OK, "%s", err_text(&e));
		struct distribution d;
		dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
		int64_t audit = count(a, "audit");
		write_aci_av(file, cases[i].source, cases[i].exercise, cases[i].end, cases[i].amount, cases[i].note);
		struct app_dropped *v = NULL;
		size_t nv = 99;
		cr_assert_eq(app_import_report(a, TABLE_RECEIPTS, file, &n, &v, &nv, &e), ST_OK, "case %zu: %s", i,
		             err_text(&e));
		cr_assert_eq(n, 1);
		cr_assert_eq(count(a, "audit"), audit + 1, "case %zu: one transaction, one entry", i);
		cr_assert_eq(has_draft(a, "ACI-2025-AV"), !cases[i].changed, "case %zu: the draft %s", i,
		             cases[i].changed ? "stayed" : "went");
		cr_assert_eq(nv, cases[i].changed ? 1 : 0, "case %zu: %zu drafts said removed", i, nv);
		if (nv) {
			cr_assert_eq(v[0].dist, d.id);
			cr_assert_eq(v[0].receipt_id, d.receipt_id);
			cr_assert_str_eq(v[0].receipt_ref, "ACI-2025-AV");
			cr_assert_eq(v[0].changed, cases[i].changed, "case %zu: changed %u", i, v[0].changed);
		}
		app_dropped_list_free(v, nv);
		distribution_fini(&d);
		check_passes(a);
	}
	free(file);
	app_close(a);
}

/* Approved, the receipt keeps its figures: the file is refused at the
 * line, with the file's name, and nothing of it is imported (not even
 * the rows before). A receipt without reference, named by id, loses its
 * draft like the others. */
Test(distribute, import_refused_for_an_approved_receipt_and_by_id)
{
	struct app *a = demo();
	dist_approved(a, "ACI-2025-AV", "ACI", false);
	char *file = support_path("av.csv");
	FILE *f = fopen(file, "wb");
	cr_assert_not_null(f);
	fprintf(f, "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
	           "FIR;grant;2025;2025-01-01;2025-12-31;2025-06-12;1,00;FIR-2025-COORD;\r\n"
	           "ACI;advance;2025;2025-01-01;2025-12-31;2025-04-28;50 000,00;ACI-2025-AV;\r\n");
	cr_assert_eq(fclose(f), 0);
	int64_t audit = count(a, "audit");
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_import(a, TABLE_RECEIPTS, file, &n, &e), ST_FROZEN, "%s", err_text(&e));
	char want[600];
	snprintf(want, sizeof want, "%s:3: receipt ACI-2025-AV is divided by an approved distribution", file);
	cr_assert(strncmp(err_text(&e), want, strlen(want)) == 0, "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(count(a, "audit"), audit);
	cr_assert_eq(receipt_amount(a, "FIR-2025-COORD"), 1260000);
	cr_assert_eq(receipt_amount(a, "ACI-2025-AV"), 4923600);

	/* A receipt with no reference, as an export writes it: by its id. */
	add_receipt(a, NULL, 100000);
	struct receipt *rs = NULL;
	size_t nr = 0;
	cr_assert_eq(db_receipts(app_db(a), &rs, &nr, &e), ST_OK);
	int64_t id = 0;
	for (size_t i = 0; i < nr; i++)
		if (!rs[i].reference)
			id = rs[i].id;
	receipt_list_free(rs, nr);
	cr_assert_gt(id, 0);
	char key[32];
	snprintf(key, sizeof key, "%" PRId64, id);
	struct distribution d;
	dist_ok(a, key, "Equal shares", false, false, &d);
	f = fopen(file, "wb");
	cr_assert_not_null(f);
	fprintf(f, "id;source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
	           "%s;ACI;other;2025;2025-01-01;2025-12-31;2025-09-01;1 500,00;;\r\n", key);
	cr_assert_eq(fclose(f), 0);
	struct app_dropped *v = NULL;
	size_t nv = 0;
	cr_assert_eq(app_import_report(a, TABLE_RECEIPTS, file, &n, &v, &nv, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(nv, 1);
	cr_assert_eq(v[0].dist, d.id);
	cr_assert_null(v[0].receipt_ref);
	cr_assert_eq(v[0].changed, APP_FIG_AMOUNT);
	app_dropped_list_free(v, nv);
	cr_assert_eq(receipt_amount(a, key), 150000);
	distribution_fini(&d);
	check_passes(a);
	free(file);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* approve looks again at what the draft was computed from: the receipt
 * (changed here with raw SQL, as the sqlite3 shell or an older program
 * would, since quotepart itself drops the draft) and the key. */

static void sql(const char *text)
{
	char *p = support_path("demo.db");
	sqlite3 *h = raw_open(p);
	raw_exec(h, text);
	sqlite3_close(h);
	free(p);
}

static int64_t sql_int(const char *text)
{
	char *p = support_path("demo.db");
	sqlite3 *h = raw_open(p);
	int64_t v = raw_int(h, text);
	sqlite3_close(h);
	free(p);
	return v;
}

static void approve_refused(struct app *a, int64_t id, int32_t on, const char *words)
{
	int64_t audit = count(a, "audit");
	struct err e = ERR_INIT;
	enum status rc = app_approve(a, id, on, NULL, &e);
	cr_assert_eq(rc, ST_REFUSED, "approve D%" PRId64 ": status %d: %s", id, (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
	cr_assert_eq(count(a, "audit"), audit);
	struct distribution s = load(a, id);
	cr_assert_eq(s.status, DIST_DRAFT);
	distribution_fini(&s);
}

Test(distribute, approve_refuses_a_draft_its_receipt_no_longer_matches)
{
	static const struct {
		const char *change, *undo, *words;
	} cases[] = {
		{ "UPDATE receipts SET amount = 5000000 WHERE reference = 'ACI-2025-AV';",
		  "UPDATE receipts SET amount = 4923600 WHERE reference = 'ACI-2025-AV';",
		  "amount €49,236.00, now €50,000.00" },
		{ "UPDATE receipts SET period_end = '2025-06-30' WHERE reference = 'ACI-2025-AV';",
		  "UPDATE receipts SET period_end = '2025-12-31' WHERE reference = 'ACI-2025-AV';",
		  "period 2025-01-01 to 2025-12-31, now 2025-01-01 to 2025-06-30" },
		{ "UPDATE receipts SET source = 'PEPS' WHERE reference = 'ACI-2025-AV';",
		  "UPDATE receipts SET source = 'ACI' WHERE reference = 'ACI-2025-AV';",
		  "source ACI, now PEPS" },
		{ "UPDATE receipts SET exercise = '2026' WHERE reference = 'ACI-2025-AV';",
		  "UPDATE receipts SET exercise = '2025' WHERE reference = 'ACI-2025-AV';",
		  "exercise 2025, now 2026" },
	};
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sql(cases[i].change);
		approve_refused(a, d.id, day(2025, 5, 10), cases[i].words);
		approve_refused(a, d.id, day(2025, 5, 10), "ACI-2025-AV (id 4)");
		sql(cases[i].undo);
	}
	approve_ok(a, d.id);
	check_passes(a);
	distribution_fini(&d);
	app_close(a);
}

/* A receipt with a distribution in force beside a draft (an older
 * program's race, raw SQL): approving the draft would hand the receipt out
 * twice; approving a second reversal would pay it back twice. */
static void approved_copy(int64_t id)
{
	char text[512];
	snprintf(text, sizeof text,
	         "INSERT INTO distributions (receipt_id, key_version_id, mode, status, amount, base, reserved, "
	         "period_start, period_end, created, approved_on, reverses, source, exercise) "
	         "SELECT receipt_id, key_version_id, mode, 'approved', amount, base, reserved, period_start, "
	         "period_end, created, '2025-05-10', reverses, source, exercise FROM distributions WHERE id = %" PRId64 ";",
	         id);
	sql(text);
}

Test(distribute, approve_refuses_a_second_distribution_in_force)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	approved_copy(d.id);
	approve_refused(a, d.id, day(2025, 5, 10), "already has an approved distribution");
	distribution_fini(&d);
	app_close(a);
}

Test(distribute, approve_refuses_a_second_reversal)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	approve_ok(a, d.id);
	int64_t rev = reverse_ok(a, d.id);
	approved_copy(rev);
	approve_refused(a, rev, day(2025, 5, 10), "already reverses");
	distribution_fini(&d);
	app_close(a);
}

/* A key saved again after the draft was made: the draft is not what the
 * key now says. A reversal negates what was approved, whatever the key
 * became since. */
Test(distribute, approve_refuses_a_draft_of_an_older_key_version)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "FIR-2025-COORD", "Equal shares", false, false, &d);
	int64_t first = d.id;
	distribution_fini(&d);
	approve_ok(a, first);
	dist_ok(a, "IPEP-2025-AMORCAGE", "Equal shares", false, false, &d);
	save_key(a, "key: { name = \"Equal shares\"; description = \"v2\";\n"
	            "  pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };\n");
	approve_refused(a, d.id, day(2025, 5, 10), "version 1 of key \"Equal shares\", which now has version 2");
	int64_t rev = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_reverse(a, first, &rev, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_approve(a, rev, day(2025, 7, 1), NULL, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);
	dist_ok(a, "IPEP-2025-AMORCAGE", "Equal shares", false, false, &d);
	cr_assert_eq(d.key_version, 2);
	approve_ok(a, d.id);
	check_passes(a);
	distribution_fini(&d);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Payments follow the distribution's life: a distribution reversed by an
 * approved reversal has nothing left to pay; the reversal pays back only
 * what was paid, and cancels the rest. */

static size_t paid_lines(const struct distribution *d, const char *member)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_lines; i++)
		n += d->lines[i].cents != 0 && (!member || strcmp(d->lines[i].recipient, member) == 0);
	return n;
}

Test(distribute, reversal_pays_back_only_what_was_paid)
{
	struct app *a = demo();
	int64_t orig = dist_approved(a, "ACI-2025-AV", "ACI", false);
	struct distribution o = load(a, orig);
	size_t martin = paid_lines(&o, "MARTIN"), nonzero = paid_lines(&o, NULL);
	cr_assert_eq(martin, 2);
	size_t n = 0;
	struct err e = ERR_INIT;
	cr_assert_eq(app_pay(a, orig, "MARTIN", day(2025, 5, 20), "virement", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, martin);
	int64_t rev = 0;
	cr_assert_eq(app_reverse(a, orig, &rev, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_approve(a, rev, day(2025, 6, 1), "erreur", &e), ST_OK, "%s", err_text(&e));

	/* The original: reversed, nothing more to pay. */
	int64_t payments = sql_int("SELECT count(*) FROM payments;"), audit = count(a, "audit");
	enum status rc = app_pay(a, orig, NULL, day(2025, 6, 2), "virement", &n, &e);
	cr_assert_eq(rc, ST_REFUSED, "paying a reversed distribution: status %d: %s", (int)rc, err_text(&e));
	char want[96];
	snprintf(want, sizeof want, "D%" PRId64 " is reversed by D%" PRId64 ": nothing is to be paid", orig, rev);
	cr_assert(strstr(err_text(&e), want), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(sql_int("SELECT count(*) FROM payments;"), payments);
	cr_assert_eq(count(a, "audit"), audit);

	/* The reversal: MARTIN pays back his two lines; the others were never
	 * paid, so there is nothing to pay back. */
	struct app_payment p;
	cr_assert_eq(app_pay_lines(a, rev, NULL, day(2025, 6, 2), "virement", &p, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(p.paid, martin, "%zu lines marked paid back, %zu were paid", p.paid, martin);
	cr_assert_eq(p.nothing, nonzero - martin);
	cr_assert_eq(sql_int("SELECT count(*) FROM payments;"), payments + (int64_t)martin);
	cr_assert_eq(sql_int("SELECT sum(amount) FROM payments;"), 0, "paid, then paid back: nothing left");
	struct distribution r = load(a, rev);
	distribution_fini(&o);
	o = load(a, orig);
	for (size_t i = 0; i < r.n_lines; i++) {
		bool was_paid = o.lines[i].cents != 0 && strcmp(o.lines[i].recipient, "MARTIN") == 0;
		cr_assert_eq(r.lines[i].paid_on != DATE_NONE, was_paid, "line %zu (%s)", i, r.lines[i].recipient);
		/* Lines nobody pays are said to be cancelled, on both sides. */
		bool none = !was_paid && r.lines[i].cents != 0;
		cr_assert_eq(r.lines[i].cancelled, none, "reversal line %zu (%s)", i, r.lines[i].recipient);
		cr_assert_eq(o.lines[i].cancelled, none, "original line %zu (%s)", i, o.lines[i].recipient);
	}
	/* Statements: nothing due either way, to anyone. */
	struct rep_statements st;
	cr_assert_eq(app_statements(a, NULL, day(2025, 1, 1), day(2025, 12, 31), &st, &e), ST_OK, "%s",
	             err_text(&e));
	cr_assert_gt(st.n_members, 5);
	for (size_t m = 0; m < st.n_members; m++) {
		struct rep_totals t = rep_statement_totals(&st, m);
		cr_assert_eq(t.total, 0, "%s", st.members[m].code);
		cr_assert_eq(t.due, 0, "%s: %" PRId64 " still due", st.members[m].code, t.due);
	}
	rep_statements_fini(&st);
	/* Paying again: nothing more. */
	cr_assert_eq(app_pay_lines(a, rev, NULL, day(2025, 6, 3), "virement", &p, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(p.paid, 0);
	distribution_fini(&r);
	distribution_fini(&o);
	check_passes(a);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Dates: an approval between the day the receipt came and today (a
 * reversal not before the approval it reverses), a payment between the
 * approval and today. The same day is fine. */

static void approve_dated_refused(struct app *a, int64_t id, int32_t on, const char *words)
{
	int64_t audit = count(a, "audit");
	struct err e = ERR_INIT;
	enum status rc = app_approve(a, id, on, NULL, &e);
	cr_assert_eq(rc, ST_REFUSED, "approve D%" PRId64 ": status %d: %s", id, (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
	cr_assert_eq(count(a, "audit"), audit);
}

static void pay_dated_refused(struct app *a, int64_t id, int32_t on, const char *words)
{
	int64_t payments = sql_int("SELECT count(*) FROM payments;");
	struct err e = ERR_INIT;
	size_t n = 99;
	enum status rc = app_pay(a, id, NULL, on, "virement", &n, &e);
	cr_assert_eq(rc, ST_REFUSED, "pay D%" PRId64 ": status %d: %s", id, (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	cr_assert_eq(n, 0);
	err_fini(&e);
	cr_assert_eq(sql_int("SELECT count(*) FROM payments;"), payments);
}

Test(distribute, approval_and_payment_dates_checked)
{
	struct app *a = demo();
	struct distribution d;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d);
	approve_dated_refused(a, d.id, day(2025, 4, 27),
	                      "approval date 2025-04-27 is before receipt ACI-2025-AV was received (2025-04-28)");
	approve_dated_refused(a, d.id, day(2026, 7, 1), "approval date 2026-07-01 is after today (2026-06-30)");
	struct err e = ERR_INIT;
	cr_assert_eq(app_approve(a, d.id, day(2025, 5, 10), NULL, &e), ST_OK, "%s", err_text(&e));

	char want[160];
	snprintf(want, sizeof want, "payment date 2025-05-09 is before D%" PRId64 " was approved (2025-05-10)", d.id);
	pay_dated_refused(a, d.id, day(2025, 5, 9), want);
	pay_dated_refused(a, d.id, day(2026, 7, 1), "payment date 2026-07-01 is after today (2026-06-30)");
	size_t n = 0;
	cr_assert_eq(app_pay(a, d.id, "MARTIN", day(2025, 5, 10), "virement", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 2);

	int64_t rev = 0;
	cr_assert_eq(app_reverse(a, d.id, &rev, &e), ST_OK, "%s", err_text(&e));
	snprintf(want, sizeof want, "approval date 2025-05-09 is before D%" PRId64 ", which it reverses, was approved (2025-05-10)",
	         d.id);
	approve_dated_refused(a, rev, day(2025, 5, 9), want);
	cr_assert_eq(app_approve(a, rev, day(2025, 5, 10), NULL, &e), ST_OK, "%s", err_text(&e));
	snprintf(want, sizeof want, "payment date 2025-05-09 is before D%" PRId64 " was approved (2025-05-10)", rev);
	pay_dated_refused(a, rev, day(2025, 5, 9), want);
	cr_assert_eq(app_pay(a, rev, NULL, day(2026, 6, 30), "virement", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(n, 2);
	distribution_fini(&d);

	/* The day the receipt came, and today, are fine. */
	dist_ok(a, "PEPS-2025-T1", "PEPS", false, false, &d);
	cr_assert_eq(app_approve(a, d.id, day(2025, 2, 14), NULL, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);
	dist_ok(a, "PEPS-2025-T2", "PEPS", false, false, &d);
	cr_assert_eq(app_approve(a, d.id, day(2026, 6, 30), NULL, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);
	check_passes(a);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* References that read as distribution numbers (D2, d2) or as receipt ids
 * (all digits) would make `approve D2` or `distribute 4` take another
 * object: refused where a reference enters; stored ones (an older
 * database, raw SQL) make a name that could mean two objects ambiguous. */

Test(distribute, references_that_read_as_names_refused)
{
	static const char *bad[] = { "D2", "d2", "D007", "42", "0042" };
	static const char *good[] = { "D2-BIS", "DA2", "2025-AV", "D", "-42" };
	struct app *a = demo();
	char *file = support_path("refs.csv");
	struct err e = ERR_INIT;
	size_t n = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		FILE *f = fopen(file, "wb");
		cr_assert_not_null(f);
		fprintf(f, "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
		           "ACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;OK-1;\r\n"
		           "ACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;%s;\r\n", bad[i]);
		cr_assert_eq(fclose(f), 0);
		int64_t receipts = count(a, "receipts");
		cr_assert_eq(app_import(a, TABLE_RECEIPTS, file, &n, &e), ST_INVALID, "%s: %s", bad[i], err_text(&e));
		char want[600];
		snprintf(want, sizeof want, "%s:3: reference \"%s\" reads as ", file, bad[i]);
		cr_assert(strncmp(err_text(&e), want, strlen(want)) == 0, "%s", err_text(&e));
		err_fini(&e);
		cr_assert_eq(count(a, "receipts"), receipts);

		/* The receipt form: a new receipt, and a change of reference. */
		struct receipt r = {
			.source = (char *)"ACI", .kind = (char *)"other", .exercise = (char *)"2025",
			.start = day(2025, 1, 1), .end = day(2025, 12, 31), .received = day(2025, 9, 1),
			.amount = 1000, .reference = (char *)bad[i],
		};
		cr_assert_eq(app_receipt_add(a, &r, NULL, &e), ST_INVALID, "%s: %s", bad[i], err_text(&e));
		cr_assert(strstr(err_text(&e), "reads as"), "%s", err_text(&e));
		err_fini(&e);
		struct receipt old;
		cr_assert_eq(db_receipt_find(app_db(a), "FIR-2025-COORD", &old, &e), ST_OK);
		struct receipt renamed = old;
		renamed.reference = (char *)bad[i];
		cr_assert_eq(app_receipt_update(a, &old, &renamed, NULL, &e), ST_INVALID, "%s: %s", bad[i], err_text(&e));
		cr_assert(strstr(err_text(&e), "reads as"), "%s", err_text(&e));
		err_fini(&e);
		receipt_fini(&old);
		cr_assert_eq(count(a, "receipts"), receipts);
	}
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		FILE *f = fopen(file, "wb");
		cr_assert_not_null(f);
		fprintf(f, "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
		           "ACI;other;2025;2025-01-01;2025-12-31;2025-09-01;10,00;%s;\r\n", good[i]);
		cr_assert_eq(fclose(f), 0);
		cr_assert_eq(app_import(a, TABLE_RECEIPTS, file, &n, &e), ST_OK, "%s: %s", good[i], err_text(&e));
	}
	free(file);
	app_close(a);
}

static void resolve_ambiguous(struct app *a, const char *what, bool any, const char *words)
{
	int64_t id = -1;
	struct err e = ERR_INIT;
	enum status rc = app_dist_resolve(a, what, any, &id, &e);
	cr_assert_eq(rc, ST_REFUSED, "resolve %s: status %d, D%" PRId64 ": %s", what, (int)rc, id, err_text(&e));
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
}

static int64_t resolve(struct app *a, const char *what, bool any)
{
	int64_t id = -1;
	struct err e = ERR_INIT;
	cr_assert_eq(app_dist_resolve(a, what, any, &id, &e), ST_OK, "resolve %s: %s", what, err_text(&e));
	return id;
}

Test(distribute, stored_references_that_read_as_names_are_ambiguous)
{
	struct app *a = demo();
	struct distribution d1, d2;
	dist_ok(a, "ACI-2025-AV", "ACI", false, false, &d1);
	dist_ok(a, "PEPS-2025-T1", "PEPS", false, false, &d2);
	cr_assert_eq(resolve(a, "D1", false), d1.id);
	/* FIR-2025-COORD (id 6) renamed "D1", IPEP-2025-AMORCAGE (id 2) "d2",
	 * PEPS-2025-T3 (id 7) "4", by raw SQL. */
	sql("UPDATE receipts SET reference = 'D1' WHERE reference = 'FIR-2025-COORD';"
	    "UPDATE receipts SET reference = 'd2' WHERE reference = 'IPEP-2025-AMORCAGE';"
	    "UPDATE receipts SET reference = '4' WHERE reference = 'PEPS-2025-T3';");
	resolve_ambiguous(a, "D1", true, "\"D1\" is ambiguous: distribution D1 (receipt ACI-2025-AV, id 4) or "
	                                  "receipt D1 (id 6)");
	resolve_ambiguous(a, "d2", false, "\"d2\" is ambiguous: distribution D2 (receipt PEPS-2025-T1, id 1) or "
	                                   "receipt d2 (id 2)");
	/* The other case is another name: no receipt is called "D2". */
	cr_assert_eq(resolve(a, "D2", false), d2.id);
	resolve_ambiguous(a, "4", true, "\"4\" is ambiguous: receipt ACI-2025-AV (id 4) or receipt 4 (id 7)");
	dist_refused(a, "4", "ACI", true, false, ST_REFUSED, "\"4\" is ambiguous");
	dist_refused(a, "4", "ACI", false, false, ST_REFUSED, "\"4\" is ambiguous");
	/* Unambiguous names still work: the other id, the plain reference. */
	struct distribution d;
	dist_ok(a, "7", "PEPS", true, false, &d);
	cr_assert_str_eq(d.receipt_ref, "4");
	distribution_fini(&d);
	dist_ok(a, "D1", "Equal shares", true, false, &d);
	cr_assert_eq(d.receipt_id, 6);
	distribution_fini(&d);
	distribution_fini(&d1);
	distribution_fini(&d2);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Saving what was shown: a request may carry the preview the team saw;
 * if the receipt or the data changed since, the new result differs and
 * nothing is stored, and the caller gets the new result to show. */

static void expect_refused(struct app *a, const char *receipt, const char *key,
                           const struct distribution *shown, int64_t amount)
{
	int64_t dists = count(a, "distributions"), audit = count(a, "audit");
	struct app_dist_request rq = { .receipt = receipt, .key = key, .expect = shown };
	struct distribution d;
	struct err e = ERR_INIT;
	enum status rc = app_distribute(a, &rq, &d, &e);
	cr_assert_eq(rc, ST_REFUSED, "status %d: %s", (int)rc, err_text(&e));
	cr_assert(strstr(err_text(&e), "the receipt or its data changed since this preview: look at it again before saving"),
	          "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(count(a, "distributions"), dists);
	cr_assert_eq(count(a, "audit"), audit);
	/* The new result, to show instead. */
	cr_assert_eq(d.id, 0);
	cr_assert_eq(d.amount, amount);
	cr_assert_eq(lines_sum(&d), amount);
	distribution_fini(&d);
}

Test(distribute, saving_a_preview_refused_when_the_result_changed)
{
	struct app *a = demo();
	struct distribution shown, saved;
	dist_ok(a, "ACI-2025-AV", "ACI", true, false, &shown);
	/* Nothing changed: saved as shown. */
	struct app_dist_request rq = { .receipt = "ACI-2025-AV", .key = "ACI", .expect = &shown };
	struct err e = ERR_INIT;
	cr_assert_eq(app_distribute(a, &rq, &saved, &e), ST_OK, "%s", err_text(&e));
	same_distribution(&shown, &saved);
	distribution_fini(&saved);

	/* The receipt's amount changed (its draft goes with it). */
	char *file = support_path("av.csv");
	write_aci_av(file, "ACI", "2025", "2025-12-31", "50 000,00", "x");
	size_t n = 0;
	cr_assert_eq(app_import(a, TABLE_RECEIPTS, file, &n, &e), ST_OK, "%s", err_text(&e));
	expect_refused(a, "ACI-2025-AV", "ACI", &shown, 5000000);
	distribution_fini(&shown);

	/* The data behind a line changed: an hour logged moves the cents. */
	dist_ok(a, "ACI-2025-AV", "ACI", true, false, &shown);
	struct activity act = { .member = (char *)"MARTIN", .date = day(2025, 6, 3), .kind = (char *)"RCP",
	                        .hours = 1000 };
	cr_assert_eq(app_activity_add(a, &act, &e), ST_OK, "%s", err_text(&e));
	expect_refused(a, "ACI-2025-AV", "ACI", &shown, 5000000);
	/* A dry run is held to it too. */
	rq.dry_run = true;
	struct distribution d;
	cr_assert_eq(app_distribute(a, &rq, &d, &e), ST_REFUSED, "%s", err_text(&e));
	err_fini(&e);
	distribution_fini(&d);
	distribution_fini(&shown);

	/* The key got a new version. */
	dist_ok(a, "FIR-2025-COORD", "Equal shares", true, false, &shown);
	save_key(a, "key: { name = \"Equal shares\"; description = \"v2\";\n"
	            "  pools = ( { label = \"All\"; rate = 100.0; basis = \"equal\"; } ); };\n");
	expect_refused(a, "FIR-2025-COORD", "Equal shares", &shown, 1260000);
	distribution_fini(&shown);
	free(file);
	check_passes(a);
	app_close(a);
}
