/* expected.h: an instalment the practice expects (FORECAST.md "Expected
 * instalments"): from an estimate saved (origin "aci", "peps") or entered
 * by hand ("manual": IPEP, grants, anything no formula covers). */
#ifndef QUOTEPART_EXPECTED_H
#define QUOTEPART_EXPECTED_H

#include <stddef.h>
#include <stdint.h>

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

#endif
