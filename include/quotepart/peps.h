/* peps.h: a practice's PEPS grid (FORECAST.md "PEPS: the estimate from a
 * grid"): for one exercise, the annual amount of each kind of patient, in
 * ordered cells (the first that matches a patient is its cell), and the
 * coefficients applied to the sum. Read from a file by cfg/peps_file.c;
 * the estimate is the engine's (forecast.h). */
#ifndef QUOTEPART_PEPS_H
#define QUOTEPART_PEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quotepart/err.h"

/* The largest local coefficient, in ten-thousandths (10.0000). */
#define PEPS_LOCAL_MAX 100000
/* The oldest age a band may name. */
#define PEPS_AGE_MAX 150

enum peps_ald { PEPS_ALD_ANY, PEPS_ALD_NONE, PEPS_ALD_LIST };

/* One cell: a condition left out matches everyone. */
struct peps_cell {
	char sex;               /* 'F', 'M', or 0: any */
	bool has_age;
	int age_lo, age_hi;     /* inclusive, when has_age */
	enum peps_ald ald;
	char **alds;            /* PEPS_ALD_LIST: at least one of these */
	size_t n_alds;
	int c2s;                /* 0, 1, or -1: any */
	int64_t amount;         /* cents a year */
	int line;               /* where it is in its file, 0 when not read */
};

struct peps_grid {
	int exercise;
	int64_t local;          /* ten-thousandths: 1.0312 -> 10312 */
	int32_t loyalty;        /* basis points: 92.5 % -> 9250 */
	bool has_bonus;
	int32_t bonus;          /* basis points, 0 without a bonus */
	char **gps;             /* the GPs whose patients count; NULL: the default */
	size_t n_gps;
	struct peps_cell *cells;
	size_t n;
};
void peps_grid_fini(struct peps_grid *g);

/* A patient as the grid sees it (strings owned by the caller). */
struct peps_patient {
	const char *code;
	const char *gp;         /* the member code of its GP */
	bool gp_associate;      /* that GP has profession gp and status associate */
	char sex;               /* 'F' or 'M' */
	int32_t birth_year;
	const char *ald;        /* "" or categories separated by '|' */
	bool c2s;
	int32_t enrolled, left; /* left DATE_NONE while enrolled */
	int64_t gp_id;          /* the store's id of the GP (the store's use) */
};

/* Whether the patient of that age is in cell c. */
bool peps_cell_matches(const struct peps_cell *c, const struct peps_patient *p, int age);

/* Check a grid: the coefficient between 0 and 10 with four decimals at
 * most, the loyalty and the bonus percentages between 0 and 100, amounts
 * >= 0, each age band lo <= hi within 0..PEPS_AGE_MAX, sex F, M or any,
 * at least one cell. ST_INVALID; *bad: the index of the cell at fault,
 * -1 for the grid's other settings (may be NULL). */
enum status peps_grid_check(const struct peps_grid *g, int *bad, struct err *e);

#endif
