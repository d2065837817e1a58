/* fuzz_targets.h: what the fuzz harnesses do with a input, shared by the
 * libFuzzer programs (tests/fuzz/fuzz_*.c, `make fuzz`) and the replay of
 * the corpora and crashes in `make check` (tests/unit/test_fuzz_replay.c).
 * Each entry point takes any bytes, must neither crash nor leak, and
 * abort()s when a property promised by the headers does not hold. */
#ifndef QUOTEPART_FUZZ_TARGETS_H
#define QUOTEPART_FUZZ_TARGETS_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quotepart/config.h"
#include "quotepart/csv.h"
#include "quotepart/date.h"
#include "quotepart/key.h"
#include "quotepart/money.h"
#include "quotepart/text.h"

/* libconfig 1.5 (Debian 12) leaks: its scanner's string buffer when a
 * file ends inside a string ("a = \"x" at the end; kept as
 * tests/fuzz/crashes/keyfile/leak-5327d061...), and a few bytes its
 * scanner allocates, seen only after thousands of parses in one process.
 * Bugs of theirs, not ours to fix: LeakSanitizer ignores those places. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:strbuf_append\nleak:libconfig_yylex\n";
}

/* A property broke: say which, then crash so that the input is kept. */
static inline void fuzz_require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz: property broken: %s\n", what);
		abort();
	}
}

/* The input as a C string (cut at its first NUL); free() it. */
static inline char *fuzz_cstring(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);
	fuzz_require(s != NULL, "out of memory");
	if (n)
		memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

static inline int64_t fuzz_i64(const uint8_t *d)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | d[i];
	return (int64_t)v;
}

/* ---- money and decimals ---------------------------------------------------- */

/* money_parse, decimal_parse and their formats: whatever parses formats
 * back to text that parses to the same value; a decimal with one place
 * more is ten times the value (parsing never rounds); decimal_parse with
 * 2 places implies money_parse; the checked arithmetic agrees with
 * 128-bit arithmetic. */
static inline int fuzz_money(const uint8_t *d, size_t n)
{
	char *s = fuzz_cstring(d, n);
	char buf[MONEY_BUFSZ];
	int64_t c, back;
	if (money_parse(s, &c) == ST_OK) {
		static const enum money_style styles[] = { MONEY_FR, MONEY_CSV, MONEY_PLAIN, MONEY_EN,
		                                           MONEY_FR_ASCII, MONEY_EN_ASCII };
		for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
			money_format(c, styles[i], buf, sizeof buf);
			fuzz_require(strlen(buf) < MONEY_BUFSZ, "MONEY_BUFSZ is enough");
			fuzz_require(money_parse(buf, &back) == ST_OK && back == c,
			             "money_format then money_parse gives the amount back");
		}
	}
	if (n > 0) {
		int places = d[0] % 7;
		char *t = fuzz_cstring(d + 1, n - 1);
		int64_t v, w;
		if (decimal_parse(t, places, &v) == ST_OK) {
			for (int m = 0; m < 2; m++) {
				decimal_format(v, places, m ? ',' : '.', buf, sizeof buf);
				fuzz_require(decimal_parse(buf, places, &back) == ST_OK && back == v,
				             "decimal_format then decimal_parse gives the value back");
			}
			if (places < 6 && v <= INT64_MAX / 10 && v >= INT64_MIN / 10)
				fuzz_require(decimal_parse(t, places + 1, &w) == ST_OK && w == v * 10,
				             "one more decimal place is ten times the value");
			if (places == 2)
				fuzz_require(money_parse(t, &w) == ST_OK && w == v,
				             "a decimal with two places is an amount");
		}
		free(t);
	}
	if (n >= 16) {
		int64_t a = fuzz_i64(d), b = fuzz_i64(d + 8), r = 0;
		__int128 wide[3] = { (__int128)a + b, (__int128)a - b, (__int128)a * b };
		enum status (*const op[3])(int64_t, int64_t, int64_t *) = { money_add, money_sub, money_mul };
		for (int i = 0; i < 3; i++) {
			bool fits = wide[i] >= INT64_MIN && wide[i] <= INT64_MAX;
			enum status st = op[i](a, b, &r);
			fuzz_require(fits ? st == ST_OK && r == (int64_t)wide[i] : st == ST_OVERFLOW,
			             "checked arithmetic agrees with 128-bit arithmetic");
		}
	}
	free(s);
	return 0;
}

