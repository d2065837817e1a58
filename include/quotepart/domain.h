/* domain.h: the practice's records as plain values: members, posts and
 * their funding, pseudonymous patients, receipts, activities.
 *
 * Each struct owns its strings; the matching *_fini() frees them and
 * leaves the struct zeroed. Dates are day numbers (date.h), money cents,
 * FTE and hours hundredths. Validation against the configuration lives in
 * the app layer; what holds for any practice is checked here. */
#ifndef QUOTEPART_DOMAIN_H
#define QUOTEPART_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/err.h"

struct member {
	int64_t id;          /* 0 while not stored */
	char *code;          /* unique, text_valid_code */
	char *name;
	char *profession;    /* config code */
	char *status;        /* config code: associate, salaried, external */
	int32_t joined;
	int32_t left;        /* DATE_NONE while active */
	int32_t fte;         /* hundredths, 0..100 */
	char *rpps;          /* NULL or 11 digits with a Luhn key */
	char *iban;          /* NULL or an IBAN, normalised (ident_iban) */
	char *bic;           /* NULL or a BIC, normalised (ident_bic) */
};

struct post {
	int64_t id;
	char *code;          /* unique, e.g. COORD */
	char *label;
	char *holder;        /* member code, NULL when vacant */
	int32_t fte;         /* hundredths */
	int64_t yearly_cost; /* cents */
	int32_t start;
	int32_t end;         /* DATE_NONE: open */
};

/* A share of a post's cost paid by one source over a period. */
struct post_funding {
	int64_t id;
	char *post;          /* post code */
	char *source;        /* config code */
	int32_t share_bp;    /* basis points of the cost: 5000 = half */
	int32_t start;
	int32_t end;         /* DATE_NONE: open */
};

struct patient {
	int64_t id;
	char *code;          /* local pseudonymous code; never a NIR */
	char *gp;            /* member code of the GP (médecin traitant) */
	int32_t enrolled;
	int32_t left;        /* DATE_NONE while enrolled */
	int32_t birth_year;
	char sex;            /* 'F' or 'M' */
	char *ald;           /* "" or categories separated by '|' */
	bool c2s;
};

struct receipt {
	int64_t id;
	char *source;        /* config code */
	char *kind;          /* config code */
	char *exercise;      /* "2025", or a label of the period paid for */
	int32_t start, end;  /* period covered, inclusive */
	int32_t received;
	int64_t amount;      /* cents; may be negative (an ACI balance) */
	char *reference;     /* payer reference, NULL when none; unique */
	char *note;          /* NULL when none */
};

struct activity {
	int64_t id;
	char *member;        /* member code */
	int32_t date;
	char *kind;          /* config code */
	int64_t hours;       /* hundredths, > 0 */
	char *note;
};

/* The closed sets of a distribution. The store keeps them as text and
 * src/db alone converts; a zeroed struct holds the first value of each. */
/* A part or line: money set aside for an account (a reservation), or a
 * pool shared among members. The engine's lines use the same values. */
enum line_kind { LINE_RESERVATION, LINE_POOL };
/* A division of a receipt alone (normal), of the exercise's total against
 * its approved distributions (true-up), or the exact negation of an
 * approved distribution (reversal). */
enum dist_mode { DIST_NORMAL, DIST_TRUE_UP, DIST_REVERSAL };
/* A draft can be recomputed or dropped; an approved distribution never
 * changes. */
enum dist_status { DIST_DRAFT, DIST_APPROVED };
/* The English word of a value, as exports, the audit log and the
 * untranslated outputs print it ("reservation", "true-up", "approved"):
 * static, never NULL ("?" outside the set). */
const char *line_kind_name(enum line_kind k);
const char *dist_mode_name(enum dist_mode m);
const char *dist_status_name(enum dist_status s);

/* A stored distribution: one key version applied to one receipt. A part
 * is a reservation or a pool with the amount it received; a line is what
 * one recipient got from one part, with everything that explains it. */
struct dist_part {
	enum line_kind kind;
	int idx;             /* position in the key */
	char *label;
	char *account;       /* reservations: the account */
	char *basis;         /* pools: the basis name */
	int32_t rate_bp;     /* rate (pools; rate reservations), else 0 */
	int64_t fixed;       /* fixed reservations: cents, else 0 */
	int64_t amount;      /* cents the part received */
};

struct dist_line {
	int64_t id;
	enum line_kind kind;
	int idx;             /* the part's position in the key */
	char *recipient;     /* member code or account */
	char *label;         /* the part's label */
	char *basis;         /* NULL for reservations */
	char *value;         /* exact rationals as text: "n/d" or "n" */
	int64_t factor;      /* hourly rate in hundredths, 0 if unused */
	char *presence;
	char *weight;
	char *exact;         /* exact share in cents */
	int64_t share;       /* cents apportioned from the base */
	int64_t before;      /* true-up: given by earlier distributions */
	int64_t cents;       /* share - before: what this line pays */
	bool leftover;       /* got one of the leftover cents */
	int32_t paid_on;     /* DATE_NONE when not paid */
	char *means;         /* how it was paid, NULL when not paid */
	/* Not paid, and nothing is to be paid: its distribution is cancelled
	 * by an approved reversal, or it is a reversal's line whose original
	 * was never paid (nothing to pay back). Set by db_dist_get. */
	bool cancelled;
};

