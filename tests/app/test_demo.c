/* test_demo.c: the demo practice: what it holds (members and their dates,
 * patients per GP, receipts, posts and fundings, activities inside each
 * member's time), that it is the same on every run, and that it refuses a
 * database which already holds a practice, changing nothing. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/text.h"

#include "support.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])


/* Each test in its own folder, with no user configuration in reach so the
 * compiled-in default is what app_open loads. */
static void setup(void)
{
	support_setup("demo");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(demo, .init = setup, .fini = teardown);

static struct app *open_db(const char *name)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/%s", tmpdir, name);
	struct app *a = NULL;
	struct err e = ERR_INIT;
	enum status rc = app_open(b.s, NULL, DB_CREATE, &a, &e);
	cr_assert_eq(rc, ST_OK, "app_open: %s", err_text(&e));
	sb_fini(&b);
	err_fini(&e);
	return a;
}

/* A new database with the demo in it. */
static struct app *demo_db(const char *name)
{
	struct app *a = open_db(name);
	struct err e = ERR_INIT;
	enum status rc = app_demo(a, &e);
	cr_assert_eq(rc, ST_OK, "app_demo: %s", err_text(&e));
	err_fini(&e);
	return a;
}

static int32_t day(int y, int m, int d)
{
	int32_t v = 0;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK);
	return v;
}

