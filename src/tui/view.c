/* view.c: a full-screen scrollable text over the current screen: the ?
 * help and a key file's text. */
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

void view_draw(struct tui *t, struct view *v)
{
	int rows = view_rows();
	if (v->n > (size_t)rows && v->top > v->n - (size_t)rows)
		v->top = v->n - (size_t)rows;
	if (v->n <= (size_t)rows)
		v->top = 0;
	erase();
	draw_attr(t, C_TITLE, true);
	draw_fmt(0, 0, COLS, false, " %s", v->title);
	draw_attr(t, C_TITLE, false);
	for (int r = 0; r < rows && v->top + (size_t)r < v->n; r++)
		draw_text(1 + r, 1, COLS - 2, v->lines[v->top + (size_t)r], false);
	draw_attr(t, C_DIM, true);
	draw_fmt(LINES - 2, 0, COLS, true, "%zu-%zu / %zu ",
	         v->n ? v->top + 1 : 0,
	         v->top + (size_t)rows < v->n ? v->top + (size_t)rows : v->n, v->n);
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
	case ACT_DOWN: if (v->top + 1 < v->n) v->top++; break;
	case ACT_PAGE_UP: v->top = v->top > page ? v->top - page : 0; break;
	case ACT_PAGE_DOWN: v->top = v->top + page < v->n ? v->top + page : v->n ? v->n - 1 : 0; break;
	case ACT_FIRST: v->top = 0; break;
	case ACT_LAST: v->top = v->n ? v->n - 1 : 0; break;
	case ACT_BACK: case ACT_QUIT: case ACT_OPEN: case ACT_HELP:
		view_free(t->view);
		t->view = NULL;
		break;
	default:
		return R_NONE;
	}
	return R_REDRAW;
}
