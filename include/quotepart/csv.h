/* csv.h: reading CSV files from spreadsheets (libcsv), and writing CSV for
 * French spreadsheets.
 *
 * Reading: a whole file into a table of strings, with the separator (';'
 * or ',') detected from the header, a UTF-8 BOM dropped, CRLF or LF,
 * quoted fields, and each row's line number kept for messages. Writing:
 * UTF-8 BOM, ';', CRLF, quoting when needed, and a guard against formula
 * injection on text cells. */
#ifndef QUOTEPART_CSV_H
#define QUOTEPART_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "quotepart/err.h"
#include "quotepart/text.h"

struct csv_row {
	char **cells;     /* owned; n cells, in the same allocation (one free) */
	size_t n;
	int line;         /* line where the record begins, 1-based */
};

struct csv_table {
	char *name;       /* for messages (the file name) */
	char **header;    /* trimmed column names, one allocation like a row */
	size_t ncols;
	struct csv_row *rows;   /* data rows, header excluded; blank lines skipped */
	size_t nrows;
};

/* Read a CSV file. Errors: ST_IO (cannot read), ST_INVALID with
 * "FILE:LINE: what" (not UTF-8, unterminated quote, a row with more cells
 * than the header, an empty file, a duplicate column). Rows with fewer
 * cells than the header are padded with empty cells. Cells are kept as
 * written (callers trim); lines end with LF, CRLF or a lone CR; rows whose
 * cells are all empty or blank (";;;") are skipped like empty lines, and so
 * are notes: rows after the header whose first cell starts with '#' and
 * whose other cells are empty; empty header names are allowed and never
 * match csv_column(). */
enum status csv_read_file(const char *path, struct csv_table **out, struct err *e);
enum status csv_read_buffer(const char *data, size_t len, const char *name,
                            struct csv_table **out, struct err *e);
void csv_table_free(struct csv_table *t);

/* Index of the column named `name` (ASCII case-insensitive), or -1. */
int csv_column(const struct csv_table *t, const char *name);

/* Writing into a growable buffer (the caller writes it to a file). */
struct csv_out {
	struct sbuf buf;
	bool row_started;
};
/* Start output: BOM. */
void csv_out_init(struct csv_out *o);
void csv_out_fini(struct csv_out *o);
/* A text cell: quoted when it holds ';', '"', CR or LF; prefixed with '
 * when it starts with '=', '+', '-', '@', tab or CR (formula guard). */
void csv_text(struct csv_out *o, const char *s);
/* A number or date cell, written as is (no guard: callers pass only
 * digits, signs and decimal commas). */
void csv_num(struct csv_out *o, const char *s);
/* End the row with CRLF. */
void csv_endrow(struct csv_out *o);

#endif