static const struct member *find_member(const struct member *v, size_t n,
                                        const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Everything the demo wrote, as text, in the store's order: equal
 * fingerprints mean equal content. */

static enum status fp_patient(const struct patient *p, void *ctx)
{
	sb_printf(ctx, "patient %" PRId64 " %s %s %d %d %d %c [%s] %d\n", p->id, p->code,
	          p->gp, (int)p->enrolled, (int)p->left, (int)p->birth_year, p->sex,
	          p->ald ? p->ald : "", (int)p->c2s);
	return ST_OK;
}

static char *fingerprint(struct app *a)
{
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	struct sbuf b;
	sb_init(&b);

	char *name = NULL;
	cr_assert_eq(db_setting_get(db, "name", &name, &e), ST_OK);
	sb_printf(&b, "name %s\n", name ? name : "(none)");
	free(name);

	struct member *m;
	size_t nm;
	cr_assert_eq(db_members(db, &m, &nm, &e), ST_OK);
	for (size_t i = 0; i < nm; i++)
		sb_printf(&b, "member %" PRId64 " %s %s %s %s %d %d %d %s\n", m[i].id, m[i].code,
		          m[i].name, m[i].profession, m[i].status, (int)m[i].joined,
		          (int)m[i].left, (int)m[i].fte, m[i].rpps ? m[i].rpps : "-");
	member_list_free(m, nm);

	struct post *p;
	size_t np;
	cr_assert_eq(db_posts(db, &p, &np, &e), ST_OK);
	for (size_t i = 0; i < np; i++)
		sb_printf(&b, "post %" PRId64 " %s %s %s %d %" PRId64 " %d %d\n", p[i].id, p[i].code,
		          p[i].label, p[i].holder ? p[i].holder : "-", (int)p[i].fte,
		          p[i].yearly_cost, (int)p[i].start, (int)p[i].end);
	post_list_free(p, np);

	struct post_funding *f;
	size_t nf;
	cr_assert_eq(db_fundings(db, &f, &nf, &e), ST_OK);
	for (size_t i = 0; i < nf; i++)
		sb_printf(&b, "funding %" PRId64 " %s %s %d %d %d\n", f[i].id, f[i].post,
		          f[i].source, (int)f[i].share_bp, (int)f[i].start, (int)f[i].end);
	funding_list_free(f, nf);

	struct receipt *r;
	size_t nr;
	cr_assert_eq(db_receipts(db, &r, &nr, &e), ST_OK);
	for (size_t i = 0; i < nr; i++)
		sb_printf(&b, "receipt %" PRId64 " %s %s %s %d %d %d %" PRId64 " %s %s\n", r[i].id,
		          r[i].source, r[i].kind, r[i].exercise, (int)r[i].start, (int)r[i].end,
		          (int)r[i].received, r[i].amount, r[i].reference ? r[i].reference : "-",
		          r[i].note ? r[i].note : "-");
	receipt_list_free(r, nr);

	struct activity *ac;
	size_t na;
	cr_assert_eq(db_activities(db, &ac, &na, &e), ST_OK);
	for (size_t i = 0; i < na; i++)
		sb_printf(&b, "activity %" PRId64 " %s %d %s %" PRId64 " %s\n", ac[i].id,
		          ac[i].member, (int)ac[i].date, ac[i].kind, ac[i].hours,
		          ac[i].note ? ac[i].note : "-");
	activity_list_free(ac, na);

	cr_assert_eq(db_patients_each(db, fp_patient, &b, &e), ST_OK);
	cr_assert_not(b.failed);
	err_fini(&e);
	return sb_take(&b);
}

/* ------------------------------------------------------------------ */

Test(demo, members)
{
	struct app *a = demo_db("d.db");
	const struct config *cfg = app_config(a);
	struct member *m;
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(db_members(app_db(a), &m, &n, &e), ST_OK);
	cr_assert(n >= 14 && n <= 18, "%zu members", n);
	cr_assert_eq(n, 16);

	size_t associates = 0, salaried = 0, external = 0, with_rpps = 0;
	size_t joined_july = 0, left_sept = 0, left_any = 0;
	for (size_t i = 0; i < n; i++) {
		cr_assert_not_null(config_find(&cfg->professions, m[i].profession), "%s", m[i].code);
		cr_assert_not_null(config_find(&cfg->statuses, m[i].status), "%s", m[i].code);
		cr_assert(text_valid_code(m[i].code));
		cr_assert_eq(text_check(m[i].name, NULL), ST_OK);
		associates += strcmp(m[i].status, "associate") == 0;
		salaried += strcmp(m[i].status, "salaried") == 0;
		external += strcmp(m[i].status, "external") == 0;
		if (m[i].rpps) {
			cr_assert(text_valid_rpps(m[i].rpps), "%s: %s", m[i].code, m[i].rpps);
			with_rpps++;
		}
		cr_assert(m[i].fte > 0 && m[i].fte <= 100);
		joined_july += m[i].joined == day(2025, 7, 1);
		left_sept += m[i].left == day(2025, 9, 30);
		left_any += m[i].left != DATE_NONE;
		/* Everybody else was there before the year began. */
		if (m[i].joined != day(2025, 7, 1))
			cr_assert_lt(m[i].joined, day(2025, 1, 1), "%s", m[i].code);
	}
	cr_assert_eq(associates, 11);
	cr_assert_eq(salaried, 3);
	cr_assert_eq(external, 2);
	cr_assert_eq(with_rpps, 12);
	cr_assert_eq(joined_july, 1);
	cr_assert_eq(left_sept, 1);
	cr_assert_eq(left_any, 1);

	const struct member *x = find_member(m, n, "FAURE");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->profession, "nurse");
	cr_assert_eq(x->joined, day(2025, 7, 1));
	x = find_member(m, n, "ROCHE");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->profession, "psychologist");
	cr_assert_eq(x->left, day(2025, 9, 30));
	x = find_member(m, n, "MARTIN");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->name, "Élise Martin");
	cr_assert_str_eq(x->profession, "gp");
	cr_assert_str_eq(x->status, "associate");
	x = find_member(m, n, "NGUYEN");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->name, "Thi-Hoa Nguyen");
	cr_assert_eq(x->fte, 80);
	cr_assert_not_null(find_member(m, n, "LECLERC"));
	cr_assert_str_eq(find_member(m, n, "LECLERC")->name, "François Leclerc");
	cr_assert_not_null(find_member(m, n, "DUBOIS"));
	cr_assert_str_eq(find_member(m, n, "DUBOIS")->name, "Anaïs Dubois");
	x = find_member(m, n, "PETIT");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->profession, "pharmacist");
	cr_assert_str_eq(x->status, "external");
	x = find_member(m, n, "BERNARD");
	cr_assert_not_null(x);
	cr_assert_str_eq(x->profession, "coordinator");
	cr_assert_str_eq(x->status, "salaried");
	cr_assert_null(x->rpps);

	/* The exact set of professions, one line per member. */
	static const char *const want[][2] = {
		{ "BENALI", "nurse" }, { "BERNARD", "coordinator" }, { "CHARPENTIER", "dietitian" },
		{ "DUBOIS", "gp" }, { "FAURE", "nurse" }, { "GARNIER", "secretary" },
		{ "GIRARD", "speech-therapist" }, { "LAMBERT", "medical-assistant" },
		{ "LECLERC", "gp" }, { "LEFEBVRE", "midwife" }, { "MARTIN", "gp" },
		{ "MOREAU", "physio" }, { "NGUYEN", "gp" }, { "PETIT", "pharmacist" },
		{ "ROCHE", "psychologist" }, { "ROUSSEL", "nurse" },
	};
	cr_assert_eq(COUNT(want), n);
	for (size_t i = 0; i < COUNT(want); i++) {
		x = find_member(m, n, want[i][0]);
		cr_assert_not_null(x, "%s", want[i][0]);
		cr_assert_str_eq(x->profession, want[i][1]);
	}

	char *name = NULL;
	cr_assert_eq(db_setting_get(app_db(a), "name", &name, &e), ST_OK);
	cr_assert_str_eq(name, "Maison de santé des Tilleuls");
	free(name);
	name = app_practice_name(a);
	cr_assert_str_eq(name, "Maison de santé des Tilleuls");
	free(name);

	member_list_free(m, n);
	app_close(a);
}

