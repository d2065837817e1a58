/* app_store.h: the store behind an app, for src/app and the tests that
 * look under it. The interfaces (src/cli, src/tui) never include this:
 * everything they read or write goes through app's own functions
 * (app.h, app_views.h, app_edit.h, app_reports.h), and
 * scripts/check-layers.sh says so. */
#ifndef QUOTEPART_APP_STORE_H
#define QUOTEPART_APP_STORE_H

#include "quotepart/app.h"
#include "quotepart/db.h"

struct db *app_db(struct app *a);

#endif
