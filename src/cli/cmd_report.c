/* cmd_report.c: the report commands: statements, summaries, journals. */
#include <stddef.h>

#include "cli_internal.h"

const struct command cli_report_commands[] = {
	{ NULL, NULL, NULL, 0, 0, NULL, NULL, DB_READONLY },
};
const size_t cli_n_report_commands = 0;
