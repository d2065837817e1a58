/* cmd_report.c: the report commands: statements, attestations, the
 * team-meeting summary, funding per post, expected versus received and the
 * accountant's journal (a CSV or the FEC). Each reads through
 * app_reports.h, lays out with reports.h and writes stdout or --out
 * (atomically, 0600). */
#include <stddef.h>
#include <stdio.h>

#include "quotepart/app_reports.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/reports.h"

#include "cli_internal.h"

static int need_year(const struct opts *o, int *year)
{
	struct err e = ERR_INIT;
	if (!o->year)
		return cli_usage_error("%s", _("--year YYYY is required"));
	if (app_report_year(o->year, year, &e) != ST_OK) {
		int code = cli_usage_error("%s", err_text(&e));
		err_fini(&e);
		return code;
	}
	return 0;
}

/* Exactly one of --member CODE and --all. */
static int need_who(const struct opts *o)
{
	if (!!o->member == o->all)
		return cli_usage_error("%s", _("give --member CODE or --all"));
	return 0;
}

/* Write document r (app_document: --out checked, written whole, 0600;
 * else printed) and say what was written as the commands always have. */
static int run_document(struct app *a, const struct opts *o, struct app_doc_request *r)
{
	struct err e = ERR_INIT;
	struct app_doc_result res;
	struct sbuf b;
	sb_init(&b);
	r->out = o->out;
	r->replace = true;
	if (app_document(a, r, &b, &res, &e) != ST_OK) {
		sb_fini(&b);
		int code = cli_fail(&e);
		err_fini(&e);
		return code;
	}
	int code = 0;
	if (res.nothing && r->doc == APP_DOC_STATEMENT)
		fprintf(stderr, "%s\n", _("No member has a line in an approved distribution of a receipt received in this period."));
	else if (res.nothing)
		fprintf(stderr, "%s\n", _("No payment to a member was recorded in this year."));
	else if (r->format == REP_FEC)
		printf(_("FEC of %d written to %s: %zu entries\n"), r->year, res.path, res.entries);
	else if (res.folder)
		printf(_("%zu file(s) written to %s\n"), res.files, o->out);
	else if (!o->out)
		code = cli_emit(o, &b);
	sb_fini(&b);
	app_doc_result_fini(&res);
	return code;
}

static int cmd_statement(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	struct app_doc_request r = { .doc = APP_DOC_STATEMENT, .member = o->member };
	int code;
	if ((code = need_who(o)) || (code = cli_want_format(o, REP_STATEMENT_FORMATS, REP_TEXT, &r.format)))
		return code;
	if (app_report_period(o->year, o->from, o->to, &r.from, &r.to, &e) != ST_OK) {
		code = cli_usage_error("%s", err_text(&e));
		err_fini(&e);
		return code;
	}
	return run_document(a, o, &r);
}

static int cmd_attestation(struct app *a, struct opts *o)
{
	struct app_doc_request r = { .doc = APP_DOC_ATTESTATION, .member = o->member };
	int code;
	if ((code = need_who(o)) || (code = need_year(o, &r.year)) ||
	    (code = cli_want_format(o, REP_ATTESTATION_FORMATS, REP_TEXT, &r.format)))
		return code;
	return run_document(a, o, &r);
}

/* summary, posts, expected and journal: --year and --format. */
static int year_document(struct app *a, struct opts *o, enum app_doc doc)
{
	struct app_doc_request r = { .doc = doc };
	enum rep_format dflt;
	unsigned can = app_doc_formats(doc, &dflt);
	int code;
	if ((code = need_year(o, &r.year)) || (code = cli_want_format(o, can, dflt, &r.format)))
		return code;
	return run_document(a, o, &r);
}

static int cmd_summary(struct app *a, struct opts *o)
{
	return year_document(a, o, APP_DOC_SUMMARY);
}

static int cmd_posts(struct app *a, struct opts *o)
{
	return year_document(a, o, APP_DOC_POSTS);
}

static int cmd_expected(struct app *a, struct opts *o)
{
	return year_document(a, o, APP_DOC_EXPECTED);
}

static int cmd_journal(struct app *a, struct opts *o)
{
	return year_document(a, o, APP_DOC_JOURNAL);
}

static const enum opt_id statement_opts[] = { O_MEMBER, O_ALL, O_YEAR, O_FROM, O_TO, O_FORMAT, O_OUT, 0 };
static const enum opt_id attestation_opts[] = { O_MEMBER, O_ALL, O_YEAR, O_FORMAT, O_OUT, 0 };
static const enum opt_id year_opts[] = { O_YEAR, O_FORMAT, O_OUT, 0 };

const struct command cli_report_commands[] = {
	{ "statement", "--member CODE|--all --year YYYY [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format text|csv|pdf] [--out FILE|DIR]",
	  N_("members' statements: approved distributions of the receipts received in the period (by receipt date)"),
	  0, 0, statement_opts, cmd_statement, DB_READONLY },
	{ "attestation", "--member CODE|--all --year YYYY [--format text|csv|pdf] [--out FILE|DIR]",
	  N_("what the SISA paid each member in a calendar year, by source"),
	  0, 0, attestation_opts, cmd_attestation, DB_READONLY },
	{ "summary", "--year YYYY [--format text|csv|pdf|xlsx] [--out FILE]",
	  N_("team-meeting summary: members by sources, totals per member, source and group, a bar chart"),
	  0, 0, year_opts, cmd_summary, DB_READONLY },
	{ "posts", "--year YYYY [--format text|csv] [--out FILE]",
	  N_("funding per post: cost, funding by source, gap, and what is left per source"),
	  0, 0, year_opts, cmd_posts, DB_READONLY },
	{ "expected", "--year YYYY [--format text|csv] [--out FILE]",
	  N_("expected versus received per source and exercise, and what is undistributed"),
	  0, 0, year_opts, cmd_expected, DB_READONLY },
	{ "journal", "--year YYYY [--format csv|text|fec] [--out FILE|DIR]",
	  N_("accountant's journal: one row per payment recorded in the year; the year's FEC with --format fec"),
	  0, 0, year_opts, cmd_journal, DB_READONLY },
};
const size_t cli_n_report_commands = sizeof cli_report_commands / sizeof cli_report_commands[0];
