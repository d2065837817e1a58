/* documents.c: a report written where the reader asked, the one path
 * shared by the command line's report commands and the interface's
 * Export form: the data read (app_reports.h), laid out (reports.h) and
 * written whole (app_write_file, 0600) after app_out_check; the
 * statements and attestations of every member as one PDF each in a
 * folder, every file checked before any is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_internal.h"
#include "quotepart/app_reports.h"
#include "quotepart/date.h"
#include "quotepart/i18n.h"

static const struct {
	const char *name;     /* the command's name */
	unsigned can;         /* the formats it makes */
	enum rep_format dflt;
} docs[APP_DOC__COUNT] = {
	[APP_DOC_STATEMENT] = { "statement", REP_STATEMENT_FORMATS, REP_TEXT },
	[APP_DOC_ATTESTATION] = { "attestation", REP_ATTESTATION_FORMATS, REP_TEXT },
	[APP_DOC_SUMMARY] = { "summary", REP_SUMMARY_FORMATS, REP_TEXT },
	[APP_DOC_POSTS] = { "posts", REP_POSTS_FORMATS, REP_TEXT },
	[APP_DOC_EXPECTED] = { "expected", REP_EXPECTED_FORMATS, REP_TEXT },
	/* For the accountant's software first: CSV unless asked otherwise. */
	[APP_DOC_JOURNAL] = { "journal", REP_JOURNAL_FORMATS, REP_CSV },
};

const char *app_doc_name(enum app_doc d)
{
	return d < APP_DOC__COUNT ? docs[d].name : "";
}

unsigned app_doc_formats(enum app_doc d, enum rep_format *dflt)
{
	if (dflt)
		*dflt = d < APP_DOC__COUNT ? docs[d].dflt : REP_TEXT;
	return d < APP_DOC__COUNT ? docs[d].can : 0;
}

void app_doc_result_fini(struct app_doc_result *r)
{
	free(r->path);
	free(r->exists);
	r->path = r->exists = NULL;
}

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A file the document would replace (not a device or a FIFO, which are
 * written through). */
static bool is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* What goes between a folder and a name in it: nothing when the folder
 * ends with its slash ("out/", so that messages never say "out//x"). */
static const char *dir_sep(const char *dir)
{
	size_t n = strlen(dir);
	return n && dir[n - 1] == '/' ? "" : "/";
}

/* PREFIX-LABEL-CODE.EXT, the code's unsafe bytes as '_' (codes are
 * checked on import; a file name must never climb out of its folder). */
static void member_name(struct sbuf *b, const char *prefix, const char *label, const char *code,
                        const char *ext)
{
	sb_printf(b, "%s-%s-", prefix, label);
	for (const char *p = code; *p; p++) {
		char c = *p;
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '-' || c == '_';
		sb_addn(b, ok ? &c : "_", 1);
	}
	sb_printf(b, ".%s", ext);
}

/* DIR/PREFIX-LABEL-CODE.pdf. */
static char *member_file(const char *dir, const char *prefix, const char *label, const char *code)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%s", dir, dir_sep(dir));
	member_name(&b, prefix, label, code, "pdf");
	return sb_take(&b);
}

/* "2025" for a whole year, else "2025-03-01_2025-06-30". */
static void period_label(int32_t from, int32_t to, char *buf, size_t size)
{
	int y1;
	date_split(from, &y1, NULL, NULL);
	if (from == date_year_start(y1) && to == date_year_end(y1)) {
		snprintf(buf, size, "%d", y1);
	} else {
		char a[DATE_BUFSZ], b[DATE_BUFSZ];
		snprintf(buf, size, "%s_%s", date_format(from, a, sizeof a), date_format(to, b, sizeof b));
	}
}

static const char *extension(enum rep_format f)
{
	switch (f) {
	case REP_CSV: return "csv";
	case REP_PDF: return "pdf";
	case REP_XLSX: return "xlsx";
	default: return "txt";
	}
}