/* ---- dates --------------------------------------------------------------------- */

static inline bool fuzz_date_valid(int y, int m, int day)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 || day < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return day <= dim[m - 1] + (m == 2 && leap);
}

/* date_parse then date_format and back; date_make against an independent
 * calendar; date_split inverts date_make; the next day follows;
 * date_overlap is symmetric and never longer than either period. */
static inline int fuzz_date(const uint8_t *d, size_t n)
{
	char *s = fuzz_cstring(d, n);
	char buf[DATE_BUFSZ];
	int32_t dt, back;
	if (date_parse(s, &dt) == ST_OK) {
		date_format(dt, buf, sizeof buf);
		fuzz_require(strlen(buf) == 10, "a date formats as YYYY-MM-DD");
		fuzz_require(date_parse(buf, &back) == ST_OK && back == dt,
		             "date_format then date_parse gives the date back");
		int y, m, day;
		date_split(dt, &y, &m, &day);
		fuzz_require(fuzz_date_valid(y, m, day), "a parsed date is a calendar date");
		fuzz_require(date_make(y, m, day, &back) == ST_OK && back == dt, "date_split inverts date_make");
	}
	if (n >= 4) {
		int y = 1890 + (int)((d[0] | d[1] << 8) % 330), m = d[2] % 14, day = d[3] % 33;
		bool ok = date_make(y, m, day, &dt) == ST_OK;
		fuzz_require(ok == fuzz_date_valid(y, m, day), "date_make agrees with the calendar");
		if (ok) {
			int y2, m2, d2;
			date_split(dt, &y2, &m2, &d2);
			fuzz_require(y2 == y && m2 == m && d2 == day, "date_split inverts date_make");
			date_split(dt + 1, &y2, &m2, &d2);
			bool next = (d2 == day + 1 && m2 == m && y2 == y) ||
			            (d2 == 1 && ((m2 == m + 1 && y2 == y) || (m == 12 && m2 == 1 && y2 == y + 1)));
			fuzz_require(next, "the day after follows");
		}
	}
	if (n >= 16) {
		int32_t p[4];
		for (int i = 0; i < 4; i++)
			p[i] = (int32_t)((d[4 * i] | d[4 * i + 1] << 8 | (uint32_t)d[4 * i + 2] << 16) % 200000) - 50000;
		if (d[15] & 1)
			p[3] = DATE_NONE;
		int64_t a = date_overlap(p[0], p[1], p[2], p[3]);
		int64_t b = date_overlap(p[2], p[3], p[0], p[1]);
		fuzz_require(a == b && a >= 0, "date_overlap is symmetric and not negative");
		if (p[1] != DATE_NONE && p[1] >= p[0])
			fuzz_require(a <= (int64_t)p[1] - p[0] + 1, "an overlap is not longer than the period");
	}
	free(s);
	return 0;
}

/* ---- CSV ------------------------------------------------------------------------- */

static inline bool fuzz_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* csv_read_buffer on a buffer of exactly the input's size (no NUL after
 * it): what it returns keeps csv.h's promises, and when no cell holds a
 * comma (the separator would then be guessed differently) writing it
 * with csv_out and reading it again gives the same table. */
