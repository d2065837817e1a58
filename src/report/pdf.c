/* pdf.c: a small page writer for the PDF reports: A4 pages (portrait or
 * landscape), text laid out by pango (real fonts: accents and the euro
 * sign), rows of measured columns that wrap text and never cut a figure,
 * rules and bars drawn by cairo. Each page is drawn on a cairo recording
 * surface and copied into the document when its section ends, so that
 * the footer can say "page 2 of 3" within the section (a member's
 * statement) and name it. A block's heading and a table's header row are
 * drawn again at the top of each page they continue on. The document is
 * streamed into a struct sbuf; geometry is in points (doubles), never
 * money. Part of the writers module: the program reaches these functions
 * through qp_pdf_writer (writers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"

#include "writers.h"

#define A4_SHORT 595.28
#define A4_LONG 841.89
#define MARGIN_X 50.0
#define MARGIN_TOP 50.0
#define MARGIN_BOTTOM 60.0
#define MAX_CELLS 32

/* One recorded page of the current section. */
struct page {
	cairo_surface_t *rec;
	bool landscape;
};

/* The row drawn again at the top of each page a table continues on. */
struct header_row {
	enum pdf_style st;
	struct pdf_col cols[MAX_CELLS];
	char *cells[MAX_CELLS];
	size_t n;
};

struct pdf {
	cairo_surface_t *surface;
	cairo_t *doc;                 /* on the PDF surface: pages are copied there */
	cairo_t *cr;                  /* on the current page's recording */
	/* A font map of our own, released with the document, rather than
	 * pango's default that lives as long as the thread. */
	PangoFontMap *fontmap;
	PangoContext *context;
	PangoLayout *layout;          /* the content's */
	PangoLayout *foot;            /* the footers' */
	PangoFontDescription *fonts[PDF_TITLE + 1];
	double line_h[PDF_TITLE + 1]; /* one line's height, per style */
	PangoLayout *cells[MAX_CELLS];/* a row's, laid out before it is drawn */
	double scale;                 /* of the content's fonts */
	struct sbuf *out;
	char *footer;
	char *section;                /* named in each footer; NULL: none */
	struct page *pages;           /* the current section's, finished */
	size_t n_pages, cap_pages;
	int pages_before;             /* of the sections already written */
	bool landscape;               /* the current page's */
	bool want_landscape;          /* the next pages' */
	bool drawn;                   /* the current page has content */
	char *heading;                /* continued on a new page; NULL: none */
	struct header_row header;
	double y, top;                /* top: below what a new page repeats */
	bool failed;
};

static const double font_sizes[PDF_TITLE + 1] = {
	[PDF_BODY] = 9, [PDF_BOLD] = 9, [PDF_SMALL] = 7.5, [PDF_HEAD] = 11, [PDF_TITLE] = 15,
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct sbuf *b = closure;
	sb_addn(b, (const char *)data, len);
	return b->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* $SOURCE_DATE_EPOCH as an ISO date for the metadata, so that the same
 * data gives the same file (reproducible builds' convention). */
static bool epoch_date(char *buf, size_t size)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return false;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < 0)
		return false;
	time_t t = (time_t)v;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return false;
	return strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0;
}

static double page_w(const struct pdf *p)
{
	return p->landscape ? A4_LONG : A4_SHORT;
}

static double page_h(const struct pdf *p)
{
	return p->landscape ? A4_SHORT : A4_LONG;
}

static double pdf_width(const struct pdf *p)
{
	return page_w(p) - 2 * MARGIN_X;
}

static void prepare(struct pdf *p, PangoLayout *l, enum pdf_style st, double width, bool right,
                    const char *text);
static double text_height(PangoLayout *l);

/* The fonts at the current scale. */
static void make_fonts(struct pdf *p)
{
	for (int i = 0; i <= PDF_TITLE; i++) {
		if (!p->fonts[i])
			p->fonts[i] = pango_font_description_from_string(i == PDF_BODY || i == PDF_SMALL ? "Sans" : "Sans Bold");
		pango_font_description_set_size(p->fonts[i], (gint)(font_sizes[i] * p->scale * PANGO_SCALE));
	}
	for (int i = 0; i <= PDF_TITLE; i++) {
		prepare(p, p->foot, (enum pdf_style)i, -1, false, "Ég");
		p->line_h[i] = text_height(p->foot) + 1.5;
	}
}

/* Set a layout's whole state, so that nothing is left from its last use:
 * style, width (< 0: one unwrapped line), alignment, no ellipsis. */
