/* test_keyfile.c: key files: the shipped examples, every check with its
 * message and line, exact rates and amounts, and write/parse round trips
 * (fixed keys and seeded random ones). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quotepart/config.h"

#define KEYS "tests/fixtures/keys/"

static struct config *cfg;

static void setup(void)
{
	/* The built-in config only: no file of the machine may interfere. */
	setenv("QUOTEPART_CONFIG", "/nonexistent/quotepart.cfg", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	struct err e = ERR_INIT;
	cr_assert_eq(config_load(NULL, &cfg, &e), ST_OK, "%s", err_text(&e));
	err_fini(&e);
}

static void teardown(void)
{
	config_free(cfg);
	cfg = NULL;
}

TestSuite(keyfile, .init = setup, .fini = teardown);

static struct key *load_ok(const char *path)
{
	struct key *k = NULL;
	struct err e = ERR_INIT;
	enum status st = keyfile_load(path, cfg, &k, &e);
	cr_assert_eq(st, ST_OK, "%s: %s", path, err_text(&e));
	err_fini(&e);
	return k;
}

static struct key *parse_ok(const char *text)
{
	struct key *k = NULL;
	struct err e = ERR_INIT;
	enum status st = keyfile_parse(text, "t.cfg", cfg, &k, &e);
	cr_assert_eq(st, ST_OK, "%s\n%s", err_text(&e), text);
	err_fini(&e);
	return k;
}

/* Parse text that must fail with ST_INVALID; returns the message. */
static char *parse_fail(const char *text)
{
	struct key *k = (struct key *)1;
	struct err e = ERR_INIT;
	enum status st = keyfile_parse(text, "t.cfg", cfg, &k, &e);
	cr_assert_eq(st, ST_INVALID, "status %d for\n%s", st, text);
	cr_assert_null(k);
	char *msg = strdup(err_text(&e));
	err_fini(&e);
	return msg;
}

/* ---- equality, ignoring the line numbers ---- */

static void assert_str_same(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		cr_assert(a == b, "%s: %s vs %s", what, a ? a : "NULL", b ? b : "NULL");
	else
		cr_assert_str_eq(a, b, "%s", what);
}

static void assert_list_same(const struct strlist *a, const struct strlist *b, const char *what)
{
	cr_assert_eq(a->n, b->n, "%s: %zu vs %zu", what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		cr_assert_str_eq(a->v[i], b->v[i], "%s[%zu]", what, i);
}

static void assert_key_same(const struct key *a, const struct key *b)
{
	assert_str_same(a->name, b->name, "name");
	assert_str_same(a->description, b->description, "description");
	cr_assert_eq(a->n_res, b->n_res);
	for (size_t i = 0; i < a->n_res; i++) {
		const struct key_reservation *x = &a->res[i], *y = &b->res[i];
		assert_str_same(x->label, y->label, "reservation label");
		assert_str_same(x->account, y->account, "account");
		cr_assert_eq(x->is_rate, y->is_rate, "reservation %zu is_rate", i);
		if (x->is_rate)
			cr_assert_eq(x->rate_bp, y->rate_bp, "reservation %zu rate", i);
		else
			cr_assert_eq(x->amount, y->amount, "reservation %zu amount %" PRId64 " vs %" PRId64,
			             i, x->amount, y->amount);
	}
	cr_assert_eq(a->n_pools, b->n_pools);
	for (size_t i = 0; i < a->n_pools; i++) {
		const struct key_pool *x = &a->pools[i], *y = &b->pools[i];
		assert_str_same(x->label, y->label, "pool label");
		cr_assert_eq(x->rate_bp, y->rate_bp, "pool %zu rate %d vs %d", i, x->rate_bp, y->rate_bp);
		cr_assert_eq(x->basis, y->basis, "pool %zu basis", i);
		cr_assert_eq(x->prorata, y->prorata, "pool %zu prorata", i);
		cr_assert_eq(x->at_end, y->at_end, "pool %zu at", i);
		assert_list_same(&x->statuses, &y->statuses, "statuses");
		assert_list_same(&x->professions, &y->professions, "professions");
		assert_list_same(&x->groups, &y->groups, "groups");
		assert_list_same(&x->members, &y->members, "members");
		assert_list_same(&x->kinds, &y->kinds, "kinds");
		cr_assert_eq(x->n_rates, y->n_rates, "pool %zu rates", i);
		for (size_t j = 0; j < x->n_rates; j++) {
			cr_assert_str_eq(x->rates[j].profession, y->rates[j].profession);
			cr_assert_eq(x->rates[j].rate, y->rates[j].rate, "rate %" PRId64 " vs %" PRId64,
			             x->rates[j].rate, y->rates[j].rate);
		}
		cr_assert_eq(x->n_points, y->n_points, "pool %zu points", i);
		for (size_t j = 0; j < x->n_points; j++) {
			cr_assert_str_eq(x->points[j].member, y->points[j].member);
			cr_assert_eq(x->points[j].points, y->points[j].points,
			             "points %" PRId64 " vs %" PRId64, x->points[j].points,
			             y->points[j].points);
		}
	}
}

/* parse(write(k)) equals k, and writing that again gives the same text. */
static void assert_round_trip(const struct key *k)
{
	struct sbuf b;
	sb_init(&b);
	keyfile_write(k, &b);
	cr_assert(!b.failed);
	struct key *back = parse_ok(b.s);
	assert_key_same(k, back);
	struct sbuf b2;
	sb_init(&b2);
	keyfile_write(back, &b2);
	cr_assert_str_eq(b.s, b2.s);
	sb_fini(&b);
	sb_fini(&b2);
	key_free(back);
}

/* ---- the shipped examples ---- */

Test(keyfile, every_shipped_key_parses_and_round_trips)
{
	DIR *d = opendir("config/keys");
	cr_assert_not_null(d, "config/keys");
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".cfg") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "config/keys/%s", de->d_name);
		struct key *k = load_ok(path);
		assert_round_trip(k);
		key_free(k);
		n++;
	}
	closedir(d);
	cr_assert_geq(n, 4, "only %d keys in config/keys", n);
}

