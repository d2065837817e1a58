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
 * (integer arithmetic); nothing when max <= 0. A negative v (owed back)
 * is drawn in light shade (░), whole cells, never like a positive one. */
void rep_bar(struct sbuf *out, int64_t v, int64_t max, int width);
/* A line of `width` '-' and a newline. */
void rep_rule(struct sbuf *out, int width);
/* A stored rational ("n/d" or "n") for people: the exact decimal when it
 * has at most `places` decimals, else "≈" and the value rounded. */
void rep_rat_text(const char *stored, int places, char *buf, size_t size);
/* The decimal mark of the current language for text and PDF: ',' in
 * French, else '.'. */
char rep_mark(void);

/* Whether the key reserved anything before its pools (a part of kind
 * LINE_RESERVATION): if not, the pools divide the whole receipt. */
bool rep_reserves(const struct distribution *d);

/* ---- labels (labels.c) ---- */

/* The configuration's lists whose codes documents show by their labels. */
enum rep_list {
	REP_PROFESSIONS, REP_GROUPS, REP_STATUSES, REP_SOURCES, REP_RECEIPT_KINDS,
	REP_ACTIVITY_KINDS
};
/* The label of `code` in list l in the current language (config_label);
 * the code itself when no configuration is set or it has no such code;
 * "" for NULL. Points into the configuration or into code. */
const char *rep_label(enum rep_list l, const char *code);
/* A source as tables and headings name it: its code when its label
 * begins with the code ("ACI (accord...)"), else its label ("Autre
 * financement" for "other"). */
const char *rep_source_short(const char *code);
/* A key's basis in words ("equal shares", "heures d'activité"), the code
 * when unknown, "?" for NULL. A static translated string. */
const char *rep_basis_label(const char *basis);
/* A reservation's account in words: "operating costs", "post COORD",
 * "member MARTIN", else as written; into buf, returned. */
char *rep_account_label(const char *account, char *buf, size_t size);

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
/* Start a new page (the first page is started by pdf_open). A new page
 * opens with what the block it continues repeats: its heading, "HEADING
 * (continued)" (pdf_heading), and its table's header row (pdf_header). */
void pdf_page(struct pdf *p);
/* Start a section named `name` (NULL: none) on a new page, unless nothing
 * is drawn yet: its pages are numbered from 1 ("page 2 of 3") and each
 * footer names it, so that a member's statement handed out on its own
 * says whose it is. The pages before form their own section. */
void pdf_section(struct pdf *p, const char *name);
/* Landscape (or portrait) pages from the next page on, and for the
 * current one when nothing is drawn on it yet. */
void pdf_landscape(struct pdf *p, bool on);
/* Every style's font size multiplied by f (1: the sizes of enum
 * pdf_style) for what is drawn from now on; the footers keep theirs. */
void pdf_scale(struct pdf *p, double f);
/* Width of the text area in points (of the current page's orientation). */
double pdf_width(const struct pdf *p);
/* Width of text on one line in a style, in points. */
double pdf_text_width(struct pdf *p, enum pdf_style st, const char *text);
/* Break the page unless `height` points are left. */
void pdf_need(struct pdf *p, double height);
/* Vertical space. */
void pdf_space(struct pdf *p, double height);
/* The heading of the block that follows, repeated "(continued)" at the
 * top of each page it goes on to; NULL: none. Ends the table header. */
void pdf_heading(struct pdf *p, const char *text);
/* A paragraph over the text width, wrapped. */
void pdf_para(struct pdf *p, enum pdf_style st, const char *text);
/* A table row: cells[i] in cols[i] (NULL cells skipped). A left-aligned
 * cell wraps inside its column; a right-aligned one (a figure) stays on
 * one line ending at the column's right edge, never cut. As high as its
 * highest cell; never split across pages. */
void pdf_row(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
             const char *const *cells, size_t n);
/* pdf_row of a table's header, drawn again at the top of every page the
 * table goes on to, until the next pdf_heading or section (at most 32
 * cells). */
void pdf_header(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
                const char *const *cells, size_t n);
/* Whether text fits on one line of `width` points in a style. */
bool pdf_fits(struct pdf *p, enum pdf_style st, const char *text, double width);
/* Text wrapped inside one column (x, w), as many lines as it takes. */
void pdf_row_wrapped(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
                     const char *text);
/* A thin horizontal rule across the text width. */
void pdf_rule(struct pdf *p);
/* A filled bar on the current row (call before pdf_row of that row):
 * from x, num/den of max_w long, in a grey level (0 black .. 1 white).
 * num < 0 (an amount owed back) draws |num|/den as an outline from the
 * far end, x + max_w, towards x: never like a positive bar. */
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
/* The practice's identity under its name (labels.c): the address, then
 * "SIRET 552 100 554 00013", each when set (NULL or "" is not). */
void rep_out_identity(struct rep_out *o, const char *address, const char *siret);
/* A blank line, then the intro, the head and why, each on its line. */
void rep_out_audit(struct rep_out *o, const struct rep_audit *a);
/* A table row; cells may be NULL (empty). */
void rep_out_row(struct rep_out *o, enum pdf_style st, const struct rep_col *cols,
                 const char *const *cells, size_t n);

/* ---- tables measured for the PDF (table.c) ---- */

enum { REP_TABLE_MAX = 32 };
/* The smallest font scale a table is shrunk to (7.2 points for the body). */
#define REP_TABLE_FLOOR 0.8

/* n columns: the first `lead` and the last `trail` are in every chunk;
 * the one at `wrap` (n: none) is a name that may wrap; right[i]: a
 * figure, right-aligned. */
struct rep_table {
	size_t n, lead, trail, wrap;
	bool right[REP_TABLE_MAX];
	double nat[REP_TABLE_MAX];      /* natural widths at scale 1 */
	/* The plan (rep_table_plan). */
	double scale;
	bool landscape;
	size_t n_chunks;
	size_t first[REP_TABLE_MAX], end[REP_TABLE_MAX];  /* chunk k: body columns [first, end) */
};

/* An empty table of n columns (at most REP_TABLE_MAX). */
void rep_table_init(struct rep_table *t, size_t n, size_t lead, size_t trail, size_t wrap,
                    const bool *right);
/* Measure a row (all n cells; NULL: empty) in a style. */
void rep_table_measure(struct pdf *p, struct rep_table *t, enum pdf_style st,
                       const char *const *cells);
/* Fit the table to the page: the names wrapped, the font shrunk down to
 * REP_TABLE_FLOOR, then (when `turn` and the page is still empty of the
 * table) landscape pages (pdf_landscape), then chunks of the middle
 * columns. */
void rep_table_plan(struct pdf *p, struct rep_table *t, bool turn);
/* The columns of chunk k as drawn (cols) and which of the table's each
 * is (idx); their number. */
size_t rep_table_cols(struct pdf *p, const struct rep_table *t, size_t k, struct pdf_col *cols,
                      size_t *idx);
/* A row of chunk k (cells: all n), at the table's scale; `header`: the
 * header row, repeated on each page the table goes on to (pdf_header). */
void rep_table_row(struct pdf *p, const struct rep_table *t, size_t k, enum pdf_style st,
                   const char *const *cells, bool header);

#endif