static inline int fuzz_csv(const uint8_t *d, size_t n)
{
	char *data = malloc(n ? n : 1);
	fuzz_require(data != NULL, "out of memory");
	if (n)
		memcpy(data, d, n);
	struct csv_table *t = NULL;
	struct err e = ERR_INIT;
	enum status st = csv_read_buffer(data, n, "fuzz.csv", &t, &e);
	fuzz_require((st == ST_OK) == (t != NULL), "a table exactly when ST_OK");
	fuzz_require(st == ST_OK || e.msg != NULL, "a refusal says why");
	err_fini(&e);
	if (t) {
		bool comma = false;
		fuzz_require(t->ncols >= 1, "a header has a column");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *h = t->header[c];
			size_t len = strlen(h);
			fuzz_require(!len || (!fuzz_blank(h[0]) && !fuzz_blank(h[len - 1])), "header names are trimmed");
			fuzz_require(text_valid_utf8(h, len), "header names are UTF-8");
			comma = comma || strchr(h, ',');
			if (*h)
				fuzz_require(csv_column(t, h) <= (int)c, "csv_column finds the first of a name");
		}
		int last = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const struct csv_row *row = &t->rows[r];
			fuzz_require(row->n == t->ncols, "rows are padded to the header");
			fuzz_require(row->line > last, "rows come in line order");
			last = row->line;
			bool blank = true;
			for (size_t c = 0; c < row->n; c++) {
				fuzz_require(text_valid_utf8(row->cells[c], strlen(row->cells[c])), "cells are UTF-8");
				comma = comma || strchr(row->cells[c], ',');
				for (const char *p = row->cells[c]; *p; p++)
					blank = blank && fuzz_blank(*p);
			}
			fuzz_require(!blank, "blank rows are skipped");
			bool note = row->cells[0][0] == '#';
			for (size_t c = 1; c < row->n; c++)
				note = note && !row->cells[c][0];
			fuzz_require(!note, "notes are skipped");
		}
		if (!comma) {
			struct csv_out o;
			csv_out_init(&o);
			for (size_t c = 0; c < t->ncols; c++)
				csv_num(&o, t->header[c]);
			csv_endrow(&o);
			for (size_t r = 0; r < t->nrows; r++) {
				for (size_t c = 0; c < t->ncols; c++)
					csv_num(&o, t->rows[r].cells[c]);
				csv_endrow(&o);
			}
			struct csv_table *u = NULL;
			st = csv_read_buffer(o.buf.s, o.buf.len, "again.csv", &u, &e);
			fuzz_require(st == ST_OK, "what csv_out writes reads back");
			err_fini(&e);
			fuzz_require(u->ncols == t->ncols && u->nrows == t->nrows, "the same shape read back");
			for (size_t c = 0; c < t->ncols; c++)
				fuzz_require(strcmp(u->header[c], t->header[c]) == 0, "the same header read back");
			for (size_t r = 0; r < t->nrows; r++)
				for (size_t c = 0; c < t->ncols; c++)
					fuzz_require(strcmp(u->rows[r].cells[c], t->rows[r].cells[c]) == 0,
					             "the same cells read back");
			csv_table_free(u);
			csv_out_fini(&o);
		}
		csv_table_free(t);
	}
	free(data);
	return 0;
}

/* ---- key files and configuration ------------------------------------------ */

/* The built-in configuration alone: an empty file (/dev/null) over it, so
 * that nothing of the machine's environment comes in. Loaded once. */
static inline const struct config *fuzz_builtin_config(void)
{
	static struct config *cfg;
	if (!cfg) {
		struct err e = ERR_INIT;
		fuzz_require(config_load("/dev/null", &cfg, &e) == ST_OK, "the built-in configuration loads");
	}
	return cfg;
}

/* Write text to a private temporary file (one per process) and return its
 * path, for config_load, which reads files only. */
