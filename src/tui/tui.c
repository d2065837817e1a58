/* tui.c: the terminal interface's frame: starting and restoring the
 * terminal, the main loop (input, resize, reloads when the database moves)
 * and the layout shared by every screen: title, tabs, body, message line,
 * status bar. Handlers return a reaction; only this loop draws. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "tui_internal.h"

#define MIN_COLS 80
#define MIN_LINES 24
#define TICK_MS 250          /* how long an input is waited for */
#define POLL_MS 1000         /* how often the database is looked at */
#define BLIND_MS 500         /* a save this long: what is typed meanwhile is dropped */

static const struct screen_ops *const screens[SCR__COUNT] = {
	[SCR_HOME] = &scr_home,
	[SCR_MEMBERS] = &scr_members,
	[SCR_POSTS] = &scr_posts,
	[SCR_PATIENTS] = &scr_patients,
	[SCR_RECEIPTS] = &scr_receipts,
	[SCR_ACTIVITIES] = &scr_activities,
	[SCR_KEYS] = &scr_keys,
	[SCR_DISTS] = &scr_dists,
	[SCR_STATEMENTS] = &scr_statements,
	[SCR_FORECAST] = &scr_forecast,
};

int tui_screen_digit(enum screen_id id)
{
	return ((int)id + 1) % 10;
}

/* Set by SIGINT, SIGTERM, SIGHUP; the loop sees it within a tick: ^C
 * is q (asking first when work would be lost), the others end the
 * session the normal way, keeping what was not saved in a file, and the
 * terminal is restored by endwin, not in a handler. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

/* A last resort for any exit() while curses is up. */
static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

const struct screen_ops *tui_screen(enum screen_id id)
{
	return screens[id];
}

void *tui_state(struct tui *t, enum screen_id id)
{
	return t->st[id];
}

const enum action *tui_screen_actions(const struct screen_ops *s, void *st)
{
	return s->actions ? s->actions(st) : s->bindings;
}

struct tlist *tui_screen_list(const struct screen_ops *s, void *st)
{
	return s->list ? s->list(st) : (struct tlist *)((char *)st + s->list_at);
}

void *tui_state_new(enum screen_id id)
{
	const struct screen_ops *s = screens[id];
	void *st = calloc(1, s->state_size);
	if (!st)
		return NULL;
	tlist_init((struct tlist *)((char *)st + s->list_at), s->match, st);
	if (s->init)
		s->init(st);
	return st;
}

void tui_state_free(enum screen_id id, void *st)
{
	if (!st)
		return;
	if (screens[id]->fini)
		screens[id]->fini(st);
	tlist_fini((struct tlist *)((char *)st + screens[id]->list_at));
	free(st);
}

void tui_goto(struct tui *t, enum screen_id id)
{
	t->cur = id;
	t->filtering = false;
}

void tui_stale_all(struct tui *t)
{
	for (int i = 0; i < SCR__COUNT; i++)
		t->stale[i] = true;
}

void tui_msg(struct tui *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = str_vprintf(fmt, ap);
	va_end(ap);
	free(t->msg);
	t->msg = s;
	t->msg_error = false;
}

void tui_error(struct tui *t, const struct err *e)
{
	tui_msg(t, "%s %s", _("Error:"), err_text(e));
	t->msg_error = true;
}

/* ---- layout ---- */

static bool too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

static void draw_too_small(struct tui *t)
{
	erase();
	char need[64], have[64];
	snprintf(need, sizeof need, "%dx%d", MIN_COLS, MIN_LINES);
	snprintf(have, sizeof have, "%dx%d", COLS, LINES);
	int w = COLS > 2 ? COLS - 2 : COLS;
	int y = LINES / 2 - 2 > 0 ? LINES / 2 - 2 : 0;
	attron(A_BOLD);
	draw_wrap(y, 1, w, 2, _("Terminal too small"));
	attroff(A_BOLD);
	struct sbuf b;
	sb_init(&b);
	sb_printf(&b, _("quotepart needs at least %s; this one is %s. Enlarge the window, or press q to quit."), need, have);
	/* Quitting asks the same question at any size. */
	if (t->quit_dlg)
		sb_printf(&b, "\n%s\n%s", t->quit_dlg->text, _("y: quit anyway · any other key: stay"));
	char *s = sb_take(&b);
	draw_wrap(y + 1, 1, w, LINES - y - 1, s ? s : "");
	free(s);
}

