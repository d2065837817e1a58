/* app_edit.h: the use cases the terminal interface needs beyond app.h:
 * one record at a time (members, posts and their funding, patients,
 * receipts, activities), keys edited part by part and saved as a new
 * version, each change one transaction with its audit entry; undo and
 * redo of the changes made; a field-by-field check for forms; a member's statement.
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
#include "quotepart/key.h"

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
	FIELD_RPPS,          /* empty, or 11 digits with a Luhn key */
	FIELD_IBAN,          /* empty, or an IBAN (ident_iban) */
	FIELD_BIC,           /* empty, or a BIC (ident_bic) */
	FIELD_PATIENT_CODE,  /* a code that is not a social-security number */
	FIELD_YEAR,          /* a year, 1900 to 2200 */
	FIELD_SEX,           /* F or M */
	FIELD_YESNO,         /* yes or no (app_is_yes) */
	FIELD_ALD,           /* empty, or ALD categories separated by | */
	FIELD_PERCENT,       /* above 0, at most 100, two decimals at most */
	/* Settings of a key's parts (the text forms of app_codes_parse...). */
	FIELD_ACCOUNT,       /* operating, post:CODE or member:CODE, existing */
	FIELD_RES_VALUE,     /* an amount above 0, or a rate: "12,5 %" */
	FIELD_BASIS,         /* equal, fte, patients, hours or points */
	FIELD_AT,            /* average or end */
	FIELD_STATUSES,      /* lists of configuration codes; empty: all */
	FIELD_PROFESSIONS,
	FIELD_GROUPS,
	FIELD_KINDS,
	FIELD_MEMBERS,       /* a list of codes of existing members */
	FIELD_RATES,         /* hourly rates by profession: "gp = 80; nurse = 50" */
	FIELD_POINTS         /* points by member: "GP1 = 3; IDE2 = 1,5" */
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
/* Replace the funding of a post: `before` (n_before shares, any order) is
 * the funding as shown, refused when the stored one differs; `after` the
 * new shares. Each share has a source of the configuration, a share above
 * 0 and at most 100 %, a start and an end (DATE_NONE: open) not before it;
 * on no day may the post's shares add up to more than 100 %. The post
 * fields of the shares are ignored. */
enum status app_funding_set(struct app *a, const char *post,
                            const struct post_funding *before, size_t n_before,
                            const struct post_funding *after, size_t n_after,
                            struct err *e);

/* Record a receipt; a reference already used is refused. *id (may be
 * NULL) receives its id. */
enum status app_receipt_add(struct app *a, const struct receipt *r,
                            int64_t *id, struct err *e);
/* Edit receipt before->id (after->id is ignored). A receipt divided by an
 * approved distribution keeps its source, exercise, period and amount
 * (ST_FROZEN saying so); when one of them changes, the receipt's draft,
 * computed on the old figures, is removed in the same transaction and
 * *dropped_draft (may be NULL) gets its id, else 0. */
enum status app_receipt_update(struct app *a, const struct receipt *before,
                               const struct receipt *after, int64_t *dropped_draft,
                               struct err *e);
/* Delete the receipt `before` (as the form showed it) when nothing was
 * divided from it: one entered by mistake. Refused (ST_REFUSED) once it
 * has a distribution, draft or approved, and when another program
 * changed or removed it since; u undoes it. */
enum status app_receipt_delete(struct app *a, const struct receipt *before, struct err *e);
/* Log hours of activity of a member. */
enum status app_activity_add(struct app *a, const struct activity *act,
                             struct err *e);
/* Edit or remove the activity before->id. */
enum status app_activity_update(struct app *a, const struct activity *before,
                                const struct activity *after, struct err *e);
enum status app_activity_delete(struct app *a, const struct activity *before,
                                struct err *e);

/* Patients: add (a new code, never a social-security number; the GP an
 * existing member; ALD categories of the configuration) or update (the
 * same code, same rules as members). */
enum status app_patient_add(struct app *a, const struct patient *p,
                            struct err *e);
enum status app_patient_update(struct app *a, const struct patient *before,
                               const struct patient *after, struct err *e);
/* ALD categories as typed ("diabetes, cardio" or "diabetes|cardio"; empty
 * for none) as stored: "diabetes|cardio", a new string in *out. Each must
 * be a category of the configuration, none twice. */
enum status app_ald_parse(struct app *a, const char *text, char **out,
                          struct err *e);

/* ---- keys edited part by part ----
 * The settings of a part as forms show and read them: lists of codes
 * "associate, salaried" (commas or blanks between); numbers by code
 * "gp = 80; nurse = 50,5" (';' between, '=' or ':' inside); a
 * reservation's amount "18 000,00" or rate "12,5 %"; yes or no. The
 * *_text functions return a new string (NULL when out of memory); the
 * *_parse ones replace *out only on success, with ST_INVALID and what to
 * write otherwise. */
char *app_codes_text(const struct strlist *l);
/* f: FIELD_STATUSES, FIELD_PROFESSIONS, FIELD_GROUPS, FIELD_KINDS
 * (codes, or their labels in English or French: "Associé", "Médecin
 * généraliste"; the codes are kept) or FIELD_MEMBERS (codes of existing
 * members). */
enum status app_codes_parse(struct app *a, enum app_field f, const char *text,
                            struct strlist *out, struct err *e);
