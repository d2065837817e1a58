/* app_forecast.h: what the practice should receive (FORECAST.md): the
 * yearly ACI declaration and PEPS grid imported and exported, the
 * estimates from them and the practice's records, what-ifs that change
 * an input without storing it, and the expected instalments an estimate
 * saves. */
#ifndef QUOTEPART_APP_FORECAST_H
#define QUOTEPART_APP_FORECAST_H

#include <stdbool.h>
#include <stddef.h>

#include "quotepart/app.h"
#include "quotepart/expected.h"
#include "quotepart/forecast.h"
#include "quotepart/reports.h"

/* An ACI estimate with what it was computed from. */
struct app_aci {
	char *practice;                 /* the practice's name, for the report */
	struct rep_audit audit;         /* the audit head when it was computed */
	struct aci_rules *rules;        /* the rule set used */
	struct aci_decl decl;           /* the declaration, what-ifs applied */
	int64_t patients_records;       /* P and n from the records on 31/12 */
	int64_t associates_records;
	struct aci_estimate est;        /* with the P and n used (est.patients...) */
};
void app_aci_fini(struct app_aci *x);

/* Import the ACI declaration at path (checked against the rule set at
 * rules_path, NULL: the one shipped), replacing the exercise's, in one
 * transaction with its audit entry; *exercise says which. A refused file
 * changes nothing. */
enum status app_aci_import(struct app *a, const char *path, const char *rules_path,
                           int *exercise, struct err *e);
/* The stored declaration of the exercise, in the file format. */
enum status app_aci_export(struct app *a, int exercise, struct sbuf *out, struct err *e);

/* The estimate of the exercise from its stored declaration, and P and n
 * from the records on 31 December. */
enum status app_aci_estimate(struct app *a, int exercise, const char *rules_path,
                             struct app_aci *out, struct err *e);

/* Make the settings `sets` (as app_aci_whatif takes them) part of the
 * exercise's stored declaration, in one transaction with its audit entry:
 * the interface's edits. A P or n changed becomes declared. Refused as
 * app_aci_whatif refuses; nothing is stored then. */
enum status app_aci_keep(struct app *a, int exercise, const char *const *sets, size_t n_sets,
                         struct err *e);

/* A what-if of an estimate already read: base's declaration with the
 * settings `sets` ("patients=4715", "associates=+1", "protocols=7",
 * "c2s=12.5", "rcp=yes") applied, and its estimate, computed
 * without reading the database again (the interface does it at every
 * change). decl and est are the caller's (aci_decl_fini,
 * aci_estimate_fini); base's rules stay base's. An unknown setting, a
 * value of the wrong kind, a count over its cap: ST_USAGE naming it. */
enum status app_aci_whatif(const struct app_aci *base, const char *const *sets, size_t n_sets,
                           struct aci_decl *decl, struct aci_estimate *est, struct err *e);

/* Save the estimate's advance and balance as the expected instalments
 * of source ACI for its exercise (replacing those an earlier estimate
 * saved), in one transaction with its audit entry. */
enum status app_aci_save(struct app *a, const struct app_aci *x, struct err *e);

/* A PEPS estimate with the grid it was computed from. */
struct app_peps {
	char *practice;
	struct rep_audit audit;
	char *body;                     /* the stored grid's text as read (app_peps_estimate's) */
	struct peps_grid grid;          /* the stored grid, what-ifs applied */
	struct peps_estimate est;
};
void app_peps_fini(struct app_peps *x);

/* Import the PEPS grid at path, replacing the exercise's, in one
 * transaction with its audit entry; *exercise says which. A refused file
 * changes nothing. */
enum status app_peps_import(struct app *a, const char *path, int *exercise, struct err *e);
/* The stored grid of the exercise, in the file format. */
enum status app_peps_export(struct app *a, int exercise, struct sbuf *out, struct err *e);

/* The estimate of the exercise from its stored grid and the patients,
 * counted as the store reads them (nothing stored). */
enum status app_peps_estimate(struct app *a, int exercise, struct app_peps *out, struct err *e);

/* A copy of grid in *to (peps_grid_fini), through the file format. */
enum status app_peps_grid_copy(const struct peps_grid *from, struct peps_grid *to, struct err *e);

/* A what-if of an estimate already read: grid is base's grid with its
 * amounts, coefficient, loyalty or bonus changed, the cells' conditions
 * kept; its estimate from the patients base counted, without reading the
 * database again (the interface does it at every change). est is the
 * caller's (peps_estimate_fini). ST_INVALID when the cells are not
 * base's, or as the grid's check. */
enum status app_peps_whatif(const struct app_peps *base, const struct peps_grid *grid,
                            struct peps_estimate *est, struct err *e);

/* The estimate of base with the settings `sets` ("local=1.05",
 * "loyalty=95", "bonus=5") applied to its grid, from the patients base
 * counted (nothing read, nothing stored); out is app_peps_fini's.
 * ST_USAGE naming a setting refused. */
enum status app_peps_whatif_sets(const struct app_peps *base, const char *const *sets, size_t n_sets,
                                 struct app_peps *out, struct err *e);

/* Store grid as its exercise's PEPS grid (the interface's edits), checked
 * as an import is, in one transaction with its audit entry; nothing is
 * stored when it is refused. `was` is the estimate the edits started
 * from: when the stored grid is no longer the one it read (another
 * program imported one since), ST_REFUSED and nothing is stored. */
enum status app_peps_keep(struct app *a, const struct app_peps *was, const struct peps_grid *grid,
                          struct err *e);

/* Save the four quarters (kind quarterly) and the balance (kind balance,
 * left out when it is 0) as the expected instalments of source PEPS for the exercise, replacing
 * those an earlier estimate saved, in one transaction with its audit
 * entry. */
enum status app_peps_save(struct app *a, const struct app_peps *x, struct err *e);

/* Every expected instalment (exercise NULL) or those of one exercise. */
enum status app_instalments(struct app *a, const char *exercise, struct expected **out,
                         size_t *n, struct err *e);

#endif