/* Tallies of the patients, gathered by the callback. */
struct ptally {
	const struct member *m;
	size_t nm;
	const struct config *cfg;
	size_t per_member[32];
	size_t total, left, enrolled_2025, c2s, with_ald, women;
	int min_birth, max_birth;
	int64_t birth_sum;
};

static enum status tally_patient(const struct patient *p, void *ctx)
{
	struct ptally *t = ctx;
	size_t i;
	for (i = 0; i < t->nm; i++)
		if (strcmp(t->m[i].code, p->gp) == 0)
			break;
	cr_assert_lt(i, t->nm, "%s: GP %s", p->code, p->gp);
	const struct member *gp = &t->m[i];
	cr_assert_str_eq(gp->profession, "gp", "%s", p->code);
	t->per_member[i]++;
	t->total++;
	cr_assert_geq(p->enrolled, gp->joined, "%s", p->code);
	cr_assert_geq(p->enrolled, day(2015, 1, 1), "%s", p->code);
	cr_assert_leq(p->enrolled, day(2025, 12, 31), "%s", p->code);
	if (p->left != DATE_NONE) {
		t->left++;
		cr_assert_geq(p->left, day(2025, 1, 1), "%s", p->code);
		cr_assert_leq(p->left, day(2025, 12, 31), "%s", p->code);
		cr_assert_geq(p->left, p->enrolled, "%s", p->code);
	}
	if (p->enrolled >= day(2025, 1, 1))
		t->enrolled_2025++;
	int ey;
	date_split(p->enrolled, &ey, NULL, NULL);
	cr_assert_leq(p->birth_year, ey, "%s born after enrolment", p->code);
	if (p->birth_year < t->min_birth)
		t->min_birth = p->birth_year;
	if (p->birth_year > t->max_birth)
		t->max_birth = p->birth_year;
	t->birth_sum += p->birth_year;
	cr_assert(p->sex == 'F' || p->sex == 'M');
	t->women += p->sex == 'F';
	t->c2s += p->c2s;
	/* Each ALD category is a configured code. */
	cr_assert_not_null(p->ald);
	if (*p->ald) {
		t->with_ald++;
		char *copy = strdup(p->ald), *save = NULL;
		for (char *c = strtok_r(copy, "|", &save); c; c = strtok_r(NULL, "|", &save))
			cr_assert_not_null(config_find(&t->cfg->ald, c), "%s: ald %s", p->code, c);
		free(copy);
	}
	/* The store lists them by code: P000001, P000002, ... */
	char want[16];
	snprintf(want, sizeof want, "P%06zu", t->total);
	cr_assert_str_eq(p->code, want);
	return ST_OK;
}

