/* cli.h: the command line: parse arguments, call the use cases, print. */
#ifndef QUOTEPART_CLI_H
#define QUOTEPART_CLI_H

#include <stdbool.h>

#include "quotepart/app.h"

/* How the command line opens the interface (the `tui` command, or no
 * command at all): main passes the TUI's entry points, as cli and tui
 * are neighbours that do not include each other. */
enum cli_first { CLI_FIRST_QUIT, CLI_FIRST_CREATE, CLI_FIRST_DEMO };
struct cli_ui {
	/* The interface on an open practice; notice: its first message. */
	enum status (*run)(struct app *a, bool no_color, const char *notice, struct err *e);
	/* The first-run screen, when there is no database at db_path: the
	 * choice, and the name typed for CLI_FIRST_CREATE (malloc'd). */
	enum status (*first_run)(const char *db_path, const char *demo_path, bool demo_exists,
	                         enum cli_first *choice, char **name, struct err *e);
};

/* The whole program: returns the sysexits exit code. */
int cli_main(int argc, char **argv, const struct cli_ui *ui);

#endif
