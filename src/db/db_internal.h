/* db_internal.h: what the files of src/db share, and nobody else. */
#ifndef QUOTEPART_DB_INTERNAL_H
#define QUOTEPART_DB_INTERNAL_H

#include <sqlite3.h>
#include <sys/stat.h>

#include "quotepart/db.h"

/* 'QPAR': marks a file as ours in PRAGMA application_id (db.c writes and
 * checks it, dbfile.c reads it from the header). */
#define DB_APPLICATION_ID 0x51504152

struct db_migration {
	int version;
	const char *sql;
	/* Only adds what readers can do without (an index, a column only
	 * writers read): a read-only connection may open the version before
	 * it. */
	bool readers_compatible;
};
extern const struct db_migration db_migrations[];
extern const size_t db_n_migrations;

struct db {
	sqlite3 *h;
	char *path;
	bool readonly;
	unsigned perm;               /* the file's permission bits at open */
	int64_t own_commits;
	int64_t schema;              /* its user_version once open (upgraded or not) */
	bool check_pending;          /* DB_OPEN_DEFER_CHECK: quick_check not run yet */
	/* Cached for bulk imports (tens of thousands of rows): store.c. */
	sqlite3_stmt *patient_put;   /* INSERT */
	sqlite3_stmt *patient_upd;   /* UPDATE by code, for codes already there */
	sqlite3_stmt *gp_lookup;     /* a member's id by code */
	struct db_gp_cache *gp_cache;/* GP code -> id, for one transaction */
	bool gp_index_dropped;       /* by db_patients_bulk_begin, until _end */
	sqlite3_stmt *data_version;  /* PRAGMA data_version: polled by the TUI */
	bool held;                   /* counted in dbfile.c's open files */
	dev_t dev;                   /* the file's device and inode, when held */
	ino_t ino;
};

/* The database files this process has open (dbfile.c): db_open holds the
 * file once SQLite has it, db_close releases it, and nothing else opens a
 * held file (closing any descriptor of it would drop SQLite's locks).
 * db_file_hold is false when out of memory. */
bool db_file_held(const struct stat *sb);
bool db_file_hold(const struct stat *sb);
void db_file_release(dev_t dev, ino_t ino);

/* store.c's cached statements and GP cache: db_store_forget drops the
 * cache (at every BEGIN: a rolled-back member must not stay known, nor an
 * index a rolled-back bulk import dropped), db_store_close also finalizes
 * the statements (db_close). */
void db_store_forget(struct db *db);
void db_store_close(struct db *db);

/* Every row of a prepared statement (st is taken: finalized here), each
 * read by `row` into a new zeroed element of an allocated array: out is
 * the address of the caller's array pointer (a T **), set with *n. A row reader returns ST_OK, or why it could not read the row, in e
 * (ST_NOMEM: a string it could not copy, as db_copied says; ST_CORRUPT: a
 * code outside its set). On any failure the elements read are released
 * with `fini` (NULL: nothing to release in them), *out is NULL and *n 0;
 * `what` names the read in SQLite's message ("reading keys"). */
typedef enum status (*db_row_reader)(sqlite3_stmt *st, void *elem, struct err *e);
/* The end of a row reader: ST_OK when every string it needed was copied
 * (ok), else ST_NOMEM in e. */
enum status db_copied(bool ok, struct err *e);
typedef void (*db_elem_fini)(void *elem);
enum status db_read_rows(struct db *db, sqlite3_stmt *st, size_t elem_size, db_row_reader row,
                         db_elem_fini fini, const char *what, void *out, size_t *n, struct err *e);
/* db_read_rows of a query without parameters; the array is empty when it
 * cannot be prepared either. */
enum status db_query_rows(struct db *db, const char *sql, size_t elem_size, db_row_reader row,
                          db_elem_fini fini, const char *what, void *out, size_t *n, struct err *e);
/* A row reader of the first column as an int64_t (ids). */
enum status db_read_id(sqlite3_stmt *st, void *elem, struct err *e);

