/* first_run.c: what the interface shows when there is no database yet:
 * create the practice (its name typed here) or open the demo, a
 * fictitious practice kept in a file of its own so that it never takes
 * the place of the real one. The command line does the choice (it opens
 * the database, then the interface); this screen only asks. */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/i18n.h"
#include "tui_internal.h"

#define NAME_MAX_BYTES 200

static volatile sig_atomic_t first_stop;

static void on_stop(int sig)
{
	first_stop = sig;
}

struct first {
	const char *db_path, *demo_path;
	bool demo_exists;
	bool naming;        /* typing the practice's name */
	char *name;         /* what is typed, never NULL */
	size_t cur;         /* the cursor, in bytes */
	const char *msg;    /* a translated message, or NULL */
};

/* s wrapped at spaces into lines of w columns from row y, the lines after
 * the first indented by hang; the next row. */
static int put_wrapped(int y, int x, int w, int hang, const char *s)
{
	size_t len = strlen(s);
	for (size_t off = 0; off < len && y < LINES - 1; y++) {
		int in = off ? hang : 0;
		size_t cut = text_wrap_at(s + off, w - in);
		char *part = strndup(s + off, cut);
		draw_text(y, x + in, w - in, part ? part : "", false);
		free(part);
		off += cut;
		while (s[off] == ' ')
			off++;
	}
	return y;
}

static void draw(const struct first *f)
{
	erase();
	int w = COLS > 76 ? 72 : COLS - 4, x = (COLS - w) / 2, y = 1;
	attron(A_BOLD);
	y = put_wrapped(y, x, w, 0, _("quotepart: dividing a practice's collective payments, to the cent")) + 1;
	attroff(A_BOLD);
	char *text = str_printf(_("There is no practice in %s yet."), f->db_path);
	y = put_wrapped(y, x, w, 0, text ? text : "") + 1;
	free(text);
	if (f->naming) {
		y = put_wrapped(y, x, w, 0, _("The practice's name, as it will be printed on the documents "
		                           "(for instance Maison de santé des Tilleuls):")) + 1;
		attron(A_REVERSE);
		mvhline(y, x, ' ', w);
		draw_text(y, x + 1, w - 2, f->name, false);
		attroff(A_REVERSE);
		int cx = x + 1 + text_width(f->name);
		curs_set(1);
		move(y, cx < x + w - 1 ? cx : x + w - 1);
		y += 2;
		put_wrapped(y, x, w, 0, _("Enter creates it; Esc goes back."));
	} else {
		curs_set(0);
		y = put_wrapped(y, x, w, 3, _("c  create the practice's database (you type its name)"));
		y = put_wrapped(y, x, w, 3, f->demo_exists ? _("d  open the demo practice again")
		                      : _("d  open a demo practice: a fictitious team with a year of data"));
		y = put_wrapped(y, x, w, 3, _("q  quit")) + 1;
		text = str_printf(_("The demo is kept apart, in %s: your own practice is never mixed with it."),
		                f->demo_path);
		y = put_wrapped(y, x, w, 0, text ? text : "");
		free(text);
	}
	if (f->msg)
		draw_text(LINES - 1, 0, COLS, f->msg, false);
	refresh();
}

/* One key while the name is typed: true when the choice is made. */
static bool name_key(struct first *f, int ch, bool is_key)
{
	f->msg = NULL;
	if (!is_key && ch == 27) {
		f->naming = false;
		return false;
	}
	if ((!is_key && (ch == '\r' || ch == '\n')) || (is_key && ch == KEY_ENTER)) {
		if (*text_trim(f->name))
			return true;
		f->cur = strlen(f->name);
		f->msg = _("Type the practice's name first.");
		return false;
	}
	if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		if (f->cur > 0) {
			size_t from = tui_utf8_prev(f->name, f->cur);
			memmove(f->name + from, f->name + f->cur, strlen(f->name + f->cur) + 1);
			f->cur = from;
		}
		return false;
	}
	if (!is_key && tui_printable(ch) && strlen(f->name) < NAME_MAX_BYTES &&
	    !tui_text_insert(&f->name, &f->cur, ch))
		f->msg = _("Out of memory.");
	return false;
}

static enum tui_first_choice loop(struct first *f)
{
	for (;;) {
		draw(f);
		wint_t wc;
		int r = get_wch(&wc);
		if (first_stop)
			return TUI_FIRST_QUIT;
		if (r == ERR)
			continue;
		bool is_key = r == KEY_CODE_YES;
		int ch = (int)wc;
		if (is_key && ch == KEY_RESIZE)
			continue;
		if (f->naming) {
			if (name_key(f, ch, is_key))
				return TUI_FIRST_CREATE;
			continue;
		}
		if (is_key)
			continue;
		if (ch == 'c' || ch == 'C') {
			f->naming = true;
			f->msg = NULL;
		} else if (ch == 'd' || ch == 'D')
			return TUI_FIRST_DEMO;
		else if (ch == 'q' || ch == 'Q' || ch == 27)
			return TUI_FIRST_QUIT;
		else
			f->msg = _("c creates the practice, d opens the demo, q quits.");
	}
}

enum status tui_first_run(const struct tui_first *in, enum tui_first_choice *choice,
                          char **name, struct err *e)
{
	*choice = TUI_FIRST_QUIT;
	*name = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, ST_USAGE, _("the interface needs a terminal; for scripts use the commands (quotepart --help)"));
	struct first f = { .db_path = in->db_path, .demo_path = in->demo_path,
	                   .demo_exists = in->demo_exists, .name = strdup("") };
	if (!f.name)
		return err_set(e, ST_NOMEM, NULL);
	struct sigaction sa, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	first_stop = 0;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	SCREEN *scr = newterm(NULL, stdout, stdin);
	enum status rc = ST_OK;
	if (!scr)
		rc = err_set(e, ST_IO, _("cannot start the terminal interface (is TERM set right?)"));
	else {
		cbreak();
		noecho();
		nonl();
		keypad(stdscr, TRUE);
		set_escdelay(25);
		timeout(200);
		*choice = loop(&f);
		curs_set(1);
		endwin();
		delscreen(scr);
	}
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (rc == ST_OK && *choice == TUI_FIRST_CREATE) {
		*name = f.name;
		f.name = NULL;
	}
	free(f.name);
	return rc;
}
