/* test_edit_store.c: the reads and writes made for large practices:
 * patients written by a plain INSERT, or an UPDATE when the code is known,
 * with GP ids cached for one transaction only; patients counted and read
 * by key in both directions, agreeing with the offset pages; distribution
 * summaries (paid, unpaid) computed from the payments, checked against the
 * lines one by one. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/db_edit.h"
#include "quotepart/text.h"

#include "support.h"

static struct db *db;
static struct err e = ERR_INIT;

static int32_t day(const char *iso)
{
	int32_t d;
	cr_assert_eq(date_parse(iso, &d), ST_OK, "%s", iso);
	return d;
}

static void ok(enum status rc, const char *what)
{
	cr_assert_eq(rc, ST_OK, "%s: status %d: %s", what, (int)rc, err_text(&e));
}

static void add_member(const char *code)
{
	struct member m = {
		.code = (char *)code, .name = (char *)code, .profession = "MG",
		.status = "associate", .joined = day("2020-01-01"), .left = DATE_NONE, .fte = 100,
	};
	ok(db_member_put(db, &m, NULL, &e), "member");
}

static void setup(void)
{
	support_setup("edit-store");
	char *p = support_path("t.db");
	ok(db_open(p, DB_CREATE, &db, &e), "open");
	free(p);
	ok(db_begin(db, &e), "begin");
	ok(db_profession_put(db, "MG", "medical", &e), "profession");
	add_member("DUPONT");
	add_member("MARTIN");
	ok(db_commit(db, &e), "commit");
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
	err_fini(&e);
	support_teardown();
}

TestSuite(edit_store, .init = setup, .fini = teardown);

static struct patient patient(const char *code, const char *gp, int birth)
{
	struct patient p = {
		.code = (char *)code, .gp = (char *)gp, .enrolled = day("2024-02-29"),
		.left = DATE_NONE, .birth_year = birth, .sex = 'F', .ald = "", .c2s = false,
	};
	return p;
}

/* The one patient stored under `code` (by paging: what the TUI reads). */
static struct patient *stored(const char *code, struct patient **v, size_t *n)
{
	ok(db_patients_seek(db, code, NULL, false, 10, v, n, &e), "seek");
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].code, code) == 0)
			return &(*v)[i];
	cr_assert_fail("%s not stored", code);
	return NULL;
}

Test(edit_store, patient_inserted_then_updated)
{
	ok(db_begin(db, &e), "begin");
	struct patient a = patient("P1", "DUPONT", 1950);
	a.left = day("2025-12-31");
	a.ald = "diabetes";
	ok(db_patient_put(db, &a, &e), "insert");
	ok(db_commit(db, &e), "commit");

	struct patient *v;
	size_t n;
	struct patient *s = stored("P1", &v, &n);
	cr_assert_str_eq(s->gp, "DUPONT");
	cr_assert_eq(s->enrolled, day("2024-02-29"));
	cr_assert_eq(s->left, day("2025-12-31"));
	cr_assert_eq(s->birth_year, 1950);
	cr_assert_str_eq(s->ald, "diabetes");
	int64_t id = s->id;
	patient_list_free(v, n);

	/* The same code again: every field replaced, the row kept. */
	ok(db_begin(db, &e), "begin");
	struct patient b = patient("P1", "MARTIN", 1951);
	b.sex = 'M';
	b.c2s = true;
	ok(db_patient_put(db, &b, &e), "update");
	ok(db_commit(db, &e), "commit");
	s = stored("P1", &v, &n);
	cr_assert_eq(s->id, id);
	cr_assert_str_eq(s->gp, "MARTIN");
	cr_assert_eq(s->left, DATE_NONE);
	cr_assert_eq(s->birth_year, 1951);
	cr_assert_eq(s->sex, 'M');
	cr_assert_str_eq(s->ald, "");
	cr_assert(s->c2s);
	patient_list_free(v, n);
	int64_t count;
	ok(db_count(db, "patients", &count, &e), "count");
	cr_assert_eq(count, 1);
}

Test(edit_store, patient_refusals)
{
	ok(db_begin(db, &e), "begin");
	struct patient p = patient("P1", "NOBODY", 1950);
	cr_assert_eq(db_patient_put(db, &p, &e), ST_NOTFOUND);
	cr_assert_str_eq(err_text(&e), "unknown GP \"NOBODY\"");
	err_fini(&e);
	/* A value the schema refuses: a CHECK, not taken for a known code. */
	p = patient("P2", "DUPONT", 1800);
	cr_assert_eq(db_patient_put(db, &p, &e), ST_INVALID, "%s", err_text(&e));
	err_fini(&e);
	/* The statements are still usable after the failures. */
	p = patient("P3", "DUPONT", 1990);
	ok(db_patient_put(db, &p, &e), "after failures");
	db_rollback(db);
	int64_t count;
	ok(db_count(db, "patients", &count, &e), "count");
	cr_assert_eq(count, 0);
}