char *app_rates_text(const struct key_rate *v, size_t n);
enum status app_rates_parse(struct app *a, const char *text, struct key_rate **out,
                            size_t *n, struct err *e);
char *app_points_text(const struct key_points *v, size_t n);
enum status app_points_parse(struct app *a, const char *text, struct key_points **out,
                             size_t *n, struct err *e);
char *app_res_value_text(const struct key_reservation *r);
/* Sets r->is_rate and r->amount or r->rate_bp. */
enum status app_res_value_parse(const char *text, struct key_reservation *r,
                                struct err *e);
/* "yes" or "no" in the language shown; app_is_yes accepts it, or the
 * English word, in any case. */
const char *app_yes_no(bool yes);
bool app_is_yes(const char *text);
/* A pool's basis and "patients at" as the key forms show them: the code
 * in English, the word of the key file that the hints explain ("fte",
 * "average"); words in French ("temps de travail", "moyenne sur la
 * période"). The parsers take the code, or those words in any case. */
const char *app_basis_text(enum basis b);
bool app_basis_parse(const char *text, enum basis *out);
const char *app_at_text(bool at_end);
bool app_at_parse(const char *text, bool *at_end);

/* Check part i of k (k->pools[i] when `pool`, else k->res[i]) as a form
 * saves it: its settings, and its label unlike every other part's. */
enum status app_key_part_check(struct app *a, const struct key *k, bool pool,
                               size_t i, struct err *e);
/* Check a whole key as a key file would be: a name, every part, rates of
 * reservations at most 100 %, at least one pool, pools' rates exactly
 * 100 %. The message names the part. */
enum status app_key_check(struct app *a, const struct key *k, struct err *e);
/* Save k as a new version of the key k->name, the way an import does
 * (checked, stored in the key file's canonical form, one transaction with
 * its audit entry). base_version is the latest version the edit started
 * from: another version saved since is refused (ST_REFUSED); 0 makes a
 * new key, refused when the name is taken. A key equal to the latest
 * version makes none: *is_new false, *version that one's. */
enum status app_key_save(struct app *a, const struct key *k, int base_version,
                         int *version, bool *is_new, struct err *e);

/* ---- undo and redo ----
 * The functions above remember the changes they make through `a`, for
 * the session: a history of the last 100, each of a kind of record (a
 * screen undoes its own: `kinds` is a set of APP_UNDO_*). Undo takes the
 * latest change of those kinds and puts back what it replaced; redo makes
 * the latest one undone of those kinds again; a new change of a kind
 * forgets the undone changes of that kind. Each is one transaction with
 * its audit entry ("undo member edit", "redo member edit"...), refused
 * with nothing changed (ST_REFUSED) when the record changed since, by
 * another program or another change. A change that cannot be undone
 * (members and posts are never deleted, key versions never) refuses the
 * undo (ST_REFUSED, saying why) while it is the latest of its kinds.
 * ST_NOTFOUND when there is nothing to undo or redo. */
enum app_undo_kind {
	APP_UNDO_MEMBER = 1u << 0,
	APP_UNDO_POST = 1u << 1,
	APP_UNDO_FUNDING = 1u << 2,
	APP_UNDO_PATIENT = 1u << 3,
	APP_UNDO_RECEIPT = 1u << 4,
	APP_UNDO_ACTIVITY = 1u << 5,
	APP_UNDO_KEY = 1u << 6,
	APP_UNDO_ALL = (1u << 7) - 1
};
/* What an undo of those kinds would undo ("the change of member MARTIN"),
 * a new string, or NULL when there is nothing to undo. */
char *app_undo_what_in(struct app *a, unsigned kinds);
/* Whether there is a change app_undo_in may try (ST_OK), none
 * (ST_NOTFOUND), or one that cannot be undone (ST_REFUSED, saying why);
 * it reads nothing: a record changed since is app_undo_in's refusal. */
enum status app_undo_check_in(struct app *a, unsigned kinds, struct err *e);
enum status app_undo_in(struct app *a, unsigned kinds, struct err *e);
/* What app_redo would make again (a new string), or NULL: nothing. */
char *app_redo_what(struct app *a, unsigned kinds);
enum status app_redo(struct app *a, unsigned kinds, struct err *e);
/* Whether u (something to undo, or to say why not) and a redo have
 * anything to do for those kinds; cheap, for a status bar. */
bool app_can_undo(struct app *a, unsigned kinds);
bool app_can_redo(struct app *a, unsigned kinds);
/* The same for every kind: the latest change of the session. */
char *app_undo_what(struct app *a);
enum status app_undo_check(struct app *a, struct err *e);
enum status app_undo(struct app *a, struct err *e);

/* A member's statement: every line paid to them by approved
 * distributions of receipts received inside [start, end], in date order,
 * as stored (a later change of data never changes it). */
struct app_statement_line {
	int64_t dist_id;
	int64_t receipt_id;
	char *receipt;       /* the reference, or "#id" when none */
	char *source;
	char *kind;          /* the receipt's kind */
	char *exercise;      /* the receipt's exercise */
	int32_t received;
	int32_t approved_on;
	int64_t reverses;    /* the distribution it reverses, or 0 */
	bool cancelled;      /* reversed by an approved reversal: nothing to pay */
	char *key_name;
	int key_version;
	enum dist_mode mode;
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
