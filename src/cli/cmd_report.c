/* cmd_report.c: the report commands: statements, attestations, the
 * team-meeting summary, funding per post, expected versus received and the
 * accountant's journal (a CSV or the FEC). Each reads through
 * app_reports.h, lays out with reports.h and writes stdout or --out
 * (atomically, 0600). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* What goes between a folder and a name in it: nothing when the folder
 * ends with its slash ("out/", so that messages never say "out//x"). */
static const char *dir_sep(const char *dir)
{
	size_t n = strlen(dir);
	return n && dir[n - 1] == '/' ? "" : "/";
}

/* DIR/PREFIX-LABEL-CODE.pdf, the code's unsafe bytes as '_' (codes are
 * checked on import; a file name must never climb out of DIR). */
static char *member_file(const char *dir, const char *prefix, const char *label, const char *code)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%s%s-%s-", dir, dir_sep(dir), prefix, label);
	for (const char *p = code; *p; p++) {
		char c = *p;
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '-' || c == '_';
		sb_addn(&b, ok ? &c : "_", 1);
	}
	sb_add(&b, ".pdf");
	return sb_take(&b);
}

/* Renders the documents of members [first, first + count) into b. */
typedef enum status (*render_fn)(const void *data, size_t first, size_t count, enum rep_format f,
                                 struct sbuf *out, struct err *e);

static enum status render_statement(const void *data, size_t first, size_t count, enum rep_format f,
                                    struct sbuf *out, struct err *e)
{
	return rep_statement(data, first, count, f, out, e);
}

static enum status render_attestation(const void *data, size_t first, size_t count,
                                      enum rep_format f, struct sbuf *out, struct err *e)
{
	return rep_attestation(data, first, count, f, out, e);
}

/* One PDF per member in the folder --out. Every file is checked before
 * any is written: one that must not be replaced (a link to the database)
 * stops them all, and the folder is left as it was. */
static int write_member_files(const struct opts *o, const void *data, render_fn render,
                              const struct rep_person *members, size_t n, enum rep_format f,
                              const char *prefix, const char *label)
{
	struct err e = ERR_INIT;
	char **paths = calloc(n ? n : 1, sizeof *paths);
	enum status rc = paths ? ST_OK : err_set(&e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		paths[i] = member_file(o->out, prefix, label, members[i].code);
		rc = paths[i] ? app_out_check(o->app, paths[i], &e) : err_set(&e, ST_NOMEM, NULL);
	}
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		struct sbuf b;
		sb_init(&b);
		rc = render(data, i, 1, f, &b, &e);
		if (rc == ST_OK)
			rc = app_write_file(o->app, paths[i], b.s, b.len, &e);
		sb_fini(&b);
	}
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
	if (rc != ST_OK)
		return cli_fail(&e);
	printf(_("%zu file(s) written to %s\n"), n, o->out);
	return 0;
}

/* Per-member documents: a PDF per member when --out is a folder, else
 * one output (stdout or --out FILE) holding them all. */
static int write_members(const struct opts *o, const void *data, render_fn render,
                         const struct rep_person *members, size_t n, enum rep_format f,
                         const char *prefix, const char *label)
{
	if (f == REP_PDF && is_dir(o->out))
		return write_member_files(o, data, render, members, n, f, prefix, label);
	struct err e = ERR_INIT;
	struct sbuf b;
	sb_init(&b);
	if (render(data, 0, n, f, &b, &e) != ST_OK) {
		sb_fini(&b);
		int code = cli_fail(&e);
		err_fini(&e);
		return code;
	}
	return cli_emit(o, &b);
}

/* "2025" for a whole year, else "2025-03-01_2025-06-30". */
static void period_label(int32_t from, int32_t to, char *buf, size_t size)
{
	int y1, m1, d1, y2, m2, d2;
	date_split(from, &y1, &m1, &d1);
	date_split(to, &y2, &m2, &d2);
	if (y1 == y2 && from == date_year_start(y1) && to == date_year_end(y1)) {
		snprintf(buf, size, "%d", y1);
	} else {
		char a[DATE_BUFSZ], b[DATE_BUFSZ];
		snprintf(buf, size, "%s_%s", date_format(from, a, sizeof a), date_format(to, b, sizeof b));
	}
}

static int cmd_statement(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int32_t from, to;
	int code;
	if ((code = need_who(o)) || (code = cli_want_format(o, REP_STATEMENT_FORMATS, REP_TEXT, &f)))
		return code;
	if (app_report_period(o->year, o->from, o->to, &from, &to, &e) != ST_OK) {
		code = cli_usage_error("%s", err_text(&e));
		err_fini(&e);
		return code;
	}
	struct rep_statements s;
	if (app_statements(a, o->member, from, to, &s, &e) != ST_OK)
		return cli_fail(&e);
	if (s.n_members == 0) {
		fprintf(stderr, "%s\n", _("No member has a line in an approved distribution of a receipt received in this period."));
		rep_statements_fini(&s);
		return 0;
	}
	char label[2 * DATE_BUFSZ];
	period_label(from, to, label, sizeof label);
	code = write_members(o, &s, render_statement, s.members, s.n_members, f, "statement", label);
	rep_statements_fini(&s);
	return code;
}

