/* app_internal.h: what the files of src/app share, and nobody else. */
#ifndef QUOTEPART_APP_INTERNAL_H
#define QUOTEPART_APP_INTERNAL_H

#include "quotepart/app.h"
#include "quotepart/app_store.h"
#include "quotepart/app_edit.h"
#include "quotepart/expected.h"
#include "quotepart/text.h"

struct app_change;

/* The changes this session made through the editors, for undo and redo
 * (undo.c): a bounded stack of those done and one of those undone, each
 * oldest first; per kind of record (APP_UNDO_*, bit i), the latest change
 * when it cannot be undone (else NULL), and when that kind last changed,
 * on the history's clock. */
#define APP_HISTORY_MAX 100
#define APP_UNDO_GROUPS 7
struct app_history {
	struct app_change *done[APP_HISTORY_MAX];
	struct app_change *undone[APP_HISTORY_MAX];
	size_t n_done, n_undone;
	struct app_change *final[APP_UNDO_GROUPS];
	uint64_t when[APP_UNDO_GROUPS];
	uint64_t clock;
};

struct app {
	struct db *db;
	struct config *cfg;
	struct app_history hist;
};

/* Forget the whole history (undo.c), at the end of the session. */
void app_history_fini(struct app *a);
/* Remember that app_key_save replaced `before` (taken; NULL for a new key,
 * which cannot be undone) by `after` (taken, for redo), version `version`
 * of key `name`. */
void app_remember_key(struct app *a, const char *name, struct key *before, struct key *after,
                      int version);

/* Store k as a new version of its key in one transaction with an audit
 * entry (action, "NAME version N from ORIGIN"), after parsing its
 * canonical text back as an import would. expect: -1 any, 0 the name must
 * be free, N the latest version must be N (ST_REFUSED otherwise). */
enum status app_key_store(struct app *a, const struct key *k, int expect,
                          const char *action, const char *origin, int *version,
                          bool *is_new, struct err *e);

/* A percentage or a number of hundredths as people write it, into buf
 * (MONEY_BUFSZ): 1250 -> "12,5" (decimal comma in French), 3000 -> "30". */
void app_hundredths_text(int64_t v, char *buf, size_t size);

/* The funding shares of one post, as the form and the import check them:
 * a known source, a share above 0 and at most 100 %, a start date, an end
 * not before it, and on no day more than 100 % in all (the message names
 * the first such day and the total). */
enum status app_fundings_check(const struct config *cfg, const struct post_funding *v,
                               size_t n, struct err *e);

/* The contract's rules between records of people (people.c), read from
 * the store: patient_gp_validate against the patient's GP, and
 * activity_member_validate against the entry's member (ST_OK when there
 * is no such member: the store refuses the record then). */
enum status app_patient_gp_check(struct app *a, const struct patient *p, struct err *e);
enum status app_activity_member_check(struct app *a, const struct activity *x, struct err *e);
/* When `after` changes a stored member's dates or profession: ST_REFUSED
 * naming the first stored record the change would break (the earliest
 * activity outside the new dates, else the first patient, by code, whose
 * enrolment would fall outside them or who would have no GP). Inside the
 * writing transaction. */
enum status app_member_conflicts(struct app *a, const struct member *after, struct err *e);

/* app_field_check for the settings of key parts (keyedit.c); s trimmed. */
enum status app_key_field_check(struct app *a, enum app_field f, const char *s,
                                struct err *e);

/* The figures a distribution is computed from that differ between two
 * versions of a receipt (APP_FIG_*, 0 when none). */
unsigned app_receipt_figures(const struct receipt *x, const struct receipt *y);
/* Inside the caller's transaction, before the stored receipt `before`
 * becomes `after` (the receipt form and `import receipts` alike): when a
 * figure changes (*changed, may be NULL), refused (ST_FROZEN) if an
 * approved distribution divides the receipt, else its draft, computed on
 * the old figures, is removed and *dropped gets its id (0: none). */
enum status app_receipt_refigure(struct app *a, const struct receipt *before,
                                 const struct receipt *after, int64_t *dropped,
                                 unsigned *changed, struct err *e);

/* Copy the configuration's professions into the database (inside the
 * caller's transaction). */
enum status app_sync_professions(struct app *a, struct err *e);

/* Write an audit entry whose detail is printf-formatted (inside the
 * caller's transaction). */
enum status app_audit(struct app *a, const char *action, struct err *e,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Who is about to write a file the user named: --out, a report or a key
 * export (replaced by a file of its own), or a backup (a database). */
enum app_writer { APP_WRITE_OUT, APP_WRITE_BACKUP };
/* ST_CANTCREAT, saying why, when w must not write over path (guard.c):
 * the open or the default database or a file SQLite keeps beside one,
 * through any link; for --out any SQLite file; for a backup a database
 * another program has open, one of another application, or one with a
 * -wal or -journal beside it. Nothing is written. */
enum status app_file_guard(struct app *a, const char *path, enum app_writer w,
                           struct err *e);
/* ST_INVALID when path, about to be read by an import, is the open
 * database, a file SQLite keeps beside it, or any SQLite file (guard.c):
 * reading one would drop this process's locks on it. */
enum status app_read_check(struct app *a, const char *path, struct err *e);

/* The forecast's files and saved estimates (forecast.c), shared by the
 * ACI and the PEPS: store b as the file of kind and exercise (replacing
 * it) with its audit entry "KIND import", in one transaction; the body
 * of the stored one (new string), or appended to out, ST_NOTFOUND saying
 * how to import one when there is none; replace the expected
 * instalments of origin, source and exercise by v[0..n) (their exercise
 * set here), with the audit entry "estimate save" and its detail. A
 * store with `was` is refused (ST_REFUSED, nothing changed) unless the
 * stored file is still that text, read in the same transaction. */
enum status app_forecast_store(struct app *a, const char *kind, int exercise, const char *rules,
                               const struct sbuf *b, const char *was, const char *path, struct err *e);
enum status app_forecast_body(struct app *a, const char *kind, int exercise, char **body,
                              struct err *e);
enum status app_forecast_export(struct app *a, const char *kind, int exercise, struct sbuf *out,
                                struct err *e);
enum status app_forecast_save(struct app *a, const char *origin, const char *source, int exercise,
                              struct expected *v, size_t n, const char *detail, struct err *e);

/* Columns of each table, in export order; `required` ones must be in an
 * imported file's header, the others may be left out (tables.c). The
 * list ends with a NULL name; app_table_column(t, i) is its i-th name. */
struct column {
	const char *name;
	bool required;
};
const struct column *app_table_columns(enum table t);
const char *app_table_column(enum table t, int i);

/* The example keys of config/keys/, compiled in (build/gen). */
struct qp_example_key {
	const char *file;
	const char *text;
};
extern const struct qp_example_key qp_example_keys[];
extern const size_t qp_n_example_keys;

#endif
