/* import_internal.h: what the two files of the CSV import share: the
 * reader of one file's rows (import_read.c turns a row into a record and
 * checks it alone) and the parsed record that import.c writes. */
#ifndef QUOTEPART_IMPORT_INTERNAL_H
#define QUOTEPART_IMPORT_INTERNAL_H

#include "app_internal.h"
#include "quotepart/csv.h"

/* The drafts an import of receipts removed. */
struct drops {
	struct app_dropped *v;
	size_t n;
};

/* One row being read: the table, the row, and the column map. */
struct reader {
	const struct csv_table *csv;
	const struct csv_row *row;
	int map[16];   /* column index in the file of each known column, -1 */
	const struct column *cols;
	const struct config *cfg;
	int64_t last_activity;   /* activities up to this id were there before */
	struct member *members;  /* patients, activities: the stored members, by code */
	size_t n_members;
	struct drops *drops;     /* receipts: the drafts removed */
	struct app_import_plan *plan; /* NULL, or only planning: counts go here */
};


/* One parsed row of any table. */
union record {
	struct member m;
	struct post p;
	struct patient pa;
	struct receipt r;
	struct activity a;
};

struct parsed_post_fundings {
	struct post_funding *v;
	size_t n;
	bool given;   /* the file has a funding column: an empty cell clears */
};

/* Whether the file has the column `name`. */
bool import_has_column(const struct reader *r, const char *name);
/* Map the file's header onto table t's columns (r->cols, r->map):
 * unknown columns and missing required ones are refused, "FILE:1: ...". */
enum status import_map_header(struct reader *r, enum table t, struct err *e);
/* ST_REFUSED, "FILE:LINE: ...", when any cell of a patients file reads as
 * a French social-security number (NIR). */
enum status import_refuse_nir(const struct csv_table *csv, struct err *e);
/* Row r->row as a record of table t, checked alone (the configuration's
 * codes, the record's own rules); a post's funding into *pf (the caller
 * frees its items and array). import_record_fini frees rec either way. */
enum status import_read_record(const struct reader *r, enum table t, union record *rec,
                               struct parsed_post_fundings *pf, struct err *e);
void import_record_fini(enum table t, union record *rec);

#endif
