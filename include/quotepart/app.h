/* app.h: the use cases, shared by the command line and the TUI.
 *
 * A struct app holds the open database and the loaded configuration. Every
 * change is one transaction with its audit entry; every refusal leaves the
 * database as it was. Nothing here prints: results come back as values or
 * text buffers, problems as a status and a message. */
#ifndef QUOTEPART_APP_H
#define QUOTEPART_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/config.h"
#include "quotepart/db_mode.h"
#include "quotepart/domain.h"
#include "quotepart/err.h"
#include "quotepart/text.h"

struct app;

/* Open the database at db_path (NULL: the default path) with the
 * configuration at cfg_path (NULL: the lookup order of config_load). */
enum status app_open(const char *db_path, const char *cfg_path,
                     enum db_mode mode, struct app **out, struct err *e);
void app_close(struct app *a);
const struct config *app_config(const struct app *a);

/* $QUOTEPART_DB, else $XDG_DATA_HOME/quotepart/quotepart.db (XDG default
 * ~/.local/share), creating the folder 0700. A new string. */
enum status app_default_db_path(char **out, struct err *e);
/* The same path, without creating its folder (a new string). */
enum status app_default_db_name(char **out, struct err *e);

/* Write data to path atomically: a temporary file in the same folder,
 * 0600, fsync, rename. A failure leaves any previous file untouched. A
 * symbolic link stays and its target is written; a device or a FIFO
 * (/dev/stdout, a pipe) is written to as it is, never replaced. A
 * database is never written over: see app_out_check, which runs first. */
enum status app_write_file(struct app *a, const char *path, const char *data,
                           size_t len, struct err *e);
/* ST_CANTCREAT, saying why, when path must not be replaced by an export,
 * a report or a key export: it is a database (the open one, the default
 * one, any SQLite file), or a file SQLite keeps beside one (-wal, -shm,
 * -journal, there or not yet), by any link or hard link. For writers
 * that write the file themselves (the XLSX summary), and for commands to
 * refuse before they do anything. */
enum status app_out_check(struct app *a, const char *path, struct err *e);

/* init: name the practice of a new database, or of one without a name.
 * A practice that has a name keeps it: the same name again does nothing;
 * another is refused (ST_REFUSED, saying how to rename). */
enum status app_init(struct app *a, const char *name, struct err *e);
/* init --rename: give the practice a new name (a name it already has
 * does nothing), in one transaction with its audit entry. */
enum status app_rename(struct app *a, const char *name, struct err *e);
/* demo: fill a new database with a fictitious practice (a year of data). */
enum status app_demo(struct app *a, struct err *e);
/* The practice's name (a new string; "" when not set). */
char *app_practice_name(struct app *a);

enum table {
	TABLE_MEMBERS,
	TABLE_POSTS,
	TABLE_PATIENTS,
	TABLE_RECEIPTS,
	TABLE_ACTIVITIES,
	TABLE__COUNT
};
/* "members", "posts", ...; table_parse returns false for anything else. */
const char *table_name(enum table t);
bool table_parse(const char *s, enum table *out);

/* Import a CSV file, all or nothing: the first bad line is reported as
 * "FILE:LINE: what" and nothing is written. *count: rows imported. */
enum status app_import(struct app *a, enum table t, const char *path,
                       size_t *count, struct err *e);

/* The figures of a receipt a distribution is computed from. */
enum {
	APP_FIG_SOURCE = 1,
	APP_FIG_EXERCISE = 2,
	APP_FIG_PERIOD = 4,
	APP_FIG_AMOUNT = 8
};
/* A draft removed because its receipt's figures changed under it. */
struct app_dropped {
	int64_t dist;          /* the draft's id */
	int64_t receipt_id;
	char *receipt_ref;     /* NULL when the receipt has none */
	unsigned changed;      /* APP_FIG_* */
};
void app_dropped_list_free(struct app_dropped *v, size_t n);
/* app_import, saying which drafts it removed: a receipt re-imported with
 * another source, exercise, period or amount is refused when an approved
 * distribution divides it, and loses its draft otherwise, as in the
 * receipt form. *dropped (may be NULL; app_dropped_list_free) lists them. */