Test(keyfile, shipped_aci)
{
	struct key *k = load_ok("config/keys/aci.cfg");
	cr_assert_str_eq(k->name, "ACI");
	cr_assert_eq(k->n_res, 2);
	cr_assert_str_eq(k->res[0].account, "post:COORD");
	cr_assert_not(k->res[0].is_rate);
	cr_assert_eq(k->res[0].amount, 1800000);
	cr_assert_str_eq(k->res[1].account, "operating");
	cr_assert(k->res[1].is_rate);
	cr_assert_eq(k->res[1].rate_bp, 1000);
	cr_assert_eq(k->n_pools, 2);
	cr_assert_eq(k->pools[0].rate_bp, 3000);
	cr_assert_eq(k->pools[0].basis, BASIS_EQUAL);
	cr_assert(k->pools[0].prorata);
	cr_assert(strlist_has(&k->pools[0].statuses, "associate"));
	const struct key_pool *p = &k->pools[1];
	cr_assert_eq(p->rate_bp, 7000);
	cr_assert_eq(p->basis, BASIS_HOURS);
	cr_assert_eq(p->kinds.n, 3);
	cr_assert_str_eq(p->kinds.v[0], "RCP");
	cr_assert_str_eq(p->kinds.v[1], "protocol");
	cr_assert_str_eq(p->kinds.v[2], "coordination");
	cr_assert_str_eq(p->rates[0].profession, "gp");
	cr_assert_eq(p->rates[0].rate, 8000);
	for (size_t i = 1; i < p->n_rates; i++)
		cr_assert_eq(p->rates[i].rate, 5000, "%s", p->rates[i].profession);
	key_free(k);
}

Test(keyfile, shipped_peps_equal_hourly)
{
	struct key *k = load_ok("config/keys/peps.cfg");
	cr_assert_eq(k->n_pools, 1);
	cr_assert_eq(k->pools[0].basis, BASIS_PATIENTS);
	cr_assert_not(k->pools[0].at_end);
	cr_assert_eq(k->pools[0].professions.n, 1);
	cr_assert_str_eq(k->pools[0].professions.v[0], "gp");
	key_free(k);

	k = load_ok("config/keys/equal.cfg");
	cr_assert_eq(k->n_res, 0);
	cr_assert_eq(k->pools[0].rate_bp, 10000);
	cr_assert_eq(k->pools[0].basis, BASIS_EQUAL);
	cr_assert(k->pools[0].prorata);
	key_free(k);

	k = load_ok("config/keys/hourly.cfg");
	const struct key_pool *p = &k->pools[0];
	cr_assert_eq(p->basis, BASIS_HOURS);
	cr_assert_eq(p->kinds.n, 0, "every kind");
	cr_assert_eq(p->n_rates, cfg->professions.n, "a rate for every profession");
	for (size_t i = 0; i < p->n_rates; i++) {
		const char *g = config_find(&cfg->professions, p->rates[i].profession)->group;
		cr_assert_eq(p->rates[i].rate, strcmp(g, "medical") == 0 ? 8000 : 5000, "%s",
		             p->rates[i].profession);
	}
	key_free(k);
}

/* ---- a key using every setting ---- */

Test(keyfile, every_setting)
{
	struct key *k = load_ok(KEYS "good-full.cfg");
	cr_assert_str_eq(k->name, "Full");
	cr_assert_str_eq(k->description, "Every setting once");
	cr_assert_eq(k->n_res, 4);
	cr_assert_eq(k->res[0].amount, 1800000);        /* "18 000,00" */
	cr_assert_eq(k->res[1].amount, 123456);         /* "1 234,56 €" */
	cr_assert_eq(k->res[2].rate_bp, 1250);          /* 12.5 */
	cr_assert_eq(k->res[3].rate_bp, 25);            /* "0,25" */
	cr_assert_str_eq(k->res[3].account, "member:GP1");
	cr_assert_eq(k->res[0].line, 7);
	cr_assert_eq(k->n_pools, 5);
	const int32_t rates[] = { 1000, 1050, 1950, 3000, 3000 };
	const enum basis bases[] = { BASIS_EQUAL, BASIS_FTE, BASIS_PATIENTS, BASIS_HOURS, BASIS_POINTS };
	const int lines[] = { 13, 15, 17, 19, 21 };
	for (size_t i = 0; i < 5; i++) {
		cr_assert_eq(k->pools[i].rate_bp, rates[i], "pool %zu", i);
		cr_assert_eq(k->pools[i].basis, bases[i], "pool %zu", i);
		cr_assert_eq(k->pools[i].line, lines[i], "pool %zu line %d", i, k->pools[i].line);
	}
	cr_assert(k->pools[0].prorata);
	cr_assert_not(k->pools[1].prorata);
	cr_assert_eq(k->pools[1].groups.n, 2);
	cr_assert(k->pools[2].at_end);
	cr_assert_eq(k->pools[2].members.n, 2);
	cr_assert_str_eq(k->pools[2].members.v[1], "GP2");
	const struct key_pool *h = &k->pools[3];
	cr_assert_eq(h->n_rates, 3);
	cr_assert_str_eq(h->rates[2].profession, "speech-therapist");
	cr_assert_eq(h->rates[0].rate, 8000);
	cr_assert_eq(h->rates[1].rate, 5000);
	cr_assert_eq(h->rates[2].rate, 4250);
	const struct key_pool *pt = &k->pools[4];
	cr_assert_eq(pt->n_points, 3);
	cr_assert_str_eq(pt->points[0].member, "GP1");
	cr_assert_eq(pt->points[0].points, 300);
	cr_assert_eq(pt->points[1].points, 150);
	cr_assert_str_eq(pt->points[2].member, "PHYSIO_3");
	cr_assert_eq(pt->points[2].points, 200);
	assert_round_trip(k);
	key_free(k);
}

