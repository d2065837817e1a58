/* cli.c: the command line. One table of commands and their options feeds
 * the parser, `--help` and the man page check; each command calls the use
 * cases of app.h and prints. Exit codes are sysexits(3). */
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quotepart/app.h"
#include "quotepart/app_reports.h"
#include "quotepart/app_views.h"
#include "quotepart/cli.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/report.h"

#include "cli_internal.h"

static const struct option long_opts[] = {
	{ "name", required_argument, NULL, O_NAME },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "out", required_argument, NULL, O_OUT },
	{ "key", required_argument, NULL, O_KEY },
	{ "date", required_argument, NULL, O_DATE },
	{ "note", required_argument, NULL, O_NOTE },
	{ "member", required_argument, NULL, O_MEMBER },
	{ "means", required_argument, NULL, O_MEANS },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "true-up", no_argument, NULL, O_TRUE_UP },
	{ "db", required_argument, NULL, O_DB },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "no-color", no_argument, NULL, O_NO_COLOR },
	{ "all", no_argument, NULL, O_ALL },
	{ "year", required_argument, NULL, O_YEAR },
	{ "from", required_argument, NULL, O_FROM },
	{ "to", required_argument, NULL, O_TO },
	{ "rename", no_argument, NULL, O_RENAME },
	{ "exercise", required_argument, NULL, O_EXERCISE },
	{ "rules", required_argument, NULL, O_RULES },
	{ "set", required_argument, NULL, O_SET },
	{ "save", no_argument, NULL, O_SAVE },
	{ NULL, 0, NULL, 0 },
};

int cli_fail(struct err *e)
{
	/* Messages quote what was typed or read: never raw to a terminal. */
	char *msg = text_escape(err_text(e));
	fprintf(stderr, "quotepart: %s\n", msg ? msg : err_text(e));
	free(msg);
	int code = status_exit_code(e->status);
	err_fini(e);
	return code;
}

/* A database others may open is said on every command, which still runs:
 * the data is about people's pay. */
static void warn_exposed(const struct app *a)
{
	unsigned perm = app_exposed_mode(a);
	if (!perm)
		return;
	char *path = text_escape(app_path(a));
	fprintf(stderr, _("quotepart: warning: %s can be read by other users (mode %04o); run: chmod 600 %s\n"),
	        path ? path : "?", perm, path ? path : "?");
	free(path);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *raw = str_vprintf(fmt, ap);
	va_end(ap);
	char *msg = raw ? text_escape(raw) : NULL;
	fprintf(stderr, "quotepart: %s\n%s\n", msg ? msg : "?", _("Try 'quotepart --help'."));
	free(msg);
	free(raw);
	return status_exit_code(ST_USAGE);
}

/* Write a buffer to --out FILE (atomically) or to stdout. */
int cli_emit(const struct opts *o, struct sbuf *b)
{
	struct err e = ERR_INIT;
	int code = 0;
	if (b->failed) {
		err_set(&e, ST_NOMEM, NULL);
		code = cli_fail(&e);
	} else if (o->out) {
		if (app_write_file(o->app, o->out, b->s ? b->s : "", b->len, &e) != ST_OK)
			code = cli_fail(&e);
	} else if (b->len && (fwrite(b->s, 1, b->len, stdout) != b->len || fflush(stdout) != 0)) {
		err_set(&e, ST_IO, _("cannot write the output: %s"), "stdout");
		code = cli_fail(&e);
	}
	err_fini(&e);
	sb_fini(b);
	return code;
}

int cli_want_format(const struct opts *o, unsigned can, enum rep_format dflt, enum rep_format *f)
{
	if (!rep_format_pick(o->format, can, dflt, f)) {
		struct sbuf names;
		sb_init(&names);
		rep_format_list(can, dflt, &names);
		int code = cli_usage_error(_("--format \"%s\": %s"), o->format, names.s ? names.s : "");
		sb_fini(&names);
		return code;
	}
	if ((*f == REP_PDF || *f == REP_XLSX) && !o->out)
		return cli_usage_error(_("--format %s needs --out FILE"), rep_format_name(*f));
	return 0;
}

