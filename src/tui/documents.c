/* documents.c: E, the form that produces a document: statements or
 * attestations (one member or all), the team-meeting summary, funding
 * per post, expected versus received, the journal or the FEC, for a year
 * or a period, in a format the document is made in, into a file or a
 * folder typed or picked with the chooser (^O). It writes through
 * app_document, as the report commands do: never over a database, 0600,
 * and a file already there is replaced only once the reader says so. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/app_reports.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

enum { F_DOC, F_MEMBER, F_YEAR, F_FROM, F_TO, F_FORMAT, F_FILE, F__COUNT };

/* The documents as the form lists them, in enum app_doc order. */
static const char *const doc_words[APP_DOC__COUNT] = {
	N_("Statement"), N_("Attestation"), N_("Team-meeting summary"), N_("Funding per post"),
	N_("Expected versus received"), N_("Journal"),
};

static const enum rep_format formats[] = { REP_TEXT, REP_CSV, REP_PDF, REP_XLSX, REP_FEC };
#define N_FORMATS (sizeof formats / sizeof formats[0])

/* The form's own state: the name it proposed last, and whether the
 * reader typed or picked another. */
struct docform {
	char *proposed;
	bool own_file;
};

static void docform_free(void *p)
{
	struct docform *x = p;
	if (x)
		free(x->proposed);
	free(x);
}

/* A request ready to write, with the strings it points to. */
struct job {
	struct app_doc_request r;
	char *member, *out;
};

static void job_free(void *p)
{
	struct job *j = p;
	if (j) {
		free(j->member);
		free(j->out);
	}
	free(j);
}

/* The text of field i: trimmed (dlg_value) at submit; while typing
 * (live) as it is, for dlg_value would trim the space just typed. */
static const char *val(struct dialog *d, size_t i, bool live)
{
	return !live ? dlg_value(d, i) : d->f[i].buf ? d->f[i].buf : "";
}

/* The index of the choice field i shows among opts, or -1. */
static int choice(struct dialog *d, size_t i, bool live)
{
	const char *v = val(d, i, live);
	for (size_t k = 0; k < d->f[i].n_opts; k++)
		if (strcmp(d->f[i].opts[k], v) == 0)
			return (int)k;
	return -1;
}

static void set_field(struct field *f, const char *text)
{
	char *s = strdup(text);
	if (!s)
		return;
	free(f->buf);
	f->buf = s;
	f->cur = strlen(s);
}

/* The form as a request (strings borrowed from the form); false, with
 * why in e, when it does not make one. */
static bool form_request(struct dialog *d, bool live, struct app_doc_request *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	int doc = choice(d, F_DOC, live), fmt = choice(d, F_FORMAT, live);
	if (doc < 0) {
		err_set(e, ST_INVALID, "%s", _("choose the document with ← →"));
		return false;
	}
	r->doc = (enum app_doc)doc;
	enum rep_format dflt;
	unsigned can = app_doc_formats(r->doc, &dflt);
	if (fmt < 0 || !(can & REP_CAN(formats[fmt]))) {
		struct sbuf names;
		sb_init(&names);
		rep_format_list(can, dflt, &names);
		err_set(e, ST_INVALID, _("%s is made as %s"), _(doc_words[doc]), names.s ? names.s : "");
		sb_fini(&names);
		return false;
	}
	r->format = formats[fmt];
	const char *m = val(d, F_MEMBER, live);
	r->member = *m && strcmp(m, _("all members")) != 0 ? m : NULL;
	int32_t a = DATE_NONE, b = DATE_NONE;
	/* The fields are checked as typed: a form that saves has a year and
	 * dates that parse. */
	if ((*val(d, F_FROM, live) && date_parse(val(d, F_FROM, live), &a) != ST_OK) ||
	    (*val(d, F_TO, live) && date_parse(val(d, F_TO, live), &b) != ST_OK) ||
	    app_report_year(val(d, F_YEAR, live), &r->year, e) != ST_OK) {
		err_fini(e);
		err_set(e, ST_INVALID, "%s", _("Some fields are not right (marked !): fix them, then save."));
		return false;
	}
	r->from = a != DATE_NONE ? a : date_year_start(r->year);
	r->to = b != DATE_NONE ? b : date_year_end(r->year);
	if (r->to < r->from) {
		err_set(e, ST_INVALID, "%s", _("the period ends before it starts"));
		return false;
	}
	r->out = val(d, F_FILE, live);
	r->make_dir = true;
	return true;
}