enum status app_import_report(struct app *a, enum table t, const char *path,
                              size_t *count, struct app_dropped **dropped,
                              size_t *n_dropped, struct err *e);
/* What app_import_report would do with the file, without doing it: the
 * same work in a transaction rolled back. rows: the file's rows; added
 * and updated: those the import would add and update (a row repeated in
 * the file updates the one before it); refused: rows it would refuse,
 * going past each to count them, *first the first one's "FILE:LINE: what"
 * (a new string, NULL when none). A file refused as a whole (unreadable,
 * a wrong header, a NIR) is refused here as app_import refuses it.
 * app_import_plan_fini frees first. */
struct app_import_plan {
	size_t rows, added, updated, refused;
	char *first;
};
enum status app_import_plan(struct app *a, enum table t, const char *path,
                            struct app_import_plan *out, struct err *e);
void app_import_plan_fini(struct app_import_plan *p);
/* Export a table as CSV for French spreadsheets into out. */
enum status app_export(struct app *a, enum table t, struct sbuf *out,
                       struct err *e);

/* Keys. app_key_save_text parses a key file's text (`origin` names it in
 * messages) and saves it as a new version in its own transaction. */
enum status app_key_save_text(struct app *a, const char *text,
                              const char *origin, char **name, int *version,
                              bool *is_new, struct err *e);
/* The example keys shipped in config/keys/, compiled in: saved by demo. */
enum status app_key_examples(struct app *a, size_t *count, struct err *e);
/* A key file's text (a new string): at most KEY_FILE_MAX bytes, with no
 * NUL byte; ST_IO, ST_INVALID or ST_NOMEM with a message naming it. */
enum status app_key_file_read(const char *path, char **out, struct err *e);
enum status app_key_import(struct app *a, const char *path, char **name,
                           int *version, bool *is_new, struct err *e);
enum status app_key_export(struct app *a, const char *name, struct sbuf *out,
                           struct err *e);
/* The latest version of a key, parsed (key_free). */
enum status app_key_get(struct app *a, const char *name, struct key **k,
                        int64_t *version_id, struct err *e);

/* Distributions. */
struct app_dist_request {
	const char *receipt;   /* id or reference */
	int64_t receipt_id;    /* > 0: the receipt by id (`receipt` unused) */
	const char *key;       /* key name */
	bool dry_run;          /* compute only, store nothing */
	bool true_up;          /* balance against the exercise's approved
	                        * distributions */
	/* Optional: the preview the user saw. The new result must have the
	 * same receipt, amount, period, key version and mode and, line by
	 * line, the same recipient, part and cents, else ST_REFUSED and
	 * nothing is stored: the receipt or the data changed since. */
	const struct distribution *expect;
	/* Optional: when saving, set to the draft the new one replaced (its
	 * id), or 0 when the receipt had none. */
	int64_t *replaced;
};
/* Divide a receipt with a key. Unless dry_run, the result is stored as the
 * receipt's draft (replacing the previous draft), read and written in one
 * transaction. *out is filled (distribution_fini) on success, and on the
 * refusal of an `expect` not met: then it is the new result, not stored,
 * to show instead; after any other error it is empty. */
enum status app_distribute(struct app *a, const struct app_dist_request *r,
                           struct distribution *out, struct err *e);

/* A distribution named on the command line: "D12" is distribution 12;
 * anything else a receipt (id or reference), whose draft is meant, or,
 * with `any`, its latest distribution. */
enum status app_dist_resolve(struct app *a, const char *what, bool any,
                             int64_t *id, struct err *e);
/* What a command acted on, to name it: the distribution, its receipt
 * and its key. app_dist_name_fini frees it. */