static void draw_title(struct tui *t)
{
	char today[DATE_BUFSZ];
	draw_attr(t, C_TITLE, true);
	mvhline(0, 0, ' ', COLS);
	int right = 12;
	/* A file this user may not write stays marked as such. */
	draw_fmt(0, 0, COLS - right, false, " quotepart · %s%s", t->practice ? t->practice : "",
	         app_readonly(t->app) ? _(" · read-only") : "");
	draw_text(0, COLS - right, right - 1, fmt_date(t->today, today), true);
	draw_attr(t, C_TITLE, false);
}

/* "1 Home  2 Members ...": the current one in reverse video and between
 * brackets. Names are never cut: when they do not all fit, the bar shows
 * the run of whole tabs around the current one, with ‹ or › where more
 * are on that side (the digits still reach every screen). */
static char *tab_text(struct tui *t, int i)
{
	return str_printf(i == (int)t->cur ? "[%d %s]" : " %d %s ", tui_screen_digit((enum screen_id)i),
	                  _(screens[i]->name));
}

static void draw_tabs(struct tui *t)
{
	/* Each tab's text made once per frame: measured, then drawn. */
	char *text[SCR__COUNT];
	int w[SCR__COUNT], total = 0;
	for (int i = 0; i < SCR__COUNT; i++) {
		text[i] = tab_text(t, i);
		w[i] = text[i] ? text_width(text[i]) : 0;
		total += w[i];
	}
	int first = 0, last = SCR__COUNT - 1;
	if (total > COLS) {
		/* Grow a window from the current tab, right first, keeping a
		 * column on each side for the markers. */
		int room = COLS - 2, used = w[t->cur];
		first = last = (int)t->cur;
		for (bool grew = true; grew;) {
			grew = false;
			if (last + 1 < SCR__COUNT && used + w[last + 1] <= room) {
				used += w[++last];
				grew = true;
			}
			if (first > 0 && used + w[first - 1] <= room) {
				used += w[--first];
				grew = true;
			}
		}
	}
	move(1, 0);
	clrtoeol();
	int x = 0;
	if (total > COLS)
		draw_text(1, x++, 1, first > 0 ? "‹" : "", false);
	for (int i = first; i <= last; i++) {
		bool cur = i == (int)t->cur;
		if (cur)
			draw_select(t, true);
		draw_text(1, x, w[i], text[i] ? text[i] : "", false);
		if (cur)
			draw_select(t, false);
		x += w[i];
	}
	if (total > COLS && last < SCR__COUNT - 1)
		draw_text(1, COLS - 1, 1, "›", false);
	for (int i = 0; i < SCR__COUNT; i++)
		free(text[i]);
}

/* The message line; a long message (a refusal that says why) takes up to
 * two more lines above it, over the bottom of the body, rather than be
 * cut. */
static void draw_message(struct tui *t)
{
	move(LINES - 2, 0);
	clrtoeol();
	if (!t->msg)
		return;
	int n = draw_wrap(-1, 0, COLS, 3, t->msg);
	if (n < 1)
		n = 1;
	int y = LINES - 1 - n;
	draw_clear(y, 0, n, COLS);
	if (t->msg_error)
		draw_attr(t, C_ERROR, true);
	if (n == 1)
		draw_text(y, 0, COLS, t->msg, false);
	else
		draw_wrap(y, 0, COLS, n, t->msg);
	if (t->msg_error)
		draw_attr(t, C_ERROR, false);
}

static void draw_filter_line(struct tui *t, struct tlist *l)
{
	move(LINES - 1, 0);
	clrtoeol();
	draw_attr(t, C_BINDING, true);
	draw_text(LINES - 1, 0, 8, _("Filter:"), false);
	draw_attr(t, C_BINDING, false);
	const char *f = l && l->filter ? l->filter : "";
	int w = text_width(f);
	draw_text(LINES - 1, 8, COLS - 8, f, false);
	draw_attr(t, C_DIM, true);
	draw_text(LINES - 1, 8 + w + 2 < COLS ? 8 + w + 2 : COLS - 1, COLS - 8 - w - 2,
	          _("Enter keeps it · Esc clears it"), false);
	draw_attr(t, C_DIM, false);
	curs_set(1);
	move(LINES - 1, 8 + w < COLS ? 8 + w : COLS - 1);
}

