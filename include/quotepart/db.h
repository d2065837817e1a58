/* db.h: the store. The only module that talks to SQLite.
 *
 * Every connection is opened the same way (foreign keys on, untrusted
 * schema, WAL, synchronous=FULL, a busy timeout, a page cache of up to
 * 64 MiB), checked (application id, schema version, quick_check, which
 * DB_OPEN_DEFER_CHECK lets a caller run later) and migrated. Every change
 * is one BEGIN IMMEDIATE ... COMMIT (db_begin/db_commit) with an audit
 * entry written inside it (db_audit). Functions return a status and fill
 * a struct err; they never print. */
#ifndef QUOTEPART_DB_H
#define QUOTEPART_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/alloc.h"
#include "quotepart/domain.h"
#include "quotepart/err.h"
#include "quotepart/db_mode.h"
#include "quotepart/text.h"

struct db;


/* The schema version this program writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 5

/* Open and check a database, migrating it when older (each migration one
 * transaction); a reader (DB_READONLY, or a file we may not write) opens
 * an older version as it is when the migrations since only add indexes,
 * else ST_READONLY. A file that is not an SQLite database, another
 * application's database or a newer schema is refused (ST_NOTDB) and never
 * written. New files are created 0600.
 * *out is freed with db_close. */
enum status db_open(const char *path, enum db_mode mode, struct db **out,
                    struct err *e);
void db_close(struct db *db);
/* The quick_check that DB_OPEN_DEFER_CHECK left out: ST_CORRUPT, naming
 * the damage, when it fails (ST_NOTDB or ST_IO when SQLite cannot read
 * the pages at all). It runs once per connection: ST_OK at once when it
 * already ran, as db_open does for every other mode. */
enum status db_quick_check(struct db *db, struct err *e);
const char *db_path(const struct db *db);
bool db_readonly(const struct db *db);
/* The file's permission bits when its group or others may read or write
 * it (the data is about people's pay: it should be 0600), else 0. */
unsigned db_exposed_mode(const struct db *db);

/* Transactions: BEGIN IMMEDIATE (waits for other writers up to the busy
 * timeout, then ST_BUSY), COMMIT, ROLLBACK. */
enum status db_begin(struct db *db, struct err *e);
enum status db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/* A read transaction: every read until db_end_read sees the database as
 * one commit left it, whatever other connections commit meanwhile (in WAL
 * mode they go on writing; without the transaction, each statement would
 * see a later state than the one before). The snapshot is taken at once,
 * not at the first read. db_end_read ends it (and does nothing when no
 * transaction is open); nothing is written either way. */
enum status db_begin_read(struct db *db, struct err *e);
void db_end_read(struct db *db);

/* Append to the audit log inside the current transaction: when (UTC),
 * who (the OS user), what; chained by SHA-256 to the previous entry. */
enum status db_audit(struct db *db, const char *action, const char *detail,
                     struct err *e);

/* Walk the audit chain from the first entry: every entry's `prev` must be
 * the hash before it and its hash must match its content. ST_CORRUPT names
 * the first broken entry. *entries counts the good ones; *head (may be
 * NULL; a new string) is the last hash, printed on exports so that a copy
 * handed out can expose a later rewrite. */
enum status db_audit_verify(struct db *db, int64_t *entries, char **head,
                            struct err *e);

/* The hash of the last audit entry (64 hex digits; "" when the log is
 * empty) and the number of entries, as stored: cheap, for printing on
 * every export and report (db_audit_verify checks them). */
enum status db_audit_head(struct db *db, char head[65], int64_t *entries,
                          struct err *e);

/* What a file is to SQLite, told by its first bytes without opening it
 * as a database (links followed; DB_FILE_OTHER for a file that is absent,
 * not regular, unreadable or anything else). */
enum db_file_kind {
	DB_FILE_OTHER,
	DB_FILE_DATABASE,    /* "SQLite format 3" */
	DB_FILE_WAL,         /* a write-ahead log */
	DB_FILE_JOURNAL      /* a rollback journal */
};
enum db_file_kind db_file_kind(const char *path);
/* A database file whose application id is quotepart's. */
bool db_file_is_ours(const char *path);
/* Whether another process has the database at path open (its connection
 * to a WAL database holds SQLite's shared lock), or is reading or writing
 * it in rollback mode. False when it cannot be told (no such file). */
bool db_file_in_use(const char *path);
/* The names SQLite gives the files it keeps beside a database: PATH-wal,
 * PATH-shm, PATH-journal; NULL-terminated. */
extern const char *const db_side_suffixes[];

/* Copy the whole database to `dest` with SQLite's online backup API;
 * dest is written to a temporary name, made 0600, then renamed. */