int cli_need_date(const char *s, int32_t *d)
{
	if (!s)
		return cli_usage_error("%s", _("--date YYYY-MM-DD is required"));
	if (date_parse(s, d) != ST_OK)
		return cli_usage_error(_("--date \"%s\" is not a date (YYYY-MM-DD)"), s);
	return 0;
}

char *cli_receipt_words(const char *ref, int64_t id)
{
	struct sbuf b;
	sb_init(&b);
	if (ref)
		sb_printf(&b, _("%s (id %lld)"), ref, (long long)id);
	else
		sb_printf(&b, _("id %lld"), (long long)id);
	char *raw = sb_take(&b);
	char *s = raw ? text_escape(raw) : NULL;
	free(raw);
	return s;
}

/* ---- commands ---- */

static int cmd_init(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	if ((o->rename ? app_rename(a, o->name, &e) : app_init(a, o->name, &e)) != ST_OK)
		return cli_fail(&e);
	printf(_("Practice \"%s\" ready in %s\n"), o->name, app_path(a));
	return 0;
}

static int cmd_demo(struct app *a, struct opts *o)
{
	(void)o;
	struct err e = ERR_INIT;
	size_t keys = 0;
	if (app_demo(a, &e) != ST_OK || app_key_examples(a, &keys, &e) != ST_OK)
		return cli_fail(&e);
	char *name = app_practice_name(a);
	printf(_("Demo practice \"%s\" written to %s, with %zu example keys\n"), name ? name : "",
	       app_path(a), keys);
	free(name);
	return 0;
}

/* "amount", "source and amount", "source, period and amount". */
static void figures_text(unsigned changed, struct sbuf *b)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {
		{ APP_FIG_SOURCE, N_("source") }, { APP_FIG_EXERCISE, N_("exercise") },
		{ APP_FIG_PERIOD, N_("period") }, { APP_FIG_AMOUNT, N_("amount") },
	};
	size_t total = 0, done = 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		total += (changed & words[i].bit) != 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (!(changed & words[i].bit))
			continue;
		if (done)
			sb_add(b, done + 1 == total ? _(" and ") : ", ");
		sb_add(b, _(words[i].word));
		done++;
	}
}

static int cmd_import(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum table t;
	if (!table_parse(o->argv[0], &t))
		return cli_usage_error(_("import: unknown table \"%s\" (members, posts, patients, receipts, activities)"), o->argv[0]);
	size_t n, nd = 0;
	struct app_dropped *d = NULL;
	if (app_import_report(a, t, o->argv[1], &n, &d, &nd, &e) != ST_OK)
		return cli_fail(&e);
	printf(_("%zu %s imported from %s\n"), n, table_name(t), o->argv[1]);
	for (size_t i = 0; i < nd; i++) {
		struct sbuf what;
		sb_init(&what);
		figures_text(d[i].changed, &what);
		char *ref = cli_receipt_words(d[i].receipt_ref, d[i].receipt_id);
		printf(_("draft D%lld of receipt %s removed: its %s changed; divide it again\n"), (long long)d[i].dist,
		       ref ? ref : "?", what.s ? what.s : "");
		free(ref);
		sb_fini(&what);
	}
	app_dropped_list_free(d, nd);
	return 0;
}

static int cmd_export(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum table t;
	if (!table_parse(o->argv[0], &t))
		return cli_usage_error(_("export: unknown table \"%s\" (members, posts, patients, receipts, activities)"), o->argv[0]);
	enum rep_format f;
	if (!rep_format_pick(o->format, REP_CAN_CSV, REP_CSV, &f))
		return cli_usage_error(_("export: --format \"%s\": only csv"), o->format);
	struct sbuf b;
	sb_init(&b);
	/* Data rows only, as import reads them: the audit head is in the
	 * text documents and `check`. */
	if (app_export(a, t, &b, &e) != ST_OK) {
		sb_fini(&b);
		return cli_fail(&e);
	}
	return cli_emit(o, &b);
}