struct distribution {
	int64_t id;
	int64_t receipt_id;
	char *receipt_ref;   /* the receipt's reference, NULL when none */
	int64_t key_version_id;
	char *key_name;
	int key_version;
	enum dist_mode mode;
	enum dist_status status;
	int64_t amount;      /* the receipt's amount: Σ parts' lines */
	int64_t base;        /* what the key divided (true-up: the total) */
	int64_t reserved;
	int32_t start, end;
	char *created;       /* ISO timestamp */
	int32_t approved_on; /* DATE_NONE while draft */
	char *approved_note;
	int64_t reverses;    /* id of the reversed distribution, or 0 */
	/* The receipt's source and exercise it was computed from, stored by
	 * db_dist_save (db_dist_get leaves them NULL: see db_dist_origin). */
	char *source;
	char *exercise;
	struct dist_part *parts;
	size_t n_parts;
	struct dist_line *lines;
	size_t n_lines;
};

void distribution_fini(struct distribution *d);
void dist_part_fini(struct dist_part *p);
void dist_line_fini(struct dist_line *l);
/* A deep copy of `from` into *to (distribution_fini); false when out of
 * memory, and *to is then empty. */
bool distribution_copy(struct distribution *to, const struct distribution *from);

void member_fini(struct member *m);
/* A deep copy of `from` into *to (member_fini); false when out of memory
 * (then *to holds what was copied, to member_fini). */
bool member_copy(struct member *to, const struct member *from);
void post_fini(struct post *p);
void post_funding_fini(struct post_funding *f);
void patient_fini(struct patient *p);
void receipt_fini(struct receipt *r);
void activity_fini(struct activity *a);
/* An array of n values and the values: each *_fini, then free(v). */
void member_list_free(struct member *v, size_t n);
void post_list_free(struct post *v, size_t n);
void funding_list_free(struct post_funding *v, size_t n);
void receipt_list_free(struct receipt *v, size_t n);
void activity_list_free(struct activity *v, size_t n);
void patient_list_free(struct patient *v, size_t n);

/* A distribution key as the lists show it: its name, how many versions,
 * when the latest was saved, how many distributions used it. */
struct key_info {
	char *name;
	int versions;
	char *created;       /* when the latest version was saved */
	int64_t uses;        /* distributions made with any version */
};
void key_info_fini(struct key_info *x);
void key_info_list_free(struct key_info *v, size_t n);

/* One line per stored distribution, newest first. Strings owned by the
 * element (dist_summary_list_free). */
struct dist_summary {
	int64_t id;
	int64_t receipt_id;
	char *receipt_ref;     /* NULL when the receipt has no reference */
	char *source;          /* the receipt's source */
	int32_t received;      /* the receipt's date received */
	char *key_name;
	int key_version;
	enum dist_mode mode;
	enum dist_status status;
	int64_t amount;        /* cents */
	int32_t approved_on;   /* DATE_NONE while draft */
	int64_t paid;          /* cents of the lines marked paid */
	int64_t unpaid;        /* cents of the non-zero lines not paid */
};
void dist_summary_fini(struct dist_summary *x);
void dist_summary_list_free(struct dist_summary *v, size_t n);

/* One recorded payment of a distribution line, with where it came from.
 * All strings are owned by the struct. */
struct payment_record {
	int64_t id;            /* payments.id */
	int32_t paid_on;
	char *means;
	int64_t cents;         /* the amount recorded (the line's cents; a
	                        * negative amount is money owed back) */
	int64_t dist_id;
	int64_t line_id;
	enum line_kind line_kind;
	char *recipient;       /* member code or account, as stored */
	char *member;          /* the member paid (pool line, or a
	                        * "member:CODE" reservation); NULL for an
	                        * account */
	char *member_name;     /* NULL for an account */
	char *label;           /* the pool's or reservation's label */
	int64_t receipt_id;
	char *source;
	char *receipt_kind;
	char *exercise;
	char *reference;       /* NULL when the receipt has none */
};
void payment_record_fini(struct payment_record *x);
void payment_record_list_free(struct payment_record *v, size_t n);

/* How commands read a name they are given: "D12" or "d12" is
 * distribution 12, all digits ("12") a receipt's id, anything else a
 * receipt's reference. *n (may be NULL) gets the number: 0 when too large
 * to be one. A receipt's reference may be neither of the first two. */
enum name_kind { NAME_REFERENCE, NAME_DIST, NAME_ID };
enum name_kind name_kind(const char *s, int64_t *n);

/* Checks that need no configuration and no database (dates in order,
 * ranges, text without control characters). ST_INVALID with a message
 * naming the field; the caller prefixes file and line. */
enum status member_validate(const struct member *m, struct err *e);
enum status post_validate(const struct post *p, struct err *e);
enum status patient_validate(const struct patient *p, struct err *e);
enum status receipt_validate(const struct receipt *r, struct err *e);
/* A text field a person typed: present when required, and without what
 * text_check refuses; ST_INVALID naming the field. */
enum status record_check_text(const char *field, const char *s, bool required, struct err *e);
enum status activity_validate(const struct activity *a, struct err *e);

/* The profession of general practitioners (PRODUCT.md), the only one a
 * patient is enrolled with as médecin traitant. */
#define MEMBER_GP_PROFESSION "gp"

/* Rules between records (ALLOCATION.md): a patient is enrolled with a GP
 * (profession "gp") as médecin traitant, for a time when that GP is a
 * member (the enrolment and the membership share a day: a patient may
 * have chosen the GP before the GP joined); hours are logged on a day the
 * member is a member (joined..left, inclusive). ST_INVALID with a message
 * naming both records and their dates. */
enum status patient_gp_validate(const struct patient *p, const struct member *gp,
                                struct err *e);
enum status activity_member_validate(const struct activity *a, const struct member *m,
                                     struct err *e);

#endif