static inline const char *fuzz_config_file(const char *text, size_t len)
{
	static char path[64];
	static int fd = -1;
	if (fd < 0) {
		const char *dir = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/qp-fuzz-cfg-XXXXXX", dir && *dir && strlen(dir) < 32 ? dir : "/tmp");
		fd = mkstemp(path);
		fuzz_require(fd >= 0, "a temporary file");
		unlink(path);   /* kept open: reached again through /proc */
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	fuzz_require(ftruncate(fd, 0) == 0 && pwrite(fd, text, len, 0) == (ssize_t)len, "temporary file written");
	return path;
}

/* Parse a key; when it parses, keyfile_write gives text that parses to a
 * key written the same way (the canonical form stored in the database),
 * and the pools' rates add up to 100 %. */
static inline void fuzz_one_key(const char *text, const struct config *cfg)
{
	struct key *k = NULL, *k2 = NULL;
	struct err e = ERR_INIT;
	enum status st = keyfile_parse(text, "fuzz.cfg", cfg, &k, &e);
	fuzz_require((st == ST_OK) == (k != NULL), "a key exactly when ST_OK");
	if (e.msg)
		fuzz_require(text_check(e.msg, NULL) == ST_OK, "messages are escaped");
	err_fini(&e);
	if (!k)
		return;
	int64_t rates = 0;
	for (size_t i = 0; i < k->n_pools; i++)
		rates += k->pools[i].rate_bp;
	fuzz_require(k->n_pools > 0 && rates == 10000, "pools add up to 100 %");
	struct sbuf a, b;
	sb_init(&a);
	sb_init(&b);
	keyfile_write(k, &a);
	fuzz_require(!a.failed && a.s, "keyfile_write");
	st = keyfile_parse(a.s, "written.cfg", cfg, &k2, &e);
	if (st != ST_OK)
		fprintf(stderr, "fuzz: %s\n%s\n", err_text(&e), a.s);
	fuzz_require(st == ST_OK, "what keyfile_write writes parses");
	keyfile_write(k2, &b);
	fuzz_require(b.s && strcmp(a.s, b.s) == 0, "keyfile_write is a fixed point");
	err_fini(&e);
	sb_fini(&a);
	sb_fini(&b);
	key_free(k);
	key_free(k2);
}

/* A loaded configuration keeps config.h's promises. */
static inline void fuzz_check_config(const struct config *c)
{
	const struct codelist *lists[] = { &c->professions, &c->groups, &c->statuses, &c->sources,
	                                   &c->receipt_kinds, &c->activity_kinds, &c->ald };
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct cfg_item *it = &lists[l]->v[i];
			fuzz_require(text_valid_code(it->code), "codes are codes");
			fuzz_require(config_find(lists[l], it->code) == it, "codes are unique");
			fuzz_require(it->label_en && it->label_fr, "items have both labels");
			fuzz_require(text_check(it->label_en, NULL) == ST_OK && text_check(it->label_fr, NULL) == ST_OK,
			             "labels are clean text");
			if (lists[l] == &c->professions)
				fuzz_require(it->group && config_find(&c->groups, it->group), "professions have a known group");
		}
	}
}

/* The first byte chooses: 0 a key file with the built-in configuration;
 * 1 a configuration file; 2 a configuration file, a line "%%", then a key
 * file read with that configuration. */
static inline int fuzz_keyfile(const uint8_t *d, size_t n)
{
	if (n == 0)
		return 0;
	char *s = fuzz_cstring(d + 1, n - 1);
	int mode = d[0] % 3;
	if (mode == 0) {
		fuzz_one_key(s, fuzz_builtin_config());
	} else {
		char *sep = mode == 2 ? strstr(s, "\n%%\n") : NULL;
		size_t len = sep ? (size_t)(sep - s) : strlen(s);
		struct config *c = NULL;
		struct err e = ERR_INIT;
		enum status st = config_load(fuzz_config_file(s, len), &c, &e);
		fuzz_require((st == ST_OK) == (c != NULL), "a configuration exactly when ST_OK");
		if (e.msg)
			fuzz_require(text_check(e.msg, NULL) == ST_OK, "messages are escaped");
		err_fini(&e);
		if (c) {
			fuzz_check_config(c);
			if (sep)
				fuzz_one_key(sep + 4, c);
			config_free(c);
		}
	}
	free(s);
	return 0;
}

/* ---- user text: NIR, RPPS, codes, escaping (fuzz_nir) ----------------------------------- */

/* text_is_nir as text.h describes it, written again independently: after
 * trimming blanks and one leading apostrophe, and dropping spaces, tabs,
 * dots, hyphens, underscores and the no-break spaces U+00A0 and U+202F,
 * [12] 4 digits, 2 digits or 2A/2B (either case), 6 digits, then a key of
 * 97 - N mod 97. */
