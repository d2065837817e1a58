/* test_import.c: French-spreadsheet CSV files imported with the right
 * values, exports that import back to the same bytes, and bad files refused
 * with "FILE:LINE: what", the database left exactly as it was. */
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
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/text.h"

#include "support.h"

#define FIX "tests/fixtures/import/"


static void setup(void)
{
	support_setup("import");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(import, .init = setup, .fini = teardown);

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static int32_t day(int y, int m, int d)
{
	int32_t v = 0;
	cr_assert_eq(date_make(y, m, d, &v), ST_OK);
	return v;
}

/* A new practice, named, with no record yet. */
static struct app *practice(void)
{
	char *p = support_path("p.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	cr_assert_eq(app_init(a, "Test", &e), ST_OK, "app_init: %s", err_text(&e));
	free(p);
	return a;
}

static size_t import_ok(struct app *a, enum table t, const char *path)
{
	size_t n = 999;
	struct err e = ERR_INIT;
	enum status rc = app_import(a, t, path, &n, &e);
	cr_assert_eq(rc, ST_OK, "import %s: %s", path, err_text(&e));
	err_fini(&e);
	return n;
}

/* Every good fixture, in the order their references need. */
static struct app *full_practice(void)
{
	struct app *a = practice();
	cr_assert_eq(import_ok(a, TABLE_MEMBERS, FIX "members.csv"), 4);
	cr_assert_eq(import_ok(a, TABLE_POSTS, FIX "posts.csv"), 2);
	cr_assert_eq(import_ok(a, TABLE_PATIENTS, FIX "patients.csv"), 4);
	cr_assert_eq(import_ok(a, TABLE_RECEIPTS, FIX "receipts.csv"), 4);
	cr_assert_eq(import_ok(a, TABLE_ACTIVITIES, FIX "activities.csv"), 3);
	return a;
}

static int64_t count(struct app *a, const char *table)
{
	int64_t n = -1;
	struct err e = ERR_INIT;
	cr_assert_eq(db_count(app_db(a), table, &n, &e), ST_OK, "%s", err_text(&e));
	return n;
}

static char *export(struct app *a, enum table t)
{
	struct sbuf b;
	sb_init(&b);
	struct err e = ERR_INIT;
	cr_assert_eq(app_export(a, t, &b, &e), ST_OK, "export %s: %s", table_name(t), err_text(&e));
	cr_assert_not(b.failed);
	return sb_take(&b);
}

/* The whole database as text: every table exported, fundings and audit
 * entries counted. Equal states mean nothing was written. */
static char *state(struct app *a)
{
	struct sbuf b;
	sb_init(&b);
	for (int t = 0; t < TABLE__COUNT; t++) {
		char *x = export(a, (enum table)t);
		sb_add(&b, x);
		free(x);
	}
	sb_printf(&b, "fundings %" PRId64 "\naudit %" PRId64 "\n", count(a, "post_funding"),
	          count(a, "audit"));
	return sb_take(&b);
}

/* The file must be refused, the message must start "FILE:LINE: " and hold
 * `words`, and the database must not have changed at all. */
static void refused(struct app *a, enum table t, const char *path, int line,
                    enum status want, const char *words)
{
	char *before = state(a);
	size_t n = 999;
	struct err e = ERR_INIT;
	enum status rc = app_import(a, t, path, &n, &e);
	cr_assert_eq(rc, want, "import %s: status %d, want %d: %s", path, (int)rc, (int)want,
	             err_text(&e));
	cr_assert_eq(n, 0, "count %zu after a refusal", n);
	char prefix[512];
	snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
	cr_assert(strncmp(err_text(&e), prefix, strlen(prefix)) == 0,
	          "message \"%s\" does not start with \"%s\"", err_text(&e), prefix);
	cr_assert(strstr(err_text(&e), words), "message \"%s\" lacks \"%s\"", err_text(&e), words);
	err_fini(&e);
	char *after = state(a);
	cr_assert_str_eq(after, before, "the refused import of %s changed the database", path);
	free(before);
	free(after);
}

static const struct member *member_by(const struct member *v, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return &v[i];
	cr_assert_fail("no member %s", code);
	return NULL;
}

static const struct receipt *receipt_by(const struct receipt *v, size_t n, const char *ref)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].reference && strcmp(v[i].reference, ref) == 0)
			return &v[i];
	cr_assert_fail("no receipt %s", ref);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Good files. */