/* ---- each check, with its message and line ---- */

/* Arrays, not pointers: Criterion may run each case in a fresh process
 * where the addresses of this one mean nothing. */
struct bad {
	char file[32];
	char want[128];     /* after "tests/fixtures/keys/FILE.cfg:" */
};

ParameterizedTestParameters(keyfile, bad_files)
{
	static struct bad bad[] = {
		{ "bad-unknown-key", "5: unknown setting \"colour\"" },
		{ "bad-unknown-reservation", "8: unknown setting \"note\"" },
		{ "bad-unknown-pool", "12: unknown setting \"weight\"" },
		{ "bad-unknown-top", "2: unknown setting \"version\"" },
		{ "bad-no-name", "2: missing setting \"name\"" },
		{ "bad-empty-name", "4: \"name\" is empty" },
		{ "bad-both", "8: a reservation has an amount or a rate, not both" },
		{ "bad-neither", "7: a reservation needs an amount or a rate" },
		{ "bad-account", "7: invalid account \"bank\": use \"operating\", \"post:CODE\" or \"member:CODE\"" },
		{ "bad-account-code", "6: invalid account \"post:\": use \"operating\", \"post:CODE\" or \"member:CODE\"" },
		{ "bad-amount", "6: invalid amount \"1000.005\"" },
		{ "bad-amount-number", "6: amount must be a string such as \"18000.00\"" },
		{ "bad-amount-zero", "6: amount \"0,00\" must be more than zero" },
		{ "bad-total", "9: pool rates add up to 95 %, not 100 %" },
		{ "bad-total-decimals", "9: pool rates add up to 99.5 %, not 100 %" },
		{ "bad-res-total", "5: reservation rates add up to 110 %, more than 100 %" },
		{ "bad-basis", "10: unknown basis \"seniority\": use equal, fte, patients, hours or points" },
		{ "bad-at-basis", "11: \"at\" applies only to basis \"patients\"" },
		{ "bad-at-value", "11: unknown value \"start\" for \"at\": use \"average\" or \"end\"" },
		{ "bad-kinds-basis", "11: \"kinds\" applies only to basis \"hours\"" },
		{ "bad-rates-basis", "11: \"rates\" applies only to basis \"hours\"" },
		{ "bad-points-basis", "13: \"points\" applies only to basis \"points\"" },
		{ "bad-profession", "11: unknown profession \"surgeon\"" },
		{ "bad-group", "11: unknown group \"nursing\"" },
		{ "bad-status", "11: unknown status \"partner\"" },
		{ "bad-kind", "13: unknown activity kind \"lunch\"" },
		{ "bad-rates-profession", "14: unknown profession \"surgeon\"" },
		{ "bad-rates-negative", "13: hourly rate of nurse cannot be negative" },
		{ "bad-member-code", "11: invalid member code \"-x\"" },
		{ "bad-no-pools", "9: a key needs at least one pool" },
		{ "bad-missing-pools", "2: a key needs at least one pool" },
		{ "bad-dup-pool", "11: duplicate label \"Equal\" (also on line 10)" },
		{ "bad-dup-res", "7: duplicate label \"Post\" (also on line 6)" },
		{ "bad-zero-rate", "11: rate 0 % must be more than zero" },
		{ "bad-negative-rate", "7: rate -10 % must be more than zero" },
		{ "bad-decimals", "10: rate 12.345 has more than two decimals" },
		{ "bad-decimals-string", "10: rate 40,001 has more than two decimals" },
		{ "bad-rate-text", "10: rate \"forty\" is not a number" },
		{ "bad-prorata", "10: \"prorata\" must be true or false" },
		{ "bad-syntax", "12: syntax error" },
		{ "bad-label-control", "6: \"label\": control character" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof bad[0]);
}

ParameterizedTest(struct bad *b, keyfile, bad_files)
{
	char path[256], want[512];
	snprintf(path, sizeof path, KEYS "%s.cfg", b->file);
	snprintf(want, sizeof want, "%s:%s", path, b->want);
	struct key *k = (struct key *)1;
	struct err e = ERR_INIT;
	enum status st = keyfile_load(path, cfg, &k, &e);
	cr_assert_eq(st, ST_INVALID, "%s: status %d: %s", path, st, err_text(&e));
	cr_assert_null(k);
	cr_assert_str_eq(err_text(&e), want);
	err_fini(&e);
}

/* Every fixture named bad-*.cfg is in the table above, so a new one
 * cannot be forgotten. */
Test(keyfile, every_bad_fixture_is_checked)
{
	DIR *d = opendir(KEYS);
	cr_assert_not_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "bad-", 4) == 0)
			n++;
	closedir(d);
	cr_assert_eq(n, 41, "%d bad-*.cfg fixtures: update the table", n);
}

