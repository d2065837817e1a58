/* test_reports.c: the report use cases and their layouts on the demo
 * practice with a year of distributions and payments: every total checked
 * against the stored distributions read another way (db_dist_ids and
 * db_dist_get), exact figures of the funding per post worked out by hand,
 * periods and formats parsed strictly, the layouts' contracts (text, CSV,
 * PDF bytes, an XLSX file created 0600). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_reports.h"
#include "quotepart/date.h"
#include "quotepart/db.h"
#include "quotepart/reports.h"

#include "support.h"

/* fontconfig (2.14) leaks a little while parsing its own configuration,
 * once per process, when pango first asks for a font: not ours to fix.
 * LeakSanitizer reads this hook when the tests are built with it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}


static void setup(void)
{
	support_setup("reports");
	setenv("QUOTEPART_TODAY", "2026-06-30", 1);
	setenv("SOURCE_DATE_EPOCH", "1782777600", 1);
	setenv("LANG", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("QUOTEPART_CONFIG");
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(reports, .init = setup, .fini = teardown);

static int32_t day(const char *iso)
{
	int32_t v = 0;
	cr_assert_eq(date_parse(iso, &v), ST_OK, "%s", iso);
	return v;
}

static char *path_in(const char *name)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s/%s", tmpdir, name);
	return sb_take(&b);
}

static struct app *open_new(void)
{
	char *p = path_in("practice.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "app_open: %s", err_text(&e));
	free(p);
	return a;
}

static const char aci_equal[] =
	"key: { name = \"ACI equal\"; reservations = ("
	" { label = \"Coordinator post\"; account = \"post:COORD\"; amount = \"12000.00\"; },"
	" { label = \"Operating costs\"; account = \"operating\"; rate = 5.0; },"
	" { label = \"Referent bonus\"; account = \"member:MARTIN\"; amount = \"500.00\"; } );"
	" pools = ( { label = \"Equal share\"; rate = 100.0; basis = \"equal\"; prorata = true;"
	" statuses = [ \"associate\" ]; } ); };";

/* distribute, then approve on `approved` and pay on `paid` (NULL: not
 * approved / not paid); returns the distribution's id. */
static int64_t dist(struct app *a, const char *receipt, const char *key, bool true_up,
                    const char *approved, const char *paid, const char *member)
{
	struct err e = ERR_INIT;
	struct app_dist_request r = { .receipt = receipt, .key = key, .true_up = true_up };
	struct distribution d;
	cr_assert_eq(app_distribute(a, &r, &d, &e), ST_OK, "%s: %s", receipt, err_text(&e));
	int64_t id = d.id;
	distribution_fini(&d);
	if (approved)
		cr_assert_eq(app_approve(a, id, day(approved), "AG", &e), ST_OK, "%s", err_text(&e));
	if (paid) {
		size_t n;
		cr_assert_eq(app_pay(a, id, member, day(paid), "virement", &n, &e), ST_OK, "%s", err_text(&e));
	}
	return id;
}

