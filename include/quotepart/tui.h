/* tui.h: the terminal interface (ncursesw). */
#ifndef QUOTEPART_TUI_H
#define QUOTEPART_TUI_H

#include <stdbool.h>

#include "quotepart/app.h"
#include "quotepart/err.h"
#include "quotepart/text.h"

struct tui_options {
	bool no_color;   /* --no-color; NO_COLOR in the environment also */
};

/* Run the interface on an open practice until the user quits. The
 * terminal is restored on every way out. ST_USAGE when there is no
 * terminal. */
enum status tui_run(struct app *a, const struct tui_options *opt, struct err *e);

/* The keys of the interface from its action table, for the man page's key
 * list (generated from it or checked against it): a "[Screen]" line per
 * group (the first is "[Every screen]"), then one "KEYS<TAB>WHAT" line
 * per action, in English. Needs no terminal. Appends to out. */
void tui_bindings_write(struct sbuf *out);

#endif
