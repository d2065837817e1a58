/* table.c: tables measured for the PDF, so that no figure and no code is
 * ever cut: each column's natural width is measured with the fonts that
 * draw it, then the table is fitted to the page by wrapping its one
 * column of names, shrinking the font down to a floor, turning the page
 * to landscape, and past that by splitting its middle columns into
 * chunks, each drawn with the leading and trailing columns repeated. */
#include <string.h>

#include "report_internal.h"

/* The space between two columns at scale 1, in points. */
#define GAP 8.0
/* The narrowest a wrapped column gets at scale 1, when its text is wider. */
#define MIN_WRAP 60.0
/* Widths measured are multiplied by this at another scale: glyph metrics
 * scale with the font, hinting aside. */
#define SLACK 1.02

static const double scales[] = { 1.0, 0.9, REP_TABLE_FLOOR };

void rep_table_init(struct rep_table *t, size_t n, size_t lead, size_t trail, size_t wrap,
                    const bool *right)
{
	memset(t, 0, sizeof *t);
	t->n = n > REP_TABLE_MAX ? REP_TABLE_MAX : n;
	t->lead = lead;
	t->trail = trail;
	t->wrap = wrap;
	for (size_t i = 0; i < t->n; i++)
		t->right[i] = right[i];
	t->scale = 1;
}

void rep_table_measure(struct pdf *p, struct rep_table *t, enum pdf_style st,
                       const char *const *cells)
{
	pdf_scale(p, 1);
	for (size_t i = 0; i < t->n; i++) {
		if (!cells[i])
			continue;
		double w = pdf_text_width(p, st, cells[i]);
		if (w > t->nat[i])
			t->nat[i] = w;
	}
}

/* The width the columns [lead, first..end, trail] need at scale s, the
 * wrapped column at its narrowest. */
static double need(const struct rep_table *t, double s, size_t first, size_t end)
{
	double w = 0;
	size_t cols = 0;
	for (size_t i = 0; i < t->n; i++) {
		bool body = i >= t->lead && i + t->trail < t->n;
		if (body && (i < first || i >= end))
			continue;
		double nat = t->nat[i] * s * SLACK;
		if (i == t->wrap && nat > MIN_WRAP * s)
			nat = MIN_WRAP * s;
		w += nat;
		cols++;
	}
	return w + (cols ? cols - 1 : 0) * GAP * s;
}

/* Chunks of the body columns that fit `width` at scale s, greedily. */
static void chunk(struct rep_table *t, double s, double width)
{
	size_t first = t->lead, last = t->n - t->trail;
	t->n_chunks = 0;
	while (first < last && t->n_chunks < REP_TABLE_MAX) {
		size_t end = first + 1;
		while (end < last && need(t, s, first, end + 1) <= width)
			end++;
		t->first[t->n_chunks] = first;
		t->end[t->n_chunks] = end;
		t->n_chunks++;
		first = end;
	}
	if (!t->n_chunks) {
		t->first[0] = t->end[0] = first;
		t->n_chunks = 1;
	}
}

void rep_table_plan(struct pdf *p, struct rep_table *t, bool turn)
{
	bool land = false;
	double width = pdf_width(p);
	size_t body_end = t->n - t->trail;
	for (int o = 0; o < (turn ? 2 : 1); o++) {
		if (o == 1) {
			pdf_landscape(p, true);
			land = true;
			width = pdf_width(p);
		}
		for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
			if (need(t, scales[k], t->lead, body_end) <= width) {
				t->scale = scales[k];
				t->landscape = land;
				chunk(t, t->scale, width);
				return;
			}
		}
	}
	t->scale = REP_TABLE_FLOOR;
	t->landscape = land;
	chunk(t, t->scale, width);
}

size_t rep_table_cols(struct pdf *p, const struct rep_table *t, size_t k, struct pdf_col *cols,
                      size_t *idx)
{
	double s = t->scale, width = pdf_width(p), fixed = 0;
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		bool body = i >= t->lead && i + t->trail < t->n;
		if (body && (i < t->first[k] || i >= t->end[k]))
			continue;
		idx[n] = i;
		cols[n].w = t->nat[i] * s * SLACK;
		cols[n].right = t->right[i];
		if (i != t->wrap)
			fixed += cols[n].w;
		n++;
	}
	/* The wrapped column takes what is left, up to its natural width. */
	double room = width - fixed - (n ? n - 1 : 0) * GAP * s;
	double x = 0;
	for (size_t j = 0; j < n; j++) {
		if (idx[j] == t->wrap && cols[j].w > room)
			cols[j].w = room > MIN_WRAP * s ? room : MIN_WRAP * s;
		cols[j].x = x;
		x += cols[j].w + GAP * s;
	}
	return n;
}

void rep_table_row(struct pdf *p, const struct rep_table *t, size_t k, enum pdf_style st,
                   const char *const *cells, bool header)
{
	struct pdf_col cols[REP_TABLE_MAX];
	size_t idx[REP_TABLE_MAX];
	const char *c[REP_TABLE_MAX];
	size_t n = rep_table_cols(p, t, k, cols, idx);
	for (size_t j = 0; j < n; j++)
		c[j] = cells[idx[j]];
	pdf_scale(p, t->scale);
	if (header)
		pdf_header(p, st, cols, c, n);
	else
		pdf_row(p, st, cols, c, n);
	pdf_scale(p, 1);
}
