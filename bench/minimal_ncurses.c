/* minimal_ncurses.c: the bare reference for the TUI figures of `make bench`:
 * a full screen of list rows drawn once; j/Down moves a highlight the
 * cheapest way ncurses allows (two rows, or a scroll); q quits. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>

/* Draw one list row; the selected one in reverse video. */
static void draw_row(int y, int item, int selected)
{
	if (item == selected)
		attron(A_REVERSE);
	mvprintw(y, 0, "  P%07d  M%05d  2019-04-02  %-10s  row %d", item + 1, item % 40 + 1,
	         item % 2 ? "F" : "M", item + 1);
	clrtoeol();
	if (item == selected)
		attroff(A_REVERSE);
}

static void draw_all(int top, int selected, int rows)
{
	for (int y = 0; y < rows; y++)
		draw_row(1 + y, top + y, selected);
}

int main(void)
{
	setlocale(LC_ALL, "");
	if (!initscr())
		return 1;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	int rows = LINES - 2, top = 0, selected = 0;
	attron(A_BOLD);
	mvprintw(0, 0, "minimal ncurses reference — patients");
	attroff(A_BOLD);
	draw_all(top, selected, rows);
	mvprintw(LINES - 1, 0, "j down  q quit");
	refresh();
	for (;;) {
		int ch = getch();
		if (ch == 'q' || ch == ERR)
			break;
		if (ch != 'j' && ch != KEY_DOWN)
			continue;
		int old = selected++;
		if (selected - top >= rows) {
			/* Past the bottom: scroll by a page, redraw every row. */
			top += rows;
			draw_all(top, selected, rows);
		} else {
			draw_row(1 + old - top, old, selected);
			draw_row(1 + selected - top, selected, selected);
		}
		refresh();
	}
	endwin();
	return 0;
}