static int cmd_key(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	const char *sub = o->argv[0];
	if (strcmp(sub, "import") == 0) {
		if (o->argc != 2)
			return cli_usage_error("%s", _("key import FILE"));
		char *name = NULL;
		int v = 0;
		bool fresh = false;
		if (app_key_import(a, o->argv[1], &name, &v, &fresh, &e) != ST_OK)
			return cli_fail(&e);
		if (fresh)
			printf(_("Key \"%s\" saved as version %d\n"), name, v);
		else
			printf(_("Key \"%s\" unchanged (version %d)\n"), name, v);
		free(name);
		return 0;
	}
	if (strcmp(sub, "export") == 0) {
		if (o->argc != 2)
			return cli_usage_error("%s", _("key export NAME"));
		struct sbuf b;
		sb_init(&b);
		if (app_key_export(a, o->argv[1], &b, &e) != ST_OK) {
			sb_fini(&b);
			return cli_fail(&e);
		}
		return cli_emit(o, &b);
	}
	if (strcmp(sub, "list") == 0) {
		struct key_info *v;
		size_t n;
		if (o->argc != 1)
			return cli_usage_error("%s", _("key list"));
		if (app_keys(a, &v, &n, &e) != ST_OK)
			return cli_fail(&e);
		for (size_t i = 0; i < n; i++) {
			char *name = text_escape(v[i].name);
			printf(_("%-24s version %d, saved %s, used by %lld distribution(s)\n"), name ? name : "",
			       v[i].versions, v[i].created ? v[i].created : "", (long long)v[i].uses);
			free(name);
		}
		key_info_list_free(v, n);
		return 0;
	}
	return cli_usage_error(_("key: unknown action \"%s\" (import, export, list)"), sub);
}

static int cmd_distribute(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int code = cli_want_format(o, REPORT_DIST_FORMATS, REP_TEXT, &f);
	if (code)
		return code;
	if (o->n_keys != 1)
		return cli_usage_error("%s", _("distribute needs one --key NAME"));
	struct app_dist_request req = {
		.receipt = o->argv[0], .key = o->keys[0], .dry_run = o->dry_run, .true_up = o->true_up,
	};
	struct distribution d;
	struct receipt r;
	if (app_distribute(a, &req, &d, &e) != ST_OK)
		return cli_fail(&e);
	bool have_r = app_receipt_get(a, d.receipt_id, &r, &e) == ST_OK;
	err_fini(&e);
	struct sbuf b;
	sb_init(&b);
	report_distribution(&d, have_r ? &r : NULL, f, &b);
	code = cli_emit(o, &b);
	char *ref = cli_receipt_words(d.receipt_ref, d.receipt_id), *key = text_escape(d.key_name);
	if (code == 0 && !o->dry_run)
		fprintf(stderr, _("Saved as draft D%lld: receipt %s with key %s v%d. Approve it with: quotepart approve D%lld --date YYYY-MM-DD\n"),
		        (long long)d.id, ref ? ref : "?", key ? key : "?", d.key_version, (long long)d.id);
	else if (code == 0)
		fprintf(stderr, _("Dry run, nothing saved: receipt %s with key %s v%d\n"), ref ? ref : "?", key ? key : "?",
		        d.key_version);
	free(ref);
	free(key);
	if (have_r)
		receipt_fini(&r);
	distribution_fini(&d);
	return code;
}

static int cmd_compare(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int code = cli_want_format(o, REPORT_DIST_FORMATS, REP_TEXT, &f);
	if (code)
		return code;
	if (o->n_keys != 2)
		return cli_usage_error("%s", _("compare needs two keys: --key A --key B"));
	struct distribution d[2];
	for (int i = 0; i < 2; i++) {
		struct app_dist_request req = { .receipt = o->argv[0], .key = o->keys[i], .dry_run = true,
		                                .true_up = o->true_up };
		if (app_distribute(a, &req, &d[i], &e) != ST_OK) {
			if (i)
				distribution_fini(&d[0]);
			return cli_fail(&e);
		}
	}
	struct sbuf b;
	sb_init(&b);
	report_compare(&d[0], &d[1], f, &b);
	code = cli_emit(o, &b);
	char *ref = cli_receipt_words(d[0].receipt_ref, d[0].receipt_id);
	char *ka = text_escape(d[0].key_name), *kb = text_escape(d[1].key_name);
	if (code == 0)
		fprintf(stderr, _("Compared on receipt %s, nothing saved: key %s v%d (A) and key %s v%d (B)\n"), ref ? ref : "?",
		        ka ? ka : "?", d[0].key_version, kb ? kb : "?", d[1].key_version);
	free(ref);
	free(ka);
	free(kb);
	distribution_fini(&d[0]);
	distribution_fini(&d[1]);
	return code;
}

