/* cli_internal.h: what the files of src/cli share: the parsed options and
 * the helpers every command uses to print and fail the same way. */
#ifndef QUOTEPART_CLI_INTERNAL_H
#define QUOTEPART_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "quotepart/app.h"
#include "quotepart/cli.h"
#include "quotepart/report.h"

/* The most --set a command takes. */
#define CLI_MAX_SETS 64

/* Options of a command: parsed into this struct by one getopt loop. */
struct opts {
	const char *db;
	const char *config;
	const char *name;
	const char *format;
	const char *out;
	const char *keys[2];
	int n_keys;
	const char *date;
	const char *note;
	const char *member;
	const char *means;
	bool dry_run;
	bool true_up;
	bool rename;         /* init --rename */
	bool no_color;
	bool all;            /* --all */
	const char *year;    /* --year Y */
	const char *from;    /* --from D */
	const char *to;      /* --to D */
	const char *exercise;   /* --exercise N */
	const char *rules;      /* --rules FILE */
	const char *sets[CLI_MAX_SETS];   /* --set NAME=VALUE, in order */
	int n_sets;
	bool save;              /* --save */
	int argc;        /* positional arguments after the command */
	char **argv;
	struct app *app; /* the open practice: what --out must never replace */
};

enum opt_id {
	O_NAME = 256, O_FORMAT, O_OUT, O_KEY, O_DATE, O_NOTE, O_MEMBER, O_MEANS,
	O_DRY_RUN, O_TRUE_UP, O_DB, O_CONFIG, O_NO_COLOR, O_ALL, O_YEAR, O_FROM,
	O_TO, O_RENAME, O_EXERCISE, O_RULES, O_SET, O_SAVE
};

struct command {
	const char *name;
	const char *args;        /* synopsis after the name */
	const char *help;        /* one line, N_() marked */
	int min_args, max_args;
	const enum opt_id *opts; /* 0-terminated: the options it takes */
	int (*run)(struct app *a, struct opts *o);
	enum db_mode mode;       /* how it opens the database */
};

/* The report commands, defined in cmd_report.c, listed after the others
 * in --help and the man page. */
extern const struct command cli_report_commands[];
extern const size_t cli_n_report_commands;

/* `quotepart aci`, `quotepart peps` and `quotepart estimate`
 * (cmd_forecast.c). */
int cli_cmd_aci(struct app *a, struct opts *o);
int cli_cmd_peps(struct app *a, struct opts *o);
int cli_cmd_estimate(struct app *a, struct opts *o);
int cli_cmd_instalments(struct app *a, struct opts *o);
int cli_cmd_instalment(struct app *a, struct opts *o);
/* `quotepart settings` (cmd_settings.c). */
int cli_cmd_settings(struct app *a, struct opts *o);

/* Print "quotepart: MESSAGE" on stderr, clear e; returns the exit code. */
int cli_fail(struct err *e);
/* A usage error on stderr with a hint; returns EX_USAGE (64). */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write b to --out FILE (atomically, 0600) or stdout, and free it;
 * returns the exit code. */
int cli_emit(const struct opts *o, struct sbuf *b);
/* --format into *f among the formats of `can` (reports.h), dflt when
 * absent: 0, or a usage error's exit code when the command does not make
 * that format or when PDF or XLSX lack --out FILE. */
int cli_want_format(const struct opts *o, unsigned can, enum rep_format dflt, enum rep_format *f);
/* --date parsed, or a usage error's exit code. */
int cli_need_date(const char *s, int32_t *d);
/* How a receipt is named to the user: "REF (id 4)", or "id 4" when it
 * has no reference; escaped. A new string. */
char *cli_receipt_words(const char *ref, int64_t id);
/* `quotepart transfers` (cmd_transfers.c). */
int cli_cmd_transfers(struct app *a, struct opts *o);


/* first_run.c: whether the command line's database does not exist yet,
 * at a terminal; then the first-run screen and what it chose (the exit
 * code). */
bool cli_no_database(const struct opts *o);
int cli_first_run(const struct cli_ui *ui, struct opts *o);

#endif