static inline bool fuzz_ref_nir(const char *s)
{
	char c[16];
	size_t n = 0, len = strlen(s), a = 0;
	while (a < len && fuzz_blank(s[a]))
		a++;
	while (len > a && fuzz_blank(s[len - 1]))
		len--;
	if (a < len && s[a] == '\'')
		a++;
	for (size_t i = a; i < len; i++) {
		if (strchr(" \t.-_", s[i]))
			continue;
		if (i + 1 < len && memcmp(s + i, "\xc2\xa0", 2) == 0) {
			i += 1;
			continue;
		}
		if (i + 2 < len && memcmp(s + i, "\xe2\x80\xaf", 3) == 0) {
			i += 2;
			continue;
		}
		if (n == 15)
			return false;
		c[n++] = s[i];
	}
	if (n != 15 || (c[0] != '1' && c[0] != '2'))
		return false;
	/* Corsica: 2A and 2B count as 19 and 18. */
	if (c[5] == '2' && (c[6] == 'A' || c[6] == 'a')) {
		c[5] = '1';
		c[6] = '9';
	} else if (c[5] == '2' && (c[6] == 'B' || c[6] == 'b')) {
		c[5] = '1';
		c[6] = '8';
	}
	uint64_t num = 0;
	for (int i = 0; i < 15; i++) {
		if (c[i] < '0' || c[i] > '9')
			return false;
		if (i < 13)
			num = num * 10 + (uint64_t)(c[i] - '0');
	}
	return (c[13] - '0') * 10 + (c[14] - '0') == (int)(97 - num % 97);
}

static inline bool fuzz_ref_rpps(const char *s)
{
	if (strlen(s) != 11)
		return false;
	int sum = 0;
	for (int i = 0; i < 11; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		int v = s[i] - '0';
		if ((10 - i) % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

static inline bool fuzz_ref_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
			return false;
	}
	return true;
}

/* text.h's promises: the NIR, RPPS and code checks agree with independent
 * versions; an escaped string is clean text of the same width, and clean
 * text escapes to itself; a padded string is exactly as wide as asked;
 * trimming leaves no blank at either end. */
static inline int fuzz_nir(const uint8_t *d, size_t n)
{
	static bool locale;
	if (!locale) {
		setlocale(LC_ALL, "C.UTF-8");
		locale = true;
	}
	char *s = fuzz_cstring(d, n);
	size_t len = strlen(s);
	fuzz_require(text_is_nir(s) == fuzz_ref_nir(s), "text_is_nir agrees with text.h");
	fuzz_require(text_valid_rpps(s) == fuzz_ref_rpps(s), "text_valid_rpps agrees with the Luhn check");
	fuzz_require(text_valid_code(s) == fuzz_ref_code(s), "text_valid_code agrees with text.h");
	bool clean = text_check(s, NULL) == ST_OK;
	if (clean)
		fuzz_require(text_valid_utf8(s, len), "clean text is UTF-8");
	char *esc = text_escape(s);
	fuzz_require(esc != NULL, "text_escape");
	fuzz_require(text_check(esc, NULL) == ST_OK, "escaped text is clean");
	fuzz_require(text_width(esc) == text_width(s), "escaping keeps the width");
	if (clean)
		fuzz_require(strcmp(esc, s) == 0, "clean text escapes to itself");
	int cols = n ? d[0] % 41 : 0;
	for (int right = 0; right < 2; right++) {
		char *p = text_pad(s, cols, right);
		fuzz_require(p != NULL, "text_pad");
		fuzz_require(text_width(p) == cols, "text_pad gives exactly the columns asked");
		fuzz_require(text_check(p, NULL) == ST_OK, "padded text is clean");
		free(p);
	}
	char *t = strdup(s);
	fuzz_require(t != NULL, "out of memory");
	text_trim(t);
	size_t tl = strlen(t);
	fuzz_require(!tl || (!fuzz_blank(t[0]) && !fuzz_blank(t[tl - 1])), "text_trim trims");
	free(t);
	free(esc);
	free(s);
	return 0;
}

#endif
