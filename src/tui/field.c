/* field.c: editing the text of a form's field or of a list's filter:
 * UTF-8 characters inserted and deleted at the cursor, choices cycled
 * with ← →, a date shown on arrival replaced by what is typed first. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/array.h"
#include "quotepart/text.h"
#include "tui_internal.h"

#define FIELD_MAX 240   /* bytes typed into one field */


size_t tui_utf8_prev(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

size_t tui_utf8_next(const char *s, size_t i)
{
	if (!s[i])
		return i;
	i++;
	while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static int utf8_encode(int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

/* Fields and filters grow one character at a time, up to FIELD_MAX. */
bool tui_text_insert(char **buf, size_t *cur, int cp)
{
	char enc[4];
	int n = utf8_encode(cp, enc);
	size_t len = *buf ? strlen(*buf) : 0;
	if (n == 0 || len + (size_t)n > FIELD_MAX)
		return false;
	bool fresh = !*buf;
	if (!array_grow(buf, NULL, len + (size_t)n + 1, 1))
		return false;
	char *nb = *buf;
	if (fresh)
		nb[0] = '\0';
	memmove(nb + *cur + n, nb + *cur, len - *cur + 1);
	memcpy(nb + *cur, enc, (size_t)n);
	*buf = nb;
	*cur += (size_t)n;
	return true;
}

static void text_delete(char *buf, size_t from, size_t to)
{
	if (to > from)
		memmove(buf + from, buf + to, strlen(buf + to) + 1);
}

bool tui_printable(int ch)
{
	return ch >= 0x20 && ch != 0x7F && ch < 0x110000 && !(ch >= 0x80 && ch < 0xA0);
}

static void field_cycle(struct field *f, int step)
{
	if (!f->n_opts)
		return;
	size_t at = f->n_opts;
	for (size_t i = 0; i < f->n_opts; i++)
		if (f->buf && strcmp(f->buf, f->opts[i]) == 0)
			at = i;
	size_t next;
	if (at == f->n_opts)
		next = step > 0 ? 0 : f->n_opts - 1;
	else
		next = (at + f->n_opts + (size_t)(step > 0 ? 1 : f->n_opts - 1)) % f->n_opts;
	char *nb = strdup(f->opts[next]);
	if (!nb)
		return;
	free(f->buf);
	f->buf = nb;
	f->cur = strlen(nb);
}

/* Editing inputs of the focused field; true when the text changed. */
bool tui_field_input(struct field *f, int ch, bool *handled)
{
	*handled = true;
	size_t len = f->buf ? strlen(f->buf) : 0;
	/* A date shown when the field was reached is replaced by what is
	 * typed first, not added to ("2026-03-022"); any other key keeps it. */
	bool replace = f->fresh && (f->check == FIELD_DATE || f->check == FIELD_DATE_OPT) && f->cur == len;
	f->fresh = false;
	if (!f->buf && !(f->buf = strdup("")))
		return false;
	switch (ch) {
	case TK_FN(KEY_LEFT):
		if (f->n_opts) {
			field_cycle(f, -1);
			return true;
		}
		f->cur = tui_utf8_prev(f->buf, f->cur);
		return false;
	case TK_FN(KEY_RIGHT):
		if (f->n_opts) {
			field_cycle(f, 1);
			return true;
		}
		f->cur = tui_utf8_next(f->buf, f->cur);
		return false;
	case TK_FN(KEY_HOME): case TK_CTRL('a'):
		f->cur = 0;
		return false;
	case TK_FN(KEY_END): case TK_CTRL('e'):
		f->cur = len;
		return false;
	case TK_FN(KEY_BACKSPACE): case 0x7F: case 0x08: {
		size_t p = tui_utf8_prev(f->buf, f->cur);
		text_delete(f->buf, p, f->cur);
		bool changed = p != f->cur;
		f->cur = p;
		return changed;
	}
	case TK_FN(KEY_DC): case TK_CTRL('d'): {
		size_t nx = tui_utf8_next(f->buf, f->cur);
		text_delete(f->buf, f->cur, nx);
		return nx != f->cur;
	}
	case TK_CTRL('u'):
		f->buf[0] = '\0';
		f->cur = 0;
		return len > 0;
	default:
		if (tui_printable(ch) && replace && len) {
			f->buf[0] = '\0';
			f->cur = 0;
		}
		if (tui_printable(ch))
			return tui_text_insert(&f->buf, &f->cur, ch);
		*handled = false;
		return false;
	}
}