static int cmd_show(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int code = cli_want_format(o, REPORT_DIST_FORMATS, REP_TEXT, &f);
	if (code)
		return code;
	int64_t id;
	struct distribution d;
	if (app_dist_resolve(a, o->argv[0], true, &id, &e) != ST_OK ||
	    app_dist_get(a, id, &d, &e) != ST_OK)
		return cli_fail(&e);
	struct receipt r;
	bool have_r = app_receipt_get(a, d.receipt_id, &r, &e) == ST_OK;
	err_fini(&e);
	struct sbuf b;
	sb_init(&b);
	report_distribution(&d, have_r ? &r : NULL, f, &b);
	if (have_r)
		receipt_fini(&r);
	distribution_fini(&d);
	if (app_audit_footer(a, f, &b, &e) != ST_OK) {
		sb_fini(&b);
		return cli_fail(&e);
	}
	return cli_emit(o, &b);
}

static int cmd_distributions(struct app *a, struct opts *o)
{
	(void)o;
	struct err e = ERR_INIT;
	int64_t *ids;
	size_t n;
	if (app_dist_ids(a, 0, &ids, &n, &e) != ST_OK)
		return cli_fail(&e);
	for (size_t i = 0; i < n; i++) {
		struct distribution d;
		if (app_dist_get(a, ids[i], &d, &e) != ST_OK) {
			free(ids);
			return cli_fail(&e);
		}
		char m[MONEY_BUFSZ], when[DATE_BUFSZ];
		money_format(d.amount, money_text_style(), m, sizeof m);
		char *ref = text_escape(d.receipt_ref ? d.receipt_ref : "-");
		char *key = text_escape(d.key_name);
		printf("D%-4lld %-9s %-8s %-10s %-22s %s v%d  %s\n", (long long)d.id,
		       _(dist_status_name(d.status)), dist_mode_name(d.mode),
		       date_format(d.approved_on, when, sizeof when), ref ? ref : "", key ? key : "",
		       d.key_version, m);
		free(ref);
		free(key);
		distribution_fini(&d);
	}
	free(ids);
	return 0;
}

static int cmd_approve(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	int32_t on;
	int code = cli_need_date(o->date, &on);
	if (code)
		return code;
	int64_t id;
	struct app_dist_name dn;
	if (app_dist_resolve(a, o->argv[0], false, &id, &e) != ST_OK ||
	    app_approve(a, id, on, o->note, &e) != ST_OK ||
	    app_dist_name(a, id, &dn, &e) != ST_OK)
		return cli_fail(&e);
	char when[DATE_BUFSZ];
	char *ref = cli_receipt_words(dn.receipt_ref, dn.receipt_id), *key = text_escape(dn.key);
	printf(_("D%lld approved on %s: receipt %s with key %s v%d; it can no longer change\n"), (long long)id,
	       date_format(on, when, sizeof when), ref ? ref : "?", key ? key : "?", dn.key_version);
	free(ref);
	free(key);
	app_dist_name_fini(&dn);
	return 0;
}

static int cmd_reverse(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	int64_t id, rid;
	struct app_dist_name dn;
	if (app_dist_resolve(a, o->argv[0], true, &id, &e) != ST_OK ||
	    app_reverse(a, id, &rid, &e) != ST_OK ||
	    app_dist_name(a, rid, &dn, &e) != ST_OK)
		return cli_fail(&e);
	char *ref = cli_receipt_words(dn.receipt_ref, dn.receipt_id);
	printf(_("D%lld, a draft, reverses D%lld of receipt %s: approve it, then divide the receipt again\n"),
	       (long long)rid, (long long)id, ref ? ref : "?");
	free(ref);
	app_dist_name_fini(&dn);
	return 0;
}