Test(import, members)
{
	struct app *a = practice();
	int64_t audit = count(a, "audit");
	/* Shuffled columns, BOM, CRLF, a quoted name with ';' and doubled
	 * quotes, "0,8", DD/MM/YYYY and ISO dates, a trailing ";;;" row. */
	cr_assert_eq(import_ok(a, TABLE_MEMBERS, FIX "members.csv"), 4);
	cr_assert_eq(count(a, "audit"), audit + 1, "one audit entry per import");
	struct member *v;
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(db_members(app_db(a), &v, &n, &e), ST_OK);
	cr_assert_eq(n, 4);
	const struct member *m = member_by(v, n, "GP1");
	cr_assert_str_eq(m->name, "Dr Élodie Martin");
	cr_assert_str_eq(m->profession, "gp");
	cr_assert_str_eq(m->status, "associate");
	cr_assert_eq(m->joined, day(2020, 1, 1));
	cr_assert_eq(m->left, DATE_NONE);
	cr_assert_eq(m->fte, 100);
	cr_assert_str_eq(m->rpps, "10001234565");
	m = member_by(v, n, "GP2");
	cr_assert_str_eq(m->name, "Bernard \"Ben\" Dupont; fils");
	cr_assert_eq(m->fte, 80);
	cr_assert_eq(m->joined, day(2025, 3, 15));
	cr_assert_null(m->rpps);
	m = member_by(v, n, "IDE1");
	cr_assert_str_eq(m->name, "Nguyễn Thị Lan");
	cr_assert_str_eq(m->profession, "nurse");
	cr_assert_eq(m->fte, 50);
	cr_assert_eq(m->joined, day(2018, 9, 1));
	cr_assert_eq(m->left, day(2025, 8, 31));
	m = member_by(v, n, "KINE1");
	cr_assert_str_eq(m->name, "Zoé Lefèvre");
	cr_assert_str_eq(m->status, "salaried");
	cr_assert_str_eq(m->profession, "physio");
	member_list_free(v, n);

	/* The same file again updates by code: no duplicate. */
	cr_assert_eq(import_ok(a, TABLE_MEMBERS, FIX "members.csv"), 4);
	cr_assert_eq(count(a, "members"), 4);
	app_close(a);
}

