/* report_internal.h: what the files of src/report share for the reports of
 * reports.h: text cells and bars, money and rationals for people, CSV
 * cells, and a small PDF page writer over cairo and pango (in the writers
 * module, writers.h, reached through writers.c). */
#ifndef QUOTEPART_REPORT_INTERNAL_H
#define QUOTEPART_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/csv.h"
#include "quotepart/money.h"
#include "quotepart/rat.h"
#include "quotepart/reports.h"

#include "writers.h"

/* ---- text ---- */

/* s padded (or cut) to w columns, then a space; right-aligned when
 * `right`. Unsafe characters come out escaped (text_pad). */
void rep_cell(struct sbuf *out, const char *s, int w, bool right);
/* Append s escaped for a terminal (text_escape). */
void rep_add(struct sbuf *out, const char *s);
/* Cents in the current language's style ("€1,234.56", "1 234,56 €"). */
char *rep_money(int64_t cents, char *buf, size_t size);
/* A horizontal bar of |v| / max x width cells, in eighths of a cell
 * (integer arithmetic); nothing when max <= 0. */
void rep_bar(struct sbuf *out, int64_t v, int64_t max, int width);
/* A line of `width` '-' and a newline. */
void rep_rule(struct sbuf *out, int width);
/* A stored rational ("n/d" or "n") for people: the exact decimal when it
 * has at most `places` decimals, else "≈" and the value rounded. */
void rep_rat_text(const char *stored, int places, char *buf, size_t size);
/* The decimal mark of the current language for text and PDF: ',' in
 * French, else '.'. */
char rep_mark(void);

/* ---- CSV ----
 *
 * A report's CSV is one header row, then data rows all as wide as it:
 * no note, no audit record (the text and PDF documents carry the audit
 * head, `quotepart check` prints it), so that sorts, filters and pivot
 * tables see data only. A file that mixes kinds of rows (members and
 * totals) starts each row with a `type` cell. Money is in euros with a
 * decimal comma; rationals are decimals, never fractions. */

void rep_csv_money(struct csv_out *o, int64_t cents);
void rep_csv_int(struct csv_out *o, int64_t v);
void rep_csv_date(struct csv_out *o, int32_t d);
/* A text cell that may be NULL (empty cell). */
void rep_csv_text(struct csv_out *o, const char *s);
/* Start o (csv_out_init) with the header row: n names marked
 * NC_("csv header", ...), in the reader's language (lower case, no
 * spaces). */
void rep_csv_start(struct csv_out *o, const char *const *head, size_t n);
/* A stored rational ("n/d" or "n") as a decimal with a comma, six places
 * at most (rounded when it has more); an empty cell for NULL, the text as
 * is when it does not parse. */
void rep_csv_rat(struct csv_out *o, const char *stored);
void rep_csv_rat_value(struct csv_out *o, struct rat r);
/* A stored exact share in cents ("n/d") as euros, like rep_csv_rat. */
void rep_csv_exact_eur(struct csv_out *o, const char *stored);
/* A line's value, factor, presence and weight (rep_csv_weights), and its
 * exact share in euros, share, before, amount and leftover mark
 * (rep_csv_shares): the columns a distribution and a statement share. */
void rep_csv_weights(struct csv_out *o, const struct dist_line *l);
void rep_csv_shares(struct csv_out *o, const struct dist_line *l);
/* Append the finished CSV to out (out->failed when o failed) and
 * release o. */
void rep_csv_finish(struct csv_out *o, struct sbuf *out);

/* One row of an estimate's CSV (estimate.c): item, label, value, a
 * figure (the ACI's points, the PEPS's patients; "" for none), cents
 * (when have_cents), and the row's type: "criterion" or "cell" (what the
 * estimate adds up), "parameter", "total", "instalment". */
struct rep_est_row {
	char item[40];
	char label[200];
	char value[32];
	char figure[RAT_BUFSZ];
	bool have_cents;
	int64_t cents;
	const char *type;
};
/* What an estimate is made of (estimate.c): its text head (the what-if's
 * when there is one), its body alone, the stored one beside the
 * what-if, and its CSV rows; `figure` and `figure_whatif` (NC_() strings)
 * name the CSV's figure columns. */