char *app_doc_default_out(const struct app_doc_request *r)
{
	char label[2 * DATE_BUFSZ];
	if (r->doc == APP_DOC_STATEMENT)
		period_label(r->from, r->to, label, sizeof label);
	else
		snprintf(label, sizeof label, "%d", r->year);
	struct sbuf b;
	sb_init(&b);
	bool people = r->doc == APP_DOC_STATEMENT || r->doc == APP_DOC_ATTESTATION;
	if (r->doc == APP_DOC_JOURNAL && r->format == REP_FEC)
		sb_add(&b, "./");   /* the norm's name, in the current folder */
	else if (people && r->member)
		member_name(&b, docs[r->doc].name, label, r->member, extension(r->format));
	else if (people && r->format == REP_PDF)
		sb_printf(&b, "%ss-%s/", docs[r->doc].name, label);
	else
		sb_printf(&b, "%s%s-%s.%s", docs[r->doc].name, people ? "s" : "", label, extension(r->format));
	return sb_take(&b);
}

/* ---- writing ---- */

/* Where the output goes once checked: a file written by its writer. */
struct target {
	struct app *a;
	const struct app_doc_request *r;
	struct sbuf *text;           /* no out: the document goes here */
	struct app_doc_result *res;
};

/* Unless r->replace, whether path is a file the document would replace:
 * then res->exists names it (the first), res->n_exists counts them. */