static int cmd_pay(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	int32_t on;
	int code = cli_need_date(o->date, &on);
	if (code)
		return code;
	int64_t id;
	struct app_payment p;
	struct app_dist_name dn;
	if (app_dist_resolve(a, o->argv[0], true, &id, &e) != ST_OK ||
	    app_pay_lines(a, id, o->member, on, o->means, &p, &e) != ST_OK ||
	    app_dist_name(a, id, &dn, &e) != ST_OK)
		return cli_fail(&e);
	char when[DATE_BUFSZ];
	char *ref = cli_receipt_words(dn.receipt_ref, dn.receipt_id);
	date_format(on, when, sizeof when);
	if (dn.reverses)
		printf(_("D%lld, receipt %s: %zu line(s) paid back on %s; %zu needed nothing (cancelled before they were paid)\n"),
		       (long long)id, ref ? ref : "?", p.paid, when, p.nothing);
	else
		printf(_("D%lld, receipt %s: %zu line(s) marked paid on %s\n"), (long long)id, ref ? ref : "?", p.paid, when);
	free(ref);
	app_dist_name_fini(&dn);
	return 0;
}

static int cmd_check(struct app *a, struct opts *o)
{
	(void)o;
	struct err e = ERR_INIT;
	struct sbuf report;
	struct app_check_stats st = { 0 };
	sb_init(&report);
	enum status rc = app_check(a, &report, &st, &e);
	if (report.len)
		fputs(report.s, stderr);
	sb_fini(&report);
	if (rc != ST_OK) {
		free(st.audit_head);
		return cli_fail(&e);
	}
	printf(_("ok: %zu distributions and %zu lines re-derived to the cent; audit log of %lld entries intact (head %s); database integrity ok\n"),
	       st.distributions, st.lines, (long long)st.audit_entries, st.audit_head ? st.audit_head : "-");
	free(st.audit_head);
	return 0;
}

static int cmd_backup(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	if (app_backup(a, o->argv[0], &e) != ST_OK)
		return cli_fail(&e);
	printf(_("Backup written to %s\n"), o->argv[0]);
	return 0;
}

/* The interface is started through main's hook: cli and tui are
 * neighbours, neither includes the other. */
static const struct cli_ui *ui_hook;

static int cmd_tui(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	if (!ui_hook || !ui_hook->run)
		return cli_usage_error("%s", _("this program was built without the terminal interface"));
	if (ui_hook->run(a, o->no_color, NULL, &e) != ST_OK)
		return cli_fail(&e);
	return 0;
}

static const enum opt_id no_opts[] = { 0 };
static const enum opt_id init_opts[] = { O_NAME, O_RENAME, 0 };
static const enum opt_id out_opts[] = { O_FORMAT, O_OUT, 0 };
static const enum opt_id dist_opts[] = { O_KEY, O_DRY_RUN, O_TRUE_UP, O_FORMAT, O_OUT, 0 };
static const enum opt_id cmp_opts[] = { O_KEY, O_TRUE_UP, O_FORMAT, O_OUT, 0 };
static const enum opt_id approve_opts[] = { O_DATE, O_NOTE, 0 };
static const enum opt_id pay_opts[] = { O_MEMBER, O_DATE, O_MEANS, 0 };
static const enum opt_id transfers_opts[] = { O_DATE, O_OUT, 0 };
static const enum opt_id key_opts[] = { O_OUT, 0 };
static const enum opt_id aci_opts[] = { O_OUT, O_RULES, 0 };
static const enum opt_id estimate_opts[] = { O_EXERCISE, O_SET, O_SAVE, O_RULES, O_FORMAT, O_OUT, 0 };
static const enum opt_id instalments_opts[] = { O_EXERCISE, O_FORMAT, O_OUT, 0 };
static const enum opt_id instalment_opts[] = { O_NOTE, 0 };

