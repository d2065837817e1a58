/* cli.h: the command line: parse arguments, call the use cases, print. */
#ifndef QUOTEPART_CLI_H
#define QUOTEPART_CLI_H

#include <stdbool.h>

#include "quotepart/app.h"

/* How the command line opens the interface (the `tui` command, or no
 * command at all): main passes the TUI's entry point. */
typedef enum status (*cli_ui_fn)(struct app *a, bool no_color, struct err *e);

/* The whole program: returns the sysexits exit code. */
int cli_main(int argc, char **argv, cli_ui_fn ui);

#endif
