/* draw.c: drawing helpers: colours that degrade to attributes, padded
 * UTF-8 text, money and dates for the language, boxes and bars. */
#include <langinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "quotepart/date.h"
#include "quotepart/i18n.h"
#include "quotepart/money.h"
#include "quotepart/key.h"
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
	[C_BINDING] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
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

/* ---- the terminal's character set ----
 * The locale says what the terminal can show. Outside UTF-8 (LC_ALL=C,
 * a Latin-9 locale) curses would write the bytes of "€" or "é" as three
 * or two characters, or as escapes, and every column after them would
 * move. Then everything drawn is folded to ASCII, one character for one:
 * text_width measures any non-ASCII character 1 column in such a locale,
 * so widths, padding and the cursor stay right; and amounts are drawn in
 * the ASCII money styles, never wider than the UTF-8 ones. */
static bool ascii_only;

void draw_charset_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	ascii_only = !(cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0));
}

bool draw_ascii(void)
{
	return ascii_only;
}

/* Latin-1 letters U+00C0..U+00FF without their accents. */
static const char latin1_letters[] =
	"AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiiidnooooo/ouuuuyty";

/* One ASCII character for code point cp, as close as it gets. */
static char ascii_of(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1_letters[cp - 0xC0];
	switch (cp) {
	case 0xA0: case 0x2007: case 0x2009: case 0x202F: return ' ';
	case 0xAB: case 0xBB: case 0x201C: case 0x201D: return '"';
	case 0x2018: case 0x2019: return '\'';
	case 0xB7: case 0x2026: return '.';
	case 0xB0: return 'o';
	case 0x2013: case 0x2014: case 0x2212: return '-';
	case 0x2022: return '*';
	case 0x2248: return '~';
	case 0x2713: case 0x2714: return 'v';
	case 0x20AC: return 'E';
	case 0x0152: return 'O';
	case 0x0153: return 'o';
	case 0x0178: return 'Y';
	case 0x2190: return '<';
	case 0x2191: return '^';
	case 0x2192: return '>';
	case 0x2193: return 'v';
	case 0x2500: return '-';
	case 0x2502: return '|';
	case 0x2588: return '#';
	case 0x2592: return ':';
	}
	if (cp >= 0x2500 && cp <= 0x257F)
		return '+';              /* the other box-drawing pieces */
	if (cp >= 0x2589 && cp <= 0x258F)
		return '|';              /* eighths of a bar */
	return '?';
}

/* Fold s (valid UTF-8: text_pad escaped anything else) in place. */
static void fold_ascii(char *s)
{
	const unsigned char *in = (const unsigned char *)s;
	char *out = s;
	while (*in) {
		if (*in < 0x80) {
			*out++ = (char)*in++;
			continue;
		}
		int len = *in >= 0xF0 ? 4 : *in >= 0xE0 ? 3 : 2;
		uint32_t cp = *in & (0x3Fu >> (len - 1));
		for (int i = 1; i < len && (in[i] & 0xC0) == 0x80; i++)
			cp = (cp << 6) | (in[i] & 0x3Fu);
		in++;
		while ((*in & 0xC0) == 0x80)
			in++;
		*out++ = ascii_of(cp);
	}
	*out = '\0';
}

void draw_text(int y, int x, int w, const char *s, bool right)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	char *p = text_pad(s ? s : "", w, right);
	if (p && ascii_only)
		fold_ascii(p);
	if (p)
		mvaddstr(y, x, p);
	free(p);
}

void draw_fmt(int y, int x, int w, bool right, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = str_vprintf(fmt, ap);
	va_end(ap);
	draw_text(y, x, w, s ? s : "", right);
	free(s);
}

/* The money style of the language, in ASCII when the terminal is. */
static enum money_style shown_style(void)
{
	enum money_style st = money_text_style();
	if (ascii_only)
		st = st == MONEY_FR ? MONEY_FR_ASCII : MONEY_EN_ASCII;
	return st;
}

char *fmt_money(int64_t cents)
{
	char buf[MONEY_BUFSZ];
	return strdup(money_format(cents, shown_style(), buf, sizeof buf));
}

/* An amount is never cut (a cut one reads as another): when the style
 * shown is too wide for the column, the same cents narrower, without the
 * sign, then without grouping; failing that, #### as spreadsheets do. */
void draw_money(int y, int x, int w, int64_t cents)
{
	bool fr = money_text_style() == MONEY_FR;
	const enum money_style styles[] = {
		shown_style(), fr ? MONEY_FR_ASCII : MONEY_EN_ASCII, fr ? MONEY_CSV : MONEY_PLAIN,
	};
	char buf[MONEY_BUFSZ];
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		if (text_width(money_format(cents, styles[i], buf, sizeof buf)) <= w) {
			draw_text(y, x, w, buf, true);
			return;
		}
	}
	for (int i = 0; i < w && i + 1 < (int)sizeof buf; i++)
		buf[i] = '#';
	buf[w > 0 && w < (int)sizeof buf ? w : 0] = '\0';
	draw_text(y, x, w, buf, true);
}

const char *fmt_date(int32_t d, char *buf)
{
	/* The reader's habit: 28/04/2025 in French (forms read it back). */
	return date_format_local(d, buf, DATE_BUFSZ);
}

const char *fmt_stamp(const char *iso, char *buf, size_t size)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	int n = 0;
	int32_t day;
	char d[DATE_BUFSZ];
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return buf;
	}
	if (iso[n] == 'Z') {   /* UTC, as stored: the reader's own clock */
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		time_t t = timegm(&tm);
		localtime_r(&t, &tm);
		tm.tm_year += 1900;
		tm.tm_mon += 1;
	}
	if (date_make(tm.tm_year, tm.tm_mon, tm.tm_mday, &day) != ST_OK)
		snprintf(buf, size, "%s", iso);
	else
		snprintf(buf, size, "%s %02d:%02d", fmt_date(day, d), tm.tm_hour, tm.tm_min);
	return buf;
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

const char *basis_words(const char *stored)
{
	enum basis b;
	return stored && basis_parse(stored, &b) ? basis_label(b) : stored ? stored : "";
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
	if (ascii_only) {
		/* Whole columns only, half a column or more counting one. */
		int n = full + (e % 8 >= 4 || full == 0);
		for (int i = 0; i < n && i < w; i++)
			addch(solid ? '#' : ':');
		return;
	}
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