static const struct command commands[] = {
	{ "init", "--name NAME [--rename]", N_("create the practice's database; --rename renames a practice that has a name"), 0, 0, init_opts, cmd_init, DB_CREATE },
	{ "demo", "", N_("create a fictitious practice with a year of data"), 0, 0, no_opts, cmd_demo, DB_CREATE },
	{ "settings", "[get KEY | set KEY VALUE]", N_("the practice's name, address, SIREN, SIRET, IBAN and BIC: list, get or set"), 0, 3, no_opts, cli_cmd_settings, DB_OPEN },
	{ "import", "TABLE FILE.csv", N_("import members, posts, patients, receipts or activities, all or nothing"), 2, 2, no_opts, cmd_import, DB_OPEN },
	{ "export", "TABLE [--format csv] [--out FILE]", N_("export a table as CSV for spreadsheets"), 1, 1, out_opts, cmd_export, DB_READONLY },
	{ "key", "import FILE | export NAME [--out FILE] | list", N_("import, export or list distribution keys"), 1, 2, key_opts, cmd_key, DB_OPEN },
	{ "distribute", "RECEIPT --key NAME [--dry-run] [--true-up] [--format text|csv] [--out FILE]", N_("divide a receipt with a key; saved as a draft unless --dry-run"), 1, 1, dist_opts, cmd_distribute, DB_OPEN },
	{ "compare", "RECEIPT --key A --key B [--true-up] [--format text|csv] [--out FILE]", N_("compare two keys on the same receipt"), 1, 1, cmp_opts, cmd_compare, DB_READONLY },
	{ "show", "RECEIPT|DN [--format text|csv] [--out FILE]", N_("show a stored distribution, line by line"), 1, 1, out_opts, cmd_show, DB_READONLY },
	{ "distributions", "", N_("list the stored distributions"), 0, 0, no_opts, cmd_distributions, DB_READONLY },
	{ "approve", "RECEIPT|DN --date YYYY-MM-DD [--note TEXT]", N_("approve a draft distribution; it is frozen from then on"), 1, 1, approve_opts, cmd_approve, DB_OPEN },
	{ "reverse", "DN", N_("correct an approved distribution: a new draft that negates it"), 1, 1, no_opts, cmd_reverse, DB_OPEN },
	{ "pay", "DN [--member CODE] --date YYYY-MM-DD --means TEXT", N_("record payment of an approved distribution's lines"), 1, 1, pay_opts, cmd_pay, DB_OPEN },
	{ "transfers", "DN --date YYYY-MM-DD --out FILE.xml", N_("write the SEPA credit transfer file (pain.001.001.03) of an approved distribution's unpaid member lines"), 1, 1, transfers_opts, cli_cmd_transfers, DB_READONLY },
	{ "check", "", N_("re-derive every distribution and check the whole database"), 0, 0, no_opts, cmd_check, DB_READONLY },
	{ "backup", "FILE", N_("copy the database with SQLite's online backup"), 1, 1, no_opts, cmd_backup, DB_READONLY },
	{ "aci", "import FILE [--rules FILE] | export YYYY [--out FILE]", N_("import or export the practice's yearly ACI declaration"), 1, 2, aci_opts, cli_cmd_aci, DB_OPEN },
	{ "peps", "import FILE | export YYYY [--out FILE]", N_("import or export the practice's yearly PEPS grid"), 1, 2, key_opts, cli_cmd_peps, DB_OPEN },
	{ "estimate", "ACI|PEPS --exercise YYYY [--set NAME=VALUE]... [--save] [--rules FILE] [--format text|csv] [--out FILE]", N_("what the ACI or the PEPS should pay: the ACI's points, total, advance and balance, the PEPS's quarters, year and balance; what-ifs with --set"), 1, 1, estimate_opts, cli_cmd_estimate, DB_READONLY_UNCHECKED },
	{ "instalments", "[--exercise YYYY] [--format text|csv] [--out FILE]", N_("expected instalments versus receipts: expected, received, difference, late"), 0, 0, instalments_opts, cli_cmd_instalments, DB_READONLY },
	{ "instalment", "add SOURCE EXERCISE KIND DUE AMOUNT [--note TEXT] | delete ID", N_("enter an expected instalment no estimate makes (IPEP, a grant), or delete one"), 1, 6, instalment_opts, cli_cmd_instalment, DB_OPEN },
	{ "tui", "[--no-color]", N_("open the terminal interface (the default with no command)"), 0, 0, no_opts, cmd_tui, DB_OPEN_DEFER_CHECK },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const struct command *command_at(size_t i)
{
	return i < N_COMMANDS ? &commands[i] : &cli_report_commands[i - N_COMMANDS];
}

static void print_help(void)
{
	printf(_("Usage: quotepart [OPTION]... [COMMAND [ARG]...]\n"
	         "Divide a health practice's collective payments between its members, to the cent.\n"
	         "With no command, opens the terminal interface; with no database yet, it\n"
	         "first asks whether to create the practice or to open the demo.\n\n"));
	printf(_("Options:\n"));
	printf("  --db FILE        %s\n", _("the database (default $XDG_DATA_HOME/quotepart/quotepart.db)"));
	printf("  --config FILE    %s\n", _("the configuration file"));
	printf("  --no-color       %s\n", _("no colour in the terminal interface (also NO_COLOR)"));
	printf("  -h, --help       %s\n", _("show this help and exit"));
	printf("  -V, --version    %s\n", _("show the version and exit"));
	printf(_("\nCommands:\n"));
	for (size_t i = 0; i < N_COMMANDS + cli_n_report_commands; i++) {
		const struct command *c = command_at(i);
		printf("  %-14s %s\n      quotepart %s %s\n", c->name, _(c->help), c->name, c->args);
	}
	printf(_("\nRECEIPT is a receipt's id (as 'export receipts' prints it) or its reference;\n"
	         "DN is a distribution number as printed by 'distribute' (D12).\n"
	         "See quotepart(1) for details.\n"));
}

static bool cmd_has_opt(const struct command *c, int id)
{
	/* The global options may also come after the command. */
	if (id == O_DB || id == O_CONFIG || id == O_NO_COLOR)
		return true;
	for (const enum opt_id *p = c->opts; *p; p++)
		if ((int)*p == id)
			return true;
	return false;
}

/* Where the French catalogue is: $QUOTEPART_LOCALEDIR, else build/locale
 * beside the program when run from its source tree, else the installed
 * one. */
static void setup_locale(void)
{
	setlocale(LC_ALL, "");
	const char *dir = getenv("QUOTEPART_LOCALEDIR");
	static char local[4096];
	if (!dir || !*dir) {
		ssize_t n = readlink("/proc/self/exe", local, sizeof local - 32);
		if (n > 0) {
			local[n] = '\0';
			char *slash = strrchr(local, '/');
			struct stat sb;
			if (slash) {
				strcpy(slash + 1, "build/locale");
				if (stat(local, &sb) == 0 && S_ISDIR(sb.st_mode))
					dir = local;
			}
		}
	}
	if (!dir || !*dir)
		dir = QP_LOCALEDIR;
	bindtextdomain("quotepart", dir);
	bind_textdomain_codeset("quotepart", "UTF-8");
	textdomain("quotepart");
}

/* One option of a command into o; CLI_GO_ON, or the exit status. */
enum { CLI_GO_ON = -1 };
static int take_opt(struct opts *o, int c)
{
	switch (c) {
	case O_NAME: o->name = optarg; break;
	case O_FORMAT: o->format = optarg; break;
	case O_OUT: o->out = optarg; break;
	case O_KEY:
		if (o->n_keys == 2)
			return cli_usage_error("%s", _("at most two --key"));
		o->keys[o->n_keys++] = optarg;
		break;
	case O_DATE: o->date = optarg; break;
	case O_NOTE: o->note = optarg; break;
	case O_MEMBER: o->member = optarg; break;
	case O_MEANS: o->means = optarg; break;
	case O_DRY_RUN: o->dry_run = true; break;
	case O_TRUE_UP: o->true_up = true; break;
	case O_DB: o->db = optarg; break;
	case O_CONFIG: o->config = optarg; break;
	case O_NO_COLOR: o->no_color = true; break;
	case O_ALL: o->all = true; break;
	case O_YEAR: o->year = optarg; break;
	case O_FROM: o->from = optarg; break;
	case O_TO: o->to = optarg; break;
	case O_RENAME: o->rename = true; break;
	case O_EXERCISE: o->exercise = optarg; break;
	case O_RULES: o->rules = optarg; break;
	case O_SET:
		if (o->n_sets == CLI_MAX_SETS)
			return cli_usage_error(_("at most %d --set"), CLI_MAX_SETS);
		o->sets[o->n_sets++] = optarg;
		break;
	case O_SAVE: o->save = true; break;
	default: break;
	}
	return CLI_GO_ON;
}

/* The refusal of an option the command does not take. getopt reads a
 * negative amount ("-12,00") as the options -1, -2...: say so, and how to
 * write one. */
static int refuse_opt(int argc, char **argv, int c)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9')
			return cli_usage_error(_("\"%s\" is read as an option: put \"--\" before a negative number "
			                         "(quotepart ... -- %s)"), argv[i], argv[i]);
	if (c == '?' && optopt > 0 && optopt < 128)
		return cli_usage_error(_("this command does not take the option \"-%c\""), optopt);
	return cli_usage_error(_("this command does not take the option \"%s\""), argv[optind - 1]);
}