Test(keyfile, missing_file)
{
	struct key *k = (struct key *)1;
	struct err e = ERR_INIT;
	cr_assert_eq(keyfile_load(KEYS "no-such-key.cfg", cfg, &k, &e), ST_NOTFOUND);
	cr_assert_null(k);
	cr_assert(strstr(err_text(&e), "no-such-key.cfg"), "%s", err_text(&e));
	err_fini(&e);
	cr_assert_eq(keyfile_load(KEYS, cfg, &k, &e), ST_IO);
	err_fini(&e);
}

Test(keyfile, no_key_group)
{
	char *msg = parse_fail("# nothing\n");
	cr_assert_str_eq(msg, "t.cfg: no \"key\" group: key: { name = \"...\"; pools = ( ... ); };");
	free(msg);
	msg = parse_fail("\nkey = 3;\n");
	cr_assert_str_eq(msg, "t.cfg:2: \"key\" must be a group: key: { name = \"...\"; ... };");
	free(msg);
}

Test(keyfile, include_is_refused)
{
	char *msg = parse_fail("# shared by another practice\n  @include \"/etc/passwd\"\nkey: { };\n");
	cr_assert_str_eq(msg, "t.cfg:2: @include is not allowed in a key file");
	free(msg);
}

Test(keyfile, binary_file_is_refused)
{
	char path[] = "/tmp/qp-test-keyfile.XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "key: {\0};\n", 10), 10);
	close(fd);
	struct key *k = (struct key *)1;
	struct err e = ERR_INIT;
	cr_assert_eq(keyfile_load(path, cfg, &k, &e), ST_INVALID);
	cr_assert_null(k);
	char want[64];
	snprintf(want, sizeof want, "%s: not a text file", path);
	cr_assert_str_eq(err_text(&e), want);
	err_fini(&e);
	unlink(path);
}

/* ---- numbers: exact, never rounded ---- */

/* A one-pool key whose reservation rate is `rate` (as written). */
static char *key_with_rate(const char *rate)
{
	static char text[512];
	snprintf(text, sizeof text,
	         "key:\n{\n  name = \"R\";\n"
	         "  reservations = ( { label = \"Costs\"; account = \"operating\";\n"
	         "    rate = %s; } );\n"
	         "  pools = ( { label = \"All\"; rate = 100; basis = \"equal\"; } );\n};\n", rate);
	return text;
}

static int32_t rate_of(const char *rate)
{
	struct key *k = parse_ok(key_with_rate(rate));
	int32_t bp = k->res[0].rate_bp;
	key_free(k);
	return bp;
}

Test(keyfile, rates_are_exact)
{
	cr_assert_eq(rate_of("12.5"), 1250);
	cr_assert_eq(rate_of("12.50"), 1250);
	cr_assert_eq(rate_of("0.29"), 29);         /* 0.29 * 100 is 28.999... in binary */
	cr_assert_eq(rate_of("0.57"), 57);
	cr_assert_eq(rate_of("33.33"), 3333);
	cr_assert_eq(rate_of("0.01"), 1);
	cr_assert_eq(rate_of("100.0"), 10000);
	cr_assert_eq(rate_of("30"), 3000);          /* an integer */
	cr_assert_eq(rate_of("7L"), 700);           /* a 64-bit integer */
	cr_assert_eq(rate_of("1e1"), 1000);         /* a float with an exponent */
	cr_assert_eq(rate_of("\"30,5\""), 3050);    /* a string, decimal comma */
	cr_assert_eq(rate_of("\"12.25\""), 1225);
}