struct app_dist_name {
	int64_t id;
	int64_t receipt_id;
	char *receipt_ref;     /* NULL when the receipt has none */
	char *key;
	int key_version;
	int64_t reverses;      /* the distribution it reverses, or 0 */
};
enum status app_dist_name(struct app *a, int64_t id, struct app_dist_name *out,
                          struct err *e);
void app_dist_name_fini(struct app_dist_name *n);
enum status app_approve(struct app *a, int64_t id, int32_t on,
                        const char *note, struct err *e);
/* A correction: a new draft distribution of the same receipt whose lines
 * are the exact negation of approved distribution `id`. Once approved, the
 * receipt can be divided again. Refused for a draft, a reversal, an
 * already reversed distribution, or while the receipt has a draft. */
enum status app_reverse(struct app *a, int64_t id, int64_t *new_id,
                        struct err *e);
/* Record payment of the distribution's unpaid, non-zero lines (only the
 * member's when member is not NULL). Refused for a draft and for a
 * distribution reversed by an approved reversal (nothing is left to pay).
 * A reversal pays back only the lines whose original line was paid; the
 * others cancel a line never paid: nothing to pay back. */
struct app_payment {
	size_t paid;      /* lines marked paid (paid back, for a reversal) */
	size_t nothing;   /* reversal lines whose original was never paid */
};
enum status app_pay_lines(struct app *a, int64_t id, const char *member, int32_t on,
                          const char *means, struct app_payment *out, struct err *e);
/* app_pay_lines; *count: lines marked paid. */
enum status app_pay(struct app *a, int64_t id, const char *member, int32_t on,
                    const char *means, size_t *count, struct err *e);

/* SEPA credit transfers (report_sepa) of an approved distribution: one
 * per member, of the member's unpaid pool lines summed (reservations are
 * internal accounts: never in the file), only when that sum is above 0.
 * The file is written to path whole or not at all (app_write_file: never
 * over a database), and nothing is marked paid. Refused, with no file
 * written: an unknown distribution, a draft, one an approved reversal
 * cancels, nothing to pay, an execution date before today, a practice
 * without name, IBAN or BIC (naming the settings), members to be paid
 * without an IBAN (naming them). The members' figures come back in out
 * (app_transfers_fini), those who are owed nothing or owe money too. */
struct app_transfer {
	char *member;          /* code */
	char *name;
	int64_t cents;         /* the sum of the member's unpaid lines */
};
struct app_transfers {
	int64_t id;
	int64_t receipt_id;
	char *receipt_ref;     /* NULL when the receipt has none */
	struct app_transfer *sent;   /* in the file: cents > 0 */
	size_t n_sent;
	int64_t total;               /* of sent */
	struct app_transfer *held;   /* not in it: cents <= 0 (owed back, or nothing) */
	size_t n_held;
};
void app_transfers_fini(struct app_transfers *t);
enum status app_transfers(struct app *a, int64_t id, int32_t execution, const char *path,
                          struct app_transfers *out, struct err *e);
/* Record the payment of the lines of the members t sent (what
 * app_pay_lines does for each of them), in one transaction; *count:
 * lines marked paid. */
enum status app_transfers_pay(struct app *a, const struct app_transfers *t, int32_t on,
                              const char *means, size_t *count, struct err *e);

/* check: re-derive every distribution from its stored inputs, the
 * invariant of each, the audit chain, integrity_check and
 * foreign_key_check. Problems are appended to `report` one per line;
 * ST_CORRUPT when there is any. */
struct app_check_stats {
	size_t distributions;
	size_t lines;
	int64_t audit_entries;
	char *audit_head;      /* new string */
};
enum status app_check(struct app *a, struct sbuf *report,
                      struct app_check_stats *stats, struct err *e);

/* backup: an online copy of the database. Refused (ST_CANTCREAT) over
 * the database itself or the default one, a file SQLite keeps beside a
 * database, a database another program has open, one of another
 * application, or one with a -wal or -journal beside it; an older backup
 * is replaced. */
enum status app_backup(struct app *a, const char *dest, struct err *e);

#endif
