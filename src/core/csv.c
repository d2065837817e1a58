/* csv.c: CSV files from spreadsheets in (libcsv, with the separator
 * guessed from the header and each record's line kept for messages), and
 * CSV for French spreadsheets out (BOM, ';', CRLF, formula guard). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "quotepart/array.h"
#include "quotepart/csv.h"
#include "quotepart/i18n.h"

#define UTF8_BOM "\xEF\xBB\xBF"

/* Length of the physical line starting at d[pos], terminator included.
 * A line ends with LF, CRLF or a lone CR (old Mac exports), the same
 * characters libcsv ends records with, so line numbers and records agree. */
static size_t line_len(const char *d, size_t len, size_t pos)
{
	size_t i = pos;

	while (i < len && d[i] != '\n' && d[i] != '\r')
		i++;
	if (i < len) {
		if (d[i] == '\r' && i + 1 < len && d[i + 1] == '\n')
			i++;
		i++;
	}
	return i - pos;
}

static bool has_content(const char *line, size_t n)
{
	return n > 0 && line[0] != '\n' && line[0] != '\r';
}

/* ';' when the header record has more of them than commas outside quotes,
 * else ','. The header is the first line that is not empty. */
static unsigned char detect_delim(const char *d, size_t len, size_t pos)
{
	size_t semi = 0, comma = 0;
	bool quoted = false;

	while (pos < len && (d[pos] == '\n' || d[pos] == '\r'))
		pos++;
	for (; pos < len; pos++) {
		char c = d[pos];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ';')
			semi++;
		else if (c == ',')
			comma++;
	}
	return semi > comma ? ';' : ',';
}

/* Cells are kept exactly as written: callers decide what blanks mean. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* The record being read is kept as its cells' bytes, each followed by a
 * NUL, in one buffer reused from record to record; a record taken into
 * the table becomes one allocation: its cell pointers, then the bytes. */
struct reader {
	const char *name;
	struct csv_table *t;
	char *buf;           /* the open record's cells */
	size_t len, buf_cap;
	size_t *off;         /* where each cell starts in buf */
	size_t n, off_cap;
	size_t rows_cap;
	bool have_header;
	bool open;           /* a record has started and not ended */
	int rec_line;        /* where the open record started */
	enum status st;
	struct err *e;
};

static void reader_nomem(struct reader *r)
{
	if (r->st == ST_OK)
		r->st = err_set(r->e, ST_NOMEM, NULL);
}

/* A capacity of at least `need`, doubling from `cap`. */
static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->st != ST_OK)
		return;
	if (!array_grow(&r->off, &r->off_cap, r->n + 1, sizeof *r->off) ||
	    !array_grow(&r->buf, &r->buf_cap, r->len + len + 1, 1)) {
		reader_nomem(r);
		return;
	}
	/* libcsv may pass NULL for an empty field: no memcpy from it. */
	if (len > 0)
		memcpy(r->buf + r->len, s, len);
	r->buf[r->len + len] = '\0';
	r->off[r->n++] = r->len;
	r->len += len + 1;
}

/* A record whose cells are all empty or blank: what spreadsheets write for
 * an empty row (";;;"), skipped like an empty line. The cells' bytes and
 * their NULs are all there is in buf. */
static bool record_blank(const struct reader *r)
{
	for (size_t i = 0; i < r->len; i++)
		if (r->buf[i] && !strchr(" \t\r\n\v\f", r->buf[i]))
			return false;
	return true;
}

/* The open record as one block: `ncols` cell pointers (cells past the
 * record's are empty), then the bytes. NULL when out of memory. */
static char **pack(const struct reader *r, size_t ncols)
{
	size_t ptrs = ncols * sizeof(char *);
	char **cells = malloc(ptrs + r->len + (ncols - r->n));
	if (!cells)
		return NULL;
	char *bytes = (char *)cells + ptrs;
	if (r->len)
		memcpy(bytes, r->buf, r->len);
	for (size_t i = 0; i < r->n; i++)
		cells[i] = bytes + r->off[i];
	/* Spreadsheets drop trailing empty cells: give them back. */
	for (size_t i = r->n; i < ncols; i++) {
		cells[i] = bytes + r->len + (i - r->n);
		cells[i][0] = '\0';
	}
	return cells;
}

