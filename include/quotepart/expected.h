/* expected.h: an instalment the practice expects (FORECAST.md "Expected
 * instalments"): from an estimate saved (origin "aci", "peps") or entered
 * by hand ("manual": IPEP, grants, anything no formula covers). */
#ifndef QUOTEPART_EXPECTED_H
#define QUOTEPART_EXPECTED_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/domain.h"
#include "quotepart/err.h"
#include "quotepart/status.h"

struct expected {
	int64_t id;
	char *origin;      /* "aci", "peps", "manual" */
	char *source;      /* a funding source code: ACI, PEPS, IPEP... */
	char *exercise;
	char *kind;        /* a receipt kind: advance, balance, quarterly... */
	int32_t due;
	int64_t amount;    /* cents; a balance may be < 0 */
	char *note;        /* NULL when none */
};
void expected_fini(struct expected *x);
void expected_list_free(struct expected *v, size_t n);
/* The fields a person typed, each on its own: source, exercise and kind
 * present, texts without control characters, a due date; ST_INVALID
 * naming the field. The codes against the configuration are app's. */
enum status expected_validate(const struct expected *x, struct err *e);

/* An expected instalment beside what came (FORECAST.md "expected versus
 * received"): matched with the receipts of the same source, exercise and
 * kind, the earliest due with the earliest received. */
enum instalment_state {
	INSTALMENT_RECEIVED,    /* a receipt matched it */
	INSTALMENT_LATE,        /* due before today, nothing received */
	INSTALMENT_COMING,      /* due today or later, nothing received */
	INSTALMENT_UNEXPECTED,  /* a receipt of a kind expected, beyond the instalments */
};
struct instalment {
	const struct expected *x;   /* NULL for INSTALMENT_UNEXPECTED */
	const struct receipt *r;    /* NULL while nothing is received */
	int64_t expected, received; /* cents; 0 for the side that is missing */
	int64_t difference;         /* received - expected */
	enum instalment_state state;
};
/* The rows of the nx instalments x and the nr receipts r that share
 * their source, exercise and kind, by due date (a receipt beyond the
 * instalments by its date received); the rows point into x and r.
 * *out is allocated (free()); ST_NOMEM, or ST_INVALID when a difference
 * does not fit in cents. */
enum status instalments_match(const struct expected *x, size_t nx, const struct receipt *r,
                              size_t nr, int32_t today, struct instalment **out, size_t *n);

#endif