Test(keyfile, rates_with_more_decimals_are_refused)
{
	static const struct { const char *rate, *want; } cases[] = {
		{ "12.345", "t.cfg:5: rate 12.345 has more than two decimals" },
		{ "12.0000001", "t.cfg:5: rate 12.0000001 has more than two decimals" },
		{ "0.001", "t.cfg:5: rate 0.001 has more than two decimals" },
		{ "\"12,345\"", "t.cfg:5: rate 12,345 has more than two decimals" },
		{ "100.01", "t.cfg:5: rate 100.01 % is more than 100 %" },
		{ "0.0", "t.cfg:5: rate 0 % must be more than zero" },
		{ "1e300", "t.cfg:5: rate 1e300 % is more than 100 %" },
		{ "true", "t.cfg:5: rate must be a number" },
		{ "\"\"", "t.cfg:5: rate \"\" is not a number" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *msg = parse_fail(key_with_rate(cases[i].rate));
		cr_expect_str_eq(msg, cases[i].want, "rate %s", cases[i].rate);
		free(msg);
	}
}

/* Exhaustive: every rate with two decimals from 0.01 to 100.00, written
 * as a float the way people do, reads back as exactly its basis points. */
Test(keyfile, every_two_decimal_rate_is_exact)
{
	for (int bp = 1; bp <= 10000; bp++) {
		char rate[32];
		snprintf(rate, sizeof rate, "%d.%02d", bp / 100, bp % 100);
		cr_assert_eq(rate_of(rate), bp, "rate %s", rate);
	}
}

Test(keyfile, large_numbers_travel_as_strings)
{
	const char *text =
		"key: { name = \"Big\";\n"
		"  pools = ( { label = \"P\"; rate = 100; basis = \"points\";\n"
		"    points = { A = \"92233720368547758.07\"; B = 99999999999.99;\n"
		"               C = 123456789012L; }; } ); };\n";
	struct key *k = parse_ok(text);
	cr_assert_eq(k->pools[0].points[0].points, INT64_MAX);
	cr_assert_eq(k->pools[0].points[1].points, INT64_C(9999999999999));
	cr_assert_eq(k->pools[0].points[2].points, INT64_C(12345678901200));
	assert_round_trip(k);
	key_free(k);
	char *msg = parse_fail("key: { name = \"Big\";\n"
		"  pools = ( { label = \"P\"; rate = 100; basis = \"points\";\n"
		"    points = { A = 92233720368547759L; }; } ); };\n");
	cr_assert_str_eq(msg, "t.cfg:3: points of A: 92233720368547759L is more than a key can hold "
	                 "(at most 92233720368547758.07)");
	free(msg);
}

/* ---- numbers past 32 bits: read as written, or refused ---- */

/* Every numeric setting of a key, with the value on line 3. */
enum numfield { NF_POOL_RATE, NF_RES_RATE, NF_HOURLY, NF_POINTS, NF__COUNT };

/* Each setting's file is its text before the value, the value, then
 * ") } ); };" closing what the text opened. */
static const char *const numfield_text[NF__COUNT] = {
	[NF_POOL_RATE] = "key: { name = \"N\";\n  pools = ( { label = \"P\"; basis = \"equal\";\n    rate = ",
	[NF_RES_RATE] = "key: { name = \"N\";\n  pools = ( { label = \"P\"; rate = 100; basis = \"equal\"; } );\n"
	                "  reservations = ( { label = \"R\"; account = \"operating\"; rate = ",
	[NF_HOURLY] = "key: { name = \"N\";\n  pools = ( { label = \"P\"; rate = 100; basis = \"hours\";\n"
	              "    rates = { gp = ",
	[NF_POINTS] = "key: { name = \"N\";\n  pools = ( { label = \"P\"; rate = 100; basis = \"points\";\n"
	              "    points = { A = ",
};
static const char *const numfield_end[NF__COUNT] = {
	[NF_POOL_RATE] = "; } ); };\n",
	[NF_RES_RATE] = "; } ); };\n",
	[NF_HOURLY] = "; }; } ); };\n",
	[NF_POINTS] = "; }; } ); };\n",
};

/* NEG: refused as negative; BIG: refused as more than 64 bits hold. */
#define NEG INT64_MIN
#define BIG INT64_MAX

static const struct {
	const char *lit;       /* as written in the file */
	const char *as_rate;   /* how a rate's refusal shows it */
	int64_t hundredths;    /* points and hourly rates: the value, NEG or BIG */
} wide[] = {
	{ "2147483647", "2147483647", INT64_C(214748364700) },                 /* 2^31 - 1 */
	{ "2147483648", "2147483648", INT64_C(214748364800) },                 /* 2^31: atoi makes it negative */
	{ "4294967297", "4294967297", INT64_C(429496729700) },                 /* 2^32 + 1: atoi makes it 1 */
	{ "4294967396", "4294967396", INT64_C(429496739600) },                 /* atoi makes it 100 */
	{ "-2147483649", "-2147483649", NEG },                                 /* -2^31 - 1: atoi makes it positive */
	{ "-4294967196", "-4294967196", NEG },                                 /* atoi makes it 100 */
	{ "9223372036854775807", "9223372036854775807", BIG },                 /* 2^63 - 1 */
	{ "9223372036854775808L", "9223372036854775808L", BIG },               /* 2^63: atoll saturates */
	{ "-9223372036854775809L", "-9223372036854775809L", NEG },
	{ "99999999999999999999", "99999999999999999999", BIG },
	{ "0x100000001", "4294967297", INT64_C(429496729700) },                /* hex: wrapped to 1 */
	{ "0x10000000000000000L", "0x10000000000000000L", BIG },               /* wrapped to 0 */
	{ "4294967297.0", "4294967297", INT64_C(429496729700) },
	{ "99999999999999999.99", "99999999999999999.99", BIG },               /* more than a double holds */
	{ "92233720368547758.07", "92233720368547758.07", INT64_MAX - 1 },     /* the largest: see below */
	{ "92233720368547758.08", "92233720368547758.08", BIG },
	{ "1e300", "1e300", BIG },
	{ "1e400", "1e400", BIG },                                             /* a double's infinity */
	{ "-1e400", "-1e400", NEG },
};

Test(keyfile, numbers_past_32_bits_in_every_numeric_setting)
{
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
		for (int f = 0; f < NF__COUNT; f++) {
			char text[512], want[256];
			snprintf(text, sizeof text, "%s%s%s", numfield_text[f], wide[i].lit, numfield_end[f]);
			int64_t v = wide[i].hundredths == INT64_MAX - 1 ? INT64_MAX : wide[i].hundredths;
			bool rate = f == NF_POOL_RATE || f == NF_RES_RATE;
			const char *who = f == NF_POINTS ? "points of A" : "hourly rate of gp";
			if (rate && v < 0)
				snprintf(want, sizeof want, "t.cfg:3: rate %s %% must be more than zero", wide[i].as_rate);
			else if (rate)
				snprintf(want, sizeof want, "t.cfg:3: rate %s %% is more than 100 %%", wide[i].as_rate);
			else if (v == NEG)
				snprintf(want, sizeof want, "t.cfg:3: %s cannot be negative", who);
			else if (wide[i].hundredths == BIG)
				snprintf(want, sizeof want, "t.cfg:3: %s: %s is more than a key can hold "
				         "(at most 92233720368547758.07)", who, wide[i].lit);
			else {
				struct key *k = parse_ok(text);
				int64_t got = f == NF_POINTS ? k->pools[0].points[0].points : k->pools[0].rates[0].rate;
				cr_expect_eq(got, v, "%s as %d: %" PRId64 ", want %" PRId64, wide[i].lit, f, got, v);
				key_free(k);
				continue;
			}
			char *msg = parse_fail(text);
			cr_expect_str_eq(msg, want, "%s as setting %d", wide[i].lit, f);
			free(msg);
		}
	}
}

