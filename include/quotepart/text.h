/* text.h: checks and transforms of user text: UTF-8, control characters,
 * display escaping, terminal width, identifiers numbers (NIR, RPPS).
 *
 * Everything here is pure and allocation results are owned by the caller
 * (free()). */
#ifndef QUOTEPART_TEXT_H
#define QUOTEPART_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "quotepart/status.h"

/* Whether s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);

/* ST_OK when s is acceptable as a name or a free-text field: valid UTF-8,
 * no C0/C1 control characters (tab included), no DEL, no bidi controls
 * (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C). On refusal,
 * *why (when not NULL) is set to a static English reason
 * ("invalid UTF-8", "control character", "bidirectional override"). */
enum status text_check(const char *s, const char **why);

/* A codes check: 1..32 bytes of [A-Za-z0-9_.-], starting alnum. */
bool text_valid_code(const char *s);

/* A copy of s safe to show on a terminal: control characters, DEL, bidi
 * controls and invalid bytes become visible escapes (\x1b, \u202e...),
 * backslash itself stays. Never NULL unless out of memory. */
char *text_escape(const char *s);

/* Display width of a UTF-8 string in terminal columns (wcwidth of each
 * character; invalid bytes and control characters count 4 as in "\x1b").
 * Bidi controls count 6 as in "\u202e": text_width(s) equals
 * text_width(text_escape(s)).
 * Needs setlocale(LC_CTYPE) to a UTF-8 locale for non-ASCII widths. */
int text_width(const char *s);

/* Copy s into a new string padded with spaces (or cut, never inside a
 * character) to exactly `cols` display columns; right-aligned when
 * `right`. Unsafe characters come out escaped as by text_escape(); a wide
 * character or an escape that would overflow becomes spaces. */
char *text_pad(const char *s, int cols, bool right);

/* Where to break s to show it in lines of `cols` columns: the length in
 * bytes of the first line, which is all of s when it fits, else ends
 * before the last space that fits (the caller skips that space), else cuts
 * the first word between two characters; never 0 for a non-empty s. */
size_t text_wrap_at(const char *s, int cols);

/* Trim leading and trailing ASCII blanks in place; returns s. */
char *text_trim(char *s);

/* Whether s looks like a French social-security number (NIR), however it
 * is written: after trimming blanks and a leading apostrophe (a
 * spreadsheet's text mark), and dropping the separators people put between
 * the groups of digits (spaces, tabs, '.', '-', '_', the no-break spaces
 * U+00A0 and U+202F), 13 characters [12][0-9]{4}(2A|2B|[0-9]{2})[0-9]{6}
 * (any month: 20-42 and 50-99 exist for unknown months; 2a/2b accepted
 * too) followed by a 2-digit key equal to 97 - (N mod 97), where N is the
 * 13 characters read as a number, with 2A read as 19 and 2B as 18. Used
 * to refuse files, forms and codes that carry people's identities. */
bool text_is_nir(const char *s);

/* Whether s is a valid RPPS number: exactly 11 digits with a Luhn check
 * digit. */
bool text_valid_rpps(const char *s);

/* SEPA's Latin character set (latin.c): whether the byte c is one of
 * a-z A-Z 0-9 / - ? : ( ) . , ' + and space. */
bool text_sepa_char(int c);
/* s (UTF-8) in that set, at most max characters: accented letters
 * become their base letters (é e, ç c, œ oe, ß ss, Ł L), typographic
 * quotes and dashes ' and -, & +, " ', _ -, spaces of any kind one
 * space (none at either end), control characters nothing, anything else
 * (and invalid UTF-8) '.'. A new string; NULL when out of memory. */
char *text_sepa(const char *s, size_t max);

/* A growable string buffer. sb_init() zeroes it; sb_fini() releases. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool failed;   /* an allocation failed; s holds what was appended */
};
void sb_init(struct sbuf *b);
void sb_fini(struct sbuf *b);
void sb_add(struct sbuf *b, const char *s);
void sb_addn(struct sbuf *b, const char *s, size_t n);
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Take ownership of the string (never NULL unless failed); b is reset. */
char *sb_take(struct sbuf *b);

/* The whole file at path appended to *out (sb_init'ed by the caller),
 * reading at most max bytes (0: no limit): ST_OK; ST_NOTFOUND when it
 * cannot be opened, ST_IO when it cannot be read (*err_no: errno, which
 * says why: ENOENT, EACCES, EISDIR...); ST_INVALID when it holds more
 * than max bytes; ST_NOMEM. On failure *out is freed. */
enum status text_read_file(const char *path, size_t max, struct sbuf *out, int *err_no);

/* printf into a new string; NULL when out of memory (or a bad format). */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