Test(import, posts_with_funding)
{
	struct app *a = practice();
	import_ok(a, TABLE_MEMBERS, FIX "members.csv");
	cr_assert_eq(import_ok(a, TABLE_POSTS, FIX "posts.csv"), 2);
	struct post *p;
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(db_posts(app_db(a), &p, &n, &e), ST_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(p[0].code, "COORD");
	cr_assert_str_eq(p[0].label, "Coordinatrice");
	cr_assert_null(p[0].holder);
	cr_assert_eq(p[0].fte, 80);
	cr_assert_eq(p[0].yearly_cost, 4200000);   /* "42 000,00 €" */
	cr_assert_eq(p[0].start, day(2025, 1, 1));
	cr_assert_eq(p[0].end, DATE_NONE);
	cr_assert_str_eq(p[1].code, "SECR");
	cr_assert_str_eq(p[1].label, "Secrétariat médical");
	cr_assert_str_eq(p[1].holder, "KINE1");
	cr_assert_eq(p[1].yearly_cost, 2850050);
	cr_assert_eq(p[1].end, day(2025, 12, 31));
	post_list_free(p, n);

	struct post_funding *f;
	cr_assert_eq(db_fundings(app_db(a), &f, &n, &e), ST_OK);
	cr_assert_eq(n, 4);
	/* COORD: "ACI:70|FIR:30" over the post's own period. */
	cr_assert_str_eq(f[0].post, "COORD");
	cr_assert_str_eq(f[0].source, "ACI");
	cr_assert_eq(f[0].share_bp, 7000);
	cr_assert_eq(f[0].start, day(2025, 1, 1));
	cr_assert_eq(f[0].end, DATE_NONE);
	cr_assert_str_eq(f[1].source, "FIR");
	cr_assert_eq(f[1].share_bp, 3000);
	/* SECR: two periods of ACI. */
	cr_assert_str_eq(f[2].post, "SECR");
	cr_assert_eq(f[2].share_bp, 5000);
	cr_assert_eq(f[2].start, day(2025, 1, 1));
	cr_assert_eq(f[2].end, day(2025, 6, 30));
	cr_assert_eq(f[3].share_bp, 4000);
	cr_assert_eq(f[3].start, day(2025, 7, 1));
	cr_assert_eq(f[3].end, day(2025, 12, 31));
	funding_list_free(f, n);

	/* Importing the posts again replaces their fundings. */
	import_ok(a, TABLE_POSTS, FIX "posts.csv");
	cr_assert_eq(count(a, "posts"), 2);
	cr_assert_eq(count(a, "post_funding"), 4);
	app_close(a);
}

struct patient_probe {
	int seen;
	bool ok1, ok2, ok4;
};

static enum status probe_patient(const struct patient *p, void *ctx)
{
	struct patient_probe *pr = ctx;
	pr->seen++;
	if (strcmp(p->code, "P0001") == 0)
		pr->ok1 = strcmp(p->gp, "GP1") == 0 && p->enrolled == day(2024, 1, 15) &&
		          p->left == DATE_NONE && p->birth_year == 1958 && p->sex == 'F' &&
		          strcmp(p->ald, "diabetes|cardio") == 0 && !p->c2s;
	if (strcmp(p->code, "P0002") == 0)
		pr->ok2 = p->enrolled == day(2025, 3, 1) && p->left == day(2025, 9, 30) &&
		          p->sex == 'M' && strcmp(p->ald, "") == 0 && p->c2s;
	if (strcmp(p->code, "P0004") == 0)
		pr->ok4 = strcmp(p->gp, "GP2") == 0 && p->enrolled == day(2012, 12, 12) && !p->c2s;
	return ST_OK;
}

/* Comma-separated, LF, no BOM: what another spreadsheet writes. */
Test(import, patients)
{
	struct app *a = practice();
	import_ok(a, TABLE_MEMBERS, FIX "members.csv");
	cr_assert_eq(import_ok(a, TABLE_PATIENTS, FIX "patients.csv"), 4);
	struct patient_probe pr = { 0 };
	struct err e = ERR_INIT;
	cr_assert_eq(db_patients_each(app_db(a), probe_patient, &pr, &e), ST_OK);
	cr_assert_eq(pr.seen, 4);
	cr_assert(pr.ok1, "P0001 read wrong");
	cr_assert(pr.ok2, "P0002 read wrong");
	cr_assert(pr.ok4, "P0004 read wrong");
	app_close(a);
}

Test(import, receipts)
{
	struct app *a = practice();
	cr_assert_eq(import_ok(a, TABLE_RECEIPTS, FIX "receipts.csv"), 4);
	struct receipt *v;
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(db_receipts(app_db(a), &v, &n, &e), ST_OK);
	cr_assert_eq(n, 4);
	const struct receipt *r = receipt_by(v, n, "ACI-2025-AV");
	cr_assert_str_eq(r->source, "ACI");
	cr_assert_str_eq(r->kind, "advance");
	cr_assert_str_eq(r->exercise, "2025");
	cr_assert_eq(r->start, day(2025, 1, 1));
	cr_assert_eq(r->end, day(2025, 12, 31));
	cr_assert_eq(r->received, day(2025, 4, 28));
	cr_assert_eq(r->amount, 4923600);
	cr_assert_str_eq(r->note, "Avance ACI 2025 (60 %; acompte)");
	r = receipt_by(v, n, "ACI-2024-SOLDE");
	cr_assert_eq(r->amount, -123456);
	cr_assert_str_eq(r->note, "Solde \"négatif\"");
	r = receipt_by(v, n, "PEPS-2025-T1");
	cr_assert_eq(r->amount, 2314587);   /* "23 145,87 €", U+202F and U+00A0 */
	cr_assert_eq(r->end, day(2025, 3, 31));
	cr_assert_eq(r->received, day(2025, 2, 14));
	cr_assert_null(r->note);
	r = receipt_by(v, n, "IPEP-2025-AM");
	cr_assert_eq(r->amount, 2000000);   /* "20000": whole euros */
	cr_assert_str_eq(r->note, "Crédit d'amorçage");
	receipt_list_free(v, n);
	app_close(a);
}

Test(import, activities)
{
	struct app *a = practice();
	import_ok(a, TABLE_MEMBERS, FIX "members.csv");
	cr_assert_eq(import_ok(a, TABLE_ACTIVITIES, FIX "activities.csv"), 3);
	struct activity *v;
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(db_activities(app_db(a), &v, &n, &e), ST_OK);
	cr_assert_eq(n, 3);
	/* Ordered by day. */
	cr_assert_str_eq(v[0].member, "GP1");
	cr_assert_eq(v[0].date, day(2025, 1, 13));
	cr_assert_str_eq(v[0].kind, "RCP");
	cr_assert_eq(v[0].hours, 150);
	cr_assert_str_eq(v[0].note, "Réunion RCP diabète");
	cr_assert_str_eq(v[1].member, "IDE1");
	cr_assert_eq(v[1].hours, 200);
	cr_assert_null(v[1].note);
	cr_assert_str_eq(v[2].member, "GP2");
	cr_assert_str_eq(v[2].kind, "coordination");
	cr_assert_eq(v[2].hours, 75);
	cr_assert_str_eq(v[2].note, "Point \"équipe\"");
	activity_list_free(v, n);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Export, then import back: the same bytes, no duplicate. */

static void roundtrip(struct app *a, enum table t)
{
	char *e1 = export(a, t);
	char *file = support_path("back.csv");
	spit(file, e1, strlen(e1));
	int64_t counts[4] = { count(a, "members"), count(a, "posts"), count(a, "patients"),
	                      count(a, "receipts") };
	int64_t fundings = count(a, "post_funding");
	import_ok(a, t, file);
	char *e2 = export(a, t);
	cr_assert_str_eq(e2, e1, "%s: the export changed after importing it back", table_name(t));
	cr_assert_eq(count(a, "members"), counts[0]);
	cr_assert_eq(count(a, "posts"), counts[1]);
	cr_assert_eq(count(a, "patients"), counts[2]);
	cr_assert_eq(count(a, "receipts"), counts[3], "%s: receipts duplicated", table_name(t));
	cr_assert_eq(count(a, "post_funding"), fundings);
	free(e1);
	free(e2);
	free(file);
}

Test(import, export_import_back_same_bytes)
{
	struct app *a = full_practice();
	roundtrip(a, TABLE_MEMBERS);
	roundtrip(a, TABLE_POSTS);
	roundtrip(a, TABLE_PATIENTS);
	roundtrip(a, TABLE_RECEIPTS);
	app_close(a);
}

/* The export is written for a French spreadsheet. */
Test(import, export_format)
{
	struct app *a = full_practice();
	char *m = export(a, TABLE_MEMBERS);
	const char want[] =
		"\xEF\xBB\xBF" "code;name;profession;status;joined;left;fte;rpps\r\n"
		"GP1;Dr Élodie Martin;gp;associate;2020-01-01;;1,00;10001234565\r\n"
		"GP2;\"Bernard \"\"Ben\"\" Dupont; fils\";gp;associate;2025-03-15;;0,80;\r\n"
		"IDE1;Nguyễn Thị Lan;nurse;associate;2018-09-01;2025-08-31;0,50;\r\n"
		"KINE1;Zoé Lefèvre;physio;salaried;2024-02-01;;1,00;\r\n";
	cr_assert_str_eq(m, want);
	free(m);
	char *r = export(a, TABLE_RECEIPTS);
	cr_assert(strstr(r, ";-1234,56;ACI-2024-SOLDE;\"Solde \"\"négatif\"\"\"\r\n"), "%s", r);
	cr_assert(strstr(r, ";49236,00;ACI-2025-AV;"), "%s", r);
	free(r);
	char *p = export(a, TABLE_POSTS);
	cr_assert(strstr(p, "COORD;Coordinatrice;;0,80;42000,00;2025-01-01;;ACI:70,00|FIR:30,00\r\n"), "%s", p);
	free(p);
	app_close(a);
}

/* The demo's 16 members, 5,000 patients, posts and receipts survive the
 * trip too. */
Test(import, demo_export_import_back_same_bytes, .timeout = 120)
{
	char *p = support_path("demo.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_demo(a, &e), ST_OK, "%s", err_text(&e));
	free(p);
	roundtrip(a, TABLE_MEMBERS);
	roundtrip(a, TABLE_POSTS);
	roundtrip(a, TABLE_PATIENTS);
	roundtrip(a, TABLE_RECEIPTS);
	app_close(a);
}

/* A receipt without a payer reference: the export gives its id, so the
 * file imported back must update it, not add a second one. */
Test(import, receipt_without_reference_not_duplicated)
{
	struct app *a = practice();
	char *file = support_path("r.csv");
	const char csv[] = "\xEF\xBB\xBF" "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n"
	                   "FIR;grant;2025;01/01/2025;31/12/2025;12/06/2025;12 600,00;;Subvention sans référence\r\n";
	spit(file, csv, sizeof csv - 1);
	cr_assert_eq(import_ok(a, TABLE_RECEIPTS, file), 1);
	free(file);
	roundtrip(a, TABLE_RECEIPTS);
	app_close(a);
}

/* The export's formula guard (a leading ') must not end up in the data
 * when the file comes back. */
Test(import, formula_guard_not_kept_on_import)
{
	struct app *a = practice();
	char *file = support_path("r.csv");
	const char csv[] = "source;kind;exercise;period_start;period_end;received;amount;reference;note\n"
	                   "FIR;grant;2025;01/01/2025;31/12/2025;12/06/2025;12 600,00;FIR-1;-10 % retenue ARS\n";
	spit(file, csv, sizeof csv - 1);
	import_ok(a, TABLE_RECEIPTS, file);
	free(file);
	char *x = export(a, TABLE_RECEIPTS);
	cr_assert(strstr(x, ";'-10 % retenue ARS\r\n"), "no guard: %s", x);
	free(x);
	roundtrip(a, TABLE_RECEIPTS);
	struct receipt r;
	struct err e = ERR_INIT;
	cr_assert_eq(db_receipt_find(app_db(a), "FIR-1", &r, &e), ST_OK);
	cr_assert_str_eq(r.note, "-10 % retenue ARS", "the note became \"%s\"", r.note);
	receipt_fini(&r);
	app_close(a);
}

/* A receipt with an approved distribution keeps its amount: a file that
 * changes it is refused at that line (found when writing), nothing
 * written; its note may still change. */
Test(import, receipt_with_approved_distribution_keeps_amount)
{
	struct app *a = full_practice();
	struct err e = ERR_INIT;
	size_t n;
	cr_assert_eq(app_key_examples(a, &n, &e), ST_OK, "%s", err_text(&e));
	struct app_dist_request rq = { .receipt = "ACI-2025-AV", .key = "Equal shares" };
	struct distribution d;
	cr_assert_eq(app_distribute(a, &rq, &d, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_approve(a, d.id, day(2025, 5, 10), NULL, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);

	const char head[] = "source;kind;exercise;period_start;period_end;received;amount;reference;note\r\n";
	const char peps[] = "PEPS;quarterly;2025;2025-01-01;2025-03-31;14/02/2025;23145,87;PEPS-2025-T1;corrigé\r\n";
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%sACI;advance;2025;01/01/2025;31/12/2025;28/04/2025;49 237,00;ACI-2025-AV;\r\n", head, peps);
	char *file = support_path("changed.csv");
	spit(file, b.s, b.len);
	sb_fini(&b);
	refused(a, TABLE_RECEIPTS, file, 3, ST_FROZEN, "approved distribution");

	sb_printf(&b, "%s%sACI;advance;2025;01/01/2025;31/12/2025;28/04/2025;49 236,00;ACI-2025-AV;Avance reçue\r\n",
	          head, peps);
	spit(file, b.s, b.len);
	sb_fini(&b);
	cr_assert_eq(import_ok(a, TABLE_RECEIPTS, file), 2);
	struct receipt r;
	cr_assert_eq(db_receipt_find(app_db(a), "ACI-2025-AV", &r, &e), ST_OK);
	cr_assert_eq(r.amount, 4923600);
	cr_assert_str_eq(r.note, "Avance reçue");
	receipt_fini(&r);
	free(file);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Bad files: the line named, nothing written. Each bad file has good rows
 * before the bad one, so a partial import would show. */

Test(import, three_decimal_amount)
{
	struct app *a = full_practice();
	refused(a, TABLE_RECEIPTS, FIX "receipts-three-decimals.csv", 3, ST_INVALID, "amount \"12,345\"");
	app_close(a);
}

/* Line 2 renames GP1: a partial write would show in the export. */
Test(import, impossible_date)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-bad-date.csv", 4, ST_INVALID, "\"31/02/2025\" is not a date");
	app_close(a);
}

Test(import, unknown_profession)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-unknown-profession.csv", 3, ST_INVALID,
	        "unknown profession \"astronaut\"");
	app_close(a);
}

/* Found only when writing (the member is looked up in the database): the
 * line is still named and the two rows before it rolled back. */
Test(import, unknown_member_in_activities)
{
	struct app *a = full_practice();
	refused(a, TABLE_ACTIVITIES, FIX "activities-unknown-member.csv", 4, ST_NOTFOUND,
	        "unknown member \"GHOST\"");
	app_close(a);
}

Test(import, unknown_holder_of_post)
{
	struct app *a = full_practice();
	refused(a, TABLE_POSTS, FIX "posts-unknown-holder.csv", 3, ST_NOTFOUND, "unknown member \"GHOST\"");
	app_close(a);
}

Test(import, unknown_gp_of_patient)
{
	struct app *a = full_practice();
	refused(a, TABLE_PATIENTS, FIX "patients-unknown-gp.csv", 3, ST_NOTFOUND, "unknown GP \"GHOST\"");
	app_close(a);
}

Test(import, name_with_escape_character)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-control-char.csv", 3, ST_INVALID, "control character");
	app_close(a);
}

Test(import, name_with_bidi_override)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-bidi.csv", 2, ST_INVALID, "bidirectional");
	app_close(a);
}

