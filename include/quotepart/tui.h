/* tui.h: the terminal interface (ncursesw). */
#ifndef QUOTEPART_TUI_H
#define QUOTEPART_TUI_H

#include <stdbool.h>

#include "quotepart/app.h"
#include "quotepart/err.h"
#include "quotepart/text.h"

struct tui_options {
	bool no_color;   /* --no-color; NO_COLOR in the environment also */
	const char *notice; /* what the message line says first, or NULL */
};

/* Run the interface on an open practice until the user quits. The
 * terminal is restored on every way out. ST_USAGE when there is no
 * terminal. */
enum status tui_run(struct app *a, const struct tui_options *opt, struct err *e);

/* What the first-run screen knows and what the user chose there. */
struct tui_first {
	const char *db_path;     /* where the practice's database would be */
	const char *demo_path;   /* where the demo practice is kept */
	bool demo_exists;        /* whether it was made already */
};
enum tui_first_choice { TUI_FIRST_QUIT, TUI_FIRST_CREATE, TUI_FIRST_DEMO };

/* The screen shown when there is no database yet: create the practice
 * (*name: the name typed, malloc'd) or open the demo, or quit. It only
 * asks; the caller creates or opens. ST_USAGE when there is no terminal. */
enum status tui_first_run(const struct tui_first *in, enum tui_first_choice *choice,
                          char **name, struct err *e);

/* The keys of the interface from its action table, for the man page's key
 * list (generated from it or checked against it): a "[Screen]" line per
 * group (the first is "[Every screen]"), then one "KEYS<TAB>WHAT" line
 * per action, in English. Needs no terminal. Appends to out. */
void tui_bindings_write(struct sbuf *out);

#endif
