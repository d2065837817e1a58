/* text.c: user text: UTF-8 validation, control and bidi characters,
 * terminal escaping and widths, NIR and RPPS checks, a growable buffer.
 * Classification is locale-independent; only display widths ask wcwidth. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "quotepart/array.h"
#include "quotepart/i18n.h"
#include "quotepart/ident.h"
#include "quotepart/text.h"

/* Decode the UTF-8 character at s (n bytes available): its length (1..4)
 * with *cp set, or 0 when the byte at s does not start a valid character
 * (overlong, surrogate, beyond U+10FFFF, truncated, stray continuation). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1Fu; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0Fu; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07u; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

enum unit_kind { U_PRINT, U_CONTROL, U_BIDI, U_INVALID };

static enum unit_kind classify(uint32_t cp)
{
	/* U+2028 and U+2029 end a line in some terminals and editors. */
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
		return U_CONTROL;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return U_BIDI;
	return U_PRINT;
}

/* One unit of text as shown on a terminal: a character, or one invalid
 * byte. `len` bytes of input; `cp` is the code point, or the byte when
 * invalid. */
struct unit {
	enum unit_kind kind;
	size_t len;
	uint32_t cp;
};

static struct unit next_unit(const unsigned char *s, size_t n)
{
	struct unit u;
	u.len = utf8_decode(s, n, &u.cp);
	if (u.len == 0) {
		u.kind = U_INVALID;
		u.len = 1;
		u.cp = s[0];
	} else {
		u.kind = classify(u.cp);
	}
	return u;
}

/* The visible escape of a unit that cannot be shown as is. Control
 * characters take the \xNN form of their code point, like C0 ones, so
 * that every control character is 4 columns wide (text.h promises it). */
/* A code point past U+00FF is escaped as \uXXXX, the rest (and invalid
 * bytes) as \xXX. */
static bool wide_escape(const struct unit *u)
{
	return u->kind != U_INVALID && u->cp > 0xFF;
}

static void unit_escape(const struct unit *u, char out[8])
{
	if (wide_escape(u))
		snprintf(out, 8, "\\u%04x", (unsigned)(u->cp & 0xFFFF));   /* all in the BMP */
	else
		snprintf(out, 8, "\\x%02x", (unsigned)(u->cp & 0xFF));
}

/* Display width of a printable unit. Invalid bytes, controls and bidi
 * controls are measured as their escape, because that is how every caller
 * shows them: text_width(s) == text_width(text_escape(s)). */
static int unit_width(const unsigned char *s, const struct unit *u)
{
	if (u->kind != U_PRINT)
		return wide_escape(u) ? 6 : 4;
	if (u->cp < 0x80)
		return 1;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t r = mbrtowc(&wc, (const char *)s, u->len, &st);
	if (r != u->len)
		return 1;   /* not a UTF-8 locale: one column is the best guess */
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

bool text_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

enum status text_check(const char *s, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = s ? strlen(s) : 0;

	if (!s) {
		if (why)
			*why = N_("invalid UTF-8");
		return ST_INVALID;
	}
	for (size_t i = 0; i < len;) {
		struct unit u = next_unit(p + i, len - i);
		const char *r = NULL;
		if (u.kind == U_INVALID)
			r = N_("invalid UTF-8");
		else if (u.kind == U_CONTROL)
			r = N_("control character");
		else if (u.kind == U_BIDI)
			r = N_("bidirectional override");
		if (r) {
			if (why)
				*why = r;
			return ST_INVALID;
		}
		i += u.len;
	}
	if (why)
		*why = NULL;
	return ST_OK;
}

static bool is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

bool text_valid_code(const char *s)
{
	if (!s || !is_alnum_ascii(s[0]))
		return false;
	size_t n = 0;
	for (; s[n]; n++) {
		if (n >= 32)
			return false;
		if (!is_alnum_ascii(s[n]) && s[n] != '_' && s[n] != '.' && s[n] != '-')
			return false;
	}
	return true;
}

char *text_escape(const char *s)
{
	struct sbuf b;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);

	sb_init(&b);
	for (size_t i = 0; i < len;) {
		struct unit u = next_unit(p + i, len - i);
		if (u.kind == U_PRINT) {
			sb_addn(&b, (const char *)p + i, u.len);
		} else {
			char esc[8];
			unit_escape(&u, esc);
			sb_add(&b, esc);
		}
		i += u.len;
	}
	return sb_take(&b);
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	int w = 0;

	for (size_t i = 0; i < len;) {
		struct unit u = next_unit(p + i, len - i);
		int uw = unit_width(p + i, &u);
		w = (w > INT_MAX - uw) ? INT_MAX : w + uw;
		i += u.len;
	}
	return w;
}