static void draw_all(struct tui *t)
{
	curs_set(0);
	t->rows_screen = -1;
	if (too_small()) {
		draw_too_small(t);
		refresh();
		return;
	}
	if (t->view) {
		view_draw(t, t->view);
		if (t->quit_dlg)
			dlg_draw(t, t->quit_dlg);
		refresh();
		return;
	}
	const struct screen_ops *s = screens[t->cur];
	void *st = t->st[t->cur];
	erase();
	draw_title(t);
	draw_tabs(t);
	s->draw(t, st, 2, LINES - 4);
	draw_message(t);
	struct tlist *l = tui_screen_list(s, st);
	if (t->filtering && !t->dlg)
		draw_filter_line(t, l);
	else
		tui_draw_status(t, tui_screen_actions(s, st), l != NULL);
	if (t->dlg)
		dlg_draw(t, t->dlg);
	else if (!t->filtering && !t->quit_dlg && !t->chooser)
		t->rows_screen = (int)t->cur;
	if (t->chooser)
		chooser_draw(t, t->chooser);
	if (t->quit_dlg)
		dlg_draw(t, t->quit_dlg);
	refresh();
}

/* After R_ROWS: the screen repaints its rows, when the last full frame
 * showed that screen alone (no dialog over it, no filter being typed);
 * else everything is drawn. */
static void draw_rows(struct tui *t)
{
	const struct screen_ops *s = screens[t->cur];
	if (t->rows_screen != (int)t->cur || too_small() || t->view || t->dlg ||
	    t->quit_dlg || t->chooser || t->filtering || !s->draw_rows) {
		draw_all(t);
		return;
	}
	s->draw_rows(t, t->st[t->cur], 2, LINES - 4);
	refresh();
}

/* ---- input ---- */

static int read_input(void)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES)
		return TK_FN((int)wc);
	return (int)wc;
}

/* ---- undo and redo ---- */

unsigned tui_undo_kinds(enum screen_id id)
{
	switch (id) {
	case SCR_MEMBERS: return APP_UNDO_MEMBER;
	case SCR_POSTS: return APP_UNDO_POST | APP_UNDO_FUNDING;
	case SCR_PATIENTS: return APP_UNDO_PATIENT;
	case SCR_RECEIPTS: return APP_UNDO_RECEIPT;
	case SCR_ACTIVITIES: return APP_UNDO_ACTIVITY;
	case SCR_KEYS: return APP_UNDO_KEY;
	default: return 0;
	}
}

static enum status undo_submit(struct tui *t, struct dialog *d, struct err *e)
{
	enum status rc = app_undo_in(t->app, tui_undo_kinds(t->cur), e);
	if (rc == ST_OK)
		tui_msg(t, _("Undone: %s. U redoes it."), (const char *)d->ctx);
	return rc;
}

static enum status redo_submit(struct tui *t, struct dialog *d, struct err *e)
{
	enum status rc = app_redo(t->app, tui_undo_kinds(t->cur), e);
	if (rc == ST_OK)
		tui_msg(t, _("Redone: %s. u undoes it."), (const char *)d->ctx);
	return rc;
}

unsigned tui_undo(struct tui *t)
{
	unsigned kinds = tui_undo_kinds(t->cur);
	struct err e = ERR_INIT;
	enum status rc = app_undo_check_in(t->app, kinds, &e);
	if (rc == ST_NOTFOUND)
		tui_msg(t, "%s", _("Nothing to undo."));
	else if (rc != ST_OK)
		tui_error(t, &e);
	err_fini(&e);
	char *what = rc == ST_OK ? app_undo_what_in(t->app, kinds) : NULL;
	if (what)
		tui_open(t, dlg_confirm_fmt(_("Undo"), undo_submit, what, free,
		                            _("Undo %s (put it back as it was)?"), what));
	return R_REDRAW;
}