Test(import, invalid_utf8)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-invalid-utf8.csv", 3, ST_INVALID, "UTF-8");
	app_close(a);
}

Test(import, missing_column)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-missing-column.csv", 1, ST_INVALID, "missing column \"status\"");
	app_close(a);
}

Test(import, unknown_column)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-unknown-column.csv", 1, ST_INVALID, "unknown column \"email\"");
	app_close(a);
}

Test(import, duplicate_header)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-duplicate-column.csv", 1, ST_INVALID, "duplicate column \"Name\"");
	app_close(a);
}

Test(import, too_many_cells)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-too-many-cells.csv", 3, ST_INVALID, "8 cells");
	app_close(a);
}

Test(import, misplaced_quote)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-misplaced-quote.csv", 3, ST_INVALID, "quote");
	app_close(a);
}

Test(import, fte_above_one)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-bad-fte.csv", 3, ST_INVALID, "fte");
	app_close(a);
}

Test(import, funding_above_100)
{
	struct app *a = full_practice();
	refused(a, TABLE_POSTS, FIX "posts-funding-over.csv", 2, ST_INVALID, "more than 100 %");
	app_close(a);
}

Test(import, hours_with_three_decimals)
{
	struct app *a = full_practice();
	refused(a, TABLE_ACTIVITIES, FIX "activities-bad-hours.csv", 2, ST_INVALID, "hours \"1,555\"");
	app_close(a);
}

