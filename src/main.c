/* main.c: the command line, with the terminal interface plugged in. */
#include "quotepart/cli.h"
#include "quotepart/tui.h"

static enum status open_ui(struct app *a, bool no_color, const char *notice, struct err *e)
{
	struct tui_options opt = { .no_color = no_color, .notice = notice };
	return tui_run(a, &opt, e);
}

static enum status first_run(const char *db_path, const char *demo_path, bool demo_exists,
                             enum cli_first *choice, char **name, struct err *e)
{
	struct tui_first in = { db_path, demo_path, demo_exists };
	enum tui_first_choice c;
	enum status rc = tui_first_run(&in, &c, name, e);
	*choice = c == TUI_FIRST_CREATE ? CLI_FIRST_CREATE : c == TUI_FIRST_DEMO ? CLI_FIRST_DEMO
	                                                                         : CLI_FIRST_QUIT;
	return rc;
}

int main(int argc, char **argv)
{
	static const struct cli_ui ui = { open_ui, first_run };
	return cli_main(argc, argv, &ui);
}