/* Rates that fit are exact whatever their literal: 64-bit, hexadecimal,
 * an exponent. */
Test(keyfile, rates_in_any_literal_are_exact)
{
	cr_assert_eq(rate_of("100L"), 10000);
	cr_assert_eq(rate_of("0x1E"), 3000);
	cr_assert_eq(rate_of("12.5e-1"), 125);
	cr_assert_eq(rate_of("0.1234e2"), 1234);
	cr_assert_eq(rate_of("+25"), 2500);
	char *msg = parse_fail(key_with_rate("12.3456e1"));
	cr_expect_str_eq(msg, "t.cfg:5: rate 12.3456e1 has more than two decimals");
	free(msg);
	msg = parse_fail(key_with_rate("1e-400"));
	cr_expect_str_eq(msg, "t.cfg:5: rate 1e-400 has more than two decimals");
	free(msg);
}

/* The scan that sets numbers aside must not see one inside a string, a
 * comment or a name, nor move a line. */
Test(keyfile, numbers_in_strings_comments_and_names_stay)
{
	struct key *k = parse_ok(
		"# 4294967297 in a comment\n"
		"key: { name = \"Key 4294967297 \\\" 12\"; /* 2147483648\n 5 */\n"
		"  description = \"rate = 4294967396;\"; // 1e400\n"
		"  pools = ( { label = \"P1\"; rate = 100; basis = \"points\";\n"
		"    points = { GP-2 = 1.5; A1_2 = 2; }; } ); };\n");
	cr_assert_str_eq(k->name, "Key 4294967297 \" 12");
	cr_assert_str_eq(k->description, "rate = 4294967396;");
	cr_assert_str_eq(k->pools[0].points[0].member, "GP-2");
	cr_assert_eq(k->pools[0].points[0].points, 150);
	cr_assert_eq(k->pools[0].points[1].points, 200);
	cr_assert_eq(k->pools[0].line, 5);
	key_free(k);
	char *msg = parse_fail("key: { name = \"N\";\n\n  pools = ( { label = \"P\"; rate = 100; basis = \"equal\";\n"
	                       "    prorata = 4294967297; } ); };\n");
	cr_expect_str_eq(msg, "t.cfg:4: \"prorata\" must be true or false");
	free(msg);
	msg = parse_fail("key: { name = 4294967297;\n pools = (); };\n");
	cr_expect_str_eq(msg, "t.cfg:1: \"name\" must be a string");
	free(msg);
	/* What libconfig refuses stays refused, at the same line: a number
	 * run into a name ("12.5L" is a float then "L"; "5LLL" 5LL then
	 * "L"), a name run into a number ("f12.5"). */
	static const char *const glued[] = { "12.5L", "5LLL", "1e5L", "f12.5", "0x1FL5" };
	for (size_t i = 0; i < sizeof glued / sizeof glued[0]; i++) {
		char text[256];
		snprintf(text, sizeof text, "key: { name = \"N\";\n  pools = ( { label = \"P\"; basis = \"equal\";\n"
		         "    rate = %s; } ); };\n", glued[i]);
		msg = parse_fail(text);
		cr_expect_str_eq(msg, "t.cfg:3: syntax error", "%s", glued[i]);
		free(msg);
	}
}

/* A NIR is never a code in a key, however it is written: not in a pool's
 * members, not in a reservation's account; the message does not repeat
 * it. (Points name members as setting names, which cannot start with a
 * digit: a NIR there is a syntax error.) */