/* The command's own options, anywhere after its name, then its
 * arguments: CLI_GO_ON, or the exit status (--help, a usage error). */
static int command_opts(const struct command *cmd, int argc, char **argv, struct opts *o)
{
	int c;
	optind = 0;   /* 0: glibc re-initialises, forgetting the "+" of the first pass */
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
		if (c == 'h') {
			printf("quotepart %s %s\n  %s\n", cmd->name, cmd->args, _(cmd->help));
			return 0;
		}
		if (c == '?' || !cmd_has_opt(cmd, c))
			return refuse_opt(argc, argv, c);
		int code = take_opt(o, c);
		if (code != CLI_GO_ON)
			return code;
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	if (o->argc < cmd->min_args || o->argc > cmd->max_args)
		return cli_usage_error(_("wrong number of arguments; usage: quotepart %s"), cmd->name);
	return CLI_GO_ON;
}

int cli_main(int argc, char **argv, const struct cli_ui *ui)
{
	ui_hook = ui;
	struct opts o = { 0 };
	/* The data is about people's pay: nothing we create is for others. */
	umask(077);
	setup_locale();

	static const struct option global[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", global, NULL)) != -1) {
		switch (c) {
		case 'd': o.db = optarg; break;
		case 'c': o.config = optarg; break;
		case 'n': o.no_color = true; break;
		case 'h': print_help(); return 0;
		case 'V': printf("quotepart %s\n", QP_VERSION); return 0;
		default:
			return cli_usage_error(_("unknown option \"%s\""), argv[optind - 1]);
		}
	}
	const char *name = optind < argc ? argv[optind] : "tui";
	const struct command *cmd = NULL;
	for (size_t i = 0; i < N_COMMANDS + cli_n_report_commands; i++)
		if (strcmp(command_at(i)->name, name) == 0)
			cmd = command_at(i);
	if (!cmd)
		return cli_usage_error(_("unknown command \"%s\""), name);

	int sub_argc = optind < argc ? argc - optind : 1;
	char **sub_argv = optind < argc ? argv + optind : (char *[]){ "tui", NULL };
	int code = command_opts(cmd, sub_argc, sub_argv, &o);
	if (code != CLI_GO_ON)
		return code;

	struct app *a = NULL;
	struct err e = ERR_INIT;
	/* A dry run writes nothing: it reads, so it also works on a database
	 * this user may only read. */
	enum db_mode mode = o.dry_run ? DB_READONLY : o.save ? DB_OPEN : cmd->mode;
	if (app_open(o.db, o.config, mode, &a, &e) != ST_OK) {
		/* No database yet and a person at the terminal: ask what to do. */
		if (cmd->run == cmd_tui && e.status == ST_NOTFOUND && ui && ui->first_run &&
		    cli_no_database(&o)) {
			err_fini(&e);
			return cli_first_run(ui, &o);
		}
		return cli_fail(&e);
	}
	warn_exposed(a);
	o.app = a;
	/* --out naming a database is refused before the command does
	 * anything: a distribute would otherwise save its draft first. */
	code = o.out && app_out_check(a, o.out, &e) != ST_OK ? cli_fail(&e) : cmd->run(a, &o);
	app_close(a);
	return code;
}
