/* list.c: the rows of a list: which items the filter keeps, which one is
 * selected, which ones are on screen. Items are the screen's; the list
 * only holds indexes into them. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"

#include "tui_internal.h"

void tlist_init(struct tlist *l, tlist_match match, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->match = match;
	l->ctx = ctx;
}

void tlist_fini(struct tlist *l)
{
	free(l->idx);
	free(l->filter);
	l->idx = NULL;
	l->filter = NULL;
	l->n = l->n_all = 0;
}

size_t tlist_item(const struct tlist *l)
{
	/* Lists without idx are paged by their screen: rows are items. */
	if (l->sel >= l->n)
		return SIZE_MAX;
	return l->idx ? l->idx[l->sel] : l->sel;
}

void tlist_select_named(struct tlist *l, char **want, const char *(*name)(void *ctx, size_t item))
{
	for (size_t i = 0; *want && i < l->n_all; i++)
		if (strcmp(name(l->ctx, i), *want) == 0)
			tlist_select(l, i);
	free(*want);
	*want = NULL;
}

void tlist_select(struct tlist *l, size_t item)
{
	for (size_t r = 0; r < l->n; r++) {
		if (l->idx[r] == item) {
			l->sel = r;
			return;
		}
	}
}

void tlist_refilter(struct tlist *l)
{
	size_t keep = tlist_item(l);
	if (!array_grow(&l->idx, NULL, l->n_all ? l->n_all : 1, sizeof *l->idx)) {
		l->n = 0;
		return;
	}
	l->n = 0;
	bool all = !l->filter || !*l->filter || !l->match;
	for (size_t i = 0; i < l->n_all; i++)
		if (all || l->match(l->ctx, i, l->filter))
			l->idx[l->n++] = i;
	l->sel = 0;
	if (keep != SIZE_MAX)
		tlist_select(l, keep);
	if (l->top > l->sel)
		l->top = l->sel;
}

void tlist_reset(struct tlist *l, size_t n_all)
{
	size_t keep_row = l->sel;
	l->n_all = n_all;
	size_t keep = tlist_item(l);
	tlist_refilter(l);
	/* The same item when it is still there, else the same row. */
	if (keep == SIZE_MAX || tlist_item(l) != keep)
		l->sel = keep_row < l->n ? keep_row : (l->n ? l->n - 1 : 0);
}

bool tlist_nav(struct tlist *l, enum action a)
{
	size_t page = l->rows > 1 ? (size_t)l->rows - 1 : 1;
	if (l->n == 0)
		return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP ||
		       a == ACT_PAGE_DOWN || a == ACT_FIRST || a == ACT_LAST;
	switch (a) {
	case ACT_UP: if (l->sel > 0) l->sel--; break;
	case ACT_DOWN: if (l->sel + 1 < l->n) l->sel++; break;
	case ACT_PAGE_UP: l->sel = l->sel > page ? l->sel - page : 0; break;
	case ACT_PAGE_DOWN: l->sel = l->sel + page < l->n ? l->sel + page : l->n - 1; break;
	case ACT_FIRST: l->sel = 0; break;
	case ACT_LAST: l->sel = l->n - 1; break;
	default: return false;
	}
	return true;
}

void tlist_scroll(struct tlist *l, int rows)
{
	if (rows < 1)
		rows = 1;
	l->rows = rows;
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	/* No empty rows at the bottom while there are rows above. */
	if (l->n >= (size_t)rows && l->top > l->n - (size_t)rows)
		l->top = l->n - (size_t)rows;
	if (l->n < (size_t)rows)
		l->top = 0;
}

bool tlist_contains(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] &&
		       tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* A row of the list on screen, if it shows. */
static void repaint_row(const struct tlist *l, int y, int n, size_t row,
                        void (*draw_row)(void *ctx, size_t row, int sy), void *ctx)
{
	if (row >= l->top && row < l->top + (size_t)n && row < l->n)
		draw_row(ctx, row, y + (int)(row - l->top));
}

void tlist_repaint(const struct tlist *l, int y, int n, int w, size_t *drawn_top,
                   size_t *drawn_sel, void (*draw_row)(void *ctx, size_t row, int sy),
                   void *ctx)
{
	size_t from = 0, to = 0;   /* the rows drawn anew by the scroll */
	if (l->top != *drawn_top) {
		bool down = l->top > *drawn_top;
		size_t d = down ? l->top - *drawn_top : *drawn_top - l->top;
		from = l->top;
		to = l->top + (size_t)n;
		/* The rows that stay move with the terminal's own scrolling
		 * when the list is as wide as the screen, else by rewriting
		 * their cells; either way only the new rows are formatted. */
		WINDOW *win = d < (size_t)n ? derwin(stdscr, n, w, y, 0) : NULL;
		if (win) {
			scrollok(win, TRUE);
			wscrl(win, down ? (int)d : -(int)d);
			wsyncup(win);
			delwin(win);
			if (down)
				from = to - d;
			else
				to = from + d;
		}
		for (size_t r = from; r < to; r++)
			repaint_row(l, y, n, r, draw_row, ctx);
	}
	if (*drawn_sel != l->sel && (*drawn_sel < from || *drawn_sel >= to))
		repaint_row(l, y, n, *drawn_sel, draw_row, ctx);
	if (l->sel < from || l->sel >= to)
		repaint_row(l, y, n, l->sel, draw_row, ctx);
	*drawn_top = l->top;
	*drawn_sel = l->sel;
}