Test(demo, patients)
{
	struct app *a = demo_db("d.db");
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	int64_t count = 0;
	cr_assert_eq(db_count(db, "patients", &count, &e), ST_OK);
	cr_assert(count >= 4500 && count <= 5500);
	cr_assert_eq(count, 5000);

	struct member *m;
	size_t nm;
	cr_assert_eq(db_members(db, &m, &nm, &e), ST_OK);
	cr_assert_leq(nm, 32);
	struct ptally t = { .m = m, .nm = nm, .cfg = app_config(a), .min_birth = 9999 };
	cr_assert_eq(db_patients_each(db, tally_patient, &t, &e), ST_OK);
	cr_assert_eq(t.total, 5000);

	static const struct { const char *gp; size_t n; } lists[] = {
		{ "MARTIN", 1562 }, { "NGUYEN", 1087 }, { "LECLERC", 1349 }, { "DUBOIS", 1002 },
	};
	size_t gps = 0;
	for (size_t i = 0; i < nm; i++) {
		if (strcmp(m[i].profession, "gp") != 0) {
			cr_assert_eq(t.per_member[i], 0, "%s has patients", m[i].code);
			continue;
		}
		gps++;
		cr_assert(t.per_member[i] >= 800 && t.per_member[i] <= 2000, "%s: %zu",
		          m[i].code, t.per_member[i]);
		for (size_t j = 0; j < COUNT(lists); j++)
			if (strcmp(lists[j].gp, m[i].code) == 0)
				cr_assert_eq(t.per_member[i], lists[j].n, "%s", m[i].code);
	}
	cr_assert_eq(gps, 4);

	/* The shape the brief asks for, then the exact draws, which only a
	 * change to the generator may move. */
	cr_assert(t.left >= 200 && t.left <= 400, "left %zu", t.left);
	cr_assert(t.c2s >= 400 && t.c2s <= 600, "c2s %zu", t.c2s);
	cr_assert(t.enrolled_2025 >= 250 && t.enrolled_2025 <= 700, "new %zu", t.enrolled_2025);
	cr_assert(t.min_birth >= 1930 && t.max_birth <= 2024);
	cr_log_info("patients: left %zu, new in 2025 %zu, c2s %zu, ald %zu, women %zu, "
	            "births %d..%d sum %" PRId64, t.left, t.enrolled_2025, t.c2s, t.with_ald,
	            t.women, t.min_birth, t.max_birth, t.birth_sum);
	cr_assert_eq(t.left, 318);
	cr_assert_eq(t.enrolled_2025, 482);
	cr_assert_eq(t.c2s, 495);
	cr_assert_eq(t.with_ald, 873);
	cr_assert_eq(t.women, 2668);
	cr_assert_eq(t.birth_sum, 9898301);

	member_list_free(m, nm);
	app_close(a);
}