enum status db_backup(struct db *db, const char *dest, struct err *e);

/* A change counter that moves when any connection commits (PRAGMA
 * data_version, plus this connection's own commits): the TUI polls it to
 * reload what another process changed. */
int64_t db_data_version(struct db *db);

/* Practice settings stored in the database (name...). *value is a new
 * string, NULL when unset; setting NULL removes the setting. */
enum status db_setting_get(struct db *db, const char *name, char **value,
                           struct err *e);
enum status db_setting_set(struct db *db, const char *name, const char *value,
                           struct err *e);

/* Professions known to the database (copied from the configuration when
 * members are written: the foreign key of members.profession). */
enum status db_profession_put(struct db *db, const char *code,
                              const char *group, struct err *e);

/* Writes, inside a transaction opened by the caller. Members, posts,
 * patients are inserted or updated by code; receipts by reference, or
 * without one by id (r->id > 0 of a receipt without reference), else
 * inserted; activities and fundings appended.
 * *id (may be NULL) receives the row id. */
enum status db_member_put(struct db *db, const struct member *m, int64_t *id,
                          struct err *e);
enum status db_post_put(struct db *db, const struct post *p, int64_t *id,
                        struct err *e);
enum status db_funding_add(struct db *db, const struct post_funding *f,
                           struct err *e);
/* Replace all fundings of a post (import of posts). */
enum status db_funding_clear(struct db *db, const char *post, struct err *e);
enum status db_patient_put(struct db *db, const struct patient *p,
                           struct err *e);
/* Around the db_patient_put calls of an import of `rows` patients: when
 * that is more than the table holds, db_patients_bulk_begin drops the
 * index on (GP, enrolled, left) and db_patients_bulk_end builds it again,
 * both inside the caller's transaction (a rollback restores it with the
 * rest). One sort then replaces an insertion at a random place of the
 * index for every row, which slows down faster than the rows grow once
 * the index outgrows the processor's caches. Otherwise both do nothing. */
enum status db_patients_bulk_begin(struct db *db, size_t rows, struct err *e);
enum status db_patients_bulk_end(struct db *db, struct err *e);
enum status db_receipt_put(struct db *db, const struct receipt *r, int64_t *id,
                           struct err *e);
enum status db_activity_add(struct db *db, const struct activity *a,
                            struct err *e);
/* The largest activity id (0 when none), and how many activities like
 * a (same member, day, kind, hours and note) have an id in (after, upto]:
 * an import refuses a file already imported instead of doubling hours,
 * an undo of a removal refuses hours entered again since. */
enum status db_activity_last_id(struct db *db, int64_t *id, struct err *e);
enum status db_activity_count_like(struct db *db, const struct activity *a, int64_t after,
                                   int64_t upto, int64_t *n, struct err *e);

/* Reads. Arrays are allocated; free each element with its *_fini and the
 * array with free(), or with the *_list_free helpers. */
enum status db_members(struct db *db, struct member **out, size_t *n,
                       struct err *e);
enum status db_member_get(struct db *db, const char *code, struct member *out,
                          struct err *e);
enum status db_posts(struct db *db, struct post **out, size_t *n,
                     struct err *e);
enum status db_fundings(struct db *db, struct post_funding **out, size_t *n,
                        struct err *e);
enum status db_receipts(struct db *db, struct receipt **out, size_t *n,
                        struct err *e);
/* A receipt by id ("12") or by reference. ST_NOTFOUND when neither. */
enum status db_receipt_find(struct db *db, const char *id_or_ref,
                            struct receipt *out, struct err *e);
/* A receipt by row id. */
enum status db_receipt_get(struct db *db, int64_t id, struct receipt *out,
                           struct err *e);
enum status db_activities(struct db *db, struct activity **out, size_t *n,
                          struct err *e);
/* Patients one at a time (there may be tens of thousands). The callback
 * returns ST_OK to go on; anything else stops and is returned. */
typedef enum status (*db_patient_cb)(const struct patient *p, void *ctx);
enum status db_patients_each(struct db *db, db_patient_cb cb, void *ctx,
                             struct err *e);
enum status db_count(struct db *db, const char *table, int64_t *n,
                     struct err *e);


/* The engine's view of the members over a period: every member, with
 * patient-days and end-of-period patients per GP and hours by kind inside
 * [start, end], computed by aggregate queries. The strings and hours are
 * owned by *out; released by db_alloc_members_fini. */
struct db_alloc_members {
	struct alloc_member *v;
	size_t n;
	/* storage behind v's strings and hours */
	char **strings;
	size_t n_strings;
	struct alloc_hours *hours;
	size_t n_hours;
};
enum status db_alloc_members(struct db *db, int32_t start, int32_t end,
                             struct db_alloc_members *out, struct err *e);
