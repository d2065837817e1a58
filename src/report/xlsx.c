/* xlsx.c: the team-meeting summary as an XLSX workbook (libxlsxwriter):
 * a column per source and exercise, amounts as numbers in a euro format,
 * totals computed from integer cents and written as numbers (never
 * formulas), the distributions covered, paid versus still due, a bar
 * chart of the members' totals as tall as they need, printed one page
 * wide with the header row on every page. libxlsxwriter writes the file itself: to a temporary name in the
 * destination's folder (0600), renamed when complete. Part of the writers
 * module: the program calls it through qp_xlsx_writer (writers.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "quotepart/date.h"
#include "quotepart/file.h"
#include "quotepart/i18n.h"

#include "writers.h"

/* A cell value for display only: the sums behind it are integer cents. */
static double euros(int64_t cents)
{
	return (double)cents / 100.0;
}

struct sheet {
	lxw_worksheet *ws;
	lxw_format *bold, *bold_right, *money, *money_bold, *title;
};

static void put_row(struct sheet *sh, lxw_row_t row, const char *code, const char *name,
                    const char *group, const int64_t *cents, int64_t total, size_t n, bool bold)
{
	lxw_format *tf = bold ? sh->bold : NULL, *mf = bold ? sh->money_bold : sh->money;
	worksheet_write_string(sh->ws, row, 0, code ? code : "", tf);
	worksheet_write_string(sh->ws, row, 1, name ? name : "", tf);
	worksheet_write_string(sh->ws, row, 2, group ? group : "", tf);
	for (size_t k = 0; k < n; k++)
		worksheet_write_number(sh->ws, row, (lxw_col_t)(3 + k), euros(cents[k]), mf);
	worksheet_write_number(sh->ws, row, (lxw_col_t)(3 + n), euros(total), mf);
}

/* A header row: the first `left` cells over text, left-aligned; the
 * others over numbers, right-aligned as the numbers are. */
static void put_heads(struct sheet *sh, lxw_row_t row, const char *const *cells, size_t n, size_t left)
{
	for (size_t k = 0; k < n; k++)
		worksheet_write_string(sh->ws, row, (lxw_col_t)k, cells[k], k < left ? sh->bold : sh->bold_right);
}

static void put_header(struct sheet *sh, const struct rep_summary *s, lxw_row_t row,
                       const char *a, const char *b, const char *c)
{
	const char *heads[3] = { a, b, c };
	put_heads(sh, row, heads, 3, 3);
	for (size_t k = 0; k < s->n_cols; k++)
		worksheet_write_string(sh->ws, row, (lxw_col_t)(3 + k), s->cols[k].name, sh->bold_right);
	worksheet_write_string(sh->ws, row, (lxw_col_t)(3 + s->n_cols), _("Total"), sh->bold_right);
}

/* The workbook's title, company and creation date. Reproducible files,
 * as for the PDF: $SOURCE_DATE_EPOCH fixes the creation date; 0 lets
 * libxlsxwriter take the current time. */
static void set_properties(lxw_workbook *wb, const struct rep_summary *s, char *title)
{
	lxw_doc_properties props = { 0 };
	props.title = title;
	props.company = s->practice;
	props.comments = "quotepart";
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long v = strtoll(epoch, &end, 10);
		if (!*end && v > 0)
			props.created = (time_t)v;
	}
	workbook_set_properties(wb, &props);
}

/* A bar chart of the members' totals (the member rows of sheet_name,
 * from first_member), below the tables' last row `row`: a bar's room
 * for each member, so that 120 members stay readable. */
static void add_chart(lxw_workbook *wb, struct sheet *sh, const struct rep_summary *s, const char *sheet_name,
                      lxw_row_t first_member, lxw_row_t row)
{
	lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR);
	if (chart) {
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		lxw_row_t last = first_member + (lxw_row_t)s->n_member_rows - 1;
		chart_series_set_categories(series, sheet_name, first_member, 0, last, 0);
		chart_series_set_values(series, sheet_name, first_member, (lxw_col_t)(3 + s->n_cols),
		                        last, (lxw_col_t)(3 + s->n_cols));
		chart_title_set_name(chart, _("Total per member"));
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
		/* libxlsxwriter's chart is 480 x 288 pixels at scale 1: 16
		 * pixels a member and room for the title and the axis. */
		double h = 16.0 * (double)s->n_member_rows + 100.0;
		lxw_chart_options opt = { 0 };
		opt.x_scale = 1.5;
		opt.y_scale = h > 288.0 ? h / 288.0 : 1.0;
		worksheet_insert_chart_opt(sh->ws, row + 1, 0, chart, &opt);
	}
}

