/* view.c: a full-screen scrollable text over the current screen: the ?
 * help, a key file's text, a statement, a line explained. Lines wider
 * than the terminal are wrapped, never cut. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

void view_free(struct view *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v->rows);
	free(v->title);
	free(v);
}

void tui_view_text(struct tui *t, const char *title, const char *text)
{
	struct view *v = calloc(1, sizeof *v);
	if (!v)
		return;
	v->title = strdup(title);
	size_t cap = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		if (!array_grow(&v->lines, &cap, v->n + 1, sizeof *v->lines))
			break;
		v->lines[v->n] = strndup(p, n);
		if (v->lines[v->n])
			v->n++;
		p += n;
		if (*p == '\n')
			p++;
	}
	view_free(t->view);
	t->view = v;
}

static int view_rows(void)
{
	return LINES - 3;
}

/* Where a continued line of s starts, in columns: under the text after
 * its first gap of two spaces or more (a help line's description, a
 * label's value) when that is in the left half, else two more than its
 * own indent. */
static int hang_of(const char *s, int width)
{
	size_t lead = strspn(s, " ");
	const char *gap = strstr(s + lead, "  ");
	if (gap) {
		size_t text = (size_t)(gap - s) + strspn(gap, " ");
		char *head = strndup(s, text);
		int cols = head ? text_width(head) : width;
		free(head);
		if (s[text] && cols <= width / 2)
			return cols;
	}
	int hang = (int)lead + 2;
	return hang > width / 2 ? width / 2 : hang;
}

/* v's rows for lines of `width` columns: each line cut with
 * text_wrap_at, its continuations indented two more than it. The first
 * line shown stays the one that was at the top. */
static void wrap_rows(struct view *v, int width)
{
	size_t top_line = v->top < v->nrows ? v->rows[v->top].line : 0;
	size_t cap = 0, n = 0;
	struct view_row *rows = NULL;
	for (size_t l = 0; l < v->n; l++) {
		const char *s = v->lines[l];
		int hang = hang_of(s, width);
		size_t off = 0, len = strlen(s);
		do {
			int indent = off ? hang : 0;
			size_t cut = text_wrap_at(s + off, width - indent);
			if (!array_grow(&rows, &cap, n + 1, sizeof *rows)) {
				free(rows);
				return;
			}
			rows[n++] = (struct view_row){ l, off, cut, indent };
			off += cut;
			while (s[off] == ' ' && off > 0)
				off++;
		} while (off < len);
	}
	free(v->rows);
	v->rows = rows;
	v->nrows = n;
	v->width = width;
	v->top = 0;
	while (v->top + 1 < n && rows[v->top].line < top_line)
		v->top++;
}

void view_draw(struct tui *t, struct view *v)
{
	int rows = view_rows();
	if (v->width != COLS - 2)
		wrap_rows(v, COLS - 2 > 1 ? COLS - 2 : 1);
	if (v->nrows > (size_t)rows && v->top > v->nrows - (size_t)rows)
		v->top = v->nrows - (size_t)rows;
	if (v->nrows <= (size_t)rows)
		v->top = 0;
	erase();
	draw_attr(t, C_TITLE, true);
	draw_fmt(0, 0, COLS, false, " %s", v->title);
	draw_attr(t, C_TITLE, false);
	for (int r = 0; r < rows && v->top + (size_t)r < v->nrows; r++) {
		const struct view_row *w = &v->rows[v->top + (size_t)r];
		char *part = strndup(v->lines[w->line] + w->off, w->len);
		draw_text(1 + r, 1 + w->indent, COLS - 2 - w->indent, part ? part : "", false);
		free(part);
	}
	draw_attr(t, C_DIM, true);
	draw_fmt(LINES - 2, 0, COLS, true, "%zu-%zu / %zu ",
	         v->nrows ? v->top + 1 : 0,
	         v->top + (size_t)rows < v->nrows ? v->top + (size_t)rows : v->nrows, v->nrows);
	draw_attr(t, C_DIM, false);
	static const enum action bindings[] = { ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_BACK, ACT_NONE };
	tui_draw_status(t, bindings, false);
}

unsigned view_input(struct tui *t, int ch)
{
	struct view *v = t->view;
	size_t page = (size_t)(view_rows() > 1 ? view_rows() - 1 : 1);
	switch (tui_action_for(ch, NULL)) {
	case ACT_UP: if (v->top) v->top--; break;
	case ACT_DOWN: if (v->top + 1 < v->nrows) v->top++; break;
	case ACT_PAGE_UP: v->top = v->top > page ? v->top - page : 0; break;
	case ACT_PAGE_DOWN: v->top = v->top + page < v->nrows ? v->top + page : v->nrows ? v->nrows - 1 : 0; break;
	case ACT_FIRST: v->top = 0; break;
	case ACT_LAST: v->top = v->nrows ? v->nrows - 1 : 0; break;
	case ACT_BACK: case ACT_QUIT: case ACT_OPEN: case ACT_HELP:
		view_free(t->view);
		t->view = NULL;
		break;
	default:
		return R_NONE;
	}
	return R_REDRAW;
}