/* Blank lines and a ";;;" row still count as lines of the file. */
Test(import, line_numbers_count_blank_lines)
{
	struct app *a = full_practice();
	refused(a, TABLE_MEMBERS, FIX "members-blank-lines.csv", 5, ST_INVALID, "unknown status \"boss\"");
	app_close(a);
}

Test(import, empty_and_missing_files)
{
	struct app *a = full_practice();
	char *empty = support_path("empty.csv"), *missing = support_path("missing.csv");
	spit(empty, "\xEF\xBB\xBF", 3);
	char *before = state(a);
	size_t n = 9;
	struct err e = ERR_INIT;
	cr_assert_eq(app_import(a, TABLE_MEMBERS, empty, &n, &e), ST_INVALID, "%s", err_text(&e));
	cr_assert(strstr(err_text(&e), "empty"), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(app_import(a, TABLE_MEMBERS, missing, &n, &e), ST_IO, "%s", err_text(&e));
	cr_assert(strstr(err_text(&e), missing), "%s", err_text(&e));
	err_fini(&e);
	char *after = state(a);
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
	free(empty);
	free(missing);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* NIRs: a patient file carrying social-security numbers is refused. */

/* The 15 characters of a NIR: 13 given, then the key 97 - (N mod 97),
 * with Corsica's 2A and 2B read as 19 and 18 for N. */
static void nir_of(const char *first13, char out[16])
{
	int64_t num = 0;
	for (int i = 0; i < 13; i++) {
		char c = first13[i];
		if (i == 6 && first13[5] == '2' && (c == 'A' || c == 'B')) {
			num = num / 10 * 100 + (c == 'A' ? 19 : 18);
			continue;
		}
		cr_assert(c >= '0' && c <= '9');
		num = num * 10 + (c - '0');
	}
	int key = 97 - (int)(num % 97);   /* 1..97: two digits */
	memcpy(out, first13, 13);
	out[13] = (char)('0' + key / 10);
	out[14] = (char)('0' + key % 10);
	out[15] = '\0';
}

Test(import, nir_builder_agrees_with_text_is_nir)
{
	/* A published example: 2 55 08 14 168 025, key 38. */
	char n[16];
	nir_of("2550814168025", n);
	cr_assert_str_eq(n, "255081416802538");
	cr_assert(text_is_nir(n));
	nir_of("185072A123456", n);
	cr_assert(text_is_nir(n), "%s", n);
}

Test(import, patient_file_with_nir_column_refused)
{
	struct app *a = full_practice();
	const char *bases[] = { "1850775123456", "2920133004007", "1681299123045" };
	struct sbuf b;
	sb_init(&b);
	sb_add(&b, "\xEF\xBB\xBF" "code;gp;enrolled;left;birth_year;sex;ald;c2s;nir\r\n");
	for (int i = 0; i < 3; i++) {
		char nir[16];
		nir_of(bases[i], nir);
		cr_assert(text_is_nir(nir), "%s", nir);
		sb_printf(&b, "P9%d;GP1;01/01/2025;;1985;F;;0;%s\r\n", i, nir);
	}
	char *file = support_path("patients-nir.csv");
	spit(file, b.s, b.len);
	sb_fini(&b);
	refused(a, TABLE_PATIENTS, file, 2, ST_REFUSED, "column \"nir\"");
	struct err e = ERR_INIT;
	size_t n;
	app_import(a, TABLE_PATIENTS, file, &n, &e);
	cr_assert(strstr(err_text(&e), "NIR"), "%s", err_text(&e));
	err_fini(&e);
	free(file);
	app_close(a);
}

/* Written with spaces, from Corsica, hidden in the code column of the
 * third line. */
Test(import, corsican_nir_in_code_column_refused)
{
	struct app *a = full_practice();
	char nir[16];
	nir_of("185072A123456", nir);
	char spaced[32];
	snprintf(spaced, sizeof spaced, "%.1s %.2s %.2s %.2s %.3s %.3s %.2s", nir, nir + 1, nir + 3,
	         nir + 5, nir + 7, nir + 10, nir + 13);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "code;gp;enrolled;birth_year;sex\r\nP9;GP1;01/01/2025;1985;F\r\n%s;GP1;01/01/2025;1985;M\r\n",
	          spaced);
	char *file = support_path("patients-nir2.csv");
	spit(file, b.s, b.len);
	sb_fini(&b);
	refused(a, TABLE_PATIENTS, file, 3, ST_REFUSED, "column \"code\"");
	free(file);
	app_close(a);
}

/* Fifteen digits whose key does not match are not a NIR: a local code
 * like that imports. */
Test(import, fifteen_digits_without_nir_key_accepted)
{
	struct app *a = full_practice();
	char nir[16];
	nir_of("1850775123456", nir);
	nir[14] = nir[14] == '9' ? '0' : (char)(nir[14] + 1);
	cr_assert_not(text_is_nir(nir));
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "code;gp;enrolled;birth_year;sex\r\n%s;GP1;01/01/2025;1985;F\r\n", nir);
	char *file = support_path("patients-ok.csv");
	spit(file, b.s, b.len);
	sb_fini(&b);
	cr_assert_eq(import_ok(a, TABLE_PATIENTS, file), 1);
	cr_assert_eq(count(a, "patients"), 5);
	free(file);
	app_close(a);
}