/* What was written, on the message line. */
static void say_written(struct tui *t, const struct app_doc_request *r, const struct app_doc_result *res)
{
	if (res->nothing && r->doc == APP_DOC_STATEMENT)
		tui_msg(t, "%s", _("No member has a line in an approved distribution of a receipt received in this period."));
	else if (res->nothing)
		tui_msg(t, "%s", _("No payment to a member was recorded in this year."));
	else if (r->format == REP_FEC)
		tui_msg(t, _("FEC of %d written to %s: %zu entries."), r->year, res->path, res->entries);
	else if (res->folder)
		tui_msg(t, _("%zu file(s) written to %s."), res->files, res->path);
	else
		tui_msg(t, _("%s written."), res->path);
}

static enum status submit_replace(struct tui *t, struct dialog *d, struct err *e)
{
	struct job *j = d->ctx;
	struct app_doc_result res;
	j->r.replace = true;
	enum status rc = app_document(t->app, &j->r, NULL, &res, e);
	if (rc == ST_OK)
		say_written(t, &j->r, &res);
	app_doc_result_fini(&res);
	return rc;
}

/* Asked when a file the document would replace is there. */
static enum status ask_replace(struct tui *t, const struct app_doc_request *r,
                               const struct app_doc_result *res, struct err *e)
{
	struct job *j = calloc(1, sizeof *j);
	if (!j || (r->member && !(j->member = strdup(r->member))) || !(j->out = strdup(r->out))) {
		job_free(j);
		return err_set(e, ST_NOMEM, NULL);
	}
	j->r = *r;
	j->r.member = j->member;
	j->r.out = j->out;
	struct dialog *q = res->n_exists > 1
		? dlg_confirm_fmt(_("Replace"), submit_replace, j, job_free,
		                  _("%s and %zu other file(s) are already there. Replace them?"), res->exists,
		                  res->n_exists - 1)
		: dlg_confirm_fmt(_("Replace"), submit_replace, j, job_free,
		                  _("%s is already there. Replace it?"), res->exists);
	if (!q)
		return err_set(e, ST_NOMEM, NULL);
	tui_open(t, q);
	return ST_OK;
}

static enum status submit_document(struct tui *t, struct dialog *d, struct err *e)
{
	struct app_doc_request r;
	if (!form_request(d, false, &r, e))
		return e->status;
	struct app_doc_result res;
	enum status rc = app_document(t->app, &r, NULL, &res, e);
	if (rc == ST_OK && res.n_exists)
		rc = ask_replace(t, &r, &res, e);
	else if (rc == ST_OK)
		say_written(t, &r, &res);
	app_doc_result_fini(&res);
	return rc;
}

/* The name proposed for what the form says now, set in the file field
 * unless the reader put one of their own there. */
static void propose(struct dialog *d)
{
	struct docform *x = d->ctx;
	struct app_doc_request r;
	struct err e = ERR_INIT;
	bool ok = form_request(d, true, &r, &e);
	err_fini(&e);
	if (!ok || x->own_file)
		return;
	char *name = app_doc_default_out(&r);
	if (!name)
		return;
	set_field(&d->f[F_FILE], name);
	free(x->proposed);
	x->proposed = name;
}

static void form_changed(struct tui *t, struct dialog *d, size_t i)
{
	(void)t;
	struct docform *x = d->ctx;
	if (i == F_FILE) {
		x->own_file = !x->proposed || strcmp(val(d, F_FILE, true), x->proposed) != 0;
		return;
	}
	/* Another document: its own format when it is not made in the one
	 * shown (the journal is no PDF). */
	int doc = choice(d, F_DOC, true), fmt = choice(d, F_FORMAT, true);
	enum rep_format dflt;
	unsigned can = doc < 0 ? 0 : app_doc_formats((enum app_doc)doc, &dflt);
	if (i == F_DOC && doc >= 0 && (fmt < 0 || !(can & REP_CAN(formats[fmt]))))
		set_field(&d->f[F_FORMAT], rep_format_name(dflt));
	propose(d);
}

