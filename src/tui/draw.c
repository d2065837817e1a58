/* draw.c: drawing helpers: colours that degrade to attributes, padded
 * UTF-8 text, money and dates for the language, boxes and bars. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "tui_internal.h"

/* Each role has attributes that carry it without colour, and a colour
 * pair added when the terminal has colour and the user wants it. */
static const struct {
	short fg, bg;
	attr_t mono;
	attr_t colored;
} roles[C__COUNT] = {
	[C_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[C_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE | A_BOLD, A_BOLD },
	[C_BAR] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_NORMAL },
	[C_SELECT] = { -1, -1, A_REVERSE, A_REVERSE },
	[C_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[C_HEADER] = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE, A_BOLD },
	[C_KEY] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[C_DIM] = { -1, -1, A_DIM, A_DIM },
	[C_GOOD] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[C_WARN] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[C_BAR_A] = { COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[C_BAR_B] = { COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL },
};

void draw_colors_init(struct tui *t)
{
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (int i = 1; i < C__COUNT; i++)
		init_pair((short)i, roles[i].fg, roles[i].bg);
}

void draw_attr(struct tui *t, enum tui_color c, bool on)
{
	attr_t a = t->color ? roles[c].colored | (c ? COLOR_PAIR(c) : 0) : roles[c].mono;
	if (on)
		attron(a);
	else
		attroff(a);
}

void draw_text(int y, int x, int w, const char *s, bool right)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	char *p = text_pad(s ? s : "", w, right);
	if (p)
		mvaddstr(y, x, p);
	free(p);
}

void draw_fmt(int y, int x, int w, bool right, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, aq);
	va_end(aq);
	draw_text(y, x, w, s ? s : "", right);
	free(s);
}

char *fmt_money(int64_t cents)
{
	char buf[MONEY_BUFSZ];
	return strdup(money_format(cents, money_text_style(), buf, sizeof buf));
}

void draw_money(int y, int x, int w, int64_t cents)
{
	char buf[MONEY_BUFSZ];
	draw_text(y, x, w, money_format(cents, money_text_style(), buf, sizeof buf), true);
}

const char *fmt_date(int32_t d, char *buf)
{
	return date_format(d, buf, DATE_BUFSZ);
}

char *fmt_hundredths(int64_t v)
{
	char buf[MONEY_BUFSZ];
	return strdup(decimal_format(v, 2, i18n_is_french() ? ',' : '.', buf, sizeof buf));
}

const char *fmt_rate(int64_t bp, char *buf)
{
	decimal_format(bp, 2, i18n_is_french() ? ',' : '.', buf, MONEY_BUFSZ);
	char *end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && (end[-1] == '.' || end[-1] == ','))
		end[-1] = '\0';
	return buf;
}

const char *tui_label(const struct codelist *l, const char *code)
{
	const struct cfg_item *it = code ? config_find(l, code) : NULL;
	return it ? config_label(it) : code ? code : "";
}

void draw_header(struct tui *t, int y, int x, int w, const char *s)
{
	draw_attr(t, C_HEADER, true);
	draw_text(y, x, w, s, false);
	draw_attr(t, C_HEADER, false);
}

void draw_clear(int y, int x, int h, int w)
{
	for (int i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
}

void draw_box(struct tui *t, int y, int x, int h, int w, const char *title)
{
	draw_clear(y, x, h, w);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	if (title && *title) {
		int tw = text_width(title);
		if (tw > w - 6)
			tw = w - 6;
		draw_attr(t, C_HEADER, true);
		draw_text(y, x + 2, tw + 2, "", false);
		draw_fmt(y, x + 2, tw + 2, false, " %s ", title);
		draw_attr(t, C_HEADER, false);
	}
}

void draw_select(struct tui *t, bool on)
{
	draw_attr(t, C_SELECT, on);
}

void draw_bar(int y, int x, int w, int64_t cents, int64_t max, bool solid)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	if (w <= 0 || max <= 0 || cents <= 0)
		return;
	if (cents > max)
		cents = max;
	/* Integer eighths of a column: cents * w * 8 fits easily in 64 bits
	 * for any amount a practice sees (w <= a few hundred). */
	int64_t e = cents * w * 8 / max;
	if (e == 0)
		e = 1;   /* a non-zero amount always shows */
	int full = (int)(e / 8);
	move(y, x);
	for (int i = 0; i < full; i++)
		addstr(solid ? "█" : "▒");
	if (solid && e % 8)
		addstr(eighths[e % 8]);
	else if (!solid && e % 8 >= 4)
		addstr("▒");
	else if (!solid && full == 0)
		addstr("▒");
}

void draw_vline(int y, int x, int h)
{
	mvvline(y, x, ACS_VLINE, h);
}

/* The byte length of the longest prefix of s (ending at a space or the
 * end) that fits in w columns; at least one character. */
static size_t fit_words(const char *s, int w)
{
	size_t best = 0, i = 0;
	while (s[i]) {
		size_t j = i;
		while (s[j] == ' ')
			j++;
		while (s[j] && s[j] != ' ')
			j++;
		char *part = strndup(s, j);
		int pw = part ? text_width(part) : w + 1;
		free(part);
		if (pw > w)
			break;
		best = i = j;
	}
	if (best == 0) {
		/* One word wider than the line: cut it (on a character start). */
		best = 1;
		while (s[best] && ((unsigned char)s[best] & 0xC0) == 0x80)
			best++;
		while (s[best] && best < (size_t)w)
			best++;
		while (s[best] && ((unsigned char)s[best] & 0xC0) == 0x80)
			best--;
	}
	return best;
}

int draw_wrap(int y, int x, int w, int max_lines, const char *s)
{
	int used = 0;
	if (w <= 0)
		return 0;
	while (s && *s && used < max_lines) {
		if (*s == '\n') {
			s++;
			used++;
			continue;
		}
		const char *nl = strchr(s, '\n');
		size_t limit = nl ? (size_t)(nl - s) : strlen(s);
		char *seg = strndup(s, limit);
		if (!seg)
			return used;
		size_t n = fit_words(seg, w);
		seg[n] = '\0';
		if (y >= 0)
			draw_text(y + used, x, w, seg, false);
		free(seg);
		used++;
		s += n;
		while (*s == ' ')
			s++;
		if (*s == '\n')
			s++;
	}
	return used;
}