/* A GP's id is cached for one transaction: a member written by a
 * transaction rolled back is unknown in the next one. */
Test(edit_store, gp_cache_does_not_outlive_a_rollback)
{
	ok(db_begin(db, &e), "begin");
	add_member("LEROY");
	struct patient p = patient("P1", "LEROY", 1960);
	ok(db_patient_put(db, &p, &e), "with the new member");
	db_rollback(db);

	ok(db_begin(db, &e), "begin");
	cr_assert_eq(db_patient_put(db, &p, &e), ST_NOTFOUND, "the rolled-back member is still known");
	err_fini(&e);
	db_rollback(db);
}

/* 60 patients P001..P060 (every third with MARTIN). */
static void sixty(void)
{
	ok(db_begin(db, &e), "begin");
	for (int i = 1; i <= 60; i++) {
		char code[16];
		snprintf(code, sizeof code, "P%03d", i);
		struct patient p = patient(code, i % 3 ? "DUPONT" : "MARTIN", 1950 + i);
		ok(db_patient_put(db, &p, &e), "put");
	}
	ok(db_commit(db, &e), "commit");
}

static void expect_codes(struct patient *v, size_t n, int first, int count)
{
	cr_assert_eq(n, (size_t)count, "%zu rows, want %d", n, count);
	for (size_t i = 0; i < n; i++) {
		char code[16];
		snprintf(code, sizeof code, "P%03d", first + (int)i);
		cr_assert_str_eq(v[i].code, code, "row %zu", i);
	}
	patient_list_free(v, n);
}

Test(edit_store, patients_by_key_both_ways)
{
	sixty();
	struct patient *v;
	size_t n;
	int64_t total;
	ok(db_patients_count(db, NULL, &total, &e), "count");
	cr_assert_eq(total, 60);
	ok(db_patients_count(db, "p00", &total, &e), "count search");
	cr_assert_eq(total, 9);
	ok(db_patients_count(db, "%", &total, &e), "count %");
	cr_assert_eq(total, 0);

	ok(db_patients_seek(db, NULL, NULL, false, 10, &v, &n, &e), "first");
	expect_codes(v, n, 1, 10);
	ok(db_patients_seek(db, NULL, "P010", false, 10, &v, &n, &e), "after");
	expect_codes(v, n, 11, 10);
	ok(db_patients_seek(db, NULL, "P055", false, 10, &v, &n, &e), "after, short");
	expect_codes(v, n, 56, 5);
	ok(db_patients_seek(db, NULL, NULL, true, 10, &v, &n, &e), "last");
	expect_codes(v, n, 51, 10);
	ok(db_patients_seek(db, NULL, "P031", true, 10, &v, &n, &e), "before");
	expect_codes(v, n, 21, 10);
	ok(db_patients_seek(db, NULL, "P004", true, 10, &v, &n, &e), "before, short");
	expect_codes(v, n, 1, 3);
	ok(db_patients_seek(db, NULL, "P060", false, 10, &v, &n, &e), "after the last");
	expect_codes(v, n, 61, 0);

	/* With a search: "P01" matches P010..P019. */
	ok(db_patients_seek(db, "p01", "P012", false, 100, &v, &n, &e), "search after");
	expect_codes(v, n, 13, 7);
	ok(db_patients_seek(db, "p01", "P012", true, 100, &v, &n, &e), "search before");
	expect_codes(v, n, 10, 2);

	/* Every window read by key is the offset page of the same rows. */
	for (int off = 0; off < 60; off += 7) {
		struct patient *w;
		size_t m;
		ok(db_patients_page(db, NULL, off, 9, &w, &m, &total, &e), "page");
		cr_assert_eq(total, 60);
		char after[16];
		snprintf(after, sizeof after, "P%03d", off);
		ok(db_patients_seek(db, NULL, off ? after : NULL, false, 9, &v, &n, &e), "seek");
		cr_assert_eq(n, m);
		for (size_t i = 0; i < n; i++) {
			cr_assert_str_eq(v[i].code, w[i].code);
			cr_assert_str_eq(v[i].gp, w[i].gp);
			cr_assert_eq(v[i].birth_year, w[i].birth_year);
		}
		patient_list_free(v, n);
		patient_list_free(w, m);
	}
}

/* ---- distribution summaries ---- */

/* A distribution of `amount` cents in n lines (cents given), stored as a
 * draft of a new receipt; the line ids come back in d. */
