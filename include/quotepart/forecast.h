/* forecast.h: what the practice should receive (FORECAST.md): the ACI
 * estimate from a rule set and a declaration (aci.h), the PEPS estimate
 * from a grid and the patients (peps.h). Pure functions: no I/O, no
 * database; every intermediate value an exact rational, each amount
 * rounded once, halves away from zero. */
#ifndef QUOTEPART_FORECAST_H
#define QUOTEPART_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/aci.h"
#include "quotepart/err.h"
#include "quotepart/peps.h"
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

/* ---- the PEPS estimate ---- */

/* The periods of a PEPS exercise: the four calendar quarters, then the
 * whole year. */
#define PEPS_PERIODS 5
#define PEPS_YEAR 4

/* One cell of the grid: the patients it matched and their days enrolled
 * in each period; year_cents is what the cell's patients bring in the
 * year with the coefficients, rounded on its own (the cells need not add
 * up to the year, which is rounded once). */
struct peps_cell_sum {
	int64_t patients;
	int64_t days[PEPS_PERIODS];
	int64_t year_cents;
};

struct peps_estimate {
	int exercise;
	int64_t patients;                   /* patients of the counted GPs matched to the grid */
	int64_t year_days;                  /* D: the days of the exercise */
	struct peps_cell_sum *cells;        /* per cell of the grid */
	int32_t start[PEPS_PERIODS], end[PEPS_PERIODS];
	int64_t expected[PEPS_PERIODS];     /* Q1..Q4 and the year, each rounded once */
	int64_t balance;                    /* the year - (Q1 + Q2 + Q3 + Q4) */
	int32_t due[PEPS_PERIODS];          /* Q1..Q4: the day after the quarter; [PEPS_YEAR]: the balance's */
};
void peps_estimate_fini(struct peps_estimate *e);

/* The estimate of exercise N from grid g and the n patients p (any GP,
 * any dates: the counted ones are taken here). A patient counts when its
 * GP is in g->gps, or, without that list, is a gp member with status
 * associate, and it is enrolled at least one day of N; its cell is the
 * first that matches it (age = N - birth year). For each period [a, b]:
 * round(sum amount x days enrolled in [a, b] / D x local x loyalty x
 * (1 + bonus)), D the days of N. ST_INVALID naming the first counted
 * patient no cell matches, or as peps_grid_check; ST_OVERFLOW when a sum
 * is beyond exact arithmetic. */
enum status peps_estimate(const struct peps_grid *g, const struct peps_patient *p, size_t n,
                          int exercise, struct peps_estimate *out, struct err *e);
/* The same count one patient at a time, as the store reads them, so that
 * no list of patients is ever held: peps_count_begin, peps_count_add for
 * each patient (p and its strings need only last the call), then
 * peps_count_end with the status so far, which computes the amounts when
 * it is ST_OK and otherwise frees out; it returns the final status. The
 * grid must outlive the count. peps_estimate is these three. */
struct peps_memo;
struct peps_count {
	const struct peps_grid *grid;
	struct peps_estimate *out;
	struct peps_memo *memo;   /* the cell of each kind of patient seen */
};
enum status peps_count_begin(struct peps_count *c, const struct peps_grid *g, int exercise,
                             struct peps_estimate *out, struct err *e);
enum status peps_count_add(struct peps_count *c, const struct peps_patient *p, struct err *e);
enum status peps_count_end(struct peps_count *c, enum status rc, struct err *e);
/* The estimate of grid g from the patients already counted into the
 * cells of `counted` (an estimate of a grid with the same cells in the
 * same order): the amounts and coefficients of g, the patients' days of
 * `counted`, without the patients again; a what-if costs a few
 * multiplications. ST_INVALID when the cells differ in number, or as
 * peps_grid_check. */
enum status peps_estimate_from(const struct peps_grid *g, const struct peps_estimate *counted,
                               struct peps_estimate *out, struct err *e);

#endif