struct rep_out;
struct rep_est_kind {
	const char *figure;
	const char *figure_whatif;
	void (*head)(const void *x, struct rep_out *o);
	void (*body)(const void *x, struct rep_out *o);
	void (*whatif)(const void *x, const void *w, struct rep_out *o);
	void (*rows)(const void *x, struct rep_est_row *v, size_t *n);
};
/* The estimate x, or (w not NULL) x and the what-if w side by side, as
 * text or CSV (at most `rows` rows each): the CSV has a header row "type,
 * item, label, value, FIGURE, amount_eur[, value_whatif, FIGURE_whatif,
 * amount_whatif_eur, difference_eur]" (in the reader's language) and a
 * row each; the text ends with the audit. ST_USAGE for another format. */
enum status rep_estimate_emit(const struct rep_est_kind *k, const void *x, const void *w,
                              size_t rows, const struct rep_audit *audit, enum rep_format f,
                              struct sbuf *out, struct err *e);


/* ---- PDF (enum pdf_style, struct pdf_col: writers.h) ---- */

/* Start an A4 document whose bytes are appended to out; `title` goes in
 * the metadata and each page's footer with the page number. The creation
 * date is $SOURCE_DATE_EPOCH when set (reproducible files). The writers
 * module is loaded the first time: ST_UNAVAILABLE, naming it, when it
 * cannot be; ST_NOMEM when cairo cannot start. *p is the document on
 * ST_OK, NULL otherwise. */
enum status pdf_open(struct sbuf *out, const char *title, const char *footer,
                     struct pdf **p, struct err *e);
/* Finish the document and free p: ST_OK, or ST_NOMEM/ST_INTERNAL when
 * cairo or the buffer failed on the way. pdf_close(NULL) is ST_NOMEM. */
enum status pdf_close(struct pdf *p, struct err *e);
/* pdf_open for a report: the document titled by title_fmt (printf), each
 * page's footer "PRACTICE · TITLE". */
enum status rep_pdf_open(struct sbuf *out, const char *practice, struct pdf **pdf,
                         struct err *e, const char *title_fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Start a new page (the first page is started by pdf_open). */
void pdf_page(struct pdf *p);
/* Width of the text area in points. */
double pdf_width(const struct pdf *p);
/* Break the page unless `height` points are left. */
void pdf_need(struct pdf *p, double height);
/* Vertical space. */
void pdf_space(struct pdf *p, double height);
/* A paragraph over the text width, wrapped. */
void pdf_para(struct pdf *p, enum pdf_style st, const char *text);
/* A table row: cells[i] in cols[i] (NULL cells skipped), one line high,
 * cut with an ellipsis when too long. */
void pdf_row(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
             const char *const *cells, size_t n);
/* Whether text fits on one line of `width` points in a style. */
bool pdf_fits(struct pdf *p, enum pdf_style st, const char *text, double width);
/* Text wrapped inside one column (x, w), as many lines as it takes. */
void pdf_row_wrapped(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
                     const char *text);
/* A thin horizontal rule across the text width. */
void pdf_rule(struct pdf *p);
/* A filled bar on the current row (call before pdf_row of that row):
 * from x, num/den of max_w long, in a grey level (0 black .. 1 white). */
void pdf_bar(struct pdf *p, double x, double max_w, int64_t num, int64_t den,
             double grey);

/* ---- one set of calls, two layouts: text or PDF ---- */

struct rep_out {
	struct sbuf *out;     /* text, when pdf is NULL */
	struct pdf *pdf;
};

/* Text width of the documents, in columns. */
enum { REP_WIDTH = 78, REP_AMOUNT = 14 };

/* A table column in text columns; PDF scales the widths to the page. */
struct rep_col {
	int width;
	bool right;
};

void rep_out_title(struct rep_out *o, const char *s);
/* A heading after a blank line. */
void rep_out_head(struct rep_out *o, const char *s);
/* A line indented by `indent` steps (PDF: wrapped when indent is 0). */
void rep_out_line(struct rep_out *o, int indent, enum pdf_style st, const char *s);
/* A label and an amount at the right edge. */
void rep_out_amount(struct rep_out *o, int indent, enum pdf_style st, const char *label,
                    const char *amount);
void rep_out_rule(struct rep_out *o);
/* A blank line, then the intro, the head and why, each on its line. */
void rep_out_audit(struct rep_out *o, const struct rep_audit *a);
/* A table row; cells may be NULL (empty). */
void rep_out_row(struct rep_out *o, enum pdf_style st, const struct rep_col *cols,
                 const char *const *cells, size_t n);

#endif
