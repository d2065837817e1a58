/* main.c: the command line, with the terminal interface plugged in. */
#include "quotepart/cli.h"
#include "quotepart/tui.h"

static enum status open_ui(struct app *a, bool no_color, struct err *e)
{
	struct tui_options opt = { .no_color = no_color };
	return tui_run(a, &opt, e);
}

int main(int argc, char **argv)
{
	return cli_main(argc, argv, open_ui);
}