static void prepare(struct pdf *p, PangoLayout *l, enum pdf_style st, double width, bool right,
                    const char *text)
{
	pango_layout_set_font_description(l, p->fonts[st]);
	pango_layout_set_width(l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(l, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text ? text : "", -1);
}

static double text_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	return h;
}

/* Height of one line of a style (at the current scale: make_fonts). */
static double line_height(struct pdf *p, enum pdf_style st)
{
	return p->line_h[st];
}

static double pdf_text_width(struct pdf *p, enum pdf_style st, const char *text)
{
	prepare(p, p->layout, st, -1, false, text);
	PangoRectangle ink, logical;
	pango_layout_get_extents(p->layout, &ink, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* A cell laid out on l in its column: a left cell wraps inside it, a
 * right one is one line (never cut). Its height. */
static double lay_cell(struct pdf *p, PangoLayout *l, enum pdf_style st, const struct pdf_col *col,
                       const char *text)
{
	prepare(p, l, st, col->right ? -1 : col->w, false, text);
	return text_height(l);
}

/* The cell laid out on l drawn at the current y: a right one ends at its
 * column's right edge (and may reach left of it rather than be cut). */
static void show_cell(struct pdf *p, PangoLayout *l, const struct pdf_col *col)
{
	double x = MARGIN_X + col->x;
	if (col->right) {
		PangoRectangle ink, logical;
		pango_layout_get_extents(l, &ink, &logical);
		x += col->w - (double)logical.width / PANGO_SCALE;
	}
	cairo_move_to(p->cr, x, p->y);
	pango_cairo_show_layout(p->cr, l);
}

/* The current page's recording, empty, in the orientation wanted; then
 * what a continued block repeats: its heading and its table's header. */
static void start_page(struct pdf *p)
{
	p->landscape = p->want_landscape;
	cairo_rectangle_t ext = { 0, 0, page_w(p), page_h(p) };
	cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	p->cr = cairo_create(rec);
	cairo_surface_destroy(rec);   /* p->cr holds it */
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = MARGIN_TOP;
	p->drawn = false;
	if (p->heading) {
		struct sbuf b;
		sb_init(&b);
		sb_printf(&b, _("%s (continued)"), p->heading);
		prepare(p, p->foot, PDF_HEAD, pdf_width(p), false, b.s ? b.s : p->heading);
		cairo_move_to(p->cr, MARGIN_X, p->y);
		pango_cairo_show_layout(p->cr, p->foot);
		p->y += text_height(p->foot) + 2;
		sb_fini(&b);
	}
	if (p->header.n) {
		const struct header_row *r = &p->header;
		double h = 0;
		for (size_t i = 0; i < r->n; i++) {
			if (!r->cells[i])
				continue;
			double ch = lay_cell(p, p->foot, r->st, &r->cols[i], r->cells[i]);
			h = ch > h ? ch : h;
			show_cell(p, p->foot, &r->cols[i]);
		}
		p->y += h + 1.5;
	}
	p->top = p->y;
}

/* The current page done: kept with its section's. */
static void end_page(struct pdf *p)
{
	cairo_surface_t *rec = cairo_surface_reference(cairo_get_target(p->cr));
	cairo_destroy(p->cr);
	p->cr = NULL;
	if (!array_grow(&p->pages, &p->cap_pages, p->n_pages + 1, sizeof *p->pages)) {
		cairo_surface_destroy(rec);
		p->failed = true;
		return;
	}
	p->pages[p->n_pages++] = (struct page){ rec, p->landscape };
}

static void draw_footer(struct pdf *p, int page, int pages, double w, double h)
{
	struct sbuf b, f;
	sb_init(&b);
	sb_init(&f);
	sb_add(&f, p->footer);
	if (p->section)
		sb_printf(&f, " · %s", p->section);
	sb_printf(&b, _("%s · page %d of %d"), f.s ? f.s : "", page, pages);
	PangoFontDescription *fd = pango_font_description_from_string("Sans 7.5");
	prepare(p, p->foot, PDF_SMALL, w - 2 * MARGIN_X, false, b.s ? b.s : "");
	pango_layout_set_font_description(p->foot, fd);
	pango_layout_set_alignment(p->foot, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(p->doc, 0.35, 0.35, 0.35);
	cairo_move_to(p->doc, MARGIN_X, h - MARGIN_BOTTOM + 25);
	pango_cairo_show_layout(p->doc, p->foot);
	cairo_set_source_rgb(p->doc, 0, 0, 0);
	pango_font_description_free(fd);
	sb_fini(&f);
	sb_fini(&b);
}

/* The section's pages into the document, each with its footer. */
static void flush_section(struct pdf *p)
{
	for (size_t i = 0; i < p->n_pages; i++) {
		struct page *pg = &p->pages[i];
		double w = pg->landscape ? A4_LONG : A4_SHORT, h = pg->landscape ? A4_SHORT : A4_LONG;
		cairo_pdf_surface_set_size(p->surface, w, h);
		cairo_set_source_surface(p->doc, pg->rec, 0, 0);
		cairo_paint(p->doc);
		cairo_set_source_rgb(p->doc, 0, 0, 0);
		draw_footer(p, (int)i + 1, (int)p->n_pages, w, h);
		cairo_show_page(p->doc);
		cairo_surface_destroy(pg->rec);
	}
	p->pages_before += (int)p->n_pages;
	p->n_pages = 0;
}

static void header_clear(struct pdf *p)
{
	for (size_t i = 0; i < p->header.n; i++)
		free(p->header.cells[i]);
	p->header.n = 0;
}

static struct pdf *pdf_open(struct sbuf *out, const char *title, const char *footer)
{
	struct pdf *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->out = out;
	p->footer = strdup(footer ? footer : "");
	p->surface = cairo_pdf_surface_create_for_stream(write_cb, out, A4_SHORT, A4_LONG);
	if (!p->footer || cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(p->surface);
		free(p->footer);
		free(p);
		return NULL;
	}
	char date[32];
	if (epoch_date(date, sizeof date))
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	if (title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "quotepart");
	p->doc = cairo_create(p->surface);
	p->fontmap = pango_cairo_font_map_new();
	p->context = pango_font_map_create_context(p->fontmap);
	pango_cairo_update_context(p->doc, p->context);
	/* Font sizes in points, cairo's unit on a PDF surface. */
	pango_cairo_context_set_resolution(p->context, 72);
	p->layout = pango_layout_new(p->context);
	p->foot = pango_layout_new(p->context);
	for (int i = 0; i < MAX_CELLS; i++)
		p->cells[i] = pango_layout_new(p->context);
	p->scale = 1;
	make_fonts(p);
	start_page(p);
	return p;
}

static enum status pdf_close(struct pdf *p, struct err *e)
{
	if (!p)
		return err_set(e, ST_NOMEM, NULL);
	end_page(p);
	flush_section(p);
	header_clear(p);
	free(p->heading);
	free(p->section);
	free(p->pages);
	for (int i = 0; i <= PDF_TITLE; i++)
		pango_font_description_free(p->fonts[i]);
	g_object_unref(p->layout);
	g_object_unref(p->foot);
	for (int i = 0; i < MAX_CELLS; i++)
		g_object_unref(p->cells[i]);
	g_object_unref(p->context);
	g_object_unref(p->fontmap);
	cairo_status_t cs = cairo_status(p->doc);
	cairo_destroy(p->doc);
	cairo_surface_finish(p->surface);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	bool failed = p->out->failed || p->failed;
	free(p->footer);
	free(p);
	if (failed || cs == CAIRO_STATUS_NO_MEMORY || cs == CAIRO_STATUS_WRITE_ERROR)
		return err_set(e, ST_NOMEM, NULL);
	if (cs != CAIRO_STATUS_SUCCESS)
		return err_set(e, ST_INTERNAL, _("cannot make the PDF: %s"), cairo_status_to_string(cs));
	return ST_OK;
}

static void pdf_page(struct pdf *p)
{
	end_page(p);
	start_page(p);
}

static void pdf_section(struct pdf *p, const char *name)
{
	bool started = p->drawn || p->n_pages;
	if (started) {
		end_page(p);
		flush_section(p);
	}
	free(p->heading);
	p->heading = NULL;
	header_clear(p);
	free(p->section);
	p->section = name ? strdup(name) : NULL;
	if (name && !p->section)
		p->failed = true;
	if (started)
		start_page(p);
}

static void pdf_landscape(struct pdf *p, bool on)
{
	p->want_landscape = on;
	if (!p->drawn && p->landscape != on) {
		cairo_destroy(p->cr);
		start_page(p);
	}
}

static void pdf_scale(struct pdf *p, double f)
{
	p->scale = f;
	make_fonts(p);
}

static void pdf_need(struct pdf *p, double height)
{
	if (p->y > p->top && p->y + height > page_h(p) - MARGIN_BOTTOM)
		pdf_page(p);
}

static void pdf_space(struct pdf *p, double height)
{
	p->y += height;
}

static void pdf_heading(struct pdf *p, const char *text)
{
	free(p->heading);
	p->heading = text ? strdup(text) : NULL;
	if (text && !p->heading)
		p->failed = true;
	header_clear(p);
}

/* Text wrapped inside one column at the current y, after a page break if
 * it does not fit on what is left of the page. */
static void block(struct pdf *p, enum pdf_style st, double x, double w, const char *text, double after)
{
	prepare(p, p->layout, st, w, false, text);
	/* A new page draws with its own layout: this one stays as laid out. */
	pdf_need(p, text_height(p->layout));
	cairo_move_to(p->cr, MARGIN_X + x, p->y);
	pango_cairo_show_layout(p->cr, p->layout);
	p->y += text_height(p->layout) + after;
	p->drawn = true;
}

static void pdf_para(struct pdf *p, enum pdf_style st, const char *text)
{
	block(p, st, 0, pdf_width(p), text, 2);
}

static void pdf_row(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
                    const char *const *cells, size_t n)
{
	if (n > MAX_CELLS)
		n = MAX_CELLS;
	double h = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cells[i])
			continue;
		double ch = lay_cell(p, p->cells[i], st, &cols[i], cells[i]) + 1.5;
		h = ch > h ? ch : h;
	}
	double lh = line_height(p, st);
	if (h < lh)
		h = lh;
	/* A new page draws with its own layout: these stay as laid out. */
	pdf_need(p, h);
	for (size_t i = 0; i < n; i++)
		if (cells[i])
			show_cell(p, p->cells[i], &cols[i]);
	p->y += h;
	p->drawn = true;
}

static void pdf_header(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
                       const char *const *cells, size_t n)
{
	header_clear(p);
	if (n > MAX_CELLS)
		n = MAX_CELLS;
	/* Never a header alone at the foot of a page. */
	pdf_need(p, 2 * line_height(p, st) + 4);
	pdf_row(p, st, cols, cells, n);
	p->header.st = st;
	for (size_t i = 0; i < n; i++) {
		p->header.cols[i] = cols[i];
		p->header.cells[i] = cells[i] ? strdup(cells[i]) : NULL;
		if (cells[i] && !p->header.cells[i])
			p->failed = true;
	}
	p->header.n = n;
}

static bool pdf_fits(struct pdf *p, enum pdf_style st, const char *text, double width)
{
	return pdf_text_width(p, st, text) <= width;
}

static void pdf_row_wrapped(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
                            const char *text)
{
	block(p, st, col->x, col->w, text, 1);
}

static void pdf_rule(struct pdf *p)
{
	pdf_need(p, 6);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, p->y + 2.5);
	cairo_line_to(p->cr, page_w(p) - MARGIN_X, p->y + 2.5);
	cairo_stroke(p->cr);
	p->y += 6;
	p->drawn = true;
}