/* db_prepare, then bind the first parameter: a text (NULL: SQL NULL), or
 * an int64_t. */
enum status db_prepare_text(struct db *db, const char *sql, const char *p1, sqlite3_stmt **st,
                            struct err *e);
enum status db_prepare_id(struct db *db, const char *sql, int64_t p1, sqlite3_stmt **st,
                          struct err *e);
/* Step st (taken: finalized here) for its first row, read by `row` into
 * elem; *found (may be NULL) says whether there was one. Failures are
 * db_fail(what), or the reader's status (the caller releases what the
 * reader put in elem). */
enum status db_step_one(struct db *db, sqlite3_stmt *st, db_row_reader row, void *elem,
                        const char *what, bool *found, struct err *e);
/* Run a prepared write to completion (st is taken: finalized here);
 * failures are db_fail(what). */
enum status db_step_done(struct db *db, sqlite3_stmt *st, const char *what, struct err *e);
/* Step a write ending in RETURNING id (st taken): *id (may be NULL) gets
 * it. With `refuse`, a UNIQUE conflict is ST_REFUSED, e left for the
 * caller to word (db_fail never gives that status); other failures
 * db_fail(what). */
enum status db_step_returning(struct db *db, sqlite3_stmt *st, const char *what,
                              bool refuse, int64_t *id, struct err *e);
/* sql with its one parameter bound to `param`: db_exec_id runs it as a
 * write, db_query_id reads the first column of its first row into *v (0
 * when there is no row). Failures are db_fail(what). */
enum status db_exec_id(struct db *db, const char *sql, int64_t param, const char *what,
                       struct err *e);
/* A write with one or two text parameters (p2 is bound only when sql has
 * a second one); NULL binds SQL NULL. Failures are db_fail(what). */
enum status db_exec_texts(struct db *db, const char *sql, const char *p1, const char *p2,
                          const char *what, struct err *e);
enum status db_query_id(struct db *db, const char *sql, int64_t param, const char *what,
                        int64_t *v, struct err *e);

/* Map the last SQLite error of db to a status and message in e. */
enum status db_fail(struct db *db, struct err *e, const char *what);
/* Prepare a statement (the caller finalizes). */
enum status db_prepare(struct db *db, const char *sql, sqlite3_stmt **st,
                       struct err *e);
/* Bind helpers: NULL strings and DATE_NONE bind SQL NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_date(sqlite3_stmt *st, int i, int32_t date);
/* Column helpers: a new string (NULL for SQL NULL), a date (DATE_NONE for
 * NULL). */
char *db_col_text(sqlite3_stmt *st, int i);
int32_t db_col_date(sqlite3_stmt *st, int i);

/* The row reader of activities (lists.c): member code, day, kind, hours,
 * note, id. */
enum status db_read_activity(sqlite3_stmt *st, void *elem, struct err *e);

/* Write r's fields over the receipt r->id, its reference included
 * (store.c); unreferenced: only when that receipt has no reference, which
 * is then left as it is. *changed says whether a receipt was written. */
enum status db_receipt_set(struct db *db, const struct receipt *r, bool unreferenced,
                           bool *changed, struct err *e);

/* The closed sets of a distribution (domain.h) as stored text
 * (codes.c): the text of a value (NULL outside the set), and the value of
 * a text read from the database (s may be NULL): ST_CORRUPT with a
 * message naming the column for any text outside the set, *out then the
 * set's first value. */
const char *db_line_kind_to_text(enum line_kind k);
const char *db_dist_mode_to_text(enum dist_mode m);
const char *db_dist_status_to_text(enum dist_status s);
enum status db_line_kind_from_text(const char *s, enum line_kind *out, struct err *e);
enum status db_dist_mode_from_text(const char *s, enum dist_mode *out, struct err *e);
enum status db_dist_status_from_text(const char *s, enum dist_status *out, struct err *e);

#endif