static int64_t save_dist(struct distribution *d, const char *ref, int64_t amount,
                         const int64_t *cents, size_t n)
{
	struct receipt r = {
		.source = "ACI", .kind = "annual", .exercise = "2025", .start = day("2025-01-01"),
		.end = day("2025-12-31"), .received = day("2025-04-01"), .amount = amount,
		.reference = (char *)ref,
	};
	int64_t rid, vid;
	int version;
	bool is_new;
	ok(db_receipt_put(db, &r, &rid, &e), "receipt");
	ok(db_key_save(db, "K", "key body", &version, &vid, &is_new, &e), "key");
	memset(d, 0, sizeof *d);
	d->receipt_id = rid;
	d->key_version_id = vid;
	d->mode = DIST_NORMAL;
	d->amount = d->base = amount;
	d->start = day("2025-01-01");
	d->end = day("2025-12-31");
	static struct dist_part part = { .kind = LINE_POOL, .idx = 0, .label = "All", .basis = "equal" };
	part.amount = amount;
	d->parts = &part;
	d->n_parts = 1;
	d->lines = calloc(n, sizeof *d->lines);
	d->n_lines = n;
	for (size_t i = 0; i < n; i++) {
		struct dist_line *l = &d->lines[i];
		l->kind = LINE_POOL;
		l->recipient = i % 2 ? "MARTIN" : "DUPONT";
		l->label = "All";
		l->basis = "equal";
		l->value = "1";
		l->presence = "1";
		l->weight = "1";
		l->exact = "0";
		l->share = l->cents = cents[i];
	}
	ok(db_dist_save(db, d, &e), "save");
	return d->id;
}

static const struct dist_summary *summary_of(const struct dist_summary *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	cr_assert_fail("no summary for D%" PRId64, id);
	return NULL;
}

Test(edit_store, summaries_from_payments)
{
	struct distribution a, b, c;
	ok(db_begin(db, &e), "begin");
	/* a: approved, lines of 600, 0, 250, -100, 250 (true-up-like signs). */
	const int64_t ca[] = { 600, 0, 250, -100, 250 };
	save_dist(&a, "R1", 1000, ca, 5);
	/* b: approved, nothing paid. c: a draft. */
	const int64_t cb[] = { 70, 30 };
	save_dist(&b, "R2", 100, cb, 2);
	const int64_t cc[] = { 5, 5 };
	save_dist(&c, "R3", 10, cc, 2);
	ok(db_dist_approve(db, a.id, day("2025-05-01"), NULL, &e), "approve a");
	ok(db_dist_approve(db, b.id, day("2025-05-01"), NULL, &e), "approve b");
	/* Paid: the 600, the 0 and the -100 (settled) of a. */
	ok(db_dist_pay(db, a.lines[0].id, day("2025-06-01"), "transfer", &e), "pay 600");
	ok(db_dist_pay(db, a.lines[1].id, day("2025-06-01"), "transfer", &e), "pay 0");
	ok(db_dist_pay(db, a.lines[3].id, day("2025-06-01"), "transfer", &e), "pay -100");
	ok(db_commit(db, &e), "commit");

	struct dist_summary *v;
	size_t n;
	ok(db_dist_summaries(db, &v, &n, &e), "summaries");
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0].id, c.id, "newest first");
	const struct dist_summary *s = summary_of(v, n, a.id);
	/* Line by line: paid 600 + 0 - 100; unpaid the non-zero lines left. */
	cr_assert_eq(s->paid, 500, "paid %" PRId64, s->paid);
	cr_assert_eq(s->unpaid, 500, "unpaid %" PRId64, s->unpaid);
	cr_assert_eq(s->amount, 1000);
	cr_assert_eq(s->status, DIST_APPROVED);
	cr_assert_str_eq(s->receipt_ref, "R1");
	s = summary_of(v, n, b.id);
	cr_assert_eq(s->paid, 0);
	cr_assert_eq(s->unpaid, 100);
	s = summary_of(v, n, c.id);
	cr_assert_eq(s->paid, 0);
	cr_assert_eq(s->unpaid, 10);
	cr_assert_eq(s->status, DIST_DRAFT);
	dist_summary_list_free(v, n);

	/* Everything of b paid: nothing left. */
	ok(db_begin(db, &e), "begin");
	ok(db_dist_pay(db, b.lines[0].id, day("2025-06-02"), "cheque", &e), "pay");
	ok(db_dist_pay(db, b.lines[1].id, day("2025-06-02"), "cheque", &e), "pay");
	ok(db_commit(db, &e), "commit");
	ok(db_dist_summaries(db, &v, &n, &e), "summaries");
	s = summary_of(v, n, b.id);
	cr_assert_eq(s->paid, 100);
	cr_assert_eq(s->unpaid, 0);
	dist_summary_list_free(v, n);
	free(a.lines);
	free(b.lines);
	free(c.lines);
}