/* Whether a line may break at the space p[i]: after a word, and not
 * before French punctuation (" :", " ;", " ?", " !"), which stays with
 * the word before it. */
static bool breaks_at(const unsigned char *p, size_t i)
{
	return p[i] == ' ' && i > 0 && p[i - 1] != ' ' && (!p[i + 1] || !strchr(":;?!", p[i + 1]));
}

size_t text_wrap_at(const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p), space = 0;
	int used = 0;
	for (size_t i = 0; i < len;) {
		struct unit u = next_unit(p + i, len - i);
		int w = unit_width(p + i, &u);
		if (used + w > cols)
			/* Cut at the space that overflows or the last one before,
			 * else inside a word longer than the line; at least one
			 * unit, so that a caller always moves. */
			return breaks_at(p, i) ? i : space ? space : i ? i : u.len;
		if (breaks_at(p, i))
			space = i;
		used += w;
		i += u.len;
	}
	return len;
}

static void add_spaces(struct sbuf *b, int n)
{
	for (; n > 0; n--)
		sb_addn(b, " ", 1);
}

char *text_pad(const char *s, int cols, bool right)
{
	struct sbuf body, out;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	int used = 0;

	if (cols <= 0)
		return strdup("");
	sb_init(&body);
	for (size_t i = 0; i < len;) {
		struct unit u = next_unit(p + i, len - i);
		int w = unit_width(p + i, &u);
		if (used + w > cols) {
			/* A wide character or an escape that would overflow: blank
			 * its visible part rather than cut it in two. */
			add_spaces(&body, cols - used);
			used = cols;
			break;
		}
		/* Zero-width characters (combining accents) still join the
		 * last character kept, even when the columns are all used. */
		if (u.kind == U_PRINT) {
			sb_addn(&body, (const char *)p + i, u.len);
		} else {
			char esc[8];
			unit_escape(&u, esc);
			sb_add(&body, esc);
		}
		used += w;
		i += u.len;
	}
	if (body.failed) {
		sb_fini(&body);
		return NULL;
	}
	sb_init(&out);
	if (right)
		add_spaces(&out, cols - used);
	sb_addn(&out, body.s ? body.s : "", body.len);
	if (!right)
		add_spaces(&out, cols - used);
	sb_fini(&body);
	return sb_take(&out);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

char *text_trim(char *s)
{
	if (!s)
		return s;
	size_t n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	s[n] = '\0';
	size_t i = 0;
	while (is_blank(s[i]))
		i++;
	if (i > 0)
		memmove(s, s + i, n - i + 1);
	return s;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Bytes of a separator people write between the groups of a NIR's
 * digits at s ("1 85 07", "1-85-07", "1.85.07", "1_85_07", a tab, a
 * no-break space U+00A0 or U+202F as spreadsheets write them), or 0. */
static size_t nir_separator(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '.' || *s == '-' || *s == '_')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/* The 15 characters of s without its separators, its blanks at either
 * end and a leading apostrophe (a spreadsheet's mark for text); false
 * when there are not exactly 15. */
static bool nir_characters(const char *s, char d[15])
{
	size_t n = 0, len = strlen(s);
	/* Fewer than 15 bytes cannot hold 15 characters: most codes end here
	 * (an import checks every cell of every row). */
	if (len < 15)
		return false;
	const char *end = s + len;
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	if (s < end && *s == '\'')
		s++;
	while (s < end) {
		size_t sep = nir_separator(s);
		if (sep) {
			s += sep;
			continue;
		}
		if (n == 15)
			return false;
		d[n++] = *s++;
	}
	return n == 15;
}

bool text_is_nir(const char *s)
{
	/* 15 significant characters at most: a bounded buffer is right. */
	char d[15];
	if (!s || !nir_characters(s, d))
		return false;

	if (d[0] != '1' && d[0] != '2')
		return false;
	/* Year and month: any two digits each, since months 20-42 and 50-99
	 * exist for people whose birth month is unknown. */
	for (int i = 1; i <= 4; i++)
		if (!is_digit(d[i]))
			return false;
	/* Corsica: 2A and 2B; the key is computed with 19 and 18 in place. */
	char dep[2] = { d[5], d[6] };
	if (d[5] == '2' && (d[6] == 'A' || d[6] == 'a')) {
		dep[0] = '1'; dep[1] = '9';
	} else if (d[5] == '2' && (d[6] == 'B' || d[6] == 'b')) {
		dep[0] = '1'; dep[1] = '8';
	} else if (!is_digit(d[5]) || !is_digit(d[6])) {
		return false;
	}
	for (int i = 7; i < 15; i++)
		if (!is_digit(d[i]))
			return false;

	int64_t num = 0;   /* 13 digits < 10^13: no overflow */
	for (int i = 0; i < 13; i++) {
		char c = (i == 5) ? dep[0] : (i == 6) ? dep[1] : d[i];
		num = num * 10 + (c - '0');
	}
	int key = (d[13] - '0') * 10 + (d[14] - '0');
	return key == 97 - (int)(num % 97);
}

bool text_valid_rpps(const char *s)
{
	return s && strlen(s) == 11 && ident_luhn(s, 11);
}

void sb_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = false;
}

void sb_fini(struct sbuf *b)
{
	free(b->s);
	sb_init(b);
}

/* Room for `extra` more bytes plus the terminating NUL. Once an
 * allocation failed nothing more is appended, so the text never has a
 * hole in the middle. */
static bool sb_reserve(struct sbuf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (extra > SIZE_MAX - 1 - b->len) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	/* Most appends fit: no call. A new buffer starts at 64 bytes, enough
	 * for most lines, so short strings are never moved. */
	if (need <= b->cap)
		return true;
	if (!array_grow(&b->s, &b->cap, need < 64 ? 64 : need, 1)) {
		b->failed = true;
		return false;
	}
	return true;
}

void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (!sb_reserve(b, n))
		return;
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_add(struct sbuf *b, const char *s)
{
	if (s)
		sb_addn(b, s, strlen(s));
}

void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		b->failed = true;
	else if (sb_reserve(b, (size_t)n)) {
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

char *str_vprintf(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *str_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = str_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *sb_take(struct sbuf *b)
{
	char *s;

	if (b->failed) {
		free(b->s);
		s = NULL;
	} else if (b->s) {
		s = b->s;
	} else {
		s = strdup("");
	}
	sb_init(b);
	return s;
}

enum status text_read_file(const char *path, size_t max, struct sbuf *out, int *err_no)
{
	*err_no = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*err_no = errno;
		sb_fini(out);
		return ST_NOTFOUND;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && (!max || out->len <= max))
		sb_addn(out, chunk, n);
	enum status st = ST_OK;
	if (ferror(f)) {
		*err_no = errno ? errno : EIO;
		st = ST_IO;
	} else if (out->failed) {
		st = ST_NOMEM;
	} else if (max && out->len > max) {
		st = ST_INVALID;
	}
	fclose(f);
	if (st != ST_OK)
		sb_fini(out);
	return st;
}