void db_alloc_members_fini(struct db_alloc_members *m);

/* Keys, versioned. Saving a body equal to the latest version's makes no
 * new version. *version and *version_id (may be NULL) tell which. */
enum status db_key_save(struct db *db, const char *name, const char *body,
                        int *version, int64_t *version_id, bool *is_new,
                        struct err *e);
/* The latest version of a key by name (ST_NOTFOUND when none), or a given
 * version id. *body is a new string. */
enum status db_key_latest(struct db *db, const char *name, char **body,
                          int *version, int64_t *version_id, struct err *e);
enum status db_key_version(struct db *db, int64_t version_id, char **name,
                           char **body, int *version, struct err *e);
enum status db_keys(struct db *db, struct key_info **out, size_t *n,
                    struct err *e);

/* Distributions. db_dist_save stores d (header, parts and lines) as a
 * draft, replacing the receipt's previous draft; d->id is set. */
enum status db_dist_save(struct db *db, struct distribution *d, struct err *e);
/* The source and exercise of its receipt that distribution `id` was
 * computed from (new strings; NULL when not recorded: a distribution
 * made before version 3 of the schema). A writer's read: db_dist_get,
 * which readers of older files use, leaves them out. */
enum status db_dist_origin(struct db *db, int64_t id, char **source,
                           char **exercise, struct err *e);
/* Load one distribution whole (ST_NOTFOUND when none). */
enum status db_dist_get(struct db *db, int64_t id, struct distribution *out,
                        struct err *e);
/* Ids of distributions, newest first: all (receipt_id 0), or a receipt's. */
enum status db_dist_ids(struct db *db, int64_t receipt_id, int64_t **ids,
                        size_t *n, struct err *e);
/* Ids of the approved distributions the true-up `id` subtracts: those of
 * the other receipts of its receipt's source and exercise, made before it
 * (a smaller id), reversals included, in id order. *ids is allocated
 * (free(); NULL when *n is 0). */
enum status db_dist_earlier_ids(struct db *db, int64_t id, int64_t **ids, size_t *n,
                                struct err *e);
/* The draft of a receipt, if any: *id = 0 when none. */
enum status db_dist_draft_of(struct db *db, int64_t receipt_id, int64_t *id,
                             struct err *e);
/* Remove the draft distribution of a receipt, if any; *dropped (may be
 * NULL) gets its id, or 0. Approved distributions are never touched. */
enum status db_dist_drop_draft(struct db *db, int64_t receipt_id, int64_t *dropped,
                               struct err *e);
/* Approve a draft: status, date and note. ST_FROZEN when already
 * approved. */
enum status db_dist_approve(struct db *db, int64_t id, int32_t on,
                            const char *note, struct err *e);
/* Record a payment of one line (its full amount). ST_FROZEN when already
 * paid; ST_INVALID when the distribution is not approved. */
enum status db_dist_pay(struct db *db, int64_t line_id, int32_t on,
                        const char *means, struct err *e);
/* What approved distributions of receipts of (source, exercise), other
 * than `except_receipt`, gave each (recipient, label): summed cents. */
struct db_given {
	char *recipient;
	char *label;
	enum line_kind kind;
	int idx;
	int64_t cents;
};
enum status db_dist_given(struct db *db, const char *source, const char *exercise,
                          int64_t except_receipt, struct db_given **out,
                          size_t *n, struct err *e);
void db_given_list_free(struct db_given *v, size_t n);
/* Whether a receipt's money is divided by an approved distribution in
 * force: approved distributions outnumber approved reversals. */
enum status db_dist_has_approved(struct db *db, int64_t receipt_id,
                                 bool *yes, struct err *e);
/* The approved distribution in force of the receipt (*id 0: none): the
 * latest that is not a reversal nor undone by an approved reversal. */
enum status db_dist_in_force(struct db *db, int64_t receipt_id, int64_t *id, struct err *e);

/* The distribution (draft or approved) that reverses `id`, 0 if none. */
enum status db_dist_reversal_of(struct db *db, int64_t id, int64_t *by,
                                struct err *e);

/* The approved reversal of `id`, 0 if none (a draft reversal is not). */
enum status db_dist_approved_reversal_of(struct db *db, int64_t id, int64_t *by,
                                         struct err *e);

/* PRAGMA integrity_check and foreign_key_check: each problem appended to
 * report as a line; *problems counts them. */
enum status db_integrity(struct db *db, struct sbuf *report, size_t *problems,
                         struct err *e);

#endif
