/* alloc.h: the allocation engine: one amount and a key -> exact lines.
 *
 * A pure function of its inputs (no SQL, no I/O, no clock, no locale), the
 * contract of ALLOCATION.md: reservations, pools apportioned by rate,
 * eligible members, weights = basis value x presence as exact rationals,
 * largest-remainder apportionment with ties to the smaller code in byte
 * order (between pools: to the pool listed first). Reservations plus lines
 * always add up to the amount, to the cent. */
#ifndef QUOTEPART_ALLOC_H
#define QUOTEPART_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/domain.h"
#include "quotepart/err.h"
#include "quotepart/key.h"
#include "quotepart/rat.h"

/* Hours of one activity kind logged by a member inside the period. */
struct alloc_hours {
	const char *kind;
	int64_t hours;       /* hundredths of an hour */
};

/* What the engine knows of a member; the caller computes the aggregates
 * for the period being divided. Strings are borrowed. */
struct alloc_member {
	const char *code;        /* unique; the tie-break order */
	const char *profession;
	const char *group;       /* the profession's group */
	const char *status;
	int32_t joined;
	int32_t left;            /* DATE_NONE while still active */
	int32_t fte;             /* hundredths: 100 = full time */
	int64_t patient_days;    /* Σ over this GP's patients of days enrolled
	                          * inside the period */
	int64_t patients_end;    /* patients enrolled on the period's last day */
	const struct alloc_hours *hours;
	size_t n_hours;
};

struct alloc_input {
	int64_t amount;          /* cents, >= 0 */
	int32_t start, end;      /* the period covered, inclusive */
	const struct key *key;   /* borrowed */
	const struct alloc_member *members;
	size_t n_members;
};

/* One line: a reservation, or one eligible member in one pool. */
struct alloc_line {
	enum line_kind kind;     /* domain.h */
	size_t index;            /* reservation or pool index in the key */
	size_t member;           /* index in members; SIZE_MAX for accounts */
	const char *recipient;   /* member code or account (borrowed) */
	enum basis basis;        /* pools only */
	struct rat value;        /* basis value (patients average: days/days) */
	int64_t factor;          /* hours with rates: the hourly rate in
	                          * hundredths; else 0 (not used) */
	struct rat presence;     /* days active / days in period, or 1 */
	struct rat weight;       /* value x factor x presence (exact) */
	struct rat exact;        /* exact share in cents: P * w / W */
	int64_t cents;           /* what the line gets */
	bool leftover;           /* got one of the leftover cents */
};

struct alloc_result {
	int64_t amount;          /* A */
	int64_t reserved;        /* Σ reservations */
	int64_t remainder;       /* R = A - reserved */
	int64_t *pool_amounts;   /* one per key pool, Σ = R */
	size_t n_pools;
	struct alloc_line *lines;   /* reservations in key order, then each
	                             * pool's members in code order */
	size_t n_lines;
};

/* Divide in->amount with in->key. On success fills *out (release with
 * alloc_result_fini) and returns ST_OK. Refusals (ST_REFUSED, with a
 * message in e naming the reservation or pool): reservations above the
 * amount, pool rates not adding up to 100 %, a pool with no eligible
 * member or zero total weight, a negative amount, overflow
 * (ST_OVERFLOW). On error *out is left empty. */
enum status alloc_run(const struct alloc_input *in, struct alloc_result *out,
                      struct err *e);

/* Largest-remainder (Hamilton) apportionment of p >= 0 cents over n
 * weights w[i] >= 0 with Σw > 0: out[i] = floor(p*w[i]/W), then the
 * leftover cents one each to the largest remainders p*w[i] mod W, ties to
 * the smaller rank[i] (rank NULL: the smaller index). leftover[] may be
 * NULL. Returns false (and writes nothing) on overflow or Σw = 0. */
bool alloc_apportion(int64_t p, const i128 *w, const size_t *rank, size_t n,
                     int64_t *out, bool *leftover);

void alloc_result_fini(struct alloc_result *r);

#endif
