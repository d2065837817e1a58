/* forecast.h: what the practice should receive (FORECAST.md): the ACI
 * estimate from a rule set and a declaration (aci.h). Pure functions: no
 * I/O, no database; every intermediate value an exact rational, each
 * amount rounded once, halves away from zero. */
#ifndef QUOTEPART_FORECAST_H
#define QUOTEPART_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/aci.h"
#include "quotepart/err.h"
#include "quotepart/rat.h"

/* ---- the estimate ---- */

struct aci_item {
	int64_t value;           /* as declared (capped values are refused, never capped) */
	int64_t fixed;           /* points */
	int64_t variable;        /* points before scaling by P / patients_ref */
};

struct aci_estimate {
	int64_t patients, associates;      /* P and n used */
	bool gate;                         /* every prerequisite met */
	struct aci_item *items;            /* per indicator of the rules */
	int64_t fixed, variable, si;       /* F, V (unscaled) and SI(n) points */
	struct rat points;                 /* F + V P / ref + SI(n) */
	int32_t majoration;                /* M, basis points */
	struct rat a100_points;            /* the points of A100 */
	int64_t computed;                  /* round(point x pts x (1 + M)), before a floor */
	int64_t total;                     /* after the gate and the floor */
	int64_t advance, balance;          /* cents; balance may be < 0 */
	int64_t advance_days, year_days;   /* d and D of the prorata */
	bool total_floored, advance_floored;
	int32_t advance_due, balance_due;
};
void aci_estimate_fini(struct aci_estimate *e);

/* The estimate of d under r with P = patients and n = associates (the
 * declaration's own when >= 0 take precedence: the caller resolves them
 * and passes what is used). ST_OVERFLOW when a value is beyond what
 * exact arithmetic holds; ST_INVALID as aci_decl_check. */
enum status aci_estimate(const struct aci_rules *r, const struct aci_decl *d,
                         int64_t patients, int64_t associates,
                         struct aci_estimate *out, struct err *e);

#endif