Test(keyfile, nir_member_codes_are_refused)
{
	static const char *const written[] = {
		"1-85-07-75-123-456-08", "1_85_07_75_123_456_08", "1.85.07.75.123.456.08",
		"185077512345608", "1-85-07-2A-123-456-65", "1_85_07_2b_123_456_92",
	};
	for (size_t i = 0; i < sizeof written / sizeof written[0]; i++) {
		char text[512];
		snprintf(text, sizeof text, "key: { name = \"N\";\n  pools = ( { label = \"P\"; rate = 100; basis = \"equal\";\n"
		         "    members = [ \"GP1\", \"%s\" ]; } ); };\n", written[i]);
		char *msg = parse_fail(text);
		cr_expect_str_eq(msg, "t.cfg:3: a French social-security number (NIR) cannot be a code in a key: "
		                 "use the practice's own codes", "%s", written[i]);
		free(msg);
		const char *kinds[] = { "member", "post" };
		for (int j = 0; j < 2; j++) {
			snprintf(text, sizeof text, "key: { name = \"N\";\n  reservations = ( { label = \"R\";\n"
			         "    account = \"%s:%s\"; amount = \"1.00\"; } );\n"
			         "  pools = ( { label = \"P\"; rate = 100; basis = \"equal\"; } ); };\n", kinds[j], written[i]);
			msg = parse_fail(text);
			cr_expect_str_eq(msg, "t.cfg:3: a French social-security number (NIR) cannot be a code in a key: "
			                 "use the practice's own codes", "%s:%s", kinds[j], written[i]);
			free(msg);
		}
	}
}

/* ---- empty lists select no one: refused, with what to write ---- */

Test(keyfile, empty_lists_are_refused)
{
	static const struct { const char *setting, *basis, *want; } cases[] = {
		{ "statuses = [ ]", "equal", "an empty \"statuses\" list matches no one; leave the setting out to match every status" },
		{ "professions = [ ]", "equal", "an empty \"professions\" list matches no one; leave the setting out to match every profession" },
		{ "groups = [ ]", "equal", "an empty \"groups\" list matches no one; leave the setting out to match every group" },
		{ "members = [ ]", "equal", "an empty \"members\" list matches no one; leave the setting out to match every member" },
		{ "members = ( )", "equal", "an empty \"members\" list matches no one; leave the setting out to match every member" },
		{ "kinds = [ ]", "hours", "an empty \"kinds\" list counts no hours; leave the setting out to count every kind" },
		{ "rates = { }", "hours", "an empty \"rates\" group counts every hour 0; leave the setting out to count every hour 1" },
		{ "points = { }", "points", "an empty \"points\" group gives every member 0 points; give each member's points: { CODE = 1.5; ... }" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512], want[256];
		snprintf(text, sizeof text, "key: { name = \"E\";\n  pools = ( { label = \"P\"; rate = 100;\n"
		         "    basis = \"%s\";\n    %s; } ); };\n", cases[i].basis, cases[i].setting);
		snprintf(want, sizeof want, "t.cfg:4: %s", cases[i].want);
		char *msg = parse_fail(text);
		cr_expect_str_eq(msg, want, "%s", cases[i].setting);
		free(msg);
	}
	/* An empty list of reservations means none, as leaving it out does. */
	struct key *k = parse_ok("key: { name = \"E\"; reservations = ( );\n"
	                         "  pools = ( { label = \"P\"; rate = 100; basis = \"equal\"; } ); };\n");
	cr_assert_eq(k->n_res, 0);
	key_free(k);
}

Test(keyfile, amount_in_french_format)
{
	struct key *k = parse_ok(
		"key: { name = \"A\";\n"
		"  reservations = ( { label = \"Post\"; account = \"post:COORD\"; amount = \"18 000,00\"; } );\n"
		"  pools = ( { label = \"All\"; rate = 100; basis = \"equal\"; } ); };\n");
	cr_assert_not(k->res[0].is_rate);
	cr_assert_eq(k->res[0].amount, 1800000);
	key_free(k);
}

/* ---- writing ---- */

Test(keyfile, written_text)
{
	struct key *k = load_ok("config/keys/aci.cfg");
	struct sbuf b;
	sb_init(&b);
	keyfile_write(k, &b);
	cr_assert(strncmp(b.s, "# quotepart distribution key \"ACI\"\n", 35) == 0, "%s", b.s);
	cr_assert(strstr(b.s, "      amount = \"18000.00\";\n"), "%s", b.s);
	cr_assert(strstr(b.s, "      rate = 10.00;\n"), "%s", b.s);
	cr_assert(strstr(b.s, "      rate = 70.00;\n"), "%s", b.s);
	cr_assert(strstr(b.s, "        gp = 80.00;\n"), "%s", b.s);
	cr_assert(strstr(b.s, "      kinds = [ \"RCP\", \"protocol\", \"coordination\" ];\n"), "%s", b.s);
	sb_fini(&b);
	key_free(k);
}

Test(keyfile, strings_are_escaped)
{
	struct key *k = parse_ok(
		"key: { name = \"Clé \\\"A\\\" \\\\ é €\";\n"
		"  description = \"line\";\n"
		"  pools = ( { label = \"Part \\\"égale\\\"\"; rate = 100; basis = \"equal\"; } ); };\n");
	cr_assert_str_eq(k->pools[0].label, "Part \"égale\"");
	assert_round_trip(k);
	/* A name from elsewhere (the database) may hold a newline: it must not
	 * escape the header comment. */
	free(k->name);
	k->name = strdup("two\nlines");
	struct sbuf b;
	sb_init(&b);
	keyfile_write(k, &b);
	cr_assert(strncmp(b.s, "# quotepart distribution key \"two\\x0alines\"\n", 44) == 0, "%s", b.s);
	sb_fini(&b);
	key_free(k);
}

