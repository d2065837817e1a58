/* key.h: a distribution key: reservations then pools (ALLOCATION.md).
 *
 * Plain values: a struct key owns all its strings and arrays; key_free()
 * releases everything. Rates are basis points (1250 = 12.50 %), amounts
 * cents, hourly rates and points hundredths (80.0 -> 8000). */
#ifndef QUOTEPART_KEY_H
#define QUOTEPART_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Key files are a few kilobytes; this only stops a wrong file (a video,
 * /dev/zero) from being read whole into memory. */
#define KEY_FILE_MAX (1024 * 1024)

enum basis { BASIS_EQUAL, BASIS_FTE, BASIS_PATIENTS, BASIS_HOURS, BASIS_POINTS };

struct strlist {
	char **v;
	size_t n;
};

struct key_reservation {
	char *label;
	char *account;     /* "post:CODE", "operating" or "member:CODE" */
	bool is_rate;
	int64_t amount;    /* cents, when !is_rate */
	int32_t rate_bp;   /* basis points of the receipt, when is_rate */
	int line;          /* line in the key file; 0 when unknown */
};

struct key_rate {
	char *profession;
	int64_t rate;      /* hundredths: 80.0 -> 8000 */
};

struct key_points {
	char *member;      /* member code */
	int64_t points;    /* hundredths: 1.5 -> 150 */
};

struct key_pool {
	char *label;
	int32_t rate_bp;   /* share of the remainder, basis points */
	enum basis basis;
	bool prorata;      /* weight x days active / days in the period */
	bool at_end;       /* patients: count at the period's end, not average */
	/* Filters: an empty list matches everyone. */
	struct strlist statuses, professions, groups, members;
	struct strlist kinds;            /* hours: activity kinds; empty = all */
	struct key_rate *rates;          /* hours: rate by profession */
	size_t n_rates;                  /* 0: every hour counts 1 */
	struct key_points *points;       /* points: per member; unlisted = 0 */
	size_t n_points;
	int line;
};

struct key {
	char *name;
	char *description;   /* may be NULL */
	int version;         /* 0 while not stored */
	struct key_reservation *res;
	size_t n_res;
	struct key_pool *pools;
	size_t n_pools;
};

/* "equal", "fte", "patients", "hours", "points"; basis_parse returns false
 * for anything else. */
const char *basis_name(enum basis b);
/* The basis in words, in the reader's language ("equal shares",
 * "temps de travail"), as documents and screens show it. */
const char *basis_label(enum basis b);
bool basis_parse(const char *s, enum basis *out);

/* Whether list contains s (exact byte comparison). */
bool strlist_has(const struct strlist *l, const char *s);
void strlist_fini(struct strlist *l);

/* Free a key and everything it owns. key_free(NULL) does nothing. */
void key_free(struct key *k);

/* Deep copies, for editing a key part by part. key_dup returns a new key
 * (key_free) or NULL when out of memory. The *_copy functions fill *out
 * (zeroed first) and return false when out of memory, leaving *out empty;
 * the *_fini functions free what a part owns and zero it. */
struct key *key_dup(const struct key *k);
bool strlist_copy(struct strlist *out, const struct strlist *in);
bool key_reservation_copy(struct key_reservation *out, const struct key_reservation *r);
bool key_pool_copy(struct key_pool *out, const struct key_pool *p);
void key_reservation_fini(struct key_reservation *r);
void key_pool_fini(struct key_pool *p);

/* Insert a part at position `at` (at most the count: at the end), taking
 * over what it owns (*part is zeroed); false when out of memory, *part
 * then untouched. Remove frees part i and closes the gap. */
bool key_insert_reservation(struct key *k, size_t at, struct key_reservation *part);
bool key_insert_pool(struct key *k, size_t at, struct key_pool *part);
void key_remove_reservation(struct key *k, size_t i);
void key_remove_pool(struct key *k, size_t i);

#endif
