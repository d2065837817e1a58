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
bool basis_parse(const char *s, enum basis *out);

/* Whether list contains s (exact byte comparison). */
bool strlist_has(const struct strlist *l, const char *s);
void strlist_fini(struct strlist *l);

/* Free a key and everything it owns. key_free(NULL) does nothing. */
void key_free(struct key *k);

#endif