/* However it is written (separators, Corsica), a NIR is refused in the
 * patients' code column before anything is read, and in the code columns
 * of the other tables (members, posts, a post's holder, an activity's
 * member), at its line, without the message repeating it. */
Test(import, nir_with_separators_refused_in_every_code_column)
{
	struct app *a = full_practice();
	static const char *const written[] = {
		"1-85-07-75-123-456-08", "1 85 07 75 123 456 08", "1_85_07_75_123_456_08",
		"1.85.07.75.123.456.08", "1-85-07-2A-123-456-65", "1_85_07_2b_123_456_92",
	};
	char *file = support_path("nir.csv");
	for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
		const char *n = written[i];
		cr_assert(text_is_nir(n), "%s", n);
		struct {
			enum table t;
			const char *head, *tail;   /* the file: head, the NIR, tail */
			enum status want;
			const char *words;
		} cases[] = {
			{ TABLE_PATIENTS, "code;gp;enrolled;birth_year;sex\r\nP9;GP1;01/01/2025;1985;F\r\n", ";GP1;01/01/2025;1985;M\r\n",
			  ST_REFUSED, "column \"code\" holds a French social-security number (NIR)" },
			{ TABLE_MEMBERS, "code;name;profession;status;joined;fte\r\nX1;X;gp;associate;2020-01-01;1\r\n", ";Y;gp;associate;2020-01-01;1\r\n",
			  ST_INVALID, "code is a French social-security number (NIR)" },
			{ TABLE_POSTS, "code;label;fte;cost;start\r\nP1;X;1;100;2025-01-01\r\n", ";Y;1;100;2025-01-01\r\n",
			  ST_INVALID, "code is a French social-security number (NIR)" },
			{ TABLE_POSTS, "code;label;holder;fte;cost;start\r\nP1;X;;1;100;2025-01-01\r\nP2;Y;", ";1;100;2025-01-01\r\n",
			  ST_INVALID, "holder is a French social-security number (NIR)" },
			{ TABLE_ACTIVITIES, "member;date;kind;hours\r\nGP1;2025-02-03;RCP;1\r\n", ";2025-02-03;RCP;1\r\n",
			  ST_INVALID, "member is a French social-security number (NIR)" },
		};
		for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
			struct sbuf b;
			sb_init(&b);
			sb_printf(&b, "%s%s%s", cases[c].head, n, cases[c].tail);
			spit(file, b.s, b.len);
			sb_fini(&b);
			refused(a, cases[c].t, file, 3, cases[c].want, cases[c].words);
			size_t count_ = 0;
			struct err e = ERR_INIT;
			app_import(a, cases[c].t, file, &count_, &e);
			cr_assert_null(strstr(err_text(&e), n), "the message repeats the NIR: %s", err_text(&e));
			err_fini(&e);
		}
	}
	free(file);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* Post funding: the import follows the rules of the funding form. */