static unsigned chosen(struct tui *t, const char *path, void *ctx)
{
	struct dialog *d = ctx;
	if (t->dlg != d)
		return R_REDRAW;
	struct docform *x = d->ctx;
	set_field(&d->f[F_FILE], path);
	x->own_file = true;
	d->dirty = true;
	d->focus = F_FILE;
	return R_REDRAW;
}

static const char *extension(enum rep_format f)
{
	switch (f) {
	case REP_CSV: return ".csv";
	case REP_PDF: return ".pdf";
	case REP_XLSX: return ".xlsx";
	default: return ".txt";
	}
}

/* ^O: the chooser, for the file or the folder. */
static unsigned form_key(struct tui *t, struct dialog *d, int ch)
{
	if (ch != TK_CTRL('o'))
		return R_PASS;
	int fmt = choice(d, F_FORMAT, true);
	tui_choose(t, _("Where to write the document"), CHOOSE_SAVE,
	           fmt < 0 ? NULL : extension(formats[fmt]), chosen, d, NULL);
	return R_REDRAW;
}

/* The choices of the member field: all, then each member's code. */
static void member_choices(struct tui *t, struct field *f)
{
	struct member *v = NULL;
	size_t n = 0;
	struct err e = ERR_INIT;
	char **opts = NULL;
	if (app_members(t->app, &v, &n, &e) == ST_OK && (opts = calloc(n + 1, sizeof *opts))) {
		opts[0] = (char *)_("all members");
		for (size_t i = 0; i < n; i++)
			opts[i + 1] = v[i].code;
		field_opts(f, opts, n + 1);
	}
	free(opts);
	member_list_free(v, n);
	err_fini(&e);
}

unsigned tui_documents(struct tui *t, const char *member, int32_t from, int32_t to)
{
	struct docform *x = calloc(1, sizeof *x);
	struct dialog *d = x ? dlg_form(_("Produce a document"), submit_document, x, docform_free) : NULL;
	if (!d)
		return R_NONE;
	d->key = form_key;
	d->changed = form_changed;
	d->text = strdup(_("Written as the report commands write it: never over a database, readable by you "
	                   "alone; a file already there is replaced only if you say so."));
	char *words[APP_DOC__COUNT];
	for (size_t i = 0; i < APP_DOC__COUNT; i++)
		words[i] = _(doc_words[i]);
	field_opts(dlg_field(d, _("Document"), FIELD_TEXT, false, words[APP_DOC_STATEMENT]), words, APP_DOC__COUNT);
	struct field *m = dlg_field(d, _("Member"), FIELD_TEXT, false, member ? member : _("all members"));
	member_choices(t, m);
	field_hint(m, _("Statements and attestations: a member's code, or all members"));
	int y;
	date_split(from, &y, NULL, NULL);
	char year[16], d1[DATE_BUFSZ], d2[DATE_BUFSZ];
	snprintf(year, sizeof year, "%d", y);
	bool whole = from == date_year_start(y) && to == date_year_end(y);
	dlg_field(d, _("Year"), FIELD_YEAR, true, year);
	field_hint(dlg_field(d, _("From"), FIELD_DATE_OPT, true, whole ? "" : fmt_date(from, d1)),
	           _("Statements: the period's first day (empty: the year's)"));
	field_hint(dlg_field(d, _("To"), FIELD_DATE_OPT, true, whole ? "" : fmt_date(to, d2)),
	           _("Statements: the period's last day (empty: the year's)"));
	char *names[N_FORMATS];
	for (size_t i = 0; i < N_FORMATS; i++)
		names[i] = (char *)rep_format_name(formats[i]);
	field_opts(dlg_field(d, _("Format"), FIELD_TEXT, false, "pdf"), names, N_FORMATS);
	field_hint(dlg_field(d, _("File or folder"), FIELD_NAME, true, ""),
	           _("^O: pick it in the file chooser. A folder (ending in /) takes one PDF per member"));
	propose(d);
	tui_open(t, d);
	return R_REDRAW;
}
