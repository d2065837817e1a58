/* first_run.c: `quotepart` with no database yet, at a terminal: the
 * interface's first-run screen asks, and this creates the practice or the
 * demo and opens the interface on it. The demo is kept in a file of its
 * own, beside where the practice's database would be, so that trying it
 * never takes the real database's place. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "quotepart/app_views.h"
#include "quotepart/i18n.h"

/* Where the database would be: --db, else the default, without making its
 * folder. NULL when it cannot be named. */
static char *practice_file(const struct opts *o)
{
	if (o->db)
		return strdup(o->db);
	char *path = NULL;
	struct err ignored = ERR_INIT;
	return app_default_db_name(&path, &ignored) == ST_OK ? path : NULL;
}

bool cli_no_database(const struct opts *o)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return false;
	char *path = practice_file(o);
	bool none = path && access(path, F_OK) != 0 && errno == ENOENT;
	free(path);
	return none;
}

/* demo.db in the folder of the database path given (a new string). */
static char *demo_path_of(const char *db_path)
{
	const char *slash = strrchr(db_path, '/');
	if (!slash)
		return strdup("demo.db");
	return str_printf("%.*s/demo.db", (int)(slash - db_path), db_path);
}

/* Open (making it when missing) the demo practice at path. */
static enum status open_demo(const char *path, const char *config, bool exists,
                             struct app **a, struct err *e)
{
	if (exists)
		return app_open(path, config, DB_OPEN_DEFER_CHECK, a, e);
	size_t keys = 0;
	enum status rc = app_open(path, config, DB_CREATE, a, e);
	if (rc == ST_OK && ((rc = app_demo(*a, e)) != ST_OK ||
	                    (rc = app_key_examples(*a, &keys, e)) != ST_OK)) {
		app_close(*a);
		*a = NULL;
	}
	return rc;
}

/* Create the practice `name` where o says (NULL db: the default, its
 * folder made). */
static enum status create_practice(const struct opts *o, const char *name, struct app **a,
                                   struct err *e)
{
	enum status rc = app_open(o->db, o->config, DB_CREATE, a, e);
	if (rc == ST_OK && (rc = app_init(*a, name, e)) != ST_OK) {
		app_close(*a);
		*a = NULL;
	}
	return rc;
}

int cli_first_run(const struct cli_ui *ui, struct opts *o)
{
	struct err e = ERR_INIT;
	char *db = practice_file(o), *demo = db ? demo_path_of(db) : NULL, *name = NULL;
	if (!db || !demo) {
		free(db);
		free(demo);
		err_set(&e, ST_NOMEM, NULL);
		return cli_fail(&e);
	}
	bool demo_exists = access(demo, F_OK) == 0;
	enum cli_first choice = CLI_FIRST_QUIT;
	struct app *a = NULL;
	char *notice = NULL;
	enum status rc = ui->first_run(db, demo, demo_exists, &choice, &name, &e);
	if (rc == ST_OK && choice == CLI_FIRST_CREATE) {
		if ((rc = create_practice(o, name, &a, &e)) == ST_OK)
			notice = str_printf(_("Practice \"%s\" ready in %s. Start on the Members screen (2): "
			                      "a adds a member."), name, app_path(a));
	} else if (rc == ST_OK && choice == CLI_FIRST_DEMO) {
		if ((rc = open_demo(demo, o->config, demo_exists, &a, &e)) == ST_OK)
			notice = str_printf(_("This is the demo practice, in %s. For your own: quit, start "
			                      "quotepart again and choose c."), demo);
	}
	if (rc == ST_OK && a)
		rc = ui->run(a, o->no_color, notice, &e);
	app_close(a);
	free(notice);
	free(name);
	free(db);
	free(demo);
	return rc == ST_OK ? 0 : cli_fail(&e);
}