Test(demo, receipts)
{
	struct app *a = demo_db("d.db");
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	static const struct {
		const char *ref, *source, *kind, *exercise;
		int year;            /* period: the whole year */
		int ry, rm, rd;
		int64_t amount;
	} want[] = {
		{ "ACI-2024-SOLDE", "ACI", "balance", "2024", 2024, 2025, 4, 28, 3127458 },
		{ "ACI-2025-AV", "ACI", "advance", "2025", 2025, 2025, 4, 28, 4923600 },
		{ "ACI-2025-SOLDE", "ACI", "balance", "2025", 2025, 2026, 4, 27, 3317747 },
		{ "PEPS-2025-T1", "PEPS", "quarterly", "2025", 2025, 2025, 2, 14, 2314587 },
		{ "PEPS-2025-T2", "PEPS", "quarterly", "2025", 2025, 2025, 5, 15, 2298713 },
		{ "PEPS-2025-T3", "PEPS", "quarterly", "2025", 2025, 2025, 8, 14, 2351042 },
		{ "PEPS-2025-T4", "PEPS", "quarterly", "2025", 2025, 2025, 11, 14, 2327396 },
		{ "IPEP-2025-AMORCAGE", "IPEP", "seed", "2025", 2025, 2025, 3, 20, 2000000 },
		{ "FIR-2025-COORD", "FIR", "grant", "2025", 2025, 2025, 6, 12, 1260000 },
	};
	for (size_t i = 0; i < COUNT(want); i++) {
		struct receipt r;
		cr_assert_eq(db_receipt_find(db, want[i].ref, &r, &e), ST_OK, "%s", want[i].ref);
		cr_assert_str_eq(r.reference, want[i].ref);
		cr_assert_str_eq(r.source, want[i].source, "%s", want[i].ref);
		cr_assert_str_eq(r.kind, want[i].kind, "%s", want[i].ref);
		cr_assert_str_eq(r.exercise, want[i].exercise, "%s", want[i].ref);
		cr_assert_eq(r.start, date_year_start(want[i].year), "%s", want[i].ref);
		cr_assert_eq(r.end, date_year_end(want[i].year), "%s", want[i].ref);
		cr_assert_eq(r.received, day(want[i].ry, want[i].rm, want[i].rd), "%s", want[i].ref);
		cr_assert_eq(r.amount, want[i].amount, "%s", want[i].ref);
		receipt_fini(&r);
	}

	struct receipt *r;
	size_t n;
	cr_assert_eq(db_receipts(db, &r, &n, &e), ST_OK);
	cr_assert_eq(n, COUNT(want));
	int64_t total = 0, aci2025 = 0;
	for (size_t i = 0; i < n; i++) {
		total += r[i].amount;
		if (strcmp(r[i].source, "ACI") == 0 && strcmp(r[i].exercise, "2025") == 0)
			aci2025 += r[i].amount;
		cr_assert_not_null(config_find(&app_config(a)->sources, r[i].source));
		cr_assert_not_null(config_find(&app_config(a)->receipt_kinds, r[i].kind));
	}
	/* 82 413,47 € for ACI 2025, of which 60 % of 82 060,00 € in advance. */
	cr_assert_eq(aci2025, 8241347);
	cr_assert_eq(4923600 * 100, 8206000 * 60);
	cr_assert_eq(total, 23920543);   /* 239 205,43 € */
	receipt_list_free(r, n);
	app_close(a);
}