/* The practice of tests/cli/test-reports.sh, built through the app layer. */
static struct app *practice(void)
{
	struct app *a = open_new();
	struct err e = ERR_INIT;
	size_t keys;
	char *name = NULL;
	int version;
	bool fresh;
	cr_assert_eq(app_demo(a, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_key_examples(a, &keys, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_key_save_text(a, aci_equal, "aci-equal", &name, &version, &fresh, &e), ST_OK,
	             "%s", err_text(&e));
	free(name);
	dist(a, "ACI-2024-SOLDE", "ACI equal", false, "2025-05-10", "2025-05-20", NULL);
	dist(a, "ACI-2025-AV", "Equal shares", false, "2025-05-10", "2025-05-20", NULL);
	dist(a, "PEPS-2025-T1", "PEPS", false, "2025-03-03", "2025-03-10", NULL);
	dist(a, "PEPS-2025-T2", "PEPS", false, "2025-06-02", "2025-06-10", "MARTIN");
	dist(a, "PEPS-2025-T3", "PEPS", false, "2025-09-01", NULL, NULL);
	dist(a, "PEPS-2025-T4", "PEPS", false, NULL, NULL, NULL);
	dist(a, "IPEP-2025-AMORCAGE", "Hourly rates", false, "2025-04-01", "2025-04-15", NULL);
	dist(a, "ACI-2025-SOLDE", "ACI", true, "2026-05-12", "2026-05-20", NULL);
	return a;
}

/* ---- an independent reading of the database ---- */

struct sums {
	int64_t all;          /* Σ lines of approved distributions received in [from, to] */
	int64_t amounts;      /* Σ of those distributions' amounts */
	int64_t member;       /* of them, the lines paying `who` */
	int64_t member_due;   /* of those, unpaid */
	int64_t paid_to;      /* payments to `who` recorded in [from, to] */
	int64_t payments;     /* all payments recorded in [from, to] */
	size_t n_payments;
	size_t dists;
};

static bool pays(const struct dist_line *l, const char *who)
{
	if (l->kind == LINE_POOL)
		return strcmp(l->recipient, who) == 0;
	return strncmp(l->recipient, "member:", 7) == 0 && strcmp(l->recipient + 7, who) == 0;
}

static struct sums reread(struct app *a, int32_t from, int32_t to, const char *who)
{
	struct sums s = { 0 };
	struct err e = ERR_INIT;
	int64_t *ids;
	size_t n;
	cr_assert_eq(db_dist_ids(app_db(a), 0, &ids, &n, &e), ST_OK);
	for (size_t i = 0; i < n; i++) {
		struct distribution d;
		struct receipt r;
		cr_assert_eq(db_dist_get(app_db(a), ids[i], &d, &e), ST_OK);
		cr_assert_eq(db_receipt_get(app_db(a), d.receipt_id, &r, &e), ST_OK);
		bool in = d.status == DIST_APPROVED && r.received >= from && r.received <= to;
		if (in) {
			s.dists++;
			s.amounts += d.amount;
		}
		for (size_t k = 0; k < d.n_lines; k++) {
			const struct dist_line *l = &d.lines[k];
			if (in) {
				s.all += l->cents;
				if (who && pays(l, who)) {
					s.member += l->cents;
					if (l->paid_on == DATE_NONE)
						s.member_due += l->cents;
				}
			}
			if (l->paid_on != DATE_NONE && l->paid_on >= from && l->paid_on <= to) {
				s.payments += l->cents;
				s.n_payments++;
				if (who && pays(l, who))
					s.paid_to += l->cents;
			}
		}
		distribution_fini(&d);
		receipt_fini(&r);
	}
	free(ids);
	return s;
}

/* ---- periods and formats ---- */

Test(reports, years_and_periods)
{
	struct err e = ERR_INIT;
	int y = 0;
	int32_t f, t;
	cr_assert_eq(app_report_year("2025", &y, &e), ST_OK);
	cr_assert_eq(y, 2025);
	const char *bad[] = { "25", "20255", "2O25", "", "-202", "1899", "2201", " 2025" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(app_report_year(bad[i], &y, &e), ST_USAGE, "%s", bad[i]);
	cr_assert_eq(app_report_year(NULL, &y, &e), ST_USAGE);

	cr_assert_eq(app_report_period("2025", NULL, NULL, &f, &t, &e), ST_OK);
	cr_assert_eq(f, day("2025-01-01"));
	cr_assert_eq(t, day("2025-12-31"));
	cr_assert_eq(app_report_period("2024", "2024-02-29", NULL, &f, &t, &e), ST_OK);
	cr_assert_eq(f, day("2024-02-29"));
	cr_assert_eq(t, day("2024-12-31"));
	cr_assert_eq(app_report_period(NULL, "2025-04-01", "2026-03-31", &f, &t, &e), ST_OK);
	cr_assert_eq(f, day("2025-04-01"));
	cr_assert_eq(t, day("2026-03-31"));
	cr_assert_eq(app_report_period("2025", "2025-06-01", "2025-06-01", &f, &t, &e), ST_OK);
	cr_assert_eq(f, t);

	cr_assert_eq(app_report_period(NULL, NULL, NULL, &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period(NULL, "2025-01-01", NULL, &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period("2025", "2024-12-31", NULL, &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period("2025", NULL, "2026-01-01", &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period("2025", "2025-07-01", "2025-06-30", &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period("2025", "2025-02-30", NULL, &f, &t, &e), ST_USAGE);
	cr_assert_eq(app_report_period("2025", "01/02/2025", NULL, &f, &t, &e), ST_OK,
	             "French dates are dates too");
	err_fini(&e);
}

Test(reports, formats_and_line_members)
{
	enum rep_format f;
	cr_assert(rep_format_parse("text", &f) && f == REP_TEXT);
	cr_assert(rep_format_parse("csv", &f) && f == REP_CSV);
	cr_assert(rep_format_parse("pdf", &f) && f == REP_PDF);
	cr_assert(rep_format_parse("xlsx", &f) && f == REP_XLSX);
	cr_assert(!rep_format_parse("PDF", &f));
	cr_assert(!rep_format_parse("", &f));
	cr_assert(!rep_format_parse(NULL, &f));
	cr_assert_str_eq(rep_format_name(REP_XLSX), "xlsx");

	struct dist_line l = { .kind = LINE_POOL, .recipient = "MARTIN" };
	cr_assert_str_eq(rep_line_member(&l), "MARTIN");
	l.kind = LINE_RESERVATION;
	cr_assert_null(rep_line_member(&l), "a reservation to an account named like a member");
	l.recipient = "member:MARTIN";
	cr_assert_str_eq(rep_line_member(&l), "MARTIN");
	l.recipient = "post:COORD";
	cr_assert_null(rep_line_member(&l));
	l.recipient = "operating";
	cr_assert_null(rep_line_member(&l));
}

/* ---- statements ---- */

Test(reports, statements_add_up, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	for (int y = 2025; y <= 2026; y++) {
		int32_t from = date_year_start(y), to = date_year_end(y);
		struct rep_statements s;
		cr_assert_eq(app_statements(a, NULL, from, to, &s, &e), ST_OK, "%s", err_text(&e));
		struct sums all = reread(a, from, to, NULL);
		cr_assert_eq(s.n_dists, all.dists);
		cr_assert_eq(s.n_dists, y == 2025 ? 6u : 1u, "the draft is in no statement");
		cr_assert_eq(s.n_members, 11u, "the associates, nobody else");
		int64_t members = 0;
		for (size_t i = 0; i < s.n_members; i++) {
			struct sums one = reread(a, from, to, s.members[i].code);
			struct rep_totals t = rep_statement_totals(&s, i);
			cr_assert_eq(t.total, one.member, "%s %d", s.members[i].code, y);
			cr_assert_eq(t.due, one.member_due, "%s %d", s.members[i].code, y);
			cr_assert_eq(t.paid + t.due, t.total);
			members += t.total;
		}
		/* What the members got and what went to accounts is every line. */
		int64_t accounts = 0;
		for (size_t i = 0; i < s.n_dists; i++)
			for (size_t k = 0; k < s.dists[i].d.n_lines; k++)
				if (!rep_line_member(&s.dists[i].d.lines[k]))
					accounts += s.dists[i].d.lines[k].cents;
		cr_assert_eq(members + accounts, all.amounts);
		rep_statements_fini(&s);
	}
	/* By hand: MARTIN in 2025, the sum of the golden statement's lines. */
	struct rep_statements s;
	cr_assert_eq(app_statements(a, "MARTIN", day("2025-01-01"), day("2025-12-31"), &s, &e), ST_OK);
	cr_assert_eq(s.n_members, 1u);
	struct rep_totals t = rep_statement_totals(&s, 0);
	cr_assert_eq(t.total, 723680 + 302640 + 50000 + 172109 + 480255 + 718716 + 735078);
	cr_assert_eq(t.due, 735078, "PEPS-2025-T3 is not paid");
	cr_assert_eq(t.lines, 7u);
	cr_assert_str_eq(s.members[0].profession, "General practitioner");
	cr_assert_str_eq(s.members[0].group, "medical");
	rep_statements_fini(&s);
	app_close(a);
}

Test(reports, statement_of_nobody)
{
	struct app *a = open_new();
	struct err e = ERR_INIT;
	cr_assert_eq(app_init(a, "Cabinet vide", &e), ST_OK);
	struct rep_statements s;
	cr_assert_eq(app_statements(a, "NOBODY", day("2025-01-01"), day("2025-12-31"), &s, &e), ST_NOTFOUND);
	cr_assert_eq(app_statements(a, NULL, day("2025-01-01"), day("2025-12-31"), &s, &e), ST_OK);
	cr_assert_eq(s.n_members, 0u);
	cr_assert_eq(s.n_dists, 0u);
	cr_assert_str_eq(s.practice, "Cabinet vide");
	rep_statements_fini(&s);
	rep_statements_fini(NULL);
	err_fini(&e);
	app_close(a);
}

Test(reports, statement_layouts, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	struct rep_statements s;
	cr_assert_eq(app_statements(a, "FAURE", day("2026-01-01"), day("2026-12-31"), &s, &e), ST_OK);
	struct rep_totals t = rep_statement_totals(&s, 0);
	cr_assert_eq(t.total, -261, "the true-up takes back more than it gives: %lld", (long long)t.total);
	cr_assert_eq(t.due, 0);

	struct sbuf b;
	sb_init(&b);
	cr_assert_eq(rep_statement(&s, 0, 1, REP_TEXT, &b, &e), ST_OK);
	cr_assert_not_null(strstr(b.s, "Statement for FAURE, Léa Faure"));
	cr_assert_not_null(strstr(b.s, "owed back"));
	cr_assert_not_null(strstr(b.s, "€1,592.39"));
	cr_assert_not_null(strstr(b.s, "rounded up (a leftover cent)"));
	cr_assert_not_null(strstr(b.s, "remainders, ties to the member code first in"), "the rule");
	cr_assert_null(strstr(b.s, "MARTIN"), "no other member's name on a statement");
	sb_fini(&b);

	cr_assert_eq(rep_statement(&s, 0, 1, REP_CSV, &b, &e), ST_OK);
	cr_assert(strncmp(b.s, "\xef\xbb\xbfmember;name;distribution;", 28) == 0);
	cr_assert_not_null(strstr(b.s, ";-1592,39;"));
	cr_assert_not_null(strstr(b.s, "\r\n"));
	sb_fini(&b);

	cr_assert_eq(rep_statement(&s, 0, 1, REP_PDF, &b, &e), ST_OK, "%s", err_text(&e));
	cr_assert(b.len > 1000 && memcmp(b.s, "%PDF-", 5) == 0);
	cr_assert(b.len > 6 && strstr(b.s + b.len - 7, "%%EOF"), "ends like a PDF");
	sb_fini(&b);

	cr_assert_eq(rep_statement(&s, 0, 1, REP_XLSX, &b, &e), ST_USAGE);
	cr_assert_eq(b.len, 0u);
	sb_fini(&b);
	rep_statements_fini(&s);
	err_fini(&e);
	app_close(a);
}

/* ---- payments ---- */

Test(reports, attestations_and_journal_add_up, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	for (int y = 2025; y <= 2026; y++) {
		int32_t from = date_year_start(y), to = date_year_end(y);
		struct rep_payments p;
		cr_assert_eq(app_attestations(a, NULL, y, &p, &e), ST_OK, "%s", err_text(&e));
		cr_assert_eq(p.n_members, 11u);
		for (size_t i = 0; i < p.n_members; i++) {
			struct sums one = reread(a, from, to, p.members[i].code);
			cr_assert_eq(rep_attestation_total(&p, i), one.paid_to, "%s %d", p.members[i].code, y);
		}
		rep_payments_fini(&p);

		cr_assert_eq(app_journal(a, y, &p, &e), ST_OK);
		struct sums all = reread(a, from, to, NULL);
		cr_assert_eq(p.n, all.n_payments);
		int64_t sum = 0;
		for (size_t i = 0; i < p.n; i++) {
			sum += p.v[i].cents;
			if (i)
				cr_assert(p.v[i - 1].paid_on <= p.v[i].paid_on, "by date");
			bool account = strncmp(p.v[i].recipient, "post:", 5) == 0 ||
			               strcmp(p.v[i].recipient, "operating") == 0;
			cr_assert_eq(p.v[i].member == NULL, account, "%s", p.v[i].recipient);
			cr_assert_eq(p.v[i].member_name == NULL, account);
		}
		cr_assert_eq(sum, all.payments);
		struct sbuf b;
		sb_init(&b);
		cr_assert_eq(rep_journal(&p, REP_CSV, &b, &e), ST_OK);
		cr_assert_not_null(strstr(b.s, "gains divers (2035)"));
		sb_fini(&b);
		cr_assert_eq(rep_journal(&p, REP_PDF, &b, &e), ST_USAGE);
		sb_fini(&b);
		err_fini(&e);
		rep_payments_fini(&p);
	}
	/* MARTIN's reserved bonus is paid to MARTIN. */
	struct rep_payments p;
	cr_assert_eq(app_attestations(a, "MARTIN", 2025, &p, &e), ST_OK);
	cr_assert_eq(rep_attestation_total(&p, 0), 2447400);
	bool bonus = false;
	for (size_t i = 0; i < p.n; i++)
		bonus |= strcmp(p.v[i].recipient, "member:MARTIN") == 0 && p.v[i].cents == 50000 &&
		         strcmp(p.v[i].member, "MARTIN") == 0;
	cr_assert(bonus);
	struct sbuf b;
	sb_init(&b);
	cr_assert_eq(rep_attestation(&p, 0, 1, REP_TEXT, &b, &e), ST_OK);
	cr_assert_not_null(strstr(b.s, "RPPS "));
	cr_assert_not_null(strstr(b.s, "€24,474.00"));
	sb_fini(&b);
	rep_payments_fini(&p);
	/* A year without payments: nobody to attest. */
	cr_assert_eq(app_attestations(a, NULL, 2024, &p, &e), ST_OK);
	cr_assert_eq(p.n_members, 0u);
	cr_assert_eq(p.n, 0u);
	rep_payments_fini(&p);
	app_close(a);
}

/* ---- the summary ---- */

Test(reports, summary_adds_up, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	struct rep_summary s;
	cr_assert_eq(app_summary(a, 2025, &s, &e), ST_OK, "%s", err_text(&e));
	struct sums all = reread(a, day("2025-01-01"), day("2025-12-31"), NULL);
	cr_assert_eq(s.total, all.amounts);
	cr_assert_eq(s.total, 17015400);
	cr_assert_eq(s.n_sources, 3u);
	cr_assert_str_eq(s.sources[0], "ACI");
	cr_assert_str_eq(s.sources[1], "IPEP");
	cr_assert_str_eq(s.sources[2], "PEPS");
	cr_assert_eq(s.n_member_rows, 11u);
	cr_assert_eq(s.n_rows, 13u, "and the accounts operating and post:COORD");
	cr_assert_str_eq(s.rows[11].code, "operating");
	cr_assert_str_eq(s.rows[12].code, "post:COORD");
	cr_assert_null(s.rows[12].name);
	int64_t rows = 0, groups = 0, sources = 0;
	for (size_t i = 0; i < s.n_rows; i++) {
		int64_t r = 0;
		for (size_t k = 0; k < s.n_sources; k++)
			r += s.rows[i].cents[k];
		cr_assert_eq(r, s.rows[i].total, "%s", s.rows[i].code);
		rows += s.rows[i].total;
		if (i < s.n_member_rows) {
			struct sums one = reread(a, day("2025-01-01"), day("2025-12-31"), s.rows[i].code);
			cr_assert_eq(s.rows[i].total, one.member, "%s", s.rows[i].code);
		}
	}
	for (size_t i = 0; i < s.n_groups; i++)
		groups += s.groups[i].total;
	for (size_t k = 0; k < s.n_sources; k++)
		sources += s.totals[k];
	cr_assert_eq(rows, s.total);
	cr_assert_eq(groups, s.total);
	cr_assert_eq(sources, s.total);
	cr_assert_eq(s.n_groups, 3u, "medical, paramedical, accounts: %zu", s.n_groups);
	cr_assert_str_eq(s.groups[0].code, "medical");
	cr_assert_null(s.groups[2].code);
	cr_assert_eq(s.groups[2].total, 1200000 + 156372);

	struct sbuf b;
	sb_init(&b);
	cr_assert_eq(rep_summary(&s, REP_TEXT, &b, &e), ST_OK);
	cr_assert_not_null(strstr(b.s, "█"), "a bar chart");
	cr_assert_not_null(strstr(b.s, "€170,154.00"));
	sb_fini(&b);
	cr_assert_eq(rep_summary(&s, REP_PDF, &b, &e), ST_OK);
	cr_assert(memcmp(b.s, "%PDF-", 5) == 0);
	sb_fini(&b);
	cr_assert_eq(rep_summary(&s, REP_XLSX, &b, &e), ST_USAGE);
	sb_fini(&b);

	char *x = path_in("summary.xlsx");
	cr_assert_eq(rep_summary_xlsx(&s, x, &e), ST_OK, "%s", err_text(&e));
	struct stat st;
	cr_assert_eq(stat(x, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	FILE *f = fopen(x, "rb");
	char magic[2] = { 0 };
	cr_assert_eq(fread(magic, 1, 2, f), 2u);
	fclose(f);
	cr_assert(magic[0] == 'P' && magic[1] == 'K', "a zip file");
	free(x);
	x = path_in("no/such/folder/summary.xlsx");
	cr_assert_eq(rep_summary_xlsx(&s, x, &e), ST_IO);
	free(x);
	rep_summary_fini(&s);
	err_fini(&e);
	app_close(a);
}

/* ---- funding per post ---- */

Test(reports, posts_by_hand, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	struct rep_posts p;
	cr_assert_eq(app_posts_report(a, 2025, &p, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(p.year_days, 365);
	cr_assert_eq(p.n_posts, 3u);
	const struct rep_post *secr = &p.posts[2];
	cr_assert_str_eq(secr->code, "SECR");
	cr_assert_eq(secr->cost, 3450000);
	cr_assert_eq(secr->n_fundings, 2u);
	/* 34 500 € x 50 % x 181 / 365 = 8 554,109... -> 8 554,10 */
	cr_assert_eq(secr->fundings[0].days, 181);
	cr_assert_eq(secr->fundings[0].cents, 855410);
	/* 34 500 € x 40 % x 184 / 365 = 6 956,712... -> 6 956,71 */
	cr_assert_eq(secr->fundings[1].days, 184);
	cr_assert_eq(secr->fundings[1].cents, 695671);
	cr_assert_eq(secr->gap, 3450000 - 855410 - 695671);
	const struct rep_post *coord = &p.posts[1];
	cr_assert_eq(coord->fundings[0].cents, 2940000);
	cr_assert_eq(coord->fundings[1].cents, 1260000);
	cr_assert_eq(coord->gap, 0);
	cr_assert_eq(p.cost, 3800000 + 4200000 + 3450000);

	struct sums all = reread(a, day("2025-01-01"), day("2025-12-31"), NULL);
	int64_t members = 0, accounts = 0;
	for (size_t i = 0; i < p.n_sources; i++) {
		const struct rep_source_left *s = &p.sources[i];
		cr_assert_eq(s->left, s->received - s->posts - s->members, "%s", s->source);
		members += s->members;
		accounts += s->accounts;
	}
	cr_assert_eq(members + accounts, all.all);
	cr_assert_eq(p.total.posts, p.funded);
	cr_assert_str_eq(p.sources[0].source, "ACI");
	cr_assert_eq(p.sources[0].received, 3127458 + 4923600);
	cr_assert_str_eq(p.sources[3].source, "FIR");
	cr_assert_eq(p.sources[3].left, 0, "FIR pays its share of COORD, no more");
	rep_posts_fini(&p);

	/* A year before any post: nothing, and no division by zero. */
	cr_assert_eq(app_posts_report(a, 2010, &p, &e), ST_OK);
	cr_assert_eq(p.n_posts, 0u);
	cr_assert_eq(p.year_days, 365);
	rep_posts_fini(&p);
	/* A leap year counts 366 days. */
	cr_assert_eq(app_posts_report(a, 2024, &p, &e), ST_OK);
	cr_assert_eq(p.year_days, 366);
	for (size_t i = 0; i < p.n_posts; i++)
		cr_assert_eq(p.posts[i].cost, p.posts[i].yearly_cost, "%s exists all 2024", p.posts[i].code);
	rep_posts_fini(&p);
	app_close(a);
}

/* ---- expected versus received ---- */

Test(reports, expected_by_exercise, .timeout = 60)
{
	struct app *a = practice();
	struct err e = ERR_INIT;
	struct rep_expected x;
	cr_assert_eq(app_expected(a, 2025, &x, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(x.n_rows, 5u, "ACI 2024, ACI 2025, IPEP, PEPS, FIR");
	const struct rep_exp_row *aci = &x.rows[1];
	cr_assert_str_eq(aci->source, "ACI");
	cr_assert_str_eq(aci->exercise, "2025");
	cr_assert_eq(aci->n_kinds, 2u);
	cr_assert_str_eq(aci->kinds[0].kind, "advance");
	cr_assert_eq(aci->received, 4923600 + 3317747, "the balance received in 2026 counts");
	cr_assert_eq(aci->distributed, aci->received);
	cr_assert(aci->balance);
	const struct rep_exp_row *peps = &x.rows[3];
	cr_assert_str_eq(peps->source, "PEPS");
	cr_assert_eq(peps->kinds[0].count, 4);
	cr_assert_eq(peps->undistributed, 2327396, "T4 is only a draft");
	cr_assert(!peps->balance);
	cr_assert_eq(x.received - x.distributed, x.undistributed);
	rep_expected_fini(&x);
	app_close(a);
}