unsigned tui_redo(struct tui *t)
{
	char *what = app_redo_what(t->app, tui_undo_kinds(t->cur));
	if (what)
		tui_open(t, dlg_confirm_fmt(_("Redo"), redo_submit, what, free, _("Redo %s (make it again)?"), what));
	else
		tui_msg(t, "%s", _("Nothing to redo."));
	return R_REDRAW;
}

static unsigned filter_input(struct tui *t, struct tlist *l, int ch)
{
	if (!l) {
		t->filtering = false;
		return R_REDRAW;
	}
	if (ch == '\n' || ch == '\r' || ch == TK_FN(KEY_ENTER)) {
		t->filtering = false;
		return R_REDRAW;
	}
	if (ch == TK_ESC) {
		free(l->filter);
		l->filter = NULL;
		t->filtering = false;
	} else if (ch == TK_FN(KEY_UP) || ch == TK_FN(KEY_DOWN) ||
	           ch == TK_FN(KEY_NPAGE) || ch == TK_FN(KEY_PPAGE)) {
		tlist_nav(l, tui_action_for(ch, NULL));
		if (!l->match)
			t->stale[t->cur] = true;   /* a paged list reads its rows */
		return R_REDRAW;
	} else {
		size_t len = l->filter ? strlen(l->filter) : 0;
		if (ch == TK_FN(KEY_BACKSPACE) || ch == 0x7F || ch == 0x08) {
			if (!len)
				return R_NONE;
			l->filter[tui_utf8_prev(l->filter, len)] = '\0';
		} else if (!tui_printable(ch) || !tui_text_insert(&l->filter, &len, ch)) {
			return R_NONE;
		}
	}
	l->sel = 0;
	l->top = 0;
	if (l->match) {
		tlist_refilter(l);
		return R_REDRAW;
	}
	t->stale[t->cur] = true;   /* the screen filters in its query */
	return R_REDRAW;
}

/* What every screen has, when the screen did not take the action. */
static unsigned generic_action(struct tui *t, enum action a)
{
	const struct screen_ops *s = screens[t->cur];
	struct tlist *l = tui_screen_list(s, t->st[t->cur]);
	if (a >= ACT_SCREEN1 && a <= ACT_SCREEN10) {
		tui_goto(t, (enum screen_id)(a - ACT_SCREEN1));
		return R_REDRAW;
	}
	switch (a) {
	case ACT_QUIT: return tui_ask_quit(t);
	case ACT_HELP: tui_help(t); return R_REDRAW;
	case ACT_NEXT_SCREEN: tui_goto(t, (enum screen_id)((t->cur + 1) % SCR__COUNT)); return R_REDRAW;
	case ACT_PREV_SCREEN: tui_goto(t, (enum screen_id)((t->cur + SCR__COUNT - 1) % SCR__COUNT)); return R_REDRAW;
	case ACT_RELOAD: clearok(curscr, TRUE); return R_RELOAD | R_REDRAW;
	case ACT_FILTER:
		if (!l)
			return R_NONE;
		t->filtering = true;
		return R_REDRAW;
	case ACT_BACK:
		if (l && l->filter) {
			free(l->filter);
			l->filter = NULL;
			if (l->match)
				tlist_refilter(l);
			else
				t->stale[t->cur] = true;
			return R_REDRAW;
		}
		free(t->msg);
		t->msg = NULL;
		return R_REDRAW;
	default:
		/* A screen that repaints its own rows after a move says so. */
		if (!l || !tlist_nav(l, a))
			return R_NONE;
		return s->draw_rows ? R_ROWS : R_REDRAW;
	}
}

static bool in_list(const enum action *local, enum action a)
{
	for (const enum action *p = local; p && *p != ACT_NONE; p++)
		if (*p == a)
			return true;
	return false;
}