static enum status note_exists(struct target *x, const char *path, struct err *e)
{
	if (x->r->replace || !is_file(path))
		return ST_OK;
	if (!x->res->n_exists++ && !(x->res->exists = strdup(path)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

/* b to the output: r->out (checked, then written whole) or x->text. */
static enum status emit(struct target *x, struct sbuf *b, struct err *e)
{
	if (b->failed)
		return err_set(e, ST_NOMEM, NULL);
	if (!x->r->out) {
		sb_addn(x->text, b->s ? b->s : "", b->len);
		return x->text->failed ? err_set(e, ST_NOMEM, NULL) : ST_OK;
	}
	enum status rc = app_out_check(x->a, x->r->out, e);
	if (rc == ST_OK)
		rc = note_exists(x, x->r->out, e);
	if (rc != ST_OK || x->res->n_exists)
		return rc;
	rc = app_write_file(x->a, x->r->out, b->s ? b->s : "", b->len, e);
	if (rc == ST_OK) {
		x->res->files = 1;
		if (!(x->res->path = strdup(x->r->out)))
			rc = err_set(e, ST_NOMEM, NULL);
	}
	return rc;
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

/* The folder r->out, made (0700) when asked and it is not there. */
static enum status member_folder(const struct app_doc_request *r, struct err *e)
{
	if (!r->make_dir || is_dir(r->out))
		return ST_OK;
	if (mkdir(r->out, 0700) != 0)
		return err_set(e, ST_CANTCREAT, _("cannot create the folder %s: %s"), r->out, strerror(errno));
	return ST_OK;
}

/* Whether r->out is a folder for one PDF per member. */
static bool per_member(const struct app_doc_request *r)
{
	if (r->format != REP_PDF || !r->out)
		return false;
	size_t n = strlen(r->out);
	return is_dir(r->out) || (r->make_dir && n && r->out[n - 1] == '/');
}

/* One PDF per member in the folder r->out. Every file is checked before
 * any is written: one that must not be replaced (a link to the database)
 * stops them all, and the folder is left as it was. */
static enum status member_files(struct target *x, const void *data, render_fn render,
                                const struct rep_person *members, size_t n, const char *prefix,
                                const char *label, struct err *e)
{
	char **paths = calloc(n ? n : 1, sizeof *paths);
	enum status rc = paths ? ST_OK : err_set(e, ST_NOMEM, NULL);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		paths[i] = member_file(x->r->out, prefix, label, members[i].code);
		rc = paths[i] ? app_out_check(x->a, paths[i], e) : err_set(e, ST_NOMEM, NULL);
		if (rc == ST_OK)
			rc = note_exists(x, paths[i], e);
	}
	if (rc == ST_OK && !x->res->n_exists)
		rc = member_folder(x->r, e);
	for (size_t i = 0; rc == ST_OK && !x->res->n_exists && i < n; i++) {
		struct sbuf b;
		sb_init(&b);
		rc = render(data, i, 1, x->r->format, &b, e);
		if (rc == ST_OK)
			rc = app_write_file(x->a, paths[i], b.s, b.len, e);
		sb_fini(&b);
		if (rc == ST_OK)
			x->res->files++;
	}
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
	x->res->folder = rc == ST_OK && !x->res->n_exists;
	if (x->res->folder && !(x->res->path = strdup(x->r->out)))
		rc = err_set(e, ST_NOMEM, NULL);
	return rc;
}

/* Per-member documents: a PDF per member when r->out is a folder, else
 * one output holding them all; none when no member has any. */
static enum status members_doc(struct target *x, const void *data, render_fn render,
                               const struct rep_person *members, size_t n, const char *label,
                               struct err *e)
{
	if (n == 0) {
		x->res->nothing = true;
		return ST_OK;
	}
	if (per_member(x->r))
		return member_files(x, data, render, members, n, docs[x->r->doc].name, label, e);
	struct sbuf b;
	sb_init(&b);
	enum status rc = render(data, 0, n, x->r->format, &b, e);
	if (rc == ST_OK)
		rc = emit(x, &b, e);
	sb_fini(&b);
	return rc;
}

static enum status statement_doc(struct target *x, struct err *e)
{
	struct rep_statements s;
	enum status rc = app_statements(x->a, x->r->member, x->r->from, x->r->to, &s, e);
	if (rc != ST_OK)
		return rc;
	char label[2 * DATE_BUFSZ];
	period_label(x->r->from, x->r->to, label, sizeof label);
	rc = members_doc(x, &s, render_statement, s.members, s.n_members, label, e);
	rep_statements_fini(&s);
	return rc;
}

static enum status attestation_doc(struct target *x, struct err *e)
{
	struct rep_payments p;
	enum status rc = app_attestations(x->a, x->r->member, x->r->year, &p, e);
	if (rc != ST_OK)
		return rc;
	char label[16];
	snprintf(label, sizeof label, "%d", x->r->year);
	rc = members_doc(x, &p, render_attestation, p.members, p.n_members, label, e);
	rep_payments_fini(&p);
	return rc;
}

static enum status summary_doc(struct target *x, struct err *e)
{
	struct rep_summary s;
	enum status rc = app_summary(x->a, x->r->year, &s, e);
	if (rc != ST_OK)
		return rc;
	if (x->r->format == REP_XLSX) {
		/* The module writes the file itself, past app_write_file's
		 * guard: checked here, as close to the write as can be. */
		rc = app_out_check(x->a, x->r->out, e);
		if (rc == ST_OK)
			rc = note_exists(x, x->r->out, e);
		if (rc == ST_OK && !x->res->n_exists)
			rc = rep_summary_xlsx(&s, x->r->out, e);
		if (rc == ST_OK && !x->res->n_exists) {
			x->res->files = 1;
			if (!(x->res->path = strdup(x->r->out)))
				rc = err_set(e, ST_NOMEM, NULL);
		}
	} else {
		struct sbuf b;
		sb_init(&b);
		rc = rep_summary(&s, x->r->format, &b, e);
		if (rc == ST_OK)
			rc = emit(x, &b, e);
		sb_fini(&b);
	}
	rep_summary_fini(&s);
	return rc;
}

/* A year's report laid out into b: posts, expected, the journal. */
typedef enum status (*year_fn)(struct app *a, int year, enum rep_format f, struct sbuf *b,
                               struct err *e);

static enum status posts_text(struct app *a, int year, enum rep_format f, struct sbuf *b,
                              struct err *e)
{
	struct rep_posts p;
	enum status rc = app_posts_report(a, year, &p, e);
	return rc != ST_OK ? rc : (rc = rep_posts(&p, f, b, e), rep_posts_fini(&p), rc);
}

static enum status expected_text(struct app *a, int year, enum rep_format f, struct sbuf *b,
                                 struct err *e)
{
	struct rep_expected x;
	enum status rc = app_expected(a, year, &x, e);
	return rc != ST_OK ? rc : (rc = rep_expected(&x, f, b, e), rep_expected_fini(&x), rc);
}

static enum status journal_text(struct app *a, int year, enum rep_format f, struct sbuf *b,
                                struct err *e)
{
	struct rep_payments p;
	enum status rc = app_journal(a, year, &p, e);
	return rc != ST_OK ? rc : (rc = rep_journal(&p, f, b, e), rep_payments_fini(&p), rc);
}

static enum status year_doc(struct target *x, year_fn make, struct err *e)
{
	struct sbuf b;
	sb_init(&b);
	enum status rc = make(x->a, x->r->year, x->r->format, &b, e);
	if (rc == ST_OK)
		rc = emit(x, &b, e);
	sb_fini(&b);
	return rc;
}

/* Where the FEC goes: r->out a file, else the norm's name in the folder
 * r->out or in the current one, which needs the SIREN. A new string, or
 * NULL with e set. */
static char *fec_path(const struct app_doc_request *r, const struct rep_fec *f, struct err *e)
{
	if (r->out && !is_dir(r->out)) {
		char *p = strdup(r->out);
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
	if (!name || !r->out) {
		if (!name)
			err_set(e, ST_NOMEM, NULL);
		return name;
	}
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s%s%s", r->out, dir_sep(r->out), name);
	free(name);
	char *p = sb_take(&b);
	if (!p)
		err_set(e, ST_NOMEM, NULL);
	return p;
}

/* The year's FEC in the norm's file, never an empty one. */
static enum status fec_doc(struct target *x, struct err *e)
{
	struct rep_fec f;
	enum status rc = app_fec(x->a, x->r->year, &f, e);
	if (rc != ST_OK)
		return rc;
	char *path = NULL;
	struct sbuf b;
	sb_init(&b);
	rc = f.n ? ST_OK
	         : err_set(e, ST_NOTFOUND, _("nothing to write for %d: no receipt received, distribution "
	                                     "approved or payment made in that year"), x->r->year);
	if (rc == ST_OK && !(path = fec_path(x->r, &f, e)))
		rc = e->status != ST_OK ? e->status : err_set(e, ST_NOMEM, NULL);
	if (rc == ST_OK)
		rc = app_out_check(x->a, path, e);
	if (rc == ST_OK)
		rc = note_exists(x, path, e);
	if (rc == ST_OK && !x->res->n_exists)
		rc = rep_fec(&f, &b, e);
	if (rc == ST_OK && !x->res->n_exists)
		rc = app_write_file(x->a, path, b.s ? b.s : "", b.len, e);
	if (rc == ST_OK && !x->res->n_exists) {
		x->res->files = 1;
		x->res->entries = f.n;
		x->res->path = path;
		path = NULL;
	}
	sb_fini(&b);
	free(path);
	rep_fec_fini(&f);
	return rc;
}

enum status app_document(struct app *a, const struct app_doc_request *r, struct sbuf *text,
                         struct app_doc_result *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (r->doc >= APP_DOC__COUNT || !(docs[r->doc].can & REP_CAN(r->format)))
		return err_set(e, ST_INTERNAL, "app_document: %s is not made as %s", app_doc_name(r->doc),
		               rep_format_name(r->format));
	/* The callers ask for a file where one is needed (cli_want_format,
	 * the interface's form). */
	if (!r->out && r->format != REP_FEC && (r->format == REP_PDF || r->format == REP_XLSX || !text))
		return err_set(e, ST_INTERNAL, "app_document: %s needs a file", rep_format_name(r->format));
	struct target x = { a, r, text, out };
	enum status rc;
	switch (r->doc) {
	case APP_DOC_STATEMENT: rc = statement_doc(&x, e); break;
	case APP_DOC_ATTESTATION: rc = attestation_doc(&x, e); break;
	case APP_DOC_SUMMARY: rc = summary_doc(&x, e); break;
	case APP_DOC_POSTS: rc = year_doc(&x, posts_text, e); break;
	case APP_DOC_EXPECTED: rc = year_doc(&x, expected_text, e); break;
	default: rc = r->format == REP_FEC ? fec_doc(&x, e) : year_doc(&x, journal_text, e); break;
	}
	if (rc != ST_OK)
		app_doc_result_fini(out);
	return rc;
}
