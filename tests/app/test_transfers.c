/* test_transfers.c: the SEPA transfer file from the use case down, read
 * back with libxml2's parser: one transaction per member paid, amounts
 * summing to the total, no reservation in it; paying the file pays its
 * members' lines and nothing else; report_sepa refuses what a bank would,
 * and a name with XML's own characters still makes a well-formed file. */
#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "quotepart/app.h"
#include "quotepart/app_settings.h"
#include "quotepart/app_views.h"
#include "quotepart/date.h"
#include "quotepart/report.h"
#include "quotepart/text.h"

#include "support.h"

static void setup(void)
{
	support_setup("transfers");
	setenv("QUOTEPART_TODAY", "2026-06-30", 1);
}

static void teardown(void)
{
	support_teardown();
}

TestSuite(transfers, .init = setup, .fini = teardown);

/* The demo with its members' and the practice's accounts, and D1 (the
 * 2025 advance) approved. */
static struct app *ready(void)
{
	char *p = support_path("demo.db");
	struct app *a = NULL;
	struct err e = ERR_INIT;
	size_t n = 0;
	cr_assert_eq(app_open(p, NULL, DB_CREATE, &a, &e), ST_OK, "%s", err_text(&e));
	free(p);
	cr_assert_eq(app_demo(a, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_key_examples(a, &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_import(a, TABLE_MEMBERS, "tests/fixtures/cli/members-iban.csv", &n, &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_practice_set(a, PRACTICE_IBAN, "FR7630006000011234567890189", &e), ST_OK, "%s", err_text(&e));
	cr_assert_eq(app_practice_set(a, PRACTICE_BIC, "BNPAFRPP", &e), ST_OK, "%s", err_text(&e));
	struct app_dist_request rq = { .receipt = "ACI-2025-AV", .key = "ACI" };
	struct distribution d;
	cr_assert_eq(app_distribute(a, &rq, &d, &e), ST_OK, "%s", err_text(&e));
	int32_t on = 0;
	cr_assert_eq(date_parse("2025-05-10", &on), ST_OK);
	cr_assert_eq(app_approve(a, d.id, on, NULL, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);
	return a;
}

/* "1234.56" in cents. */
static int64_t cents_of(const char *s)
{
	long long units = 0;
	int dec = 0;
	cr_assert_eq(sscanf(s, "%lld.%2d", &units, &dec), 2, "amount %s", s);
	return units * 100 + dec;
}

/* The texts of every element named `name` under node, in order. */
static void collect(xmlNode *node, const char *name, struct sbuf *out, size_t *n)
{
	for (xmlNode *c = node; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			sb_printf(out, "%s\n", (const char *)t);
			xmlFree(t);
			(*n)++;
		}
		collect(c->children, name, out, n);
	}
}

Test(transfers, the_file_pays_each_member_their_unpaid_lines_and_nothing_else)
{
	struct app *a = ready();
	struct err e = ERR_INIT;
	char *path = support_path("D1.xml");
	struct app_transfers t;
	int32_t exec = 0;
	cr_assert_eq(date_parse("2026-07-01", &exec), ST_OK);
	cr_assert_eq(app_transfers(a, 1, exec, path, &t, &e), ST_OK, "%s", err_text(&e));

	struct distribution d;
	cr_assert_eq(app_dist_get(a, 1, &d, &e), ST_OK, "%s", err_text(&e));
	int64_t members = 0;
	for (size_t i = 0; i < d.n_lines; i++)
		if (d.lines[i].kind == LINE_POOL)
			members += d.lines[i].cents;
	cr_assert_eq(t.total, members, "the file pays %lld, the pools gave members %lld", (long long)t.total,
	             (long long)members);

	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc, "the file is not well-formed XML");
	struct sbuf amounts, ids;
	sb_init(&amounts);
	sb_init(&ids);
	size_t n_amounts = 0, n_ids = 0;
	collect(xmlDocGetRootElement(doc), "InstdAmt", &amounts, &n_amounts);
	collect(xmlDocGetRootElement(doc), "EndToEndId", &ids, &n_ids);
	cr_assert_eq(n_amounts, t.n_sent);
	cr_assert_eq(n_ids, t.n_sent);
	int64_t sum = 0;
	for (char *line = strtok(amounts.s, "\n"); line; line = strtok(NULL, "\n"))
		sum += cents_of(line);
	cr_assert_eq(sum, t.total);
	cr_assert_null(strstr(ids.s, "COORD"), "a reservation is in the file: %s", ids.s);
	cr_assert_null(strstr(ids.s, "operating"), "a reservation is in the file: %s", ids.s);
	sb_fini(&amounts);
	sb_fini(&ids);
	xmlFreeDoc(doc);
	struct stat sb;
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);

	/* Paying the file: the members' lines, not the reservations. */
	size_t count = 0;
	cr_assert_eq(app_transfers_pay(a, &t, date_today(), "SEPA transfer", &count, &e), ST_OK, "%s", err_text(&e));
	distribution_fini(&d);
	cr_assert_eq(app_dist_get(a, 1, &d, &e), ST_OK, "%s", err_text(&e));
	size_t pool_lines = 0;
	for (size_t i = 0; i < d.n_lines; i++) {
		const struct dist_line *l = &d.lines[i];
		if (l->kind == LINE_POOL && l->cents) {
			pool_lines++;
			cr_assert_neq(l->paid_on, DATE_NONE, "%s in %s not paid", l->recipient, l->label);
		} else if (l->kind == LINE_RESERVATION) {
			cr_assert_eq(l->paid_on, DATE_NONE, "reservation %s paid", l->recipient);
		}
	}
	cr_assert_eq(count, pool_lines);
	distribution_fini(&d);
	app_transfers_fini(&t);

	/* Nothing is left to pay: refused, and the file is not replaced. */
	char *other = support_path("again.xml");
	cr_assert_eq(app_transfers(a, 1, exec, other, &t, &e), ST_REFUSED);
	cr_assert(strstr(err_text(&e), "nothing to pay"), "%s", err_text(&e));
	cr_assert_neq(access(other, F_OK), 0, "a refused run left a file");
	err_fini(&e);
	free(other);
	free(path);
	app_close(a);
}

Test(transfers, report_sepa_refuses_what_a_bank_would_and_keeps_xml_well_formed)
{
	struct sepa_transfer v[2] = {
		{ "D1-A", "Dupont & <Fils> \"SARL\"", "FR7630006000011234567890189", NULL, 12345, "D1 <reçu> & co" },
		{ "D1-B", "Œuvre Straße", "FR7630006000011234567890189", "BNPAFRPP", 1, "x" },
	};
	struct sepa_batch b = { "QP-D1-X", "2026-06-30T00:00:00", "D1-X", 20000, "MSP & <Port>",
	                        "FR7630006000011234567890189", "BNPAFRPP", v, 2 };
	struct sbuf out;
	sb_init(&out);
	struct err e = ERR_INIT;
	cr_assert_eq(report_sepa(&b, &out, &e), ST_OK, "%s", err_text(&e));
	xmlDoc *doc = xmlReadMemory(out.s, (int)out.len, "sepa.xml", NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc, "not well-formed:\n%s", out.s);
	xmlFreeDoc(doc);
	cr_assert(strstr(out.s, "<Nm>Dupont + .Fils. 'SARL'</Nm>"), "%s", out.s);
	cr_assert(strstr(out.s, "<Nm>OEuvre Strasse</Nm>"), "%s", out.s);
	cr_assert(strstr(out.s, "<CtrlSum>123.46</CtrlSum>"), "%s", out.s);
	cr_assert(strstr(out.s, "<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>"), "%s", out.s);
	sb_fini(&out);

	sb_init(&out);
	v[1].cents = 0;
	cr_assert_eq(report_sepa(&b, &out, &e), ST_INVALID);
	b.n = 0;
	cr_assert_eq(report_sepa(&b, &out, &e), ST_INVALID);
	cr_assert_eq(out.len, 0, "a refused batch wrote something");
	sb_fini(&out);
	err_fini(&e);
}
