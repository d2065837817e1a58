/* pdf.c: a small page writer for the PDF reports: A4 pages, text laid out
 * by pango (real fonts: accents and the euro sign), rows of columns, rules
 * and bars drawn by cairo, a footer with the page number. The document is
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

#include "quotepart/i18n.h"

#include "writers.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 50.0
#define MARGIN_TOP 50.0
#define MARGIN_BOTTOM 60.0

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	/* A font map of our own, released with the document, rather than
	 * pango's default that lives as long as the thread. */
	PangoFontMap *fontmap;
	PangoContext *context;
	PangoLayout *layout;
	PangoFontDescription *fonts[PDF_TITLE + 1];
	struct sbuf *out;
	char *footer;
	double y;
	int page;
};

static const char *const font_names[PDF_TITLE + 1] = {
	[PDF_BODY] = "Sans 9",
	[PDF_BOLD] = "Sans Bold 9",
	[PDF_SMALL] = "Sans 7.5",
	[PDF_HEAD] = "Sans Bold 11",
	[PDF_TITLE] = "Sans Bold 15",
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

static void set_style(struct pdf *p, enum pdf_style st)
{
	pango_layout_set_font_description(p->layout, p->fonts[st]);
}

/* Height of one line of a style. */
static double line_height(struct pdf *p, enum pdf_style st)
{
	set_style(p, st);
	pango_layout_set_width(p->layout, -1);
	pango_layout_set_text(p->layout, "Ég", -1);
	int w, h;
	pango_layout_get_pixel_size(p->layout, &w, &h);
	return h + 1.5;
}

static void draw_footer(struct pdf *p)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("%s · page %d"), p->footer ? p->footer : "", p->page);
	set_style(p, PDF_SMALL);
	pango_layout_set_width(p->layout, (int)((PAGE_W - 2 * MARGIN_X) * PANGO_SCALE));
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_CENTER);
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_MIDDLE);
	pango_layout_set_text(p->layout, b.s ? b.s : "", -1);
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_move_to(p->cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 25);
	pango_cairo_show_layout(p->cr, p->layout);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_NONE);
	sb_fini(&b);
}

static struct pdf *pdf_open(struct sbuf *out, const char *title, const char *footer)
{
	struct pdf *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->out = out;
	p->footer = strdup(footer ? footer : "");
	p->surface = cairo_pdf_surface_create_for_stream(write_cb, out, PAGE_W, PAGE_H);
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
	p->cr = cairo_create(p->surface);
	p->fontmap = pango_cairo_font_map_new();
	p->context = pango_font_map_create_context(p->fontmap);
	pango_cairo_update_context(p->cr, p->context);
	/* Font sizes in points, cairo's unit on a PDF surface. */
	pango_cairo_context_set_resolution(p->context, 72);
	p->layout = pango_layout_new(p->context);
	for (int i = 0; i <= PDF_TITLE; i++)
		p->fonts[i] = pango_font_description_from_string(font_names[i]);
	p->y = MARGIN_TOP;
	p->page = 1;
	return p;
}

static enum status pdf_close(struct pdf *p, struct err *e)
{
	if (!p)
		return err_set(e, ST_NOMEM, NULL);
	draw_footer(p);
	cairo_show_page(p->cr);
	for (int i = 0; i <= PDF_TITLE; i++)
		pango_font_description_free(p->fonts[i]);
	g_object_unref(p->layout);
	g_object_unref(p->context);
	g_object_unref(p->fontmap);
	cairo_status_t cs = cairo_status(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	bool failed = p->out->failed;
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
	draw_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN_TOP;
}

static double pdf_width(const struct pdf *p)
{
	(void)p;
	return PAGE_W - 2 * MARGIN_X;
}

static void pdf_need(struct pdf *p, double height)
{
	if (p->y > MARGIN_TOP && p->y + height > PAGE_H - MARGIN_BOTTOM)
		pdf_page(p);
}

static void pdf_space(struct pdf *p, double height)
{
	p->y += height;
}

static void pdf_para(struct pdf *p, enum pdf_style st, const char *text)
{
	set_style(p, st);
	pango_layout_set_width(p->layout, (int)(pdf_width(p) * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(p->layout, text ? text : "", -1);
	int w, h;
	pango_layout_get_pixel_size(p->layout, &w, &h);
	pdf_need(p, h);
	cairo_move_to(p->cr, MARGIN_X, p->y);
	pango_cairo_show_layout(p->cr, p->layout);
	p->y += h + 2;
}

static void pdf_row(struct pdf *p, enum pdf_style st, const struct pdf_col *cols,
                    const char *const *cells, size_t n)
{
	double h = line_height(p, st);
	pdf_need(p, h);
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_END);
	for (size_t i = 0; i < n; i++) {
		if (!cells[i])
			continue;
		pango_layout_set_width(p->layout, (int)(cols[i].w * PANGO_SCALE));
		pango_layout_set_alignment(p->layout, cols[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pango_layout_set_text(p->layout, cells[i], -1);
		cairo_move_to(p->cr, MARGIN_X + cols[i].x, p->y);
		pango_cairo_show_layout(p->cr, p->layout);
	}
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	p->y += h;
}

static bool pdf_fits(struct pdf *p, enum pdf_style st, const char *text, double width)
{
	set_style(p, st);
	pango_layout_set_width(p->layout, -1);
	pango_layout_set_text(p->layout, text ? text : "", -1);
	int w, h;
	pango_layout_get_pixel_size(p->layout, &w, &h);
	return w <= width;
}

static void pdf_row_wrapped(struct pdf *p, enum pdf_style st, const struct pdf_col *col,
                            const char *text)
{
	set_style(p, st);
	pango_layout_set_width(p->layout, (int)(col->w * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(p->layout, text ? text : "", -1);
	int w, h;
	pango_layout_get_pixel_size(p->layout, &w, &h);
	pdf_need(p, h);
	cairo_move_to(p->cr, MARGIN_X + col->x, p->y);
	pango_cairo_show_layout(p->cr, p->layout);
	p->y += h + 1;
}

static void pdf_rule(struct pdf *p)
{
	pdf_need(p, 6);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, p->y + 2.5);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, p->y + 2.5);
	cairo_stroke(p->cr);
	p->y += 6;
}

static void pdf_bar(struct pdf *p, double x, double max_w, int64_t num, int64_t den,
                    double grey)
{
	double h = line_height(p, PDF_BODY);
	pdf_need(p, h);
	bool owed = num < 0;
	if (owed)
		num = num == INT64_MIN ? INT64_MAX : -num;
	if (den <= 0 || num <= 0)
		return;
	if (num > den)
		num = den;
	/* The ratio is for drawing only: the amounts stay integers. */
	double w = max_w * (double)num / (double)den;
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	/* Owed back: from the far end towards x, an outline, not a fill. */
	cairo_rectangle(p->cr, MARGIN_X + x + (owed ? max_w - w : 0), p->y + 1.5, w, h - 3.5);
	if (owed) {
		cairo_set_line_width(p->cr, 0.8);
		cairo_stroke(p->cr);
	} else {
		cairo_fill(p->cr);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

const struct rep_pdf_writer qp_pdf_writer = {
	.version = QP_VERSION,
	.open = pdf_open,
	.close = pdf_close,
	.page = pdf_page,
	.width = pdf_width,
	.need = pdf_need,
	.space = pdf_space,
	.para = pdf_para,
	.row = pdf_row,
	.fits = pdf_fits,
	.row_wrapped = pdf_row_wrapped,
	.rule = pdf_rule,
	.bar = pdf_bar,
};
