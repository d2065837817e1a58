/* report_forecast.h: the ACI and PEPS estimates laid out as text or CSV
 * (FORECAST.md "Output the tests read"), alone or beside a what-if. */
#ifndef QUOTEPART_REPORT_FORECAST_H
#define QUOTEPART_REPORT_FORECAST_H

#include <stdbool.h>

#include "quotepart/aci.h"
#include "quotepart/forecast.h"
#include "quotepart/reports.h"

/* An estimate and what it came from: the P and n of the records, and
 * whether the declaration gave its own. */
struct rep_aci {
	const char *practice;
	struct rep_audit audit;
	const struct aci_rules *rules;
	const struct aci_decl *decl;
	const struct aci_estimate *est;
	int64_t patients_records, associates_records;
};

/* The estimate, or (whatif not NULL) the stored one and the what-if side
 * by side with the difference. Text: each indicator's value and points,
 * P and n and where they come from, the majoration, the total, the
 * advance and the balance with their due dates, the rule set named and
 * said to be an estimate. CSV: a header row, then one row per item
 * (each indicator by its id, then patients, associates, fixed, variable,
 * si, points, majoration, total, advance, balance), with at least the
 * columns item and cents. ST_USAGE for PDF and XLSX. */
enum status rep_aci_estimate(const struct rep_aci *x, const struct rep_aci *whatif,
                             enum rep_format f, struct sbuf *out, struct err *e);

/* A PEPS estimate and the grid it came from. */
struct rep_peps {
	const char *practice;
	struct rep_audit audit;
	const struct peps_grid *grid;
	const struct peps_estimate *est;
};

/* The estimate, or (whatif not NULL) the stored one and the what-if side
 * by side with the difference. Text: the patients counted, the
 * coefficients, per cell its patients, its amount a year and what they
 * bring in the year, then each quarter, the year and the balance with
 * their due dates, said to be an estimate. CSV: a header row (item,
 * label, value, patients, cents; with a what-if also cents_whatif and
 * difference), then one row per cell (cell1, cell2...), patients, local,
 * loyalty, bonus, Q1, Q2, Q3, Q4, year and balance. ST_USAGE for PDF and
 * XLSX. */
enum status rep_peps_estimate(const struct rep_peps *x, const struct rep_peps *whatif,
                              enum rep_format f, struct sbuf *out, struct err *e);

#endif