Test(demo, posts_and_fundings)
{
	struct app *a = demo_db("d.db");
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	struct post *p;
	size_t np;
	cr_assert_eq(db_posts(db, &p, &np, &e), ST_OK);
	cr_assert_eq(np, 3);
	static const struct { const char *code, *holder; int32_t fte; int64_t cost; } want[] = {
		{ "COORD", "BERNARD", 80, 4200000 },
		{ "ASSIST", "LAMBERT", 100, 3800000 },
		{ "SECR", "GARNIER", 100, 3450000 },
	};
	for (size_t i = 0; i < COUNT(want); i++) {
		size_t j;
		for (j = 0; j < np && strcmp(p[j].code, want[i].code) != 0; j++)
			;
		cr_assert_lt(j, np, "%s", want[i].code);
		cr_assert_str_eq(p[j].holder, want[i].holder);
		cr_assert_eq(p[j].fte, want[i].fte);
		cr_assert_eq(p[j].yearly_cost, want[i].cost);
		cr_assert_eq(p[j].end, DATE_NONE);
	}
	post_list_free(p, np);

	struct post_funding *f;
	size_t nf;
	cr_assert_eq(db_fundings(db, &f, &nf, &e), ST_OK);
	cr_assert_eq(nf, 5);
	/* Shares in force on a day, per post and source. */
	static const struct { const char *post, *source; int m, d; int32_t bp; } on[] = {
		{ "COORD", "ACI", 3, 1, 7000 }, { "COORD", "FIR", 3, 1, 3000 },
		{ "COORD", "ACI", 12, 31, 7000 }, { "COORD", "FIR", 12, 31, 3000 },
		{ "ASSIST", "ACI", 6, 30, 10000 },
		{ "SECR", "ACI", 1, 1, 5000 }, { "SECR", "ACI", 6, 30, 5000 },
		{ "SECR", "ACI", 7, 1, 4000 }, { "SECR", "ACI", 12, 31, 4000 },
	};
	for (size_t i = 0; i < COUNT(on); i++) {
		int32_t d = day(2025, on[i].m, on[i].d);
		int32_t bp = 0;
		for (size_t j = 0; j < nf; j++)
			if (strcmp(f[j].post, on[i].post) == 0 && strcmp(f[j].source, on[i].source) == 0 &&
			    f[j].start <= d && (f[j].end == DATE_NONE || d <= f[j].end))
				bp += f[j].share_bp;
		cr_assert_eq(bp, on[i].bp, "%s %s %d-%d", on[i].post, on[i].source, on[i].m, on[i].d);
	}
	size_t open_ended = 0;
	for (size_t j = 0; j < nf; j++)
		open_ended += f[j].end == DATE_NONE;
	cr_assert_eq(open_ended, 1);
	funding_list_free(f, nf);
	app_close(a);
}

Test(demo, activities)
{
	struct app *a = demo_db("d.db");
	struct db *db = app_db(a);
	const struct config *cfg = app_config(a);
	struct err e = ERR_INIT;
	struct member *m;
	size_t nm;
	cr_assert_eq(db_members(db, &m, &nm, &e), ST_OK);
	struct activity *ac;
	size_t n;
	cr_assert_eq(db_activities(db, &ac, &n, &e), ST_OK);
	cr_assert_gt(n, 200);

	int64_t hours = 0;
	size_t by_kind[6] = { 0 };
	static const char *const kinds[] = { "meeting", "RCP", "protocol", "coordination",
	                                     "training", "mission" };
	size_t faure = 0, roche = 0;
	for (size_t i = 0; i < n; i++) {
		const struct member *x = find_member(m, nm, ac[i].member);
		cr_assert_not_null(x, "%s", ac[i].member);
		cr_assert_geq(ac[i].date, x->joined, "%s before joining", x->code);
		if (x->left != DATE_NONE)
			cr_assert_leq(ac[i].date, x->left, "%s after leaving", x->code);
		cr_assert_geq(ac[i].date, day(2025, 1, 1));
		cr_assert_leq(ac[i].date, day(2025, 12, 31));
		cr_assert(ac[i].hours > 0 && ac[i].hours <= 800);
		cr_assert_not_null(config_find(&cfg->activity_kinds, ac[i].kind));
		hours += ac[i].hours;
		for (size_t k = 0; k < COUNT(kinds); k++)
			by_kind[k] += strcmp(ac[i].kind, kinds[k]) == 0;
		faure += strcmp(x->code, "FAURE") == 0;
		roche += strcmp(x->code, "ROCHE") == 0;
		/* Meetings are the associates'. */
		if (strcmp(ac[i].kind, "meeting") == 0) {
			cr_assert_str_eq(x->status, "associate");
			cr_assert_eq(ac[i].hours, 150);
		}
		if (strcmp(ac[i].kind, "RCP") == 0) {
			cr_assert(strcmp(x->profession, "gp") == 0 || strcmp(x->profession, "nurse") == 0);
			cr_assert_eq(ac[i].hours, 200);
		}
	}
	for (size_t k = 0; k < COUNT(kinds); k++)
		cr_assert_gt(by_kind[k], 0, "no %s", kinds[k]);
	/* The members who came and went in the year still took part. */
	cr_assert_gt(faure, 5);
	cr_assert_gt(roche, 5);
	cr_log_info("activities: %zu, hours %" PRId64 "; meeting %zu RCP %zu protocol %zu "
	            "coordination %zu training %zu mission %zu", n, hours, by_kind[0], by_kind[1],
	            by_kind[2], by_kind[3], by_kind[4], by_kind[5]);
	cr_assert_eq(n, 563);
	cr_assert_eq(hours, 103700);

	activity_list_free(ac, n);
	member_list_free(m, nm);
	app_close(a);
}

