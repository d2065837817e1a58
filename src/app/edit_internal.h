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
/* The refusals when another program changed or removed the record since
 * it was shown (an edit) or since this session changed it (`undo`). */
enum status changed_elsewhere(const char *what, const char *code, bool undo,
                              struct err *e);
enum status removed_elsewhere(const char *what, const char *code, bool undo,
                              struct err *e);

/* ---- undo.c: the last change, for undo ---- */

enum change_kind {
	CH_FINAL,            /* cannot be undone: `why` says why */
	CH_MEMBER, CH_POST, CH_FUNDING,
	CH_RECEIPT_ADD, CH_RECEIPT, CH_RECEIPT_DEL,
	CH_ACTIVITY_ADD, CH_ACTIVITY, CH_ACTIVITY_DEL,
	CH_PATIENT_ADD, CH_PATIENT,
	CH_KEY
};

/* Index 0 is the record before the change, 1 after it; a kind uses only
 * its own fields. */
struct app_change {
	enum change_kind kind;
	char *what;          /* "the change of member MARTIN", translated */
	char *why;           /* CH_FINAL: why it cannot be undone */
	struct member m[2];
	struct post p[2];
	char *post;          /* CH_FUNDING: the post's code */
	struct post_funding *f[2];
	size_t nf[2];
	struct receipt r[2];
	struct activity act[2];
	int64_t act_last;    /* CH_ACTIVITY_DEL: the last activity id after it */
	struct patient pa[2];
	struct key *key;     /* CH_KEY: the version replaced */
	int key_version;     /* CH_KEY: the version that replaced it */
};

/* A new last change of that kind described by the printf-formatted
 * `what`, replacing the previous one; NULL when out of memory. */
struct app_change *change_new(struct app *a, enum change_kind kind,
                              const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Keep the last change only when its copies were made. */
void change_keep(struct app *a, bool copied);
/* A change that cannot be undone: what it was, and why not. */
void remember_final(struct app *a, const char *what, const char *why);

/* ---- the editors' writes that undo replays ---- */

/* edit_people.c: a member's change, checked, written with its audit entry. */
enum status member_change(struct app *a, const struct member *before,
                          const struct member *after, bool undo, const char *action,
                          struct err *e);

/* edit_money.c: a post's change, checked, written with its audit entry. */
enum status post_change(struct app *a, const struct post *before,
                        const struct post *after, bool undo, const char *action,
                        struct err *e);
/* edit_money.c: a post's funding replaced, checked, written with its audit
 * entry; *stored (may be NULL) gets the shares written, with their ids. */
enum status funding_change(struct app *a, const char *post,
                           const struct post_funding *before, size_t nb,
                           const struct post_funding *after, size_t na, bool undo,
                           struct post_funding **stored, size_t *n_stored,
                           const char *action, struct err *e);
/* edit_money.c: "ACI advance 2025: 1234.56 (REF)" for the audit log. */
char *receipt_detail(const struct receipt *r);
/* edit_money.c: a write_fn removing the receipt `arg` (the one undo keeps),
 * refused when another program changed or removed it. */
enum status write_receipt_remove(struct app *a, const void *arg, struct err *e);
/* edit_money.c: a deleted receipt stored again (undo), with its audit
 * entry; *id gets its new number. */
enum status receipt_restore(struct app *a, const struct receipt *r, const char *action,
                            int64_t *id, struct err *e);
/* edit_money.c: a receipt's change, checked, written with its audit entry;
 * *dropped (may be NULL) gets the id of a draft it removed. */
enum status receipt_change(struct app *a, const struct receipt *before,
                           const struct receipt *after, int64_t *dropped, bool undo,
                           const char *action, struct err *e);

/* edit_people.c: an activity entry added, changed or removed. */
struct activity_write {
	const struct activity *before;   /* NULL: a new entry */
	const struct activity *after;    /* NULL: a removal */
	int64_t *id;         /* may be NULL: the new entry's id */
	bool undo;
	int64_t *last;       /* a removal (may be NULL): the last activity id after it */
	int64_t since;       /* undoing a removal: that last id; refused when an
	                      * entry like it came after */
};
enum status activity_write(struct app *a, const struct activity_write *w,
                           const char *action, struct err *e);

/* edit_people.c: a patient added, changed or removed. */
struct patient_write {
	const struct patient *before;   /* NULL: a new patient */
	const struct patient *after;    /* NULL: a removal */
	int64_t *id;                    /* a new patient (may be NULL): its row id */
	bool undo;
};
enum status patient_write(struct app *a, const struct patient_write *w,
                          const char *action, struct err *e);

#endif