/* A posts file whose COORD row (line 2) has the funding cell `funding`. */
static char *posts_with(const char *funding)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "code;label;fte;cost;start;end;funding\r\nCOORD;Coordination;1;42000;01/01/2025;;%s\r\n",
	          funding);
	char *file = support_path("posts-funding.csv");
	spit(file, b.s, b.len);
	sb_fini(&b);
	return file;
}

Test(import, post_funding_follows_the_form_rules)
{
	struct app *a = full_practice();
	static const struct { const char *cell, *words; } bad[] = {
		/* On no day more than 100 %: the day and the total named. */
		{ "ACI:60:01/01/2025:30/06/2025|FIR:50:01/06/2025:31/12/2025",
		  "funding: on 2025-06-01 the shares add up to 110 %, more than 100 %" },
		{ "ACI:70|FIR:40:2025-07-01", "funding: on 2025-07-01 the shares add up to 110 %, more than 100 %" },
		{ "ACI:70|FIR:20|ACI:20:2026-01-01:2026-12-31",
		  "funding: on 2026-01-01 the shares add up to 110 %, more than 100 %" },
		/* Malformed: a fifth part, an empty part or item, a bad number. */
		{ "ACI:50:2025-01-01:2025-06-30:2025-12-31", "funding: \"ACI:50:2025-01-01:2025-06-30:2025-12-31\" is not" },
		{ "ACI:50:2025-01-01:2025-06-30:", "funding: \"ACI:50:2025-01-01:2025-06-30:\" is not" },
		{ "ACI::50", "funding: \"ACI::50\" is not" },
		{ "ACI:50:", "funding: \"ACI:50:\" is not" },
		{ "ACI:50||FIR:20", "funding: \"\" is not" },
		{ "ACI:50|", "funding: \"\" is not" },
		{ "ACI", "funding: \"ACI\" is not" },
		{ "ACI:42949673", "funding: \"42949673\" is not a percentage above 0 and at most 100" },
		{ "ACI:50 %", "funding: \"50 %\" is not a percentage above 0 and at most 100" },
		{ "ACI:50:31/02/2025", "funding: \"31/02/2025\" is not a start date" },
		{ "ACI:50:2025-01-01:soon", "funding: \"soon\" is not an end date" },
		{ "ACI:50:2025-06-30:2025-01-01", "funding: ACI: the end is before the start" },
		{ "BANK:50", "funding: unknown source \"BANK\"" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *file = posts_with(bad[i].cell);
		refused(a, TABLE_POSTS, file, 2, ST_INVALID, bad[i].words);
		free(file);
	}
	/* By period, never more than 100 % on one day: accepted. */
	char *file = posts_with("ACI:60:01/01/2025:30/06/2025|FIR:40|ACI:60:01/07/2025");
	cr_assert_eq(import_ok(a, TABLE_POSTS, file), 1);
	free(file);
	app_close(a);
}

/* The import and the form say the same of the same shares: one check. */
Test(import, post_funding_refused_as_the_form_refuses_it)
{
	struct app *a = full_practice();
	char *file = posts_with("ACI:70|FIR:40:2025-07-01");
	size_t n;
	struct err e = ERR_INIT;
	cr_assert_eq(app_import(a, TABLE_POSTS, file, &n, &e), ST_INVALID);
	char want[512];
	struct post_funding v[] = {
		{ .source = "ACI", .share_bp = 7000, .start = day(2025, 1, 1), .end = DATE_NONE },
		{ .source = "FIR", .share_bp = 4000, .start = day(2025, 7, 1), .end = DATE_NONE },
	};
	struct err f = ERR_INIT;
	cr_assert_eq(app_funding_set(a, "COORD", NULL, 0, v, 2, &f), ST_INVALID);
	snprintf(want, sizeof want, "%s:2: funding: %s", file, err_text(&f));
	cr_assert_str_eq(err_text(&e), want);
	err_fini(&e);
	err_fini(&f);
	free(file);
	app_close(a);
}

/* ------------------------------------------------------------------ */
/* The contract's rules on people: a patient's GP is a GP, and a member
 * while the patient is enrolled; hours are logged on days the member is a
 * member; a member's new dates or profession break no stored record. */

static char *file_with(const char *name, const char *text)
{
	char *file = support_path(name);
	spit(file, text, strlen(text));
	return file;
}

Test(import, patients_enrolled_with_a_gp_while_a_member)
{
	struct app *a = full_practice();
	static const struct { const char *row, *words; } bad[] = {
		{ "P9;IDE1;01/01/2025;;1985;F", "gp IDE1 is not a GP (profession nurse): a patient is enrolled with a general practitioner" },
		{ "P9;KINE1;01/01/2025;;1985;F", "gp KINE1 is not a GP (profession physio)" },
		{ "P9;GP2;2010-01-01;2024-12-31;1985;F",
		  "patient P9 is enrolled 2010-01-01..2024-12-31, when GP GP2 is not a member (member 2025-03-15..)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "code;gp;enrolled;left;birth_year;sex\nP8;GP1;2025-01-01;;1970;M\n%s\n", bad[i].row);
		char *file = file_with("patients-gp.csv", text);
		refused(a, TABLE_PATIENTS, file, 3, ST_INVALID, bad[i].words);
		free(file);
	}
	/* Chosen before the GP joined, still enrolled once they did: counted. */
	char *file = file_with("patients-gp.csv", "code;gp;enrolled;left;birth_year;sex\nP9;GP2;2010-01-01;2025-03-15;1985;F\n");
	cr_assert_eq(import_ok(a, TABLE_PATIENTS, file), 1);
	free(file);
	app_close(a);
}

Test(import, hours_logged_while_a_member)
{
	struct app *a = full_practice();
	static const struct { const char *row, *words; } bad[] = {
		{ "IDE1;01/09/2025;RCP;1", "IDE1 was not a member on 2025-09-01 (member 2018-09-01..2025-08-31)" },
		{ "GP2;14/03/2025;RCP;1", "GP2 was not a member on 2025-03-14 (member 2025-03-15..)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "member;date;kind;hours\nGP1;03/02/2025;RCP;1\n%s\n", bad[i].row);
		char *file = file_with("activities-dates.csv", text);
		refused(a, TABLE_ACTIVITIES, file, 3, ST_INVALID, bad[i].words);
		free(file);
	}
	/* Their first and last days count. */
	char *file = file_with("activities-dates.csv", "member;date;kind;hours\nIDE1;31/08/2025;RCP;1\nGP2;15/03/2025;RCP;1\n");
	cr_assert_eq(import_ok(a, TABLE_ACTIVITIES, file), 2);
	free(file);
	app_close(a);
}

/* full_practice holds: activities GP1 2025-01-13, IDE1 2025-01-20, GP2
 * 2025-04-15; patients P0001 (GP1, from 2024-01-15), P0002 (GP1,
 * 2025-03-01..2025-09-30), P0003 (GP2, from 2025-04-01), P0004 (GP2, from
 * 2012-12-12). */
Test(import, member_changes_that_would_leave_records_outside_refused)
{
	struct app *a = full_practice();
	static const struct { const char *row, *words; } bad[] = {
		{ "IDE1;N;nurse;associate;2018-09-01;2025-01-10;1",
		  "member IDE1 would not be a member on 2025-01-20, when 2.00 hours of protocol are logged for them" },
		{ "GP1;E;gp;associate;2025-01-14;;1",
		  "member GP1 would not be a member on 2025-01-13, when 1.50 hours of RCP are logged for them" },
		{ "GP1;E;nurse;associate;2020-01-01;;1",
		  "member GP1 would no longer be a GP while patient P0001 is enrolled with them" },
		{ "GP2;B;gp;associate;2025-03-15;2025-03-31;1",
		  "member GP2 would not be a member on 2025-04-15, when 0.75 hours of coordination" },
		{ "GP1;E;gp;associate;2025-10-01;;1",
		  "member GP1 would not be a member on 2025-01-13" },
		/* Its hours inside, a patient who enrolled after it left. */
		{ "GP1;E;gp;associate;2020-01-01;2025-02-15;1",
		  "patient P0002, enrolled with GP1 2025-03-01..2025-09-30, would fall outside that GP's membership" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "code;name;profession;status;joined;left;fte\nKINE1;Z;physio;salaried;2024-02-01;;1\n%s\n",
		         bad[i].row);
		char *file = file_with("members-dates.csv", text);
		refused(a, TABLE_MEMBERS, file, 3, ST_REFUSED, bad[i].words);
		free(file);
	}
	/* A change that leaves every record inside its dates: imported. */
	char *file = file_with("members-dates.csv", "code;name;profession;status;joined;left;fte\n"
	                       "GP1;E;gp;associate;2020-01-01;2025-09-30;1\nIDE1;N;nurse;associate;2018-09-01;2025-01-20;1\n");
	cr_assert_eq(import_ok(a, TABLE_MEMBERS, file), 2);
	free(file);
	app_close(a);
}