static unsigned dispatch(struct tui *t, int ch)
{
	if (t->quit_dlg)
		return tui_quit_input(t, ch);
	/* Too small, the screen shows none of what may be lost: q asks as
	 * it does at any size. */
	if (too_small())
		return ch == 'q' || ch == 'Q' ? tui_ask_quit(t) : R_NONE;
	if (t->chooser)
		return chooser_input(t, ch);
	if (t->view)
		return view_input(t, ch);
	if (t->dlg)
		return dlg_input(t, ch);
	const struct screen_ops *s = screens[t->cur];
	void *st = t->st[t->cur];
	if (t->filtering)
		return filter_input(t, tui_screen_list(s, st), ch);
	const enum action *local = tui_screen_actions(s, st);
	enum action a = tui_action_for(ch, local);
	if (a == ACT_NONE) {
		/* A key of another screen, or a letter bound to nothing: say so
		 * rather than do nothing in silence ("D" on the Posts list). */
		if (ch > ' ' && ch < 0x7F) {
			tui_msg(t, _("\"%c\" does nothing on this screen; the bar below shows what does, ? shows every key."),
			        ch);
			return R_REDRAW;
		}
		return R_NONE;
	}
	/* An input clears an old message; errors stay until the next one. */
	bool cleared = t->msg != NULL;
	if (t->msg) {
		free(t->msg);
		t->msg = NULL;
	}
	unsigned r = R_PASS;
	if (in_list(local, a) || tui_action_global(a))
		r = s->act(t, st, a);
	if (r & R_PASS) {
		unsigned g = generic_action(t, a);
		r = (r & ~(unsigned)R_PASS) | g | (g & R_ROWS ? 0 : R_REDRAW);
	}
	/* The message line changed too: a rows-only repaint would leave it. */
	if ((r & R_ROWS) && (cleared || t->msg))
		r |= R_REDRAW;
	return r;
}

/* ---- the loop ---- */

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A save the frame just drawn announced. Inputs typed while it waited for
 * another program were typed blind, at a screen that did not move: they
 * are dropped rather than acted on. */
static unsigned run_deferred(struct tui *t)
{
	unsigned (*fn)(struct tui *) = t->deferred;
	t->deferred = NULL;
	int64_t t0 = now_ms();
	unsigned r = fn(t) | R_REDRAW;
	if (now_ms() - t0 >= BLIND_MS)
		flushinp();
	return r;
}

static void load_current(struct tui *t)
{
	if (!t->stale[t->cur])
		return;
	struct err e = ERR_INIT;
	t->stale[t->cur] = false;
	if (screens[t->cur]->load(t, t->st[t->cur], &e) != ST_OK)
		tui_error(t, &e);
	err_fini(&e);
}

static void reload_all(struct tui *t)
{
	tui_stale_all(t);
	free(t->practice);
	t->practice = app_practice_name(t->app);
	t->today = date_today();
	t->year = app_current_exercise(t->app, t->today);
	t->version = app_data_version(t->app);
}

static enum status run_loop(struct tui *t, struct err *e)
{
	unsigned r = R_RELOAD | R_REDRAW;
	int64_t last_poll = now_ms();
	bool checked = false;
	while (!(r & R_QUIT) && (!stop_signal || stop_signal == SIGINT)) {
		if (r & R_RELOAD)
			reload_all(t);
		if (t->stale[t->cur]) {
			load_current(t);
			r |= R_REDRAW;
		}
		if (r & (R_REDRAW | R_RELOAD))
			draw_all(t);
		else if (r & R_ROWS)
			draw_rows(t);
		/* The quick_check that DB_OPEN_DEFER_CHECK leaves for later
		 * (nothing to do when db_open ran it): the first frame is up,
		 * nothing was written yet. A damaged file ends the session
		 * with the message the commands give. */
		if (!checked) {
			checked = true;
			enum status rc = app_quick_check(t->app, e);
			if (rc != ST_OK)
				return rc;
		}
		if (t->deferred) {
			r = run_deferred(t);
			continue;
		}
		int ch = read_input();
		r = R_NONE;
		if (ch == TK_RESIZE) {
			r = R_REDRAW;
		} else if (ch) {
			r = dispatch(t, ch);
		}
		/* Our own changes reload through R_RELOAD: only a version that
		 * moved since is someone else's. */
		if (stop_signal == SIGINT) {
			stop_signal = 0;
			if (!t->quit_dlg)
				r |= tui_ask_quit(t);
		}
		if (!(r & R_RELOAD) && now_ms() - last_poll >= POLL_MS) {
			last_poll = now_ms();
			if (app_data_version(t->app) != t->version) {
				r |= R_RELOAD | R_REDRAW;
				tui_msg(t, "%s", _("The data changed (another program or session): reloaded."));
			}
		}
	}
	return ST_OK;
}

