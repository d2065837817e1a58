/* actions.c: the one action table (id, bindings, label, help) and what is
 * built from it: the binding lookup, the status bar and the ? screen. */
#include <stdlib.h>
#include <string.h>

#include "quotepart/i18n.h"
#include "tui_internal.h"

#define TUI_ACTION_ROW(id, shown, label, help, c1, c2, c3) \
	[ACT_##id] = { shown, label, help, { c1, c2, c3 } },
const struct action_def tui_actions[ACT__COUNT] = {
	[ACT_NONE] = { "", NULL, NULL, { 0, 0, 0 } },
	TUI_ACTIONS(TUI_ACTION_ROW)
};
#undef TUI_ACTION_ROW

/* What every screen has, in the order of the ? screen. */
static const enum action global_actions[] = {
	ACT_QUIT, ACT_HELP, ACT_NEXT_SCREEN, ACT_PREV_SCREEN,
	ACT_SCREEN1, ACT_SCREEN2, ACT_SCREEN3, ACT_SCREEN4, ACT_SCREEN5,
	ACT_SCREEN6, ACT_SCREEN7, ACT_SCREEN8, ACT_SCREEN9, ACT_SCREEN10,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST,
	ACT_OPEN, ACT_BACK, ACT_FILTER, ACT_RELOAD, ACT_NONE
};

bool tui_action_global(enum action a)
{
	for (const enum action *p = global_actions; *p != ACT_NONE; p++)
		if (*p == a)
			return true;
	return false;
}

static bool action_bound_to(enum action a, int ch)
{
	for (int i = 0; i < 3; i++)
		if (tui_actions[a].codes[i] && tui_actions[a].codes[i] == ch)
			return true;
	return false;
}

enum action tui_action_for(int ch, const enum action *local)
{
	for (const enum action *p = local; p && *p != ACT_NONE; p++)
		if (action_bound_to(*p, ch))
			return *p;
	for (const enum action *p = global_actions; *p != ACT_NONE; p++)
		if (action_bound_to(*p, ch))
			return *p;
	return ACT_NONE;
}

/* ---- status bar ---- */

/* Append "binding label" when it fits before column `limit`; false when full. */
static bool status_item(struct tui *t, int *x, int limit, const char *shown, const char *label)
{
	int ws = text_width(shown), wl = text_width(label);
	if (*x + ws + 1 + wl > limit)
		return false;
	draw_attr(t, C_BINDING, true);
	attron(A_BOLD);
	draw_text(LINES - 1, *x, ws, shown, false);
	attroff(A_BOLD);
	draw_attr(t, C_BINDING, false);
	draw_text(LINES - 1, *x + ws + 1, wl, label, false);
	*x += ws + 1 + wl + 2;
	return true;
}

static int item_width(const char *shown, const char *label)
{
	return text_width(shown) + 1 + text_width(label) + 2;
}

/* First binding only, so that the bar stays short: "j" for "↓ j" is the
 * arrow; people read the rest on the ? screen. */
static void first_binding(const char *shown, char *buf, size_t size)
{
	size_t n = strcspn(shown, " ");
	if (n >= size)
		n = size - 1;
	memcpy(buf, shown, n);
	buf[n] = '\0';
}

/* Whether the bar shows a: undo and redo only when the screen has
 * something to undo (or to say why not) or to redo. */
static bool status_shows(struct tui *t, enum action a)
{
	if (a == ACT_UNDO)
		return app_can_undo(t->app, tui_undo_kinds(t->cur));
	if (a == ACT_REDO)
		return app_can_redo(t->app, tui_undo_kinds(t->cur));
	return true;
}

/* The screen's bindings first; "? help" and "q quit" always find room at the
 * end; "/ filter" and "Tab screens" when there is some left. */
void tui_draw_status(struct tui *t, const enum action *local, bool has_list)
{
	move(LINES - 1, 0);
	clrtoeol();
	const char *help = _(tui_actions[ACT_HELP].label), *quit = _(tui_actions[ACT_QUIT].label);
	int reserve = item_width("?", help) + item_width("q", quit);
	int x = 0;
	char first[32];
	bool room = true;
	for (const enum action *p = local; room && p && *p != ACT_NONE; p++) {
		if (!status_shows(t, *p))
			continue;
		first_binding(tui_actions[*p].shown, first, sizeof first);
		room = status_item(t, &x, COLS - reserve, first, _(tui_actions[*p].label));
	}
	if (room && has_list)
		room = status_item(t, &x, COLS - reserve, "/", _(tui_actions[ACT_FILTER].label));
	status_item(t, &x, COLS, "?", help);
	status_item(t, &x, COLS, "q", quit);
	if (room)
		status_item(t, &x, COLS, "Tab", _("screens"));
}

/* ---- the ? screen ---- */

static void help_line(struct sbuf *b, enum action a)
{
	const struct action_def *d = &tui_actions[a];
	char *shown = text_pad(d->shown, 10, false);
	if (a >= ACT_SCREEN1 && a <= ACT_SCREEN10) {
		const struct screen_ops *s = tui_screen((enum screen_id)(a - ACT_SCREEN1));
		sb_printf(b, "  %s  ", shown ? shown : d->shown);
		sb_printf(b, _("%s: %s"), _("Go to the screen"), _(s->name));
		sb_add(b, "\n");
	} else {
		sb_printf(b, "  %s  %s\n", shown ? shown : d->shown, _(d->help));
	}
	free(shown);
}

/* A screen's own bindings, in every mode it has. */
static void help_screen(struct sbuf *b, enum screen_id id)
{
	const struct screen_ops *s = tui_screen(id);
	const enum action *local = s->bindings;
	sb_printf(b, "\n%s (%d)\n", _(s->name), tui_screen_digit(id));
	bool any = false;
	for (const enum action *p = local; p && *p != ACT_NONE; p++) {
		help_line(b, *p);
		any = true;
	}
	if (!any)
		sb_printf(b, "  %s\n", _("(only the keys above)"));
}

void tui_help(struct tui *t)
{
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, "%s\n", _("Every screen"));
	for (const enum action *p = global_actions; *p != ACT_NONE; p++)
		help_line(&b, *p);
	help_screen(&b, t->cur);
	for (int i = 0; i < SCR__COUNT; i++)
		if (i != (int)t->cur)
			help_screen(&b, (enum screen_id)i);
	sb_printf(&b, "\n%s\n", _("In a form: Tab or ↓ next field, ↑ previous, ← → change a choice, "
	                          "Enter next field and on the last one save, Esc cancel."));
	sb_printf(&b, "%s\n", _("Nothing is shown by colour alone: a selected line is in reverse video, an error says \"Error\"."));
	char *text = sb_take(&b);
	tui_view_text(t, _("Keyboard keys"), text ? text : "");
	free(text);
}

/* ---- the same list for the man page ---- */

static void bindings_group(struct sbuf *out, const char *title, const enum action *list)
{
	sb_printf(out, "[%s]\n", title);
	for (const enum action *p = list; p && *p != ACT_NONE; p++) {
		const struct action_def *d = &tui_actions[*p];
		if (*p >= ACT_SCREEN1 && *p <= ACT_SCREEN10)
			sb_printf(out, "%s\tGo to the screen: %s\n", d->shown,
			          tui_screen((enum screen_id)(*p - ACT_SCREEN1))->name);
		else
			sb_printf(out, "%s\t%s\n", d->shown, d->help);
	}
}

void tui_bindings_write(struct sbuf *out)
{
	bindings_group(out, "Every screen", global_actions);
	for (int i = 0; i < SCR__COUNT; i++)
		bindings_group(out, tui_screen((enum screen_id)i)->name, tui_screen((enum screen_id)i)->bindings);
}