/* The distributions covered and, per member, paid versus still due;
 * the next free row. */
static lxw_row_t put_details(struct sheet *sh, const struct rep_summary *s, lxw_row_t row)
{
	const char *dh[7] = { _("Distribution"), _("Receipt"), _("Source"), _("Exercise"), _("Key"),
	                      _("Approved on"), _("Amount") };
	put_heads(sh, row++, dh, 7, 6);
	for (size_t i = 0; i < s->n_dists; i++) {
		const struct rep_sum_dist *d = &s->dists[i];
		char id[32], key[200], when[DATE_BUFSZ];
		snprintf(id, sizeof id, "D%lld", (long long)d->id);
		snprintf(key, sizeof key, _("%s v%d"), d->key, d->key_version);
		worksheet_write_string(sh->ws, row, 0, id, NULL);
		worksheet_write_string(sh->ws, row, 1, d->receipt ? d->receipt : "", NULL);
		worksheet_write_string(sh->ws, row, 2, d->source, NULL);
		worksheet_write_string(sh->ws, row, 3, d->exercise, NULL);
		worksheet_write_string(sh->ws, row, 4, key, NULL);
		worksheet_write_string(sh->ws, row, 5, date_format(d->approved_on, when, sizeof when), NULL);
		worksheet_write_number(sh->ws, row++, 6, euros(d->amount), sh->money);
	}
	row++;
	const char *ph[5] = { _("Recipient"), _("Name"), _("Total"), _("Paid"), _("Still due") };
	put_heads(sh, row++, ph, 5, 2);
	for (size_t i = 0; i < s->n_member_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		worksheet_write_string(sh->ws, row, 0, r->code, NULL);
		worksheet_write_string(sh->ws, row, 1, r->name ? r->name : "", NULL);
		worksheet_write_number(sh->ws, row, 2, euros(r->total), sh->money);
		worksheet_write_number(sh->ws, row, 3, euros(r->paid), sh->money);
		worksheet_write_number(sh->ws, row++, 4, euros(r->total - r->paid), sh->money);
	}
	return row;
}

/* Printed on A4, one page wide (landscape when the table is wide), its
 * header row on every page, the page number in the footer. */
static void print_setup(struct sheet *sh, const struct rep_summary *s, lxw_row_t header)
{
	worksheet_set_paper(sh->ws, 9);
	if (s->n_cols > 4)
		worksheet_set_landscape(sh->ws);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	worksheet_repeat_rows(sh->ws, header, header);
	/* TRANSLATORS: a spreadsheet's page footer: &P the page, &N the
	 * pages, &A the sheet's name; keep the & codes. */
	worksheet_set_footer(sh->ws, _("&L&A&RPage &P of &N"));
}

static bool make_formats(lxw_workbook *wb, struct sheet *sh)
{
	sh->bold = workbook_add_format(wb);
	sh->bold_right = workbook_add_format(wb);
	sh->title = workbook_add_format(wb);
	sh->money = workbook_add_format(wb);
	sh->money_bold = workbook_add_format(wb);
	if (!sh->ws || !sh->bold || !sh->bold_right || !sh->title || !sh->money || !sh->money_bold)
		return false;
	format_set_bold(sh->bold);
	format_set_bold(sh->bold_right);
	format_set_align(sh->bold_right, LXW_ALIGN_RIGHT);
	format_set_bold(sh->title);
	format_set_font_size(sh->title, 14);
	/* Stored in Excel's neutral syntax; a French spreadsheet shows
	 * "1 234,56 €". */
	format_set_num_format(sh->money, "#,##0.00\\ \"€\"");
	format_set_num_format(sh->money_bold, "#,##0.00\\ \"€\"");
	format_set_bold(sh->money_bold);
	return true;
}

