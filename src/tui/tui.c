/* tui.c: the terminal interface's entry point: a home screen with the
 * practice and its counts. The screens of every job grow from here. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/i18n.h"
#include "quotepart/tui.h"

enum status tui_run(struct app *a, const struct tui_options *opt, struct err *e)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, ST_USAGE, _("the interface needs a terminal; for scripts use the commands (quotepart --help)"));
	(void)opt;
	if (!initscr())
		return err_set(e, ST_IO, _("cannot start the terminal interface"));
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	char *name = app_practice_name(a);
	static const char *const tables[] = { "members", "posts", "patients", "receipts", "activities", "distributions" };
	for (;;) {
		erase();
		mvprintw(0, 0, "quotepart — %s", name ? name : "");
		for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
			int64_t n = 0;
			db_count(app_db(a), tables[i], &n, NULL);
			mvprintw(2 + (int)i, 2, "%-14s %lld", _(tables[i]), (long long)n);
		}
		mvprintw(LINES - 1, 0, "%s", _("q quit"));
		refresh();
		int ch = getch();
		if (ch == 'q' || ch == 'Q')
			break;
	}
	free(name);
	endwin();
	return ST_OK;
}
