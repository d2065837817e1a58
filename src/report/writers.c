/* writers.c: the program's side of the writers module (writers.h). pango,
 * cairo and libxlsxwriter are loaded with dlopen the first time a PDF or
 * XLSX file is asked for: linked into the program, the dynamic loader
 * would relocate them at every start (about 12 million instructions,
 * before the terminal interface draws anything) for the few runs that
 * write such a file. */
#include <dlfcn.h>
#include <string.h>

#include "quotepart/i18n.h"

#include "report_internal.h"

/* The module's path, compiled in (the Makefile generates it): the build
 * tree's for ./quotepart and the tests, the installed one for the binary
 * of `make install`. */
extern const char qp_writers_path[];

/* Loaded once, kept until the process ends. */
static void *module;
static const struct rep_pdf_writer *pdf_w;
static const struct rep_xlsx_writer *xlsx_w;

/* The table `name` of the module, which is loaded the first time; NULL
 * with the reason in *why when it cannot be had. Each table starts with
 * the version of the build that made it: a module left from another
 * version would not match writers.h. */
static const void *lookup(const char *name, const char **why)
{
	if (!module && !(module = dlopen(qp_writers_path, RTLD_NOW | RTLD_LOCAL))) {
		*why = dlerror();
		return NULL;
	}
	const void *t = dlsym(module, name);
	if (!t) {
		*why = dlerror();
	} else if (strcmp(*(const char *const *)t, QP_VERSION) != 0) {
		*why = _("it belongs to another version of quotepart");
		t = NULL;
	}
	return t;
}

/* ST_UNAVAILABLE: the module that writes `format` files cannot be used.
 * The message names it once: dlerror's own "PATH: " goes. */
static enum status unavailable(const char *format, const char *why, struct err *e)
{
	size_t n = strlen(qp_writers_path);
	if (!why)
		why = "?";
	else if (strncmp(why, qp_writers_path, n) == 0 && strncmp(why + n, ": ", 2) == 0)
		why += n + 2;
	return err_set(e, ST_UNAVAILABLE, _("%s output needs the report module %s: %s"), format,
	               qp_writers_path, why);
}

enum status pdf_open(struct sbuf *out, const char *title, const char *footer,
                     struct pdf **p, struct err *e)
{
	*p = NULL;
	const char *why = NULL;
	if (!pdf_w && !(pdf_w = lookup("qp_pdf_writer", &why)))
		return unavailable("PDF", why, e);
	if (!(*p = pdf_w->open(out, title, footer)))
		return err_set(e, ST_NOMEM, NULL);
	return ST_OK;
}

/* The document functions: only ever called on an open document, so the
 * module is loaded. */

enum status pdf_close(struct pdf *p, struct err *e)
{
	if (!p)
		return err_set(e, ST_NOMEM, NULL);
	return pdf_w->close(p, e);
}

void pdf_page(struct pdf *p)
{
	pdf_w->page(p);
}

void pdf_section(struct pdf *p, const char *name)
{
	pdf_w->section(p, name);
}

void pdf_landscape(struct pdf *p, bool on)
{
	pdf_w->landscape(p, on);
}

void pdf_scale(struct pdf *p, double f)
{
	pdf_w->scale(p, f);
}

double pdf_width(const struct pdf *p)
{
	return pdf_w->width(p);
}

double pdf_text_width(struct pdf *p, enum pdf_style st, const char *text)
{
	return pdf_w->text_width(p, st, text);
}

void pdf_heading(struct pdf *p, const char *text)
{
	pdf_w->heading(p, text);
}

void pdf_header(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
                const char *const *cells, size_t n)
{
	pdf_w->header(p, st, cols, cells, n);
}

void pdf_need(struct pdf *p, double height)
{
	pdf_w->need(p, height);
}

void pdf_space(struct pdf *p, double height)
{
	pdf_w->space(p, height);
}

void pdf_para(struct pdf *p, enum pdf_style st, const char *text)
{
	pdf_w->para(p, st, text);
}

void pdf_row(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
             const char *const *cells, size_t n)
{
	pdf_w->row(p, st, cols, cells, n);
}

bool pdf_fits(struct pdf *p, enum pdf_style st, const char *text, double width)
{
	return pdf_w->fits(p, st, text, width);
}

void pdf_row_wrapped(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
                     const char *text)
{
	pdf_w->row_wrapped(p, st, col, text);
}

void pdf_rule(struct pdf *p)
{
	pdf_w->rule(p);
}

void pdf_bar(struct pdf *p, double x, double max_w, int64_t num, int64_t den,
             double grey)
{
	pdf_w->bar(p, x, max_w, num, den, grey);
}

enum status rep_summary_xlsx(const struct rep_summary *s, const char *path,
                             struct err *e)
{
	const char *why = NULL;
	if (!xlsx_w && !(xlsx_w = lookup("qp_xlsx_writer", &why)))
		return unavailable("XLSX", why, e);
	return xlsx_w->summary(s, path, e);
}