static bool same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

static void take_header(struct reader *r)
{
	struct csv_table *t = r->t;
	char **cells = pack(r, r->n);

	if (!cells) {
		reader_nomem(r);
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		text_trim(cells[i]);
	/* Empty names (a trailing separator) are allowed and never clash:
	 * nothing can ask for them. */
	for (size_t i = 0; i < r->n; i++) {
		if (!cells[i][0])
			continue;
		for (size_t j = 0; j < i; j++) {
			if (same_name(cells[i], cells[j])) {
				char *esc = text_escape(cells[i]);
				r->st = err_set(r->e, ST_INVALID,
				                _("%s:%d: duplicate column \"%s\""),
				                r->name, r->rec_line, esc ? esc : "?");
				free(esc);
				free(cells);
				return;
			}
		}
	}
	t->header = cells;
	t->ncols = r->n;
	r->have_header = true;
}

static void take_row(struct reader *r)
{
	struct csv_table *t = r->t;

	if (r->n > t->ncols) {
		r->st = err_set(r->e, ST_INVALID,
		                _("%s:%d: %zu cells but the header has %zu columns"),
		                r->name, r->rec_line, r->n, t->ncols);
		return;
	}
	if (!array_grow(&t->rows, &r->rows_cap, t->nrows + 1, sizeof *t->rows)) {
		reader_nomem(r);
		return;
	}
	char **cells = pack(r, t->ncols);
	if (!cells) {
		reader_nomem(r);
		return;
	}
	t->rows[t->nrows].cells = cells;
	t->rows[t->nrows].n = t->ncols;
	t->rows[t->nrows].line = r->rec_line;
	t->nrows++;
}

/* A data record of one cell starting with '#', the others empty: a note,
 * such as the audit head that exports of earlier versions ended with. */
static bool record_note(const struct reader *r)
{
	if (!r->have_header || r->n == 0 || r->buf[r->off[0]] != '#')
		return false;
	for (size_t i = 1; i < r->n; i++)
		if (r->buf[r->off[i]])
			return false;
	return true;
}

static void on_record(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	r->open = false;
	if (r->st == ST_OK && !record_blank(r) && !record_note(r)) {
		if (!r->have_header)
			take_header(r);
		else
			take_row(r);
	}
	r->n = r->len = 0;
}

/* Before parsing: the whole file must be UTF-8 text, else nothing after
 * would make sense (a Latin-1 or UTF-16 export). */
static enum status check_text(const char *d, size_t len, size_t pos,
                              const char *name, struct err *e)
{
	for (int line = 1; pos < len; line++) {
		size_t n = line_len(d, len, pos);
		if (memchr(d + pos, '\0', n) || !text_valid_utf8(d + pos, n))
			return err_set(e, ST_INVALID,
			               _("%s:%d: not valid UTF-8 (save the file as CSV UTF-8)"),
			               name, line);
		pos += n;
	}
	return ST_OK;
}

static enum status parse(struct reader *r, const char *d, size_t len, size_t pos)
{
	struct csv_parser p;
	int line = 1;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return err_set(r->e, ST_NOMEM, NULL);
	csv_set_delim(&p, detect_delim(d, len, pos));
	csv_set_space_func(&p, no_space);

	/* One physical line at a time, so that we know which line a record
	 * starts on, and which line a parse error is on. */
	for (; pos < len && r->st == ST_OK; line++) {
		size_t n = line_len(d, len, pos);
		if (!r->open && has_content(d + pos, n)) {
			r->open = true;
			r->rec_line = line;
		}
		if (csv_parse(&p, d + pos, n, on_field, on_record, r) != n) {
			if (r->st != ST_OK)
				break;
			if (csv_error(&p) == CSV_EPARSE)
				r->st = err_set(r->e, ST_INVALID,
				                _("%s:%d: misplaced quote (a cell with quotes must "
				                  "be enclosed in quotes, inner quotes doubled)"),
				                r->name, line);
			else
				r->st = err_set(r->e, ST_NOMEM, NULL);
			break;
		}
		pos += n;
	}
	if (r->st == ST_OK && csv_fini(&p, on_field, on_record, r) != 0)
		r->st = err_set(r->e, ST_INVALID, _("%s:%d: unterminated quoted field"),
		                r->name, r->rec_line);
	csv_free(&p);
	return r->st;
}

enum status csv_read_buffer(const char *data, size_t len, const char *name,
                            struct csv_table **out, struct err *e)
{
	struct reader r;
	size_t pos = 0;
	enum status st;

	*out = NULL;
	if (!name)
		name = "-";
	if (len >= 3 && memcmp(data, UTF8_BOM, 3) == 0)
		pos = 3;
	if ((st = check_text(data, len, pos, name, e)) != ST_OK)
		return st;

	memset(&r, 0, sizeof r);
	r.name = name;
	r.e = e;
	r.st = ST_OK;
	r.t = calloc(1, sizeof *r.t);
	if (!r.t || !(r.t->name = strdup(name))) {
		free(r.t);
		return err_set(e, ST_NOMEM, NULL);
	}
	st = parse(&r, data, len, pos);
	free(r.buf);
	free(r.off);
	if (st == ST_OK && !r.have_header)
		st = err_set(e, ST_INVALID, _("%s: empty file"), name);
	if (st != ST_OK) {
		csv_table_free(r.t);
		return st;
	}
	*out = r.t;
	return ST_OK;
}

enum status csv_read_file(const char *path, struct csv_table **out, struct err *e)
{
	*out = NULL;
	struct sbuf b;
	sb_init(&b);
	int err_no;
	enum status st = text_read_file(path, 0, &b, &err_no);
	if (st == ST_NOTFOUND || st == ST_IO)
		return err_set(e, ST_IO, st == ST_NOTFOUND ? _("%s: cannot open: %s") : _("%s: cannot read: %s"), path,
		               strerror(err_no));
	if (st != ST_OK)
		return err_set(e, st, NULL);
	st = csv_read_buffer(b.s ? b.s : "", b.len, path, out, e);
	sb_fini(&b);
	return st;
}

void csv_table_free(struct csv_table *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->header);   /* one block per row: pointers and bytes */
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].cells);
	free(t->rows);
	free(t);
}