/* Lay the summary out in a new workbook at `file`. */
static lxw_error write_book(const struct rep_summary *s, const char *file)
{
	lxw_workbook *wb = workbook_new(file);
	if (!wb)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	struct sbuf tb;
	sb_init(&tb);
	sb_printf(&tb, _("Team-meeting summary %d"), s->year);
	char *title = sb_take(&tb);
	if (!title) {
		workbook_close(wb);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	set_properties(wb, s, title);

	/* TRANSLATORS: a spreadsheet's sheet name: at most 31 characters,
	 * none of []:*?/\ */
	const char *sheet_name = _("Summary");
	struct sheet sh;
	sh.ws = workbook_add_worksheet(wb, sheet_name);
	if (!make_formats(wb, &sh)) {
		workbook_close(wb);
		free(title);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}

	char a[DATE_BUFSZ], b[DATE_BUFSZ];
	struct sbuf line;
	sb_init(&line);
	worksheet_write_string(sh.ws, 0, 0, s->practice ? s->practice : "", sh.title);
	worksheet_write_string(sh.ws, 1, 0, title, sh.bold);
	sb_printf(&line, _("%zu approved distribution(s) of the receipts received from %s to %s"),
	          s->n_dists, date_format(s->from, a, sizeof a), date_format(s->to, b, sizeof b));
	worksheet_write_string(sh.ws, 2, 0, line.s ? line.s : "", NULL);
	sb_fini(&line);

	lxw_row_t row = 4, header = row;
	put_header(&sh, s, row++, _("Recipient"), _("Name"), _("Group"));
	lxw_row_t first_member = row;
	for (size_t i = 0; i < s->n_rows; i++) {
		const struct rep_sum_row *r = &s->rows[i];
		put_row(&sh, row++, r->code, r->name, r->group ? r->group : _("account"), r->by_col, r->total,
		        s->n_cols, false);
	}
	put_row(&sh, row++, _("Total"), "", "", s->col_totals, s->total, s->n_cols, true);
	row++;
	put_header(&sh, s, row++, _("Group"), "", "");
	for (size_t i = 0; i < s->n_groups; i++) {
		const struct rep_sum_group *g = &s->groups[i];
		put_row(&sh, row++, g->label, "", "", g->by_col, g->total, s->n_cols, false);
	}
	put_row(&sh, row++, _("Total"), "", "", s->col_totals, s->total, s->n_cols, true);
	row = put_details(&sh, s, row + 1);
	worksheet_set_column(sh.ws, 0, 0, 14, NULL);
	worksheet_set_column(sh.ws, 1, 1, 22, NULL);
	worksheet_set_column(sh.ws, 2, 2, 16, NULL);
	worksheet_set_column(sh.ws, 3, (lxw_col_t)(3 + (s->n_cols > 4 ? s->n_cols : 4)), 14, NULL);
	print_setup(&sh, s, header);

	/* The audit head, as every report ends. */
	char *intro = rep_audit_intro(&s->audit);
	row++;
	worksheet_write_string(sh.ws, row++, 0, intro ? intro : "", NULL);
	worksheet_write_string(sh.ws, row++, 0, rep_audit_head(&s->audit), NULL);
	worksheet_write_string(sh.ws, row++, 0, rep_audit_why(), NULL);
	free(intro);

	if (s->n_member_rows)
		add_chart(wb, &sh, s, sheet_name, first_member, row);
	lxw_error le = workbook_close(wb);
	free(title);
	return le;
}

struct book {
	const struct rep_summary *s;
	lxw_error le;
};

/* libxlsxwriter's fopen(..., "wb") truncates the temporary file and
 * keeps its mode (0600). */
static int fill_book(const char *tmp, void *ctx)
{
	struct book *b = ctx;
	b->le = write_book(b->s, tmp);
	return b->le == LXW_NO_ERROR ? 0 : EIO;
}

static enum status summary_xlsx(const struct rep_summary *s, const char *path,
                                struct err *e)
{
	struct book b = { s, LXW_NO_ERROR };
	int err_no;
	enum status st = file_replace(path, fill_book, &b, &err_no);
	if (b.le != LXW_NO_ERROR)
		return err_set(e, b.le == LXW_ERROR_MEMORY_MALLOC_FAILED ? ST_NOMEM : ST_IO,
		               _("cannot write %s: %s"), path, lxw_strerror(b.le));
	if (st == ST_OK || st == ST_NOMEM)
		return st == ST_OK ? ST_OK : err_set(e, st, NULL);
	return err_set(e, st, _("cannot write %s: %s"), path, strerror(err_no));
}

const struct rep_xlsx_writer qp_xlsx_writer = {
	.version = QP_VERSION,
	.summary = summary_xlsx,
};
