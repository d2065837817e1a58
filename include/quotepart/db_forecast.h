/* db_forecast.h: what the forecast stores (FORECAST.md): the yearly ACI
 * declaration and PEPS grid as their canonical files, the expected
 * instalments, and the counts an estimate takes from the practice's
 * records. Writes run inside the caller's transaction. */
#ifndef QUOTEPART_DB_FORECAST_H
#define QUOTEPART_DB_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "quotepart/db.h"
#include "quotepart/expected.h"
#include "quotepart/peps.h"

/* kind "aci" or "peps". *rules and *body new strings (*rules NULL when
 * none was recorded); ST_NOTFOUND when the exercise has none. */
enum status db_forecast_file_get(struct db *db, const char *kind, int exercise, char **rules,
                                 char **body, struct err *e);
/* Store (replacing) the file of an exercise. */
enum status db_forecast_file_put(struct db *db, const char *kind, int exercise,
                                 const char *rules, const char *body, struct err *e);
/* The exercises that have a file of this kind, in order. */
enum status db_forecast_exercises(struct db *db, const char *kind, int **out, size_t *n,
                                  struct err *e);

/* Replace the expected instalments of one origin, source and exercise
 * by v[0..n). */
enum status db_expected_replace(struct db *db, const char *origin, const char *source,
                                const char *exercise, const struct expected *v, size_t n,
                                struct err *e);
/* Add one (a manual instalment); *id its new id. */
enum status db_expected_add(struct db *db, const struct expected *x, int64_t *id,
                            struct err *e);
/* Remove one by id (ST_NOTFOUND when there is none). */
enum status db_expected_delete(struct db *db, int64_t id, struct err *e);
/* Every expected instalment, by due date (exercise NULL) or of one
 * exercise. */
enum status db_expected_list(struct db *db, const char *exercise, struct expected **out,
                             size_t *n, struct err *e);

/* On `day`: the patients enrolled with a member of profession `gp` and
 * status `associate` both active that day (P), and the members of status
 * `associate` active that day (n). */
enum status db_forecast_counts(struct db *db, int32_t day, int64_t *patients,
                               int64_t *associates, struct err *e);

/* Each patient enrolled at least one day of the year `exercise`,
 * whatever its GP, with what the PEPS grid matches and its GP's code,
 * given to visit(ctx, patient, e) in id order; the patient and its
 * strings last only the call. Stops at the first status visit returns
 * other than ST_OK, and returns it. */
struct peps_patient;
typedef enum status (*db_peps_visit)(void *ctx, const struct peps_patient *p, struct err *e);
enum status db_peps_each(struct db *db, int exercise, db_peps_visit visit, void *ctx,
                         struct err *e);

#endif