/* ---- randomised round trips ---- */

static uint64_t rng;

static uint64_t next(void)
{
	/* splitmix64: small, good enough, and the same on every machine. */
	uint64_t z = (rng += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t below(uint64_t n)
{
	return next() % n;
}

static char *random_text(const char *suffix)
{
	static const char *const parts[] = {
		"a", "Z", "é", "\"", "\\", " ", "€", "1", "-", "Part", "ü", "'", "{", ";", "#",
	};
	struct sbuf b;
	sb_init(&b);
	size_t n = 1 + below(6);
	for (size_t i = 0; i < n; i++)
		sb_add(&b, parts[below(sizeof parts / sizeof parts[0])]);
	sb_add(&b, suffix);
	return sb_take(&b);
}

static void random_codes(struct strlist *l, const struct codelist *from)
{
	l->v = calloc(from->n, sizeof *l->v);
	for (size_t i = 0; i < from->n; i++)
		if (below(3) == 0)
			l->v[l->n++] = strdup(from->v[i].code);
	if (l->n == 0) {
		free(l->v);
		l->v = NULL;
	}
}

static int64_t random_hundredths(void)
{
	switch (below(4)) {
	case 0: return (int64_t)below(100);
	case 1: return (int64_t)below(1000000);
	case 2: return (int64_t)below(INT64_C(1000000000000000));
	default: return INT64_MAX - (int64_t)below(INT64_C(1000000000000000000));
	}
}

static struct key *random_key(void)
{
	static const char *const accounts[] = {
		"operating", "post:COORD", "post:ASSIST", "member:GP1", "member:j.dupont", "member:1A",
	};
	static const char *const members[] = { "GP1", "IDE2", "PHYSIO_3", "kine-4", "A" };
	struct key *k = calloc(1, sizeof *k);
	k->name = random_text("");
	if (below(2))
		k->description = random_text("");
	k->n_res = below(4);
	k->res = k->n_res ? calloc(k->n_res, sizeof *k->res) : NULL;
	int32_t budget = 10000;
	for (size_t i = 0; i < k->n_res; i++) {
		char suffix[32];
		snprintf(suffix, sizeof suffix, " r%zu", i);
		struct key_reservation *r = &k->res[i];
		r->label = random_text(suffix);
		r->account = strdup(accounts[below(sizeof accounts / sizeof accounts[0])]);
		if (budget > 0 && below(2)) {
			r->is_rate = true;
			r->rate_bp = 1 + (int32_t)below((uint64_t)budget);
			budget -= r->rate_bp;
		} else {
			r->amount = 1 + (int64_t)below(below(2) ? 100000000 : INT64_C(900000000000000000));
		}
	}
	k->n_pools = 1 + below(5);
	k->pools = calloc(k->n_pools, sizeof *k->pools);
	int32_t left = 10000;
	for (size_t i = 0; i < k->n_pools; i++) {
		char suffix[32];
		snprintf(suffix, sizeof suffix, " p%zu", i);
		struct key_pool *p = &k->pools[i];
		p->label = random_text(suffix);
		size_t pools_after = k->n_pools - i - 1;
		if (pools_after == 0)
			p->rate_bp = left;
		else
			p->rate_bp = 1 + (int32_t)below((uint64_t)(left - (int32_t)pools_after));
		left -= p->rate_bp;
		p->basis = (enum basis)below(5);
		p->prorata = below(2);
		p->at_end = p->basis == BASIS_PATIENTS && below(2);
		random_codes(&p->statuses, &cfg->statuses);
		random_codes(&p->professions, &cfg->professions);
		random_codes(&p->groups, &cfg->groups);
		if (below(3) == 0) {
			p->members.v = calloc(2, sizeof *p->members.v);
			p->members.v[p->members.n++] = strdup("1A");
			p->members.v[p->members.n++] = strdup("j.dupont");
		}
		if (p->basis == BASIS_HOURS) {
			random_codes(&p->kinds, &cfg->activity_kinds);
			if (below(2)) {
				size_t n = cfg->professions.n;
				p->rates = calloc(n, sizeof *p->rates);
				for (size_t j = 0; j < n; j++)
					if (below(2)) {
						p->rates[p->n_rates].profession = strdup(cfg->professions.v[j].code);
						p->rates[p->n_rates++].rate = random_hundredths();
					}
			}
		}
		if (p->basis == BASIS_POINTS) {
			size_t n = sizeof members / sizeof members[0];
			p->points = calloc(n, sizeof *p->points);
			for (size_t j = 0; j < n; j++)
				if (below(2)) {
					p->points[p->n_points].member = strdup(members[j]);
					p->points[p->n_points++].points = random_hundredths();
				}
		}
	}
	return k;
}

Test(keyfile, random_keys_round_trip)
{
	const char *env = getenv("QP_SEED");
	uint64_t seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
	rng = seed;
	const int cases = 500;
	cr_log_info("random_keys_round_trip: QP_SEED=%" PRIu64 ", %d keys", seed, cases);
	fprintf(stderr, "random_keys_round_trip: QP_SEED=%" PRIu64 "\n", seed);
	for (int i = 0; i < cases; i++) {
		struct key *k = random_key();
		assert_round_trip(k);
		key_free(k);
	}
}