static int cmd_attestation(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int year, code;
	if ((code = need_who(o)) || (code = need_year(o, &year)) ||
	    (code = cli_want_format(o, REP_ATTESTATION_FORMATS, REP_TEXT, &f)))
		return code;
	struct rep_payments p;
	if (app_attestations(a, o->member, year, &p, &e) != ST_OK)
		return cli_fail(&e);
	if (p.n_members == 0) {
		fprintf(stderr, "%s\n", _("No payment to a member was recorded in this year."));
		rep_payments_fini(&p);
		return 0;
	}
	char label[16];
	snprintf(label, sizeof label, "%d", year);
	code = write_members(o, &p, render_attestation, p.members, p.n_members, f, "attestation", label);
	rep_payments_fini(&p);
	return code;
}

/* The end of a single-document command: render into b and emit. */
static int finish(const struct opts *o, enum status rc, struct sbuf *b, struct err *e)
{
	if (rc != ST_OK) {
		sb_fini(b);
		int code = cli_fail(e);
		err_fini(e);
		return code;
	}
	return cli_emit(o, b);
}

static int cmd_summary(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int year, code;
	if ((code = need_year(o, &year)) ||
	    (code = cli_want_format(o, REP_SUMMARY_FORMATS, REP_TEXT, &f)))
		return code;
	struct rep_summary s;
	if (app_summary(a, year, &s, &e) != ST_OK)
		return cli_fail(&e);
	if (f == REP_XLSX) {
		/* The module writes the file itself, past app_write_file's
		 * guard: checked here, as close to the write as can be. */
		enum status rc = app_out_check(a, o->out, &e);
		if (rc == ST_OK)
			rc = rep_summary_xlsx(&s, o->out, &e);
		rep_summary_fini(&s);
		if (rc != ST_OK) {
			code = cli_fail(&e);
			err_fini(&e);
		}
		return code;
	}
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_summary(&s, f, &b, &e);
	rep_summary_fini(&s);
	return finish(o, rc, &b, &e);
}

static int cmd_posts(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int year, code;
	if ((code = need_year(o, &year)) ||
	    (code = cli_want_format(o, REP_POSTS_FORMATS, REP_TEXT, &f)))
		return code;
	struct rep_posts p;
	if (app_posts_report(a, year, &p, &e) != ST_OK)
		return cli_fail(&e);
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_posts(&p, f, &b, &e);
	rep_posts_fini(&p);
	return finish(o, rc, &b, &e);
}

static int cmd_expected(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int year, code;
	if ((code = need_year(o, &year)) ||
	    (code = cli_want_format(o, REP_EXPECTED_FORMATS, REP_TEXT, &f)))
		return code;
	struct rep_expected x;
	if (app_expected(a, year, &x, &e) != ST_OK)
		return cli_fail(&e);
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_expected(&x, f, &b, &e);
	rep_expected_fini(&x);
	return finish(o, rc, &b, &e);
}

/* Where the FEC goes: --out FILE, else the norm's name in the folder
 * --out or in the current one, which needs the SIREN. A new string, or
 * NULL with e set. */
static char *fec_path(const struct opts *o, const struct rep_fec *f, struct err *e)
{
	if (o->out && !is_dir(o->out)) {
		char *p = strdup(o->out);
		if (!p)
			err_set(e, ST_NOMEM, NULL);
		return p;
	}
	if (!*f->siren) {
		err_set(e, ST_REFUSED, "%s", _("the FEC's file name starts with the practice's SIREN, and none is set: "
		                               "quotepart settings set siren NUMBER (or give --out FILE)"));
		return NULL;
	}
	char *name = rep_fec_file_name(f->siren, f->year);
	if (!name || !o->out)
		return name;
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%s%s", o->out, dir_sep(o->out), name);
	free(name);
	return sb_take(&b);
}

/* journal --format fec: the year's entries in the norm's file, never an
 * empty one. */
static int journal_fec(struct app *a, const struct opts *o, int year)
{
	struct err e = ERR_INIT;
	struct rep_fec f;
	if (app_fec(a, year, &f, &e) != ST_OK)
		return cli_fail(&e);
	char *path = NULL;
	struct sbuf b;
	sb_init(&b);
	enum status rc = f.n ? ST_OK
	                     : err_set(&e, ST_NOTFOUND, _("nothing to write for %d: no receipt received, distribution "
	                                                  "approved or payment made in that year"), year);
	if (rc == ST_OK && !(path = fec_path(o, &f, &e)))
		rc = e.status != ST_OK ? e.status : err_set(&e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = rep_fec(&f, &b, &e);
	if (rc == ST_OK)
		rc = app_write_file(a, path, b.s ? b.s : "", b.len, &e);
	if (rc == ST_OK)
		printf(_("FEC of %d written to %s: %zu entries\n"), year, path, f.n);
	sb_fini(&b);
	free(path);
	rep_fec_fini(&f);
	return rc == ST_OK ? 0 : cli_fail(&e);
}

static int cmd_journal(struct app *a, struct opts *o)
{
	struct err e = ERR_INIT;
	enum rep_format f;
	int year, code;
	/* For the accountant's software first: CSV unless asked otherwise. */
	if ((code = need_year(o, &year)) ||
	    (code = cli_want_format(o, REP_JOURNAL_FORMATS, REP_CSV, &f)))
		return code;
	if (f == REP_FEC)
		return journal_fec(a, o, year);
	struct rep_payments p;
	if (app_journal(a, year, &p, &e) != ST_OK)
		return cli_fail(&e);
	struct sbuf b;
	sb_init(&b);
	enum status rc = rep_journal(&p, f, &b, &e);
	rep_payments_fini(&p);
	return finish(o, rc, &b, &e);
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
