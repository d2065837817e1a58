/* edit_internal.h: what the files of the record editors share (fields.c,
 * undo.c, edit_people.c, edit_money.c, statement.c), and nobody else. */
#ifndef QUOTEPART_EDIT_INTERNAL_H
#define QUOTEPART_EDIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app_internal.h"

/* ---- fields.c ---- */

/* "a, b, c": the codes of a list, for "one of ..." messages (a new string,
 * NULL when out of memory). */
char *code_list(const struct codelist *l);

/* ---- undo.c: shared by the edits ---- */

/* NULL and "" both mean "none" for optional fields. */
bool same_text(const char *x, const char *y);
/* strdup, or NULL for NULL. */
char *dup_or_null(const char *s);

/* A write done by in_transaction or write_with, given their `arg`. */
typedef enum status (*write_fn)(struct app *a, const void *arg, struct err *e);
/* Run `write` in one transaction followed by an audit entry. */
enum status in_transaction(struct app *a, write_fn write, const void *arg,
                           const char *action, const char *detail,
                           struct err *e);
/* in_transaction with the detail "x: y". */
enum status write_with(struct app *a, write_fn write, const void *arg,
                       const char *action, const char *x, const char *y,
                       struct err *e);
/* Whether a stored record is the one shown, by row id (0 matches any). */
bool same_id(int64_t stored, int64_t shown);
/* Who writes a record: an edit from a form, or the undo or the redo of a
 * change the history keeps (their refusals say what was not done). */
enum replay { BY_EDIT, BY_UNDO, BY_REDO };
/* The refusals when another program changed or removed the record since
 * it was shown (an edit), since this session changed it (an undo) or
 * since it undid the change (a redo). */
enum status changed_elsewhere(const char *what, const char *code, enum replay by,
                              struct err *e);
enum status removed_elsewhere(const char *what, const char *code, enum replay by,
                              struct err *e);

/* ---- undo.c: the history of changes, for undo and redo ---- */

enum change_kind {
	CH_FINAL,            /* cannot be undone: `why` says why */
	CH_MEMBER, CH_POST, CH_FUNDING,
	CH_RECEIPT_ADD, CH_RECEIPT, CH_RECEIPT_DEL,
	CH_ACTIVITY_ADD, CH_ACTIVITY, CH_ACTIVITY_DEL,
	CH_PATIENT_ADD, CH_PATIENT,
	CH_KEY
};

/* Index 0 is the record before the change, 1 after it; a kind uses only
 * its own fields. Undo writes copy 0 back, redo copy 1 again; a record
 * stored anew gets a new row id, which every copy of it in the history
 * then takes (the *_retag functions). */
struct app_change {
	enum change_kind kind;
	unsigned group;      /* APP_UNDO_*: the kind of record, for a screen */
	char *what;          /* "the change of member MARTIN", translated */
	char *why;           /* CH_FINAL: why it cannot be undone */
	struct member m[2];
	struct post p[2];
	char *post;          /* CH_FUNDING: the post's code */
	struct post_funding *f[2];
	size_t nf[2];
	struct receipt r[2];
	struct activity act[2];
	int64_t act_last;    /* CH_ACTIVITY_ADD and _DEL: the last activity id
	                      * after the entry was last removed */
	struct patient pa[2];
	struct key *key;     /* CH_KEY: the version replaced */
	struct key *key_after; /* CH_KEY: the version saved, for redo */
	int key_version;     /* CH_KEY: the latest version, as the change or its
	                      * last undo or redo left it */
};

/* A new change of that kind described by the printf-formatted `what`,
 * for change_keep; NULL when out of memory. A change of its kind was
 * made: the history forgets the undone changes of that kind (they can no
 * longer be redone) and a change of it that could not be undone. */
struct app_change *change_new(struct app *a, enum change_kind kind,
                              const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Keep c (taken) as the latest change when its copies were made, else
 * free it. */
void change_keep(struct app *a, struct app_change *c, bool copied);
/* A change of `group` that cannot be undone: what it was, and why not. */
void remember_final(struct app *a, unsigned group, const char *what, const char *why);
/* Call fn on every change of the history of `group`, undone or not. */
void history_each(struct app *a, unsigned group, void (*fn)(struct app_change *c, void *ctx),
                  void *ctx);

/* Whether x (as stored, or a copy in the history) is y: every field and
 * the row id (edit_money.c, edit_people.c; for patients a row id of 0
 * in y matches any). */
bool receipt_equal(const struct receipt *x, const struct receipt *y);
bool activity_equal(const struct activity *x, const struct activity *y);
bool patient_equal(const struct patient *x, const struct patient *y);
/* After an undo or redo stored the shares `was` of a post anew as `now`
 * (edit_money.c): each copy in the history equal to `was` becomes `now`. */
void funding_retag(struct app *a, const char *post, const struct post_funding *was, size_t n_was,
                   const struct post_funding *now, size_t n_now);

/* ---- the editors' writes that undo replays ---- */

/* edit_people.c: a member's change, checked, written with its audit entry. */
enum status member_change(struct app *a, const struct member *before,
                          const struct member *after, enum replay by, const char *action,
                          struct err *e);

/* edit_money.c: a post's change, checked, written with its audit entry. */
enum status post_change(struct app *a, const struct post *before,
                        const struct post *after, enum replay by, const char *action,
                        struct err *e);
/* edit_money.c: a post's funding replaced, checked, written with its audit
 * entry; *stored (may be NULL) gets the shares written, with their ids. */
enum status funding_change(struct app *a, const char *post,
                           const struct post_funding *before, size_t nb,
                           const struct post_funding *after, size_t na, enum replay by,
                           struct post_funding **stored, size_t *n_stored,
                           const char *action, struct err *e);
/* edit_money.c: "ACI advance 2025: 1234.56 (REF)" for the audit log. */
char *receipt_detail(const struct receipt *r);
/* edit_money.c: the receipt r removed with its audit entry, refused when
 * another program changed or removed it. */
enum status receipt_remove(struct app *a, const struct receipt *r, enum replay by,
                           const char *action, struct err *e);
/* edit_money.c: a removed receipt stored again (undo, redo), with its audit
 * entry; *id gets its new number. */
enum status receipt_restore(struct app *a, const struct receipt *r, const char *action,
                            int64_t *id, struct err *e);
/* edit_money.c: a receipt's change, checked, written with its audit entry;
 * *dropped (may be NULL) gets the id of a draft it removed. */
enum status receipt_change(struct app *a, const struct receipt *before,
                           const struct receipt *after, int64_t *dropped, enum replay by,
                           const char *action, struct err *e);

/* edit_people.c: an activity entry added, changed or removed. */
struct activity_write {
	const struct activity *before;   /* NULL: a new entry */
	const struct activity *after;    /* NULL: a removal */
	int64_t *id;         /* may be NULL: the new entry's id */
	enum replay by;
	int64_t *last;       /* a removal (may be NULL): the last activity id after it */
	int64_t since;       /* an entry stored again (undo, redo): that last id;
	                      * refused when an entry like it came after */
};
enum status activity_write(struct app *a, const struct activity_write *w,
                           const char *action, struct err *e);

/* edit_people.c: a patient added, changed or removed. */
struct patient_write {
	const struct patient *before;   /* NULL: a new patient */
	const struct patient *after;    /* NULL: a removal */
	int64_t *id;                    /* a new patient (may be NULL): its row id */
	enum replay by;
};
enum status patient_write(struct app *a, const struct patient_write *w,
                          const char *action, struct err *e);

#endif
