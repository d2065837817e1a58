/* app_edit.h: the use cases the terminal interface needs beyond app.h:
 * one record at a time (add, edit, end a member; edit a post; add a
 * receipt or an activity), each change one transaction with its audit
 * entry; a field-by-field check for forms; a member's statement.
 *
 * Edits take the record as it was shown (`before`): when another session
 * changed it since, the edit is refused (ST_REFUSED) instead of silently
 * overwriting their change. */
#ifndef QUOTEPART_APP_EDIT_H
#define QUOTEPART_APP_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/domain.h"
#include "quotepart/err.h"

/* What a form field holds, for app_field_check. */
enum app_field {
	FIELD_CODE,          /* a record code: 1-32 of [A-Za-z0-9_.-] */
	FIELD_NAME,          /* required free text */
	FIELD_TEXT,          /* optional free text */
	FIELD_PROFESSION,    /* codes of the configuration */
	FIELD_STATUS,
	FIELD_SOURCE,
	FIELD_RECEIPT_KIND,
	FIELD_ACTIVITY_KIND,
	FIELD_MEMBER,        /* the code of an existing member */
	FIELD_MEMBER_OPT,    /* empty, or an existing member */
	FIELD_DATE,          /* YYYY-MM-DD or DD/MM/YYYY */
	FIELD_DATE_OPT,      /* empty, or a date */
	FIELD_FTE,           /* 0 to 1, two decimals at most */
	FIELD_HOURS,         /* above 0, at most 24, two decimals at most */
	FIELD_AMOUNT,        /* money, may be negative */
	FIELD_COST,          /* money, not negative */
	FIELD_RPPS           /* empty, or 11 digits with a Luhn key */
};

/* ST_OK when `text` (as typed; blanks around are ignored) is acceptable
 * for that kind of field, else ST_INVALID with a short message saying
 * what to write. Reads the database only for FIELD_MEMBER*. */
enum status app_field_check(struct app *a, enum app_field f, const char *text,
                            struct err *e);

/* Members. add refuses a code already used; update needs the same code in
 * before and after and refuses when the stored member differs from
 * before; end sets the left date (a member is never deleted, so history
 * stays whole). Codes are checked against the configuration. */
enum status app_member_add(struct app *a, const struct member *m,
                           struct err *e);
enum status app_member_update(struct app *a, const struct member *before,
                              const struct member *after, struct err *e);
enum status app_member_end(struct app *a, const struct member *before,
                           int32_t left, struct err *e);

/* Posts: add (a new code) or update (same rules as members). */
enum status app_post_add(struct app *a, const struct post *p, struct err *e);
enum status app_post_update(struct app *a, const struct post *before,
                            const struct post *after, struct err *e);

/* Record a receipt; a reference already used is refused. *id (may be
 * NULL) receives its id. */
enum status app_receipt_add(struct app *a, const struct receipt *r,
                            int64_t *id, struct err *e);
/* Log hours of activity of a member. */
enum status app_activity_add(struct app *a, const struct activity *act,
                             struct err *e);

/* A member's statement: every line paid to them by approved
 * distributions of receipts received inside [start, end], in date order,
 * as stored (a later change of data never changes it). */
struct app_statement_line {
	int64_t dist_id;
	int64_t receipt_id;
	char *receipt;       /* the reference, or "#id" when none */
	char *source;
	int32_t received;
	char *key_name;
	int key_version;
	char *mode;          /* "normal", "true-up"... */
	char *label;         /* the pool or reservation */
	char *basis;         /* NULL for reservations */
	char *value, *presence, *weight, *exact;
	int64_t share, before, cents;
	int32_t paid_on;     /* DATE_NONE when not paid */
};
struct app_statement {
	struct app_statement_line *v;
	size_t n;
	int64_t total;       /* Σ cents */
	int64_t paid;        /* Σ cents of paid lines */
};
enum status app_statement(struct app *a, const char *member, int32_t start,
                          int32_t end, struct app_statement *out,
                          struct err *e);
void app_statement_fini(struct app_statement *s);

#endif