static void pdf_bar(struct pdf *p, double x, double max_w, int64_t num, int64_t den,
                    double grey)
{
	double h = line_height(p, PDF_BODY);
	pdf_need(p, h);
	if (den <= 0 || num == 0)
		return;
	bool back = num < 0;
	if (back)
		num = num == INT64_MIN ? INT64_MAX : -num;
	if (num > den)
		num = den;
	/* The ratio is for drawing only: the amounts stay integers. A
	 * negative bar goes left from x. */
	double w = max_w * (double)num / (double)den;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	/* Owed back: to the left of x, an outline, never like the others. */
	cairo_rectangle(p->cr, MARGIN_X + (back ? x - w : x), p->y + 1.5, w, h - 3.5);
	if (back) {
		cairo_set_line_width(p->cr, 0.8);
		cairo_stroke(p->cr);
	} else {
		cairo_fill(p->cr);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->drawn = true;
}

const struct rep_pdf_writer qp_pdf_writer = {
	.version = QP_VERSION,
	.open = pdf_open,
	.close = pdf_close,
	.page = pdf_page,
	.section = pdf_section,
	.landscape = pdf_landscape,
	.scale = pdf_scale,
	.width = pdf_width,
	.text_width = pdf_text_width,
	.need = pdf_need,
	.space = pdf_space,
	.heading = pdf_heading,
	.para = pdf_para,
	.row = pdf_row,
	.header = pdf_header,
	.fits = pdf_fits,
	.row_wrapped = pdf_row_wrapped,
	.rule = pdf_rule,
	.bar = pdf_bar,
};