int csv_column(const struct csv_table *t, const char *name)
{
	if (!t || !name || !name[0])
		return -1;
	for (size_t i = 0; i < t->ncols; i++)
		if (same_name(t->header[i], name))
			return (int)i;
	return -1;
}

void csv_out_init(struct csv_out *o)
{
	sb_init(&o->buf);
	sb_add(&o->buf, UTF8_BOM);
	o->row_started = false;
}

void csv_out_fini(struct csv_out *o)
{
	sb_fini(&o->buf);
	o->row_started = false;
}

static void put_cell(struct csv_out *o, const char *s, bool guard)
{
	if (!s)
		s = "";
	if (o->row_started)
		sb_addn(&o->buf, ";", 1);
	o->row_started = true;

	bool quote = strpbrk(s, ";\"\r\n") != NULL;
	/* A leading apostrophe makes spreadsheets read the cell as text
	 * instead of running it as a formula. */
	bool apos = guard && s[0] && strchr("=+-@\t\r", s[0]);
	if (quote)
		sb_addn(&o->buf, "\"", 1);
	if (apos)
		sb_addn(&o->buf, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sb_addn(&o->buf, "\"\"", 2);
		else
			sb_addn(&o->buf, p, 1);
	}
	if (quote)
		sb_addn(&o->buf, "\"", 1);
}

void csv_text(struct csv_out *o, const char *s)
{
	put_cell(o, s, true);
}

void csv_num(struct csv_out *o, const char *s)
{
	/* Quoting would never be needed for a number; it stays only to keep
	 * the file well formed whatever a caller passes. */
	put_cell(o, s, false);
}

void csv_endrow(struct csv_out *o)
{
	sb_addn(&o->buf, "\r\n", 2);
	o->row_started = false;
}
