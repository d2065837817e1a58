/* app_internal.h: what the files of src/app share, and nobody else. */
#ifndef QUOTEPART_APP_INTERNAL_H
#define QUOTEPART_APP_INTERNAL_H

#include "quotepart/app.h"

struct app {
	struct db *db;
	struct config *cfg;
};

/* Copy the configuration's professions into the database (inside the
 * caller's transaction). */
enum status app_sync_professions(struct app *a, struct err *e);

/* Write an audit entry whose detail is printf-formatted (inside the
 * caller's transaction). */
enum status app_audit(struct app *a, const char *action, struct err *e,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The example keys of config/keys/, compiled in (build/gen). */
struct qp_example_key {
	const char *file;
	const char *text;
};
extern const struct qp_example_key qp_example_keys[];
extern const size_t qp_n_example_keys;

#endif