Test(demo, same_on_every_run)
{
	struct app *a = demo_db("one.db");
	struct app *b = demo_db("two.db");
	char *fa = fingerprint(a), *fb = fingerprint(b);
	cr_assert_not_null(fa);
	cr_assert_not_null(fb);
	cr_assert_gt(strlen(fa), 100000);
	cr_assert_eq(strlen(fa), strlen(fb));
	cr_assert(strcmp(fa, fb) == 0, "two demo databases differ");
	free(fa);
	free(fb);
	app_close(a);
	app_close(b);
}

Test(demo, audited)
{
	struct app *a = demo_db("d.db");
	struct err e = ERR_INIT;
	int64_t entries = 0;
	cr_assert_eq(db_audit_verify(app_db(a), &entries, NULL, &e), ST_OK, "%s", err_text(&e));
	cr_assert_geq(entries, 1);
	app_close(a);
}

/* A database that holds members is refused, and left exactly as it was:
 * content and audit log. */
Test(demo, refuses_a_practice)
{
	struct app *a = demo_db("d.db");
	struct err e = ERR_INIT;
	char *before = fingerprint(a);
	int64_t audit_before = 0, audit_after = 0;
	cr_assert_eq(db_audit_verify(app_db(a), &audit_before, NULL, &e), ST_OK);

	cr_assert_eq(app_demo(a, &e), ST_REFUSED);
	cr_assert_str_eq(err_text(&e), "the database already holds a practice; the demo needs a new file");
	err_fini(&e);

	char *after = fingerprint(a);
	cr_assert(strcmp(before, after) == 0, "the refused demo changed the database");
	cr_assert_eq(db_audit_verify(app_db(a), &audit_after, NULL, &e), ST_OK);
	cr_assert_eq(audit_after, audit_before);
	free(before);
	free(after);
	app_close(a);
}

/* One member is enough to refuse. */
Test(demo, refuses_one_member)
{
	struct app *a = open_db("d.db");
	struct db *db = app_db(a);
	struct err e = ERR_INIT;
	struct member m = {
		.code = "SOLO", .name = "Jeanne Solo", .profession = "gp", .status = "associate",
		.joined = day(2020, 1, 1), .left = DATE_NONE, .fte = 100,
	};
	cr_assert_eq(db_begin(db, &e), ST_OK);
	cr_assert_eq(db_profession_put(db, "gp", "medical", &e), ST_OK);
	cr_assert_eq(db_member_put(db, &m, NULL, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(db_commit(db, &e), ST_OK);

	cr_assert_eq(app_demo(a, &e), ST_REFUSED);
	err_fini(&e);
	int64_t n = -1;
	cr_assert_eq(db_count(db, "members", &n, &e), ST_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(db_count(db, "patients", &n, &e), ST_OK);
	cr_assert_eq(n, 0);
	char *name = NULL;
	cr_assert_eq(db_setting_get(db, "name", &name, &e), ST_OK);
	cr_assert_null(name);
	app_close(a);
}

/* A database named by init but still empty takes the demo. */
Test(demo, after_init)
{
	struct app *a = open_db("d.db");
	struct err e = ERR_INIT;
	cr_assert_eq(app_init(a, "Cabinet vide", &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_demo(a, &e), ST_OK, "%s", err_text(&e));
	int64_t n = 0;
	cr_assert_eq(db_count(app_db(a), "members", &n, &e), ST_OK);
	cr_assert_eq(n, 16);
	char *name = app_practice_name(a);
	cr_assert_str_eq(name, "Maison de santé des Tilleuls");
	free(name);
	app_close(a);
}
