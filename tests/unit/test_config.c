/* test_config.c: the built-in configuration, user files overlaid on it,
 * the lookup order, and errors that name the file and the line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/config.h"
#include "quotepart/text.h"

#define FIX "tests/fixtures/config/"

/* Each test runs in its own process: point every optional place at an
 * empty temporary directory so a file on the machine cannot interfere. */
static char tmpdir[64];

static void isolate(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/qp-test-config.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	unsetenv("QUOTEPART_CONFIG");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C.UTF-8", 1);
}

static void cleanup(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(config, .init = isolate, .fini = cleanup);

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* dir/sub... created as needed; returns the path of the file. */
static char *make_user_file(const char *dir, const char *rel, const char *text)
{
	static char path[256];
	char sub[256];
	snprintf(sub, sizeof sub, "%s/%s", dir, rel);
	for (char *p = sub + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(sub, 0700);
		*p = '/';
	}
	snprintf(path, sizeof path, "%s", sub);
	write_file(path, text);
	return path;
}

static struct config *load_ok(const char *path)
{
	struct config *c = NULL;
	struct err e = ERR_INIT;
	enum status st = config_load(path, &c, &e);
	cr_assert_eq(st, ST_OK, "config_load(%s): %s", path ? path : "NULL", err_text(&e));
	cr_assert_not_null(c);
	err_fini(&e);
	return c;
}

/* Load a file that must fail; returns the message (caller frees). */
static char *load_fail(const char *path, enum status want)
{
	struct config *c = (struct config *)1;
	struct err e = ERR_INIT;
	enum status st = config_load(path, &c, &e);
	cr_assert_eq(st, want, "config_load(%s) gave %d, wanted %d: %s", path, st, want,
	             err_text(&e));
	cr_assert_null(c);
	char *msg = strdup(err_text(&e));
	err_fini(&e);
	return msg;
}

static void assert_item(const struct codelist *l, const char *code, const char *group,
                        const char *en, const char *fr)
{
	const struct cfg_item *it = config_find(l, code);
	cr_assert_not_null(it, "code %s missing", code);
	cr_assert_str_eq(it->code, code);
	if (group)
		cr_assert_str_eq(it->group, group, "%s: group %s", code, it->group);
	else
		cr_assert_null(it->group, "%s has a group", code);
	if (en)
		cr_assert_str_eq(it->label_en, en);
	if (fr)
		cr_assert_str_eq(it->label_fr, fr);
}

/* PRODUCT.md, "Codes the default configuration ships". */
static const struct { const char *code, *group; } professions[] = {
	{ "gp", "medical" }, { "specialist", "medical" }, { "midwife", "medical" },
	{ "dentist", "medical" },
	{ "nurse", "paramedical" }, { "physio", "paramedical" },
	{ "speech-therapist", "paramedical" }, { "orthoptist", "paramedical" },
	{ "podiatrist", "paramedical" }, { "dietitian", "paramedical" },
	{ "psychologist", "paramedical" }, { "occupational-therapist", "paramedical" },
	{ "pharmacist", "pharmacy" },
	{ "coordinator", "staff" }, { "secretary", "staff" },
	{ "medical-assistant", "staff" }, { "receptionist", "staff" }, { "mediator", "staff" },
};
static const char *const groups[] = { "medical", "paramedical", "pharmacy", "staff" };
static const char *const statuses[] = { "associate", "salaried", "external" };
static const char *const sources[] = { "ACI", "IPEP", "PEPS", "FIR", "ESS", "other" };
static const char *const receipt_kinds[] = {
	"advance", "balance", "quarterly", "seed", "incentive", "grant", "other" };
static const char *const activity_kinds[] = {
	"RCP", "protocol", "coordination", "meeting", "training", "mission" };
static const char *const ald[] = { "diabetes", "cardio", "cancer", "neuro", "psy", "other" };

#define N(a) (sizeof (a) / sizeof (a)[0])

static void assert_labelled(const struct codelist *l, const char *const *codes, size_t n)
{
	cr_assert_eq(l->n, n, "%zu codes, wanted %zu", l->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct cfg_item *it = config_find(l, codes[i]);
		cr_assert_not_null(it, "code %s missing", codes[i]);
		cr_assert(it->label_en && *it->label_en, "%s: no English label", codes[i]);
		cr_assert(it->label_fr && *it->label_fr, "%s: no French label", codes[i]);
	}
}

Test(config, builtin_has_every_shipped_code)
{
	struct config *c = load_ok(NULL);
	cr_assert_null(c->path, "no user file, yet path %s", c->path);

	cr_assert_eq(c->professions.n, N(professions));
	const char *codes[N(professions)];
	for (size_t i = 0; i < N(professions); i++) {
		assert_item(&c->professions, professions[i].code, professions[i].group, NULL, NULL);
		codes[i] = professions[i].code;
	}
	assert_labelled(&c->professions, codes, N(codes));
	assert_labelled(&c->groups, groups, N(groups));
	assert_labelled(&c->statuses, statuses, N(statuses));
	assert_labelled(&c->sources, sources, N(sources));
	assert_labelled(&c->receipt_kinds, receipt_kinds, N(receipt_kinds));
	assert_labelled(&c->activity_kinds, activity_kinds, N(activity_kinds));
	assert_labelled(&c->ald, ald, N(ald));
	for (size_t i = 0; i < c->statuses.n; i++)
		cr_assert_null(c->statuses.v[i].group);

	assert_item(&c->professions, "gp", "medical", "General practitioner", "Médecin généraliste");
	assert_item(&c->statuses, "associate", NULL, "Associate", "Associé");
	config_free(c);
}

Test(config, label_follows_language)
{
	struct config *c = load_ok(NULL);
	const struct cfg_item *gp = config_find(&c->professions, "gp");
	setenv("LANGUAGE", "fr", 1);
	cr_assert_str_eq(config_label(gp), "Médecin généraliste");
	setenv("LANGUAGE", "en", 1);
	cr_assert_str_eq(config_label(gp), "General practitioner");
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	cr_assert_str_eq(config_label(config_find(&c->receipt_kinds, "balance")), "Solde");
	setenv("LC_ALL", "C.UTF-8", 1);
	cr_assert_str_eq(config_label(config_find(&c->receipt_kinds, "balance")), "Balance");
	config_free(c);
}

Test(config, find_and_free_edges)
{
	struct config *c = load_ok(NULL);
	cr_assert_null(config_find(&c->professions, "surgeon"));
	cr_assert_null(config_find(&c->professions, "GP"), "codes are case-sensitive");
	cr_assert_null(config_find(NULL, "gp"));
	cr_assert_null(config_find(&c->professions, NULL));
	cr_assert_null(config_label(NULL));
	config_free(c);
	config_free(NULL);
}

Test(config, find_text_takes_a_label_in_either_language)
{
	struct config *c = load_ok(NULL);
	const struct cfg_item *it = config_find_text(&c->professions, "Orthophoniste");
	cr_assert(it && strcmp(it->code, "speech-therapist") == 0);
	it = config_find_text(&c->professions, "infirmier");
	cr_assert(it && strcmp(it->code, "nurse") == 0, "a label in any ASCII case");
	it = config_find_text(&c->professions, "Nurse");
	cr_assert(it && strcmp(it->code, "nurse") == 0);
	it = config_find_text(&c->statuses, "Associé");
	cr_assert(it && strcmp(it->code, "associate") == 0);
	it = config_find_text(&c->receipt_kinds, "avance trimestrielle");
	cr_assert(it && strcmp(it->code, "quarterly") == 0);
	it = config_find_text(&c->professions, "gp");
	cr_assert(it && strcmp(it->code, "gp") == 0, "codes first");
	cr_assert_null(config_find_text(&c->professions, "Infirm"), "a label is matched whole");
	cr_assert_null(config_find_text(&c->professions, NULL));
	cr_assert_null(config_find_text(NULL, "gp"));
	config_free(c);
}

static void assert_overlay(const struct config *c)
{
	/* Added, relabelled, and added in a group of the same file. */
	assert_item(&c->professions, "osteopath", "paramedical", "Osteopath", "Ostéopathe");
	assert_item(&c->professions, "nurse", "paramedical", "Registered nurse",
	            "Infirmier diplômé d'État");
	assert_item(&c->professions, "social-worker", "social", "Assistant social",
	            "Assistant social");
	assert_item(&c->groups, "social", NULL, "Social", "Social");
	/* Only the French label given: the English one stays. */
	assert_item(&c->sources, "ACI", NULL, "ACI (interprofessional agreement)", "ACI (accord)");
	assert_item(&c->sources, "CPTS", NULL, "Territorial community", "CPTS");
	cr_assert_eq(c->professions.n, N(professions) + 2);
	cr_assert_eq(c->groups.n, N(groups) + 1);
	cr_assert_eq(c->sources.n, N(sources) + 1);
	/* Untouched entries keep the built-in values. */
	assert_item(&c->professions, "gp", "medical", "General practitioner", "Médecin généraliste");
	cr_assert_eq(c->statuses.n, N(statuses));
}

Test(config, overlay_explicit_path)
{
	struct config *c = load_ok(FIX "overlay.cfg");
	assert_overlay(c);
	cr_assert_str_eq(c->path, FIX "overlay.cfg");
	config_free(c);
}

Test(config, overlay_from_environment)
{
	setenv("QUOTEPART_CONFIG", FIX "overlay.cfg", 1);
	/* $QUOTEPART_CONFIG comes before XDG. */
	make_user_file(tmpdir, "quotepart/quotepart.cfg", "syntax error here\n");
	struct config *c = load_ok(NULL);
	assert_overlay(c);
	cr_assert_str_eq(c->path, FIX "overlay.cfg");
	config_free(c);
}

Test(config, overlay_from_xdg)
{
	/* A missing $QUOTEPART_CONFIG file is skipped, XDG comes next. */
	setenv("QUOTEPART_CONFIG", "/nonexistent/quotepart.cfg", 1);
	char *path = make_user_file(tmpdir, "quotepart/quotepart.cfg",
		"statuses = ( { code = \"retired\"; en = \"Retired\"; fr = \"Retraité\"; } );\n");
	struct config *c = load_ok(NULL);
	assert_item(&c->statuses, "retired", NULL, "Retired", "Retraité");
	cr_assert_str_eq(c->path, path);
	config_free(c);
}

Test(config, overlay_from_home_when_xdg_unset)
{
	unsetenv("XDG_CONFIG_HOME");
	char *path = make_user_file(tmpdir, ".config/quotepart/quotepart.cfg",
		"statuses = ( { code = \"associate\"; en = \"Partner\"; } );\n");
	struct config *c = load_ok(NULL);
	assert_item(&c->statuses, "associate", NULL, "Partner", "Associé");
	cr_assert_str_eq(c->path, path);
	config_free(c);
}

Test(config, user_file_errors_name_it)
{
	char *path = make_user_file(tmpdir, "quotepart/quotepart.cfg",
		"\n\nprofessions = (\n  { code = \"x\"; group = \"nope\"; en = \"X\"; fr = \"X\"; }\n);\n");
	char *msg = load_fail(NULL, ST_CONFIG);
	char want[512];
	snprintf(want, sizeof want, "%s:4: unknown group \"nope\"", path);
	cr_assert_str_eq(msg, want);
	free(msg);
}

Test(config, explicit_missing_path_is_an_error)
{
	char *msg = load_fail("/nonexistent/dir/quotepart.cfg", ST_CONFIG);
	cr_assert(strstr(msg, "/nonexistent/dir/quotepart.cfg"), "%s", msg);
	cr_assert(strstr(msg, "No such file"), "%s", msg);
	free(msg);
}

Test(config, directory_is_an_error)
{
	char *msg = load_fail(tmpdir, ST_CONFIG);
	cr_assert(strstr(msg, "Is a directory"), "%s", msg);
	free(msg);
}

/* Each bad file and the exact message it must give. */
static const struct bad {
	const char *file, *want;
} bad[] = {
	{ "syntax.cfg", "syntax.cfg:3: syntax error" },
	{ "unknown.cfg", "unknown.cfg:6: unknown setting \"colours\"" },
	{ "unknown-field.cfg", "unknown-field.cfg:5: unknown setting \"colour\" in statuses" },
	{ "badgroup.cfg", "badgroup.cfg:5: unknown group \"nutrition\"" },
	{ "nogroup.cfg", "nogroup.cfg:3: new code \"osteopath\" needs a group" },
	{ "dupcode.cfg", "dupcode.cfg:5: duplicate code \"CPTS\" (also on line 3)" },
	{ "badcode.cfg", "badcode.cfg:3: invalid code \"kidney failure\": use 1 to 32 letters, "
	                 "digits, '-', '_' or '.', starting with a letter or a digit" },
	{ "badlabel.cfg", "badlabel.cfg:3: label \"D\\x1bjeuner\": control character" },
	{ "notalist.cfg", "notalist.cfg:2: \"statuses\" must be a list: ( { code = \"...\"; ... }, ... )" },
	{ "grouponstatus.cfg", "grouponstatus.cfg:3: unknown setting \"group\" in statuses" },
	{ "nolabel.cfg", "nolabel.cfg:3: new code \"refund\" needs a label (en or fr)" },
};

Test(config, errors_give_file_and_line)
{
	for (size_t i = 0; i < N(bad); i++) {
		char path[256], want[512];
		snprintf(path, sizeof path, FIX "%s", bad[i].file);
		snprintf(want, sizeof want, FIX "%s", bad[i].want);
		char *msg = load_fail(path, ST_CONFIG);
		cr_expect_str_eq(msg, want, "%s", bad[i].file);
		free(msg);
	}
}

/* The configuration holds no number: a number past 32 bits (which
 * libconfig 1.5 would wrap) in any setting is refused at its line like
 * any other, never read as a code or a label. */
Test(config, numbers_in_every_setting_are_refused)
{
	static const char *const values[] = {
		"2147483647", "2147483648", "4294967297", "-2147483649", "9223372036854775807",
		"9223372036854775808L", "0x100000001", "1e300", "1e400", "99999999999999999999.5",
	};
	static const char *const fields[] = { "code", "group", "en", "fr" };
	for (size_t v = 0; v < N(values); v++) {
		for (size_t f = 0; f < N(fields); f++) {
			char text[512], want[512];
			/* The item's four fields, the one tested on line 3. */
			struct sbuf b;
			sb_init(&b);
			sb_add(&b, "professions = (\n  {\n");
			sb_printf(&b, "    %s = %s;\n", fields[f], values[v]);
			for (size_t g = 0; g < N(fields); g++)
				if (g != f)
					sb_printf(&b, "    %s = \"%s\";\n", fields[g], g == 1 ? "medical" : "osteo");
			sb_add(&b, "  }\n);\n");
			snprintf(text, sizeof text, "%s", b.s);
			sb_fini(&b);
			char *path = make_user_file(tmpdir, "n.cfg", text);
			snprintf(want, sizeof want, "%s:3: \"%s\" must be a string", path, fields[f]);
			char *msg = load_fail(path, ST_CONFIG);
			cr_expect_str_eq(msg, want, "%s = %s", fields[f], values[v]);
			free(msg);
		}
		char text[128], want[512];
		snprintf(text, sizeof text, "\nstatuses = %s;\n", values[v]);
		char *path = make_user_file(tmpdir, "n.cfg", text);
		snprintf(want, sizeof want, "%s:2: \"statuses\" must be a list: ( { code = \"...\"; ... }, ... )", path);
		char *msg = load_fail(path, ST_CONFIG);
		cr_expect_str_eq(msg, want, "statuses = %s", values[v]);
		free(msg);
	}
}
