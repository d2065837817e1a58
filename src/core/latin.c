/* latin.c: text reduced to the SEPA Latin character set, the characters
 * every bank of the SEPA area must carry in names and remittance texts
 * (EPC guidance on the character set): letters without accents, digits,
 * space and / - ? : ( ) . , ' +. A French name loses its accents, never
 * its letters: é is e, ç is c, œ is oe, ß is ss. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quotepart/text.h"

/* U+00C0 to U+017F (Latin-1's letters and Latin Extended-A): the base
 * letters of each, from its Unicode decomposition; the ones without one
 * (Æ, Ø, Þ, ß, Đ, Ł, Œ...) as they are spelt in Latin letters. */
static const char *const latin[] = {
	"A", "A", "A", "A", "A", "A", "AE", "C",  /* U+00C0 */
	"E", "E", "E", "E", "I", "I", "I", "I",  /* U+00C8 */
	"D", "N", "O", "O", "O", "O", "O", "x",  /* U+00D0 */
	"O", "U", "U", "U", "U", "Y", "TH", "ss",  /* U+00D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c",  /* U+00E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",  /* U+00E8 */
	"d", "n", "o", "o", "o", "o", "o", ".",  /* U+00F0 */
	"o", "u", "u", "u", "u", "y", "th", "y",  /* U+00F8 */
	"A", "a", "A", "a", "A", "a", "C", "c",  /* U+0100 */
	"C", "c", "C", "c", "C", "c", "D", "d",  /* U+0108 */
	"D", "d", "E", "e", "E", "e", "E", "e",  /* U+0110 */
	"E", "e", "E", "e", "G", "g", "G", "g",  /* U+0118 */
	"G", "g", "G", "g", "H", "h", "H", "h",  /* U+0120 */
	"I", "i", "I", "i", "I", "i", "I", "i",  /* U+0128 */
	"I", "i", "IJ", "ij", "J", "j", "K", "k",  /* U+0130 */
	"k", "L", "l", "L", "l", "L", "l", "L",  /* U+0138 */
	"l", "L", "l", "N", "n", "N", "n", "N",  /* U+0140 */
	"n", "n", "N", "n", "O", "o", "O", "o",  /* U+0148 */
	"O", "o", "OE", "oe", "R", "r", "R", "r",  /* U+0150 */
	"R", "r", "S", "s", "S", "s", "S", "s",  /* U+0158 */
	"S", "s", "T", "t", "T", "t", "T", "t",  /* U+0160 */
	"U", "u", "U", "u", "U", "u", "U", "u",  /* U+0168 */
	"U", "u", "U", "u", "W", "w", "Y", "y",  /* U+0170 */
	"Y", "Z", "z", "Z", "z", "Z", "z", "s",  /* U+0178 */
};

bool text_sepa_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("/-?:().,'+ ", c) != NULL);
}

/* The code point at *s (advanced past it), or -1 for a byte that starts
 * no valid UTF-8 sequence (advanced by one). */
static int32_t next_code_point(const unsigned char **s)
{
	const unsigned char *p = *s;
	int n = p[0] < 0x80 ? 0 : p[0] >= 0xC2 && p[0] < 0xE0 ? 1 : p[0] >= 0xE0 && p[0] < 0xF0 ? 2
	      : p[0] >= 0xF0 && p[0] < 0xF5 ? 3 : -1;
	if (n < 0) {
		*s = p + 1;
		return -1;
	}
	int32_t cp = n == 0 ? p[0] : p[0] & (0x3F >> n);
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + 1;
			return -1;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*s = p + n + 1;
	/* Overlong forms and surrogates are not characters. */
	if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	return cp;
}

/* What one code point becomes: a static string of SEPA characters. */
static const char *transliterate(int32_t cp)
{
	static char one[2];
	if (cp >= 0 && cp < 0x80) {
		if (text_sepa_char((int)cp)) {
			one[0] = (char)cp;
			one[1] = '\0';
			return one;
		}
		switch (cp) {
		case '&': return "+";
		case '"': return "'";
		case '_': return "-";
		case '\t': case '\n': case '\r': return " ";
		default: return cp < 0x20 || cp == 0x7F ? "" : ".";
		}
	}
	if (cp >= 0xC0 && cp < 0x180)
		return latin[cp - 0xC0];
	switch (cp) {
	case 0xA0: case 0x2009: case 0x202F: return " ";      /* no-break and thin spaces */
	case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB: return "'";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return "-";
	case 0x20AC: return "EUR";
	default: return ".";
	}
}

char *text_sepa(const char *s, size_t max)
{
	struct sbuf b;
	sb_init(&b);
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p && b.len < max) {
		const char *t = transliterate(next_code_point(&p));
		for (; *t && b.len < max; t++) {
			/* No space at the start, none doubled. */
			if (*t == ' ' && (b.len == 0 || b.s[b.len - 1] == ' '))
				continue;
			sb_addn(&b, t, 1);
		}
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	if (b.failed) {
		sb_fini(&b);
		return NULL;
	}
	char *r = sb_take(&b);
	return r ? r : strdup("");
}
