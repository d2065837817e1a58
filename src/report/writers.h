/* writers.h: what the report layer and its writers module share. The PDF
 * page writer (pdf.c, over cairo and pango) and the XLSX summary (xlsx.c,
 * over libxlsxwriter) are built into quotepart-writers.so, which the
 * program loads with dlopen only when a PDF or XLSX file is asked for
 * (writers.c): every other run starts without those libraries. The module
 * exports one table per format, found by name with dlsym; each starts with
 * the QP_VERSION of the build that made it, which writers.c checks, so
 * that a module left from another version is refused, not called. */
#ifndef QUOTEPART_WRITERS_H
#define QUOTEPART_WRITERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/err.h"
#include "quotepart/reports.h"
#include "quotepart/text.h"

/* The sizes at scale 1 (pdf_scale). */
enum pdf_style {
	PDF_BODY,     /* Sans 9 */
	PDF_BOLD,     /* Sans Bold 9 */
	PDF_SMALL,    /* Sans 7.5 */
	PDF_HEAD,     /* Sans Bold 11 */
	PDF_TITLE     /* Sans Bold 15 */
};

/* A table column: x from the left margin and width, in points. */
struct pdf_col {
	double x, w;
	bool right;
};

struct pdf;

/* The functions of the same names in report_internal.h, where they are
 * described; open returns NULL when cairo cannot start (out of memory). */
struct rep_pdf_writer {
	const char *version;
	struct pdf *(*open)(struct sbuf *out, const char *title, const char *footer);
	enum status (*close)(struct pdf *p, struct err *e);
	void (*page)(struct pdf *p);
	void (*section)(struct pdf *p, const char *name);
	void (*landscape)(struct pdf *p, bool on);
	void (*scale)(struct pdf *p, double f);
	double (*width)(const struct pdf *p);
	double (*text_width)(struct pdf *p, enum pdf_style st, const char *text);
	void (*need)(struct pdf *p, double height);
	void (*space)(struct pdf *p, double height);
	void (*heading)(struct pdf *p, const char *text);
	void (*para)(struct pdf *p, enum pdf_style st, const char *text);
	void (*row)(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
	            const char *const *cells, size_t n);
	void (*header)(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
	               const char *const *cells, size_t n);
	bool (*fits)(struct pdf *p, enum pdf_style st, const char *text, double width);
	void (*row_wrapped)(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
	                    const char *text);
	void (*rule)(struct pdf *p);
	void (*bar)(struct pdf *p, double x, double max_w, int64_t num, int64_t den,
	            double grey);
};

/* What ends every report, in the program and in the module
 * (audit_text.c): "Audit log at entry N, chain head:" (a new string), the
 * head (64 hex digits, "-" for an empty log), and why it is there. */
char *rep_audit_intro(const struct rep_audit *a);
const char *rep_audit_head(const struct rep_audit *a);
const char *rep_audit_why(void);

/* rep_summary_xlsx of reports.h. */
struct rep_xlsx_writer {
	const char *version;
	enum status (*summary)(const struct rep_summary *s, const char *path, struct err *e);
};

/* The module's two tables (src/report/writers.map exports them and
 * nothing else). */
extern const struct rep_pdf_writer qp_pdf_writer;
extern const struct rep_xlsx_writer qp_xlsx_writer;

#endif