static void tui_fini(struct tui *t)
{
	for (int i = 0; i < SCR__COUNT; i++)
		tui_state_free((enum screen_id)i, t->st[i]);
	dlg_free(t->dlg);
	dlg_free(t->dlg_next);
	dlg_free(t->quit_dlg);
	chooser_free(t->chooser);
	view_free(t->view);
	free(t->msg);
	free(t->practice);
}

static bool want_color(const struct tui_options *opt)
{
	const char *nc = getenv("NO_COLOR");
	if ((opt && opt->no_color) || (nc && *nc))
		return false;
	return has_colors();
}

static void start_curses(struct tui *t, const struct tui_options *opt)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(TICK_MS);
	curs_set(0);
	t->color = want_color(opt);
	draw_colors_init(t);
}

/* The signals the loop handles, and what they were before. */
static const int handled[] = { SIGINT, SIGTERM, SIGHUP };
#define N_HANDLED (sizeof handled / sizeof handled[0])

static void catch_signals(struct sigaction old[N_HANDLED])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_HANDLED; i++)
		sigaction(handled[i], &sa, &old[i]);
	stop_signal = 0;
}

static void release_signals(const struct sigaction old[N_HANDLED])
{
	for (size_t i = 0; i < N_HANDLED; i++)
		sigaction(handled[i], &old[i], NULL);
}

/* What the message line says first: a database others may read, one
 * this user may not write, or work an ended session could not save. */
static void opening_message(struct tui *t)
{
	unsigned perm = app_exposed_mode(t->app);
	char *kept = NULL;
	if (perm)
		tui_msg(t, _("Warning: other users can read this database (mode %04o); run: chmod 600 %s"),
		        perm, app_path(t->app));
	else if (app_readonly(t->app))
		tui_msg(t, "%s", _("Read-only: you may not write this database; you can read, export and print, not change."));
	else if ((kept = tui_unsaved_file(t)))
		tui_msg(t, _("What a session ended by the system could not save is in %s (remove the file once done)."),
		        kept);
	free(kept);
}

/* After SIGTERM or SIGHUP, with the terminal restored: what was not
 * saved is kept in a file, and stderr says where (after a SIGHUP the
 * next start says it too). */
static void ended_by_signal(struct tui *t, int sig)
{
	bool failed = false;
	char *path = tui_keep_unsaved(t, sig == SIGHUP ? _("Ended because the terminal closed (SIGHUP) on")
	                                               : _("Ended by the system (SIGTERM) on"), &failed);
	if (path)
		fprintf(stderr, _("quotepart: ended by a signal; what was not saved is in %s\n"), path);
	else if (failed)
		fprintf(stderr, "%s\n", _("quotepart: ended by a signal; what was not saved could not be written anywhere"));
	free(path);
}

enum status tui_run(struct app *a, const struct tui_options *opt, struct err *e)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set(e, ST_USAGE, _("the interface needs a terminal; for scripts use the commands (quotepart --help)"));
	struct tui t;
	memset(&t, 0, sizeof t);
	t.rows_screen = -1;
	t.app = a;
	t.cfg = app_config(a);
	for (int i = 0; i < SCR__COUNT; i++) {
		if (!(t.st[i] = tui_state_new((enum screen_id)i))) {
			tui_fini(&t);
			return err_set(e, ST_NOMEM, NULL);
		}
	}
	/* Ours before initscr, so that curses does not install its own. */
	struct sigaction old[N_HANDLED];
	catch_signals(old);
	static bool registered;
	if (!registered && atexit(restore_terminal) == 0)
		registered = true;
	draw_charset_init();
	/* newterm, unlike initscr, returns NULL for an unknown $TERM instead
	 * of exiting. */
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		release_signals(old);
		tui_fini(&t);
		return err_set(e, ST_IO, _("cannot start the terminal interface (is TERM set right?)"));
	}
	start_curses(&t, opt);
	opening_message(&t);
	if (opt->notice && !t.msg)
		tui_msg(&t, "%s", opt->notice);
	enum status rc = run_loop(&t, e);
	endwin();
	delscreen(scr);
	if (stop_signal)
		ended_by_signal(&t, stop_signal);
	release_signals(old);
	tui_fini(&t);
	return rc;
}
